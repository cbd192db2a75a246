"""The PLOVER export: one JSON record a line per event of each report, in the fields of PLOVER's records.

A record is one event as one report tells it (PLOVER codes events per story, as POLECAT does; the incident
that merges it with other reports' events is named in ``incident``). Fields follow PLOVER: ``id``, ``date``,
``enddate``, ``actor`` and ``recipient`` (each with the words of the report in ``text``, the canonical
``name``, ``country`` as ISO alpha-3 and ``sector``, here the ACLED actor category), ``event``, ``mode``,
``context``, ``event_loc`` (the words, the resolved place, its ``geonameid``, ``lat``, ``lon``, ``province``,
``country`` and ``resolution``: the feature level), ``event_text`` (the evidence sentence), ``size`` (``dead``,
``injured``, ``arrested``) and ``citation`` (publication, url, title). sitroom adds what PLOVER defines but no
coder had filled: ``modality`` (asserted, claimed, planned, hypothetical, negated), with ``said_by`` for claims;
and what makes every record traceable: ``evidence`` and ``trigger`` with document id and character offsets,
and the ACLED types. :data:`PLOVER_SCHEMA` is the JSON Schema of a record.

Every modality is exported (a PLOVER consumer that counts what happened keeps ``asserted`` and ``claimed``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitroom.export import Context, replacing

_SQL = """
WITH ident AS MATERIALIZED (SELECT * FROM entity_identity),
known AS MATERIALIZED (SELECT canonical_id, name, actor_category, country FROM canonical_entities)
SELECT v.id, v.doc_id, v.plover, v.modality, v.event_type, v.sub_event_type, v.date_begin, v.date_end,
       v.time_precision, coalesce(v.date_from_document, false) OR v.date_begin IS NULL, d.published,
       coalesce(d.source, d.dateline_agency), d.title, d.url,
       v.trigger_start, v.trigger_end, v.trigger_text, v.evidence_start, v.evidence_end,
       substr(d.text, v.evidence_start + 1, v.evidence_end - v.evidence_start),
       v.actor_text, ai.canonical_id, ka.name, ka.actor_category, coalesce(ka.country, a.country),
       v.target_text, ti.canonical_id, kt.name, kt.actor_category, coalesce(kt.country, t.country), t.type,
       v.location_text, li.canonical_id, kl.name, l.lat, l.lon, l.geonames_id, l.admin1, l.country, l.feature_level,
       v.fatalities, v.injured, v.source_text
FROM events v JOIN documents d ON d.id = v.doc_id
LEFT JOIN entities a ON a.id = v.actor LEFT JOIN ident ai ON ai.entity_id = a.id
LEFT JOIN known ka ON ka.canonical_id = ai.canonical_id
LEFT JOIN entities t ON t.id = v.target LEFT JOIN ident ti ON ti.entity_id = t.id
LEFT JOIN known kt ON kt.canonical_id = ti.canonical_id
LEFT JOIN entities l ON l.id = v.location LEFT JOIN ident li ON li.entity_id = l.id
LEFT JOIN known kl ON kl.canonical_id = li.canonical_id
ORDER BY coalesce(v.date_begin, d.published) NULLS LAST, d.published NULLS LAST, d.id, v.trigger_start
"""

_PARTY = {"type": ["object", "null"], "required": ["text", "name", "id", "country", "sector"],
          "properties": {"text": {"type": ["string", "null"]}, "name": {"type": ["string", "null"]},
                         "id": {"type": ["string", "null"]}, "country": {"type": ["string", "null"]},
                         "sector": {"type": ["string", "null"]}}}
_SPAN = {"type": "object", "required": ["start", "end", "text"],
         "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}}}
_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_COUNT = {"type": ["integer", "null"], "minimum": 0}
_NUMBER = {"type": ["number", "null"]}
_TEXT = {"type": ["string", "null"]}


@functools.cache
def plover_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one exported PLOVER record."""
    from sitroom.ontology import plover_contexts, plover_types

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sitroom PLOVER event record",
        "type": "object",
        "required": ["id", "date", "enddate", "event", "quad", "mode", "context", "modality", "actor", "recipient",
                     "event_loc", "event_text", "evidence", "size", "citation"],
        "properties": {
            "id": {"type": "string"}, "date": _DATE, "enddate": _DATE, "date_from_document": {"type": "boolean"},
            "time_precision": {"type": ["integer", "null"], "minimum": 1, "maximum": 3},
            "event": {"enum": list(plover_types())}, "quad": {"type": "string"}, "mode": _TEXT,
            "context": {"type": "array", "items": {"enum": list(plover_contexts())}},
            "modality": {"enum": ["asserted", "claimed", "planned", "hypothetical", "negated"]},
            "actor": _PARTY, "recipient": _PARTY,
            "event_loc": {"type": ["object", "null"], "required": ["text", "name", "lat", "lon", "country"],
                          "properties": {"text": _TEXT, "name": _TEXT, "id": _TEXT,
                                         "geonameid": {"type": ["integer", "null"]}, "lat": _NUMBER, "lon": _NUMBER,
                                         "province": _TEXT, "country": _TEXT, "resolution": _TEXT}},
            "event_text": {"type": "string"},
            "evidence": {**_SPAN, "required": ["doc_id", "start", "end", "text"],
                         "properties": {**_SPAN["properties"], "doc_id": {"type": "string"}}},
            "trigger": _SPAN,
            "size": {"type": "object", "required": ["dead", "injured", "arrested"],
                     "properties": {"dead": _COUNT, "injured": _COUNT, "arrested": _COUNT}},
            "said_by": _TEXT, "incident": _TEXT,
            "acled": {"type": "object", "properties": {"event_type": _TEXT, "sub_event_type": _TEXT}},
            "citation": {"type": "object", "required": ["doc_id", "publication", "title", "url", "published"],
                         "properties": {"doc_id": {"type": "string"}, "publication": _TEXT, "title": _TEXT,
                                        "url": _TEXT, "published": _DATE}},
        },
    }


