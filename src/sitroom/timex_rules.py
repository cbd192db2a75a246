"""Where time expressions are: hand-written patterns, plus the NER's DATE/TIME spans where no pattern fired.

The small spaCy model misses many expressions news relies on ("over the
weekend", "right now", "previously", "or even weeks") and splits others
("Wednesday" + "evening"). The patterns here find them in the raw text (one
regex pass each, so the cost is linear in the length of the document); the
NER's spans fill in what no pattern knows ("the 1990s" aside, e.g. "the end
of three days"), trimmed to the span rules of the gold guidelines: leading
prepositions and focus particles stay outside ("even for 10 minutes" ->
"10 minutes"), determiners and modifiers inside ("the past 11 days",
"around 10 hours", "Wednesday evening").

>>> [text for _, _, text in find("Fighting raged over the weekend and Wednesday evening, even for 10 minutes.")]
['the weekend', 'Wednesday evening', '10 minutes']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sitroom.dateline import MONTH_PATTERN
from sitroom.lexicons import load_json

_NUMBER_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six"
                r"|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
                r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|a|an|a\s+few|few|several"
                r"|many|some|a\s+couple\s+of|a\s+couple|couple\s+of)")
# Digits start only where a run of digits and commas starts, and are never given back (possessive): else each
# comma of a 100,000-character "1,01,0..." token restarts a scan of the whole run (hours; fuzz test).
_AMOUNT = rf"(?:(?<![\d,])\d[\d,]*+(?:\.\d+)?|{_NUMBER_WORD})(?:\s+and\s+a\s+half)?"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)"
_PLURAL_UNIT = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
_APPROX = (r"(?:around|about|nearly|almost|roughly|some|approximately|more\s+than|less\s+than|fewer\s+than|under"
           r"|at\s+least|up\s+to|close\s+to|upwards\s+of|well\s+over)")
_LEAD = r"(?:the\s+)?(?:past|last|next|previous|coming|upcoming|first|final|following|recent)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PERIOD = r"(?:week|month|year|weekend|decade|century|spring|summer|autumn|fall|winter)"
_EDGE = r"(?:the\s+(?:start|beginning|end|middle)\s+of\s+)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_SENTENCE_END = re.compile(r"(?:^|[.!?\"“”:]\s*|\n\s*)$")


@functools.cache
def words() -> dict:
    """The word lists of ``timex_words.json``."""
    return load_json("timex_words.json")


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    allowed: Callable[[str, re.Match[str]], bool] | None = None


def _word_before(text: str, start: int) -> str:
    """The word just before ``start``, lowercased ("" at the start of the text)."""
    match = re.search(r"([A-Za-z]+)[^A-Za-z\n]{0,3}$", text[max(0, start - 24):start])
    return match.group(1).lower() if match else ""


def _after_preposition(*allowed: str) -> Callable[[str, re.Match[str]], bool]:
    def check(text: str, match: re.Match[str]) -> bool:
        return _word_before(text, match.start("t")) in allowed
    return check


def _bare_period(text: str, match: re.Match[str]) -> bool:
    """'for weeks', 'in coming months', 'or even weeks': a bare plural needs a lead word or a preposition."""
    if match.group("lead"):
        return True
    return _word_before(text, match.start("t")) in ("for", "in", "within", "over", "after", "during", "since",
                                                     "even", "than", "took", "take", "takes", "lasted", "last")


def _month_alone(text: str, match: re.Match[str]) -> bool:
    """A month name with no day: not the modal 'May' or a sentence-initial 'March' ("May God...", "March on")."""
    if match.group("y") or match.group("mod") or match.group("t")[:3] not in ("May", "Mar"):
        return True
    return not _SENTENCE_END.search(text[max(0, match.start("t") - 3):match.start("t")]) and (
        _word_before(text, match.start("t")) in ("in", "since", "until", "till", "by", "from", "through", "of",
                                                 "during", "before", "after", "between", "and", "last", "next",
                                                 "this", "early", "late", "mid", "end", "start", "beginning"))


def _not_ordinal(text: str, match: re.Match[str]) -> bool:
    """'A second negotiator': the ordinal, not a duration of one second."""
    return re.fullmatch(r"(?:a|an)\s+second", match.group("t"), re.IGNORECASE) is None


def _not_followed_by_amount(text: str, match: re.Match[str]) -> bool:
    """'in the past' alone (PAST_REF), not the start of 'in the past 11 days'."""
    rest = text[match.end("t"):match.end("t") + 40]
    return re.match(rf"\s+(?:{_AMOUNT}[\s-]+)?{_UNIT}\b", rest, re.IGNORECASE) is None


def _rule(name: str, pattern: str, allowed: Callable[[str, re.Match[str]], bool] | None = None,
          flags: int = 0) -> _Rule:
    if "(?P<t>" not in pattern:
        pattern = f"(?P<t>{pattern})"
    return _Rule(name, re.compile(pattern, flags), allowed)


_I = re.IGNORECASE
RULES: tuple[_Rule, ...] = (
    _rule("duration", rf"\b(?:{_LEAD}\s+)?(?:{_APPROX}\s+)?{_AMOUNT}[\s-]+{_UNIT}(?:[\s-]long|-old)?(?:\s+ago)?\b",
          _not_ordinal, _I),
    _rule("bare_period", rf"\b(?P<t>(?P<lead>{_LEAD}\s+(?:few\s+|several\s+|many\s+)?)?{_PLURAL_UNIT})\b",
          _bare_period, _I),
    _rule("weekday", rf"\b(?:(?i:early|late|last|next|this|coming|past)\s+)?{_WEEKDAY}\b(?:\s+(?i:{_PART})\b)?"),
    _rule("relative_day", r"\b(?:(?:early|late)\s+)?(?:today|yesterday|tomorrow|tonight)(?:\s+(?:morning|afternoon"
                          r"|evening|night))?\b", flags=_I),
    _rule("relative_part", r"\b(?:(?:early|late)\s+)?(?:this|last)\s+(?:morning|afternoon|evening|night)\b"
                           r"|\bovernight\b", flags=_I),
    _rule("month_day", rf"\b(?:(?i:early|late|mid)[\s-]+)?{MONTH_PATTERN}\s+(?:[12]\d|3[01]|0?[1-9])"
                       rf"(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?"),
    _rule("day_month", rf"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN}(?![A-Za-z])"
                       rf"(?:,?\s+{_YEAR}\b)?"),
    _rule("month", rf"(?P<t>\b(?P<mod>(?i:early|late|mid)[\s-]+|(?i:{_EDGE}))?"
                   rf"(?:{_FULL_MONTH}\b(?:,?\s+(?P<y>{_YEAR})\b)?|{MONTH_PATTERN}\s+(?P<y2>{_YEAR})\b))",
          _month_alone),
    _rule("decade", r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:1[89]|20)\d0s\b", flags=_I),
    _rule("year", rf"\b(?:(?i:early|late|mid)[\s-]+)?{_YEAR}\b(?![\d,.]*\s*(?:%|percent))",
          _after_preposition("in", "since", "until", "till", "by", "from", "through", "during", "before", "after",
                             "between", "of", "and", "year", "early", "late", "mid", "to")),
    _rule("relative_period", rf"\b(?:{_EDGE}|(?:earlier|later|early|late)\s+)?(?:the\s+)?"
                             rf"(?:this|last|next|past|previous|coming|current)\s+{_PERIOD}\b"
                             r"|\b(?:earlier|later)\s+in\s+the\s+(?:week|month|year)\b"
                             rf"|\b{_EDGE}the\s+(?:week|month|year)\b|\bthe\s+weekend\b", flags=_I),
    _rule("present_ref", r"\b(?:right\s+|just\s+)?now\b|\bcurrently\b|\bnowadays\b|\bthese\s+days\b"
                         r"|\b(?:this|the\s+current)\s+(?:particular\s+|very\s+)?moment\b", flags=_I),
    _rule("at_present", r"\b(?:at|for)\s+(?P<t>present|the\s+moment)\b", flags=_I),
    _rule("past_ref", r"\b(?:previously|recently|formerly|lately)\b", flags=_I),
    _rule("before", r"\bbefore\b(?=\s*(?:[,.;:!?)”\"]|$))", flags=_I),  # "broken promises before.": an adverb
    _rule("in_the_past", r"\bin\s+(?P<t>the\s+past)\b", _not_followed_by_amount, _I),
    _rule("future_ref", r"\bin\s+(?P<t>the\s+(?:near\s+|distant\s+|foreseeable\s+)?future)\b", flags=_I),
    _rule("set", r"\b(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|night|morning|evening|hour|weekend)\b",
          flags=_I),
    _rule("clock", r"\b(?:(?:around|about|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?"
                   r"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", flags=_I),
    _rule("clock_word", r"\b(?:around\s+)?(?:noon|midnight|midday|dawn|dusk)\b",
          _after_preposition("at", "around", "before", "after", "until", "till", "by", "since", "from", "about",
                             "past", "near", "towards", "toward"), _I),
)


def rule_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Every pattern match as ``(start, end, rule name)``, overlapping ones included, in no particular order."""
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            if rule.allowed is None or rule.allowed(text, match):
                yield match.start("t"), match.end("t"), rule.name


