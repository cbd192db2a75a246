"""Read the store: canonical entities, events, quotes and the timeline, each fact with its source and evidence.

These are the functions behind ``sitroom entities``, ``events``, ``quotes`` and ``timeline`` (and the web
API later). Filters are keyword-only and combine with AND; text filters match case-insensitively anywhere
in a name, an alias or the words of the report, so ``--actor taleban`` finds the Taliban.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from sitroom.store import Store

# What the timeline shows by default: things the reports say happened (planned, hypothetical and
# negated events are listed by `events`, not placed on the chronology).
HAPPENED = ("asserted", "claimed")


@dataclass(frozen=True, slots=True)
class Source:
    """The report a fact comes from, and the words that support it."""

    doc_id: str
    title: str | None
    source: str | None
    published: dt.date | None
    origin: str
    evidence: str  # the sentence or span of the report
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityRow:
    canonical_id: str
    type: str
    name: str
    documents: int
    mentions: int
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    geonames_id: int | None
    country: str | None
    admin1: str | None
    feature_level: str | None
    actor_category: str | None


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    date_begin: dt.date | None
    date_end: dt.date | None
    date_from_document: bool
    event_type: str | None
    sub_event_type: str | None
    plover: str
    modality: str
    trigger: str
    actor: str | None
    target: str | None
    location: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    said_by: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: str
    kind: str
    speaker: str | None
    cue: str | None
    content: str
    source: Source


def to_json(value: Any) -> Any:
    """A row or record (or lists and dicts of them) as JSON-ready data: dates as ISO strings, enums as values."""
    if is_dataclass(value) and not isinstance(value, type):
        return to_json(asdict(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def like_pattern(value: str | None) -> str | None:
    """The LIKE pattern of a substring filter, any case (None: no filter)."""
    return None if value is None else f"%{value.lower()}%"


def matches(wanted: str | None, ident: str | None, *names: str | None) -> bool:
    """A filter on records already read: ``ident`` (a canonical id) exactly, or part of any of ``names``, any case.

    >>> matches("kunduz", "geonames:1135689", "Kunduz"), matches("geonames:1135689", "geonames:1135689")
    (True, True)
    """
    if wanted is None or (ident is not None and wanted == ident):
        return True
    return any(wanted.lower() in (name or "").lower() for name in names)


def entities(store: Store, *, type: str | None = None, name: str | None = None,
             limit: int | None = None, offset: int = 0) -> list[EntityRow]:
    """Canonical entities (one per real-world thing across reports), most-reported first.

    Example:
        >>> with Store(":memory:") as store:
        ...     entities(store, type="PLACE")
        []
    """
    _, canonical = store.names()
    where, params = _entity_filters(type, name)
    rows = store.query(
        f"""SELECT canonical_id, type, name, documents, mentions, aliases, lat, lon, geonames_id, country, admin1,
                   feature_level, actor_category
            FROM {canonical} WHERE {where}
            ORDER BY documents DESC, mentions DESC, name, canonical_id LIMIT ? OFFSET ?""",
        [*params, limit, offset])
    return [EntityRow(*row[:5], tuple(row[5] or ()), *row[6:]) for row in rows]


def count_entities(store: Store, *, type: str | None = None, name: str | None = None) -> int:
    """How many canonical entities :func:`entities` would list without a limit."""
    _, canonical = store.names()
    where, params = _entity_filters(type, name)
    return store.query(f"SELECT count(*) FROM {canonical} WHERE {where}", params)[0][0]


def _entity_filters(type: str | None, name: str | None) -> tuple[str, list[Any]]:
    clauses, params = ["true"], []
    if type is not None:
        clauses.append("type = upper(?)")
        params.append(type)
    if name is not None:
        clauses.append("(lower(name) LIKE ? OR lower(array_to_string(coalesce(aliases, []), '|')) LIKE ?)")
        params += [like_pattern(name)] * 2
    return " AND ".join(clauses), params


ALL_MODALITIES = ("asserted", "claimed", "planned", "hypothetical", "negated")


def _event_filters(store: Store, *, type: str | None = None, actor: str | None = None, place: str | None = None,
                   since: dt.date | None = None, until: dt.date | None = None,
                   modalities: tuple[str, ...] = ALL_MODALITIES, max_days: int | None = None
                   ) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events v`` and its parameters. Only the filters given are written, and names
    are resolved to entity ids before they meet the events: at a million events a filter applied after the
    joins to names costs seconds (docs/performance.md)."""
    identity, canonical = store.names()
    clauses, params = ["true"], []
    if set(modalities) != set(ALL_MODALITIES):  # equalities, not IN: DuckDB plans an IN list as a join
        clauses.append("(" + (" OR ".join("v.modality = ?" for _ in modalities) or "false") + ")")
        params += list(modalities)
    if type is not None:
        clauses.append("(lower(v.event_type) LIKE ? OR lower(v.sub_event_type) LIKE ? OR lower(v.plover) LIKE ?)")
        params += [like_pattern(type)] * 3
    if actor is not None:  # the actor's canonical names and aliases (its own name among them), or the words
        clauses.append(f"""(v.actor IN (SELECT i.entity_id FROM {identity} i JOIN {canonical} c USING (canonical_id)
                                        WHERE lower(array_to_string(coalesce(c.aliases, []), '|')) LIKE ?)
                            OR lower(coalesce(v.actor_text, '')) LIKE ?)""")
        params += [like_pattern(actor)] * 2
    if place is not None and store.query(f"SELECT count(*) FROM {canonical} WHERE canonical_id = ?", [place])[0][0]:
        clauses.append(f"v.location IN (SELECT entity_id FROM {identity} WHERE canonical_id = ?)")  # one place
        params.append(place)
    elif place is not None:  # any name of the place across reports, its province, or the words
        clauses.append(f"""(v.location IN (SELECT i.entity_id FROM {identity} i JOIN {canonical} c USING (canonical_id)
                                           WHERE c.type = 'PLACE' AND (
                                               lower(array_to_string(coalesce(c.aliases, []), '|')) LIKE ?
                                               OR lower(coalesce(c.admin1, '')) LIKE ?))
                            OR lower(coalesce(v.location_text, '')) LIKE ?)""")
        params += [like_pattern(place)] * 3
    if since is not None:
        clauses.append("v.day_end >= ?")
        params.append(since)
    if until is not None:
        clauses.append("v.day_begin <= ?")
        params.append(until)
    if max_days is not None:
        clauses.append("(v.day_begin IS NULL OR date_diff('day', v.day_begin, v.day_end) < ?)")
        params.append(max_days)
    return " AND ".join(clauses), params


