"""The GeoJSON export: an RFC 7946 FeatureCollection of incidents and of control on one day.

Every feature is a Point at ``[longitude, latitude]`` with a ``layer`` property, ``incident`` or ``control``, so a
GIS can split the file into two layers with a filter (QGIS: ``"layer" = 'incident'``). Incident features carry
the incident's fields (ids, ACLED and PLOVER types, dates, actor, fatalities, sources, outlets) with ``date``
(the one day ACLED would code) and ``evidence`` (each report's words, with document id and offsets). Control
features are the places' periods that cover the day ``at`` (default: the last day an incident is dated to):
status, holder, confidence, since when, sources. Things without coordinates are left out and counted in a
warning.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sitroom.export import Context, event_day, evidence, replacing

log = logging.getLogger(__name__)


def _point(feature_id: str, lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    # RFC 7946: positions are [longitude, latitude]; six decimals are about 10 cm, more is noise
    return {"type": "Feature", "id": feature_id,
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": properties}


def geojson_features(context: Context) -> tuple[list[dict[str, Any]], int, int]:
    """The incident and control features, and how many incidents and places had no coordinates."""
    from sitroom.queries import to_json

    observations = context.observations()
    features, skipped_incidents, skipped_places = [], 0, 0
    for incident in context.incidents():
        if incident.lat is None or incident.lon is None:
            skipped_incidents += 1
            continue
        properties = {"layer": "incident", **to_json(incident), "date": to_json(event_day(incident)),
                      "evidence": [evidence(observations[e], context.documents) for e in incident.events
                                   if e in observations]}
        features.append(_point(incident.id, incident.lon, incident.lat, properties))
    day = context.day()
    for period in context.periods(day) if day is not None else ():
        if period.lat is None or period.lon is None:
            skipped_places += 1
            continue
        properties = {"layer": "control", "at": day.isoformat(), **to_json(period)}
        features.append(_point(f"{period.place}@{period.begin}", period.lon, period.lat, properties))
    return features, skipped_incidents, skipped_places


def write_geojson(context: Context, path: Path) -> int:
    """An RFC 7946 FeatureCollection: incidents, then control on the day (``layer`` tells them apart)."""
    features, skipped_incidents, skipped_places = geojson_features(context)
    if skipped_incidents or skipped_places:
        log.warning("geojson: left out %d incident(s) and %d controlled place(s) without coordinates",
                    skipped_incidents, skipped_places)
    with replacing(path) as stream:
        json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
        stream.write("\n")
    return len(features)
