"""Conditions of the trigger lexicon: named tests on a candidate trigger's roles (``event_triggers.csv``).

A condition string is ``"a+b|c"``: (a and b) or c; ``"!a"`` negates. Each name is a function of a
:class:`Probe`, which computes the trigger's actor, theme and target once. The noun classes tested are in
``ontology.json`` ("armed", "civilian", "place"...).

Example:
    >>> sorted(CONDITIONS)[:3]
    ['access_theme', 'acl_of_trigger', 'aerial_actor']
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
    is_country,
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


_COUNTED = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "group", "unit"}


def _armed(token: Token | None, ctx: Context) -> bool:
    if token is None:
        return False
    if token.lower_ in _COUNTED or token.pos_ == "NUM":  # "dozens of RSF fighters"
        inner = _pobj(token, "of")
        if inner is not None and _armed(inner, ctx):
            return True
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


def _past_dateline(token: Token | None, ctx: Context) -> Token | None:
    """A subject the parser took from the dateline ("KABUL - Taleban fighters took ...": "KABUL") gives way to
    the noun phrase right after the dateline that it governs; a dateline word is never an argument."""
    if token is None or token.i >= ctx.dateline_end:
        return token
    twin = next((c for c in token.head.children if c.dep_ == token.dep_ and c.i >= ctx.dateline_end), None)
    if twin is not None:
        return twin  # "ZAPORIZHZHIA, Aug 29 (Wire) - Ukrainian troops have ...": two subjects, one in the dateline
    return next((t for t in token.subtree if t.i >= ctx.dateline_end and t.pos_ in ("NOUN", "PROPN", "PRON") and (
        t.head.i < ctx.dateline_end or t.head.i == t.i)), None)


@dataclass(frozen=True)
class Probe:
    """The roles of one candidate trigger, computed once for the conditions that test them."""

    trigger: Token
    plover: str
    ctx: Context

    @functools.cached_property
    def actor(self) -> Token | None:
        found = actor(self.trigger)
        if found is not None and self.theme is not None and found.i == self.theme.i and found.dep_ == "poss":
            return None  # "Herat's fall": the place that fell, not who took it
        return _resolved(_past_dateline(found, self.ctx), self.ctx)

    @functools.cached_property
    def theme(self) -> Token | None:
        return theme(self.trigger) or _possessive_place(self.trigger, self.ctx)

    @functools.cached_property
    def target(self) -> Token | None:
        return _resolved(target(self.trigger, self.plover), self.ctx)


def _possessive_place(trigger: Token, ctx: Context) -> Token | None:
    """The place a noun of taking happens to, written as its possessive: "Herat's fall", "the city's capture";
    a country is the taker ("Russia's capture"), except of what befalls it ("Afghanistan's fall"). Nouns
    whose rows take no place ("Kyiv's counteroffensive") keep their possessive as the actor."""
    from sitroom.ontology import rules_by_word

    if trigger.pos_ not in ("NOUN", "PROPN") or not any("place_theme" in rule.condition for rule in rules_by_word(
            ).get((trigger.lemma_.lower(), "NOUN"), ())):
        return None
    owner = _child(trigger, "poss")
    if owner is None or owner.lower_ in PRONOUNS:
        return None
    named = is_place_name(owner, ctx)
    if not (named or in_class(owner, "place") and not in_class(owner, "generic_place")):
        return None
    befalls = in_class(trigger, "unaccusative") or in_class(trigger, "loser_subject")
    return owner if befalls or not (named and is_country(owner, ctx)) else None


def _place_theme(p: Probe) -> bool:
    if p.theme is None:
        return False
    return bool(place_items(p.theme, p.ctx, loose=True)) or in_class(p.theme, "facility") or in_class(
        p.theme, "generic_place")


def _with_party(p: Probe) -> bool:
    """"talks with X", "discuss the deal with X" (the "with" phrase the parser may hang on the object)."""
    obj = _child(p.trigger, "dobj")
    return _pobj(p.trigger, "with", "between") is not None or obj is not None and _pobj(obj, "with") is not None


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


def _modifiers(token: Token | None) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")] if token is not None else []


def _aerial(token: Token | None) -> bool:
    """A weapon or force that strikes from the air: "jets", "a drone", "the air force"."""
    if token is None:
        return False
    return in_class(token, "aerial_weapon") or any(in_class(c, "aerial_modifier") for c in _modifiers(token))


def _aid_modifier(p: Probe) -> bool:
    """"food distributions", "aid deliveries", "distribution of aid"."""
    inner = _pobj(p.trigger, "of")
    return any(in_class(c, "aid") for c in _modifiers(p.trigger)) or inner is not None and in_class(inner, "aid")


def _aid_actor(p: Probe) -> bool:
    """An aid convoy or aid trucks as the subject of a motion verb ("no aid convoy has reached it")."""
    who = p.actor
    if who is None or _armed(who, p.ctx) or any(in_class(c, "military_modifier") or in_class(c, "armed")
                                                for c in _modifiers(who)):
        return False
    if in_class(who, "aid") or any(in_class(c, "aid") for c in _modifiers(who)):
        return True
    carried = next((c for c in who.children if c.dep_ == "acl" and c.lemma_.lower() in ("carry", "bring", "deliver")),
                   None)
    return in_class(who, "aid_carrier") and (who.lemma_.lower() not in ("truck", "lorry") or carried is not None)


def _access_theme(p: Probe) -> bool:
    """A crossing, corridor, border or road opened or closed (humanitarian access)."""
    found = p.theme
    if found is None and p.trigger.pos_ == "VERB":
        found = _child(p.trigger, "nsubj")  # "if the border post opens"
    return found is not None and (in_class(found, "access") or any(
        in_class(c, "access") for c in _modifiers(found)) and found.lemma_.lower() in ("post", "point"))


def _ceasefire_frame(p: Probe) -> bool:
    """A ceasefire agreed, declared, announced or taking effect; not one urged, monitored or merely held."""
    head = p.trigger.head
    if p.trigger.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    if p.trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and in_class(head, "ceasefire_verbs"):
        return True
    return any(c.dep_ == "relcl" and (c.lemma_.lower() in ("take", "begin", "start", "come", "enter") or any(
        g.lower_ == "effect" for g in c.children)) for c in p.trigger.children)


def _repelled(p: Probe) -> bool:
    """"repelled the attack": an attack met by armed resistance is a clash."""
    return p.trigger.dep_ in ("dobj", "nsubjpass") and in_class(p.trigger.head, "repel_verbs")


def _property(token: Token | None) -> bool:
    return token is not None and in_class(token, "property") and not in_class(token, "civilian")


def _town_target(p: Probe) -> bool:
    """An attack on a named town or village (ACLED codes armed groups' raids on towns as violence against
    civilians when no armed opponent is named)."""
    found = p.target
    return found is not None and p.ctx.is_type(found, EntityType.PLACE) and not _armed(found, p.ctx)


def _named_victim(p: Probe) -> bool:
    """A named person (or a pronoun standing for one) killed: a targeted killing, not an aggregate toll."""
    found = p.theme
    if found is None or any(c.dep_ == "nummod" for c in found.children) or found.tag_ in ("NNS", "NNPS"):
        return False
    if found.lower_ in ("him", "her"):
        return True
    return any(p.ctx.is_type(t, EntityType.PERSON) for t in found.subtree)  # "the governor of X, Y Z,"


def _civilian_subject(p: Probe) -> bool:
    """A participle on a civilian noun phrase: "300 wounded people, most of them shot while running"."""
    t = p.trigger
    if t.lower_ != "shot" or _child(t, "dobj") is not None:
        return False
    head = t.head if t.dep_ in ("acl", "relcl") else _child(t, "nsubj", "nsubjpass")
    if head is None:
        return False
    found = _pobj(head, "of") if in_class(head, "partitive") else head
    if found is not None and found.lower_ in ("them", "they"):  # "most of them": the plural noun before
        found = next((w for w in reversed(list(p.ctx.sentence(t))[:found.i - p.ctx.sentence(t).start])
                      if w.tag_ == "NNS"), None)
    return found is not None and (in_class(found, "civilian") or _civilian_mod(found))


def _civilian_mod(token: Token) -> bool:
    return token.lemma_.lower() in ("people", "person") or any(in_class(c, "civilian") for c in _modifiers(token))


def _kill_in_sentence(p: Probe) -> bool:
    """"killed ..., adding that hundreds more had been wounded": the toll of the same event."""
    return any(t.lemma_.lower() == "kill" and t.i != p.trigger.i for t in p.ctx.sentence(p.trigger))


def _conj_of_aerial(p: Probe) -> bool:
    t = p.trigger
    return t.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and _aerial(
        _resolved(actor(t.head), p.ctx))


def _toward_prep(p: Probe) -> bool:
    found = _pobj(p.trigger, "toward", "towards", "on", "into")
    return found is not None and (in_class(found, "place") or is_place_name(found, p.ctx, loose=True))


def _acl_of_trigger(p: Probe) -> bool:
    """"attacks targeting media workers": the participle describes the attack, it is no second event."""
    from sitroom.ontology import rules_by_word

    head = p.trigger.head
    return p.trigger.dep_ == "acl" and (head.lemma_.lower(), "NOUN") in rules_by_word()


def _request_frame(p: Probe) -> bool:
    return _pobj(p.trigger, "for") is not None or any(c.dep_ == "xcomp" and has_to(c) for c in p.trigger.children)


def _trigger_noun(token: Token | None) -> bool:
    """A noun of the trigger lexicon ("an offensive", "a breakthrough"): an event, not a party or a thing."""
    from sitroom.ontology import rules_by_word

    return token is not None and token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower(), "NOUN") in rules_by_word()


def _military_target(p: Probe) -> bool:
    """Positions, bases, lines or convoys attacked: a battle, whoever holds them."""
    found = p.target
    return found is not None and in_class(found, "military_target") and not in_class(found, "civilian")


def _motion_prep(p: Probe) -> bool:
    """A movement to somewhere: "moving to new defensive lines", "toward the front"."""
    return _pobj(p.trigger, "to", "toward", "towards", "into") is not None


def _detainee_modifier(p: Probe) -> bool:
    """"a prisoner exchange", "an exchange of prisoners"."""
    inner = _pobj(p.trigger, "of")
    return any(in_class(c, "detainee") for c in _modifiers(p.trigger)) or inner is not None and in_class(
        inner, "detainee")


def _transient(p: Probe) -> bool:
    """"briefly broke into X (before being driven back)": an incursion, not a hold on the place."""
    from sitroom.modality import cues

    return any(c.dep_ == "advmod" and c.lower_ in cues()["transient_marks"] for c in p.trigger.children)


def _refused_deal(p: Probe) -> bool:
    """"refused to extend a deal", "refused to sign the accord": the refusal of an agreement or proposal."""
    for clause in p.trigger.children:
        if clause.dep_ == "xcomp" and has_to(clause):
            obj = _child(clause, "dobj")
            if obj is not None and (in_class(obj, "agreement") or in_class(obj, "proposal")):
                return True
    return False


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
    "aid_theme": lambda p: _noun_theme("aid")(p) or p.theme is not None and any(
        in_class(c, "aid") for c in _modifiers(p.theme)),
    "detainee_theme": _noun_theme("detainee"),
    "mission_subject": lambda p: (p.theme is not None and in_class(p.theme, "mission")),
    "civilian_target": lambda p: p.target is not None and (in_class(p.target, "civilian") or _civilian_mod(
        p.target)) and not _armed(p.target, p.ctx),
    "armed_target": lambda p: _armed(p.target, p.ctx),
    "launched": _launched,
    "indirect_fire_actor": lambda p: p.actor is not None and in_class(p.actor, "indirect_weapon"),
    "aerial_actor": lambda p: _aerial(p.actor),
    "military_modifier": lambda p: any(in_class(c, "military_modifier") for c in p.trigger.children),
    "paired_with_kill": _paired_with_kill,
    "plural": lambda p: p.trigger.tag_ in ("NNS", "NNPS"),
    "request_frame": _request_frame,
    "to_infinitive": lambda p: has_to(p.trigger),
    "to_infinitive_complement": lambda p: any(c.dep_ == "xcomp" and has_to(c) for c in p.trigger.children),
    "aid_modifier": _aid_modifier,
    "aid_actor": _aid_actor,
    "access_theme": _access_theme,
    "ceasefire_frame": _ceasefire_frame,
    "repelled": _repelled,
    "property_target": lambda p: _property(p.target),
    "property_theme": lambda p: _property(p.theme),
    "town_target": _town_target,
    "named_victim": _named_victim,
    "civilian_subject": _civilian_subject,
    "kill_in_sentence": _kill_in_sentence,
    "conj_of_aerial": _conj_of_aerial,
    "toward_prep": _toward_prep,
    "armed_modifier": lambda p: any(_armed(c, p.ctx) for c in _modifiers(p.trigger)),
    "arms_theme": _noun_theme("arms"),
    "definite": lambda p: any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in p.trigger.children),
    "acl_of_trigger": _acl_of_trigger,
    "military_target": _military_target,
    "motion_prep": _motion_prep,
    "detainee_modifier": _detainee_modifier,
    "fortification_theme": _noun_theme("fortification"),
    "refused_deal": _refused_deal,
    "transient": _transient,
    "event_subject": lambda p: _trigger_noun(_child(p.trigger, "nsubj")),
    "event_object": lambda p: _trigger_noun(_child(p.trigger, "dobj")),
}


def holds(condition: str, probe: Probe) -> bool:
    """Evaluate a condition string of the lexicon: ``"a+b|c"`` = (a and b) or c; ``"!a"`` = not a."""
    if not condition:
        return True
    return any(all(CONDITIONS[term.lstrip("!")](probe) != term.startswith("!") for term in alt.split("+") if term)
               for alt in condition.split("|"))
