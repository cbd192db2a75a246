"""The stage runner (sitroom/pipeline.py): stage order, failures kept per document, and very long documents."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sitroom.model import Document
from sitroom.pipeline import Stage, StageOrderError, check_order, default_stages, run_stages

ROOT = Path(__file__).resolve().parents[1]


def test_default_stages_are_in_a_valid_order() -> None:
    names = [stage.name for stage in default_stages()]
    assert names == ["sentences", "entities", "places", "actors", "timexes", "quotes", "quantities", "events"]


def test_a_stage_needing_records_no_earlier_stage_assigns_is_refused() -> None:
    noop = lambda given: {}  # noqa: E731
    with pytest.raises(StageOrderError, match="needs"):
        check_order([Stage("events", ("quotes",), ("events",), noop)])
    with pytest.raises(StageOrderError, match="not fields"):
        check_order([Stage("x", (), ("incidents",), noop)])


@pytest.mark.slow
def test_a_failing_stage_is_an_error_of_that_document_and_the_others_still_run(nlp) -> None:
    def broken(given):
        raise ValueError("bad lexicon row")
    stages = (*default_stages()[:2], Stage("boom", (), ("quotes",), broken))
    text = "The Taliban took Kunduz on Sunday."
    extraction = run_stages(Document(id="d", text=text), nlp(text), stages)
    assert extraction.errors == ("boom: ValueError: bad lexicon row",)
    assert extraction.entities and extraction.quotes == ()


@pytest.mark.slow
def test_a_100k_word_document_finishes_with_every_layer_and_bounded_memory(nlp) -> None:
    reports = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in reports)
    words = len(text.split())
    text = "\n\n".join([text] * (100_000 // words + 1))
    parsed = nlp(text)
    tracemalloc.start()
    extraction = run_stages(Document(id="long", text=text), parsed, default_stages())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(text.split()) >= 100_000 and extraction.errors == ()
    assert all((extraction.entities, extraction.timexes, extraction.quotes, extraction.quantities, extraction.events))
    assert peak < 500 * 2**20, f"stages held {peak / 2**20:.0f} MiB at peak on one long document"
