"""The situation commands: ``sitroom incidents``, ``contradictions``, ``situation`` and ``report``.

Each opens the store read-only, derives the situation (:func:`sitroom.situation.load_situation`) and prints
one view of it, or JSON with ``--json``. Registered on the main app by :func:`register`.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from sitroom.cli import DbOption, _guard, _settings, out
from sitroom.cli_lists import JsonOption, PlaceOption, SinceOption, UntilOption, _day, _open

AtOption = Annotated[str | None, typer.Option(
    "--at", help="The day to show (YYYY-MM-DD); default: the last day the reports cover.")]


def _load(store: Any, db: str | None) -> Any:
    from sitroom.places import load_gazetteer
    from sitroom.situation import load_situation

    settings = _settings(db=db)
    gazetteer = _guard(load_gazetteer, settings.cache_dir, settings.gazetteer)
    return load_situation(store, gazetteer=gazetteer)


def _print_json(rows: Any) -> None:
    from sitroom.queries import to_json

    typer.echo(json.dumps(to_json(rows), ensure_ascii=False, indent=1))


def _matches(place: str | None, *names: str | None) -> bool:
    from sitroom.queries import matches

    return matches(place, None, *names)


def _day_text(day: dt.date | None) -> str:
    return day.strftime("%d %b %Y") if day else "undated"


def incidents(
    db: DbOption = None, place: PlaceOption = None, since: SinceOption = None, until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """List incidents: the events of every report that tell one happening, merged, with independent sources.

    Example: sitroom incidents --place Kunduz --db demo.duckdb
    """
    first, last = _day(since, "--since"), _day(until, "--until")
    with _open(db) as store:
        situation = _load(store, db)
    rows = [i for i in situation.incidents if _matches(place, i.place_name, i.admin1)
            and (first is None or (i.date_end is not None and i.date_end >= first))
            and (last is None or (i.date_begin is not None and i.date_begin <= last))]
    if as_json:
        return _print_json(rows)
    for incident in rows:
        what = incident.sub_event_type or incident.kind
        actor = f" by {incident.actor_name}" + (" (inferred)" if incident.actor_inferred else "") \
            if incident.actor_name else ""
        figures = ", ".join(f"{n} {label}" for n, label in ((incident.fatalities, "killed"),
                                                            (incident.injured, "injured")) if n is not None)
        out.print(f"{_day_text(incident.date_end)}  [bold]{what}[/]{actor} at {incident.place_name}"
                  f"{' [' + incident.modality + ']' if incident.modality != 'asserted' else ''}"
                  f"{'; ' + figures if figures else ''}", highlight=False)
        out.print(f"    {incident.sources} independent source(s), {len(incident.events)} report mention(s): "
                  f"{', '.join(incident.outlets) or 'outlet unknown'}", markup=False, style="dim")
    out.print(f"{len(rows)} incidents", style="dim")


def contradictions(db: DbOption = None, place: PlaceOption = None, as_json: JsonOption = False) -> None:
    """List what reports disagree on (control, casualty counts, dates), every version with its source.

    Example: sitroom contradictions --db demo.duckdb
    """
    with _open(db) as store:
        situation = _load(store, db)
    rows = [c for c in situation.contradictions if _matches(place, c.subject_name)]
    if as_json:
        return _print_json(rows)
    for found in rows:
        label = "revised" if found.revision else "disputed"
        out.print(f"[bold]{found.subject_name}[/]: {found.kind} {label}", highlight=False)
        for index, claim in enumerate(found.claims):
            marks = [m for m, i in (("latest", found.latest), ("best supported", found.best)) if i == index]
            out.print(f"  - {claim.value} — {claim.outlet or 'unknown outlet'}, {_day_text(claim.published)}"
                      f"{' (' + ', '.join(marks) + ')' if marks else ''}", markup=False)
            out.print(f"    \"{' '.join(claim.evidence.text.split())}\" (doc {claim.doc_id}, chars "
                      f"{claim.evidence.start}-{claim.evidence.end})", markup=False, style="dim")
    out.print(f"{len(rows)} contradictions", style="dim")


def situation(
    db: DbOption = None, at: AtOption = None, place: PlaceOption = None,
    capitals: Annotated[bool, typer.Option("--capitals", help="Only province capitals.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who held which place on a day, with confidence and sources, and capitals held by each actor.

    Example: sitroom situation --at 2021-08-13 --capitals --db demo.duckdb
    """
    from rich.table import Table

    from sitroom import control_store
    from sitroom.situation import capitals_by_holder

    with _open(db) as store:
        day = _day(at, "--at") or control_store.last_day(store)
        held = control_store.control_at(store, day) if day else None  # kept by the last ingest: a lookup
        if held is None:  # stale (an ingest stopped before its end): derive
            derived = _load(store, db)
            day = day or derived.dates()[1] or dt.date.today()
            held = derived.at(day)
    rows = [p for p in held if _matches(place, p.place_name, p.admin1) and (not capitals or p.capital_of)]
    by_holder = capitals_by_holder(held, day)
    if as_json:
        return _print_json({"at": day, "places": rows, "capitals": by_holder})
    table = Table(title=f"Control on {_day_text(day)}: {len(rows)} places", title_justify="left")
    for column in ("place", "province", "status", "holder", "since", "confidence", "sources"):
        table.add_column(column)
    for period in sorted(rows, key=lambda p: (p.status, p.holder_name or "", p.place_name)):
        name = period.place_name + (" (capital)" if period.capital_of else "")
        table.add_row(name, period.admin1 or "", str(period.status), period.holder_name or "",
                      _day_text(period.begin), f"{period.confidence:.2f}", str(period.sources))
    out.print(table)
    for holder, periods in sorted(by_holder.items(), key=lambda item: -len(item[1])):
        names = ", ".join(sorted(p.place_name for p in periods))
        out.print(f"Province capitals {holder}: {len(periods)} ({names})", markup=False)


