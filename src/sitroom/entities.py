"""Entities: named mentions from the NER pass, typed, trimmed and grouped per document.

Requires the spaCy parse; assigns ``mentions`` and ``entities``. What it does
to the NER's spans, in order:

- widens a span the NER cut short over the next or previous name word
  ("Oleksandr" + "Syrskyi", "Rustem" + "Umerov"; a title is no name word);
- trims leading determiners, trailing possessives, time words the NER took in
  ("Zaporizhzhia overnight") and a ``pro-``/``anti-`` prefix ("the United
  States'" -> "United States", "pro-Taliban" -> "Taliban"), and splits a span
  at an inner possessive ("Herat's Shindand Air Base" -> "Herat", "Shindand
  Air Base");
- types names from the actor table (``actors.csv``: "Taleban" is a GROUP
  whatever the NER says), dateline names as places, names ending in an
  organization noun (``org_heads.csv``: "US Embassy") as ORG, and a name
  right after a title ("UN envoy Volker Perthes") or a widened name that
  speaks ("Oleksandr Syrskyi said") as PERSON;
- drops spans that are only nationality words ("Pashtun") or a piece of a
  title ("British Defence" in "British Defence Secretary");
- adds actor names, surnames ("Price said") and acronyms before a title
  ("WHO spokeswoman") that the NER missed;
- groups mentions into entities: same name (the majority type wins when the
  NER labels one name differently), actor-table aliases, "X, known as Y",
  "Name (ACRONYM)", and a short form ("Kirby", "Burhan", "bin Laden") joins
  the one full name ending in it, Arabic and European name particles aside.

Places are not geocoded here (the places stage does that).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.ids import fact_id, normalize_text
from sitroom.lexicons import load_csv, load_json
from sitroom.model import Entity, EntityType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from sitroom.pipeline import StageInput

_DETERMINERS = {"the", "a", "an"}
_PREFIX = re.compile(r"^(?:pro|anti|ex|non)-(?=[A-Z])")
# A possessive or a dateline dash inside a span ends one name: "Herat's Shindand Air Base", "Kabul - Taleban".
_INNER_BREAK = re.compile(r"['’´]s\s+(?=[A-Z])|\s+[-–—]\s+")
_KNOWN_AS = re.compile(r"^\s*,?\s*\(?\s*(?:also\s+|better\s+|widely\s+|popularly\s+)?(?:known|referred to)\s+as\s+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
_CAPITALIZED_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+$")
_CAPITALIZED_AFTER = re.compile(r"^\s+[A-Z]")
_NOT_A_NAME = {"demonym", "ethnic", "religious", "political"}  # nationalities.csv kinds that are never entities
# On a tie between labels of one name, the stronger evidence first (a dateline or gazetteer place beats a PERSON).
_TYPE_ORDER = (EntityType.PLACE, EntityType.PERSON, EntityType.GROUP, EntityType.ORG)
SURNAME_LABEL = "SURNAME"  # a surname the NER missed, found because the full name is in the document
LEXICON_LABEL = "LEXICON"  # an actor-table name the NER missed
ACRONYM_LABEL = "ACRONYM"  # an organization's acronym before a title ("WHO spokeswoman") that the NER missed


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-folded form of a name, for lookups.

    >>> name_key("Al-Qaida's"), name_key("Médecins Sans Frontières")
    ('al qaida s', 'medecins sans frontieres')
    """
    folded = unicodedata.normalize("NFKD", normalize_text(name).casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^\w]+", " ", folded).strip()


@functools.cache
def _name_forms() -> tuple[frozenset[str], dict[str, str]]:
    rows = load_csv("name_forms.csv")
    particles = frozenset(row["form"].casefold() for row in rows if row["kind"] == "particle")
    return particles, {row["form"].casefold(): row["normal"] for row in rows if row["kind"] == "variant"}


