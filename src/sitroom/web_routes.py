"""The routes of the HTTP API (docs/api.md): each reads its parameters and calls one library function.

Lists answer ``{"items", "total", "page", "size"}``. The readers of the store are asked for one page and
their total (SQL ``LIMIT``/``OFFSET`` and a count); the situation views (incidents, contradictions,
situation) come from the app's cached :class:`~sitroom.web.Derived` and are cut here.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask

from sitroom import evidence, queries
from sitroom.model import Contradiction, Incident
from sitroom.queries import HAPPENED, EntityRow, EventRow, QuoteRow, to_json
from sitroom.search import BadQuery, SearchHit
from sitroom.store import Store
from sitroom.web import Derived, Service, derived, service, store
from sitroom.web_errors import ERROR_RESPONSES, ApiError, bad_parameter
from sitroom.web_params import (
    Actor,
    At,
    Country,
    EventKind,
    ExportFormatName,
    IncidentItem,
    Kinds,
    Meta,
    Modalities,
    Page,
    Paging,
    Place,
    Since,
    SituationOut,
    Source,
    Types,
    Until,
    paging,
    reject_unknown,
)

router = APIRouter(prefix="/api", dependencies=[Depends(reject_unknown)], responses=ERROR_RESPONSES)

StoreDep = Annotated[Store, Depends(store)]
DerivedDep = Annotated[Derived, Depends(derived)]
ServiceDep = Annotated[Service, Depends(service)]
PagingDep = Annotated[Paging, Depends(paging)]
Text = Annotated[str | None, Query(description="Part of the words, any case.", max_length=500)]
SearchWords = Annotated[str, Query(min_length=1, max_length=500, examples=["Lashkar Gah"], description=(
    'Words to find (all of them, any form: "strikes" finds "strike"); "a phrase" in double quotes; '
    "a trailing * for a prefix."))]


def _json(value: Any) -> JSONResponse:
    return JSONResponse(to_json(value))


def _chronology_start(incidents: Iterable[Incident]) -> dt.date | None:
    """The first day of an incident dated to a week or less: background dated only to a month ("last month")
    does not stretch the page's slider over weeks with nothing on them (as ``sitroom timeline`` leaves it out)."""
    return min((i.date_begin for i in incidents if i.date_begin and i.date_end
                and (i.date_end - i.date_begin).days < 7), default=None)


@router.get("/meta", response_model=Meta, summary="What the store holds")
def meta(store: StoreDep, view: DerivedDep) -> JSONResponse:
    found = evidence.overview(store)
    first, last = view.situation.dates()
    first = _chronology_start(view.situation.incidents) or first
    countries = Counter(i.country for i in view.situation.incidents if i.country)
    return _json({"documents": found["documents"], "events": found["events"],
                  "incidents": len(view.situation.incidents),
                  "first_date": first or found["first_published"], "last_date": last or found["last_published"],
                  "countries": [code for code, _ in countries.most_common()] or found["countries"],
                  "sources": found["sources"]})


@router.get("/documents", response_model=Page[evidence.DocumentRow], summary="Reports, oldest first")
def documents(store: StoreDep, index: ServiceDep, page: PagingDep, source: Source = None, since: Since = None,
              until: Until = None, q: Annotated[str | None, Query(
                  max_length=500, description="Only reports with these words (as for /api/search; blank: all).")] = None,
              ) -> JSONResponse:
    ids = None
    if q is not None and q.strip():  # an empty search box filters nothing
        try:
            ids = index.index.ids(store, q)
        except BadQuery as error:
            raise bad_parameter("q", str(error)) from None
    rows, total = evidence.documents(store, source=source, since=since, until=until, ids=ids, limit=page.size,
                                     offset=page.offset)
    return _json(page.answer(rows, total))


@router.get("/documents/{doc_id}", response_model=evidence.DocumentText,
            summary="One report: its text and every span found in it")
