"""The command line, in-process (typer's CliRunner) and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sitroom.cli import Exit, app
from sitroom.store import Store

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def invoke(*args: str, **kwargs):
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


def test_every_command_has_help_ending_in_an_example() -> None:
    group = get_command(app)
    for name, command in group.commands.items():
        assert command.help, name
        last = command.help.strip().splitlines()[-1]
        assert last.startswith("Example: ") and "sitroom " in last, name


def test_every_setting_is_documented_in_the_readme() -> None:
    from sitroom.settings import describe

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, env, _, _ in describe():
        assert env in readme, f"{name} ({env}) is not in README.md"


def test_help_answers_without_heavy_imports() -> None:
    code = ("import sys; from sitroom.cli import app; from typer.testing import CliRunner; "
            "CliRunner().invoke(app, ['--help']); "
            "print(sorted(m for m in ('spacy', 'duckdb', 'trafilatura', 'numpy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("ingest", str(tmp_path), "--published", "last tuesday", "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == Exit.USAGE
    assert "not a date" in result.output


def test_summary_without_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = invoke("summary", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == Exit.ERROR
    assert "sitroom ingest" in result.output


def test_settings_lists_values_from_the_environment() -> None:
    result = invoke("settings", env={"SITROOM_BATCH_SIZE": "7", "COLUMNS": "200"})
    assert result.exit_code == 0
    assert "batch_size = 7" in result.output


@pytest.mark.slow
def test_ingest_reports_each_bad_input_in_one_line_and_exits_3(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Kabul - Taliban fighters took Ghazni on Thursday, officials said.",
                                     encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "bad.bin").write_bytes(b"\x00\x01\x02")
    (inputs / "latin.txt").write_bytes("Kundúz".encode("cp1252"))
    (inputs / "nav.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (inputs / "feed.jsonl").write_text('{"text": "Herat fell to the Taliban on Thursday."}\n{bad\n',
                                       encoding="utf-8")
    with (inputs / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    db = tmp_path / "s.duckdb"
    result = invoke("ingest", str(inputs), "--db", str(db))
    assert result.exit_code == Exit.REJECTED
    rejected = [line for line in result.output.splitlines() if line.startswith("rejected ")]
    assert len(rejected) == 6
    assert "ingested 2" in result.output
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2
        assert len(store.rejections()) == 6


@pytest.mark.slow
def test_extract_seeds_prints_one_valid_object_per_document_in_order(seeds_dir: Path) -> None:
    import jsonschema

    from sitroom.lexicons import load_json

    paths = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    result = invoke("extract", *paths, "--published", "2021-08-13")
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["doc"]["origin"] for o in objects] == paths
    validator = jsonschema.Draft202012Validator(load_json("extract.schema.json"))
    for obj, path in zip(objects, paths, strict=True):
        validator.validate(obj)
        text = Path(path).read_text(encoding="utf-8")
        spans = [m for e in obj["entities"] for m in e["mentions"]] + obj["timexes"] + obj["quantities"]
        assert spans and all(text[s["start"]:s["end"]] == s["text"] for s in spans)


@pytest.mark.slow
def test_extract_json_format_and_stdin() -> None:
    result = invoke("extract", "--format", "json", input="Kabul - The Taleban took Kunduz on Sunday.")
    [obj] = json.loads(result.stdout)
    assert obj["doc"]["origin"] == "<stdin>"
    assert any(e["type"] == "GROUP" and e["name"] == "Taliban" for e in obj["entities"])


@pytest.mark.slow
def test_real_subprocess_ingest_then_summary(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    reports = ROOT / "examples" / "reports"
    ingest = subprocess.run([sys.executable, "-m", "sitroom", "ingest", str(reports), "--db", str(db)],
                            capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    assert "duplicates linked 1" in ingest.stderr
    summary = subprocess.run([sys.executable, "-m", "sitroom", "summary", "--db", str(db)], capture_output=True,
                             text=True, timeout=60, env={"COLUMNS": "200", "PATH": ""})
    assert summary.returncode == 0, summary.stderr
    assert "Taliban" in summary.stdout and "duplicate (near" in summary.stdout


@pytest.mark.slow
def test_a_user_gazetteer_adds_sites_and_a_broken_one_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "sites.csv"
    good.write_text("name,aliases,kind,lat,lon,country,admin1,source\n"
                    "Camp Bastion,Camp Shorabak,site,31.86,64.22,AF,Helmand,our own test row\n", encoding="utf-8")
    result = invoke("extract", "-", "--gazetteer", str(good), input="British troops left Camp Shorabak in Helmand.\n")
    assert result.exit_code == Exit.OK
    places = {e["name"]: e for e in json.loads(result.stdout)["entities"] if e["type"] == "PLACE"}
    camp = next(e for name, e in places.items() if "Camp" in name)
    assert (camp["feature_level"], round(camp["lat"], 1), camp["country"]) == ("site", 31.9, "AF")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,kind,lat,lon,country,admin1,source\nCamp X,,site,95,10,AF,,test\n", encoding="utf-8")
    result = invoke("extract", "-", "--gazetteer", str(bad), input="Clashes near Camp X.\n")
    assert result.exit_code == Exit.ERROR
    assert result.stderr.strip().splitlines() == [next(line for line in result.stderr.splitlines() if line)]
    assert f"{bad}:2:" in result.stderr
