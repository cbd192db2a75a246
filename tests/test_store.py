"""The store: versioned schema, atomic batches, idempotent writes, read-only opening (records built by hand)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pytest

from sitroom.dedup import shingles, signature
from sitroom.ids import document_id, fact_id
from sitroom.model import (
    Dateline,
    DateProvenance,
    Document,
    DuplicateLink,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Quantity,
    Rejection,
    Sentence,
    Span,
    Timex,
    TimexType,
)
from sitroom.store import SCHEMA_VERSION, Store, StoreError


def extraction_of(text: str) -> tuple[Extraction, np.ndarray]:
    """A hand-built extraction: the dateline place, one sentence, one timex and one quantity."""
    doc_id = document_id(text)
    place = text.index("Kabul")
    mention = Mention(doc_id, place, place + 5, "Kabul", "GPE")
    document = Document(
        id=doc_id, text=text, source="Wire", published=dt.date(2021, 8, 13),
        published_provenance=DateProvenance.GIVEN, origin="test",
        dateline=Dateline(span=Span(0, 7, text[:7]), places=("Kabul",)),
    )
    monday = text.index("Monday")
    number = text.index("36")
    extraction = Extraction(
        document=document,
        sentences=(Sentence(doc_id, 0, len(text)),),
        mentions=(mention,),
        entities=(Entity(id=fact_id("entity", doc_id, "PLACE", "kabul"), doc_id=doc_id, type=EntityType.PLACE,
                         name="Kabul", mentions=(mention,)),),
        timexes=(Timex(id=fact_id("timex", doc_id, monday, monday + 6), doc_id=doc_id,
                       span=Span(monday, monday + 6, "Monday"), type=TimexType.DATE, value="2021-08-09"),),
        quantities=(Quantity(id=fact_id("quantity", doc_id, number, number + 9), doc_id=doc_id,
                             span=Span(number, number + 9, "36 people"), value=36.0, unit="people", kind="killed"),),
    )
    return extraction, signature(shingles(text))


FIRST = "Kabul - The Taliban killed 36 people in Herat on Monday, officials said."
SECOND = "Kabul - Fighting on Monday left 36 people dead in Kandahar, a doctor said."


def schema_rows(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as db:
        return db.execute("SELECT version, applied_at FROM schema_version ORDER BY version").fetchall()


def test_new_file_gets_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        assert store.query("SELECT max(version) FROM schema_version") == [(SCHEMA_VERSION,)]
        assert set(store.counts().values()) == {0}
    assert [row[0] for row in schema_rows(path)] == list(range(1, SCHEMA_VERSION + 1))


def test_reopening_does_not_rerun_migrations(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch([extraction_of(FIRST)])
    before = schema_rows(path)
    with Store(path) as store:
        assert store.counts()["documents"] == 1
    assert schema_rows(path) == before


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as db:
        db.execute("INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION + 1, dt.datetime(2030, 1, 1)])
    with pytest.raises(StoreError, match="upgrade sitroom"):
        Store(path)
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}"):
        Store(path, read_only=True)


def test_a_file_that_is_not_duckdb_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(path)


def test_write_batch_stores_every_fact(tmp_path: Path) -> None:
    extraction, sig = extraction_of(FIRST)
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([(extraction, sig)])
        counts = store.counts()
        assert {k: counts[k] for k in ("documents", "entities", "mentions", "timexes", "quantities")} == {
            "documents": 1, "entities": 1, "mentions": 1, "timexes": 1, "quantities": 1}
        assert store.has_document(extraction.document.id)
        assert store.document_text(extraction.document.id) == FIRST
        [(doc_id, stored_sig)] = list(store.signatures())
        assert doc_id == extraction.document.id and np.array_equal(stored_sig, sig)
        assert store.query("SELECT entity_id FROM mentions") == [(extraction.entities[0].id,)]
        assert store.query("SELECT text, value, kind FROM quantities") == [("36 people", 36.0, "killed")]
        assert store.query("SELECT published, published_provenance, dateline_places FROM documents") == [
            (dt.date(2021, 8, 13), "given", ["Kabul"])]


def test_write_batch_is_atomic(tmp_path: Path) -> None:
    good = extraction_of(FIRST)
    bad_extraction, bad_sig = extraction_of(SECOND)
    bad = (dataclasses.replace(bad_extraction, document=dataclasses.replace(bad_extraction.document, text=None)),
           bad_sig)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(duckdb.Error):
            store.write_batch([good, bad], rejections=[Rejection("x.bin", "binary file")])
        assert set(store.counts().values()) == {0}
        assert list(store.signatures()) == []
        store.write_batch([good])  # the connection is usable after the rollback
        assert store.counts()["documents"] == 1


def test_writing_the_same_extraction_twice_keeps_counts(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([extraction_of(FIRST), extraction_of(SECOND)])
        once = store.counts()
        store.write_batch([extraction_of(FIRST)])
        store.write_batch([extraction_of(FIRST), extraction_of(SECOND)])
        assert store.counts() == once
        assert once["documents"] == 2 and once["quantities"] == 2


def test_duplicate_links_and_rejections(tmp_path: Path) -> None:
    original, _ = extraction_of(FIRST)
    copy_text = FIRST.replace("officials", "Afghan officials")
    copy = Document(id=document_id(copy_text), text=copy_text, origin="copy.txt")
    link = DuplicateLink(id=copy.id, original_id=original.document.id, kind="near", similarity=0.8, document=copy)
    rejection = Rejection("bad.txt", "empty file")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([(original, signature(shingles(FIRST)))], duplicates=[link], rejections=[rejection])
        store.write_batch([], duplicates=[link], rejections=[rejection])
        assert store.has_duplicate(copy.id)
        assert (store.counts()["duplicates"], store.counts()["rejected"]) == (1, 1)
        assert [(r["origin"], r["reason"]) for r in store.rejections()] == [("bad.txt", "empty file")]


def test_read_only_open_of_an_existing_store(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    extraction, _ = extraction_of(FIRST)
    with Store(path) as store:
        store.write_batch([extraction_of(FIRST)])
    with Store(path, read_only=True) as store:
        assert store.has_document(extraction.document.id)
        assert store.counts()["documents"] == 1
        with pytest.raises(duckdb.Error):
            store.write_batch([extraction_of(SECOND)])
    with Store(path) as store:
        assert store.counts()["documents"] == 1


def test_in_memory_store() -> None:
    with Store(":memory:") as store:
        store.write_batch([extraction_of(FIRST)])
        assert store.counts()["documents"] == 1


def _with_events(text: str) -> tuple[Extraction, np.ndarray]:
    """The hand-built extraction plus two events: one dated by its text (Monday), one the text leaves undated."""
    from sitroom.model import Event, Modality

    extraction, sig = extraction_of(text)
    doc_id = extraction.document.id
    killed = text.index("killed") if "killed" in text else text.index("Fighting")
    whole = Span(0, len(text), text)
    dated = Event(id=fact_id("event", doc_id, 1), doc_id=doc_id, trigger=Span(killed, killed + 6, text[killed:killed + 6]),
                  evidence=whole, plover="ASSAULT", modality=Modality.ASSERTED, location=extraction.entities[0].id,
                  date_begin=dt.date(2021, 8, 9), date_end=dt.date(2021, 8, 9))
    undated = dataclasses.replace(dated, id=fact_id("event", doc_id, 2), date_begin=None, date_end=None,
                                  date_from_document=True)
    return dataclasses.replace(extraction, events=(dated, undated)), sig


def test_events_keep_their_effective_days(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([_with_events(FIRST)])
        assert sorted(store.query("SELECT date_begin, day_begin, day_end FROM events"), key=str) == [
            (None, dt.date(2021, 8, 13), dt.date(2021, 8, 13)),  # undated: the report's date
            (dt.date(2021, 8, 9), dt.date(2021, 8, 9), dt.date(2021, 8, 9))]


def test_names_are_read_from_the_materialized_tables_only_while_they_match_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([_with_events(FIRST)])
        assert store.names() == ("entity_identity", "canonical_entities")  # written, not yet refreshed
        store.refresh_derived()
        assert store.names() == ("identity", "canonical")
        assert store.query("SELECT * FROM canonical") == store.query("SELECT * FROM canonical_entities")
        store.write_batch([_with_events(SECOND)])  # as a run stopped before its refresh leaves it
        assert store.names() == ("entity_identity", "canonical_entities")
        store.refresh_derived()
        assert store.names() == ("identity", "canonical")
        assert sorted(store.query("SELECT * FROM identity")) == sorted(store.query("SELECT * FROM entity_identity"))


def test_a_store_written_by_the_previous_schema_is_upgraded_when_opened_to_read(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch([_with_events(FIRST)])
    with duckdb.connect(str(path)) as db:  # undo migrations 3 and 4 by hand: a store of schema 2
        for statement in ("DROP TABLE identity", "DROP TABLE canonical", "DROP TABLE derived_state",
                          "DROP TABLE control_periods", "ALTER TABLE events DROP COLUMN day_begin",
                          "ALTER TABLE events DROP COLUMN day_end", "DELETE FROM schema_version WHERE version > 2"):
            db.execute(statement)
    with Store(path, read_only=True) as store:
        assert store.query("SELECT max(version) FROM schema_version") == [(SCHEMA_VERSION,)]
        assert dt.date(2021, 8, 13) in {row[0] for row in store.query("SELECT day_begin FROM events")}
        assert store.names() == ("identity", "canonical")
