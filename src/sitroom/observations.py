"""Read the stored events back as :class:`~sitroom.model.Observation` records, the input of the situation.

Each event is joined with its report (publication date, outlet, the agency its dateline credits, the outlets
that republished it) and with the canonical place and actor across reports, so that later stages compare
events of different reports by the real-world things they name, not by per-document ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitroom.model import Modality, Observation, Span
from sitroom.store import Store

# Identity and names are computed once (materialized) and the report text joins last, for the evidence words
# only: carrying each report's text through the other joins cost most of the memory (bench/situation.py).
_SQL = """
WITH ident AS MATERIALIZED (SELECT * FROM {identity}),
names AS MATERIALIZED (SELECT canonical_id, name FROM {canonical}),
copies AS (
    SELECT original_id, list_sort(list_distinct(list(coalesce(source, origin)))) AS outlets
    FROM duplicates GROUP BY original_id),
corpus AS (SELECT year(quantile_disc(published, 0.5)) AS year FROM documents),
dated AS (
    SELECT d.id, coalesce(d.published, TRY_CAST(replace(d.dateline_date, 'XXXX', corpus.year::VARCHAR) AS DATE))
           AS published, coalesce(d.source, d.dateline_agency) AS outlet,
           lower(coalesce(d.dateline_agency, d.source, d.id)) AS source_key
    FROM documents d, corpus),
joined AS (
    SELECT v.id, v.doc_id, v.plover, v.modality, v.evidence_start, v.evidence_end,
           v.event_type, v.sub_event_type, v.date_begin, v.date_end, v.time_precision,
           coalesce(v.date_from_document, false) OR v.date_begin IS NULL AS from_document,
           li.canonical_id AS place, coalesce(cl.name, l.name) AS place_name, l.feature_level, l.lat, l.lon,
           l.country, l.admin1, ai.canonical_id AS actor, coalesce(ca.name, a.name) AS actor_name,
           v.fatalities, v.injured, dd.published, dd.outlet, dd.source_key, coalesce(c.outlets, []) AS copies,
           v.source_text, v.trigger_start
    FROM events v JOIN dated dd ON dd.id = v.doc_id
    LEFT JOIN entities l ON l.id = v.location
    LEFT JOIN ident li ON li.entity_id = l.id
    LEFT JOIN names cl ON cl.canonical_id = li.canonical_id
    LEFT JOIN entities a ON a.id = v.actor
    LEFT JOIN ident ai ON ai.entity_id = a.id
    LEFT JOIN names ca ON ca.canonical_id = ai.canonical_id
    LEFT JOIN copies c ON c.original_id = v.doc_id)
SELECT j.id, j.doc_id, j.plover, j.modality, j.evidence_start, j.evidence_end,
       substr(d.text, j.evidence_start + 1, j.evidence_end - j.evidence_start),
       j.event_type, j.sub_event_type, j.date_begin, j.date_end, j.time_precision, j.from_document,
       j.place, j.place_name, j.feature_level, j.lat, j.lon, j.country, j.admin1, j.actor, j.actor_name,
       j.fatalities, j.injured, j.published, j.outlet, j.source_key, j.copies, j.source_text
FROM joined j JOIN documents d ON d.id = j.doc_id
ORDER BY j.published NULLS LAST, j.doc_id, j.trigger_start
"""


def load_observations(store: Store) -> tuple[Observation, ...]:
    """Every stored event as an observation, oldest report first.

    A report with no publication date but a dateline day and month ("KANDAHAR, Aug 13") is dated in the
    middle year of the store's reports, and its events, which the text does not date, count as of that day.

    Example:
        >>> with Store(":memory:") as store:
        ...     load_observations(store)
        ()
    """
    shared: dict[object, object] = {}
    one = shared.setdefault  # names, types and outlets repeat on many rows: keep one copy of each

    return tuple(
        Observation(
            event_id=row[0], doc_id=one(row[1], row[1]), plover=one(row[2], row[2]), modality=Modality(row[3]),
            evidence=Span(row[4], row[5], row[6] or ""), event_type=one(row[7], row[7]),
            sub_event_type=one(row[8], row[8]), date_begin=row[9], date_end=row[10], time_precision=row[11],
            date_from_document=row[12], place=one(row[13], row[13]), place_name=one(row[14], row[14]),
            place_level=one(row[15], row[15]), lat=row[16], lon=row[17], country=one(row[18], row[18]),
            admin1=one(row[19], row[19]), actor=one(row[20], row[20]), actor_name=one(row[21], row[21]),
            fatalities=row[22], injured=row[23], published=one(row[24], row[24]), outlet=one(row[25], row[25]),
            source_key=one(row[26], row[26]), copies=one(tuple(row[27]), tuple(row[27])),
            speaker=one(row[28], row[28]))
        for row in store.stream(observations_sql(store)))


def observations_sql(store: Store) -> str:
    """The query behind :func:`load_observations`, reading names from where ``store`` keeps them fresh."""
    identity, canonical = store.names()
    return _SQL.format(identity=identity, canonical=canonical)


@dataclass(frozen=True, slots=True)
class CountStatement:
    """A count of places that a report states, with the period it counts over (from its time expression)."""

    doc_id: str
    evidence: Span
    value: int
    unit: str
    sentence: str
    published: dt.date | None
    window_begin: dt.date | None = None
    window_end: dt.date | None = None
    qualifier: str | None = None
    before: str = ""  # the words just before the count ("half of Afghanistan's")
    after: str = ""  # and just after it ("more provincial capitals")
    timexes: tuple[tuple[str, str | None, dt.date | None, dt.date | None, str], ...] = ()
    # the sentence's time expressions: (text, TIMEX3 value, begin, end, the word before it)


_COUNT_SQL = r"""
SELECT q.doc_id, q.start, q."end", q.text, q.value, q.unit, substr(d.text, s.start + 1, s."end" - s.start),
       d.published, t.begin_date, t.end_date, q.qualifier, substr(d.text, greatest(s.start, q.start - 30) + 1,
       q.start - greatest(s.start, q.start - 30)), substr(d.text, q."end" + 1, 20),
       (SELECT list((x.text, x.value, x.begin_date, x.end_date,
                     regexp_extract(substr(d.text, greatest(1, x.start - 12), least(x.start, 12)), '(\w+)\s*$', 1))
                    ORDER BY x.start)
        FROM timexes x WHERE x.doc_id = q.doc_id AND x.start >= s.start AND x.start < s."end")
FROM quantities q JOIN documents d ON d.id = q.doc_id
JOIN sentences s ON s.doc_id = q.doc_id AND s.start <= q.start AND q.start < s."end"
LEFT JOIN timexes t ON t.id = q.time_window
WHERE q.value IS NOT NULL AND q.value = floor(q.value) AND regexp_matches(lower(coalesce(q.unit, '')), ?)
ORDER BY d.published NULLS LAST, q.doc_id, q.start
"""


def load_count_statements(store: Store, unit_pattern: str) -> tuple[CountStatement, ...]:
    """Stored counts whose counted noun matches ``unit_pattern`` (a regular expression, lower case)."""
    return tuple(
        CountStatement(doc_id=row[0], evidence=Span(row[1], row[2], row[3]), value=int(row[4]), unit=row[5],
                       sentence=row[6] or "", published=row[7], window_begin=row[8], window_end=row[9],
                       qualifier=row[10], before=row[11] or "", after=row[12] or "",
                       timexes=tuple(tuple(t.values()) if isinstance(t, dict) else tuple(t) for t in row[13] or ()))
        for row in store.query(_COUNT_SQL, [unit_pattern]))