def events(store: Store, *, type: str | None = None, actor: str | None = None,
           place: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
           modalities: tuple[str, ...] = ALL_MODALITIES, max_days: int | None = None,
           limit: int | None = None, offset: int = 0) -> list[EventRow]:
    """Events in date order with their source report and evidence sentence.

    Args:
        type: an ACLED event or sub-event type or a PLOVER type (substring, any case): "battles", "ASSAULT".
        actor: part of the actor's name, an alias, or the words naming it.
        place: part of the place's name, its province, or the words naming it; or a canonical place id
            (``geonames:1135689``), which keeps that place only.
        since, until: keep events whose dates overlap this range (inclusive).
        modalities: keep these (``HAPPENED`` for what the reports say took place).
        max_days: leave out events dated only to a period of this many days or more.
        limit, offset: a page of the results (:func:`count_events` gives their number).

    Example:
        >>> with Store(":memory:") as store:
        ...     events(store, type="battles", since=dt.date(2021, 8, 6), limit=50)
        []
    """
    filters = {"type": type, "actor": actor, "place": place, "since": since, "until": until,
               "modalities": modalities, "max_days": max_days}
    sql, params = event_query(store, filters, limit=limit, offset=offset)
    rows = store.query(sql, params)
    names = _entity_names(store, {id for row in rows for id in row[22:25] if id is not None})
    none = (None, None, None, None)
    result = []
    for row in rows:
        actor, target, place = (names.get(id, none) for id in row[22:25])
        result.append(EventRow(*row[:9], actor[1] or actor[0] or row[9], target[0] or row[10], place[0] or row[11],
                               place[2], place[3], row[12], row[13], Source(*row[14:22])))
    return result


def event_query(store: Store, filters: dict[str, Any], *, limit: int | None = None,
                offset: int = 0) -> tuple[str, list[Any]]:
    """The SQL of :func:`events` and its parameters (bench/queries.py profiles it).

    Names are looked up afterwards for the rows of the page only (:func:`_entity_names`): joined here, DuckDB
    scans every entity of the store for a page of 50 (docs/performance.md).
    """
    where, params = _event_filters(store, **filters)
    return f"""
        SELECT v.id, v.day_begin, v.day_end, coalesce(v.date_from_document, v.date_begin IS NULL), v.event_type,
               v.sub_event_type, v.plover, v.modality, v.trigger_text, v.actor_text, v.target_text,
               v.location_text, v.fatalities, v.source_text, d.id, d.title, d.source, d.published, d.origin,
               substr(d.text, v.evidence_start + 1, v.evidence_end - v.evidence_start), v.evidence_start,
               v.evidence_end, v.actor, v.target, v.location
        FROM events v JOIN documents d ON d.id = v.doc_id WHERE {where}
        ORDER BY v.day_begin NULLS LAST, d.published NULLS LAST, v.doc_id, v.trigger_start, v.id
        LIMIT ? OFFSET ?""", [*params, limit, offset]