def document(store: StoreDep, doc_id: Annotated[str, PathParam(max_length=200)]) -> JSONResponse:
    found = evidence.document(store, doc_id)
    if found is None:
        raise ApiError(404, "not_found", f"doc_id: no document {doc_id!r} in the store", parameter="doc_id")
    return _json(found)


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search of the reports, best first")
def search(store: StoreDep, index: ServiceDep, page: PagingDep, q: SearchWords, source: Source = None,
           since: Since = None, until: Until = None) -> JSONResponse:
    try:
        hits, total = index.index.search(store, q, source=source, since=since, until=until, limit=page.size,
                                         offset=page.offset)
    except BadQuery as error:
        raise bad_parameter("q", str(error)) from None
    return _json(page.answer(hits, total))


@router.get("/entities", response_model=Page[EntityRow], summary="Canonical entities, most reported first")
def entities(store: StoreDep, page: PagingDep, type: Types = None, name: Text = None) -> JSONResponse:
    filters = {"type": type.value if type else None, "name": name}
    return _json(page.answer(queries.entities(store, **filters, limit=page.size, offset=page.offset),
                             queries.count_entities(store, **filters)))


@router.get("/events", response_model=Page[EventRow], summary="Events of any modality, in date order")
def events(store: StoreDep, page: PagingDep, type: EventKind = None, actor: Actor = None, place: Place = None,
           since: Since = None, until: Until = None, modality: Modalities = None) -> JSONResponse:
    filters = {"type": type, "actor": actor, "place": place, "since": since, "until": until,
               "modalities": tuple(m.value for m in modality) if modality else queries.ALL_MODALITIES}
    return _json(page.answer(queries.events(store, **filters, limit=page.size, offset=page.offset),
                             queries.count_events(store, **filters)))


@router.get("/timeline", response_model=Page[EventRow],
            summary="The chronology: asserted or claimed events dated to a week or less")
def timeline(store: StoreDep, page: PagingDep, type: EventKind = None, actor: Actor = None, place: Place = None,
             since: Since = None, until: Until = None, modality: Modalities = None) -> JSONResponse:
    filters = {"type": type, "actor": actor, "place": place, "since": since, "until": until,
               "modalities": tuple(m.value for m in modality if m.value in HAPPENED) if modality else HAPPENED}
    return _json(page.answer(queries.timeline(store, **filters, limit=page.size, offset=page.offset),
                             queries.count_timeline(store, **filters)))


def _with_evidence(incident: Incident, view: Derived) -> dict[str, Any]:
    """An incident with the words of each report event that tells it (once per stretch of words)."""
    words: dict[tuple[str, int, int], dict[str, Any]] = {}
    for event_id in incident.events:
        seen = view.by_event.get(event_id)
        if seen is not None:
            words.setdefault((seen.doc_id, seen.evidence.start, seen.evidence.end), {
                "doc_id": seen.doc_id, "start": seen.evidence.start, "end": seen.evidence.end,
                "text": seen.evidence.text, "published": seen.published, "outlet": seen.outlet})
    return {**to_json(incident), "evidence": to_json(list(words.values()))}


@router.get("/incidents", response_model=Page[IncidentItem],
            summary="Incidents: the events of every report that tell one happening, merged")
def incidents(view: DerivedDep, page: PagingDep, since: Since = None, until: Until = None, place: Place = None,
              actor: Actor = None, kind: Kinds = None) -> JSONResponse:
    rows = [i for i in view.situation.incidents
            if queries.matches(place, i.place, i.place_name, i.admin1) and queries.matches(actor, i.actor, i.actor_name)
            and (kind is None or i.kind == kind.value)
            and (since is None or (i.date_end is not None and i.date_end >= since))
            and (until is None or (i.date_begin is not None and i.date_begin <= until))]
    return JSONResponse(page.answer([_with_evidence(i, view) for i in page.cut(rows)], len(rows)))


