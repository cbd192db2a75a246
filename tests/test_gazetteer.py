"""Gazetteer: name keys, lookups of countries, provinces, cities and sites, the cached index, user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom import gazetteer as gz
from sitroom.gazetteer import Gazetteer, GazetteerError, cache_folder, norm_key, variant_key
from sitroom.lexicons import load_csv
from sitroom.model import FeatureLevel


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The full gazetteer (GeoNames cities500), from the user's cache folder (built there on first use)."""
    return Gazetteer.load()


def best(gaz: Gazetteer, name: str, level: FeatureLevel) -> gz.Feature:
    features = [h.feature for h in gaz.lookup(name) if h.feature.level is level]
    assert features, f"no {level.value} named {name!r}"
    return max(features, key=lambda f: f.population)


@pytest.mark.parametrize("spellings", [
    ("Mazar-i-Sharif", "Mazar-e Sharif", "Mazār-e Sharīf", "MAZAR-I-SHARIF"),
    ("Sar-e-Pul", "Sar-e Pul", "Sar-i-Pul"),
    ("Lashkar Gah", "Lashkar Gāh", "lashkar  gah"),
])
def test_spelling_variants_share_one_key(spellings: tuple[str, ...]) -> None:
    assert len({norm_key(s) for s in spellings}) == 1


def test_variant_key_merges_transliterations() -> None:
    assert variant_key(norm_key("Sar-e-Pul")) == variant_key(norm_key("Sari Pul")) == variant_key(norm_key("Sar-e Pol"))
    assert variant_key(norm_key("El Fasher")) == variant_key(norm_key("Al Fasher"))
    assert variant_key(norm_key("Kabul")) != variant_key(norm_key("Kandahar"))


def test_cities_carry_geonames_ids_provinces_and_countries(gaz: Gazetteer) -> None:
    aybak = best(gaz, "Aybak", FeatureLevel.CITY)
    assert (aybak.geonames_id, aybak.country, aybak.admin1, aybak.admin1_code) == (1127768, "AF", "Samangan", "AF-SAM")
    assert aybak.canonical_id == "geonames:1127768"
    lashkar = best(gaz, "Lashkar Gah", FeatureLevel.CITY)
    assert (lashkar.geonames_id, lashkar.admin1) == (1134720, "Helmand")
    assert best(gaz, "El Fasher", FeatureLevel.CITY).admin1 == "North Darfur"
    assert best(gaz, "Kharkiv", FeatureLevel.CITY).admin1 == "Kharkiv Oblast"


def test_provinces_sit_at_their_capital(gaz: Gazetteer) -> None:
    samangan = best(gaz, "Samangan", FeatureLevel.PROVINCE)
    aybak = best(gaz, "Aybak", FeatureLevel.CITY)
    assert samangan.canonical_id == "admin1:AF-SAM" and samangan.geonames_id is None
    assert (samangan.lat, samangan.lon) == (aybak.lat, aybak.lon)
    assert best(gaz, "Helmand", FeatureLevel.PROVINCE).admin1_code == "AF-HEL"
    assert best(gaz, "North Darfur", FeatureLevel.PROVINCE).admin1_code == "SD-DN"
    assert best(gaz, "Donetsk Oblast", FeatureLevel.PROVINCE).admin1_code == "UA-14"
    assert gaz.province("AF-TAK").name == "Takhar"


def test_every_curated_province_is_tied_to_geonames(gaz: Gazetteer) -> None:
    for row in load_csv("place_admin1.csv"):
        province = gaz.province(row["code"])
        assert province is not None and province.lat is not None, row["code"]
        assert province.population > 0, row["code"]


def test_province_named_like_its_capital_is_flagged(gaz: Gazetteer) -> None:
    assert best(gaz, "Kandahar", FeatureLevel.PROVINCE).named_after_capital
    assert not best(gaz, "Samangan", FeatureLevel.PROVINCE).named_after_capital


def test_countries_by_name_and_news_alias(gaz: Gazetteer) -> None:
    us = best(gaz, "US", FeatureLevel.COUNTRY)
    assert (us.country, us.geonames_id, us.lat, us.lon) == ("US", 6252001, 38.0, -97.0)
    assert best(gaz, "Britain", FeatureLevel.COUNTRY).country == "GB"
    assert best(gaz, "Iran", FeatureLevel.COUNTRY).geonames_id == 130758
    assert best(gaz, "Sudan", FeatureLevel.COUNTRY).lat is not None


def test_every_curated_site_is_found_by_name_and_alias(gaz: Gazetteer) -> None:
    for row in load_csv("sites.csv"):
        assert row["source"], row["name"]
        for name in (row["name"], *filter(None, row["aliases"].split("|"))):
            sites = [h.feature for h in gaz.lookup(name) if h.feature.level is FeatureLevel.SITE]
            assert any(s.name == row["name"] and s.country == row["country"] for s in sites), name
    shindand = best(gaz, "Shindand Air Base", FeatureLevel.SITE)
    assert (shindand.canonical_id, shindand.admin1, shindand.admin1_code) == (
        "site:af-shindand-air-base", "Herat", "AF-HER")


