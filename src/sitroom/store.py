"""The store: a DuckDB file with a versioned schema, idempotent upserts and a table of rejected inputs.

Every fact row keeps its document id and character offsets. Ids are content
hashes, so storing the same thing twice is a no-op (``INSERT OR IGNORE``).
Each batch of documents is written in one transaction: a run killed midway
leaves whole documents or none, and the next run skips what is stored.
DuckDB allows one writing process per file (docs/decisions.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from sitroom.ids import fact_id
from sitroom.model import DuplicateLink, Extraction, Rejection, Span
from sitroom.settings import Settings

log = logging.getLogger(__name__)




class StoreError(RuntimeError):
    """The store file cannot be opened or is of a newer schema than this sitroom knows."""


class StoreBusy(StoreError):
    """Another process holds the store file (DuckDB: one writer and no reader beside it); retry later."""


def _locked(error: duckdb.Error) -> bool:
    return "lock" in str(error).lower()


def _connect(path: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open ``path``, retrying while another process holds its lock, for up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as error:
            if not _locked(error):
                raise StoreError(f"cannot open store {path}: {error}") from None
            if time.monotonic() + pause > deadline:
                raise StoreBusy(f"store {path} is in use by another process (a running ingest?); "
                                f"waited {wait:g} s, try again") from None
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


# The days an event counts for: its own dates, else its report's (what store writes for each new event).
EFFECTIVE_DAYS_SQL = """UPDATE events SET day_begin = coalesce(events.date_begin, d.published),
                                          day_end = coalesce(events.date_end, events.date_begin, d.published)
                        FROM documents d WHERE d.id = events.doc_id AND events.day_begin IS NULL"""

# Each migration moves the schema one version up. Never edit a released one; append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, title VARCHAR, source VARCHAR, url VARCHAR, published DATE,
            published_provenance VARCHAR NOT NULL, dateline_start INTEGER, dateline_end INTEGER,
            dateline_text VARCHAR, dateline_places VARCHAR[], dateline_date VARCHAR, dateline_agency VARCHAR,
            origin VARCHAR, external_id VARCHAR, text VARCHAR NOT NULL, errors VARCHAR[],
            ingested_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE signatures (doc_id VARCHAR PRIMARY KEY, minhash BLOB NOT NULL)""",
        """CREATE TABLE duplicates (
            id VARCHAR PRIMARY KEY, original_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, similarity DOUBLE,
            title VARCHAR, source VARCHAR, url VARCHAR, published DATE, origin VARCHAR, text VARCHAR,
            seen_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE sentences (doc_id VARCHAR, start INTEGER, "end" INTEGER, PRIMARY KEY (doc_id, start))""",
        """CREATE TABLE mentions (doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, label VARCHAR,
            entity_id VARCHAR, PRIMARY KEY (doc_id, start, "end", label))""",
        """CREATE TABLE entities (id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
            name VARCHAR NOT NULL, lat DOUBLE, lon DOUBLE, geonames_id BIGINT)""",
        """CREATE TABLE timexes (id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER,
            text VARCHAR, type VARCHAR, value VARCHAR)""",
        """CREATE TABLE quantities (id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, start INTEGER,
            "end" INTEGER, text VARCHAR, value DOUBLE, unit VARCHAR, kind VARCHAR)""",
        """CREATE TABLE quotes (id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, kind VARCHAR,
            content_start INTEGER, content_end INTEGER, content_text VARCHAR, speaker_start INTEGER,
            speaker_end INTEGER, speaker_text VARCHAR, speaker_entity VARCHAR, cue VARCHAR)""",
        """CREATE TABLE events (id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, event_type VARCHAR,
            sub_event_type VARCHAR, plover VARCHAR NOT NULL, modality VARCHAR NOT NULL, trigger_start INTEGER,
            trigger_end INTEGER, trigger_text VARCHAR, actor VARCHAR, target VARCHAR, location VARCHAR,
            time VARCHAR, fatalities INTEGER, evidence_start INTEGER, evidence_end INTEGER)""",
        """CREATE TABLE rejected (id VARCHAR PRIMARY KEY, origin VARCHAR NOT NULL, line INTEGER,
            reason VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL)""",
    ),
    # 2: places and actors (issue 3), time intervals, quote and event arguments (issue 4).
    (
        *(f"ALTER TABLE entities ADD COLUMN {column}" for column in (
            "canonical_id VARCHAR", "aliases VARCHAR[]", "country VARCHAR", "admin1 VARCHAR",
            "feature_level VARCHAR", "geo_confidence DOUBLE", "unresolved_reason VARCHAR",
            "actor_category VARCHAR", "role VARCHAR", "affiliation VARCHAR")),
        """CREATE TABLE entity_references (doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
            label VARCHAR, entity_id VARCHAR, PRIMARY KEY (doc_id, start, "end", entity_id))""",
        *(f"ALTER TABLE timexes ADD COLUMN {column}" for column in (
            "begin_date DATE", "end_date DATE", "anchored BOOLEAN")),
        *(f"ALTER TABLE quantities ADD COLUMN {column}" for column in (
            "qualifier VARCHAR", "time_window VARCHAR", "source VARCHAR")),
        "ALTER TABLE quotes ADD COLUMN floating BOOLEAN",
        *(f"ALTER TABLE events ADD COLUMN {column}" for column in (
            "actor_start INTEGER", "actor_end INTEGER", "actor_text VARCHAR", "target_start INTEGER",
            "target_end INTEGER", "target_text VARCHAR", "location_start INTEGER", "location_end INTEGER",
            "location_text VARCHAR", "date_begin DATE", "date_end DATE", "time_precision INTEGER",
            "date_from_document BOOLEAN", "injured INTEGER", "quantity_ids VARCHAR[]", "source VARCHAR",
            "source_start INTEGER", "source_end INTEGER", "source_text VARCHAR")),
        # Which real-world thing each per-document entity is: its canonical_id, except that a person named
        # by a surname alone ("Biden") joins the one person of the store whose full name ends with it.
        """CREATE VIEW entity_identity AS
            WITH base AS (SELECT id, type, name, coalesce(canonical_id, id) AS key FROM entities),
            surnames AS (
                SELECT lower(name[length(name) - strpos(reverse(name), ' ') + 2:]) AS surname,
                       min(key) AS key
                FROM base WHERE type = 'PERSON' AND strpos(name, ' ') > 0
                GROUP BY surname HAVING count(DISTINCT key) = 1)
            SELECT b.id AS entity_id,
                   CASE WHEN b.type = 'PERSON' AND strpos(b.name, ' ') = 0 THEN coalesce(s.key, b.key)
                        ELSE b.key END AS canonical_id
            FROM base b LEFT JOIN surnames s ON b.type = 'PERSON' AND s.surname = lower(b.name)""",
        # One row per real-world thing across documents: what `sitroom entities` lists.
        """CREATE VIEW canonical_entities AS
            WITH counted AS (
                SELECT e.*, i.canonical_id AS key,
                       (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mention_count
                FROM entities e JOIN entity_identity i ON i.entity_id = e.id)
            SELECT key AS canonical_id, any_value(type) AS type,
                   arg_max(name, length(name) * 1000 + mention_count) AS name,
                   count(DISTINCT doc_id) AS documents, sum(mention_count)::BIGINT AS mentions,
                   list_sort(list_distinct(flatten(list(list_append(coalesce(aliases, []), name))))) AS aliases,
                   any_value(lat) AS lat, any_value(lon) AS lon, any_value(geonames_id) AS geonames_id,
                   any_value(country) AS country, any_value(admin1) AS admin1,
                   any_value(feature_level) AS feature_level, any_value(actor_category) AS actor_category
            FROM counted GROUP BY key""",
    ),
    # 3: fast reads at a million events (issue 7, docs/performance.md). Each event keeps its effective days
    # (the report's date when the text gives none), so date filters prune without joining documents; identity
    # and canonical names are materialized after each ingest (`Store.refresh_derived`), where the views
    # recompute them over every entity on each query.
    (
        "ALTER TABLE events ADD COLUMN day_begin DATE",
        "ALTER TABLE events ADD COLUMN day_end DATE",
        EFFECTIVE_DAYS_SQL,
        "CREATE TABLE identity (entity_id VARCHAR PRIMARY KEY, canonical_id VARCHAR NOT NULL)",
        """CREATE TABLE canonical (canonical_id VARCHAR PRIMARY KEY, type VARCHAR, name VARCHAR, documents BIGINT,
            mentions BIGINT, aliases VARCHAR[], lat DOUBLE, lon DOUBLE, geonames_id BIGINT, country VARCHAR,
            admin1 VARCHAR, feature_level VARCHAR, actor_category VARCHAR)""",
        # What the materialized tables were built from: they are read only while the counts still match.
        """CREATE TABLE derived_state (name VARCHAR PRIMARY KEY, documents BIGINT NOT NULL, entities BIGINT NOT NULL,
            built_at TIMESTAMP NOT NULL)""",
    ),
    # 4: who held what, day by day, kept after each ingest (sitroom/control_store.py): the situation at a day is
    # one range query instead of a derivation over every event.
    (
        "ALTER TABLE derived_state ADD COLUMN code VARCHAR",  # the sitroom version that derived it
        "ALTER TABLE derived_state ADD COLUMN last_day DATE",  # the last day the derived data covers
        """CREATE TABLE control_periods (place VARCHAR NOT NULL, place_name VARCHAR, status VARCHAR NOT NULL,
            "begin" DATE NOT NULL, "end" DATE, confidence DOUBLE, incidents VARCHAR[], documents VARCHAR[],
            sources INTEGER, holder VARCHAR, holder_name VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR,
            admin1 VARCHAR, capital_of VARCHAR, position INTEGER NOT NULL)""",  # no key: a place may change
        # hands twice in a day; position keeps the derivation's order
        """CREATE INDEX control_periods_begin ON control_periods ("begin")""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
# Tables that are caches of the others, rebuilt after each ingest (docs/decisions.md §16): exports leave them out.
DERIVED_TABLES = frozenset({"identity", "canonical", "derived_state", "control_periods"})


def _span_columns(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (None, None, None) if span is None else (span.start, span.end, span.text)


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _extraction_rows(extraction: Extraction, sig: np.ndarray, now: dt.datetime,
                     rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Add the rows of one document and its facts to ``rows`` (table name -> rows)."""
    d, line = extraction.document, extraction.document.dateline
    rows["documents"].append(
        (d.id, d.title, d.source, d.url, d.published, str(d.published_provenance),
         line.span.start if line else None, line.span.end if line else None, line.span.text if line else None,
         list(line.places) if line else None, line.date_value if line else None,
         line.agency if line else None, d.origin, d.external_id, d.text, list(extraction.errors), now))
    rows["signatures"].append((d.id, sig.astype(np.uint32).tobytes()))
    rows["sentences"].extend((s.doc_id, s.start, s.end) for s in extraction.sentences)
    owner = {(m.start, m.end, m.label): e.id for e in extraction.entities for m in e.mentions}
    rows["mentions"].extend((m.doc_id, m.start, m.end, m.text, m.label, owner.get((m.start, m.end, m.label)))
                            for m in extraction.mentions)
    rows["entities"].extend(
        (e.id, e.doc_id, str(e.type), e.name, e.lat, e.lon, e.geonames_id, e.canonical_id, list(e.aliases),
         e.country, e.admin1, _str(e.feature_level), e.geo_confidence, e.unresolved_reason, e.actor_category,
         e.role, e.affiliation) for e in extraction.entities)
    rows["entity_references"].extend((m.doc_id, m.start, m.end, m.text, m.label, e.id)
                                     for e in extraction.entities for m in e.references)
    rows["timexes"].extend((t.id, t.doc_id, t.span.start, t.span.end, t.span.text, str(t.type), t.value, t.begin,
                            t.end, t.anchored) for t in extraction.timexes)
    rows["quantities"].extend((q.id, q.doc_id, q.span.start, q.span.end, q.span.text, q.value, q.unit, q.kind,
                               q.qualifier, q.window, q.source) for q in extraction.quantities)
    rows["quotes"].extend((q.id, q.doc_id, str(q.kind), q.content.start, q.content.end, q.content.text,
                           *_span_columns(q.speaker), q.speaker_entity, q.cue, q.floating)
                          for q in extraction.quotes)
    rows["events"].extend((e.id, e.doc_id, e.event_type, e.sub_event_type, e.plover, str(e.modality),
                           e.trigger.start, e.trigger.end, e.trigger.text, e.actor, e.target, e.location,
                           e.time, e.fatalities, e.evidence.start, e.evidence.end, *_span_columns(e.actor_span),
                           *_span_columns(e.target_span), *_span_columns(e.location_span), e.date_begin,
                           e.date_end, e.time_precision, e.date_from_document, e.injured, list(e.quantities),
                           e.source, *_span_columns(e.source_span), e.date_begin or d.published,
                           e.date_end or e.date_begin or d.published) for e in extraction.events)


class Store:
    """A sitroom store in one DuckDB file.

    Args:
        path: the DuckDB file (created with the current schema if missing).
        read_only: open without write access (several readers may share a file).
        wait: seconds to keep retrying while another process holds the file, then :class:`StoreBusy`.
        memory_limit: what DuckDB may use before it spills to disk (``"2GB"``; empty: its own default, 80% of
            RAM; None: the ``memory_limit`` setting's default).

    Example:
        >>> with Store(":memory:") as store:
        ...     store.counts()["documents"]
        0
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, wait: float = 0.0,
                 memory_limit: str | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        self.memory_limit = Settings().memory_limit if memory_limit is None else memory_limit
        self._types: dict[str, list[str]] = {}
        self.db = self._open()
        if not read_only:
            self.migrate()
        elif 0 < self._check_version() < SCHEMA_VERSION:  # written by an older sitroom: upgrade it once
            self.db.close()
            Store(self.path, wait=wait, memory_limit=memory_limit).close()
            self.db = self._open()

    def _open(self) -> duckdb.DuckDBPyConnection:
        db = _connect(self.path, read_only=self.read_only, wait=self.wait)
        if self.memory_limit:  # DuckDB's default is 80% of RAM, and it keeps what it took (docs/performance.md)
            try:
                db.execute(f"SET memory_limit = '{self.memory_limit}'")
            except duckdb.Error as error:
                db.close()
                raise StoreError(f"memory_limit {self.memory_limit!r} is not a size DuckDB knows (e.g. 512MB, "
                                 f"2GB): {error}") from None
        return db

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def released(self) -> Iterator[None]:
        """Let go of the file for a while (another process may open it), then open it again.

        DuckDB locks a file for as long as a connection is open, so ingest lets go during extraction (the long
        part) and `sitroom serve` can answer between batches. Reopening waits up to ``wait`` seconds, then
        raises :class:`StoreBusy`; every batch stored before is kept. An in-memory store is never let go.
        """
        if self.path == ":memory:":
            yield
            return
        self.db.close()
        try:
            yield
        finally:
            self.db = self._open()

    def _version(self) -> int:
        exists = self.db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchone()[0]
        if not exists:
            return 0
        return self.db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def _check_version(self) -> int:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema version {version}, newer than this sitroom "
                             f"({SCHEMA_VERSION}); upgrade sitroom")
        return version

    def migrate(self) -> None:
        """Bring the schema up to :data:`SCHEMA_VERSION`, one migration per transaction."""
        version = self._check_version()
        if version == 0:
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            "applied_at TIMESTAMP NOT NULL)")
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.execute("BEGIN TRANSACTION")
            for statement in statements:
                self.db.execute(statement)
            self.db.execute("INSERT INTO schema_version VALUES (?, ?)", [number, _now()])
            self.db.execute("COMMIT")
            log.info("store %s migrated to schema version %d", self.path, number)
        if version < SCHEMA_VERSION:
            self.refresh_derived()

    # -- reading ---------------------------------------------------------------------------------
    def names(self) -> tuple[str, str]:
        """The (identity, canonical names) relations to read: the materialized tables while they match the
        store, else the views they are built from (after an ingest that was stopped before its refresh)."""
        if self.derived_fresh("names"):
            return "identity", "canonical"
        return "entity_identity", "canonical_entities"

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def has_duplicate(self, link_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM duplicates WHERE id = ?", [link_id]).fetchone() is not None

    def document_text(self, doc_id: str) -> str | None:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """Every stored MinHash signature, to seed the near-duplicate index."""
        cursor = self.db.execute("SELECT doc_id, minhash FROM signatures ORDER BY doc_id")
        while rows := cursor.fetchmany(10_000):
            for doc_id, blob in rows:
                yield doc_id, np.frombuffer(blob, dtype=np.uint32)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("documents", "duplicates", "entities", "mentions", "timexes", "quantities", "quotes", "events",
                  "rejected")
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a read query and return all rows."""
        return self.db.execute(sql, params or []).fetchall()

    def stream(self, sql: str, params: list[Any] | None = None, *, size: int = 10_000) -> Iterator[tuple[Any, ...]]:
        """Run a read query and yield its rows ``size`` at a time (Python holds one chunk, not the result)."""
        cursor = self.db.execute(sql, params or [])
        while rows := cursor.fetchmany(size):
            yield from rows

    # -- writing ---------------------------------------------------------------------------------
    def mark_derived(self, name: str, *, last_day: dt.date | None = None) -> None:
        """Record that the derived data ``name`` now matches the store (inside the caller's transaction)."""
        from sitroom import __version__

        self.db.execute("DELETE FROM derived_state WHERE name = ?", [name])
        self.db.execute("""INSERT INTO derived_state (name, documents, entities, built_at, code, last_day)
                           SELECT ?, (SELECT count(*) FROM documents), (SELECT count(*) FROM entities), ?, ?, ?""",
                        [name, _now(), __version__, last_day])

    def insert_rows(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert ``rows`` into ``table``, a table of this schema with no key (derived data, rebuilt whole)."""
        self._many(table, rows, keyed=False)

    def derived_fresh(self, name: str) -> bool:
        """Whether the derived data ``name`` was built from the store as it is, by this sitroom."""
        from sitroom import __version__

        return bool(self.db.execute(
            """SELECT count(*) FROM derived_state s
               WHERE s.name = ? AND s.code = ? AND s.documents = (SELECT count(*) FROM documents)
                 AND s.entities = (SELECT count(*) FROM entities)""", [name, __version__]).fetchone()[0])

    def refresh_derived(self) -> None:
        """Rebuild the materialized identity and canonical names from the views, in one transaction."""
        if self.names() == ("identity", "canonical"):
            return
        with self.transaction():
            for table, view in (("identity", "entity_identity"), ("canonical", "canonical_entities")):
                self.db.execute(f"DELETE FROM {table}")
                self.db.execute(f"INSERT INTO {table} SELECT * FROM {view}")
            self.mark_derived("names")

    def write_batch(
        self,
        extractions: Iterable[tuple[Extraction, np.ndarray]],
        duplicates: Iterable[DuplicateLink] = (),
        rejections: Iterable[Rejection] = (),
    ) -> None:
        """Store a batch of documents with all their facts, duplicate links and rejections, atomically."""
        with self.transaction():
            now = _now()
            rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for extraction, sig in extractions:
                _extraction_rows(extraction, sig, now, rows)
            for table, table_rows in rows.items():  # one statement per table and chunk, not one per row
                self._many(table, table_rows)
            for link in duplicates:
                self._insert_duplicate(link, now)
            for rejection in rejections:
                self._insert_rejection(rejection, now)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All the writes inside, or none of them (rolled back on any error or interruption)."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _many(self, table: str, rows: list[tuple[Any, ...]], *, keyed: bool = True) -> None:
        """Insert rows in one statement that scans them as NumPy columns.

        DuckDB's executemany runs one statement a row (71% of ingest time once); multi-row VALUES of 500
        rows bound 10,000 parameters a statement (13%); a scan of columns is about 18 times faster again.
        Lists travel as JSON text, so any string survives.
        """
        if not rows:
            return
        frame, select = {}, []
        for number, (kind, column) in enumerate(zip(self._column_types(table), zip(*rows, strict=True),
                                                    strict=True)):
            values = np.empty(len(rows), dtype=object)
            if kind.endswith("[]"):
                values[:] = [None if v is None else json.dumps(list(v)) for v in column]
                select.append(f"from_json(c{number}, '[\"{kind[:-2]}\"]')")
            else:
                values[:] = column
                select.append(f"c{number}::{kind}")
            frame[f"c{number}"] = values
        self.db.register("_rows", frame)
        try:
            self.db.execute(f"INSERT {'OR IGNORE ' if keyed else ''}INTO {table} SELECT {', '.join(select)} FROM _rows")
        finally:
            self.db.unregister("_rows")

    def _column_types(self, table: str) -> list[str]:
        """The SQL types of ``table``'s columns, in order (read once per table)."""
        if table not in self._types:
            self._types[table] = [kind for (kind,) in self.db.execute(
                "SELECT data_type FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' "
                "ORDER BY ordinal_position", [table]).fetchall()]
        return self._types[table]

    def _insert_duplicate(self, link: DuplicateLink, now: dt.datetime) -> None:
        d = link.document
        self.db.execute(
            "INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [link.id, link.original_id, link.kind, link.similarity, d.title, d.source, d.url, d.published,
             d.origin, d.text if link.kind == "near" else None, now],
        )

    def _insert_rejection(self, rejection: Rejection, now: dt.datetime) -> None:
        key = fact_id("rejected", rejection.origin, rejection.line, rejection.reason)
        self.db.execute(
            "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen",
            [key, rejection.origin, rejection.line, rejection.reason, now, now],
        )

    def rejections(self) -> list[dict[str, Any]]:
        """Every rejected input with its reason, latest first."""
        rows = self.db.execute("SELECT origin, line, reason, last_seen FROM rejected ORDER BY last_seen DESC")
        return [dict(zip(("origin", "line", "reason", "last_seen"), row, strict=True)) for row in rows.fetchall()]