def person_tokens(name: str) -> tuple[str, ...]:
    """The words of a personal name that identify it: folded, transliteration variants unified, particles dropped.

    >>> person_tokens("Abdel Fattah al-Burhan"), person_tokens("Burhan"), person_tokens("Osama bin Laden")
    (('abd', 'fattah', 'burhan'), ('burhan',), ('usama', 'laden'))
    """
    particles, variants = _name_forms()
    words = name_key(name).split()
    return tuple(variants.get(word, word) for word in words if word not in particles)


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One row of ``actors.csv``."""

    canonical: str
    type: EntityType
    category: str | None
    country: str | None
    kind: str | None
    caps_only: bool  # matched only when written in capitals (an acronym alias)


@functools.cache
def _actor_table() -> dict[str, ActorRow]:
    table: dict[str, ActorRow] = {}
    for row in load_csv("actors.csv"):
        for name in (row["canonical"], *filter(None, row["aliases"].split("|"))):
            entry = ActorRow(row["canonical"], EntityType(row["type"]), row["category"] or None,
                             row["country"] or None, row["kind"] or None, name.isupper() and len(name) <= 6)
            table.setdefault(name_key(name), entry)
    return table


def actor_row(text: str) -> ActorRow | None:
    """The ``actors.csv`` row a name denotes, or None; acronyms match only in capitals.

    >>> actor_row("Taleban").canonical, actor_row("RSF").country, actor_row("Rsf"), actor_row("Kabul")
    ('Taliban', 'SD', None, None)
    """
    row = _actor_table().get(name_key(text))
    if row is None or (row.caps_only and not text.isupper()):
        return None
    return row


@functools.cache
def nationalities() -> dict[str, tuple[str | None, str]]:
    """Nationality words and country abbreviations -> (ISO alpha-2 or None, kind), from ``nationalities.csv``."""
    return {row["word"]: (row["country"] or None, row["kind"]) for row in load_csv("nationalities.csv")}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@functools.cache
def title_pattern() -> str:
    """A regex alternation of the titles and ranks of ``titles.csv`` (longest first), for case-insensitive use."""
    return _alternation([row["title"] for row in load_csv("titles.csv") if row["kind"] in ("title", "rank")])


@functools.cache
def _role_nouns() -> frozenset[str]:
    return frozenset(row["noun"].casefold() for row in load_csv("role_nouns.csv"))


@functools.cache
def _org_heads() -> dict[str, str]:
    return {row["head"]: row["kind"] for row in load_csv("org_heads.csv")}


def org_head(name: str) -> str | None:
    """The kind of organization a name's last word makes it (``org_heads.csv``), or None.

    >>> org_head("Interior Ministry"), org_head("Ministry of Interior"), org_head("215th Maiwand Corps")
    ('government', 'government', 'forces')
    """
    words = re.split(r"\s+of\s+", name, maxsplit=1)[0].split()  # "Ministry of Interior": the head is "Ministry"
    return _org_heads().get(words[-1]) if words else None


@functools.cache
def _after_title() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{title_pattern()})\s*,?\s+$", re.IGNORECASE)


@functools.cache
def _starts_title() -> re.Pattern[str]:
    return re.compile(rf"(?:{title_pattern()})(?![\w-])", re.IGNORECASE)


@functools.cache
def _lexicon_pattern() -> re.Pattern[str]:
    names = [name for row in load_csv("actors.csv") for name in (row["canonical"], *row["aliases"].split("|")) if name]
    return re.compile(r"(?<![\w-])(?:" + _alternation(names) + r")(?![\w-])", re.IGNORECASE)


def _pieces(span: SpacySpan) -> list[tuple[int, int]]:
    """Character extents of a NER span once trimmed, split at an inner possessive."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while start < end and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or (
            end - start > 1 and doc[end - 1].lower_ in _time_words())):  # "Zaporizhzhia overnight"
        end -= 1
    while end - start > 1 and doc[start].lower_ in _time_words():  # "Monday Kabul"
        start += 1
    if start >= end:
        return []
    begin, stop = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = doc[start:end].text  # Doc.text would rebuild the whole document's text for every span
    prefix = _PREFIX.match(text)
    if prefix:
        begin += prefix.end()
        text = text[prefix.end():]
    pieces, at = [], begin
    for match in _INNER_BREAK.finditer(text):
        pieces.append((at, begin + match.start()))
        at = begin + match.end()
    pieces.append((at, stop))
    return [(s, e) for s, e in pieces if e > s]


