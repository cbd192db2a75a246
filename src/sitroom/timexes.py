"""Time expressions: found (``timex_rules``), typed, normalized to TIMEX3 values and to calendar intervals.

Requires the parse; assigns ``timexes``. Values are resolved against the
document's publication date, looking back by default (news reports past
events; HeidelTime's rule) and forward when the clause speaks of the future
("will", "plans to", "next", "coming"). Each timex also gets the calendar
interval it denotes (``begin``/``end``, both inclusive): "last year" is the
whole of 2020, "earlier this year" runs from 1 January to the publication
date, "over the past 11 days" ends on it. Without a publication date values
stay underspecified (``XXXX-08-31``, ``XXXX-WXX-1``), intervals unknown and
``anchored`` False; explicit dates ("2001", "August 31, 2020") have an
interval but are not anchored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom import timex_rules
from sitroom.ids import fact_id
from sitroom.model import Span, Timex, TimexType
from sitroom.timex_calendar import (
    Interval,
    calendar_period,
    explicit_date,
    relative_period,
    shift,
    weekday_date,
    weekend,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from sitroom.pipeline import StageInput

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNIT_CODES = {"S": ("PT", "S"), "MIN": ("PT", "M"), "H": ("PT", "H"), "D": ("P", "D"), "W": ("P", "W"),
               "M": ("P", "M"), "Y": ("P", "Y")}
_NUMBER = r"\d[\d,]*(?:\.\d+)?|[a-z]+(?:-[a-z]+)?|a few|a couple of|a couple|couple of|a hundred"
_DURATION = re.compile(
    r"^(?:the )?(?:(?P<lead>past|last|next|previous|coming|upcoming|first|final|following|recent) )?"
    r"(?:(?P<approx>around|about|nearly|almost|roughly|some|approximately|more than|less than|fewer than|under"
    r"|at least|up to|close to|upwards of|well over) )?"
    rf"(?:(?P<n>{_NUMBER})(?P<half> and a half)?[ -])?"
    r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))(?P<plural>s)?"
    r"(?:[ -]long|-old)?(?P<ago> ago)?$")
_CLOCK = re.compile(r"(?:(?:around|about|shortly after|shortly before|just after|just before) )?(?P<h>[01]?\d|2[0-3])"
                    r"(?:[:.](?P<m>[0-5]\d))? ?(?:a\.m\.?|am|(?P<pm>p\.m\.?|pm))")
_VAGUE = {"few", "a few", "several", "many", "some", "a couple of", "a couple", "couple of"}
_ELLIPSIS = re.compile(r"\s*,?\s*(?:or|and)\s+(?:even\s+|perhaps\s+|possibly\s+|maybe\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a time expression means: type, TIMEX3 value, inclusive calendar interval, and whether anchored."""

    type: TimexType
    value: str | None
    begin: dt.date | None = None
    end: dt.date | None = None
    anchored: bool = False


def normalize(text: str, anchor: dt.date | None, *, future: bool = False, past: bool = False
              ) -> tuple[TimexType, str | None]:
    """Type and TIMEX3 value of a time expression, relative to ``anchor`` (the publication date).

    >>> normalize("Monday", dt.date(2021, 8, 13))
    (<TimexType.DATE: 'DATE'>, '2021-08-09')
    >>> normalize("the past 11 days", None)
    (<TimexType.DURATION: 'DURATION'>, 'P11D')
    """
    resolved = resolve(text, anchor, future=future, past=past)
    return resolved.type, resolved.value


