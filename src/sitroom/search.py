"""Full-text search of the stored reports: a SQLite FTS5 index beside the store, kept up to date incrementally.

DuckDB's own full-text extension cannot be loaded offline, so the index is a derived SQLite file next to
the store (``<db>.search.sqlite``, see docs/decisions.md). It is built on the first search and brought up
to date whenever the store file has changed since: reports not yet indexed are added, reports no longer in
the store are dropped (reports never change: their id is the hash of their text). Where the file cannot be
written, the index is kept in memory instead.

Ranking is BM25 (a title word counts more than a word of the text). Snippets come with the offsets of the
matched words inside the snippet, never with markup, so a page shows them as text. Users' words are
quoted before they reach FTS5, so its operators (``"``, ``*``, ``AND``, ``NEAR(``) cannot break a query:
``Lashkar Gah`` finds reports with both words, ``"Lashkar Gah"`` the phrase, ``Kandah*`` a prefix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.store import Store

log = logging.getLogger(__name__)

SCHEMA = 1  # PRAGMA user_version of the index file; another value rebuilds it
SNIPPET_TOKENS = 24
TITLE_WEIGHT = 4.0  # BM25 weight of a title word against a word of the text
_OPEN, _CLOSE = "\x02", "\x03"  # snippet markers, removed from indexed text so they can only be ours
_CHUNK = 500
_TERM = re.compile(r'"([^"]*)"|(\w+)(\*?)')


class BadQuery(ValueError):
    """Words that make no search: nothing but punctuation, or (never expected) a query FTS5 refuses."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A report that matches, best first: ``highlights`` are ``[start, end)`` offsets into ``snippet``."""

    id: str
    title: str | None
    source: str | None
    published: dt.date | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float  # BM25 relevance, higher is better


def index_path(db: str | Path) -> Path:
    """Where the index of the store ``db`` lives: ``demo.duckdb`` -> ``demo.duckdb.search.sqlite``."""
    return Path(str(db) + ".search.sqlite")


def store_version(db: str | Path) -> tuple[int | None, ...]:
    """Size and modification time of the store file and of its write-ahead log: changes when the store does.

    Example:
        >>> store_version("/no/such/store.duckdb")
        (None, None, None, None)
    """
    found: list[int | None] = []
    for path in (Path(db), Path(str(db) + ".wal")):
        try:
            stat = path.stat()
            found += [stat.st_size, stat.st_mtime_ns]
        except OSError:
            found += [None, None]
    return tuple(found)


def fts_query(text: str) -> str:
    """The user's words as a safe FTS5 query: each word quoted, "phrases" kept, a trailing ``*`` a prefix.

    Raises:
        BadQuery: no word to search for.

    Example:
        >>> fts_query('Lashkar Gah')
        '"Lashkar" "Gah"'
        >>> fts_query('"Lashkar Gah" OR NEAR( Kandah* "')
        '"Lashkar Gah" "OR" "NEAR" "Kandah"*'
    """
    terms = []
    for phrase, word, star in _TERM.findall(text):
        words = re.findall(r"\w+", phrase) if phrase else [word] if word else []
        if words:
            terms.append('"' + " ".join(words) + '"' + ("*" if star and not phrase else ""))
    if not terms:
        raise BadQuery(f"no words to search for in {text!r}")
    return " ".join(terms)


def _words(text: str) -> str | None:
    """The FTS5 query of ``text``, or None when it holds no word."""
    try:
        return fts_query(text)
    except BadQuery:
        return None


def _highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet without its markers, and where the marked words are in it."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start = length = 0
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            spans.append((start, length))
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), tuple(spans)


def _clean(text: str | None) -> str:
    return (text or "").replace(_OPEN, " ").replace(_CLOSE, " ")


@contextlib.contextmanager
def _refused(text: str) -> Iterator[None]:
    """FTS5's own syntax errors as :class:`BadQuery` (the quoting of :func:`fts_query` should leave none)."""
    try:
        yield
    except sqlite3.OperationalError as error:
        if "fts5" not in str(error):
            raise
        raise BadQuery(f"cannot search for {text!r}: {error}") from None


_CREATE = (
    ("CREATE TABLE IF NOT EXISTS docs (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title TEXT, "
     "source TEXT, published TEXT)"),
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2')",
)
_FILTER = """
FROM fts JOIN docs d ON d.rowid = fts.rowid
WHERE fts MATCH ? AND (? IS NULL OR lower(coalesce(d.source, '')) LIKE ?)
  AND (? IS NULL OR d.published >= ?) AND (? IS NULL OR d.published <= ?)
"""


