"""Quantities: counted amounts ("36 people", "at least 12 civilians", "hundreds of prisoners", "315 km").

Requires the parse, the timexes and the quotes; assigns ``quantities``.
Numbers are read from the tokens themselves (digits, number words, "dozens",
"half"), not only from the NER's CARDINAL spans, which the small model misses
("At least 12 civilians" after a dateline). Each amount gets:

* ``value``: vague plurals take their lower bound (hundreds -> 200), ranges their low end;
* ``qualifier``: "at least", "about", "more than", "less than", "up to", or "vague";
* ``unit``: the counted noun as written, in the plural ("capitals", "Americans"), distances as km/miles;
  "people" for elided casualty counts ("220 [people] wounded");
* ``kind``: killed, injured, troops, prisoners, staff, distance... from the words the count attaches to
  (``quantity_kinds.json``), else "count";
* ``window``: the timex bounding the count ("over the past 11 days"), from the same clause or sentence;
* ``source``: the quote whose content holds the number.

Not amounts: numbers inside time expressions, names and dates, rank ordinals ("second city"),
counts of sources ("two officials said"), and articles ("one official").
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitroom.dateline import month_number
from sitroom.ids import fact_id
from sitroom.lexicons import load_json
from sitroom.model import Quantity, Quote, Span, Timex, TimexType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitroom.pipeline import StageInput

_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORD = r"(?:\d[\d,.]*|" + "|".join(_SMALL) + ")"
# The first number starts only where a run of digits starts and never gives digits back (possessive): a plain
# `\d[\d,.]*` is retried from every digit of a run, which took hours on a 100,000-digit token (fuzz test).
_FIRST_NUMBER = r"(?:(?<![\d,.])\d[\d,.]*+|" + "|".join(_SMALL) + ")"
_RANGE = re.compile(rf"(?:between\s+)?({_FIRST_NUMBER})\s*(?:(?<=\d)-|–|\bto\b|\bor\b|(?<=\w)\s+and\b)\s*"
                    rf"{_NUMBER_WORD}\b")
_BLOCKING_LABELS = {"DATE", "TIME", "MONEY", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "FAC"}
_HUMAN_KINDS = {"killed", "injured", "prisoners", "casualties"}
_CURRENCY = re.compile(r"[$£€¥]|\b(?:dollars?|euros?|pounds?|afghanis?|riyals?|rupees?|yuan|usd|eur|gbp)\b",
                       re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``quantity_kinds.json``, indexed."""

    casualty: dict[str, str]
    by_predicate: dict[str, str]
    by_unit: dict[str, str]
    unit_names: dict[str, str]
    plurals: dict[str, str]
    approximate: dict[str, int]
    vague: frozenset[str]
    fractions: dict[str, float]
    ordinals: dict[str, int]
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # word sequence -> qualifier, longest first
    reporting: frozenset[str]
    label_words: frozenset[str]
    count_nouns: frozenset[str]
    people: frozenset[str]
    not_units: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    """The quantity word lists, loaded once."""
    data = load_json("quantity_kinds.json")

    def invert(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: kind for kind, words in table.items() for word in words}
    qualifiers = sorted(((tuple(phrase.split()), name) for name, phrases in data["qualifiers"].items()
                         for phrase in phrases), key=lambda item: -len(item[0]))
    return Lexicon(invert(data["casualty_predicates"]), invert(data["by_predicate"]), invert(data["by_unit"]),
                   data["unit_names"], data["plurals"], data["approximate"], frozenset(data["vague"]),
                   data["fractions"], data["ordinals"], tuple(qualifiers), frozenset(data["reporting_verbs"]),
                   frozenset(data["label_words"]), frozenset(data["count_nouns"]), frozenset(data["people"]),
                   frozenset(data["not_units"]))


