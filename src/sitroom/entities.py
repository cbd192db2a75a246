"""Entities: named mentions from the NER pass, typed and grouped per document.

Requires the spaCy parse; assigns ``mentions`` and ``entities``. Spans are
trimmed of leading determiners and trailing possessives ("the United States'"
-> "United States"), armed groups are typed GROUP from ``armed_groups.csv``,
and a later surname ("Kirby") joins the full name ("John Kirby") it belongs
to. Places are not yet geocoded: ``lat``/``lon`` stay None until the gazetteer
stage exists.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from sitroom.ids import fact_id, normalize_text
from sitroom.lexicons import load_csv, load_json
from sitroom.model import Entity, EntityType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from sitroom.pipeline import StageInput

_DETERMINERS = {"the", "a", "an"}


@functools.cache
def _armed_groups() -> dict[str, str]:
    return {_key(row["name"]): row["canonical"] for row in load_csv("armed_groups.csv")}


def _key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", normalize_text(name).lower()).strip()


def _trim(span: SpacySpan) -> SpacySpan | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while start < end and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if start < end else None


def _type(label: str, text: str) -> EntityType | None:
    if _key(text) in _armed_groups():
        return EntityType.GROUP
    mapped = load_json("entity_labels.json").get(label)
    return EntityType(mapped) if mapped else None


@functools.cache
def _group_pattern() -> re.Pattern[str]:
    names = sorted((row["name"] for row in load_csv("armed_groups.csv")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)


def stage(given: StageInput) -> dict[str, tuple]:
    """Mentions and per-document entities of one parsed document.

    NER spans come first; armed-group names the NER missed are added from the
    lexicon; names inside the dateline are places whatever the NER says.
    """
    document = given.document
    dateline = document.dateline
    typed: list[tuple[Mention, EntityType]] = []
    for ent in given.parsed.ents:
        span = _trim(ent)
        if span is None or not any(ch.isupper() for ch in span.text):  # names are capitalized; "n't" is not
            continue
        kind = _type(ent.label_, span.text)
        if dateline is not None and span.end_char <= dateline.span.end and span.text in dateline.places:
            kind = EntityType.PLACE
        if kind is not None:
            typed.append((Mention(document.id, span.start_char, span.end_char, span.text, ent.label_), kind))
    taken = [(m.start, m.end) for m, _ in typed]
    for match in _group_pattern().finditer(document.text):
        if match.group()[0].isupper() and not any(s < match.end() and match.start() < e for s, e in taken):
            typed.append((Mention(document.id, match.start(), match.end(), match.group(), "LEXICON"),
                          EntityType.GROUP))
    typed.sort(key=lambda pair: pair[0].start)
    return {"mentions": tuple(m for m, _ in typed), "entities": group_mentions(document.id, typed)}


def _group_key(kind: EntityType, text: str) -> str:
    key = _key(text)
    return _key(_armed_groups().get(key, key)) if kind is EntityType.GROUP else key


def group_mentions(doc_id: str, typed: list[tuple[Mention, EntityType]]) -> tuple[Entity, ...]:
    """Group typed mentions into entities; a bare surname joins the one full name that ends with it."""
    groups: dict[tuple[EntityType, str], list[Mention]] = defaultdict(list)
    for mention, kind in typed:
        groups[(kind, _group_key(kind, mention.text))].append(mention)
    full_names = [key for (kind, key) in groups if kind is EntityType.PERSON and " " in key]
    for kind, key in list(groups):
        if kind is EntityType.PERSON and " " not in key:
            owners = [name for name in full_names if name.split()[-1] == key or name.split()[0] == key]
            if len(owners) == 1:
                groups[(kind, owners[0])].extend(groups.pop((kind, key)))
    entities = []
    for (kind, key), mentions in groups.items():
        mentions.sort(key=lambda m: m.start)
        if kind is EntityType.GROUP and key in _armed_groups():
            name = _armed_groups()[key]
        else:
            # The fullest form, preferring "Kabul" over a dateline's "KABUL".
            name = max((m.text for m in mentions), key=lambda text: (not text.isupper(), len(text)))
        entities.append(Entity(id=fact_id("entity", doc_id, kind, key), doc_id=doc_id, type=kind, name=name,
                               mentions=tuple(mentions)))
    entities.sort(key=lambda e: e.mentions[0].start)
    return tuple(entities)