class SearchIndex:
    """The full-text index of one store, safe to share between the threads of a server.

    Args:
        db: the store file.
        path: the index file (default :func:`index_path`); ``":memory:"`` keeps it in memory.

    Example:
        >>> with Store(":memory:") as store:
        ...     SearchIndex(":memory:", path=":memory:").search(store, "Kunduz")
        ([], 0)
    """

    def __init__(self, db: str | Path, *, path: str | Path | None = None) -> None:
        self.db = str(db)
        self.path = str(path) if path is not None else str(index_path(db))
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._synced: tuple[int | None, ...] | None = None

    @property
    def in_memory(self) -> bool:
        return self.path == ":memory:"

    def _open(self, path: str) -> sqlite3.Connection:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                conn.execute("DROP TABLE IF EXISTS fts")
                conn.execute("DROP TABLE IF EXISTS docs")
            for statement in _CREATE:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA}")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self._conn = self._open(self.path)
            except sqlite3.DatabaseError as error:
                # A read-only folder, or a file that is not ours any more: the index is derived, so it can
                # live in memory for as long as the server runs.
                log.warning("search index %s cannot be written (%s); keeping it in memory", self.path, error)
                self.path = ":memory:"
                self._conn = self._open(self.path)
        return self._conn

    def refresh(self, store: Store) -> None:
        """Bring the index up to date with ``store`` if the store file changed since the last refresh."""
        with self._lock:
            version = store_version(self.db)  # before reading: a change while we read shows next time
            if version != self._synced or self.db == ":memory:":
                self._sync(self._connection(), store)
                self._synced = version

    def _sync(self, conn: sqlite3.Connection, store: Store) -> None:
        conn.execute("BEGIN IMMEDIATE")  # another server sharing the file waits rather than double-indexing
        try:
            have = dict(conn.execute("SELECT id, rowid FROM docs").fetchall())
            stored = {row[0] for row in store.query("SELECT id FROM documents")}
            gone = [(have[doc],) for doc in have.keys() - stored]
            conn.executemany("DELETE FROM fts WHERE rowid = ?", gone)
            conn.executemany("DELETE FROM docs WHERE rowid = ?", gone)
            new = sorted(stored - have.keys())
            for start in range(0, len(new), _CHUNK):
                rows = store.query(
                    "SELECT id, title, coalesce(source, dateline_agency), published, text FROM documents "
                    "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [new[start:start + _CHUNK]])
                for doc_id, title, source, published, text in rows:
                    rowid = conn.execute("INSERT INTO docs (id, title, source, published) VALUES (?, ?, ?, ?)",
                                         [doc_id, title, source, published.isoformat() if published else None]
                                         ).lastrowid
                    conn.execute("INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)",
                                 [rowid, _clean(title), _clean(text)])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if gone or new:
            log.info("search index %s: %d reports added, %d dropped", self.path, len(new), len(gone))

    def search(self, store: Store, text: str, *, source: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, limit: int = 50, offset: int = 0) -> tuple[list[SearchHit], int]:
        """Reports matching ``text``, best first, with snippets; and how many match in all (none when ``text``
        holds no word: only punctuation or spaces).
        """
        query = _words(text)
        if query is None:
            return [], 0
        self.refresh(store)
        params = [query, source, None if source is None else f"%{source.lower()}%",
                  *(v for day in (since, until) for v in [day and day.isoformat()] * 2)]
        with self._lock, _refused(text):
            conn = self._connection()
            total = conn.execute("SELECT count(*) " + _FILTER, params).fetchone()[0]
            rows = conn.execute(
                f"SELECT d.id, d.title, d.source, d.published, snippet(fts, 1, char(2), char(3), '…', "
                f"{SNIPPET_TOKENS}), bm25(fts, {TITLE_WEIGHT}, 1.0) AS rank {_FILTER} ORDER BY rank, d.id "
                "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        hits = []
        for doc_id, title, outlet, published, marked, rank in rows:
            snippet, spans = _highlights(marked or "")
            hits.append(SearchHit(doc_id, title, outlet, dt.date.fromisoformat(published) if published else None,
                                  snippet, spans, round(-rank, 4)))
        return hits, total

    def ids(self, store: Store, text: str) -> list[str]:
        """The ids of every report matching ``text``, best first (none when ``text`` holds no word)."""
        query = _words(text)
        if query is None:
            return []
        self.refresh(store)
        with self._lock, _refused(text):
            rows = self._connection().execute(
                "SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? ORDER BY bm25(fts, "
                f"{TITLE_WEIGHT}, 1.0)", [query]).fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
                self._synced = None
