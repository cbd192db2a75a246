"""Conditions of the trigger lexicon: named tests on a candidate trigger's roles (``event_triggers.csv``).

A condition string is ``"a+b|c"``: (a and b) or c; ``"!a"`` negates. Each name is a function of a
:class:`Probe`, which computes the trigger's actor, theme and target once. The noun classes tested are in
``ontology.json`` ("armed", "civilian", "place"...).

Example:
    >>> sorted(CONDITIONS)[:3]
    ['aerial_actor', 'agreement_theme', 'aid_theme']
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.event_args import (
    PRONOUNS,
    Context,
    _child,
    _pobj,
    actor,
    has_to,
    in_class,
    is_place_name,
    place_items,
    target,
    theme,
)
from sitroom.model import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Token

_LOCATIVE = {"in", "at", "near", "on", "outside", "inside", "around", "across", "throughout", "along", "into",
             "within", "over", "off", "towards", "toward"}


def _armed(token: Token | None, ctx: Context) -> bool:
    if token is None:
        return False
    if ctx.is_type(token, EntityType.GROUP) or in_class(token, "armed"):
        return True
    if token.lemma_.lower() == "group" and any(in_class(c, "armed") or c.lower_ in ("armed", "insurgent", "rebel")
                                                for c in token.children if c.dep_ in ("amod", "compound")):
        return True  # "an armed group", not "a rights group"
    return any(c.dep_ in ("compound", "amod") and ctx.is_type(c, EntityType.GROUP) for c in token.children)


def _state(token: Token | None, ctx: Context) -> bool:
    if token is None or ctx.is_type(token, EntityType.GROUP):
        return False
    if any(c.dep_ in ("compound", "amod") and ctx.is_type(c, EntityType.GROUP) for c in token.children):
        return False
    if in_class(token, "state"):
        return True
    return token.lemma_.lower() in ("force", "forces") and any(
        in_class(c, "state_modifier") or c.ent_type_ == "NORP" for c in token.children if c.dep_ in ("amod",
                                                                                                     "compound"))


def _resolved(token: Token | None, ctx: Context) -> Token | None:
    if token is not None and token.ent_type_ in ("DATE", "TIME"):
        return None  # "Sunday's fighting", "fighting on Sunday": a time, not a party
    if token is not None and token.lower_ in PRONOUNS:
        from sitroom.event_links import antecedent

        return antecedent(token, ctx)
    return token


@dataclass(frozen=True)
class Probe:
    """The roles of one candidate trigger, computed once for the conditions that test them."""

    trigger: Token
    plover: str
    ctx: Context

    @functools.cached_property
    def actor(self) -> Token | None:
        return _resolved(actor(self.trigger), self.ctx)

    @functools.cached_property
    def theme(self) -> Token | None:
        return theme(self.trigger)

    @functools.cached_property
    def target(self) -> Token | None:
        return _resolved(target(self.trigger, self.plover), self.ctx)


def _place_theme(p: Probe) -> bool:
    if p.theme is None:
        return False
    return bool(place_items(p.theme, p.ctx, loose=True)) or in_class(p.theme, "facility") or in_class(
        p.theme, "generic_place")


def _with_party(p: Probe) -> bool:
    return _pobj(p.trigger, "with", "between") is not None


def _travel_prep(p: Probe) -> bool:
    found = _pobj(p.trigger, "for", "to")
    return found is not None and bool(place_items(found, p.ctx, loose=True))


def _place_prep(p: Probe) -> bool:
    found = _pobj(p.trigger, *_LOCATIVE)
    return found is not None and (in_class(found, "place") or is_place_name(found, p.ctx, loose=True))


def _launched(p: Probe) -> bool:
    head = p.trigger.head
    if p.trigger.dep_ in ("dobj", "nsubjpass") and in_class(head, "light_verb"):
        return True
    return any(c.dep_ in ("amod", "compound") and in_class(c, "military_modifier") for c in p.trigger.children)


def _paired_with_kill(p: Probe) -> bool:
    t = p.trigger
    head = t.head.head if t.head.dep_ == "conj" and t.dep_ == "acl" else t.head
    return t.dep_ in ("conj", "acl") and head.lemma_.lower() == "kill" or any(
        c.dep_ == "conj" and c.lemma_.lower() == "kill" for c in t.children)


def _noun_theme(name: str) -> Callable[[Probe], bool]:
    def test(p: Probe) -> bool:
        found = p.theme
        if found is not None and (found.pos_ == "NUM" or in_class(found, "partitive")):
            found = _pobj(found, "of") or found
        return found is not None and in_class(found, name)
    return test


def _request_frame(p: Probe) -> bool:
    return _pobj(p.trigger, "for") is not None or any(c.dep_ == "xcomp" and has_to(c) for c in p.trigger.children)


CONDITIONS: dict[str, Callable[[Probe], bool]] = {
    "place_theme": _place_theme,
    "place_prep": _place_prep,
    "travel_prep": _travel_prep,
    "person_theme": lambda p: p.theme is not None and (p.ctx.is_type(p.theme, EntityType.PERSON) or in_class(
        p.theme, "civilian") or in_class(p.theme, "armed")),
    "armed_actor": lambda p: _armed(p.actor, p.ctx),
    "state_actor": lambda p: _state(p.actor, p.ctx),
    "nonstate_actor": lambda p: p.actor is not None and _armed(p.actor, p.ctx) and not _state(p.actor, p.ctx),
    "has_actor": lambda p: p.actor is not None,
    "has_object": lambda p: _child(p.trigger, "dobj") is not None,
    "with_party": _with_party,
    "armed_theme": lambda p: _armed(p.theme, p.ctx) or _noun_theme("armed")(p),
    "object_not_armed": lambda p: _child(p.trigger, "dobj") is not None and not _armed(
        _child(p.trigger, "dobj"), p.ctx),
    "civil_theme": _noun_theme("diplomatic"),
    "agreement_theme": _noun_theme("agreement"),
    "proposal_theme": _noun_theme("proposal"),
    "assurance_theme": _noun_theme("assurance"),
    "aid_theme": _noun_theme("aid"),
    "detainee_theme": _noun_theme("detainee"),
    "mission_subject": lambda p: (p.theme is not None and in_class(p.theme, "mission")),
    "civilian_target": lambda p: p.target is not None and in_class(p.target, "civilian") and not _armed(
        p.target, p.ctx),
    "armed_target": lambda p: _armed(p.target, p.ctx),
    "launched": _launched,
    "indirect_fire_actor": lambda p: p.actor is not None and in_class(p.actor, "indirect_weapon"),
    "aerial_actor": lambda p: p.actor is not None and in_class(p.actor, "aerial_weapon"),
    "military_modifier": lambda p: any(in_class(c, "military_modifier") for c in p.trigger.children),
    "paired_with_kill": _paired_with_kill,
    "plural": lambda p: p.trigger.tag_ in ("NNS", "NNPS"),
    "request_frame": _request_frame,
    "to_infinitive": lambda p: has_to(p.trigger),
    "to_infinitive_complement": lambda p: any(c.dep_ == "xcomp" and has_to(c) for c in p.trigger.children),
}


def holds(condition: str, probe: Probe) -> bool:
    """Evaluate a condition string of the lexicon: ``"a+b|c"`` = (a and b) or c; ``"!a"`` = not a."""
    if not condition:
        return True
    return any(all(CONDITIONS[term.lstrip("!")](probe) != term.startswith("!") for term in alt.split("+") if term)
               for alt in condition.split("|"))
