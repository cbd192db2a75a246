"""Time expressions: spans from the NER pass, typed and normalized to TIMEX3-style values.

Requires the parse; assigns ``timexes``. Values are resolved against the
document's publication date, looking back by default (news reports past
events; HeidelTime's rule) and forward when the sentence speaks of the future
("will", "next", "coming"). Without a publication date the value stays
underspecified (``XXXX-08-31``, ``XXXX-WXX-1``). The events issue will refine
intervals ("over the past 11 days" as a span of dates); this stage gives each
expression its type and value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sitroom.dateline import MONTH_PATTERN, month_number
from sitroom.ids import fact_id
from sitroom.model import Span, Timex, TimexType

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from sitroom.pipeline import StageInput

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_EXPLICIT = re.compile(
    rf"(?:\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?\b(?P<m>{MONTH_PATTERN})(?!\w)"
    r"(?:\s+(?P<d2>\d{1,2})(?!\d)(?:st|nd|rd|th)?)?(?:,?\s*(?P<y>\d{4})\b)?",
    re.IGNORECASE,
)
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
            "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
          "hour": "TH", "minute": "TM", "second": "TS"}
_DURATION = re.compile(
    r"^(?:the\s+)?(?:(?:past|last|next|coming|previous|first|around|about|nearly|almost|over|more than)\s+)*"
    r"(?P<n>\d+|" + "|".join(_NUMBERS) + r"|several|few|a few)?[\s-]*"
    r"(?P<unit>year|month|week|day|decade|century|hour|minute|second)(?P<plural>s)?(?:[\s-]long|[\s-]old)?$"
)


def _duration(text: str) -> str | None:
    match = _DURATION.match(text)
    if match is None:
        return None
    count = match.group("n")
    if count is None and not match.group("plural"):
        return None  # "last year", "the day": a point, not a length of time
    unit = _UNITS[match.group("unit")]
    if count is None or count in ("several", "few", "a few"):
        amount = "X"
    else:
        amount = count if count.isdigit() else str(_NUMBERS[count])
    if unit == "DE":
        return f"P{int(amount) * 10}Y" if amount != "X" else "PXDE"
    if unit == "CE":
        return f"P{int(amount) * 100}Y" if amount != "X" else "PXCE"
    return f"PT{amount}{unit[1]}" if unit.startswith("T") else f"P{amount}{unit}"


def _weekday(day: int, anchor: dt.date | None, future: bool) -> str:
    if anchor is None:
        return f"XXXX-WXX-{day + 1}"
    delta = (day - anchor.weekday()) % 7
    date = anchor + dt.timedelta(days=delta) if future and delta else anchor - dt.timedelta(
        days=(anchor.weekday() - day) % 7)
    return date.isoformat()


def normalize(text: str, anchor: dt.date | None, *, future: bool = False) -> tuple[TimexType, str | None]:
    """Type and TIMEX3 value of a time expression, relative to ``anchor`` (the publication date).

    >>> normalize("Monday", dt.date(2021, 8, 13))
    (<TimexType.DATE: 'DATE'>, '2021-08-09')
    >>> normalize("the past 11 days", None)
    (<TimexType.DURATION: 'DURATION'>, 'P11D')
    """
    lower = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" .,")
    duration = _duration(lower)
    if duration:
        return TimexType.DURATION, duration
    if re.search(r"\b(every|each|daily|weekly|monthly|annually)\b", lower):
        return TimexType.SET, None
    year = anchor.year if anchor else None
    part = next((code for word, code in _PARTS_OF_DAY.items() if word in lower), None)
    words = lower.split()
    for index, name in enumerate(_WEEKDAYS):
        if name in words:
            value = _weekday(index, anchor, future or "next" in words)
            return (TimexType.TIME, f"{value}T{part}") if part else (TimexType.DATE, value)
    explicit = _EXPLICIT.search(lower)
    if explicit:
        month = month_number(explicit.group("m"))
        day = explicit.group("d1") or explicit.group("d2")
        the_year = explicit.group("y") or (str(year) if year else "XXXX")
        if day:
            return TimexType.DATE, f"{the_year}-{month:02d}-{int(day):02d}"
        return TimexType.DATE, f"{the_year}-{month:02d}"
    if re.fullmatch(r"\d{4}", lower):
        return TimexType.DATE, lower
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
    for word, shift in relative.items():
        if word in words:
            if anchor is None:
                return TimexType.DATE, None
            value = (anchor + dt.timedelta(days=shift)).isoformat()
            return (TimexType.TIME, f"{value}TNI") if word == "tonight" else (TimexType.DATE, value)
    if "weekend" in words and anchor:
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return TimexType.DATE, f"{saturday.isocalendar().year}-W{saturday.isocalendar().week:02d}-WE"
    if "year" in words and year:
        if "last" in words or "previous" in words:
            return TimexType.DATE, str(year - 1)
        if "this" in words:
            return TimexType.DATE, str(year)
        if "next" in words:
            return TimexType.DATE, str(year + 1)
    if re.search(r"\b(coming|future)\b", lower):
        return TimexType.DATE, "FUTURE_REF"
    if re.search(r"\b(now|currently|present)\b", lower):
        return TimexType.DATE, "PRESENT_REF"
    return (TimexType.TIME if part else TimexType.DATE), None


def stage(given: StageInput) -> dict[str, tuple[Timex, ...]]:
    """Timexes of one parsed document."""
    document = given.document
    found = []
    for ent in given.parsed.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        future = _governed_by_future(ent)
        kind, value = normalize(ent.text, document.published, future=future)
        if ent.label_ == "TIME" and kind is TimexType.DATE:
            kind = TimexType.TIME
        found.append(_timex(document.id, ent, kind, value))
    return {"timexes": tuple(found)}


def _governed_by_future(ent: SpacySpan) -> bool:
    """Whether the verb the expression attaches to is in the future tense ("will end on Monday")."""
    token = ent.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return any(child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll") for child in token.children)


def _timex(doc_id: str, ent: SpacySpan, kind: TimexType, value: str | None) -> Timex:
    span = Span(ent.start_char, ent.end_char, ent.text)
    return Timex(id=fact_id("timex", doc_id, span.start, span.end), doc_id=doc_id, span=span, type=kind, value=value)
