"""Ingest into the store: idempotence, duplicates, rejected inputs, and surviving interruptions."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.ingest import ingest
from sitroom.settings import load_settings
from sitroom.store import Store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SETTINGS = load_settings(env={})


def test_ingesting_the_same_folder_twice_adds_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest([str(EXAMPLES / "reports")], store=store, settings=SETTINGS)
        counts = store.counts()
        second = ingest([str(EXAMPLES / "reports")], store=store, settings=SETTINGS)
        assert store.counts() == counts
    features = json.loads((EXAMPLES / "features.json").read_text(encoding="utf-8"))
    assert first.ingested == features["documents"] - 1  # one is the near-duplicate copy
    assert (second.ingested, len(second.duplicates), second.already_stored) == (0, 0, features["documents"])


def test_near_duplicate_wire_copy_is_linked_to_the_original_not_stored(tmp_path: Path) -> None:
    features = json.loads((EXAMPLES / "features.json").read_text(encoding="utf-8"))["duplicate"]
    original, copy = EXAMPLES / features["original"], EXAMPLES / features["copy"]
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([str(original), str(copy)], store=store, settings=SETTINGS)
        assert summary.ingested == 1
        [link] = summary.duplicates
        assert link.kind == "near" and link.similarity >= SETTINGS.near_duplicate_threshold
        [(stored_origin,)] = store.query("SELECT origin FROM documents")
        assert stored_origin == str(original)
        [(dup_origin, dup_source, original_id)] = store.query("SELECT origin, source, original_id FROM duplicates")
        assert dup_origin == str(copy) and dup_source == "Gulf Briefing Service"
        assert original_id == link.original_id


def test_exact_copy_from_another_outlet_is_linked_and_rereading_it_adds_nothing(tmp_path: Path) -> None:
    text = "KABUL, Aug 9 (Khyber Wire) - Taliban fighters took Aybak, the capital of Samangan province, on Monday."
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": text, "source": "Khyber Wire"}) + "\n"
                    + json.dumps({"text": text, "source": "Pamir Press"}) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([str(feed)], store=store, settings=SETTINGS)
        assert (summary.ingested, [d.kind for d in summary.duplicates]) == (1, ["exact"])
        again = ingest([str(feed)], store=store, settings=SETTINGS)
        assert (again.ingested, len(again.duplicates), again.already_stored) == (0, 0, 2)
        assert store.counts()["duplicates"] == 1


def test_bad_inputs_are_recorded_and_the_good_ones_still_stored(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Kabul - Taliban fighters entered Ghazni on Thursday, officials said.",
                                       encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "Herat fell to the Taliban."}\n{oops\n', encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([str(tmp_path)], store=store, settings=SETTINGS)
        assert summary.ingested == 2
        rows = store.rejections()
        assert sorted((Path(r["origin"]).name, r["line"]) for r in rows) == [("empty.txt", None), ("feed.jsonl", 2)]
        ingest([str(tmp_path)], store=store, settings=SETTINGS)
        assert len(store.rejections()) == 2  # a rejection seen again updates its row, not a new one


def test_every_fact_row_keeps_doc_id_and_offsets_that_slice_the_text(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(EXAMPLES / "reports")], store=store, settings=SETTINGS)
        for table in ("mentions", "timexes", "quantities"):
            rows = store.query(f'SELECT d.text, t.start, t."end", t.text FROM {table} t JOIN documents d '
                               "ON d.id = t.doc_id")
            assert rows
            assert all(text[start:end] == span for text, start, end, span in rows)


def _corpus(folder: Path, count: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "reports").glob("*.txt"))]
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:04d}.txt").write_text(f"Report {number}.\n{texts[number % len(texts)]}", encoding="utf-8")


def _run_ingest(folder: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "SITROOM_BATCH_SIZE": "4", "SITROOM_NEAR_DUPLICATE_THRESHOLD": "1.0"}
    return subprocess.Popen([sys.executable, "-m", "sitroom", "--debug", "ingest", str(folder), "--db", str(db)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored_ids(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [row[0] for row in store.query("SELECT id FROM documents")]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_ingest_resumes_and_stores_each_document_once(tmp_path: Path, sig: signal.Signals) -> None:
    folder, db = tmp_path / "corpus", tmp_path / "s.duckdb"
    _corpus(folder, 120)
    process = _run_ingest(folder, db)
    committed = 0
    for line in process.stderr:  # --debug logs each committed batch
        committed += "stored a batch" in line
        if committed == 3:
            break
    assert committed == 3 and process.poll() is None, "ingest ended before it could be interrupted"
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert process.returncode == 130 and "interrupted" in stderr
    finished = _run_ingest(folder, db)
    _, stderr = finished.communicate(timeout=600)
    assert finished.returncode == 0, stderr
    ids = _stored_ids(db)
    assert len(ids) == len(set(ids)) == 120