def resolve(text: str, anchor: dt.date | None, *, future: bool = False, past: bool = False) -> Resolved:
    """Type, value and calendar interval of a time expression; ``future``/``past``: the tense of its clause.

    A date without a year ("August 31", "in April") takes the year that puts it
    nearest the anchor, the next one in a future clause, the last one in a past clause.

    >>> r = resolve("earlier this year", dt.date(2021, 8, 9))
    >>> r.value, r.begin.isoformat(), r.end.isoformat(), r.anchored
    ('2021', '2021-01-01', '2021-08-09', True)
    >>> r = resolve("over the past 11 days", dt.date(2021, 8, 9))
    >>> r.value, r.begin.isoformat(), r.end.isoformat()
    ('P11D', '2021-07-29', '2021-08-09')
    >>> resolve("August 31", None)
    Resolved(type=<TimexType.DATE: 'DATE'>, value='XXXX-08-31', begin=None, end=None, anchored=False)
    """
    clean = _clean(text)
    tense = "future" if future else "past" if past else ""
    for step in (_reference, _duration, _set, _weekday, _relative_day, _explicit, _relative):
        found = step(clean, anchor, tense)
        if found is not None:
            return found
    clock = _CLOCK.fullmatch(clean)
    if clock:  # "10 p.m.": a time of an unnamed day, left underspecified
        hour = int(clock.group("h")) % 12 + (12 if clock.group("pm") else 0)
        return Resolved(TimexType.TIME, f"XXXX-XX-XXT{hour:02d}:{clock.group('m') or '00'}")
    part = _part_of_day(clean)
    return Resolved(TimexType.TIME if part else TimexType.DATE, None)


def _clean(text: str) -> str:
    lower = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" .,;:!?\"“”()")
    return timex_rules.strip_leading(re.sub(r"'s$", "", lower))


def _interval(kind: TimexType, value: str | None, span: Interval | None, anchored: bool) -> Resolved:
    return Resolved(kind, value, span.begin if span else None, span.end if span else None, anchored)


