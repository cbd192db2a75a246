"""The ``sitroom`` command line: each command parses its options and calls one library function.

Heavy modules (spaCy, DuckDB, trafilatura) are imported inside the commands,
so ``sitroom --help`` answers at once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sitroom import __version__


class Exit(IntEnum):
    """Exit codes of every command."""

    OK = 0
    ERROR = 1  # something went wrong that the message explains
    USAGE = 2  # bad options (typer's own code)
    REJECTED = 3  # the run finished, but some inputs were rejected (see the messages or `sitroom summary`)
    BELOW_FLOOR = 4  # `sitroom eval`: a score fell below its floor
    INTERRUPTED = 130


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


app = typer.Typer(
    help="Read conflict reports and rebuild the situation they describe: who did what, where, when, who says so.\n\n"
    "Example: sitroom demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)
_state: dict[str, Any] = {"debug": False}


def _setting_option(name: str) -> Any:
    """A typer option for a setting, its help taken from the setting's one declaration."""
    from sitroom.settings import SETTINGS, env_name

    setting = next(f for f in SETTINGS if f.name == name)
    help_text = f"{setting.metadata['help']} (env {env_name(name)}, default {setting.default})"
    return typer.Option("--" + name.replace("_", "-"), help=help_text)


DbOption = Annotated[str | None, _setting_option("db")]
ModelOption = Annotated[str | None, _setting_option("model")]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input; overrides theirs.")
]
SourceOption = Annotated[str | None, typer.Option("--source", help="Outlet name for every input.")]
BatchOption = Annotated[int | None, _setting_option("batch_size")]
ProcessOption = Annotated[int | None, _setting_option("n_process")]
MaxBytesOption = Annotated[int | None, _setting_option("max_bytes")]
EncodingOption = Annotated[str | None, _setting_option("encoding")]
GazetteerOption = Annotated[str | None, _setting_option("gazetteer")]
EngineOption = Annotated[str | None, _setting_option("engine")]
AddressOption = Annotated[str | None, typer.Option("--address", help="Ray cluster for --engine ray (ray://head:10001 "
                                                   "or auto); default: setting ray_address, else a local instance.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"sitroom {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Log details and show tracebacks.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    _state["debug"] = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _fail(message: str, code: Exit = Exit.ERROR) -> typer.Exit:
    err.print(f"sitroom: {message}", markup=False, soft_wrap=True)
    return typer.Exit(int(code))


def _settings(**overrides: Any) -> Any:
    from sitroom.settings import SettingsError, load_settings

    try:
        return load_settings(overrides)
    except SettingsError as error:
        raise _fail(str(error), Exit.USAGE) from None


def _date(value: str | None) -> dt.date | None:
    from sitroom.readers import BadDate, parse_date

    try:
        return parse_date(value)
    except BadDate as error:
        raise typer.BadParameter(str(error), param_hint="--published") from None


def _guard(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a library call, turning expected failures into one line and an exit code."""
    from sitroom.engine_ray import RayUnavailable
    from sitroom.gazetteer import GazetteerError
    from sitroom.nlp import ModelNotFound
    from sitroom.store import StoreError

    try:
        return function(*args, **kwargs)
    except (ModelNotFound, StoreError, GazetteerError, RayUnavailable, FileNotFoundError) as error:
        if _state["debug"]:
            raise
        raise _fail(str(error)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; documents of committed batches are stored, run the same command again to "
                    "resume", Exit.INTERRUPTED) from None


def _reject_line(rejection: Any) -> str:
    where = rejection.origin + (f":{rejection.line}" if rejection.line else "")
    return f"rejected {where}: {rejection.reason}"


def _ingest_with_progress(run: Any, total: int | None) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from sitroom.model import DuplicateLink, Rejection

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    with progress:
        task = progress.add_task("reading", total=total)

        def on_item(origin: str, item: Any) -> None:
            if isinstance(item, Rejection):
                progress.console.print(_reject_line(item), markup=False, soft_wrap=True)
            elif isinstance(item, DuplicateLink) and _state["debug"]:
                progress.console.print(f"duplicate ({item.kind}) {origin} -> {item.original_id}", markup=False)
            progress.update(task, advance=1, description=Path(origin).name[:40])

        return run(on_item)


def _print_ingest(summary: Any) -> Exit:
    parts = [f"ingested {summary.ingested}", f"duplicates linked {len(summary.duplicates)}",
             f"already stored {summary.already_stored}", f"rejected {len(summary.rejected)}"]
    err.print("sitroom: " + ", ".join(parts), markup=False)
    for line in summary.errors:
        err.print(f"stage error {line}", markup=False, soft_wrap=True)
    return Exit.REJECTED if summary.rejected else Exit.OK


def _count_inputs(paths: list[str]) -> int | None:
    from sitroom.readers import JSON_SUFFIXES, JSONL_SUFFIXES, expand_paths

    if "-" in paths:
        return None
    files = list(expand_paths(paths))
    # A JSON (Lines) file holds many documents: the total is unknown until it is read.
    many = JSONL_SUFFIXES | JSON_SUFFIXES
    return None if any(Path(f).suffix.lower() in many for f in files) else len(files)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")],
    db: DbOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    model: ModelOption = None,
    batch_size: BatchOption = None,
    n_process: ProcessOption = None,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    gazetteer: GazetteerOption = None,
    engine: EngineOption = None,
    address: AddressOption = None,
    situation: Annotated[bool, typer.Option(
        "--situation/--no-situation", help="End by keeping who held what day by day in the store, so that "
        "`sitroom situation` answers at once (minutes at a million events; --no-situation skips it).")] = True,
) -> None:
    """Read reports into the store: parse once, extract, link duplicates, record rejected inputs.

    Exit code 3 if any input was rejected (the others are still stored). With --engine ray the extraction
    runs on a Ray cluster (install sitroom with its ray extra); the store is written here either way.

    Example: sitroom ingest ../shared/corpus/seeds/ --published 2021-08-13 --db war.duckdb
    """
    from contextlib import ExitStack, nullcontext

    from sitroom.ingest import LocalEngine
    from sitroom.ingest import ingest as run_ingest
    from sitroom.store import Store

    settings = _settings(db=db, model=model, batch_size=batch_size, n_process=n_process, max_bytes=max_bytes,
                         encoding=encoding, gazetteer=gazetteer, engine=engine, ray_address=address)
    if settings.engine not in ("local", "ray"):
        raise typer.BadParameter(f"{settings.engine!r} is not local or ray", param_hint="--engine")
    date = _date(published)
    if settings.engine == "ray":
        from sitroom.engine_ray import RayEngine

        runner = RayEngine(settings)
    else:
        runner = nullcontext(LocalEngine(settings))
    store = _guard(Store, settings.db, wait=settings.lock_wait, memory_limit=settings.memory_limit)
    with store, ExitStack() as stack:
        chosen = _guard(stack.enter_context, runner)
        summary = _ingest_with_progress(
            lambda on_item: _guard(run_ingest, paths, store=store, settings=settings, published=date, source=source,
                                   on_item=on_item, engine=chosen, situation=situation),
            _count_inputs(paths))
    raise typer.Exit(int(_print_ingest(summary)))


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, globs, or - for stdin.")] = None,
    input: Annotated[Path | None, typer.Option("--input", help="A JSON Lines file of documents.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="jsonl: one object a line; json: an array.")] = (
        OutputFormat.jsonl),
    published: PublishedOption = None,
    source: SourceOption = None,
    model: ModelOption = None,
    batch_size: BatchOption = None,
    n_process: ProcessOption = None,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Extract without a store: one JSON object per input document, in input order (docs/extract-format.md).

    With no paths and no --input, reads standard input. Exit code 3 if any input was rejected.

    Example: sitroom extract ../shared/corpus/seeds/*.txt --published 2021-08-13
    """
    from sitroom.contract import to_dict
    from sitroom.extraction import extract_inputs

    settings = _settings(model=model, batch_size=batch_size, n_process=n_process, max_bytes=max_bytes,
                         encoding=encoding, gazetteer=gazetteer)
    inputs = list(paths or []) + ([str(input)] if input else [])
    rejected = []

    def on_reject(rejection: Any) -> None:
        rejected.append(rejection)
        err.print(_reject_line(rejection), markup=False, soft_wrap=True)

    results = extract_inputs(inputs or ["-"], settings=settings, published=_date(published), source=source,
                             on_reject=on_reject)

    def emit() -> None:
        first = True
        if format is OutputFormat.json:
            sys.stdout.write("[")
        for extraction in results:
            line = json.dumps(to_dict(extraction), ensure_ascii=False)
            if format is OutputFormat.json:
                sys.stdout.write(("\n" if first else ",\n") + line)
            else:
                sys.stdout.write(line + "\n")
            sys.stdout.flush()
            first = False
        if format is OutputFormat.json:
            sys.stdout.write("\n]\n" if not first else "]\n")

    _guard(emit)
    raise typer.Exit(int(Exit.REJECTED if rejected else Exit.OK))


def _print_summary(summary: Any) -> None:
    from rich.table import Table

    counts = summary.counts
    out.print(f"[bold]{counts['documents']}[/] documents, {counts['duplicates']} duplicates linked, "
              f"{counts['rejected']} inputs rejected; {counts['entities']} entities, {counts['timexes']} time "
              f"expressions, {counts['quantities']} quantities, {counts['quotes']} quotes, {counts['events']} events")
    days = Table(title="Documents by publication date", title_justify="left")
    days.add_column("date")
    days.add_column("documents", justify="right")
    for day, n in summary.documents_by_day:
        days.add_row(day, str(n))
    kinds = Table(title="Entities by type", title_justify="left")
    kinds.add_column("type")
    kinds.add_column("entities", justify="right")
    for kind, n in summary.entities_by_type:
        kinds.add_row(kind, str(n))
    top = Table(title="Most reported entities", title_justify="left")
    for column in ("type", "name", "documents", "mentions"):
        top.add_column(column, justify="right" if column in ("documents", "mentions") else "left")
    for kind, name, docs, mentions in summary.top_entities:
        top.add_row(kind, name, str(docs), str(mentions))
    out.print(days, kinds, top)
    for kind, duplicate, original, similarity in summary.duplicates:
        out.print(f"duplicate ({kind}, similarity {similarity:.2f}): {duplicate} -> {original}", markup=False)
    for row in summary.rejected:
        where = row["origin"] + (f":{row['line']}" if row["line"] else "")
        out.print(f"rejected {where}: {row['reason']}", markup=False)


@app.command()
def summary(db: DbOption = None) -> None:
    """Summarize a store: documents by date, entities by type, most reported entities, duplicates, rejections.

    Example: sitroom summary --db war.duckdb
    """
    from sitroom.store import Store
    from sitroom.summary import summarize

    settings = _settings(db=db)
    if not Path(settings.db).exists():
        raise _fail(f"no store at {settings.db}; create one with `sitroom ingest` or `sitroom demo`")
    with _guard(Store, settings.db, read_only=True, wait=settings.lock_wait,
                memory_limit=settings.memory_limit) as store:
        _print_summary(summarize(store))


DEMO_SINCE = dt.date(2021, 8, 5)  # the demo report covers the whole corpus: its first report is of 6 Aug


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Store file to create (replaced if it exists).")] = "demo.duckdb",
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Folder of reports (default: bundled).")] = None,
    model: ModelOption = None,
) -> None:
    """Ingest the bundled example reports (6-16 Aug 2021, Afghanistan) into a fresh store and summarize it.

    Example: sitroom demo --db demo.duckdb
    """
    from sitroom.demo import run_demo
    from sitroom.store import Store
    from sitroom.summary import summarize

    settings = _settings(db=db, model=model)
    result = _ingest_with_progress(
        lambda on_item: _guard(run_demo, db, corpus=corpus, settings=settings, on_item=on_item), None)
    _print_ingest(result)
    with Store(db, read_only=True) as store:
        _print_summary(summarize(store))
    from sitroom.cli_situation import build_sitrep
    from sitroom.report_html import render_html, render_rich

    sitrep = _guard(build_sitrep, db, since=DEMO_SINCE)
    page = Path(db).with_name(Path(db).stem + "-sitrep.html")
    page.write_text(render_html(sitrep), encoding="utf-8")
    out.print()
    render_rich(sitrep, out)
    out.print(f"\nStore written to {db}; the situation report above is also in {page}. Explore it:\n"
              f"  sitroom serve --db {db}     (the map, the timeline and the reports at http://127.0.0.1:8000/)\n"
              f"  sitroom situation --at 2021-08-13 --capitals --db {db}\n"
              f"  sitroom contradictions --db {db}\n"
              f"  sitroom incidents --place Kunduz --db {db}\n"
              f"  sitroom report --at 2021-08-12 --since 2021-08-05 --format html -o sitrep.html --db {db}\n"
              f"  sitroom timeline --since 2021-08-06 --until 2021-08-16 --db {db}\n"
              f"  sitroom events --type battles --place Helmand --db {db}\n"
              f"  sitroom entities --type PLACE --db {db}\n"
              f"  sitroom quotes --speaker Taliban --db {db}", markup=False)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSON Lines, see tests/data/gold/).")],
    floors: Annotated[Path | None, typer.Option("--floors", help="JSON of score floors; exit 4 if one is missed.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: ModelOption = None,
) -> None:
    """Score extraction against a hand-annotated gold set: precision, recall and F1 per layer.

    Example: sitroom eval tests/data/gold/seeds.jsonl --floors tests/data/gold/floors.json
    """
    from sitroom.evaluate import check_floors, format_report, load_gold
    from sitroom.evaluate import evaluate as run_eval

    settings = _settings(model=model)
    if not gold.is_file():
        raise _fail(f"no gold file at {gold}")
    report = _guard(run_eval, load_gold(gold), settings=settings)
    typer.echo(json.dumps(report.to_dict(), indent=1) if as_json else format_report(report))
    if floors is not None:
        if not floors.is_file():
            raise _fail(f"no floors file at {floors}")
        missed = check_floors(report, floors)
        for line in missed:
            err.print(f"below floor: {line}", markup=False)
        if missed:
            raise typer.Exit(int(Exit.BELOW_FLOOR))


@app.command()
def settings() -> None:
    """List every setting: its value now, environment variable, default and meaning.

    Example: SITROOM_BATCH_SIZE=64 sitroom settings
    """
    from sitroom.settings import config_path, describe

    current = _settings()
    typer.echo(f"config file: {config_path()} (precedence: flag > environment > config file > default)")
    for name, env, default, help_text in describe():
        typer.echo(f"\n{name} = {getattr(current, name)}\n    {env}, default {default}\n    {help_text}")


def _register_lists() -> None:
    from sitroom import cli_export, cli_lists, cli_situation, cli_web

    cli_lists.register(app)
    cli_situation.register(app)
    cli_export.register(app)
    cli_web.register(app)


_register_lists()


def main() -> None:
    """Entry point of the ``sitroom`` console script."""
    app()