@router.get("/quotes", response_model=Page[QuoteRow], summary="Quotes with speaker and report")
def quotes(store: StoreDep, page: PagingDep, speaker: Text = None, text: Text = None, since: Since = None,
           until: Until = None) -> JSONResponse:
    filters = {"speaker": speaker, "text": text, "since": since, "until": until}
    return _json(page.answer(queries.quotes(store, **filters, limit=page.size, offset=page.offset),
                             queries.count_quotes(store, **filters)))


@router.get("/quantities", response_model=Page[evidence.QuantityRow],
            summary="Counts the reports state (killed, injured...) with their sentence")
def quantities(store: StoreDep, page: PagingDep, kind: Annotated[str | None, Query(
                   description="What is counted: killed, injured, count... (exact, any case).", max_length=50,
                   examples=["killed"])] = None,
               doc_id: Annotated[str | None, Query(description="Only this report's.", max_length=200)] = None,
               ) -> JSONResponse:
    rows, total = evidence.quantities(store, kind=kind, doc_id=doc_id, limit=page.size, offset=page.offset)
    return _json(page.answer(rows, total))


@router.get("/contradictions", response_model=Page[Contradiction],
            summary="What reports disagree on, every version with its source")
def contradictions(view: DerivedDep, page: PagingDep, place: Place = None, kind: Annotated[str | None, Query(
                       description="control, fatalities, injured or date.", max_length=50)] = None,
                   ) -> JSONResponse:
    rows = [c for c in view.situation.contradictions if queries.matches(place, c.place or c.subject, c.subject_name)
            and (kind is None or c.kind == kind.lower())]
    return _json(page.answer(page.cut(rows), len(rows)))


@router.get("/situation", response_model=SituationOut, summary="Who held which place on a day")
def situation(view: DerivedDep, at: At = None, country: Country = None) -> JSONResponse:
    derived_ = view.situation
    day = at or derived_.dates()[1] or max((o.published for o in derived_.observations if o.published),
                                           default=None)
    if day is None:
        return _json({"at": None, "places": [], "capitals": {"total": 0, "by_holder": {}}})
    places = [p for p in derived_.at(day) if country is None or p.country == country]
    holders = {holder: sum(1 for p in periods if country is None or p.country == country)
               for holder, periods in derived_.capitals_at(day).items()}
    total = sum(1 for f in derived_.capitals.values() if country is None or f.country == country)
    return _json({"at": day, "places": places,
                  "capitals": {"total": total, "by_holder": {k: n for k, n in holders.items() if n}}})


_EXPORT_TYPES = ("text/csv", "application/x-ndjson", "application/geo+json", "application/zip")


@router.get("/export", response_class=FileResponse, summary="Download the events in an exchange format",
            responses={200: {"description": "The file, as an attachment (parquet: a zip of Parquet files).",
                             "content": {media: {} for media in _EXPORT_TYPES}}})
def export(store: StoreDep, service_: ServiceDep, view: DerivedDep,
           format: Annotated[ExportFormatName, Query(description="The file format.")],
           since: Since = None, until: Until = None, place: Place = None, actor: Actor = None,
           country: Country = None, at: At = None) -> FileResponse:
    from sitroom.export import ExportError
    from sitroom.export import export as write_export

    folder = Path(tempfile.mkdtemp(prefix="sitroom-export-"))
    try:
        # parquet: a zip (export writes a folder of Parquet files otherwise)
        name = "export.zip" if format is ExportFormatName.parquet else "export"
        result = write_export(store, format=format.value, path=folder / name, since=since, until=until,
                              place=place, actor=actor, country=country, at=at, gazetteer=service_.gazetteer(),
                              situation=view.situation)
    except ExportError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise ApiError(400, "bad_parameter", str(error), parameter=error.parameter) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(result.path, media_type=result.media_type, filename=result.filename,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))
