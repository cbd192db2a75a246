"""Sides of a conflict: whose voice reports an event, whose forces act, and whose territory is taken.

Two codings depend on which side an actor is on, and both follow the rule an ACLED coder applies in any war:

* **Claimed** (GUIDELINES.md section 5, SUDAN.md, UKRAINE.md): a party to the conflict (an armed group, an
  army, a defence ministry, a general staff, military commanders, state media) *claims* what serves it: its own
  operations and successes ("its troops had captured X", "we carried out retaliatory strikes"), the enemy's
  flight ("the enemy fled") and the enemy's violence against civilians ("the army was bombing civilians"). It
  merely *reports* (asserted) its own withdrawal ("its forces withdrew"), fighting with no stated actor
  ("fighting was continuing") and the other side's attacks on its forces.
* **Captures by state forces** (ACLED codebook): *Government regains territory* is a government retaking its own
  territory; a foreign state's forces that take a place are coded like a non-state actor, *Non-state actor
  overtakes territory* ("Russian forces captured a Ukrainian village", "Ukrainian troops recaptured Robotyne").
  The actor's country comes from a nationality word or country name in its phrase ("Russian units", "Russia's
  defence ministry ... its troops"), the place's from the gazetteer.

Example:
    >>> _content({"the", "russian", "units"})
    {'russian'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.event_args import PRONOUNS, Context, in_class, phrase
from sitroom.model import EntityType, FeatureLevel

if TYPE_CHECKING:
    from spacy.tokens import Token

REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
_CLAIMABLE = {"ASSAULT", "RETREAT", "COERCE", "MOBILIZE"}
_POSSESSIVE = {"its", "their", "his", "her", "our", "my"}


def _words(token: Token) -> list[Token]:
    start, end = phrase(token)
    return [token.doc[i] for i in range(start, end)]


def _content(words: set[str]) -> set[str]:
    """Words that tell one side from another: not generic force nouns, determiners or pronouns."""
    from sitroom.event_args import _classes

    return {w for w in words if w not in _classes()["generic_side"] and w not in PRONOUNS and len(w) > 2}


def party_voice(token: Token | None, ctx: Context, depth: int = 0) -> bool:
    """A party to the conflict or its voice: an armed group or force, "Hemedti, the RSF commander", "Army
    spokesman X", "Russia's defence ministry", "Deputy Defence Minister X", "the General Staff", "commanders",
    "Russian state television"."""
    if token is None:
        return False
    if in_class(token, "armed") or ctx.is_type(token, EntityType.GROUP) or in_class(token, "party_voice"):
        return True
    words = {w.lower_ for w in _words(token)} | {w.lemma_.lower() for w in _words(token)}
    head = token.lemma_.lower()
    if head == "staff" and "general" in words or head in ("chief", "commander") and "army" in words:
        return True
    if words & _set("defence_modifier") and (words & _set("defence_office") or in_class(token, "defence_office")):
        return True
    if in_class(token, "state_media") and words & {"state", "state-run", "state-owned"}:
        return True
    if depth > 2:
        return False
    return any(party_voice(c, ctx, depth + 1) for c in token.children if c.dep_ in ("appos", "compound") and (
        c.dep_ == "appos" or in_class(c, "actor_noun") or in_class(c, "armed") or ctx.is_type(c, EntityType.GROUP)))


def _set(name: str) -> frozenset[str]:
    from sitroom.event_args import _classes

    return _classes()[name]


def nation(token: Token | None, ctx: Context, depth: int = 0) -> str | None:
    """The country (ISO alpha-2) an actor belongs to, from a country name or nationality word in its phrase
    ("Russian units", "Russia", "Russia's defence ministry"); a possessive pronoun leads to its antecedent
    ("its troops" after "Russia's defence ministry said")."""
    from sitroom.actors import place_country

    if token is None or depth > 3:
        return None
    for word in _words(token):
        entity = ctx.entity(word)
        if entity is not None and entity.type is EntityType.PLACE:
            if entity.feature_level is FeatureLevel.COUNTRY and entity.country:
                return entity.country
            continue
        if word.ent_type_ in ("NORP", "GPE") or word.pos_ in ("PROPN", "ADJ") and word.text[:1].isupper():
            found = place_country(word.text)
            if found:
                return found
        if word.lower_ in _POSSESSIVE or word.lower_ in ("it", "they"):
            from sitroom.event_links import antecedent

            earlier = antecedent(word, ctx)
            if earlier is not None and earlier.i != token.i:
                found = nation(earlier, ctx, depth + 1)
                if found:
                    return found
    return None


def place_nation(place: Token | None, ctx: Context) -> str | None:
    entity = ctx.entity(place) if place is not None else None
    return entity.country if entity is not None and entity.type is EntityType.PLACE else None


def _nonstate(token: Token, ctx: Context) -> bool:
    from sitroom.event_conditions import _armed, _state

    return _armed(token, ctx) and not _state(token, ctx)


def capture_type(sub_type: str | None, actor: Token | None, trigger: Token, place: Token | None,
                 ctx: Context) -> str | None:
    """A capture's sub-event type by whose forces take whose territory (see the module docstring)."""
    if sub_type not in (REGAINS, OVERTAKES):
        return sub_type
    if actor is not None and _nonstate(actor, ctx):
        return OVERTAKES
    side = nation(actor, ctx) if actor is not None else None
    if side is None and actor is None:  # "a Ukrainian breakthrough": the nationality stands for the state
        side = next((nation(c, ctx) for c in trigger.children if c.dep_ in ("amod", "compound", "poss")), None)
    where = place_nation(place, ctx) or ctx.home_country  # no place stated: the country the report is about
    if side is None or where is None:
        return sub_type
    return REGAINS if side == where else OVERTAKES


