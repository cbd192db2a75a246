"""Read the store for the web API: reports, one report with every span found in it, and stated quantities.

The readers of :mod:`sitroom.queries` list facts with their source; these list the sources themselves. Each
takes keyword filters that combine with AND and ``limit``/``offset``, and returns the page of rows with the
number of rows on all pages, so the API pages in SQL. Offsets are Python ``str`` indices into the stored
text (Unicode code points), end exclusive, as everywhere in sitroom.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sitroom.queries import Source, like_pattern
from sitroom.store import Store


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored report, without its text."""

    id: str
    title: str | None
    source: str | None  # the outlet, else the agency its dateline credits
    url: str | None
    published: dt.date | None
    origin: str | None  # the file (or file:line) it was read from
    chars: int


@dataclass(frozen=True, slots=True)
class SpanRow:
    """Something found in a report: ``kind`` is place, actor, person, organization, timex, quantity, quote or
    event; ``label`` says what it is in words (a name, a date, a count, a speaker, an event type); ``ref`` is
    its id (canonical id for places and actors, so one thing has one ref in every report)."""

    start: int
    end: int
    kind: str
    label: str | None
    ref: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    """One report with its text and every span extracted from it, in text order."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    origin: str | None
    chars: int
    text: str
    spans: tuple[SpanRow, ...]


@dataclass(frozen=True, slots=True)
class QuantityRow:
    """A count a report states ("at least 12 civilians"), with the sentence and report it comes from."""

    id: str
    value: float | None
    unit: str | None
    kind: str | None  # killed, injured, count...
    qualifier: str | None  # at least, about, more than...
    text: str
    start: int
    end: int
    window: str | None  # the time expression of the period counted over, in words
    said_by: str | None  # the speaker the report attributes the figure to
    source: Source


_DOCUMENT_COLUMNS = "id, title, coalesce(source, dateline_agency), url, published, origin, length(text)"
_DOCUMENT_FILTER = """
WHERE (?::VARCHAR IS NULL OR lower(coalesce(source, dateline_agency, '')) LIKE ?)
  AND (?::DATE IS NULL OR published >= ?::DATE) AND (?::DATE IS NULL OR published <= ?::DATE)
  AND (?::VARCHAR[] IS NULL OR id IN (SELECT unnest(?::VARCHAR[])))
"""


def documents(store: Store, *, source: str | None = None, since: dt.date | None = None,
              until: dt.date | None = None, ids: list[str] | None = None, limit: int | None = None,
              offset: int = 0) -> tuple[list[DocumentRow], int]:
    """Stored reports, oldest first, and how many match in all.

    Args:
        source: part of the outlet's name, any case.
        since, until: publication dates, inclusive.
        ids: only these reports (e.g. the ones a full-text search found).
        limit, offset: the page.

    Example:
        >>> with Store(":memory:") as store:
        ...     documents(store, source="khyber", limit=10)
        ([], 0)
    """
    params = [source, like_pattern(source), since, since, until, until, ids, ids]
    total = store.query("SELECT count(*) FROM documents" + _DOCUMENT_FILTER, params)[0][0]
    rows = store.query(f"SELECT {_DOCUMENT_COLUMNS} FROM documents {_DOCUMENT_FILTER} "
                       "ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?", [*params, limit, offset])
    return [DocumentRow(*row) for row in rows], total


# Every span of one report. Entities are typed for the page: armed groups, and organizations the actors
# stage gave an ACLED category, are actors; persons stay persons even when they speak for a side.
_SPANS_SQL = """
WITH ents AS (
    SELECT e.id, e.name, i.canonical_id,
           CASE WHEN e.type = 'PLACE' THEN 'place' WHEN e.type = 'PERSON' THEN 'person'
                WHEN e.type = 'GROUP' OR e.actor_category IS NOT NULL THEN 'actor' ELSE 'organization' END AS kind
    FROM entities e JOIN entity_identity i ON i.entity_id = e.id WHERE e.doc_id = $doc),