def _reference(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    words = timex_rules.words()
    on = anchor is not None
    if text in words["present_ref"]:
        return Resolved(TimexType.DATE, "PRESENT_REF", anchor, anchor, on)
    if text in words["past_ref"] or re.fullmatch(r"recent (?:few |several )?\w+s", text):
        return Resolved(TimexType.DATE, "PAST_REF", None, anchor, on)
    if text in words["future_ref"] or re.fullmatch(r"(?:the )?(?:coming|upcoming) \w+s", text):
        return Resolved(TimexType.DATE, "FUTURE_REF", anchor, None, on)
    return None


def _amount(number: str | None, half: bool) -> float | None:
    """The count of a duration: ``"11"`` -> 11, ``"three"`` -> 3, ``"a"`` -> 1; None when vague ("several")."""
    from sitroom.quantities import parse_number

    if number is None or number in _VAGUE:
        return None
    value = 1.0 if number in ("a", "an") else parse_number(number)
    return None if value is None else value + (0.5 if half else 0.0)


def _duration(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    match = _DURATION.match(text)
    if match is None:
        return None
    lead, number, unit = match.group("lead"), match.group("n"), timex_rules.words()["units"][match.group("unit")]
    if number is None and not match.group("plural"):
        if not (text.startswith("the ") and lead in ("past", "last", "previous", "next", "coming", "following")):
            return None  # "last year", "the day": a point, not a length of time
        number = "a"  # "the past week": one week up to now
    if number is not None and number not in _VAGUE and _amount(number, False) is None:
        return None  # "the first day": not an amount
    amount = _amount(number, bool(match.group("half")))
    if match.group("ago"):
        if anchor is None or amount is None:
            return Resolved(TimexType.DATE, None)
        day = shift(anchor, unit, -amount)
        value, span = calendar_period(day, {"W": "W", "M": "M", "Y": "Y", "DE": "Y", "CE": "Y"}.get(unit, "D"))
        return _interval(TimexType.DATE, value, span, True)
    value = _duration_value(unit, amount)
    if anchor is None or lead not in ("past", "last", "previous", "recent", "next", "coming", "upcoming", "following"):
        return Resolved(TimexType.DURATION, value)
    forward = lead in ("next", "coming", "upcoming", "following")
    if amount is None:
        return Resolved(TimexType.DURATION, value, anchor if forward else None, None if forward else anchor, True)
    other = shift(anchor, unit, amount if forward else -amount)
    return Resolved(TimexType.DURATION, value, anchor if forward else other, other if forward else anchor, True)


def _duration_value(unit: str, amount: float | None) -> str:
    """``P11D``, ``PT72H``, ``P20Y`` (a decade is ten years), ``PXW`` for an unknown amount."""
    if unit in ("DE", "CE", "F"):
        if amount is None:
            return {"DE": "PXDE", "CE": "PXCE", "F": "PXW"}[unit]
        unit, amount = ("Y", amount * 10) if unit == "DE" else ("Y", amount * 100) if unit == "CE" else ("W",
                                                                                                         amount * 2)
    prefix, code = _UNIT_CODES[unit]
    if amount is None:
        return f"{prefix}X{code}"
    return f"{prefix}{int(amount) if amount == int(amount) else amount}{code}"


def _set(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    match = re.fullmatch(r"(?:every|each) (?P<other>other )?(?P<unit>day|week|month|year|night|morning|evening|hour"
                         r"|weekend)", text)
    if match is None:
        return None
    unit = match.group("unit")
    count = 2 if match.group("other") else 1
    values = {"day": f"P{count}D", "night": "TNI", "morning": "TMO", "evening": "TEV", "hour": f"PT{count}H",
              "week": f"P{count}W", "month": f"P{count}M", "year": f"P{count}Y", "weekend": "XXXX-WXX-WE"}
    return Resolved(TimexType.SET, values[unit])


def _part_of_day(text: str) -> str | None:
    parts = timex_rules.words()["parts_of_day"]
    return next((code for word, code in parts.items() if re.search(rf"\b{word}\b", text)), None)


def _weekday(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    words = text.split()
    day = next((i for i, name in enumerate(_WEEKDAYS) if name in words), None)
    if day is None:
        return None
    part = _part_of_day(text)
    kind = TimexType.TIME if part else TimexType.DATE
    suffix = f"T{part}" if part else ""
    if anchor is None:
        return Resolved(kind, f"XXXX-WXX-{day + 1}{suffix}")
    direction = ("after" if {"next", "coming"} & set(words) else "before" if {"last", "past"} & set(words)
                 else "forward" if tense == "future" else "back")
    date = weekday_date(anchor, day, direction)
    return Resolved(kind, date.isoformat() + suffix, date, date, True)


def _relative_day(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    match = re.fullmatch(r"(?:(?:early|late) )?(?P<day>today|yesterday|tomorrow|tonight|this|last|overnight)"
                         r"(?: (?P<part>morning|afternoon|evening|night))?", text)
    if match is None or (match.group("day") in ("this", "last") and not match.group("part")):
        return None
    day, part = match.group("day"), match.group("part")
    if day in ("tonight", "overnight") or (day == "last" and part == "night"):
        part = "night"
    shift_days = {"yesterday": -1, "tomorrow": 1, "overnight": -1}.get(day, -1 if day == "last" else 0)
    code = timex_rules.words()["parts_of_day"][part] if part else None
    kind = TimexType.TIME if code else TimexType.DATE
    if anchor is None:
        return Resolved(kind, None)
    date = anchor + dt.timedelta(days=shift_days)
    end = date + dt.timedelta(days=1) if code == "NI" and date < anchor else date  # last night runs into today
    return Resolved(kind, date.isoformat() + (f"T{code}" if code else ""), date, end, True)


def _explicit(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    found = explicit_date(text, anchor, tense=tense)
    if found is None:
        return None
    value, span, anchored = found
    return _interval(TimexType.DATE, value, span, anchored)


def _relative(text: str, anchor: dt.date | None, tense: str) -> Resolved | None:
    found = relative_period(text, anchor, future=tense == "future")
    if found is not None:
        value, span = found
        duration = value is not None and value.startswith("P")
        return _interval(TimexType.DURATION if duration else TimexType.DATE, value, span, span is not None)
    if "weekend" in text.split():
        if anchor is None:
            return Resolved(TimexType.DATE, "XXXX-WXX-WE")
        value, span = weekend(anchor, forward=tense == "future" or bool({"next", "coming", "this"} & set(text.split())))
        return _interval(TimexType.DATE, value, span, True)
    return None


def stage(given: StageInput) -> dict[str, tuple[Timex, ...]]:
    """Timexes of one parsed document."""
    document, parsed = given.document, given.parsed
    ner = [(ent.start_char, ent.end_char) for ent in parsed.ents if ent.label_ in ("DATE", "TIME")]
    found: list[Timex] = []
    previous: tuple[int, Resolved] | None = None
    for start, end, text in timex_rules.find(document.text, ner):
        span = parsed.char_span(start, end, alignment_mode="expand")
        tense = clause_tense(span) if span is not None else ""
        resolved = resolve(text, document.published, future=tense == "future", past=tense == "past")
        if previous is not None and _elided(document.text, previous[0], start, text, resolved):
            resolved = previous[1]  # "in coming months, or even weeks": the second shares the first's reference
        previous = (end, resolved)
        found.append(Timex(id=fact_id("timex", document.id, start, end), doc_id=document.id,
                           span=Span(start, end, text), type=resolved.type, value=resolved.value,
                           begin=resolved.begin, end=resolved.end, anchored=resolved.anchored))
    return {"timexes": tuple(found)}


def _elided(text: str, previous_end: int, start: int, surface: str, resolved: Resolved) -> bool:
    """A bare unit coordinated right after a reference timex ("coming months, or even weeks")."""
    gap = _ELLIPSIS.fullmatch(text, previous_end, start)
    return gap is not None and resolved.type is TimexType.DURATION and (resolved.value or "").startswith(
        ("PX", "PTX")) and " " not in surface.strip()


_CLAUSE_DEPS = {"ROOT", "advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"}
_FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
_MODALS = {"could", "may", "might"}  # without "have": a possibility still ahead


def clause_head(token: Token) -> Token:
    """The verb (or predicative adjective: 'annonced' tagged ADJ) whose clause the token belongs to."""
    for _ in range(16):  # bounded: a parse tree is shallow, and a cycle must not hang the stage
        if token.head.i == token.i:
            return token
        token = token.head
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ in _CLAUSE_DEPS):
            return token
    return token


def clause_tense(span: SpacySpan) -> str:
    """The tense of the clause the expression attaches to: "future", "past", or "" when unmarked.

    Future: "will end on Monday", "plans to leave by", "could be announced as
    early as Tuesday". Past: a past-tense verb ("fled the city in April"), or
    "since April". A past-tense verb stops the search, even when a later clause
    has "will" ("annonced Thursday it will deploy").
    """
    if span.start > 0 and span.doc[span.start - 1].lower_ == "since":
        return "past"
    head = clause_head(span.root)
    future_verbs = set(timex_rules.words()["future_verbs"])
    for _ in range(4):
        auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        if auxes & _FUTURE_AUX or (auxes & _MODALS and not auxes & {"have", "'ve"}):
            return "future"
        if head.tag_ in ("VBD", "VBN") and head.dep_ != "xcomp":
            return "past"
        if head.dep_ == "xcomp" and head.head.lemma_.lower() in future_verbs and (
                head.head.lemma_.lower() != "go" or head.head.tag_ == "VBG"):
            return "future"  # "plans to withdraw by August 31", "is going to leave on Monday"
        if head.dep_ in ("xcomp", "conj") and head.tag_ == "VB" and not auxes - {"to"}:
            head = head.head  # "will arrive and deploy on Monday": the bare verb shares the first one's modal
            continue
        return ""
    return ""

