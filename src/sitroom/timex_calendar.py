"""Calendar arithmetic for time expressions: which days "last week", "August 31" or "the 1990s" cover.

Pure functions of a text already lowercased and an anchor date (the
publication date), used by :mod:`sitroom.timexes`. Intervals are inclusive at
both ends. Qualified periods are narrowed by thirds: "early August" is 1-10
August, "mid-2020" May to August 2020, "late July" 21-31 July; "earlier this
year" ends on the anchor, "later this month" starts on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass

from sitroom.dateline import MONTH_PATTERN, month_number

_UNIT_DAYS = {"S": 1 / 86400, "MIN": 1 / 1440, "H": 1 / 24, "D": 1, "W": 7, "F": 14}
_UNIT_MONTHS = {"M": 1, "Y": 12, "DE": 120, "CE": 1200}
_SEASONS = {"spring": ("SP", 3, 5), "summer": ("SU", 6, 8), "autumn": ("FA", 9, 11), "fall": ("FA", 9, 11),
            "winter": ("WI", 12, 2)}
_MODS = r"(?:(?P<mod>early|mid|late)[ -]+|the (?P<edge>start|beginning|middle|end) of )?"
_MONTH_DATE = re.compile(
    rf"^{_MODS}(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m1>{MONTH_PATTERN})"
    rf"|(?P<m2>{MONTH_PATTERN})(?: (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?)(?:,? (?P<y>\d{{4}}))?$", re.IGNORECASE)
_YEAR = re.compile(rf"^{_MODS}(?P<y>[12]\d{{3}})$")
_DECADE = re.compile(rf"^(?:the )?{_MODS}(?P<d>[12]\d{{2}})0s$")
_RELATIVE = re.compile(
    r"^(?:the (?P<edge>start|beginning|middle|end) of |(?P<mod>earlier|later|early|late) (?:in )?)?(?P<the>the )?"
    r"(?:(?P<rel>this|last|next|past|previous|coming|current|following) )?"
    r"(?P<period>week|month|year|decade|century|spring|summer|autumn|fall|winter)$")


@dataclass(frozen=True, slots=True)
class Interval:
    """Days from ``begin`` to ``end``, both included."""

    begin: dt.date
    end: dt.date


def shift(date: dt.date, unit: str, amount: float) -> dt.date:
    """``date`` moved by ``amount`` units (D, W, M, Y, H...), rounded outward to whole days.

    >>> shift(dt.date(2021, 8, 9), "H", -72), shift(dt.date(2021, 3, 31), "M", -1)
    (datetime.date(2021, 8, 6), datetime.date(2021, 2, 28))
    """
    sign = -1 if amount < 0 else 1
    if unit in _UNIT_DAYS:
        return date + dt.timedelta(days=sign * math.ceil(abs(amount) * _UNIT_DAYS[unit]))
    months = sign * math.ceil(abs(amount) * _UNIT_MONTHS[unit])
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def calendar_period(date: dt.date, granularity: str) -> tuple[str, Interval]:
    """The day (D), ISO week (W), month (M) or year (Y) holding ``date``: TIMEX3 value and interval.

    >>> calendar_period(dt.date(2021, 8, 9), "W")
    ('2021-W32', Interval(begin=datetime.date(2021, 8, 9), end=datetime.date(2021, 8, 15)))
    """
    if granularity == "W":
        iso = date.isocalendar()
        monday = date - dt.timedelta(days=date.weekday())
        return f"{iso.year}-W{iso.week:02d}", Interval(monday, monday + dt.timedelta(days=6))
    if granularity == "M":
        last = calendar.monthrange(date.year, date.month)[1]
        return f"{date.year:04d}-{date.month:02d}", Interval(date.replace(day=1), date.replace(day=last))
    if granularity == "Y":
        return f"{date.year:04d}", Interval(dt.date(date.year, 1, 1), dt.date(date.year, 12, 31))
    return date.isoformat(), Interval(date, date)


def narrow(span: Interval, mod: str | None, anchor: dt.date | None = None) -> Interval:
    """A part of an interval: "early"/"start" the first third, "mid" the middle one, "late"/"end" the last;
    "earlier" up to the anchor, "later" from it."""
    length = (span.end - span.begin).days + 1
    third = dt.timedelta(days=length // 3)
    if mod in ("early", "start", "beginning"):
        return Interval(span.begin, span.begin + third - dt.timedelta(days=1))
    if mod in ("mid", "middle"):
        return Interval(span.begin + third, span.begin + 2 * third - dt.timedelta(days=1))
    if mod in ("late", "end"):
        return Interval(span.begin + 2 * third, span.end)
    if anchor is not None and span.begin <= anchor <= span.end:
        if mod == "earlier":
            return Interval(span.begin, anchor)
        if mod == "later":
            return Interval(anchor, span.end)
    return span


def weekday_date(anchor: dt.date, day: int, direction: str) -> dt.date:
    """The weekday ``day`` (0 Monday) nearest ``anchor``: "back" on or before it, "before" strictly before,
    "forward" on or after, "after" strictly after."""
    back, ahead = (anchor.weekday() - day) % 7, (day - anchor.weekday()) % 7
    if direction == "before":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "forward":
        return anchor + dt.timedelta(days=ahead)
    if direction == "after":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor - dt.timedelta(days=back)


def weekend(anchor: dt.date, *, forward: bool) -> tuple[str, Interval]:
    """The weekend just past (or under way), or the coming one: ``('2021-W31-WE', Sat..Sun)``."""
    saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    if forward and anchor.weekday() < 5:
        saturday = anchor + dt.timedelta(days=5 - anchor.weekday())
    iso = saturday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}-WE", Interval(saturday, saturday + dt.timedelta(days=1))


def _pick_year(anchor: dt.date, month: int, day: int | None, tense: str) -> int:
    """The year of a date written without one: the nearest to the anchor, the next one in a future clause,
    the last one begun by the anchor in a past clause."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            first = dt.date(year, month, day or 1)
            last = first if day else first.replace(day=calendar.monthrange(year, month)[1])
        except ValueError:  # 29 February
            continue
        candidates.append((first, last, year))
    if not candidates:
        return anchor.year
    if tense == "future":
        return min((year for _, last, year in candidates if last >= anchor), default=anchor.year)
    if tense == "past":
        return max((year for first, _, year in candidates if first <= anchor), default=anchor.year)
    distance = {year: 0 if first <= anchor <= last else min(abs((first - anchor).days), abs((last - anchor).days))
                for first, last, year in candidates}
    return min(distance, key=lambda year: (distance[year], abs(year - anchor.year)))