def parse_number(text: str) -> float | None:
    """The value of a written amount: ``"3,000"`` -> 3000, ``"twenty-five"`` -> 25, ``"hundreds"`` -> 200.

    >>> parse_number("less than a dozen"), parse_number("1.5 million"), parse_number("More than half")
    (12.0, 1500000.0, 0.5)
    >>> parse_number("half a million"), parse_number("tens of thousands"), parse_number("two-thirds")
    (500000.0, 20000.0, 0.6666666666666666)
    """
    low = _RANGE.search(text.lower())
    if low:  # "10-15", "between 10 and 15", "seven or eight": the lowest estimate, as ACLED codes fatalities
        return parse_number(low.group(1))
    lex = lexicon()
    total, current, seen, fraction, several = 0.0, 0.0, False, None, False
    for word in re.findall(r"[\d.,]*\d|[a-z]+", text.lower().replace("-", " ")):
        digits = word.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", digits):
            current, seen = current + float(digits), True
        elif word in _SMALL:
            current, seen = current + _SMALL[word], True
        elif word in lex.fractions:  # "half", "two-thirds": a share of what follows, or of one
            fraction, current, seen = (current if seen else 1.0) * lex.fractions[word], 0.0, True
        elif word == "several":
            several = True
        elif word in lex.approximate:
            scale = lex.approximate[word]
            base = lex.approximate.get(word[:-1], scale) if word.endswith("s") else scale
            if fraction is not None:
                current, fraction = fraction * scale, None  # "half a million"
            elif seen and current:
                current *= base  # "two hundred", "tens of thousands"
            else:
                current = 2 * scale if several else scale  # "hundreds", "several hundred": the lower bound
            seen = True
            if scale >= 1000:
                total, current = total + current, 0.0
    if fraction is not None:
        total += fraction
    value = total + current
    return value if seen and math.isfinite(value) else None  # 400 digits read as float inf: not a count


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # character offsets of the evidence
    end: int
    value: float
    unit: str | None
    kind: str
    qualifier: str | None
    anchor: Token  # the counted noun, or the number


def stage(given: StageInput) -> dict[str, tuple[Quantity, ...]]:
    """Quantities of one parsed document."""
    doc, doc_id, text = given.parsed, given.document.id, given.document.text
    timexes = tuple(given.found.get("timexes", ()))
    quotes = tuple(given.found.get("quotes", ()))
    blocked = _blocked_tokens(doc, timexes, given.found.get("entities", ()), quotes)
    found: list[_Found] = []
    for i, j in _number_phrases(doc):
        if not any(blocked[i:j]):
            amount = _read(doc, i, j, found)
            if amount is not None:
                found.append(amount)
    windows = _windows(doc, found, timexes)
    sources = _sources(found, quotes)
    return {"quantities": tuple(
        Quantity(id=fact_id("quantity", doc_id, f.start, f.end), doc_id=doc_id,
                 span=Span(f.start, f.end, text[f.start:f.end]), value=f.value, unit=f.unit, kind=f.kind,
                 qualifier=f.qualifier, window=window, source=source)
        for f, window, source in zip(found, windows, sources, strict=True))}


def _blocked_tokens(doc: Doc, timexes: Sequence[Timex], entities: Sequence[Any], quotes: Sequence[Quote]
                    ) -> bytearray:
    """One flag per token: inside a time expression, a name, a date, money, or a quote's speaker."""
    blocked = bytearray(len(doc))
    spans = [(t.span.start, t.span.end) for t in timexes]
    spans += [(m.start, m.end) for e in entities for m in e.mentions]
    spans += [(q.speaker.start, q.speaker.end) for q in quotes if q.speaker is not None]
    spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _BLOCKING_LABELS and (
        e.label_ != "MONEY" or _CURRENCY.search(e.text))]  # the small model calls "more than 8 million" MONEY
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            blocked[span.start:span.end] = b"\x01" * len(span)
    return blocked


def _numeric(token: Token) -> bool:
    lex = lexicon()
    low = token.lower_
    if low in lex.ordinals or re.fullmatch(r"\d+(?:st|nd|rd|th)", low):
        return False
    return (token.like_num and ":" not in token.text) or low in lex.approximate or low in lex.fractions or (
        low == "several" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in lex.approximate)


