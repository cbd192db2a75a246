"""Quantities: counted amounts ("36 people", "3,000 troops", "315 km") with value, unit and kind.

Requires the parse; assigns ``quantities``. The number comes from spaCy's
CARDINAL/QUANTITY spans; its unit is the noun the number modifies; its kind
(killed, injured, troops, distance...) comes from the words it attaches to,
looked up in ``quantity_kinds.json``. Vague amounts ("hundreds", "dozens")
get a conventional lower value and keep their words as evidence.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from sitroom.dateline import month_number
from sitroom.ids import fact_id
from sitroom.lexicons import load_json
from sitroom.model import Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from sitroom.pipeline import StageInput

_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}


_NUMBER_WORD = r"(?:\d[\d,.]*|" + "|".join(w for w in _SMALL if w not in ("a", "an")) + ")"
_RANGE = re.compile(rf"(?:between\s+)?({_NUMBER_WORD})\s*(?:(?<=\d)-|–|\bto\b|\bor\b|(?<=\w)\s+and\b)\s*{_NUMBER_WORD}\b")


@functools.cache
def _lexicon() -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    data = load_json("quantity_kinds.json")
    by_predicate = {word: kind for kind, words in data["by_predicate"].items() for word in words}
    by_unit = {word: kind for kind, words in data["by_unit"].items() for word in words}
    return by_predicate, by_unit, data["approximate"]


def parse_number(text: str) -> float | None:
    """The value of a written amount: ``"3,000"`` -> 3000, ``"twenty-five"`` -> 25, ``"hundreds"`` -> 200.

    >>> parse_number("less than a dozen"), parse_number("1.5 million"), parse_number("More than half")
    (12.0, 1500000.0, None)
    """
    low = _RANGE.search(text.lower())
    if low:  # "10-15", "between 10 and 15", "seven or eight": the lowest estimate, as ACLED codes fatalities
        return parse_number(low.group(1))
    approximate = _lexicon()[2]
    total, current, seen = 0.0, 0.0, False
    for word in re.findall(r"[\d.,]+|[a-z]+", text.lower().replace("-", " ")):
        digits = word.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", digits):
            current += float(digits)
            seen = True
        elif word in _SMALL and word not in ("a", "an"):
            current += _SMALL[word]
            seen = True
        elif word in approximate:
            scale = approximate[word]
            current = current * scale if seen else scale
            if scale >= 1000:
                total, current = total + current, 0.0
            seen = True
    return total + current if seen else None


def _unit_token(ent: SpacySpan) -> Token | None:
    root = ent.root
    if ent.label_ == "QUANTITY" and len(ent) > 1:
        return ent[-1]
    head = root.head
    if root.dep_ in ("nummod", "amod", "quantmod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return head
    for child in root.children:  # "600 of its own troops"
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [t for t in child.subtree if t.pos_ == "NOUN"]
            if nouns:
                return nouns[-1]
    return None


def _kind(ent: SpacySpan, unit: Token | None) -> str:
    by_predicate, by_unit, _ = _lexicon()
    anchor = unit if unit is not None else ent.root
    for token in (anchor, *anchor.ancestors, *anchor.children):
        for word in (token.lemma_.lower(), token.lower_):
            if word in by_predicate and token.i not in range(ent.start, ent.end):
                return by_predicate[word]
    for child in ent.root.head.children:  # "36 people had been killed and 220 wounded": conjuncts share a verb
        if child.lemma_.lower() in by_predicate and child.i >= ent.end:
            return by_predicate[child.lemma_.lower()]
    if unit is not None:
        for word in (unit.lemma_.lower(), unit.lower_):
            if word in by_unit:
                return by_unit[word]
    return "count"


def _is_date_part(ent: SpacySpan) -> bool:
    """Whether the number is the day of a date the NER missed ("Aug 9", "9 Aug")."""
    doc = ent.doc
    neighbours = [doc[i].text for i in (ent.start - 1, ent.end) if 0 <= i < len(doc)]
    return ent.label_ == "CARDINAL" and any(month_number(word) is not None for word in neighbours)


def stage(given: StageInput) -> dict[str, tuple[Quantity, ...]]:
    """Quantities of one parsed document."""
    doc_id = given.document.id
    found = []
    for ent in given.parsed.ents:
        if ent.label_ not in ("CARDINAL", "QUANTITY"):
            continue
        value = parse_number(ent.text)
        if value is None or _is_date_part(ent):
            continue
        unit = _unit_token(ent)
        end = ent.end_char
        if unit is not None and unit.i == ent.end and ent.label_ == "CARDINAL":
            end = unit.idx + len(unit.text)  # "36" + "people": the counted noun is part of the evidence
        text = ent.doc.text[ent.start_char:end]
        span = Span(ent.start_char, end, text)
        kind = _kind(ent, unit)
        if kind == "count" and value < 2 and not ent.text[0].isdigit():
            continue  # "one official", "one instance": an article, not an amount worth recording
        found.append(Quantity(
            id=fact_id("quantity", doc_id, span.start, span.end), doc_id=doc_id, span=span,
            value=value, unit=unit.lemma_.lower() if unit is not None else None, kind=kind,
        ))
    return {"quantities": tuple(found)}