class ReportFormat(StrEnum):
    md = "md"
    html = "html"


def report(
    db: DbOption = None, at: AtOption = None,
    since: Annotated[str | None, typer.Option("--since", help="Start of the period (YYYY-MM-DD); default a week "
                                                             "before --at.")] = None,
    place: PlaceOption = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="md or html.")] = ReportFormat.md,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (default: print).")] = None,
) -> None:
    """Write a situation report: changes, control, incidents by day, statements, contradictions, unconfirmed.

    Example: sitroom report --at 2021-08-13 --format html -o sitrep.html --db demo.duckdb
    """
    text = _guard(write_report, db, at=_day(at, "--at"), since=_day(since, "--since"), place=place,
                  format=format)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text, encoding="utf-8")
        out.print(f"situation report written to {output}", markup=False)


def build_sitrep(db: str | None, *, at: dt.date | None = None, since: dt.date | None = None,
                 place: str | None = None) -> Any:
    """The situation report of the store at ``db`` (a :class:`sitroom.report.SitRep`)."""
    from sitroom.report import DEFAULT_DAYS, build_report, load_documents, load_quotes

    with _open(db) as store:
        derived = _load(store, db)
        documents = load_documents(store)
        last = at or derived.dates()[1] or max((d.published for d in documents.values() if d.published),
                                               default=dt.date.today())
        first = since or last - dt.timedelta(days=DEFAULT_DAYS)
        quotes = load_quotes(store, first, last)
    return build_report(derived, at=last, since=first, place=place, documents=documents, quotes=quotes)


def write_report(db: str | None, *, at: dt.date | None = None, since: dt.date | None = None,
                 place: str | None = None, format: str = "md") -> str:
    """The situation report of the store at ``db`` as Markdown or HTML text."""
    from sitroom.report_html import render_html
    from sitroom.report_md import render_markdown

    built = build_sitrep(db, at=at, since=since, place=place)
    return render_html(built) if format == "html" else render_markdown(built)


def register(app: typer.Typer) -> None:
    """Add the situation commands to ``app``."""
    for command in (incidents, contradictions, situation, report):
        app.command(name=command.__name__)(command)
