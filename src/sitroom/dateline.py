"""Datelines: the place (and sometimes date and agency) that opens a wire report.

Handles the shapes seen in wires and papers::

    Kabul - President Joe Biden has said ...
    WASHINGTON/HERAT/KABUL/DOHA: The Afghan government ...
    KABUL, Afghanistan (Jan. 25, 2013) — ...
    KANDAHAR, Aug 13 (Reuters) - ...
    HERAT, Afghanistan (AP) — ...
"""

from __future__ import annotations

import datetime as dt
import re

from sitroom.model import Dateline, Span

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month names and their usual abbreviations, with an optional dot; the one month table of the package.
MONTH_PATTERN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
                 r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTH_WORD = re.compile(MONTH_PATTERN, re.IGNORECASE)


def month_number(word: str) -> int | None:
    """The month a name or abbreviation stands for: ``"Aug."`` -> 8, ``"September"`` -> 9, else None.

    >>> month_number("Sept"), month_number("august"), month_number("Augur")
    (9, 8, None)
    """
    if _MONTH_WORD.fullmatch(word) is None:
        return None
    return _MONTHS[word.rstrip(".").lower()[:3]]


_DATE = (
    rf"(?:(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_PATTERN})(?:,?\s+(?P<y2>\d{{4}}))?)"
)
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_WORD = r"[A-Z][A-Za-z'’.\-]*"
_PLACE = rf"{_WORD}(?:[ ]{_WORD}){{0,2}}"  # "[ ]": the pattern below is verbose
_DATELINE_RE = re.compile(
    rf"""\A(?P<lead>\s*)
    (?P<places>{_PLACE}(?:\s*/\s*{_PLACE})*)
    (?:,\s*(?P<region>(?!{MONTH_PATTERN}\s+\d){_PLACE}))?
    (?:,\s*(?P<date>{_DATE.replace("?P<", "?P<i")}))?
    (?:\s*\((?P<paren>[^()\n]{{1,80}})\))?
    (?P<sep>\s+[-–—]{{1,2}}|\s*:|\s*[–—])\s""",
    re.VERBOSE,
)
# Capitalized words that open ordinary sentences, never a dateline place.
_NOT_PLACES = {"The", "A", "An", "In", "On", "At", "By", "For", "But", "And", "It", "This", "That", "He", "She",
               "They", "We", "Update", "Updated", "Editor's", "Note", "Breaking", "Exclusive", "Analysis"}


def _date_from(match: re.Match[str], prefix: str = "") -> tuple[dt.date | None, str | None]:
    group = match.groupdict()
    month_text = group.get(prefix + "m1") or group.get(prefix + "m2")
    day_text = group.get(prefix + "d1") or group.get(prefix + "d2")
    year_text = group.get(prefix + "y1") or group.get(prefix + "y2")
    if not month_text or not day_text:
        return None, None
    month = month_number(month_text)
    day = int(day_text)
    if year_text:
        try:
            date = dt.date(int(year_text), month, day)
        except ValueError:
            return None, None
        return date, date.isoformat()
    if not 1 <= day <= 31:
        return None, None
    return None, f"XXXX-{month:02d}-{day:02d}"


def parse_dateline(text: str) -> Dateline | None:
    """Find the dateline at the start of ``text``.

    Returns:
        A :class:`Dateline` whose span covers the dateline and its separator, or None.

    Example:
        >>> parse_dateline("KABUL, Aug 13 (Reuters) - The Taliban ...").date_value
        'XXXX-08-13'
    """
    match = _DATELINE_RE.match(text[:300])
    if match is None:
        return None
    places_text = match.group("places")
    places = tuple(p.strip() for p in places_text.split("/"))
    all_caps = places_text.upper() == places_text
    if any(p.split()[0] in _NOT_PLACES for p in places):
        return None
    if not all_caps and not match.group("date") and (":" in match.group("sep") or len(places) > 1):
        # A title-case word before a colon is usually a label ("Note: ..."), not a dateline.
        return None
    date, value = (None, None)
    if match.group("date"):
        date, value = _date_from(match, "i")
    agency = None
    if match.group("paren"):
        paren = match.group("paren").strip()
        paren_date = _DATE_RE.search(paren)
        if paren_date:
            date, value = _date_from(paren_date)
            rest = (paren[: paren_date.start()] + paren[paren_date.end():]).strip(" ,;/")
            agency = rest or None
        else:
            agency = paren
    if value is None and match.group("region") is None:
        # Bare "Word - ..." is a dateline only if the word looks like a place name, not a sentence subject.
        if len(places) == 1 and len(places[0].split()) > 2:
            return None
    after = text[match.end():].lstrip()
    bare = not (all_caps or match.group("region") or match.group("date") or match.group("paren"))
    if bare and after[:1].islower():
        return None  # "Joe Biden - who said ...": an aside after a name, not a dateline
    if match.group("region"):
        places = places + (match.group("region"),)
    start = len(match.group("lead"))
    end = match.end("sep")
    return Dateline(span=Span(start, end, text[start:end]), places=places, date=date, date_value=value,
                    agency=agency)
