"""Exports of the demo store: each format opens in the tools analysts use, carries the known incidents and
traces every row back to the words of a report; filters narrow; the CLI fails in one line on bad input."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest

from sitroom.export import ExportError, ExportFormat, export, selection
from sitroom.store import Store

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
CAPTURE = ("Battles", "Non-state actor overtakes territory")
_NOTE = re.compile(r'"(.+?)" \([^;]*; doc (\w+), chars (\d+)-(\d+)\)')


@pytest.fixture(scope="module")
def store(demo_db: Path):
    with Store(demo_db, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def gazetteer():
    from sitroom.places import load_gazetteer
    from sitroom.settings import load_settings

    settings = load_settings(env={})
    return load_gazetteer(settings.cache_dir, settings.gazetteer)


def _text(store: Store, doc_id: str, start: int, end: int) -> str:
    return " ".join((store.document_text(doc_id) or "")[start:end].split())


def _acled(store, tmp_path: Path, name: str = "acled.csv", **filters):
    import pandas as pd

    result = export(store, format=ExportFormat.acled_csv, path=tmp_path / name, **filters)
    return result, pd.read_csv(result.path, keep_default_na=False, na_values=[""])


@pytest.mark.slow
def test_acled_csv_opens_in_pandas_with_acleds_columns_and_the_known_captures(store, tmp_path: Path) -> None:
    result, table = _acled(store, tmp_path)
    assert list(table.columns) == ACLED_COLUMNS
    assert result.records == len(table) > 20 and result.media_type.startswith("text/csv")
    assert table["latitude"].dtype.kind == "f" and table["longitude"].dtype.kind == "f"
    assert table["fatalities"].dtype.kind == "i" and (table["fatalities"] >= 0).all()
    assert table["event_id_cnty"].is_unique and table["event_id_cnty"].str.match(r"^AFG\d+$").all()
    captures = table[(table["event_type"] == CAPTURE[0]) & (table["sub_event_type"] == CAPTURE[1])
                     & table["location"].isin(["Kunduz", "Ghazni"]) & (table["actor1"] == "Taliban")]
    assert set(captures["location"]) == {"Kunduz", "Ghazni"}
    for row in captures.itertuples():
        assert "2021-08-06" <= row.event_date <= "2021-08-13"
        assert row.inter1 == 2 and row.interaction == 20 and row.country == "Afghanistan" and row.iso == 4
        assert row.geo_precision == 1 and row.disorder_type == "Political violence"
        assert 36 < row.latitude < 37 or 33 < row.latitude < 34
    kunduz = captures[captures["location"] == "Kunduz"].iloc[0]
    assert kunduz["event_date"] == "2021-08-08" and kunduz["time_precision"] == 1 and kunduz["year"] == 2021
    assert "Hindu Kush Herald" in kunduz["source"].split("; ")


@pytest.mark.slow
def test_acled_notes_quote_the_reports_at_their_offsets(store, tmp_path: Path) -> None:
    _, table = _acled(store, tmp_path)
    quoted = 0
    for notes in table["notes"]:
        found = _NOTE.findall(notes)
        assert found, notes
        for words, doc_id, start, end in found:
            assert _text(store, doc_id, int(start), int(end)) == words
            quoted += 1
    assert quoted >= len(table)


@pytest.mark.slow
def test_acled_fatalities_follow_the_revised_toll_and_civilians_are_targets(store, tmp_path: Path) -> None:
    _, table = _acled(store, tmp_path)
    market = table[(table["sub_event_type"] == "Shelling/artillery/missile attack") & (table["location"] == "Kunduz")]
    assert list(market["fatalities"]) == [13]
    assert "Fatalities revised: 12" in market.iloc[0]["notes"]
    against_civilians = table[table["event_type"] == "Violence against civilians"]
    assert (against_civilians["inter2"] == 7).all()
    assert (against_civilians["civilian_targeting"] == "Civilian targeting").all()


@pytest.mark.slow
def test_acled_csv_is_utf8_for_spreadsheets_and_ids_are_stable(store, tmp_path: Path) -> None:
    first, _ = _acled(store, tmp_path, "one.csv")
    second, _ = _acled(store, tmp_path, "two.csv")
    raw = first.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw == second.path.read_bytes()  # same store, same file
    with first.path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == ACLED_COLUMNS
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]) for row in rows if row["event_date"])


@pytest.mark.slow
def test_filters_narrow_the_acled_rows(store, tmp_path: Path) -> None:
    _, everything = _acled(store, tmp_path, "all.csv")
    _, week = _acled(store, tmp_path, "week.csv", since=dt.date(2021, 8, 10), until=dt.date(2021, 8, 12))
    assert 0 < len(week) < len(everything)
    outside = week[~week["event_date"].between("2021-08-10", "2021-08-12")]
    assert outside["notes"].str.contains("Dated ").all()  # only incidents dated to a range that overlaps it
    _, kunduz = _acled(store, tmp_path, "kunduz.csv", place="kunduz")
    assert 0 < len(kunduz) < len(week) + len(everything)
    assert all("kunduz" in f"{row.location} {row.admin1}".lower() for row in kunduz.itertuples())
    _, country = _acled(store, tmp_path, "afg.csv", country="AFG", actor="taleban")  # an alias of the Taliban
    assert 0 < len(country) < len(everything) and set(country["actor1"]) == {"Taliban"}
    _, none = _acled(store, tmp_path, "pk.csv", country="PK")
    assert list(none.columns) == ACLED_COLUMNS and len(none) == 0


@pytest.mark.slow
def test_geojson_is_valid_rfc7946_with_lon_lat_order_and_two_layers(store, gazetteer, tmp_path: Path) -> None:
    import geojson

    result = export(store, format="geojson", path=tmp_path / "map.geojson", at=dt.date(2021, 8, 13),
                    gazetteer=gazetteer)
    text = result.path.read_text(encoding="utf-8")
    collection = geojson.loads(text)
    assert collection.is_valid and collection["type"] == "FeatureCollection"
    assert result.media_type == "application/geo+json" and result.records == len(collection["features"])
    layers = {f["properties"]["layer"] for f in collection["features"]}
    assert layers == {"incident", "control"}
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 60 < lon < 75 and 29 < lat < 39, feature["properties"]
    control = {f["properties"]["place_name"]: f["properties"] for f in collection["features"]
               if f["properties"]["layer"] == "control"}
    assert control["Kunduz"]["status"] == "held" and control["Kunduz"]["holder_name"] == "Taliban"
    assert control["Kunduz"]["at"] == "2021-08-13" and control["Kunduz"]["capital_of"]
    assert "Mazar-i-Sharif" not in control  # taken on the 14th
    incident = next(f["properties"] for f in collection["features"] if f["properties"]["layer"] == "incident"
                    and f["properties"]["place_name"] == "Ghazni" and f["properties"]["sub_event_type"] == CAPTURE[1])
    assert incident["date"] == "2021-08-12" and incident["actor_name"] == "Taliban" and incident["outlets"]
    for piece in incident["evidence"]:
        assert _text(store, piece["doc_id"], piece["start"], piece["end"]) == " ".join(piece["text"].split())


@pytest.mark.slow
def test_parquet_zip_holds_every_table_with_the_stores_row_counts(store, tmp_path: Path) -> None:
    import duckdb

    from sitroom.export_parquet import store_tables
    from sitroom.situation import load_situation

    result = export(store, format="parquet", path=tmp_path / "tables.zip")
    assert result.media_type == "application/zip" and result.filename.endswith(".zip")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(folder)
    tables = store_tables(store)
    assert {"documents", "entities", "mentions", "events", "quotes", "quantities", "timexes", "duplicates",
            "rejected"} <= set(tables)
    counts = {}
    for name in [*tables, "incidents", "control_periods", "contradictions", "contradiction_claims"]:
        counts[name] = duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder / name}.parquet')").fetchall()[0][0]
    for name in tables:
        assert counts[name] == store.query(f'SELECT count(*) FROM "{name}"')[0][0], name
    situation = load_situation(store)
    assert counts["incidents"] == len(situation.incidents) and counts["control_periods"] == len(situation.periods)
    assert result.records == sum(counts.values())
    incidents = duckdb.sql(f"SELECT place_name, events FROM read_parquet('{folder}/incidents.parquet') "
                           "WHERE sub_event_type = 'Non-state actor overtakes territory'").fetchall()
    assert any(name == "Kunduz" and events for name, events in incidents)


@pytest.mark.slow
def test_parquet_without_zip_writes_a_folder_and_filters_the_derived_tables(store, tmp_path: Path) -> None:
    import duckdb

    result = export(store, format="parquet", path=tmp_path / "tables", place="Kunduz")
    assert result.path.is_dir() and (result.path / "events.parquet").is_file()
    names = duckdb.sql(f"SELECT DISTINCT place_name FROM read_parquet('{result.path}/incidents.parquet')").fetchall()
    assert {name for (name,) in names} <= {"Kunduz", "Kunduz airport"}


@pytest.mark.slow
def test_plover_jsonl_validates_line_by_line_and_cites_its_words(store, tmp_path: Path) -> None:
    import jsonschema

    from sitroom.export_plover import plover_schema
    from sitroom.ontology import plover_modes

    result = export(store, format="plover-jsonl", path=tmp_path / "plover.jsonl")
    validator = jsonschema.Draft202012Validator(plover_schema())
    lines = result.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == result.records == store.query("SELECT count(*) FROM events")[0][0]
    records = [json.loads(line) for line in lines]
    for record in records:
        validator.validate(record)
        assert record["mode"] is None or record["mode"] in plover_modes(record["event"])
        evidence = record["evidence"]
        assert store.document_text(evidence["doc_id"])[evidence["start"]:evidence["end"]] == evidence["text"]
    captures = [r for r in records if r["acled"]["sub_event_type"] == CAPTURE[1] and r["event_loc"]
                and r["event_loc"]["name"] == "Ghazni" and r["modality"] == "asserted"]
    assert captures and captures[0]["event"] == "ASSAULT" and captures[0]["context"] == ["territory"]
    assert captures[0]["event_loc"]["country"] == "AFG" and 68 < captures[0]["event_loc"]["lon"] < 69
    assert captures[0]["incident"] and captures[0]["citation"]["publication"]
    assert {r["modality"] for r in records} >= {"asserted", "negated"}


@pytest.mark.slow
def test_plover_filters_keep_events_in_range(store, tmp_path: Path) -> None:
    result = export(store, format="plover-jsonl", path=tmp_path / "week.jsonl", since="2021-08-12",
                    until="2021-08-12")
    records = [json.loads(line) for line in result.path.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(records) < store.query("SELECT count(*) FROM events")[0][0]
    assert all(r["date"] <= "2021-08-12" <= r["enddate"] for r in records)


@pytest.mark.slow
def test_jsonl_has_each_incident_with_evidence_and_contradictions(store, tmp_path: Path) -> None:
    result = export(store, format="jsonl", path=tmp_path / "incidents.jsonl", place="Lashkar")
    records = [json.loads(line) for line in result.path.read_text(encoding="utf-8").splitlines()]
    assert records and result.records == len(records)
    assert {r["place_name"] for r in records} == {"Lashkar Gah"}
    for record in records:
        assert len(record["evidence"]) == len(record["events"])
        for piece in record["evidence"]:
            assert store.document_text(piece["doc_id"])[piece["start"]:piece["end"]] == piece["text"]
    disputed = [c for r in records for c in r["contradictions"] if c["kind"] == "control"]
    assert disputed and any(claim["value"] == "fall denied" for claim in disputed[0]["claims"])


@pytest.mark.slow
def test_bad_input_is_an_export_error(store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format 'xml'"):
        export(store, format="xml", path=tmp_path / "x")
    with pytest.raises(ExportError, match="since .* is after until") as raised:
        export(store, format="jsonl", path=tmp_path / "x", since=dt.date(2021, 8, 12), until=dt.date(2021, 8, 1))
    assert raised.value.parameter == "since"
    with pytest.raises(ExportError, match="does not exist"):
        export(store, format="jsonl", path=tmp_path / "missing" / "x.jsonl")
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_selection_checks_dates_and_countries() -> None:
    assert selection(since="2021-08-06", country="Afghanistan") == selection(since=dt.date(2021, 8, 6), country="AF")
    with pytest.raises(ExportError, match=r"^until: not a date \(YYYY-MM-DD\): '13 Aug'$"):
        selection(until="13 Aug")
    with pytest.raises(ExportError, match="unknown country"):
        selection(country="Narnia")


def test_the_cli_lists_every_format() -> None:
    import sitroom.cli  # noqa: F401  (the app registers its commands first, as when `sitroom` runs)
    from sitroom.cli_export import FORMATS

    assert FORMATS == tuple(f.value for f in ExportFormat)


# --- the command line ---


def _invoke(*args: str):
    from typer.testing import CliRunner

    from sitroom.cli import app

    return CliRunner().invoke(app, ["export", *args], catch_exceptions=False)


@pytest.mark.slow
@pytest.mark.parametrize(("format", "name"), [("acled-csv", "x.csv"), ("plover-jsonl", "x.jsonl"),
                                              ("geojson", "x.geojson"), ("parquet", "x.zip"), ("jsonl", "i.jsonl")])
def test_cli_exports_each_format(demo_db: Path, tmp_path: Path, format: str, name: str) -> None:
    result = _invoke("--format", format, "--since", "2021-08-06", "-o", str(tmp_path / name), "--db", str(demo_db))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).stat().st_size > 0
    assert f"({format}) to {tmp_path / name}" in result.output


@pytest.mark.slow
@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xml"], "--format: unknown format 'xml'"),
    (["--format", "geojson", "--at", "13 August"], "--at: not a date (YYYY-MM-DD): '13 August'"),
    (["--format", "jsonl", "--since", "2021-08-13", "--until", "2021-08-01"], "--since: since (2021-08-13) is after"),
    (["--format", "jsonl", "--country", "Narnia"], "--country: unknown country 'Narnia'"),
    ([], "--format is required"),
])
def test_cli_bad_input_is_one_line_and_a_usage_exit(demo_db: Path, tmp_path: Path, args: list[str],
                                                      message: str) -> None:
    from sitroom.cli import Exit

    result = _invoke(*args, "-o", str(tmp_path / "out"), "--db", str(demo_db))
    assert result.exit_code == Exit.USAGE
    assert result.output.count("\n") == 1 and message in result.output, result.output
    assert not (tmp_path / "out").exists()
