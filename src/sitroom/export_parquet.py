"""The Parquet export: every table of the store and the derived ones, one Parquet file each.

DuckDB writes the files (``COPY ... (FORMAT parquet)``), so the core install needs no pyarrow. The store's
tables and views are copied whole, a snapshot to query; the derived tables follow the export filters:
``incidents``, ``control_periods``, ``contradictions`` and ``contradiction_claims`` (one row per version, its
``claim`` the index in ``contradictions``' claims). Their columns are the fields of the records in
:mod:`sitroom.model`, tuples as lists. A path ending in ``.zip`` gets a zip of the files (what the HTTP API
sends), any other a folder of them.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.export import Context, ExportError, Selection, replacing
from sitroom.model import Contradiction, ControlPeriod, Incident
from sitroom.store import DERIVED_TABLES

if TYPE_CHECKING:
    from sitroom.store import Store


_ROWS_PER_INSERT = 500


def _column_type(annotation: str) -> str:
    """The DuckDB type of a record field, from its annotation (the model module uses string annotations)."""
    if annotation.startswith("tuple["):
        return "VARCHAR[]"
    for python, sql in (("dt.date", "DATE"), ("float", "DOUBLE"), ("bool", "BOOLEAN"), ("int", "BIGINT")):
        if annotation.split(" | ")[0] == python:
            return sql
    return "VARCHAR"


def _cell(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, tuple):
        return [_cell(v) for v in value]
    return value


def _record_table(kind: type, rows: Sequence[Any]) -> tuple[str, list[tuple[Any, ...]]]:
    """A table of model records: one column per field (nested claims go to their own table)."""
    fields = [f for f in dataclasses.fields(kind) if f.name != "claims"]
    columns = ", ".join(f'"{f.name}" {_column_type(str(f.type))}' for f in fields)
    return columns, [tuple(_cell(getattr(row, f.name)) for f in fields) for row in rows]


_CLAIM_COLUMNS = ("contradiction_id VARCHAR, claim INTEGER, value VARCHAR, doc_id VARCHAR, start INTEGER, "
                  '"end" INTEGER, text VARCHAR, event_id VARCHAR, published DATE, outlet VARCHAR, sources INTEGER')


def _derived_tables(context: Context) -> dict[str, tuple[str, list[tuple[Any, ...]]]]:
    """The derived tables by name, as (column definitions, rows): incidents, control periods, contradictions
    and their claims (one row per version, ``claim`` indexing ``Contradiction.claims``)."""
    incidents, periods = context.incidents(), context.periods()
    if context.selection == Selection():
        contradictions = list(context.situation.contradictions)
    else:  # those about a selected incident, and the disputes over a selected place's control
        concerning = context.contradictions()
        chosen = {c.id: c for i in incidents for c in concerning.get(i.id, ())}
        places = {p.place for p in periods}
        chosen.update((c.id, c) for c in context.situation.contradictions if c.kind == "control" and c.place in places)
        contradictions = list(chosen.values())
    claims = [(c.id, index, claim.value, claim.doc_id, claim.evidence.start, claim.evidence.end, claim.evidence.text,
               claim.event_id, claim.published, claim.outlet, claim.sources)
              for c in contradictions for index, claim in enumerate(c.claims)]
    return {"incidents": _record_table(Incident, incidents), "control_periods": _record_table(ControlPeriod, periods),
            "contradictions": _record_table(Contradiction, contradictions),
            "contradiction_claims": (_CLAIM_COLUMNS, claims)}


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _write_derived(context: Context, folder: Path) -> int:
    import duckdb

    written = 0
    with duckdb.connect(":memory:") as db:
        for name, (columns, rows) in _derived_tables(context).items():
            db.execute(f"CREATE TABLE {name} ({columns})")
            for start in range(0, len(rows), _ROWS_PER_INSERT):  # multi-row VALUES: executemany is a row a statement
                chunk = rows[start:start + _ROWS_PER_INSERT]
                one = "(" + ", ".join("?" * len(chunk[0])) + ")"
                db.execute(f"INSERT INTO {name} VALUES " + ", ".join([one] * len(chunk)),
                           [value for row in chunk for value in row])
            db.execute(f"COPY {name} TO {_quote_path(folder / (name + '.parquet'))} (FORMAT parquet)")
            written += len(rows)
    return written


def store_tables(store: Store) -> list[str]:
    """The store's tables and views (``canonical_entities``, ``entity_identity``), by name, without the caches
    rebuilt from them (:data:`~sitroom.store.DERIVED_TABLES`; the derived tables are written from the situation)."""
    rows = store.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                       "AND table_catalog = current_database() ORDER BY table_name")
    return [row[0] for row in rows if row[0] not in DERIVED_TABLES]


def _write_tables(store: Store, folder: Path) -> int:
    written = 0
    for table in store_tables(store):
        store.db.execute(f'COPY (SELECT * FROM "{table}") TO {_quote_path(folder / (table + ".parquet"))} '
                         "(FORMAT parquet)")
        written += store.query(f'SELECT count(*) FROM "{table}"')[0][0]
    return written


def write_parquet(context: Context, path: Path) -> int:
    """One Parquet file per store table and per derived table; a zip of them when ``path`` ends in ``.zip``."""
    zipped = path.suffix.lower() == ".zip"
    if not zipped and path.exists() and not path.is_dir():
        raise ExportError(f"output: {path} is a file; parquet writes a folder (or give a name ending in .zip)",
                          parameter="output")
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent)) if zipped else path
    try:
        folder.mkdir(exist_ok=True)
        written = _write_tables(context.store, folder) + _write_derived(context, folder)
        if zipped:
            with replacing(path, mode="wb", encoding=None) as stream, zipfile.ZipFile(stream, "w") as archive:
                for file in sorted(folder.glob("*.parquet")):
                    archive.write(file, file.name)  # Parquet pages are compressed already: stored as they are
    finally:
        if zipped:
            shutil.rmtree(folder, ignore_errors=True)
    return written
