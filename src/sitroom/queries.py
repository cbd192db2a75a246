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


def _like(value: str | None) -> str | None:
    return None if value is None else f"%{value.lower()}%"


def entities(store: Store, *, type: str | None = None, name: str | None = None,
             limit: int | None = None) -> list[EntityRow]:
    """Canonical entities (one per real-world thing across reports), most-reported first.

    Example:
        >>> with Store(":memory:") as store:
        ...     entities(store, type="PLACE")
        []
    """
    rows = store.query(
        """SELECT canonical_id, type, name, documents, mentions, aliases, lat, lon, geonames_id, country, admin1,
                  feature_level, actor_category
           FROM canonical_entities
           WHERE (?::VARCHAR IS NULL OR type = upper(?))
             AND (?::VARCHAR IS NULL OR lower(name) LIKE ? OR lower(array_to_string(coalesce(aliases, []), '|')) LIKE ?)
           ORDER BY documents DESC, mentions DESC, name LIMIT ?""",
        [type, type, name, _like(name), _like(name), limit])
    return [EntityRow(*row[:5], tuple(row[5] or ()), *row[6:]) for row in rows]


_EVENT_SQL = """
SELECT v.id, coalesce(v.date_begin, d.published), coalesce(v.date_end, v.date_begin, d.published),
       coalesce(v.date_from_document, v.date_begin IS NULL), v.event_type, v.sub_event_type, v.plover, v.modality,
       v.trigger_text, coalesce(ca.name, a.name, v.actor_text), coalesce(t.name, v.target_text),
       coalesce(l.name, v.location_text), l.lat, l.lon, v.fatalities, v.source_text,
       d.id, d.title, d.source, d.published, d.origin,
       substr(d.text, v.evidence_start + 1, v.evidence_end - v.evidence_start), v.evidence_start, v.evidence_end
FROM events v JOIN documents d ON d.id = v.doc_id
LEFT JOIN entities a ON a.id = v.actor LEFT JOIN entities t ON t.id = v.target LEFT JOIN entities l ON l.id = v.location
LEFT JOIN entity_identity ai ON ai.entity_id = a.id LEFT JOIN canonical_entities ca ON ca.canonical_id = ai.canonical_id
WHERE (?::VARCHAR IS NULL OR lower(v.event_type) LIKE ? OR lower(v.sub_event_type) LIKE ? OR lower(v.plover) LIKE ?)
  AND (?::VARCHAR IS NULL OR lower(coalesce(a.name, '')) LIKE ? OR lower(coalesce(v.actor_text, '')) LIKE ?
       OR lower(array_to_string(coalesce(ca.aliases, []), '|')) LIKE ?)
  AND (?::VARCHAR IS NULL OR lower(coalesce(l.name, '')) LIKE ? OR lower(coalesce(v.location_text, '')) LIKE ?
       OR lower(coalesce(l.admin1, '')) LIKE ?)
  AND (?::DATE IS NULL OR coalesce(v.date_end, v.date_begin, d.published) >= ?::DATE)
  AND (?::DATE IS NULL OR coalesce(v.date_begin, d.published) <= ?::DATE)
  AND list_contains(?::VARCHAR[], v.modality)
ORDER BY coalesce(v.date_begin, d.published) NULLS LAST, d.published, d.id, v.trigger_start
"""

ALL_MODALITIES = ("asserted", "claimed", "planned", "hypothetical", "negated")


def events(store: Store, *, type: str | None = None, actor: str | None = None,
           place: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
           modalities: tuple[str, ...] = ALL_MODALITIES) -> list[EventRow]:
    """Events in date order with their source report and evidence sentence.

    Args:
        type: an ACLED event or sub-event type or a PLOVER type (substring, any case): "battles", "ASSAULT".
        actor: part of the actor's name, an alias, or the words naming it.
        place: part of the place's name, its province, or the words naming it.
        since, until: keep events whose dates overlap this range (inclusive).
        modalities: keep these (``HAPPENED`` for what the reports say took place).

    Example:
        >>> with Store(":memory:") as store:
        ...     events(store, type="battles", since=dt.date(2021, 8, 6))
        []
    """
    rows = store.query(_EVENT_SQL, [
        type, _like(type), _like(type), _like(type),
        actor, _like(actor), _like(actor), _like(actor),
        place, _like(place), _like(place), _like(place),
        since, since, until, until, list(modalities)])
    return [EventRow(*row[:16], Source(*row[16:])) for row in rows]


def timeline(store: Store, *, max_days: int | None = 7, **filters: Any) -> list[EventRow]:
    """The chronology: events the reports say happened (asserted or claimed), oldest first.

    Args:
        max_days: leave out events dated only to a longer period ("since May", "last year"): background, not
            chronology. None keeps them.
        filters: as :func:`events`.
    """
    rows = events(store, **{"modalities": HAPPENED, **filters})
    if max_days is None:
        return rows
    return [row for row in rows if row.date_begin is None or row.date_end is None
            or (row.date_end - row.date_begin).days < max_days]


def quotes(store: Store, *, speaker: str | None = None, text: str | None = None, since: dt.date | None = None,
           until: dt.date | None = None) -> list[QuoteRow]:
    """Quotes with speaker and source report, in report-date order.

    Example:
        >>> with Store(":memory:") as store:
        ...     quotes(store, speaker="Kirby")
        []
    """
    rows = store.query(
        """SELECT q.id, q.kind, coalesce(e.name, q.speaker_text), q.cue, q.content_text,
                  d.id, d.title, d.source, d.published, d.origin,
                  substr(d.text, least(q.content_start, coalesce(q.speaker_start, q.content_start)) + 1,
                         greatest(q.content_end, coalesce(q.speaker_end, q.content_end))
                         - least(q.content_start, coalesce(q.speaker_start, q.content_start))),
                  q.content_start, q.content_end
           FROM quotes q JOIN documents d ON d.id = q.doc_id LEFT JOIN entities e ON e.id = q.speaker_entity
           WHERE (?::VARCHAR IS NULL OR lower(coalesce(e.name, '')) LIKE ? OR lower(coalesce(q.speaker_text, '')) LIKE ?)
             AND (?::VARCHAR IS NULL OR lower(q.content_text) LIKE ?)
             AND (?::DATE IS NULL OR d.published >= ?::DATE) AND (?::DATE IS NULL OR d.published <= ?::DATE)
           ORDER BY d.published NULLS LAST, d.id, q.content_start""",
        [speaker, _like(speaker), _like(speaker), text, _like(text), since, since, until, until])
    return [QuoteRow(*row[:5], Source(*row[5:])) for row in rows]
