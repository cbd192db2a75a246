"""Control periods kept in the store after ingest (sitroom/control_store.py): the same answer as deriving."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sitroom import control_store
from sitroom.places import load_gazetteer
from sitroom.situation import load_situation
from sitroom.store import Store


@pytest.mark.slow
def test_kept_periods_answer_as_the_derivation_does_on_every_day(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        derived = load_situation(store, gazetteer=load_gazetteer())
        first, last = derived.dates()
        assert control_store.last_day(store) == last
        day = first
        while day <= last + dt.timedelta(days=1):
            assert control_store.control_at(store, day) == derived.at(day), day
            day += dt.timedelta(days=1)
        assert len(control_store.control_at(store, dt.date(2021, 8, 14))) > 20


@pytest.mark.slow
def test_stale_periods_are_never_answered(demo_db: Path, tmp_path: Path) -> None:
    """After an ingest that did not keep the situation (stopped, or --no-situation), readers derive it."""
    from typer.testing import CliRunner

    from sitroom.cli import app
    from sitroom.ingest import ingest
    from sitroom.settings import load_settings

    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, copy)
    report = tmp_path / "new.txt"
    report.write_text("Taliban fighters captured the city of Maimana on Saturday, residents said.", encoding="utf-8")
    with Store(copy) as store:
        ingest([str(report)], store=store, settings=load_settings(env={}), published=dt.date(2021, 8, 14),
               situation=False)
        assert control_store.control_at(store, dt.date(2021, 8, 14)) is None
        assert control_store.last_day(store) is None
    shown = CliRunner().invoke(app, ["situation", "--at", "2021-08-14", "--capitals", "--db", str(copy)])
    assert shown.exit_code == 0 and "Province capitals Taliban" in shown.output
    with Store(copy) as store:
        assert control_store.refresh(store, gazetteer=load_gazetteer()) > 0
        assert control_store.control_at(store, dt.date(2021, 8, 14)) == load_situation(
            store, gazetteer=load_gazetteer()).at(dt.date(2021, 8, 14))