def _number_phrases(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of written amounts: "3,000", "twenty - five", "half a million", "a dozen", "sixth"."""
    lex, phrases, n, i = lexicon(), [], len(doc), 0
    while i < n:
        token = doc[i]
        nxt = doc[i + 1] if i + 1 < n else None
        article = token.lower_ in ("a", "an") and nxt is not None and (
            nxt.lower_ in lex.approximate or nxt.lower_ in lex.fractions or nxt.lower_ in lex.ordinals)
        if not (_numeric(token) or article or token.lower_ in lex.ordinals):
            i += 1
            continue
        j = i + 1
        if token.lower_ in lex.ordinals or (article and nxt.lower_ in lex.ordinals):
            phrases.append((i, j + 1 if article else j))
            i = j + 1 if article else j
            continue
        while j < n:
            here, after = doc[j], doc[j + 1] if j + 1 < n else None
            if _numeric(here):
                j += 1
            elif after is not None and _numeric(after) and (
                    (here.text in ("-", "–") and not here.whitespace_)
                    or (here.lower_ == "and" and (doc[j - 1].lower_ in ("hundred", "thousand", "million")
                                                  or (i > 0 and doc[i - 1].lower_ == "between")))
                    or (here.lower_ in ("to", "or") and after.lower_ not in lex.approximate)
                    or (here.lower_ == "of" and doc[j - 1].lower_ in lex.vague and after.lower_ in lex.vague)):
                j += 2
            elif here.lower_ in ("a", "an") and doc[j - 1].lower_ in lex.fractions and after is not None and (
                    after.lower_ in lex.approximate):
                j += 1  # "half a million"
            else:
                break
        phrases.append((i, j))
        i = j
    return phrases


def _read(doc: Doc, i: int, j: int, earlier: Sequence[_Found]) -> _Found | None:
    """The amount written at tokens ``[i, j)``, or None when it is not a count worth recording."""
    lex = lexicon()
    words = [t.lower_ for t in doc[i:j]]
    before = doc[i - 1] if i > 0 else None
    after = doc[j] if j < len(doc) else None
    if before is not None and (before.text in ("$", "£", "€", "#") or before.lower_.rstrip(".") in lex.label_words
                               or (before.text == "-" and i > 1 and doc[i - 2].is_alpha
                                   and not doc[i - 2].whitespace_)):
        return None  # money, "Resolution 2254", "COVID-19", "Mi-17"
    if _is_date_part(doc, i, j):
        return None
    if words[-1] in lex.ordinals:
        return _ordinal(doc, i, j, earlier)
    if words[-1] in lex.fractions and (after is None or after.lower_ != "of") and (
            after is None or after.pos_ not in ("DET", "PRON")):
        return None  # "half" alone is not a share of anything named
    value = parse_number(doc[i:j].text)
    if value is None:
        return None
    unit, scope, end = _unit(doc, i, j, earlier)
    if words[-1] in lex.fractions:
        unit = "proportion"
    elif after is not None and after.text in ("%", "percent") or (
            after is not None and after.lower_ == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent"):
        unit, end = "percent", (after.idx + len(after.text) if after.lower_ != "per" else doc[j + 1].idx + 4)
    anchor = unit if not isinstance(unit, str) and unit is not None else doc[i:j].root
    if _is_source(anchor):
        return None
    kind = _kind(doc, i, j, unit if not isinstance(unit, str) else None, scope, earlier)
    unit_name = unit if isinstance(unit, str) or unit is None else _unit_name(unit)
    if unit_name is not None and unit_name.lower() in lex.casualty:
        unit_name = "people"  # "dozens of wounded"
    if unit_name is None and anchor.head.lower_ in ("including", "among") and earlier and (
            earlier[-1].anchor.sent.start == anchor.sent.start):
        unit_name, kind = earlier[-1].unit, earlier[-1].kind  # "800,000 civilians, including hundreds of thousands"
    if unit_name is None and anchor.dep_ in ("nsubj", "nsubjpass") and kind not in _HUMAN_KINDS:
        unit_name = _antecedent(anchor)  # "four cities remain ..., and two are besieged"; "Thousands fled"
    if unit_name is None and kind in _HUMAN_KINDS:
        unit_name = "people"  # "220 [people] wounded"
    if unit_name in lex.not_units:
        return None  # "moved three times"
    if kind == "count" and value < 2 and not doc[i].text[0].isdigit() and unit_name != "proportion":
        return None  # "one official", "one instance": an article, not an amount worth recording
    start, qualifier = _qualifier(doc, i, j, words)
    return _Found(start, max(end, doc[j - 1].idx + len(doc[j - 1].text)), value, unit_name, kind, qualifier, anchor)


def _ordinal(doc: Doc, i: int, j: int, earlier: Sequence[_Found]) -> _Found | None:
    """'a sixth provincial capital': a running count. Rank ordinals ('the second city', 'third-largest') are not."""
    lex = lexicon()
    token = doc[j - 1]
    head = token.head
    if j - i < 2 or doc[i].lower_ not in ("a", "an") or head.pos_ not in ("NOUN", "PROPN") or head.i < j or (
            j < len(doc) and doc[j].text == "-") or _is_source(head):
        return None
    kind = _kind(doc, j - 1, j, head, None, earlier)
    return _Found(token.idx, head.idx + len(head.text), float(lex.ordinals[token.lower_]), _unit_name(head), kind,
                  None, head)


def _unit(doc: Doc, i: int, j: int, earlier: Sequence[_Found]) -> tuple[Token | str | None, Token | None, int]:
    """The counted noun (a token, or a unit name taken from an earlier count), the partitive object, the end."""
    lex = lexicon()
    end = doc[j - 1].idx + len(doc[j - 1].text)
    root = next((t for t in reversed(doc[i:j]) if not i <= t.head.i < j), doc[j - 1])
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod") and head.pos_ in (
            "NOUN", "PROPN") and head.i >= j and head.i - j <= 4:
        between = doc[j:head.i]
        if all(t.head.i in range(i, head.i + 1) and not t.is_punct for t in between):
            return head, None, head.idx + len(head.text)  # "three provincial capitals"
        return head, None, end
    if j < len(doc) and doc[j].lower_ == "of":
        for token in doc[j + 1:j + 6]:
            if token.tag_ == "PRP":  # "two of them": the noun counted just before
                previous = next((f.unit for f in reversed(earlier[-3:]) if f.unit and f.unit != "people"), None)
                return previous, None, end
            if token.pos_ in ("NOUN", "PROPN") or token.lower_ in lex.casualty:
                while token.dep_ in ("compound", "amod") and token.i < token.head.i <= token.i + 3:
                    token = token.head  # "dozens of RSF fighters": the head noun, not its modifier
                return token, token, end  # "hundreds of prisoners", "600 of its own troops", "half of the wounded"
            if token.pos_ not in ("DET", "ADJ", "PRON", "NUM") and token.lower_ != "own":
                break
    subject = _count_subject(root)
    if subject is not None:  # "the number of provincial centers ... rises to 12", "the death toll rose to 50"
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return counted, subject, end
    return None, None, end


def _antecedent(anchor: Token) -> str:
    """The noun a bare subject number stands for: the last plural subject before it in the sentence, else people.

    "several hospitals had been shelled and at least nine had been forced to
    close" -> hospitals; subjects of reporting verbs ("residents said") do not count.
    """
    lex = lexicon()
    for token in reversed(anchor.doc[anchor.sent.start:anchor.i]):
        if token.tag_ in ("NNS", "NNPS") and token.dep_ in ("nsubj", "nsubjpass") and (
                token.head.lemma_.lower() not in lex.reporting):
            return _unit_name(token)
    return "people"


def _count_subject(root: Token) -> Token | None:
    """The count noun ("number", "toll") a bare number is the value of: "... rises to 12", "brings to nine"."""
    lex = lexicon()
    if not (root.dep_ == "attr" or (root.dep_ == "pobj" and root.head.lower_ in ("to", "from", "at"))):
        return None
    nouns = [t for t in root.sent if t.pos_ == "NOUN" and t.lemma_.lower() in lex.count_nouns]
    return min(nouns, key=lambda t: abs(t.i - root.i), default=None)


def _unit_name(token: Token) -> str:
    """The unit as written, plural: ``"capital"`` -> ``"capitals"``; distances folded (``"kilometres"`` -> km)."""
    lex = lexicon()
    low = token.lower_
    if low in lex.unit_names:
        return lex.unit_names[low]
    word = token.text if token.pos_ == "PROPN" or (token.text[:1].isupper() and not token.is_sent_start) else low
    if token.tag_ == "NN" and low not in lex.plurals.values():
        if low in lex.plurals:
            return lex.plurals[low]
        if re.search(r"(?:s|x|z|ch|sh)$", low):
            return word + "es"
        return word[:-1] + "ies" if re.search(r"[^aeiou]y$", low) else word + "s"
    return word


def _is_source(anchor: Token) -> bool:
    """'Two officials said', 'according to two American officials': a count of sources, not of the conflict."""
    lex = lexicon()
    if anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() in lex.reporting:
        return True
    return anchor.dep_ == "pobj" and anchor.head.lower_ == "to" and anchor.head.head.lower_ == "according"


def _kind(doc: Doc, i: int, j: int, unit: Token | None, scope: Token | None, earlier: Sequence[_Found]) -> str:
    """What the amount counts: a casualty word nearby, else the unit's kind, else another predicate, else count."""
    lex = lexicon()
    anchor = unit if unit is not None else doc[i:j].root
    nearby = [*anchor.children, *(scope.subtree if scope is not None else ())]
    nearby += doc[j:j + 1] if unit is None else doc[anchor.i + 1:anchor.i + 2]  # "30 wounded", "12 people dead"
    token = anchor
    for _ in range(8):  # up to the clause's verb: "36 people had been killed"
        if token.head.i == token.i:
            break
        token = token.head
        nearby.append(token)
        if token.pos_ in ("VERB", "AUX"):
            nearby += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "from")
                       for g in c.children]  # "treated for wounds", "died of their injuries"
            break
    words = [(w.lemma_.lower(), w.lower_) for w in nearby if not i <= w.i < j]
    casualty = next((lex.casualty[w] for pair in words for w in pair if w in lex.casualty), None)
    if casualty:
        return casualty
    if unit is not None and unit.lower_ in lex.by_unit:
        return lex.by_unit[unit.lower_]
    if unit is not None and unit.head.lower_ in ("including", "among", "includes") and earlier:
        return earlier[-1].kind  # "4,000 employees, including about 1,400 Americans"
    if unit is not None and unit.pos_ != "PROPN" and unit.lemma_.lower() not in lex.people:
        return "count"  # "captured a sixth provincial capital": arrests and flights are of people
    return next((lex.by_predicate[w] for pair in words for w in pair if w in lex.by_predicate), "count")


