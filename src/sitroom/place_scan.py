"""Finding place names in text for the places stage: capitalized runs the NER missed, and place cues.

Two kinds of help for :mod:`sitroom.places`:

- spans of capitalized words outside every NER mention ("Zaranj", "Sar-e-Pul"), which the places stage
  looks up in the gazetteer (:func:`scan_names`), and maximal runs of proper nouns (:func:`name_runs`),
  which may name a place the gazetteer does not know;
- place cues (:func:`place_cue`): the words around a name that say it is a place whatever the gazetteer
  knows: a settlement noun ("the village of X", "X, a village in ...", "in X camp"), a verb of territorial
  control ("captured X", "shelled X") or a place preposition right before it ("in X", "near X", "north of
  X"). A village missing from GeoNames, a Myanmar township or a Gaza neighbourhood is then still a PLACE,
  left unresolved rather than guessed. The cue words are data (``place_words.json``).

Every function reads a bounded window around a span or walks the tokens once: linear in document length.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from sitroom.lexicons import load_json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_WORDS = 7  # longest name scanned, in tokens ("Sar - e - Pul" is five)
WIDEN = 5  # tokens an NER span may grow by on each side, plus one: "Mazar" + "- i - Sharif" is four
CONNECTORS = frozenset({"-", "e", "i", "al", "el", "ad", "ed", "ar", "as", "az", "es", "ez", "de", "du", "la", "le",
                        "ye"})
_POSSESSIVE_END = re.compile(r"['’´]s$")
_COORDINATED = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)", re.IGNORECASE)
_DIRECTIONS = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"


def name_end(token: Token) -> int | None:
    """Where a capitalized word ends as a name (before a glued possessive, "Afghanistan´s"), else None."""
    text = token.text
    if not text[:1].isupper():
        return None
    if token.is_alpha:
        return token.idx + len(text)
    stem = _POSSESSIVE_END.sub("", text)
    return token.idx + len(stem) if stem != text and stem.isalpha() else None


def covered_mask(text: str, taken: list[tuple[int, int]]) -> bytearray:
    """One byte per character of the text: 1 inside a taken span.

    >>> list(covered_mask("in Kabul", [(3, 8)]))
    [0, 0, 0, 1, 1, 1, 1, 1, 0]
    """
    covered = bytearray(len(text) + 1)
    for a, b in taken:
        covered[a:b] = b"\x01" * (b - a)
    return covered


def sentence_starts(doc: Doc) -> frozenset[int]:
    """Indexes of the tokens that start a sentence."""
    # Token.is_sent_start scans the whole Doc on every call in spaCy 3; read the boundaries once.
    return frozenset(sentence.start for sentence in doc.sents)


def scan_names(doc: Doc, covered: bytearray, starts: frozenset[int]) -> list[tuple[int, int]]:
    """Spans of capitalized words (with name connectors such as ``-e-``) outside every mention."""
    spans = []
    tokens = list(doc)
    for i, token in enumerate(tokens):
        if name_end(token) is None or covered[token.idx]:
            continue
        for j in range(i, min(i + MAX_WORDS, len(tokens))):
            last = tokens[j]
            end = name_end(last)
            if j > i and (j in starts or covered[last.idx]):
                break
            if j > i and end is None and last.lower_ not in CONNECTORS:
                break
            if end is not None:
                spans.append((token.idx, end))
                if end < last.idx + len(last.text):
                    break  # a possessive ends the name
    return spans


def name_runs(doc: Doc, covered: bytearray, starts: frozenset[int]) -> list[tuple[int, int]]:
    """Maximal runs of capitalized proper nouns outside every mention, within one sentence.

    A sentence-initial "Near" or "The" is no part of a run (not tagged PROPN); a possessive ends one.
    """
    runs: list[tuple[int, int]] = []
    start = end = None
    for token in doc:
        if start is not None and token.text == "-" and not token.whitespace_ and not doc[token.i - 1].whitespace_:
            continue  # "Al-Fashir", "Sar-e-Pul": a hyphen inside a name
        stop = name_end(token)
        usable = stop is not None and token.pos_ == "PROPN" and not covered[token.idx]
        if start is not None and (not usable or token.i in starts):
            runs.append((start, end))
            start = None
        if not usable:
            continue
        if start is None:
            start = token.idx
        end = stop
        if stop < token.idx + len(token.text):  # a possessive ends the name
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


def coordinated(gap: str) -> bool:
    """Whether the text between two names lists them: a comma, "and", "or", or a comma and a conjunction.

    >>> coordinated(" and "), coordinated(", "), coordinated(", and "), coordinated(" in "), coordinated(" ")
    (True, True, True, False, False)
    """
    return bool(_COORDINATED.fullmatch(gap))


def widenings(doc: Doc, start: int, end: int, covered: bytearray, starts: frozenset[int]) -> list[tuple[int, int]]:
    """Wider spans of the name at ``start:end``: up to ``WIDEN`` name words or connectors on each side, outside
    other mentions and within one sentence ("Mazar" -> "Mazar-i-Sharif"), as character offsets."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(0 <= i < len(doc) and not covered[doc[i].idx] and (
            name_end(doc[i]) is not None or doc[i].lower_ in CONNECTORS) for i in (span.start - 1, span.end)):
        return []
    return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for left in range(WIDEN) for right in range(WIDEN)
            for a, b in [(span.start - left, span.end + right)]
            if (left or right) and a >= 0 and b <= len(doc) and _widens(doc, a, b, span, covered, starts)]