def test_news_short_names(gaz: Gazetteer) -> None:
    assert best(gaz, "Mazar", FeatureLevel.CITY).geonames_id == 1133616


def test_near_finds_a_misspelling_in_the_given_countries(gaz: Gazetteer) -> None:
    assert [h.feature.geonames_id for h in gaz.near("Lashkar Gar", countries=["AF"])] == [1134720]
    assert gaz.near("Lashkar Gar", countries=["SD"]) == ()
    assert all(h.match == "fuzzy" for h in gaz.near("Kandahor", countries=["AF"]))


def test_unknown_names_find_nothing(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qwertzuiopville") == ()
    assert gaz.lookup("") == ()


def test_cache_folder_setting_then_xdg_then_home() -> None:
    assert cache_folder("/data/cache", env={"XDG_CACHE_HOME": "/x"}) == Path("/data/cache")
    assert cache_folder("", env={"XDG_CACHE_HOME": "/x"}) == Path("/x/sitroom")
    assert cache_folder("", env={}) == Path.home() / ".cache" / "sitroom"


@pytest.fixture(scope="module")
def small_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder with the small index (cities of 15,000 or more) built once."""
    folder = tmp_path_factory.mktemp("cache")
    Gazetteer.load(cache_dir=folder, min_population=15000)
    return folder


def index_file(folder: Path) -> Path:
    [path] = folder.glob("gazetteer-*-15000.npz")
    return path


def test_a_built_index_is_reused(small_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("rebuilt a good index")

    monkeypatch.setattr(gz, "build_index", no_build)
    assert Gazetteer.load(cache_dir=small_cache, min_population=15000).lookup("Kabul")


@pytest.mark.parametrize("damage", [b"", b"not a zip file", b"PK\x03\x04 truncated"])
def test_a_damaged_index_is_rebuilt(small_cache: Path, damage: bytes) -> None:
    index_file(small_cache).write_bytes(damage)
    gaz = Gazetteer.load(cache_dir=small_cache, min_population=15000)
    assert [h.feature.country for h in gaz.lookup("Kabul")][:1] == ["AF"]
    assert Gazetteer.load(cache_dir=small_cache, min_population=15000).lookup("Herat")


def test_an_outdated_index_is_rebuilt(small_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gz, "INDEX_VERSION", gz.INDEX_VERSION + 1)  # as if the code moved on
    (small_cache / f"gazetteer-v{gz.INDEX_VERSION}-15000.npz").write_bytes(index_file(small_cache).read_bytes())
    assert Gazetteer.load(cache_dir=small_cache, min_population=15000).lookup("Kunduz")


def test_an_unwritable_cache_still_gives_a_gazetteer(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert Gazetteer.load(cache_dir=blocker / "sub", min_population=15000).lookup("Kabul")


USER_FILE = """# my sites
name,aliases,kind,lat,lon,country,admin1,source
Camp Zeta Nine,Zeta Nine base,site,31.50,64.20,AF,Helmand,field notes
Little Qalaband,,city,36.10,68.30,AF,,field notes
"""


def test_a_user_file_adds_places(small_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(USER_FILE, encoding="utf-8")
    gaz = Gazetteer.load(cache_dir=small_cache, user_file=path, min_population=15000)
    [hit] = gaz.lookup("Zeta Nine base")
    assert (hit.feature.name, hit.feature.level, hit.feature.admin1_code) == ("Camp Zeta Nine", FeatureLevel.SITE,
                                                                              "AF-HEL")
    assert hit.feature.canonical_id == "site:af-camp-zeta-nine"
    assert gaz.lookup("Little Qalaband")[0].feature.canonical_id == "city:af-little-qalaband"


@pytest.mark.parametrize(("body", "line", "says"), [
    ("name,lat,lon,country\nX,1,2\n", 2, "cells"),
    ("name,lat,lon,country\nX,north,2,AF\n", 2, "not numbers"),
    ("# c\nname,lat,lon,country\nA,1,2,AF\nB,95,2,AF\n", 4, "out of range"),
    ("name,lat,lon,country,kind\nX,1,2,AF,airport\n", 2, "kind"),
    ("name,lat,lon,country\nX,1,2,Afghanistan\n", 2, "two-letter"),
    ("title,lat,lon\n", 1, "header lacks name"),
])
def test_a_bad_user_file_names_file_and_line(tmp_path: Path, body: str, line: int, says: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(GazetteerError, match=f"^{path}:{line}: .*{says}"):
        gz.read_user_file(path)


def test_a_missing_or_binary_user_file_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such gazetteer file"):
        gz.read_user_file(tmp_path / "absent.csv")
    (tmp_path / "binary.csv").write_bytes(b"name,lat\n\xff\xfe")
    with pytest.raises(GazetteerError, match="not UTF-8"):
        gz.read_user_file(tmp_path / "binary.csv")