def _qualifier(doc: Doc, i: int, j: int, words: list[str]) -> tuple[int, str | None]:
    """Where the evidence starts and the qualifier: "at least 12", "More than half", "hundreds" (vague)."""
    lex = lexicon()
    before = [t.lower_ for t in doc[max(0, i - 3):i]]
    for phrase, name in lex.qualifiers:
        if len(phrase) <= len(before) and tuple(before[len(before) - len(phrase):]) == phrase:
            if phrase == ("between",) and not any(w in ("and", "to") for w in words):
                continue
            return doc[i - len(phrase)].idx, name
    if any(w in ("to", "or", "and", "-", "–") for w in words[1:]):
        return doc[i].idx, "at least"  # a range counts for its low end
    if not any(any(c.isdigit() for c in w) for w in words) and any(w in lex.vague for w in words):
        return doc[i].idx, "vague"
    return doc[i].idx, None


def _is_date_part(doc: Doc, i: int, j: int) -> bool:
    """Whether the number is the day of a date the NER missed ("Aug 9", "9 Aug")."""
    neighbours = [doc[k].text for k in (i - 1, j) if 0 <= k < len(doc)]
    return any(month_number(word) is not None for word in neighbours) and j - i == 1 and doc[i].text.isdigit()


def _windows(doc: Doc, found: Sequence[_Found], timexes: Sequence[Timex]) -> list[str | None]:
    """The timex bounding each count: one in the same clause, else an interval up to now in the same sentence.

    In a clause, a duration ("over the past 11 days") beats a date ("on Monday"),
    which beats a reference ("now"). Distances have no window.
    """
    from sitroom.timexes import clause_head

    ordered = sorted((t for t in timexes if t.type is not TimexType.SET), key=lambda t: t.span.start)
    starts = [t.span.start for t in ordered]
    windows: list[str | None] = []
    for amount in found:
        sentence = amount.anchor.sent
        head = clause_head(amount.anchor)
        best: tuple[int, str] | None = None
        for timex in ordered[bisect.bisect_left(starts, sentence.start_char):
                             bisect.bisect_left(starts, sentence.end_char)]:
            span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
            if span is None or amount.kind == "distance" or (
                    span.root.dep_ in ("amod", "compound") and span.root.head.pos_ == "NOUN"):
                continue  # "the 20-year war": a modifier, not a period counted over
            other = clause_head(span.root)
            conjoined = (other.head.i == head.i and other.dep_ == "conj") or (
                head.head.i == other.i and head.dep_ == "conj")  # "36 killed and 220 wounded over the past 11 days"
            interval = timex.type is TimexType.DURATION and (timex.begin or timex.end)
            if other.i == head.i or conjoined or interval:
                rank = 2 * (0 if interval else 1 if timex.type is TimexType.DURATION else
                            3 if timex.value is None or timex.value.endswith("_REF") else 2)
                rank += 1 if conjoined else 0 if other.i == head.i else 8
                if best is None or rank < best[0]:
                    best = (rank, timex.id)
        windows.append(best[1] if best else None)
    return windows


def _sources(found: Sequence[_Found], quotes: Sequence[Quote]) -> list[str | None]:
    """The innermost quote whose content holds each count (a sweep over both, sorted by start)."""
    ordered = sorted(quotes, key=lambda q: q.content.start)
    order = sorted(range(len(found)), key=lambda k: found[k].start)
    sources: list[str | None] = [None] * len(found)
    open_quotes: list[tuple[int, int, str]] = []  # heap of (content end, content start, id)
    next_quote = 0
    for k in order:
        amount = found[k]
        while next_quote < len(ordered) and ordered[next_quote].content.start <= amount.start:
            quote = ordered[next_quote]
            heapq.heappush(open_quotes, (quote.content.end, quote.content.start, quote.id))
            next_quote += 1
        while open_quotes and open_quotes[0][0] <= amount.start:
            heapq.heappop(open_quotes)
        holding = [(end - start, quote_id) for end, start, quote_id in open_quotes if end >= amount.end]
        sources[k] = min(holding)[1] if holding else None
    return sources
