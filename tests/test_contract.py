"""The ``sitroom extract`` contract: real output matches ``extract.schema.json`` and every span slices the text."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sitroom.contract import FORMAT_VERSION, to_dict
from sitroom.lexicons import read_text
from sitroom.model import (
    Dateline,
    DateProvenance,
    Document,
    Entity,
    EntityType,
    Event,
    Extraction,
    FeatureLevel,
    Mention,
    Modality,
    Quantity,
    Quote,
    QuoteKind,
    Span,
    Timex,
    TimexType,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SEED_REPORTS = {"000_e8932c4ce51662c1.txt": "2021-08-09", "004_271c4b522949b8fc.txt": "2021-08-13"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(read_text("extract.schema.json"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def seed_outputs() -> dict[str, tuple[str, dict[str, Any]]]:
    """Each seed report's text and contract object; the spaCy model is loaded once, here."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS} (the shared corpus is not checked out next to this repo)")
    from sitroom.extraction import extract
    from sitroom.settings import load_settings

    settings = load_settings(env={})  # the default model, whatever SITROOM_MODEL says on this machine
    outputs = {}
    for name, published in SEED_REPORTS.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        outputs[name] = (text, to_dict(extract(text, published=published, settings=settings)))
    return outputs


def _find(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def synthetic_extraction() -> Extraction:
    """An extraction with one record of every kind, events and quotes included (no stage emits those yet)."""
    text = ('KABUL, Aug. 9, 2021 (AP) - Taliban fighters seized Aybak on Monday, killing 36 people. '
            '"We took the city," spokesman Zabihullah Mujahid said.')
    doc_id = "d" * 20
    dateline_span = _find(text, "KABUL, Aug. 9, 2021 (AP) -")
    document = Document(
        id=doc_id, text=text, title="Taliban take Aybak", source="AP", url="https://example.org/a",
        published=dt.date(2021, 8, 9), published_provenance=DateProvenance.DATELINE,
        dateline=Dateline(dateline_span, ("KABUL",), dt.date(2021, 8, 9), "2021-08-09", "AP"),
        origin="reports.jsonl:1", external_id="a-1",
    )

    def entity(name: str, kind: EntityType, label: str, **geo: Any) -> Entity:
        span = _find(text, name)
        return Entity(id=f"e-{name}", doc_id=doc_id, type=kind, name=name,
                      mentions=(Mention(doc_id, span.start, span.end, span.text, label),), **geo)

    taliban = entity("Taliban", EntityType.GROUP, "NORP")
    aybak = entity("Aybak", EntityType.PLACE, "GPE", lat=36.26, lon=68.02, geonames_id=1147290, country="AF",
                   admin1="Samangan", feature_level=FeatureLevel.CITY, geo_confidence=0.9,
                   canonical_id="geonames:1147290")
    speaker = entity("Zabihullah Mujahid", EntityType.PERSON, "PERSON")
    monday = Timex(id="t-1", doc_id=doc_id, span=_find(text, "Monday"), type=TimexType.DATE, value="2021-08-09",
                   begin=dt.date(2021, 8, 9), end=dt.date(2021, 8, 9), anchored=True)
    killed = Quantity(id="q-1", doc_id=doc_id, span=_find(text, "36 people"), value=36.0, unit="people",
                      kind="killed")
    sentence = _find(text, "Taliban fighters seized Aybak on Monday, killing 36 people.")
    quote = Quote(id="u-1", doc_id=doc_id, kind=QuoteKind.DIRECT, content=_find(text, "We took the city,"),
                  speaker=_find(text, "spokesman Zabihullah Mujahid"), speaker_entity=speaker.id, cue="said")
    event = Event(id="v-1", doc_id=doc_id, trigger=_find(text, "seized"), evidence=sentence, plover="ASSAULT",
                  modality=Modality.ASSERTED, event_type="Battles",
                  sub_event_type="Non-state actor overtakes territory", actor=taliban.id, location=aybak.id,
                  time=monday.id, fatalities=36, actor_span=_find(text, "Taliban fighters"),
                  location_span=_find(text, "Aybak"), date_begin=dt.date(2021, 8, 9), date_end=dt.date(2021, 8, 9),
                  time_precision=1, quantities=(killed.id,), source=quote.id, source_span=quote.speaker)
    return Extraction(document=document, entities=(taliban, aybak, speaker), timexes=(monday,),
                      quantities=(killed,), quotes=(quote,), events=(event,))


def spans(output: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span of a contract object, with where it sits: each has start and end, most have text."""
    if output["doc"]["dateline"] is not None:
        yield "doc.dateline", output["doc"]["dateline"]
    for i, entity in enumerate(output["entities"]):
        for j, mention in enumerate(entity["mentions"]):
            yield f"entities[{i}].mentions[{j}]", mention
    for key in ("timexes", "quantities"):
        for i, item in enumerate(output[key]):
            yield f"{key}[{i}]", item
    for i, quote in enumerate(output["quotes"]):
        yield f"quotes[{i}].content", quote["content"]
        if quote["speaker"] is not None:
            yield f"quotes[{i}].speaker", quote["speaker"]
    for i, event in enumerate(output["events"]):
        yield f"events[{i}].trigger", event["trigger"]
        yield f"events[{i}].evidence", event["evidence"]
        if event["time"] is not None:
            yield f"events[{i}].time", event["time"]
        for key in ("actor", "target", "location", "source"):
            if event[key] is not None and event[key]["span"] is not None:
                yield f"events[{i}].{key}", event[key]["span"]


def check_spans(text: str, output: dict[str, Any]) -> int:
    """Assert that every span lies in ``text`` and that its text is exactly ``text[start:end]``; return the count."""
    assert output["doc"]["chars"] == len(text)
    count = 0
    for where, span in spans(output):
        assert 0 <= span["start"] < span["end"] <= len(text), f"{where}: bad offsets {span}"
        if "text" in span:
            assert text[span["start"]:span["end"]] == span["text"], f"{where}: {span} does not slice the text"
        count += 1
    return count


def _errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _schemas(node: dict[str, Any], path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (sub)schema of the extract schema, with its JSON pointer (keywords this schema uses)."""
    yield path, node
    for keyword in ("properties", "$defs"):
        for name, child in node.get(keyword, {}).items():
            yield from _schemas(child, f"{path}/{keyword}/{name}")
    if isinstance(node.get("items"), dict):
        yield from _schemas(node["items"], f"{path}/items")


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type", [])
    return {kind} if isinstance(kind, str) else set(kind)


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    missing = [f"{path}/properties/{name}" for path, node in _schemas(schema)
               for name, child in node.get("properties", {}).items()
               if not isinstance(child.get("description"), str) or not child["description"].strip()]
    assert not missing, f"properties without a description: {missing}"


def test_every_object_is_closed_and_requires_all_its_keys(schema: dict[str, Any]) -> None:
    for path, node in _schemas(schema):
        if "object" in _types(node):
            assert node.get("additionalProperties") is False, f"{path} does not set additionalProperties: false"
            assert sorted(node["required"]) == sorted(node["properties"]), f"{path}: required != properties"


def test_version_matches_contract(schema: dict[str, Any]) -> None:
    assert schema["properties"]["version"]["const"] == FORMAT_VERSION


def test_synthetic_output_with_events_and_quotes_validates(validator: Draft202012Validator) -> None:
    extraction = synthetic_extraction()
    output = to_dict(extraction)
    assert _errors(validator, output) == []
    assert check_spans(extraction.document.text, output) == 14
    assert output["events"][0]["time"]["value"] == "2021-08-09"


def test_empty_output_validates(validator: Draft202012Validator) -> None:
    output = to_dict(Extraction(Document(id="x", text="t")))
    assert _errors(validator, output) == []


@pytest.mark.parametrize("path", [
    ("errors",), ("doc", "chars"), ("doc", "dateline", "agency"), ("entities", 0, "lat"),
    ("entities", 0, "mentions", 0, "label"), ("events", 0, "evidence", "end"), ("events", 0, "time", "value"),
    ("quotes", 0, "speaker", "entity"), ("timexes", 0, "value"), ("quantities", 0, "kind"),
])
def test_schema_rejects_a_missing_key(validator: Draft202012Validator, path: tuple[str | int, ...]) -> None:
    output = copy.deepcopy(to_dict(synthetic_extraction()))
    parent = output
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    errors = _errors(validator, output)
    assert any(f"'{path[-1]}' is a required property" in error for error in errors), errors


@pytest.mark.parametrize("path", [
    (), ("doc",), ("doc", "dateline"), ("entities", 0), ("entities", 0, "mentions", 0), ("events", 0),
    ("events", 0, "trigger"), ("events", 0, "evidence"), ("events", 0, "time"), ("events", 0, "actor"),
    ("events", 0, "location", "span"), ("events", 0, "date"), ("events", 0, "source"), ("quotes", 0),
    ("quotes", 0, "speaker"), ("quotes", 0, "content"), ("timexes", 0), ("quantities", 0),
])
def test_schema_rejects_an_unknown_key(validator: Draft202012Validator, path: tuple[str | int, ...]) -> None:
    output = copy.deepcopy(to_dict(synthetic_extraction()))
    parent = output
    for step in path:
        parent = parent[step]
    parent["confidence"] = 0.9
    errors = _errors(validator, output)
    assert any("'confidence' was unexpected" in error for error in errors), errors


@pytest.mark.parametrize(("path", "value"), [
    (("version",), "1.0"), (("events", 0, "date", "precision"), 4), (("entities", 1, "feature_level"), "town"),
    (("entities", 1, "country"), "Afghanistan"), (("timexes", 0, "interval", "begin"), "Monday"), (("doc", "published"), "9 Aug 2021"), (("doc", "published_provenance"), "guessed"),
    (("entities", 0, "type"), "LOC"), (("timexes", 0, "type"), "INTERVAL"), (("quotes", 0, "kind"), "paraphrase"),
    (("events", 0, "modality"), "denied"), (("quantities", 0, "start"), -1),
])
def test_schema_rejects_a_bad_value(validator: Draft202012Validator, path: tuple[str | int, ...], value: Any) -> None:
    output = copy.deepcopy(to_dict(synthetic_extraction()))
    parent = output
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    assert _errors(validator, output)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SEED_REPORTS))
def test_seed_report_output_matches_schema(seed_outputs: dict, validator: Draft202012Validator, name: str) -> None:
    text, output = seed_outputs[name]
    assert _errors(validator, output) == []
    assert output["doc"]["published"] == SEED_REPORTS[name]
    assert output["doc"]["published_provenance"] == "given"
    assert output["errors"] == [], "a stage failed on a seed report"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SEED_REPORTS))
def test_seed_report_spans_slice_the_text(seed_outputs: dict, name: str) -> None:
    text, output = seed_outputs[name]
    assert output["entities"] and output["timexes"] and output["quantities"], "a layer came back empty"
    assert check_spans(text, output) > 0


def test_the_example_in_the_format_doc_is_current_and_valid(validator: Draft202012Validator) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "extract-format.md").read_text(encoding="utf-8")
    example = json.loads(doc.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0])
    assert example["version"] == FORMAT_VERSION
    assert _errors(validator, example) == []
