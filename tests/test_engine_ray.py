"""The Ray engine (sitroom/engine_ray.py) on a local Ray instance of 2 CPUs: the same store as the local engine."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.ingest import ingest
from sitroom.settings import load_settings
from sitroom.store import Store

REPORTS = ("2021-08-09_khyber-wire_aybak-falls", "2021-08-10_gulf-briefing-service_samangan-capital-taken",
           "2021-08-11_pamir-press_kunduz-toll-rises", "2021-08-13_amu-darya-monitor_lashkar-gah-and-four-capitals",
           "2021-08-12_khyber-wire_ghazni-falls")
TIMESTAMPS = {"ingested_at", "seen_at", "first_seen", "last_seen", "applied_at", "built_at"}


@pytest.fixture(scope="module")
def ray_instance():
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name in REPORTS:
        for source in (EXAMPLES / "reports").glob(name + ".*"):
            shutil.copy(source, folder / source.name)
    return folder


def _rows(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as db:
        tables = [r[0] for r in db.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        found = {}
        for table in tables:
            columns = [r[0] for r in db.execute("SELECT column_name FROM information_schema.columns "
                                                "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()]
            keep = ", ".join(f'"{c}"' for c in columns if c not in TIMESTAMPS)
            found[table] = sorted(db.execute(f"SELECT {keep} FROM {table}").fetchall(), key=repr)
        return found


@pytest.mark.slow
def test_the_ray_engine_stores_exactly_what_the_local_engine_stores(ray_instance, tmp_path: Path) -> None:
    from sitroom.engine_ray import RayEngine

    corpus = _corpus(tmp_path / "reports")
    settings = dataclasses.replace(load_settings(env={}), ray_shard_size=2)  # three shards of the four reports
    with Store(tmp_path / "local.duckdb") as store:
        local = ingest([str(corpus)], store=store, settings=settings)
    parquet = tmp_path / "parquet"
    with Store(tmp_path / "ray.duckdb") as store, RayEngine(settings, workers=2, output=parquet) as engine:
        remote = ingest([str(corpus)], store=store, settings=settings, engine=engine)
    assert (remote.ingested, len(remote.duplicates)) == (local.ingested, len(local.duplicates)) == (4, 1)
    assert len(list(parquet.glob("shard-*/*.parquet"))) >= 2  # the results went through Parquet, shard by shard
    assert _rows(tmp_path / "ray.duckdb") == _rows(tmp_path / "local.duckdb")
    with Store(tmp_path / "ray.duckdb") as store, RayEngine(settings, workers=2) as engine:
        again = ingest([str(corpus)], store=store, settings=settings, engine=engine)
    assert again.ingested == 0 and again.already_stored == 5  # the four reports and the linked copy


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--engine", "spark", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "not local or ray" in result.output
