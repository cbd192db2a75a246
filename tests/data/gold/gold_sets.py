"""What the hand-made gold sets on other conflicts share (build_sudan.py, build_ukraine.py, build_myanmar.py).

Each set's script holds its readable annotations (``DOCS``) and its geo table (``GEO``); this module turns them
into records of the seeds.jsonl format plus geo fields on PLACE entities, checks them (build_seeds.verify and
the checks below: geo fields, the sidecar's publication date, no empty layer) and writes the JSON Lines file.
Spans are located with build_seeds.span. Standard library only.
"""

import datetime as dt
import json
import os

from build_seeds import ACLED, ENTITY_TYPES, MODALITIES, PLOVER, QUANT_KINDS, QUOTE_KINDS, TIMEX_TYPES, span, verify

FEATURE_LEVELS = {"country", "province", "district", "city", "site", "region"}
LAYERS = ("entities", "timexes", "quotes", "quantities", "events")


def geo(lat, lon, geonames_id, level, country):
    """The geo fields of a PLACE record."""
    return {"lat": lat, "lon": lon, "geonames_id": geonames_id, "feature_level": level, "country": country}


def read_text(text_dir, source_file):
    """The report exactly as stored: UTF-8, no newline translation."""
    with open(os.path.join(text_dir, source_file), encoding="utf-8", newline="") as fh:
        return fh.read()


def build_doc(doc, *, text_dir, geo):
    """One gold record (the seeds.jsonl format, plus geo fields on PLACE entities) from the readable annotations."""
    text = read_text(text_dir, doc["source_file"])
    did = doc["id"]

    entities = []
    for surface, key, etype, *geo_key in doc["entities"]:
        assert etype in ENTITY_TYPES, (surface, etype)
        rec = span(text, surface, key, f"{did} entity")
        rec["type"] = etype
        if etype == "PLACE":
            rec.update(geo[geo_key[0] if geo_key else surface])
        else:
            assert not geo_key, (did, surface, "only places take a GEO key")
        entities.append(rec)

    timexes = []
    for surface, key, ttype, value in doc["timexes"]:
        assert ttype in TIMEX_TYPES, (surface, ttype)
        rec = span(text, surface, key, f"{did} timex")
        rec.update({"type": ttype, "value": value})
        timexes.append(rec)

    quotes = []
    for kind, (csurf, ckey), speaker, cue in doc["quotes"]:
        assert kind in QUOTE_KINDS, kind
        rec = {"kind": kind, "content": span(text, csurf, ckey, f"{did} quote content")}
        rec["speaker"] = None if speaker is None else span(text, speaker[0], speaker[1], f"{did} quote speaker")
        rec["cue"] = cue
        assert cue is None or cue in text, (did, "cue not in text", cue)
        quotes.append(rec)

    quantities = []
    for surface, key, value, unit, qkind, note in doc["quantities"]:
        assert qkind in QUANT_KINDS, (surface, qkind)
        rec = span(text, surface, key, f"{did} quantity")
        rec.update({"value": value, "unit": unit, "kind": qkind, "note": note})
        quantities.append(rec)

    events = []
    for (tsurf, tkey), etype, subtype, plover, modality, actor, target, location, time in doc["events"]:
        what = f"{did} event {tsurf!r}"
        if etype is None:
            assert subtype is None, what
        else:
            assert etype in ACLED and subtype in ACLED[etype], (what, etype, subtype)
        assert plover in PLOVER, (what, plover)
        assert modality in MODALITIES, (what, modality)
        for arg in (actor, target, location, time):
            assert arg is None or arg in text, (what, "argument not written in the text", arg)
        assert time is None or any(t["text"] == time for t in timexes), (what, "time is not an annotated timex", time)
        events.append({"trigger": span(text, tsurf, tkey, what), "event_type": etype, "sub_event_type": subtype,
                       "plover": plover, "modality": modality, "actor": actor, "target": target,
                       "location": location, "time": time})

    # order every layer by position (stable, so one-per-place events keep their order)
    by_span = lambda r: (r["start"], r["end"])  # noqa: E731
    entities.sort(key=by_span)
    timexes.sort(key=by_span)
    quantities.sort(key=by_span)
    quotes.sort(key=lambda r: (r["content"]["start"], -r["content"]["end"]))
    events.sort(key=lambda r: (r["trigger"]["start"], r["trigger"]["end"]))
    return {"id": did, "source_file": doc["source_file"], "published": doc["published"], "text": text,
            "entities": entities, "timexes": timexes, "quotes": quotes, "quantities": quantities, "events": events}


def verify_set(out, *, text_dir):
    """Problems with the geo fields, the publication date and its sidecar, and empty layers."""
    did, problems = out["id"], []
    published = dt.date.fromisoformat(out["published"])
    meta_path = os.path.join(text_dir, out["source_file"].replace(".txt", ".meta.json"))
    with open(meta_path, encoding="utf-8") as fh:
        if json.load(fh).get("published") != published.isoformat():
            problems.append(f"{did}: sidecar {meta_path} disagrees on the publication date")
    for layer in LAYERS:
        if not out[layer]:
            problems.append(f"{did}: layer {layer} is empty")
    for ent in out["entities"]:
        if ent["type"] != "PLACE":
            continue
        if ent["feature_level"] not in FEATURE_LEVELS:
            problems.append(f"{did}: {ent['text']!r} has feature_level {ent['feature_level']!r}")
        if not (-90 <= ent["lat"] <= 90 and -180 <= ent["lon"] <= 180):
            problems.append(f"{did}: {ent['text']!r} has coordinates out of range")
        if not (isinstance(ent["country"], str) and len(ent["country"]) == 2 and ent["country"].isupper()):
            problems.append(f"{did}: {ent['text']!r} has country {ent['country']!r}")
        if ent["geonames_id"] is not None and not isinstance(ent["geonames_id"], int):
            problems.append(f"{did}: {ent['text']!r} has geonames_id {ent['geonames_id']!r}")
    return problems


def main(argv, *, docs, text_dir, geo, out_path):
    """Build (or with ``--check`` only verify) a set; 0 when every check passes, 1 otherwise."""
    check_only = "--check" in argv
    lines, problems = [], []
    for doc in docs:
        out = build_doc(doc, text_dir=text_dir, geo=geo)
        problems += verify(out, doc) + verify_set(out, text_dir=text_dir)
        lines.append(json.dumps(out, ensure_ascii=False))
        print(out["id"], " ".join(f"{layer}={len(out[layer])}" for layer in LAYERS))
    for problem in problems:
        print("PROBLEM:", problem)
    if problems:
        return 1
    if not check_only:
        with open(out_path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n")
        print("wrote", out_path)
    return 0
