"""Full-text search (sitroom/search.py): safe queries, highlight offsets, the incremental sidecar index."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from sitroom.search import SCHEMA, BadQuery, SearchIndex, _highlights, fts_query, index_path
from sitroom.store import Store

REPORTS = {  # our own sentences, in the style of the demo reports
    "d1": ("Taleban take Lashkar Gah", "Khyber Wire", dt.date(2021, 8, 13),
           "The Taleban captured Lashkar Gah, the capital of Helmand province, after troops agreed to leave."),
    "d2": ("Fighting near Kandahar airport", "Hindu Kush Herald", dt.date(2021, 8, 11),
           "Rockets struck the runway of Kandahar airport overnight; flights were suspended."),
    "d3": ("Strikes on Lashkar Gar", "Pamir Press Agency", dt.date(2021, 8, 9),
           "Air strikes hit Lashkar Gar as street battles raged near the governor's compound in Lashkar Gah."),
}


def _add(store: Store, doc_id: str) -> None:
    title, source, published, text = REPORTS[doc_id]
    store.db.execute("INSERT INTO documents (id, title, source, published, published_provenance, text, ingested_at) "
                     "VALUES (?, ?, ?, ?, 'given', ?, now())", [doc_id, title, source, published, text])


@pytest.fixture()
def small_store(tmp_path: Path):
    with Store(tmp_path / "small.duckdb") as store:
        for doc_id in ("d1", "d2"):
            _add(store, doc_id)
        yield store


def test_words_are_quoted_so_operators_are_plain_words() -> None:
    assert fts_query("Lashkar Gah") == '"Lashkar" "Gah"'
    assert fts_query('"Lashkar Gah" strike*') == '"Lashkar Gah" "strike"*'
    assert fts_query("NEAR(a b) AND c OR -d") == '"NEAR" "a" "b" "AND" "c" "OR" "d"'
    assert fts_query("x'; DROP TABLE events; --") == '"x" "DROP" "TABLE" "events"'
    for nothing in ('"', "*", "", "() -- ;"):
        with pytest.raises(BadQuery):
            fts_query(nothing)


def test_highlights_are_offsets_into_the_snippet_without_markers() -> None:
    snippet, spans = _highlights("…the fall of \x02Lashkar\x03 \x02Gah\x03 brings…")
    assert snippet == "…the fall of Lashkar Gah brings…"
    assert [snippet[a:b] for a, b in spans] == ["Lashkar", "Gah"]


def test_search_ranks_and_highlights_and_filters(small_store: Store, tmp_path: Path) -> None:
    index = SearchIndex(small_store.path, path=tmp_path / "index.sqlite")
    hits, total = index.search(small_store, "lashkar")
    assert total == 1 and hits[0].id == "d1" and hits[0].source == "Khyber Wire"
    assert [hits[0].snippet[a:b] for a, b in hits[0].highlights] == ["Lashkar"]
    assert index.search(small_store, "captures")[1] == 1  # stemmed: captured ~ captures
    assert index.search(small_store, "Kandah*")[1] == 1
    assert index.search(small_store, '" * ()') == ([], 0) and index.ids(small_store, "--") == []
    assert index.search(small_store, "airport", source="khyber")[1] == 0
    assert index.search(small_store, "airport", since=dt.date(2021, 8, 12))[1] == 0
    assert index.search(small_store, "airport", until=dt.date(2021, 8, 12))[1] == 1
    assert set(index.ids(small_store, "the")) == {"d1", "d2"}


def test_the_index_follows_the_store_adding_and_dropping_reports(small_store: Store, tmp_path: Path) -> None:
    index = SearchIndex(small_store.path, path=tmp_path / "index.sqlite")
    assert index.search(small_store, "Lashkar")[1] == 1
    _add(small_store, "d3")
    small_store.db.execute("CHECKPOINT")
    hits, total = index.search(small_store, "Lashkar")
    assert total == 2 and hits[0].id == "d3"  # two mentions and the title: ranked first
    small_store.db.execute("DELETE FROM documents WHERE id = 'd1'")
    small_store.db.execute("CHECKPOINT")
    assert [h.id for h in index.search(small_store, "Lashkar")[0]] == ["d3"]
    with sqlite3.connect(tmp_path / "index.sqlite") as conn:
        assert sorted(row[0] for row in conn.execute("SELECT id FROM docs")) == ["d2", "d3"]


def test_an_index_of_an_older_schema_is_rebuilt(small_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    SearchIndex(small_store.path, path=path).search(small_store, "airport")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    assert SearchIndex(small_store.path, path=path).search(small_store, "airport")[1] == 1


@pytest.mark.parametrize("where", ["missing-folder/index.sqlite", "a-folder", "not-sqlite.txt"])
def test_an_index_that_cannot_be_written_lives_in_memory(small_store: Store, tmp_path: Path, where: str) -> None:
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "not-sqlite.txt").write_text("this is not a database file, and it stays as it is\n" * 100)
    index = SearchIndex(small_store.path, path=tmp_path / where)
    assert index.search(small_store, "Lashkar")[1] == 1
    assert index.in_memory
    assert (tmp_path / "not-sqlite.txt").read_text().startswith("this is not")


@pytest.mark.slow
def test_the_demo_index_sits_beside_its_store(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, copy)
    index = SearchIndex(copy)
    with Store(copy, read_only=True) as store:
        hits, total = index.search(store, "Lashkar")
    assert index_path(copy).is_file() and total >= 3
    assert all(hit.snippet[a:b].lower().startswith("lashkar") for hit in hits for a, b in hit.highlights)
    index.close()
