"""Exports: what the store knows, as files analysts open elsewhere (pandas, QGIS, a spreadsheet, DuckDB).

:func:`export` is the one function behind ``sitroom export`` and the HTTP API's ``/api/export``. It derives
the situation from the store (:func:`sitroom.situation.load_situation`), keeps what the filters select and
writes one of five formats:

* ``acled-csv``: one row per incident in ACLED's 31 columns (:mod:`sitroom.export_acled`);
* ``plover-jsonl``: one PLOVER record per event of each report (:mod:`sitroom.export_plover`);
* ``geojson``: an RFC 7946 FeatureCollection of incidents and of control on the day ``at`` (layer ``incident``
  or ``control``, coordinates ``[lon, lat]``; :mod:`sitroom.export_geojson`);
* ``parquet``: every store table, plus the derived incidents, control periods and contradictions, one Parquet
  file each (written by DuckDB, so no pyarrow is needed): a folder, or a zip when the path ends in ``.zip``
  (:mod:`sitroom.export_parquet`);
* ``jsonl``: one JSON object per incident with everything sitroom knows of it: each supporting report's
  evidence (document id, character offsets, the words) and every contradiction that concerns it.

Filters combine with AND, as the listing commands' do: ``since``/``until`` keep what overlaps the range (undated
incidents drop out once either is given), ``place`` is a canonical place id or part of a place's name or
province, ``actor`` a canonical actor id or part of its name or an alias, ``country`` an ISO code or country
name. Parquet keeps the store's own tables whole (a snapshot to query); the filters narrow its derived tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sitroom.model import Contradiction, ControlPeriod, Incident, Observation
from sitroom.queries import matches

if TYPE_CHECKING:
    from sitroom.gazetteer import Gazetteer
    from sitroom.situation import Situation
    from sitroom.store import Store

log = logging.getLogger(__name__)


class ExportFormat(StrEnum):
    """The file formats :func:`export` writes."""

    acled_csv = "acled-csv"
    plover_jsonl = "plover-jsonl"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


MEDIA_TYPES = {
    ExportFormat.acled_csv: "text/csv; charset=utf-8",
    ExportFormat.plover_jsonl: "application/x-ndjson",
    ExportFormat.geojson: "application/geo+json",
    ExportFormat.parquet: "application/zip",  # a folder has no media type; the API sends the zip
    ExportFormat.jsonl: "application/x-ndjson",
}
FILENAMES = {
    ExportFormat.acled_csv: "sitroom-acled.csv",
    ExportFormat.plover_jsonl: "sitroom-plover.jsonl",
    ExportFormat.geojson: "sitroom.geojson",
    ExportFormat.parquet: "sitroom-parquet.zip",
    ExportFormat.jsonl: "sitroom-incidents.jsonl",
}


class ExportError(ValueError):
    """Bad export input (format, filter, output path); ``parameter`` names the option at fault, if one is."""

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What :func:`export` wrote: ``records`` counts rows (or features, or Parquet rows over all tables)."""

    path: Path
    format: ExportFormat
    records: int
    media_type: str
    filename: str  # the name to suggest for a download


@dataclass(frozen=True, slots=True)
class Selection:
    """The export filters, checked (``country`` as ISO 3166-1 alpha-2)."""

    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    actor: str | None = None
    country: str | None = None
    at: dt.date | None = None

    def dated(self, begin: dt.date | None, end: dt.date | None) -> bool:
        """Whether the interval ``begin..end`` overlaps the selected range (undated: only when none is set)."""
        if self.since is None and self.until is None:
            return True
        if begin is None and end is None:
            return False
        first, last = begin or end, end or begin
        return (self.since is None or last >= self.since) and (self.until is None or first <= self.until)

    def names_place(self, place: str | None, *names: str | None) -> bool:
        """Whether ``place`` (a canonical id) or one of ``names`` is the selected place."""
        return matches(self.place, place, *names)

    def names_actor(self, actor: str | None, names: Sequence[str | None]) -> bool:
        """Whether ``actor`` (a canonical id) or one of its ``names`` (aliases included) is the selected actor."""
        return matches(self.actor, actor, *names)

    def in_country(self, country: str | None) -> bool:
        return self.country is None or (country or "").upper() == self.country


