"""Actors: canonical identities, ACLED categories, roles, affiliations and group nouns.

Requires ``mentions`` and ``entities`` (after the places stage); assigns
``entities``. For every entity that is not a place:

- ``canonical_id``: the same real-world actor has the same id in every
  document (:func:`canonical_key`: the actor table's name for "Taleban" and
  "Taliban"; the full, particle-free name of a person);
- ``aliases``: the other names it goes by in this document;
- ``actor_category`` and ``country`` from ``actors.csv``; a state actor in a
  report about another country is "External/Other forces", as ACLED codes
  foreign forces;
- for people, ``role``, ``affiliation`` and ``country`` from the title
  written around the name ("Pentagon spokesman John Kirby", "Arif Jalali,
  head of Herat Zonal Hospital", "British Defence Secretary Ben Wallace");
- ``references``: unnamed mentions resolved to it (``role_nouns.csv``): "the
  insurgents" to the non-state armed group in context, "the army" and
  "Sudanese troops" to the state forces of that country, "the group" to the
  organization just named. An epithet such as "the Mujahideen" in a Taliban
  statement is a name, so it joins the group's mentions.

Places keep everything the places stage gave them.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.entities import ActorRow, actor_row, name_key, nationalities, org_head, person_tokens, title_pattern
from sitroom.ids import fact_id
from sitroom.lexicons import load_csv
from sitroom.model import Entity, EntityType, Mention

if TYPE_CHECKING:
    from sitroom.pipeline import StageInput

log = logging.getLogger(__name__)

NOMINAL_LABEL = "NOMINAL"  # the label of a reference ("the insurgents")
STATE = "State forces"
EXTERNAL = "External/Other forces"
CIVILIANS = "Civilians"
NONSTATE = frozenset({"Rebel group", "Political militia", "Identity militia"})
_STATE_KINDS = ("military", "police", "intelligence")
_WINDOW = 2  # sentences before a group noun in which to look for the actor it stands for


def canonical_key(entity: Entity) -> str:
    """The cross-document identity of an actor, as ``"TYPE:key"``; the same for the same actor in every report.

    An actor-table name gives the table's canonical name (so "Taleban" and
    "Taliban" agree); a person gives the words of the full name, folded,
    with transliteration variants unified and particles (al-, bin, de)
    dropped; anything else its folded name without a leading "the". A bare
    surname ("Kirby") keys as itself: the store can join it to the one full
    name it ends ("PERSON:john kirby") with :func:`sitroom.entities.person_tokens`.

    >>> from sitroom.model import Entity, EntityType
    >>> def key(name, kind=EntityType.PERSON):
    ...     return canonical_key(Entity("e", "d", kind, name, ()))
    >>> key("Taleban", EntityType.GROUP), key("Abdel Fattah al-Burhan"), key("the Daily Mail", EntityType.ORG)
    ('GROUP:taliban', 'PERSON:abd fattah burhan', 'ORG:daily mail')
    """
    row = actor_row(entity.name) or next(filter(None, (actor_row(m.text) for m in entity.mentions)), None)
    name = row.canonical if row is not None else entity.name
    kind = row.type if row is not None else entity.type
    if kind is EntityType.PERSON and person_tokens(name):
        return f"PERSON:{' '.join(person_tokens(name))}"
    if row is not None:
        return f"{row.type}:{name_key(row.canonical)}"
    return f"{entity.type}:{re.sub(r'^the ', '', name_key(entity.name))}"


def canonical_id(entity: Entity) -> str:
    """The canonical id of an actor: ``fact_id("canonical", TYPE, key)`` of :func:`canonical_key`."""
    kind, key = canonical_key(entity).split(":", 1)
    return fact_id("canonical", kind, key)


@dataclass(frozen=True, slots=True)
class RoleNoun:
    """A row of ``role_nouns.csv``: what an unnamed group noun denotes."""

    noun: str
    target: str  # nonstate, state, government, organization, none
    category: str | None


@functools.cache
def role_nouns() -> dict[str, RoleNoun]:
    """Group and role nouns ("insurgents", "the army", "protesters") by their folded form."""
    return {row["noun"].casefold(): RoleNoun(row["noun"], row["target"], row["category"] or None)
            for row in load_csv("role_nouns.csv")}


def nominal_category(phrase: str) -> str | None:
    """The ACLED category an unnamed actor phrase implies, or None ("the protesters" -> "Protesters").

    >>> nominal_category("the protesters"), nominal_category("Russian forces"), nominal_category("the group")
    ('Protesters', 'State forces', None)
    """
    words = phrase.split()
    for start in range(len(words)):
        noun = role_nouns().get(" ".join(words[start:]).casefold())
        if noun is not None:
            return noun.category
    return None


@functools.cache
def _titles() -> dict[str, dict[str, str]]:
    return {row["title"].casefold(): row for row in load_csv("titles.csv")}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    titles = title_pattern()
    mods = _alternation([row["title"] for row in _titles().values() if row["kind"] == "modifier"])
    dems = _alternation(list(nationalities()))  # "the veteran Uzbek commander": ethnic words qualify titles too
    words = rf"(?P<mods>(?:(?:(?i:{mods})|{dems})\s+)*)(?P<title>(?i:{titles})(?:\s+(?i:{titles}))*)(?![\w-])"
    obj = r"(?:\s+(?P<prep>(?i:of|for|at|in|to))\s+(?:(?i:the)\s+)?(?P<obj>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*))?"
    nouns = role_nouns()
    state = _alternation([n.noun for n in nouns.values() if n.target == "state"])
    return {
        # "Pentagon spokesman John Kirby", "US envoy for Afghanistan Zalmay Khalilzad", "A second negotiator, X"
        "before": re.compile(rf"(?:(?<![\w-])(?i:the|a|an)\s+)?{words}{obj}\s*,?\s*$"),
        # "X, head of Herat Zonal Hospital", "X, UNICEF's representative in Afghanistan", "X, an engineer"
        "after": re.compile(rf"\s*,\s*(?:(?i:the|a|an)\s+)?(?:(?P<aff>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['’]s\s+)?"
                            rf"{words}{obj}"),
        "nominal": re.compile(rf"(?<![\w-])(?:(?:[Tt]he|[Tt]hese|[Tt]hose)\s+(?P<noun>{_alternation(list(nouns))})"
                              rf"|(?P<dem>{dems})\s+(?P<state>{state}))(?![\w-])"),
        "dems": re.compile(rf"(?<![\w-])(?:{dems})(?![\w-])"),
    }


class _Doc:
    """What the actors stage knows about one document: its text, sentences, entities and country."""

    def __init__(self, given: StageInput, entities: list[Entity]) -> None:
        self.text = given.document.text
        self.parsed = given.parsed
        self.sentence_starts = [s.start_char for s in given.parsed.sents]
        self.entities = entities
        self.mentions = sorted(((m, e) for e in entities for m in e.mentions), key=lambda pair: pair[0].start)
        self.rows = {e.id: _row(e) for e in entities}
        self.country = self._country()

    def sentence(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def bounds(self, offset: int) -> tuple[int, int]:
        index = self.sentence(offset)
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return (self.sentence_starts[index] if self.sentence_starts else 0), end

    def country_of(self, entity: Entity) -> str | None:
        if entity.type is EntityType.PLACE:
            return entity.country or place_country(entity.name)
        row = self.rows.get(entity.id)
        return row.country if row else entity.country

    def _country(self) -> str | None:
        """The country a report is about: its places and the non-state armed groups fighting in it."""
        votes: Counter[str] = Counter()
        for entity in self.entities:
            row = self.rows[entity.id]
            if entity.type is EntityType.PLACE or (row and row.category in NONSTATE):
                country = self.country_of(entity)
                if country:
                    votes[country] += len(entity.mentions)
        return votes.most_common(1)[0][0] if votes else None

    def modifies_noun(self, end: int) -> bool:
        """Whether the word ending at ``end`` qualifies a noun after it (compound or adjective)."""
        span = self.parsed.char_span(end - 1, end, alignment_mode="expand")
        if span is None:
            return False
        token = span[-1]
        return token.dep_ in ("amod", "compound", "nmod") and token.head.i > token.i

    def entity_at(self, start: int, end: int) -> Entity | None:
        return next((e for m, e in self.mentions if m.start < end and start < m.end), None)


def _row(entity: Entity) -> ActorRow | None:
    if entity.type is EntityType.PLACE:
        return None
    return actor_row(entity.name) or next(filter(None, (actor_row(m.text) for m in entity.mentions)), None)


@functools.cache
def place_country(name: str) -> str | None:
    """ISO alpha-2 of a country named or abbreviated ("UK" -> "GB"), from nationalities.csv then pycountry."""
    known = nationalities().get(name)
    if known is not None:
        return known[0]
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def _category(base: str | None, country: str | None, doc_country: str | None) -> str | None:
    """ACLED codes state forces operating outside their own country as external forces."""
    if base == STATE and country and doc_country and country != doc_country:
        return EXTERNAL
    return base


def stage(given: StageInput) -> dict[str, tuple]:
    """Canonical ids, categories, roles, affiliations and references of a document's actors.

    Example (the acceptance case of issue 3):
        "The insurgents took three provincial capitals" after "fallen to the Taleban"
        gives the Taliban entity a reference "The insurgents" (label NOMINAL).
    """
    entities = _merge_same_actor(list(given.found["entities"]))
    doc = _Doc(given, entities)
    entities = _fold_epithets(doc)
    doc = _Doc(given, entities)
    references = _references(doc)
    result = []
    for entity in entities:
        if entity.type is EntityType.PLACE:
            result.append(entity)
            continue
        row = doc.rows[entity.id]
        fields: dict[str, object] = {"canonical_id": canonical_id(entity), "aliases": _aliases(entity),
                                     "references": tuple(references.get(entity.id, ()))}
        if row is not None:
            fields["country"] = row.country
            fields["actor_category"] = _category(row.category, row.country, doc.country)
        elif entity.type is not EntityType.PERSON:
            fields["country"] = _written_country(entity)  # "US Embassy"
        if entity.type is EntityType.PERSON:
            fields.update({k: v for k, v in _person(doc, entity).items() if v is not None})
        result.append(dataclasses.replace(entity, **fields))
    return {"entities": tuple(result)}


def _written_country(entity: Entity) -> str | None:
    """The country of an organization whose name opens with a country or nationality word ("US Embassy")."""
    first = entity.name.split()[0]
    return place_country(first) if len(entity.name.split()) > 1 and first in nationalities() else None


def _aliases(entity: Entity) -> tuple[str, ...]:
    seen = {name_key(entity.name)}
    aliases = []
    for mention in entity.mentions:
        key = name_key(mention.text)
        if key not in seen:
            seen.add(key)
            aliases.append(mention.text)
    return tuple(aliases)


def _merged(first: Entity, others: list[Entity]) -> Entity:
    mentions = sorted({m for e in (first, *others) for m in e.mentions}, key=lambda m: m.start)
    return dataclasses.replace(first, mentions=tuple(mentions))


def _merge_same_actor(entities: list[Entity]) -> list[Entity]:
    """One entity per actor: two non-place entities with the same canonical key become one."""
    by_key: dict[str, list[Entity]] = {}
    for entity in entities:
        key = entity.id if entity.type is EntityType.PLACE else canonical_key(entity)
        by_key.setdefault(key, []).append(entity)
    merged = [_merged(group[0], group[1:]) for group in by_key.values()]
    return sorted(merged, key=lambda e: e.mentions[0].start)


def _fold_epithets(doc: _Doc) -> list[Entity]:
    """An epithet ("the Mujahideen") joins the non-state armed group it stands for in context, if any."""
    into: dict[str, list[Entity]] = {}
    for entity in doc.entities:
        row = doc.rows[entity.id]
        if row is not None and row.kind == "epithet":
            target = _resolve(doc, "nonstate", entity.mentions[0].start, None)
            if target is not None:
                into.setdefault(target.id, []).append(entity)
    if not into:
        return doc.entities
    folded = {e.id for group in into.values() for e in group}
    return [_merged(e, into.get(e.id, [])) for e in doc.entities if e.id not in folded]


def _candidates(doc: _Doc, target: str, country: str | None, noun: str) -> list[Entity]:
    found = []
    for entity in doc.entities:
        row = doc.rows[entity.id]
        if entity.type is EntityType.PLACE:
            continue
        if target == "nonstate":
            ok = row is not None and row.category in NONSTATE
        elif target == "state":
            ok = row is not None and row.category == STATE and row.kind in _STATE_KINDS
        elif target == "government":
            ok = row is not None and row.category == STATE and row.kind == "government"
        elif row is not None:  # "the group": an armed group or a non-governmental body of the actor table
            ok = row.kind in ("nonstate", "pmc", "igo", "ngo")
        else:  # or, when none is near, an organization the table does not know
            ok = target == "other organization" and entity.type in (EntityType.ORG, EntityType.GROUP) \
                and org_head(entity.name) in (None, "other")
        if ok and target in ("state", "government") and country is not None:
            ok = row is not None and row.country == country
        if ok:
            found.append(entity)
    if target == "state":  # "the police" prefers the police, "the army" the military
        first = "police" if "police" in noun else "military"
        found.sort(key=lambda e: doc.rows[e.id].kind != first)
    return found


def _resolve(doc: _Doc, target: str, offset: int, country: str | None, noun: str = "") -> Entity | None:
    """The actor an unnamed noun at ``offset`` stands for: the nearest earlier candidate, else the dominant one."""
    candidates = _candidates(doc, target, country, noun)
    if not candidates:
        if target == "organization":  # "the group": an armed group of the report, else an organization near
            return _resolve(doc, "nonstate", offset, None) or _resolve(doc, "other organization", offset, country)
        return None
    ids = {e.id for e in candidates}
    first_sentence = doc.sentence(offset) - _WINDOW
    earlier = [(m, e) for m, e in doc.mentions
               if e.id in ids and m.end <= offset and doc.sentence(m.start) >= first_sentence]
    if earlier:
        return earlier[-1][1]
    if target == "organization":
        return _resolve(doc, "nonstate", offset, None) or _resolve(doc, "other organization", offset, country)
    if target == "other organization":
        return None
    counts = sorted((len(e.mentions) for e in candidates), reverse=True)
    if len(counts) == 1 or counts[0] > counts[1]:
        return max(candidates, key=lambda e: len(e.mentions))
    return None


def _references(doc: _Doc) -> dict[str, list[Mention]]:
    """Unnamed group and role nouns of the document, by the id of the entity each stands for."""
    doc_id = doc.entities[0].doc_id if doc.entities else ""
    found: dict[str, list[Mention]] = {}
    for match in _patterns()["nominal"].finditer(doc.text):
        if doc.entity_at(match.start(), match.end()) is not None and match.group("dem") is None:
            continue  # part of a name
        if doc.modifies_noun(match.end()):
            continue  # "the US military mission", "the paramilitary Rapid Support Forces": an adjective
        if match.group("dem"):
            noun, country = role_nouns()[match.group("state").casefold()], place_country(match.group("dem"))
            if country is None:
                continue  # "Kurdish forces", "Pashtun troops": no state to resolve to
        else:
            noun, country = role_nouns()[match.group("noun").casefold()], doc.country
        if noun.target == "none":
            continue
        target = _resolve(doc, noun.target, match.start(), country, noun.noun)
        if target is None:
            log.debug("no actor for %r at %d", match.group(), match.start())
            continue
        reference = Mention(doc_id, match.start(), match.end(), match.group(), NOMINAL_LABEL)
        found.setdefault(target.id, []).append(reference)
    return found


def _person(doc: _Doc, entity: Entity) -> dict[str, object]:
    """Role, affiliation, country and category of a person, from the title written around a mention."""
    for mention in entity.mentions:
        start, end = doc.bounds(mention.start)
        before = _patterns()["before"].search(doc.text, start, mention.start)
        if before is not None:
            return _title_facts(doc, before, doc.text[start:before.start()])
        after = _patterns()["after"].match(doc.text, mention.end, end)
        if after is not None:
            return _title_facts(doc, after, "")
    return {}


def _title_facts(doc: _Doc, match: re.Match[str], head: str) -> dict[str, object]:
    role = _role(match.group("title"))
    info = _titles().get(role.casefold(), {})
    # The organization or country written before the title: "Pentagon spokesman", "The State Department's
    # spokesman,", "US envoy" (a country abbreviation the pattern took as a modifier), "UNICEF's representative".
    affiliation = _entity_ending(doc, match.start()) if head.strip() else None
    inside = [e for m, e in doc.mentions if match.start() <= m.start and m.end <= match.start("title")]
    if affiliation is None and inside:
        affiliation = inside[-1]
    if affiliation is None and match.groupdict().get("aff"):
        affiliation = doc.entity_at(match.start("aff"), match.end("aff"))
    prep = (match.group("prep") or "").lower()
    place_of: Entity | None = None
    if match.group("obj"):
        obj = doc.entity_at(match.start("obj"), match.end("obj"))
        if obj is not None and prep in ("of", "at", "for") and affiliation is None:
            affiliation = obj
        elif obj is not None and obj.type is EntityType.PLACE:
            place_of = obj
    if affiliation is None and info.get("implies"):
        noun = role_nouns().get(info["implies"])
        if noun is not None:
            affiliation = _resolve(doc, noun.target, match.start(), doc.country, noun.noun)
    country = doc.country_of(affiliation) if affiliation is not None else None
    national = False  # the title names the country the person serves ("British Defence Secretary")
    if country is None:
        written = doc.text[max(match.start() - 25, match.start() - len(head)):match.start("title")]
        countries = [place_country(word) for word in _patterns()["dems"].findall(written)]
        country = next((c for c in reversed(countries) if c), None)
        national = country is not None
    if country is None and affiliation is None and place_of is not None:
        country = doc.country_of(place_of)
    category = _person_category(doc, affiliation, info.get("category") or None, country, national=national)
    return {"role": role, "affiliation": None if affiliation is None else affiliation.id, "country": country,
            "actor_category": category}


def _entity_ending(doc: _Doc, offset: int) -> Entity | None:
    """The entity with a mention ending at ``offset``, a possessive and spaces aside."""
    for mention, entity in doc.mentions:
        gap = doc.text[mention.end:offset]
        if mention.end <= offset and re.fullmatch(r"(?:['’´]s)?\s*", gap):
            return entity
    return None


def _role(titles: str) -> str:
    """The role among consecutive titles: the first that is not a rank ("Army chief" in "Army chief General")."""
    pattern = re.compile(rf"(?i:{title_pattern()})(?![\w-])")
    found = [m.group() for m in pattern.finditer(titles)]
    for title in found:
        if _titles().get(title.casefold(), {}).get("kind") == "title":
            return title
    return found[0] if found else titles


def _person_category(doc: _Doc, affiliation: Entity | None, implied: str | None, country: str | None, *,
                     national: bool = False) -> str | None:
    """The affiliation's category; else an official of a country is state forces; else what the title implies."""
    if implied == CIVILIANS:
        return CIVILIANS
    if affiliation is not None and affiliation.type is not EntityType.PLACE:
        row = doc.rows.get(affiliation.id)
        if row is not None and row.category:
            return _category(row.category, row.country, doc.country)
        return implied
    if affiliation is not None or (national and implied is None):  # "US envoy", "the chief American envoy"
        return _category(STATE, country, doc.country)
    return _category(implied, country, doc.country)