def _relation(speaker: Token, actor: Token, ctx: Context) -> str | None:
    """"own", "other" or None (cannot tell) for an actor in a party's report."""
    if in_class(actor, "enemy"):
        return "other"
    speaker_entity, actor_entity = ctx.entity(speaker), ctx.entity(actor)
    if actor.i == speaker.i or speaker_entity is not None and speaker_entity is actor_entity:
        return "own"
    if any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE for c in actor.children) or actor.lower_ in PRONOUNS:
        return "own"  # "its troops", "his forces", in the party's own report
    mine = _content({w.lemma_.lower() for w in _words(speaker)})
    theirs = _content({w.lemma_.lower() for w in _words(actor)})
    if mine & theirs:
        return "own"  # "Army warplanes ..., the army said"; "Russian units", Russian state television
    ours, yours = nation(speaker, ctx), nation(actor, ctx)
    if ours and yours:
        return "own" if ours == yours else "other"
    speaker_nonstate = ctx.is_type(speaker, EntityType.GROUP) or _nonstate(speaker, ctx)
    if speaker_nonstate != _nonstate(actor, ctx) and (_nonstate(actor, ctx) or in_class(actor, "state")):
        return "other"  # a rebel group's report of the army's acts, or the reverse
    return None


def is_claim(speaker: Token | None, speaker_type: EntityType | None, plover: str, actor: Token | None,
             civilian_target: bool, ctx: Context) -> bool:
    """Whether a party's report of an event is a claim (see the module docstring)."""
    if plover not in _CLAIMABLE or speaker is None:
        return False
    if not (speaker_type is EntityType.GROUP or party_voice(speaker, ctx)):
        return False
    relation = _relation(speaker, actor, ctx) if actor is not None else None
    if plover == "RETREAT":
        return relation == "other"  # the enemy fled; a party's own withdrawal is reported, not claimed
    if actor is None:
        return False  # "fighting was continuing", "repelled the attack": no side's operation is claimed
    if relation == "other":
        return civilian_target  # an accusation ("the army was bombing civilians"), not a battle report
    return True