@dataclass(frozen=True, slots=True)
class DocRef:
    """A stored report as exports cite it."""

    doc_id: str
    published: dt.date | None
    outlet: str | None
    title: str | None
    url: str | None
    origin: str | None
    ingested_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A canonical actor (or any named thing that is not a place) across reports."""

    canonical_id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    category: str | None  # ACLED actor category
    country: str | None


@dataclass(frozen=True, slots=True)
class Context:
    """What every writer needs: the store, its situation, the filters and the reports and actors by id."""

    store: Store
    situation: Situation
    selection: Selection
    documents: Mapping[str, DocRef]
    actors: Mapping[str, ActorRef]

    def actor_names(self, actor: str | None, *more: str | None) -> list[str | None]:
        known = self.actors.get(actor or "")
        return [*(known.aliases if known else ()), known.name if known else None, *more]

    def incidents(self) -> list[Incident]:
        """The incidents the filters keep, oldest first."""
        chosen = self.selection
        return [i for i in self.situation.incidents
                if chosen.dated(i.date_begin, i.date_end) and chosen.names_place(i.place, i.place_name, i.admin1)
                and chosen.names_actor(i.actor, self.actor_names(i.actor, i.actor_name))
                and chosen.in_country(i.country)]

    def periods(self, day: dt.date | None = None) -> list[ControlPeriod]:
        """Control periods the filters keep: those covering ``day``, else those overlapping since..until."""
        chosen = self.selection
        found = []
        for period in self.situation.periods:
            if day is not None:
                if not (period.begin <= day and (period.end is None or day < period.end)):
                    continue
            elif not chosen.dated(period.begin, period.end - dt.timedelta(days=1) if period.end else dt.date.max):
                continue
            if (chosen.names_place(period.place, period.place_name, period.admin1)
                    and chosen.names_actor(period.holder, self.actor_names(period.holder, period.holder_name))
                    and chosen.in_country(period.country)):
                found.append(period)
        return found

    def day(self) -> dt.date | None:
        """The day control is shown for: ``at``, else the last day an incident is dated to, else the last report."""
        if self.selection.at is not None:
            return self.selection.at
        return self.situation.dates()[1] or max((d.published for d in self.documents.values() if d.published),
                                                default=None)

    def observations(self) -> dict[str, Observation]:
        return {o.event_id: o for o in self.situation.observations}

    def contradictions(self) -> dict[str, list[Contradiction]]:
        """Contradictions by the incident they concern: by its id, or by the events their claims quote."""
        by_event: dict[str, list[Incident]] = defaultdict(list)
        for incident in self.situation.incidents:
            for event in incident.events:
                by_event[event].append(incident)
        found: dict[str, list[Contradiction]] = defaultdict(list)
        for contradiction in self.situation.contradictions:
            concerned = {contradiction.subject} | {i.id for c in contradiction.claims if c.event_id
                                                   for i in by_event.get(c.event_id, ())}
            for incident_id in concerned:
                found[incident_id].append(contradiction)
        return found


def event_day(incident: Incident) -> dt.date | None:
    """The one day an incident is put on: its date, or the middle of its dates (ACLED codes a week or a month so).

    >>> event_day(Incident("i", "battle", "ASSAULT", "asserted", (), (), 1, (),
    ...                    date_begin=dt.date(2021, 7, 1), date_end=dt.date(2021, 7, 31)))
    datetime.date(2021, 7, 16)
    """
    begin, end = incident.date_begin, incident.date_end or incident.date_begin
    if begin is None or end is None:
        return None
    return begin + (end - begin) // 2


def evidence(observation: Observation, documents: Mapping[str, DocRef]) -> dict[str, Any]:
    """One report's words for an event: ``{doc_id, event_id, start, end, text, published, outlet}``."""
    doc = documents.get(observation.doc_id)
    return {"doc_id": observation.doc_id, "event_id": observation.event_id, "start": observation.evidence.start,
            "end": observation.evidence.end, "text": observation.evidence.text,
            "published": observation.published.isoformat() if observation.published else None,
            "outlet": observation.outlet or (doc.outlet if doc else None), "modality": str(observation.modality)}