def _widens(doc: Doc, a: int, b: int, span, covered: bytearray, starts: frozenset[int]) -> bool:
    """Tokens ``a..b`` around ``span`` are name words or connectors, outside other mentions, in one sentence."""
    if name_end(doc[a]) is None or name_end(doc[b - 1]) is None:
        return False
    for token in (*doc[a:span.start], *doc[span.end:b]):
        if (token.i in starts and token.i > a) or covered[token.idx]:
            return False
        if not (token.is_alpha and token.text[:1].isupper()) and token.lower_ not in CONNECTORS:
            return False
    return True


def is_proper(doc: Doc, start: int, end: int) -> bool:
    """Whether a span is written as a name: its last word tagged a proper noun, or all in capitals."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and (span[-1].pos_ == "PROPN" or span.text.isupper())


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to 60 characters before and after a span, not crossing a line break.

    >>> context("KABUL\\nFighting in Kunduz city on Sunday", 18, 24)
    ('Fighting in ', ' city on Sunday')
    """
    before = text[max(0, start - 60):start].rsplit("\n", 1)[-1]
    after = text[end:end + 60].split("\n", 1)[0]
    return before, after


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    words = load_json("place_words.json")
    nouns = _alternation(words["settlement_nouns"])
    return {
        "designator": re.compile(rf"(?<![\w-])(?:{nouns})\s+of\s+$", re.IGNORECASE),
        "control": re.compile(rf"(?<![\w-])(?:{_alternation(words['control_verbs'])})\s+$", re.IGNORECASE),
        "preposition": re.compile(rf"(?<![\w-])(?:{_alternation(words['cue_prepositions'])}|{_DIRECTIONS}\s+of)\s+$",
                                  re.IGNORECASE),
        "kind_after": re.compile(rf"^\s+(?:{_alternation(words['settlement_after'])})(?![\w'’-])", re.IGNORECASE),
        "apposition": re.compile(rf"^,\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})"
                                 rf"(?=\s*[,.;:)]|\s+(?:in|on|near|outside|of|about|just|some|close|\d|{_DIRECTIONS}))",
                                 re.IGNORECASE),
    }


def place_cue(before: str, after: str, *, full_name: bool = False) -> str | None:
    """The kind of context that makes a name a place whatever the gazetteer knows, or None.

    ``before``/``after`` are the text around the name (:func:`context`). Kinds: ``"designator"`` ("the
    village of X"), ``"apposition"`` ("X, a village in the north"), ``"kind_after"`` ("X camp"),
    ``"control"`` ("captured X") and ``"preposition"`` ("in X", "north of X"; a determiner in between, as in
    "in the Kremlin", is no cue). ``full_name``: the NER read a multi-word personal name, which a verb of
    control or a preposition does not overturn ("captured Ali Hassan").

    >>> place_cue("troops recaptured the village of ", " in the south"), place_cue("had captured ", " and")
    ('designator', 'control')
    >>> place_cue("thousands in ", " camp south of the city"), place_cue("", ", a village in the region")
    ('kind_after', 'apposition')
    >>> place_cue("talks in the ", " on Sunday"), place_cue("arrested ", " on Sunday")
    (None, None)
    """
    patterns = _cue_patterns()
    if patterns["designator"].search(before):
        return "designator"
    if patterns["apposition"].match(after):
        return "apposition"
    if patterns["kind_after"].match(after) and not re.search(r"(?<![\w-])the\s+$", before, re.IGNORECASE):
        return "kind_after"  # "the Trump camp" is a faction, "Zamzam camp" a place
    if full_name:
        return None
    if patterns["control"].search(before):
        return "control"
    if patterns["preposition"].search(before):
        return "preposition"
    return None
