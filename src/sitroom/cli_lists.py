"""The listing commands: ``sitroom entities``, ``events``, ``quotes`` and ``timeline`` (over :mod:`sitroom.queries`).

Each opens the store read-only, calls one query function and prints rows with their source and evidence,
or JSON with ``--json``. Registered on the main app by :func:`register`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sitroom.cli import DbOption, _fail, _guard, _settings, out

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a list of objects) instead of text.")]
TypeOption = Annotated[str | None, typer.Option(
    "--type", help="ACLED event or sub-event type, or PLOVER type (any part, any case), e.g. battles, ASSAULT.")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Part of the actor's name or an alias, e.g. Taleban.")]
PlaceOption = Annotated[str | None, typer.Option("--place", help="Part of the place's name or province, e.g. Helmand.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Only from this date on (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Only up to this date (YYYY-MM-DD).")]


def _day(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=flag) from None


def _open(db: str | None) -> Any:
    from sitroom.store import Store

    settings = _settings(db=db)
    if not Path(settings.db).exists():
        raise _fail(f"no store at {settings.db}; create one with `sitroom ingest` or `sitroom demo`")
    return _guard(Store, settings.db, read_only=True, wait=settings.lock_wait, memory_limit=settings.memory_limit)


def _print_json(rows: list[Any]) -> None:
    from sitroom.queries import to_json

    typer.echo(json.dumps([to_json(row) for row in rows], ensure_ascii=False, indent=1))


def _cite(source: Any) -> str:
    file = Path(source.origin).name or source.origin
    outlet = source.source or source.title or file
    day = source.published.isoformat() if source.published else "undated"
    return f"— {outlet}, {day} ({file}, chars {source.start}-{source.end})"


def _when(row: Any) -> str:
    if row.date_begin is None:
        return "undated   "
    span = row.date_begin.isoformat()
    if row.date_end and row.date_end != row.date_begin:
        span += f"..{row.date_end.isoformat()}"
    return span + (" (report date)" if row.date_from_document else "")


def _what(row: Any) -> str:
    acled = " / ".join(part for part in (row.event_type, row.sub_event_type) if part)
    return f"{acled} ({row.plover})" if acled else row.plover


def _print_event(row: Any, *, with_date: bool = True) -> None:
    head = f"{_when(row)}  " if with_date else "  "
    modality = "" if row.modality == "asserted" else f" [{row.modality}]"
    out.print(f"{head}[bold]{_what(row)}[/]{modality}: {row.trigger}", highlight=False)
    parts = [f"actor {row.actor}" if row.actor else None, f"target {row.target}" if row.target else None,
             f"at {row.location}" if row.location else None,
             f"{row.fatalities} killed" if row.fatalities is not None else None,
             f"said by {row.said_by}" if row.said_by else None]
    if any(parts):
        out.print("    " + "; ".join(p for p in parts if p), markup=False)
    out.print(f"    \"{' '.join(row.source.evidence.split())}\"", markup=False)
    out.print(f"    {_cite(row.source)}", markup=False, style="dim")


def entities(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GROUP or PLACE.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Part of the name or an alias.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Show at most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List canonical entities (one per real-world actor or place across reports) with counts and aliases.

    Example: sitroom entities --type PLACE --db demo.duckdb
    """
    from sitroom import queries

    if type is not None and type.upper() not in ("PERSON", "ORG", "GROUP", "PLACE"):
        raise typer.BadParameter(f"{type!r} is not PERSON, ORG, GROUP or PLACE", param_hint="--type")
    with _open(db) as store:
        rows = queries.entities(store, type=type, name=name, limit=limit)
    if as_json:
        return _print_json(rows)
    from rich.table import Table

    table = Table(title=f"{len(rows)} entities", title_justify="left")
    for column in ("type", "name", "docs", "mentions", "aliases", "where / what"):
        table.add_column(column, justify="right" if column in ("docs", "mentions") else "left")
    for row in rows:
        aliases = ", ".join(a for a in row.aliases if a != row.name)
        if row.lat is not None:
            detail = ", ".join(p for p in (row.feature_level, row.admin1, row.country) if p)
            detail += f" ({row.lat:.3f}, {row.lon:.3f})"
        else:
            detail = ", ".join(p for p in (row.actor_category, row.country) if p)
        table.add_row(row.type, row.name, str(row.documents), str(row.mentions), aliases, detail)
    out.print(table)


def events(
    db: DbOption = None, type: TypeOption = None, actor: ActorOption = None,
    place: PlaceOption = None, since: SinceOption = None, until: UntilOption = None, as_json: JsonOption = False,
) -> None:
    """List events (any modality) with date, type, actor, place, source report and evidence sentence.

    Example: sitroom events --type battles --place Helmand --since 2021-08-08 --db demo.duckdb
    """
    from sitroom import queries

    with _open(db) as store:
        rows = queries.events(store, type=type, actor=actor, place=place, since=_day(since, "--since"),
                              until=_day(until, "--until"))
    if as_json:
        return _print_json(rows)
    for row in rows:
        _print_event(row)
    out.print(f"{len(rows)} events", style="dim")


def timeline(
    db: DbOption = None, type: TypeOption = None, actor: ActorOption = None,
    place: PlaceOption = None, since: SinceOption = None, until: UntilOption = None, as_json: JsonOption = False,
) -> None:
    """The chronology: what the reports say happened (asserted or claimed), day by day, each with its source.

    Example: sitroom timeline --since 2021-08-06 --until 2021-08-16 --db demo.duckdb
    """
    from sitroom import queries

    with _open(db) as store:
        rows = queries.timeline(store, type=type, actor=actor, place=place, since=_day(since, "--since"),
                                until=_day(until, "--until"))
    if as_json:
        return _print_json(rows)
    day = object()
    for row in rows:
        if row.date_begin != day:
            day = row.date_begin
            out.print(f"\n[bold underline]{_when(row).split(' ')[0] if day else 'undated'}[/]")
        _print_event(row, with_date=False)
    out.print(f"\n{len(rows)} events", style="dim")


def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Part of the speaker's name or words.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words the quote contains.")] = None,
    since: SinceOption = None, until: UntilOption = None, as_json: JsonOption = False,
) -> None:
    """List quotes with speaker, cue and source report.

    Example: sitroom quotes --speaker Kirby --db demo.duckdb
    """
    from sitroom import queries

    with _open(db) as store:
        rows = queries.quotes(store, speaker=speaker, text=text, since=_day(since, "--since"),
                              until=_day(until, "--until"))
    if as_json:
        return _print_json(rows)
    for row in rows:
        who = row.speaker or "unattributed"
        out.print(f"[bold]{who}[/] ({row.kind}{', ' + row.cue if row.cue else ''}): ", end="")
        out.print(f"\"{' '.join(row.content.split())}\"", markup=False)
        out.print(f"    {_cite(row.source)}", markup=False, style="dim")
    out.print(f"{len(rows)} quotes", style="dim")


def register(app: typer.Typer) -> None:
    """Add the listing commands to ``app``."""
    for command in (entities, events, quotes, timeline):
        app.command(name=command.__name__)(command)
