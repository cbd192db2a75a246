"""Turning what was read into a :class:`~sitroom.model.Document`: id, dateline, publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from sitroom.dateline import parse_dateline
from sitroom.ids import document_id
from sitroom.model import DateProvenance, Document
from sitroom.readers import RawDoc

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _year_in_text(text: str) -> int | None:
    """The latest year the text names, if any: a report is rarely dated before the years it mentions."""
    years = Counter(int(year) for year in _YEAR.findall(text))
    return max(years) if years else None


def to_document(
    raw: RawDoc, *, published: dt.date | None = None, source: str | None = None
) -> Document:
    """Build the document for ``raw``; ``published`` and ``source`` override what came with it.

    The publication date is taken, best first, from ``published`` or the
    input's own fields (provenance ``given``), page metadata (``metadata``),
    a dateline with a full date (``dateline``), a dateline day and month with
    the year the text names (``inferred``); otherwise it is unknown.

    Example:
        >>> to_document(RawDoc(text="KABUL, Aug. 13, 2021 (AP) - The Taliban ...", origin="x")).published
        datetime.date(2021, 8, 13)
    """
    dateline = parse_dateline(raw.text)
    if published is not None:
        date, provenance = published, DateProvenance.GIVEN
    elif raw.published is not None:
        date, provenance = raw.published, DateProvenance(raw.published_from or "given")
    elif dateline is not None and dateline.date is not None:
        date, provenance = dateline.date, DateProvenance.DATELINE
    else:
        date, provenance = _infer_from_dateline(raw.text, dateline.date_value if dateline else None)
    return Document(
        id=document_id(raw.text), text=raw.text, title=raw.title, source=source or raw.source, url=raw.url,
        published=date, published_provenance=provenance, dateline=dateline, origin=raw.origin,
        external_id=raw.external_id,
    )


def _infer_from_dateline(text: str, value: str | None) -> tuple[dt.date | None, DateProvenance]:
    year = _year_in_text(text)
    if value is None or year is None:
        return None, DateProvenance.UNKNOWN
    try:
        return dt.date(year, int(value[5:7]), int(value[8:10])), DateProvenance.INFERRED
    except ValueError:
        return None, DateProvenance.UNKNOWN