def _leading_pattern() -> re.Pattern[str]:
    listed = sorted(words()["trim_leading"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in listed) + r")\s+)+", re.IGNORECASE)


_LEADING = _leading_pattern()
_TRAILING = re.compile(r"(?:['’]s|[\s,.;:!?\"“”'’()\-–—])+$")
_SPLIT = re.compile(r"\s*(?:,(?!\s*\d{4}\b)|\b(?:" + "|".join(words()["split_at"]) + r")\b)\s*", re.IGNORECASE)
_NOT_TIMEXES = {w.lower() for w in words()["not_timexes"]}


def strip_leading(text: str) -> str:
    """``text`` without its leading prepositions and particles: ``"even for 10 minutes"`` -> ``"10 minutes"``."""
    lead = _LEADING.match(text)
    return text[lead.end():] if lead else text


def trim(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A NER span cut to the guidelines: no leading preposition or particle, split at "after", "and"...

    >>> s = "fell on Tuesday after weeks of fighting"
    >>> [s[a:b] for a, b in trim(s, 5, 27)]
    ['Tuesday', 'weeks']
    """
    piece_start = start
    for gap in (*_SPLIT.finditer(text, start, end), None):
        piece_end = end if gap is None else gap.start()
        piece = text[piece_start:piece_end]
        lead = _LEADING.match(piece)
        a = piece_start + (lead.end() if lead else 0)
        tail = _TRAILING.search(text, a, piece_end)
        b = tail.start() if tail else piece_end
        if b > a:
            yield a, b
        if gap is not None:
            piece_start = gap.end()


def _keep_ner(text: str, start: int, end: int) -> bool:
    piece = re.sub(r"\s+", " ", text[start:end]).lower()
    # "(by) the day", "the latest", a stray day number: not a time of their own
    return piece not in _NOT_TIMEXES and re.fullmatch(r"\d{1,3}", piece) is None


def find(text: str, ner_spans: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """Non-overlapping timex spans ``(start, end, text)`` in text order: patterns first, then NER spans.

    Among overlapping pattern matches the earliest, then the longest, wins; a NER
    span is kept (trimmed) only where no pattern matched.

    >>> [t for _, _, t in find("Taliban took Aybak on Monday and will attack in coming months, or even weeks.")]
    ['Monday', 'coming months', 'weeks']
    """
    kept = _sweep(sorted(rule_spans(text), key=lambda s: (s[0], -s[1])))
    taken = [(a, b) for a, b, _ in kept]
    extra = []
    for start, end in ner_spans:
        for a, b in trim(text, start, end):
            if _keep_ner(text, a, b) and not _overlaps(taken, a, b):
                extra.append((a, b, "ner"))
    merged = _sweep(sorted(kept + extra, key=lambda s: (s[0], -s[1])))
    return [(a, b, text[a:b]) for a, b, _ in merged]


def _sweep(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep each span that does not overlap the one kept before it (input sorted by start, longest first)."""
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a span of ``taken`` (sorted, non-overlapping): a binary search."""
    i = bisect.bisect_left(taken, (start, start))
    return any(0 <= j < len(taken) and taken[j][0] < end and start < taken[j][1] for j in (i - 1, i))
