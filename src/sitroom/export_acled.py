"""The ACLED CSV export: one row per incident, in ACLED's 31 columns and order.

Why a row is an incident, not an event: ACLED codes one event per happening, dated and placed once, from all
the reports that tell it ("Kunduz fell to the Taliban on 8 August" is one row whether one outlet or five say
so), and it lists the outlets in ``source``. sitroom's incidents (:mod:`sitroom.fuse`) are exactly that: the
events of every report that tell one happening, merged, with their outlets. An event of one report is what
``plover-jsonl`` exports instead.

How each column is filled (left empty where sitroom does not know; no default is made up):

* ``event_id_cnty``: ISO 3166 alpha-3 of the country (``XXX`` when unknown) + a number derived from the
  incident's content-hash id, so the same incident gets the same id on every run;
* ``event_date``, ``year``, ``time_precision``: the incident's date, or the middle of its dates when the reports
  date it to a week (2) or a month or longer (3), as ACLED does;
* ``actor1``/``inter1``: the incident's actor and the inter code of its ACLED category; ``actor2``/``inter2``:
  the actor its events most often target; violence against civilians has civilians as ``actor2`` (inter 7,
  named ``Civilians (Country)`` as ACLED names them): the event type says so; ``interaction``: the two inter
  codes, lower first (``12``), or the one code and 0 (``20``) for a one-sided event;
* ``civilian_targeting``: ``Civilian targeting`` when civilians are the target;
* ``iso``: the numeric ISO 3166 code; ``country``, ``admin1`` (province), ``location`` and coordinates come from
  the gazetteer; ``region``, ``admin2``, ``admin3`` and ``source_scale`` stay empty (no offline source for them);
* ``geo_precision``: 1 for a town, village or site, 2 for a district or named area, 3 for a province or country;
* ``source``: the outlets, joined by ``"; "``;
* ``notes``: each report's evidence sentence with outlet, date, document id and character offsets, so every
  row can be traced back to the words that support it; disputed figures and ranges of dates are noted too;
* ``fatalities``: an integer, 0 when no report gives a figure (ACLED's convention); when reports disagree the
  lowest figure (ACLED takes the most conservative one and notes the dispute), when a later report revises
  the toll, the revised figure;
* ``tags``: sitroom's caveats: ``claimed`` (no report asserts it) and ``actor inferred``;
* ``timestamp``: when the incident's latest report was stored (Unix seconds).

The file is UTF-8 with a byte-order mark (so a spreadsheet opens it as UTF-8 with a double click), a header
row, dates ``YYYY-MM-DD`` and quoting by Python's csv module (RFC 4180).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sitroom.export import Context, event_day, replacing
from sitroom.model import Contradiction, Incident, Observation

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# ACLED codebook (2023), "Actor names, types and inter codes"; the category names are those of data/actors.csv.
INTER_CODES = {"State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4, "Rioters": 5,
               "Protesters": 6, "Civilians": 7, "External/Other forces": 8}
CIVILIANS = 7
# ACLED's spatial precision: 1 the town itself, 2 a part of a region or a district, 3 only the province is known.
GEO_PRECISION = {"city": 1, "site": 1, "district": 2, "region": 2, "province": 3, "country": 3}
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
_MAX_NOTES = 32_000  # a spreadsheet cell holds 32,767 characters


@functools.cache
def _country(code: str | None) -> tuple[str, int | None, str]:
    """(alpha-3, numeric code, name) of an ISO alpha-2 country code; ``("XXX", None, "")`` when unknown."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return "XXX", None, ""
    return country.alpha_3, int(country.numeric), getattr(country, "common_name", None) or country.name


def event_id_cnty(incident: Incident) -> str:
    """ACLED's event id: the country's alpha-3 code and a number from the incident's content-hash id.

    >>> event_id_cnty(Incident("00000000000a5f3c", "battle", "ASSAULT", "asserted", (), (), 1, (), country="AF"))
    'AFG10'
    """
    return _country(incident.country)[0] + str(int(incident.id[:12], 16))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _targets(context: Context) -> dict[str, str]:
    """The canonical actor each event targets, by event id (targets that are places are not actors)."""
    rows = context.store.query(
        """SELECT v.id, i.canonical_id FROM events v JOIN entities t ON t.id = v.target
           JOIN entity_identity i ON i.entity_id = t.id WHERE t.type <> 'PLACE'""")
    return {event: target for event, target in rows}


def _inter(context: Context, actor: str | None) -> int | None:
    known = context.actors.get(actor or "")
    return INTER_CODES.get(known.category or "") if known else None