def explicit_date(text: str, anchor: dt.date | None, *, tense: str = ""
                  ) -> tuple[str, Interval | None, bool] | None:
    """Value, interval and whether anchored, of a calendar date: "August 31", "late July", "2001", "the 1990s".

    >>> explicit_date("august 31", dt.date(2021, 8, 9))[0], explicit_date("august 31", None)[0]
    ('2021-08-31', 'XXXX-08-31')
    >>> explicit_date("mid-2020", None)[1]
    Interval(begin=datetime.date(2020, 5, 2), end=datetime.date(2020, 8, 31))
    """
    if match := _DECADE.match(text):
        decade = int(match.group("d")) * 10
        span = Interval(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31))
        return match.group("d"), narrow(span, match.group("mod") or match.group("edge")), False
    if match := _YEAR.match(text):
        _, span = calendar_period(dt.date(int(match.group("y")), 1, 1), "Y")
        return match.group("y"), narrow(span, match.group("mod") or match.group("edge")), False
    match = _MONTH_DATE.match(text)
    if match is None:
        return None
    month = month_number(match.group("m1") or match.group("m2"))
    if month is None:
        return None
    day = int(match.group("d1") or match.group("d2") or 0) or None
    mod = match.group("mod") or match.group("edge")
    if match.group("y"):
        year, anchored = int(match.group("y")), False
    elif anchor is not None:
        year, anchored = _pick_year(anchor, month, day, tense), True
    else:
        return (f"XXXX-{month:02d}-{day:02d}" if day else f"XXXX-{month:02d}"), None, False
    try:
        value, span = calendar_period(dt.date(year, month, day or 1), "D" if day else "M")
    except ValueError:  # "February 30": keep the words' value, no interval
        return f"{year:04d}-{month:02d}-{day:02d}", None, anchored
    return value, narrow(span, mod), anchored


def relative_period(text: str, anchor: dt.date | None, *, future: bool = False
                    ) -> tuple[str | None, Interval | None] | None:
    """Value and interval of "last year", "earlier this month", "next week", "the past week", "this summer".

    >>> relative_period("last year", dt.date(2021, 8, 9))
    ('2020', Interval(begin=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31)))
    >>> relative_period("the past week", dt.date(2021, 8, 9))[0], relative_period("last year", None)
    ('P1W', (None, None))
    """
    match = _RELATIVE.match(text)
    if match is None:
        return None
    rel, period, mod = match.group("rel"), match.group("period"), match.group("mod") or match.group("edge")
    if rel is None and period not in _SEASONS and not (match.group("the") and mod):
        return None  # "the year" alone: which one is unknown
    if anchor is None:
        return None, None
    if match.group("the") and rel in ("past", "last", "previous", "next", "coming", "following") and not mod:
        unit = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}.get(period)
        if unit is None:
            return None, None
        value = {"W": "P1W", "M": "P1M", "Y": "P1Y", "DE": "P10Y", "CE": "P100Y"}[unit]
        if rel in ("next", "coming", "following"):
            return value, Interval(anchor, shift(anchor, unit, 1))
        return value, Interval(shift(anchor, unit, -1), anchor)
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel or "", 0)
    if period in _SEASONS:
        value, span = _season(anchor, period, offset, explicit=rel is not None, future=future)
    elif period == "week":
        value, span = calendar_period(anchor + dt.timedelta(weeks=offset), "W")
    elif period == "month":
        value, span = calendar_period(shift(anchor.replace(day=1), "M", offset), "M")
    elif period == "year":
        value, span = calendar_period(dt.date(anchor.year + offset, 1, 1), "Y")
    else:
        size = 10 if period == "decade" else 100
        first = (anchor.year // size + offset) * size
        value = str(first // size) if size == 100 else str(first // 10)
        span = Interval(dt.date(max(first, 1), 1, 1), dt.date(first + size - 1, 12, 31))
    return value, narrow(span, mod, anchor)


def _season(anchor: dt.date, name: str, offset: int, *, explicit: bool, future: bool) -> tuple[str, Interval]:
    code, first, last = _SEASONS[name]
    year = anchor.year + offset
    if not explicit and dt.date(year, first, 1) > anchor and not future:
        year -= 1  # "in summer", said in March: the summer just past
    end_year = year + 1 if last < first else year
    end = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
    return f"{year}-{code}", Interval(dt.date(year, first, 1), end)