@functools.cache
def _alpha3(code: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.alpha_3 if country else None


def _party(text: str | None, canonical: str | None, name: str | None, category: str | None,
           country: str | None) -> dict[str, Any] | None:
    if text is None and canonical is None:
        return None
    return {"text": text, "name": name, "id": canonical, "country": _alpha3(country), "sector": category}


@functools.cache
def _contexts() -> dict[str, str | None]:
    """The PLOVER context of each ACLED sub-event type (``acled_to_plover`` in data/ontology.json)."""
    from sitroom.lexicons import load_json

    table = load_json("ontology.json")["acled_to_plover"]
    return {sub: entry["context"] for sub, entry in table.items() if not sub.startswith("_")}


def _coding(plover: str, sub_event_type: str | None) -> tuple[str | None, list[str]]:
    """The PLOVER mode (only one PLOVER defines for this type) and contexts that go with the ACLED sub-type."""
    from sitroom.ontology import plover_mode_for, plover_modes

    if not sub_event_type or sub_event_type not in _contexts():
        return None, []
    context, mode = _contexts()[sub_event_type], plover_mode_for(sub_event_type)
    return (mode if mode in plover_modes(plover) else None), ([context] if context else [])


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def plover_records(context: Context) -> Iterator[dict[str, Any]]:
    """The selected events as PLOVER records, in date order."""
    from sitroom.ontology import plover_quad

    incident_of = {event: i.id for i in context.situation.incidents for event in i.events}
    chosen = context.selection
    for row in context.store.query(_SQL):
        (event_id, doc_id, plover, modality, event_type, sub_type, begin, end, precision, from_document,
         published, outlet, title, url, t_start, t_end, t_text, e_start, e_end, e_text,
         actor_text, actor, actor_name, actor_category, actor_country,
         target_text, target, target_name, target_category, target_country, target_type,
         place_text, place, place_name, lat, lon, geonames_id, admin1, country, level,
         dead, injured, said_by) = row
        first = published if from_document else begin
        last = published if from_document else (end or begin)
        if not (chosen.dated(first, last) and chosen.names_place(place, place_name, admin1, place_text)
                and chosen.names_actor(actor, context.actor_names(actor, actor_name, actor_text))
                and chosen.in_country(country)):
            continue
        mode, contexts = _coding(plover, sub_type)
        target_is_place = target_type == "PLACE"
        yield {
            "id": event_id, "date": _iso(first), "enddate": _iso(last), "date_from_document": bool(from_document),
            "time_precision": precision, "event": plover, "quad": plover_quad(plover), "mode": mode,
            "context": contexts, "modality": modality,
            "actor": _party(actor_text, actor, actor_name, actor_category, actor_country),
            "recipient": _party(target_text, None if target_is_place else target,
                                None if target_is_place else target_name, target_category, target_country),
            "event_loc": None if place_text is None and place is None else {
                "text": place_text, "name": place_name, "id": place, "geonameid": geonames_id, "lat": lat,
                "lon": lon, "province": admin1, "country": _alpha3(country), "resolution": level},
            "event_text": " ".join((e_text or "").split()),
            "evidence": {"doc_id": doc_id, "start": e_start, "end": e_end, "text": e_text or ""},
            "trigger": {"start": t_start, "end": t_end, "text": t_text or ""},
            "size": {"dead": dead, "injured": injured, "arrested": None},
            "said_by": said_by, "incident": incident_of.get(event_id),
            "acled": {"event_type": event_type, "sub_event_type": sub_type},
            "citation": {"doc_id": doc_id, "publication": outlet, "title": title, "url": url,
                         "published": _iso(published)},
        }


def write_plover_jsonl(context: Context, path: Path) -> int:
    """Write one PLOVER record a line; returns the number of records."""
    count = 0
    with replacing(path) as stream:
        for record in plover_records(context):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