def _fatalities(incident: Incident, disputes: list[Contradiction]) -> tuple[int, str | None]:
    """The figure ACLED would code, and a note listing every reported figure when reports disagree."""
    figures = next((c for c in disputes if c.kind == "fatalities" and c.subject == incident.id), None)
    if figures is None:
        return incident.fatalities or 0, None
    versions = "; ".join(f"{c.value} ({c.outlet or 'unknown outlet'}, {c.published or 'undated'})"
                         for c in figures.claims)
    if figures.revision:
        return incident.fatalities or 0, f"Fatalities revised: {versions}."
    return min(int(c.value) for c in figures.claims), f"Fatalities disputed, lowest coded: {versions}."


def _notes(incident: Incident, members: list[Observation], context: Context, fatality_note: str | None) -> str:
    parts, seen = [], set()
    for observation in members:
        key = (observation.doc_id, observation.evidence.start, observation.evidence.end)
        if key in seen:
            continue
        seen.add(key)
        doc = context.documents.get(observation.doc_id)
        outlet = observation.outlet or (doc.outlet if doc else None) or "unknown outlet"
        day = observation.published.isoformat() if observation.published else "undated"
        parts.append(f'"{_one_line(observation.evidence.text)}" ({outlet}, {day}; doc {observation.doc_id}, '
                     f"chars {observation.evidence.start}-{observation.evidence.end})")
    if incident.date_begin and incident.date_end and incident.date_begin != incident.date_end:
        parts.append(f"Dated {incident.date_begin} to {incident.date_end}.")
    if fatality_note:
        parts.append(fatality_note)
    notes = " | ".join(parts)
    return notes if len(notes) <= _MAX_NOTES else notes[:_MAX_NOTES - 1] + "…"


def _timestamp(incident: Incident, context: Context) -> int | str:
    stored = [d.ingested_at for doc in incident.documents if (d := context.documents.get(doc)) and d.ingested_at]
    return int(max(stored).replace(tzinfo=dt.UTC).timestamp()) if stored else ""


def acled_row(incident: Incident, context: Context, observations: Mapping[str, Observation],
              targets: Mapping[str, str], disputes: list[Contradiction]) -> dict[str, Any]:
    """One incident in ACLED's columns (see the module docstring for how each is filled)."""
    from sitroom.ontology import disorder_type

    _, numeric, country_name = _country(incident.country)
    members = [observations[e] for e in incident.events if e in observations]
    counted = Counter(t for e in incident.events if (t := targets.get(e)) and t != incident.actor)
    actor2 = counted.most_common(1)[0][0] if counted else None
    inter1, inter2 = _inter(context, incident.actor), _inter(context, actor2)
    actor2_name = context.actors[actor2].name if actor2 else ""
    if incident.event_type == VIOLENCE_AGAINST_CIVILIANS:  # the type says who the victims are, whatever else is hit
        actor2_name, inter2 = f"Civilians ({country_name})" if country_name else "Civilians", CIVILIANS
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    interaction = f"{codes[0]}{codes[1]}" if len(codes) == 2 else f"{codes[0]}0" if codes else ""
    fatalities, fatality_note = _fatalities(incident, disputes)
    day = event_day(incident)
    tags = [tag for tag, flag in (("claimed", incident.modality == "claimed"),
                                  ("actor inferred", incident.actor_inferred)) if flag]
    return {
        "event_id_cnty": event_id_cnty(incident), "event_date": day.isoformat() if day else "",
        "year": day.year if day else "", "time_precision": incident.time_precision or "",
        "disorder_type": disorder_type(incident.event_type) if incident.event_type else "",
        "event_type": incident.event_type or "", "sub_event_type": incident.sub_event_type or "",
        "actor1": incident.actor_name or "", "assoc_actor_1": "", "inter1": inter1 or "",
        "actor2": actor2_name, "assoc_actor_2": "", "inter2": inter2 or "", "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS else "",
        "iso": numeric if numeric is not None else "", "region": "", "country": country_name,
        "admin1": incident.admin1 or "", "admin2": "", "admin3": "", "location": incident.place_name or "",
        "latitude": round(incident.lat, 4) if incident.lat is not None else "",
        "longitude": round(incident.lon, 4) if incident.lon is not None else "",
        "geo_precision": GEO_PRECISION.get(incident.place_level or "", ""),
        "source": "; ".join(incident.outlets), "source_scale": "",
        "notes": _notes(incident, members, context, fatality_note), "fatalities": fatalities,
        "tags": "; ".join(tags), "timestamp": _timestamp(incident, context),
    }


def acled_rows(context: Context) -> Iterator[dict[str, Any]]:
    """The selected incidents as ACLED rows, oldest first."""
    observations, targets, disputes = context.observations(), _targets(context), context.contradictions()
    for incident in context.incidents():
        yield acled_row(incident, context, observations, targets, disputes.get(incident.id, []))


def write_acled_csv(context: Context, path: Path) -> int:
    """Write the ACLED CSV (UTF-8 with BOM, header row, RFC 4180 quoting); returns the number of rows."""
    count = 0
    with replacing(path, newline="", encoding="utf-8-sig") as stream:
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in acled_rows(context):
            writer.writerow(row)
            count += 1
    return count