def _entity_names(store: Store, ids: set[str]) -> dict[str, tuple[str, str | None, float | None, float | None]]:
    """Entity id -> (its name, its canonical name, lat, lon), by primary-key lookups of just these ids."""
    if not ids:
        return {}
    identity, canonical = store.names()
    rows = store.query(f"""
        WITH wanted AS (SELECT id, name, lat, lon FROM entities WHERE id IN (SELECT unnest(?::VARCHAR[]))),
        keys AS (SELECT entity_id, canonical_id FROM {identity} WHERE entity_id IN (SELECT unnest(?::VARCHAR[])))
        SELECT w.id, w.name, c.name, w.lat, w.lon FROM wanted w LEFT JOIN keys k ON k.entity_id = w.id
        LEFT JOIN {canonical} c ON c.canonical_id = k.canonical_id""", [sorted(ids)] * 2)
    return {row[0]: row[1:] for row in rows}


def count_events(store: Store, **filters: Any) -> int:
    """How many events :func:`events` would list with these filters and no limit."""
    where, params = _event_filters(store, **filters)
    return store.query(f"SELECT count(*) FROM events v WHERE {where}", params)[0][0]


def timeline(store: Store, *, max_days: int | None = 7, **filters: Any) -> list[EventRow]:
    """The chronology: events the reports say happened (asserted or claimed), oldest first.

    Args:
        max_days: leave out events dated only to a longer period ("since May", "last year"): background, not
            chronology. None keeps them.
        filters: as :func:`events` (``limit`` and ``offset`` page it).
    """
    return events(store, **{"modalities": HAPPENED, **filters, "max_days": max_days})


def count_timeline(store: Store, *, max_days: int | None = 7, **filters: Any) -> int:
    """How many events :func:`timeline` would list with these filters and no limit."""
    return count_events(store, **{"modalities": HAPPENED, **filters, "max_days": max_days})


_QUOTE_WHERE = """
    (?::VARCHAR IS NULL OR lower(coalesce(e.name, '')) LIKE ? OR lower(coalesce(q.speaker_text, '')) LIKE ?)
    AND (?::VARCHAR IS NULL OR lower(q.content_text) LIKE ?)
    AND (?::DATE IS NULL OR d.published >= ?::DATE) AND (?::DATE IS NULL OR d.published <= ?::DATE)"""
_QUOTE_FROM = "quotes q JOIN documents d ON d.id = q.doc_id LEFT JOIN entities e ON e.id = q.speaker_entity"


def _quote_params(speaker: str | None, text: str | None, since: dt.date | None, until: dt.date | None) -> list[Any]:
    return [speaker, like_pattern(speaker), like_pattern(speaker), text, like_pattern(text), since, since, until, until]


def quotes(store: Store, *, speaker: str | None = None, text: str | None = None, since: dt.date | None = None,
           until: dt.date | None = None, limit: int | None = None, offset: int = 0) -> list[QuoteRow]:
    """Quotes with speaker and source report, in report-date order (``limit`` and ``offset`` page them).

    Example:
        >>> with Store(":memory:") as store:
        ...     quotes(store, speaker="Kirby")
        []
    """
    rows = store.query(
        f"""SELECT q.id, q.kind, coalesce(e.name, q.speaker_text), q.cue, q.content_text,
                   d.id, d.title, d.source, d.published, d.origin,
                   substr(d.text, least(q.content_start, coalesce(q.speaker_start, q.content_start)) + 1,
                          greatest(q.content_end, coalesce(q.speaker_end, q.content_end))
                          - least(q.content_start, coalesce(q.speaker_start, q.content_start))),
                   q.content_start, q.content_end
            FROM {_QUOTE_FROM} WHERE {_QUOTE_WHERE}
            ORDER BY d.published NULLS LAST, d.id, q.content_start, q.id LIMIT ? OFFSET ?""",
        [*_quote_params(speaker, text, since, until), limit, offset])
    return [QuoteRow(*row[:5], Source(*row[5:])) for row in rows]


def count_quotes(store: Store, *, speaker: str | None = None, text: str | None = None,
                 since: dt.date | None = None, until: dt.date | None = None) -> int:
    """How many quotes :func:`quotes` would list with these filters and no limit."""
    return store.query(f"SELECT count(*) FROM {_QUOTE_FROM} WHERE {_QUOTE_WHERE}",
                       _quote_params(speaker, text, since, until))[0][0]