def _day(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ExportError(f"{name}: not a date (YYYY-MM-DD): {value!r}", parameter=name) from None


def _country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    import pycountry

    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        raise ExportError(f"country: unknown country {value!r}; give an ISO code (AF, AFG) or a name",
                          parameter="country") from None


def _text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ExportError(f"{name}: expected text, got {value!r}", parameter=name)
    return value.strip() or None


def selection(*, since: dt.date | str | None = None, until: dt.date | str | None = None, place: str | None = None,
              actor: str | None = None, country: str | None = None, at: dt.date | str | None = None) -> Selection:
    """Check the export filters (dates may be ISO strings) and return them as a :class:`Selection`.

    Example:
        >>> selection(since="2021-08-06", country="AFG").country
        'AF'
        >>> selection(since="yesterday")
        Traceback (most recent call last):
        ...
        sitroom.export.ExportError: since: not a date (YYYY-MM-DD): 'yesterday'
    """
    first, last = _day(since, "since"), _day(until, "until")
    if first is not None and last is not None and first > last:
        raise ExportError(f"since ({first}) is after until ({last})", parameter="since")
    return Selection(since=first, until=last, place=_text(place, "place"), actor=_text(actor, "actor"),
                     country=_country(country), at=_day(at, "at"))


def export_format(value: ExportFormat | str) -> ExportFormat:
    """The format named ``value``.

    >>> export_format("acled-csv") is ExportFormat.acled_csv
    True
    """
    try:
        return ExportFormat(value)
    except ValueError:
        names = ", ".join(f.value for f in ExportFormat)
        raise ExportError(f"format: unknown format {value!r}; use one of {names}", parameter="format") from None


def _documents(store: Store) -> dict[str, DocRef]:
    rows = store.query("SELECT id, published, coalesce(source, dateline_agency), title, url, origin, ingested_at "
                       "FROM documents")
    return {row[0]: DocRef(*row) for row in rows}


def _actors(store: Store) -> dict[str, ActorRef]:
    rows = store.query(f"SELECT canonical_id, type, name, aliases, actor_category, country FROM {store.names()[1]} "
                       "WHERE type <> 'PLACE'")
    return {row[0]: ActorRef(row[0], row[1], row[2], tuple(row[3] or ()), row[4], row[5]) for row in rows}


def load_context(store: Store, chosen: Selection, gazetteer: Gazetteer | None = None,
                 situation: Situation | None = None) -> Context:
    """Derive the situation of ``store`` (unless given) and gather what the writers cite."""
    from sitroom.situation import load_situation

    if situation is None:
        situation = load_situation(store, gazetteer=gazetteer)
    return Context(store, situation, chosen, _documents(store), _actors(store))


@contextlib.contextmanager
def replacing(path: Path, *, mode: str = "w", newline: str | None = None,
              encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Write ``path`` through a temporary file in its folder, renamed into place only when all went well."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")  # opened as any new file: the umask applies
    try:
        with open(temporary, mode, newline=newline, encoding=encoding) as stream:
            yield stream
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


# --- jsonl: one object per incident ---


def incident_record(incident: Incident, context: Context, observations: Mapping[str, Observation],
                    contradictions: Mapping[str, Sequence[Contradiction]]) -> dict[str, Any]:
    """Everything sitroom knows of an incident as JSON-ready data, with evidence and contradictions."""
    from sitroom.queries import to_json

    record = to_json(incident)
    record["evidence"] = [evidence(observations[e], context.documents) for e in incident.events if e in observations]
    record["contradictions"] = [to_json(c) for c in contradictions.get(incident.id, ())]
    return record


def write_jsonl(context: Context, path: Path) -> int:
    """One JSON object a line per selected incident (:func:`incident_record`)."""
    observations, contradictions = context.observations(), context.contradictions()
    count = 0
    with replacing(path) as stream:
        for incident in context.incidents():
            record = incident_record(incident, context, observations, contradictions)
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


# --- the entry point ---


def _writers() -> dict[ExportFormat, Callable[[Context, Path], int]]:
    from sitroom.export_acled import write_acled_csv
    from sitroom.export_geojson import write_geojson
    from sitroom.export_parquet import write_parquet
    from sitroom.export_plover import write_plover_jsonl

    return {ExportFormat.acled_csv: write_acled_csv, ExportFormat.plover_jsonl: write_plover_jsonl,
            ExportFormat.geojson: write_geojson, ExportFormat.parquet: write_parquet,
            ExportFormat.jsonl: write_jsonl}


def export(store: Store, *, format: ExportFormat | str, path: Path | str, since: dt.date | None = None,
           until: dt.date | None = None, place: str | None = None, actor: str | None = None,
           country: str | None = None, at: dt.date | None = None,
           gazetteer: Gazetteer | None = None, situation: Situation | None = None) -> ExportResult:
    """Write what ``store`` knows, filtered, to ``path`` in ``format``.

    Args:
        store: an open store (read-only is enough).
        format: an :class:`ExportFormat` or its name (``"acled-csv"``...).
        path: the file to write (replaced if it exists; written whole or not at all). Parquet: a folder, or a
            zip of the files when the name ends in ``.zip``.
        since, until: keep incidents, events and control periods that overlap this range (inclusive).
        place: a canonical place id, or part of a place's name or province, any case.
        actor: a canonical actor id, or part of the actor's name or an alias, any case.
        country: ISO 3166-1 code or name of the country things happened in.
        at: the day of the GeoJSON control layer (default: the last day an incident is dated to).
        gazetteer: finds province capitals for the control periods (None: ``capital_of`` stays empty).
        situation: the store's situation when the caller has it derived already (``sitroom serve`` keeps it).

    Returns:
        An :class:`ExportResult`: the path, the number of records written, a media type and a file name.

    Raises:
        ExportError: a bad format, filter or output path (one line, naming the parameter).

    Example:
        >>> from sitroom.store import Store
        >>> import tempfile, pathlib
        >>> with Store(":memory:") as store, tempfile.TemporaryDirectory() as folder:
        ...     export(store, format="jsonl", path=pathlib.Path(folder) / "x.jsonl").records
        0
    """
    chosen = export_format(format)
    filters = selection(since=since, until=until, place=place, actor=actor, country=country, at=at)
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"output: folder {path.parent} does not exist", parameter="output")
    if path.is_dir() and chosen is not ExportFormat.parquet:
        raise ExportError(f"output: {path} is a folder; give a file name", parameter="output")
    context = load_context(store, filters, gazetteer, situation)
    records = _writers()[chosen](context, path)
    zipped = chosen is not ExportFormat.parquet or path.suffix.lower() == ".zip"
    media_type = MEDIA_TYPES[chosen] if zipped else "inode/directory"
    log.info("exported %d %s record(s) to %s", records, chosen, path)
    return ExportResult(path=path, format=chosen, records=records, media_type=media_type,
                        filename=FILENAMES[chosen] if zipped else path.name)