@functools.cache
def _time_words() -> frozenset[str]:
    return frozenset(load_json("place_words.json")["time_words"])


@functools.cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(load_json("quote_cues.json")["verbs"])


@functools.cache
def _title_words() -> frozenset[str]:
    """Single words of titles ("Secretary", "Minister"), from the title table and the quote stage's cue list."""
    words = {row["title"].casefold() for row in load_csv("titles.csv") if " " not in row["title"]}
    return frozenset(words | {word.casefold() for word in load_json("quote_cues.json")["titles"]})


def _more_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` may be another word of a name next to an NER span: a capitalized proper noun outside
    every NER span, not a title, role, time or nationality word ("UN Secretary-General", "Kabul Army")."""
    token = doc[i]
    return token.ent_iob_ == "O" and token.pos_ == "PROPN" and token.is_alpha and token.text[0].isupper() \
        and not token.text.isupper() and token.lower_ not in _time_words() and token.text not in nationalities() \
        and token.lower_ not in _role_nouns() and token.lower_ not in _title_words() \
        and not _starts_title().match(doc[i:i + 4].text) and not _after_title().search(doc[max(0, i - 3):i + 1].text + " ")


def _with_name_tail(ent: SpacySpan) -> tuple[SpacySpan, bool]:
    """The NER span widened over the rest of a name it cut short, and whether it was.

    Up to two name words (:func:`_more_name`) written next to the span on the same line join it: after an
    ORG or PERSON span ("Oleksandr" + "Syrskyi"), before a PERSON span ("Rustem" + "Umerov").
    """
    doc, start, end = ent.doc, ent.start, ent.end
    if ent.label_ not in ("ORG", "PERSON"):
        return ent, False
    while end < len(doc) and end - ent.end < 2 and doc[end - 1].whitespace_ == " " and _more_name(doc, end):
        end += 1
    while ent.label_ == "PERSON" and start > 0 and ent.start - start < 2 and doc[start - 1].whitespace_ == " " \
            and _more_name(doc, start - 1):
        start -= 1
    return (doc[start:end], True) if (start, end) != (ent.start, ent.end) else (ent, False)


def _not_a_name(text: str, following: str, label: str) -> bool:
    """Nationality words alone, a piece of a title ("British Defence" + "Secretary"), a bare role noun ("Army")."""
    words = text.split()
    known = nationalities()
    if all(known.get(word, (None, ""))[1] in _NOT_A_NAME for word in words):
        return True
    if label == "PERSON":
        return False
    rest = words
    while rest and rest[0] in known:
        rest = rest[1:]
    remainder = " ".join(rest)
    if not remainder:
        return False  # "US", "UK": a country abbreviation is a place
    if remainder.casefold() in _role_nouns():
        return True
    title = _starts_title().match(remainder + following[:40])
    return title is not None and title.end() >= len(remainder)


def _type(label: str, text: str, before: str) -> EntityType | None:
    row = actor_row(text)
    if row is not None:
        return row.type
    words = text.split()
    if len(words) > 1 and org_head(text) is not None:
        return EntityType.ORG
    mapped = load_json("entity_labels.json").get(label)
    kind = EntityType(mapped) if mapped else None
    if kind is not EntityType.PERSON and 2 <= len(words) <= 4 and _after_title().search(before[-60:]) \
            and all(word[0].isupper() and not word.isupper() for word in words):
        return EntityType.PERSON  # "UN envoy Volker Perthes" (the NER said ORG)
    return kind


def stage(given: StageInput) -> dict[str, tuple]:
    """Mentions and per-document entities of one parsed document.

    NER spans come first; actor names and surnames the NER missed are added;
    names inside the dateline are places whatever the NER says.
    """
    document = given.document
    text = document.text
    dateline = document.dateline
    typed: list[tuple[Mention, EntityType]] = []
    doc = given.parsed
    for ent in doc.ents:
        span, widened = _with_name_tail(ent)
        # a name the NER cut short and that then "said" something is a person ("Oleksandr Syrskyi said")
        speaker = widened and span.end < len(doc) and doc[span.end].lemma_ in _speech_verbs()
        for start, end in _pieces(span):
            surface = text[start:end]
            if not any(ch.isupper() for ch in surface):  # names are capitalized; "n't" is not
                continue
            if dateline is not None and end <= dateline.span.end and surface in dateline.places:
                kind: EntityType | None = EntityType.PLACE
            elif _not_a_name(surface, text[end:], ent.label_):
                continue
            else:
                kind = _type(ent.label_, surface, text[max(0, start - 80):start])
                if speaker and kind is EntityType.ORG and actor_row(surface) is None and org_head(surface) is None:
                    kind = EntityType.PERSON
            if kind is not None:
                typed.append((Mention(document.id, start, end, surface, ent.label_), kind))
    typed.extend(_lexicon_mentions(document.id, text, [m for m, _ in typed]))
    typed.extend(_acronym_mentions(document.id, doc, [m for m, _ in typed]))
    typed.extend(_surname_mentions(document.id, given.parsed, typed))
    typed.sort(key=lambda pair: pair[0].start)
    return {"mentions": tuple(m for m, _ in typed), "entities": group_mentions(document.id, typed, text=text)}


def _overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _lexicon_mentions(doc_id: str, text: str, taken: list[Mention]) -> list[tuple[Mention, EntityType]]:
    found = []
    for match in _lexicon_pattern().finditer(text):
        row = actor_row(match.group())
        if row and match.group()[0].isupper() and not _overlaps(match.start(), match.end(), taken):
            found.append((Mention(doc_id, match.start(), match.end(), match.group(), LEXICON_LABEL), row.type))
    return found


def _acronym_mentions(doc_id: str, doc: Doc, taken: list[Mention]) -> list[tuple[Mention, EntityType]]:
    """Acronyms the NER missed right before a title or role: "WHO spokeswoman", "UNHCR envoy" (an ORG)."""
    found = []
    for token in doc[:-1]:
        text = token.text
        if 2 <= len(text) <= 6 and text.isupper() and text.isalpha() and token.ent_iob_ == "O" \
                and text not in nationalities() and doc[token.i + 1].lower_ in _title_words() \
                and not _overlaps(token.idx, token.idx + len(text), taken):
            found.append((Mention(doc_id, token.idx, token.idx + len(text), text, ACRONYM_LABEL), EntityType.ORG))
    return found


def _surname_forms(full: str) -> set[str]:
    """Written short forms of a full name: "al-Burhan" and "Burhan"; "bin Laden" and "Laden"."""
    words = full.split()
    particles, _ = _name_forms()
    forms = {words[-1], re.sub(r"^(?:[A-Za-z]{1,3})-(?=[A-Z])", "", words[-1])}
    if len(words) > 2 and words[-2].casefold() in particles:
        forms.add(" ".join(words[-2:]))
    return {form for form in forms if form and form[0].isupper() and person_tokens(form)}


def _surname_mentions(doc_id: str, parsed: Doc, typed: list[tuple[Mention, EntityType]]
                      ) -> list[tuple[Mention, EntityType]]:
    """Later bare surnames of a full name in the document that the NER did not mark ("Price said")."""
    text = parsed.text
    taken = [m for m, _ in typed]
    first: dict[str, int] = {}
    for mention, kind in typed:
        if kind is EntityType.PERSON and len(person_tokens(mention.text)) >= 2:
            first.setdefault(mention.text, mention.start)
    found: list[tuple[Mention, EntityType]] = []
    for full, start in first.items():
        for form in _surname_forms(full):
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text[start:]):
                begin, end = start + match.start(), start + match.end()
                if _overlaps(begin, end, taken) or _CAPITALIZED_BEFORE.search(text[max(0, begin - 30):begin]) \
                        or _CAPITALIZED_AFTER.match(text[end:end + 3]):
                    continue
                token = parsed.char_span(begin, end, alignment_mode="expand")
                if token is None or (token[0].is_sent_start and token[0].pos_ != "PROPN"):
                    continue
                mention = Mention(doc_id, begin, end, text[begin:end], SURNAME_LABEL)
                found.append((mention, EntityType.PERSON))
                taken.append(mention)
    return found


class _Classes:
    """Union-find over the name keys of one document."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, key: str, owner: str) -> None:
        """Put ``key``'s class under ``owner``'s."""
        self.parent[self.find(key)] = self.find(owner)


def _base_key(mention: Mention, kind: EntityType) -> str:
    row = actor_row(mention.text)
    return f"actor:{name_key(row.canonical)}" if row else f"name:{name_key(mention.text)}"


def group_mentions(doc_id: str, typed: list[tuple[Mention, EntityType]], *, text: str | None = None
                   ) -> tuple[Entity, ...]:
    """Group typed mentions into entities.

    One name is one entity (the majority type wins); actor-table aliases join
    their canonical name; with ``text``, "X, known as Y" and "X (ACRONYM)"
    join Y to X; a short form joins the only full personal name ending in it.
    """
    typed = sorted(typed, key=lambda pair: pair[0].start)
    classes = _Classes()
    # Types decided by evidence rather than by vote, strongest first: the actor table, a full name, an alias link.
    forced: dict[str, tuple[int, EntityType]] = {}
    for mention, kind in typed:
        key = _base_key(mention, kind)
        classes.find(key)
        row = actor_row(mention.text)
        if row is not None:
            forced[key] = (0, row.type)
    if text is not None:
        for (a, kind_a), (b, _) in itertools.pairwise(typed):
            between, after = text[a.end:b.start], text[b.end:b.end + 3]
            acronym = between.strip() == "(" and after.lstrip().startswith(")") and bool(_ACRONYM.match(b.text)) \
                and b.text[0] == a.text[0].upper()
            if (_KNOWN_AS.match(between) or acronym) and not b.text.startswith(a.text):
                classes.join(_base_key(b, kind_a), _base_key(a, kind_a))
                forced.setdefault(_base_key(a, kind_a), (2, kind_a))
    for owner in _join_short_forms(typed, classes):
        forced[owner] = min(forced.get(owner, (1, EntityType.PERSON)), (1, EntityType.PERSON))
    decided: dict[str, tuple[int, EntityType]] = {}
    for key, choice in forced.items():
        root = classes.find(key)
        decided[root] = min(decided.get(root, choice), choice)
    members: dict[str, list[tuple[Mention, EntityType]]] = defaultdict(list)
    for mention, kind in typed:
        members[classes.find(_base_key(mention, kind))].append((mention, kind))
    entities = []
    for root, pairs in members.items():
        kind = decided[root][1] if root in decided else _vote(Counter(kind for _, kind in pairs))
        mentions = [m for m, _ in pairs]
        rows = [row for row in (actor_row(m.text) for m in mentions) if row is not None]
        if rows:
            name = Counter(row.canonical for row in rows).most_common(1)[0][0]
        else:
            # The fullest form, preferring "Kabul" over a dateline's "KABUL".
            name = max((m.text for m in mentions), key=lambda t: (not t.isupper(), len(t)))
        entities.append(Entity(id=fact_id("entity", doc_id, kind, name_key(name)), doc_id=doc_id, type=kind,
                               name=name, mentions=tuple(mentions)))
    entities.sort(key=lambda e: e.mentions[0].start)
    return tuple(entities)


def _vote(counts: Counter[EntityType]) -> EntityType:
    return max(counts, key=lambda kind: (counts[kind], -_TYPE_ORDER.index(kind)))


def _join_short_forms(typed: list[tuple[Mention, EntityType]], classes: _Classes) -> list[str]:
    """Join a short form ("Kirby", "al-Burhan") to the one full personal name ending in it; return the owners."""
    full: dict[str, tuple[str, ...]] = {}
    for mention, kind in typed:
        tokens = person_tokens(mention.text)
        if kind is EntityType.PERSON and len(tokens) >= 2:
            full.setdefault(_base_key(mention, kind), tokens)
    owners_joined = []
    for mention, kind in typed:
        key = _base_key(mention, kind)
        tokens = person_tokens(mention.text)
        if key in full or key.startswith("actor:") or not tokens or len(tokens) > 2 or mention.text.isupper():
            continue
        owners = {owner for owner, name in full.items() if len(name) > len(tokens) and name[-len(tokens):] == tokens}
        if len({classes.find(owner) for owner in owners}) == 1:
            owner = owners.pop()
            classes.join(key, owner)
            owners_joined.append(owner)
    return owners_joined
