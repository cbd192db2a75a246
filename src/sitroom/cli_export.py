"""The ``sitroom export`` command: the store as ACLED CSV, PLOVER JSON Lines, GeoJSON, Parquet or JSON Lines.

It parses the options, opens the store read-only, loads the gazetteer (for the province capitals of the
control layer) and calls :func:`sitroom.export.export`. Bad options (format, dates, country) are one line on
stderr and exit code 2. Registered on the main app by :func:`register`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import DbOption, Exit, GazetteerOption, _fail, _guard, _settings, err
from sitroom.cli_lists import ActorOption, PlaceOption, SinceOption, UntilOption, _open

# The names of sitroom.export.ExportFormat; spelled out so that `sitroom --help` imports no DuckDB (a test
# checks that they match).
FORMATS = ("acled-csv", "plover-jsonl", "geojson", "parquet", "jsonl")

FormatOption = Annotated[str | None, typer.Option(
    "--format", "-f", help="acled-csv (one row per incident, ACLED's 31 columns), plover-jsonl (one PLOVER record "
    "per event of each report), geojson (incidents and control on --at), parquet (every table; a zip when the "
    "output ends in .zip, else a folder) or jsonl (one object per incident with its evidence).")]
OutputOption = Annotated[Path | None, typer.Option(
    "-o", "--output", help="File to write (replaced if it exists); default: sitroom-<format> in this folder.")]
CountryOption = Annotated[str | None, typer.Option(
    "--country", help="Only what happened in this country: ISO code (AF, AFG) or name.")]
AtOption = Annotated[str | None, typer.Option(
    "--at", help="Day of the control layer of geojson (YYYY-MM-DD); default: the last day the reports cover.")]


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{flag}: not a date (YYYY-MM-DD): {value!r}", Exit.USAGE) from None


def export(
    format: FormatOption = None, output: OutputOption = None, db: DbOption = None, since: SinceOption = None,
    until: UntilOption = None, place: PlaceOption = None, actor: ActorOption = None, country: CountryOption = None,
    at: AtOption = None, gazetteer: GazetteerOption = None,
) -> None:
    """Export incidents, events, control and every table to a file others open (pandas, QGIS, a spreadsheet).

    Filters combine: --since/--until keep what overlaps the range, --place a place or province, --actor an actor
    or alias, --country a country. Parquet keeps the store's tables whole and filters the derived ones.

    Example: sitroom export --format acled-csv --since 2021-08-06 -o acled.csv --db demo.duckdb
    """
    from sitroom.export import FILENAMES, ExportError, export_format
    from sitroom.export import export as run_export
    from sitroom.places import load_gazetteer

    if format is None:
        raise _fail(f"--format is required: one of {', '.join(FORMATS)}", Exit.USAGE)
    try:
        chosen = export_format(format)
    except ExportError:
        raise _fail(f"--format: unknown format {format!r}; use one of {', '.join(FORMATS)}", Exit.USAGE) from None
    first, last, day = _date(since, "--since"), _date(until, "--until"), _date(at, "--at")
    settings = _settings(db=db, gazetteer=gazetteer)
    path = output or Path(FILENAMES[chosen])
    with _open(db) as store:
        places = _guard(load_gazetteer, settings.cache_dir, settings.gazetteer)
        try:
            result = _guard(run_export, store, format=chosen, path=path, since=first, until=last, place=place,
                            actor=actor, country=country, at=day, gazetteer=places)
        except ExportError as error:
            flag = f"--{error.parameter}" if error.parameter and error.parameter != "output" else "-o"
            message = str(error).split(": ", 1)[-1] if error.parameter else str(error)
            raise _fail(f"{flag}: {message}", Exit.USAGE) from None
    unit = {"acled-csv": "incidents", "jsonl": "incidents", "plover-jsonl": "events", "geojson": "features",
            "parquet": "rows"}[result.format]
    err.print(f"sitroom: exported {result.records} {unit} ({result.format}) to {result.path}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``sitroom export`` to ``app``."""
    app.command(name="export")(export)