found AS (
    SELECT m.start, m."end", x.kind, x.name AS label, x.canonical_id AS ref
    FROM mentions m JOIN ents x ON x.id = m.entity_id WHERE m.doc_id = $doc
    UNION ALL
    SELECT r.start, r."end", x.kind, x.name, x.canonical_id
    FROM entity_references r JOIN ents x ON x.id = r.entity_id WHERE r.doc_id = $doc
    UNION ALL
    SELECT start, "end", 'timex', coalesce(value, type), id FROM timexes WHERE doc_id = $doc
    UNION ALL
    SELECT start, "end", 'quantity', concat_ws(' ', qualifier, CASE WHEN value = floor(value)
           THEN CAST(CAST(value AS BIGINT) AS VARCHAR) ELSE CAST(value AS VARCHAR) END, unit, '(' || kind || ')'), id
    FROM quantities WHERE doc_id = $doc
    UNION ALL
    SELECT q.content_start, q.content_end, 'quote', coalesce(e.name, q.speaker_text), q.id
    FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.doc_id = $doc
    UNION ALL
    SELECT trigger_start, trigger_end, 'event',
           concat_ws(' / ', coalesce(sub_event_type, event_type, plover), nullif(modality, 'asserted')), id
    FROM events WHERE doc_id = $doc)
SELECT DISTINCT start, "end", kind, label, ref FROM found WHERE start IS NOT NULL AND "end" > start
ORDER BY start, "end" DESC, kind, ref
"""


def document(store: Store, doc_id: str) -> DocumentText | None:
    """One report with its text and spans, or None when the store has no report ``doc_id``.

    Example:
        >>> with Store(":memory:") as store:
        ...     document(store, "0123") is None
        True
    """
    row = store.db.execute(f"SELECT {_DOCUMENT_COLUMNS}, text FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    spans = tuple(SpanRow(*span) for span in store.db.execute(_SPANS_SQL, {"doc": doc_id}).fetchall())
    return DocumentText(*row, spans=spans)


_QUANTITY_FROM = """
FROM quantities q JOIN documents d ON d.id = q.doc_id
LEFT JOIN sentences s ON s.doc_id = q.doc_id AND s.start <= q.start AND q.start < s."end"
LEFT JOIN timexes t ON t.id = q.time_window
LEFT JOIN quotes qu ON qu.id = q.source LEFT JOIN entities e ON e.id = qu.speaker_entity
WHERE (?::VARCHAR IS NULL OR lower(coalesce(q.kind, '')) = lower(?)) AND (?::VARCHAR IS NULL OR q.doc_id = ?)
"""


def quantities(store: Store, *, kind: str | None = None, doc_id: str | None = None, limit: int | None = None,
               offset: int = 0) -> tuple[list[QuantityRow], int]:
    """Stated quantities in report order with their sentence, and how many match in all.

    Args:
        kind: what is counted: killed, injured, count... (exact, any case).
        doc_id: only this report's.

    Example:
        >>> with Store(":memory:") as store:
        ...     quantities(store, kind="killed")
        ([], 0)
    """
    params: list[Any] = [kind, kind, doc_id, doc_id]
    total = store.query("SELECT count(*) " + _QUANTITY_FROM, params)[0][0]
    rows = store.query(
        """SELECT q.id, q.value, q.unit, q.kind, q.qualifier, q.text, q.start, q."end", t.text,
                  coalesce(e.name, qu.speaker_text), d.id, d.title, coalesce(d.source, d.dateline_agency),
                  d.published, d.origin, substr(d.text, coalesce(s.start, q.start) + 1,
                                                coalesce(s."end", q."end") - coalesce(s.start, q.start)),
                  coalesce(s.start, q.start), coalesce(s."end", q."end") """
        + _QUANTITY_FROM + " ORDER BY d.published NULLS LAST, d.id, q.start LIMIT ? OFFSET ?",
        [*params, limit, offset])
    return [QuantityRow(*row[:10], source=Source(*row[10:])) for row in rows], total


def overview(store: Store) -> dict[str, Any]:
    """Counts, publication dates, countries and outlets of the store (what /api/meta shows besides incidents).

    Example:
        >>> with Store(":memory:") as store:
        ...     overview(store)["documents"]
        0
    """
    documents_, events, first, last = store.query(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), min(published), max(published) "
        "FROM documents")[0]
    countries = [row[0] for row in store.query(
        "SELECT DISTINCT country FROM entities WHERE type = 'PLACE' AND country IS NOT NULL ORDER BY 1")]
    sources = [row[0] for row in store.query(
        "SELECT DISTINCT coalesce(source, dateline_agency) AS outlet FROM documents WHERE outlet IS NOT NULL "
        "ORDER BY 1")]
    return {"documents": documents_, "events": events, "first_published": first, "last_published": last,
            "countries": countries, "sources": sources}
