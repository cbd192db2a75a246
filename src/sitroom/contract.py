"""The ``sitroom extract`` contract: one JSON object per document (docs/extract-format.md).

This module is the only place that turns records into the contract's JSON
shape, and the JSON Schema in ``sitroom/data/extract.schema.json`` is checked
against real output by the tests. Change both together, and bump
``FORMAT_VERSION`` when a key changes meaning or disappears.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitroom.model import Document, Entity, Event, Extraction, Mention, Quantity, Quote, Span, Timex

FORMAT_VERSION = "2.0"


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def document_dict(document: Document) -> dict[str, Any]:
    """The ``doc`` object of the contract."""
    dateline = document.dateline
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "published": document.published.isoformat() if document.published else None,
        "published_provenance": str(document.published_provenance),
        "dateline": None if dateline is None else {
            **_span(dateline.span),
            "places": list(dateline.places),
            "date": dateline.date_value,
            "agency": dateline.agency,
        },
        "origin": document.origin,
        "external_id": document.external_id,
        "chars": len(document.text),
    }


def _date(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _mention(mention: Mention) -> dict[str, Any]:
    return {"start": mention.start, "end": mention.end, "text": mention.text, "label": mention.label}


def entity_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id, "type": str(entity.type), "name": entity.name, "canonical_id": entity.canonical_id,
        "aliases": list(entity.aliases),
        "lat": entity.lat, "lon": entity.lon, "geonames_id": entity.geonames_id, "country": entity.country,
        "admin1": entity.admin1, "feature_level": None if entity.feature_level is None else str(entity.feature_level),
        "geo_confidence": entity.geo_confidence, "unresolved_reason": entity.unresolved_reason,
        "actor_category": entity.actor_category, "role": entity.role, "affiliation": entity.affiliation,
        "mentions": [_mention(m) for m in entity.mentions],
        "references": [_mention(m) for m in entity.references],
    }


def timex_dict(timex: Timex) -> dict[str, Any]:
    return {"id": timex.id, **_span(timex.span), "type": str(timex.type), "value": timex.value,
            "interval": None if timex.begin is None and timex.end is None else {
                "begin": _date(timex.begin), "end": _date(timex.end)}, "anchored": timex.anchored}


def quantity_dict(quantity: Quantity) -> dict[str, Any]:
    return {"id": quantity.id, **_span(quantity.span), "value": quantity.value, "unit": quantity.unit,
            "kind": quantity.kind, "qualifier": quantity.qualifier, "window": quantity.window,
            "source": quantity.source}


def quote_dict(quote: Quote) -> dict[str, Any]:
    speaker = None if quote.speaker is None else {**_span(quote.speaker), "entity": quote.speaker_entity}
    return {"id": quote.id, "kind": str(quote.kind), "speaker": speaker, "content": _span(quote.content),
            "cue": quote.cue, "floating": quote.floating}


def _argument(span: Span | None, entity: str | None) -> dict[str, Any] | None:
    return None if span is None and entity is None else {"entity": entity, "span": _span(span)}


def event_dict(event: Event, timexes: dict[str, Timex]) -> dict[str, Any]:
    timex = timexes.get(event.time) if event.time else None
    return {
        "id": event.id, "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "plover": event.plover, "modality": str(event.modality), "trigger": _span(event.trigger),
        "actor": _argument(event.actor_span, event.actor), "target": _argument(event.target_span, event.target),
        "location": _argument(event.location_span, event.location),
        "time": None if timex is None else {"timex": timex.id, **_span(timex.span), "value": timex.value},
        "date": {"begin": _date(event.date_begin), "end": _date(event.date_end), "precision": event.time_precision,
                 "from_document": event.date_from_document},
        "fatalities": event.fatalities, "injured": event.injured, "quantities": list(event.quantities),
        "source": None if event.source is None and event.source_span is None else {
            "quote": event.source, "span": _span(event.source_span)},
        "evidence": _span(event.evidence),
    }


def to_dict(extraction: Extraction) -> dict[str, Any]:
    """The contract object for one document.

    Example:
        >>> from sitroom.model import Document
        >>> sorted(to_dict(Extraction(Document(id="x", text="t"))))
        ['doc', 'entities', 'errors', 'events', 'quantities', 'quotes', 'timexes', 'version']
    """
    timexes = {t.id: t for t in extraction.timexes}
    return {
        "version": FORMAT_VERSION,
        "doc": document_dict(extraction.document),
        "entities": [entity_dict(e) for e in extraction.entities],
        "events": [event_dict(e, timexes) for e in extraction.events],
        "quotes": [quote_dict(q) for q in extraction.quotes],
        "timexes": [timex_dict(t) for t in extraction.timexes],
        "quantities": [quantity_dict(q) for q in extraction.quantities],
        "errors": list(extraction.errors),
    }
