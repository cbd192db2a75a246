"""Quantities: counted amounts on the real seed reports, their kinds, qualifiers, windows and sources."""

from __future__ import annotations

import pytest
from tests.conftest import SEED_000, SEED_004

from sitroom import quantities, timexes
from sitroom.extraction import extract
from sitroom.model import Document, Extraction, Quantity, Quote, QuoteKind, Span
from sitroom.pipeline import StageInput
from sitroom.quantities import parse_number
from sitroom.settings import load_settings


def run(text: str) -> Extraction:
    return extract(text, published="2021-08-13", settings=load_settings(env={}))


def found(extraction: Extraction, text: str) -> list[Quantity]:
    return [q for q in extraction.quantities if q.span.text == text]


def facts(extraction: Extraction) -> set[tuple[str, float, str | None, str]]:
    return {(q.span.text, q.value, q.unit, q.kind) for q in extraction.quantities}


# -- the seed reports ----------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("seed", "text", "value", "unit", "kind", "qualifier"), [
    (SEED_000, "36 people", 36, "people", "killed", None),
    (SEED_000, "220", 220, "people", "injured", None),
    (SEED_000, "More than half", 0.5, "proportion", "injured", "more than"),
    (SEED_000, "20 children", 20, "children", "killed", None),
    (SEED_000, "130 children", 130, "children", "injured", None),
    (SEED_000, "315 km", 315, "km", "distance", None),
    (SEED_000, "200 miles", 200, "miles", "distance", None),
    (SEED_000, "less than a dozen strikes", 12, "strikes", "count", "less than"),
    (SEED_000, "three provincial capitals", 3, "capitals", "count", None),
    (SEED_000, "sixth provincial capital", 6, "capitals", "count", None),
    (SEED_000, "Thousands", 2000, "people", "count", "vague"),
    (SEED_004, "3,000 troops", 3000, "troops", "troops", None),
    (SEED_004, "4,000 employees", 4000, "employees", "staff", None),
    (SEED_004, "about 1,400 Americans", 1400, "Americans", "staff", "about"),
    (SEED_004, "150 kilometres", 150, "km", "distance", None),
    (SEED_004, "Dozens", 24, "vehicles", "count", "vague"),
    (SEED_004, "600", 600, "troops", "troops", None),
    (SEED_004, "12", 12, "centers", "count", None),
    (SEED_004, "four major cities", 4, "cities", "count", None),
    (SEED_004, "two", 2, "cities", "count", None),
])
def test_seed_quantities(extracted: dict[str, Extraction], seed, text, value, unit, kind, qualifier) -> None:
    [quantity] = found(extracted[seed], text)
    assert (quantity.value, quantity.unit, quantity.kind, quantity.qualifier) == (value, unit, kind, qualifier)


@pytest.mark.slow
def test_hundreds_of_prisoners_and_of_troops(extracted: dict[str, Extraction]) -> None:
    assert sorted((q.value, q.unit, q.kind) for q in found(extracted[SEED_004], "hundreds")) == [
        (200, "prisoners", "prisoners"), (200, "troops", "troops")]


@pytest.mark.slow
def test_36_killed_is_in_the_hospital_sentence(extracted: dict[str, Extraction], seed_texts) -> None:
    text = seed_texts[SEED_000]
    [killed] = found(extracted[SEED_000], "36 people")
    assert killed.span.start == text.index("36 people had been killed")


@pytest.mark.slow
def test_spans_slice_the_text(extracted: dict[str, Extraction], seed_texts: dict[str, str]) -> None:
    for name, extraction in extracted.items():
        for quantity in extraction.quantities:
            assert seed_texts[name][quantity.span.start:quantity.span.end] == quantity.span.text
            assert quantity.doc_id == extraction.document.id


@pytest.mark.slow
def test_years_durations_sources_and_articles_are_not_quantities(extracted: dict[str, Extraction]) -> None:
    texts = {q.span.text for e in extracted.values() for q in e.quantities}
    assert not texts & {"2001", "11", "72", "20-year", "one", "One", "10", "8", "three"}
    assert not [t for t in texts if "official" in t.lower() or "second" in t.lower()]  # "two American officials"
    assert all(q.value is not None for e in extracted.values() for q in e.quantities)


@pytest.mark.slow
def test_windows_are_the_periods_counted_over(extracted: dict[str, Extraction]) -> None:
    def window(seed: str, text: str) -> str | None:
        [quantity] = found(extracted[seed], text)
        timex = {t.id: t.span.text for t in extracted[seed].timexes}
        return timex.get(quantity.window)
    assert window(SEED_000, "36 people") == window(SEED_000, "220") == "the past 11 days"
    assert window(SEED_000, "20 children") == window(SEED_000, "130 children") == "the past 72 hours"
    assert window(SEED_000, "three provincial capitals") == "the weekend"
    assert window(SEED_000, "sixth provincial capital") == "Monday"
    assert window(SEED_004, "12") == "the last 8 days"
    assert window(SEED_000, "315 km") is None  # a distance is not counted over time


# -- sentences of our own ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("opening", ["KABUL, Aug 9 (Reuters) - ", "KABUL, 9 Aug (Reuters) - ", "KABUL, Aug. 9 - "])
def test_dateline_day_is_not_a_quantity(nlp, opening: str) -> None:
    result = run(opening + "Taliban fighters killed 12 people and took two provincial capitals.")
    assert not [q for q in result.quantities if q.span.start < len(opening)]
    assert 9 not in {q.value for q in result.quantities}
    assert (12, "killed") in {(q.value, q.kind) for q in result.quantities}


@pytest.mark.slow
def test_conjoined_counts_share_the_verb(nlp) -> None:
    result = run("Kabul - Officials said 14 people had been killed and 30 wounded in the attack.")
    assert {(q.value, q.kind) for q in result.quantities} == {(14, "killed"), (30, "injured")}


@pytest.mark.slow
def test_at_least_12_civilians_killed(nlp) -> None:
    result = run("Kabul - At least 12 civilians were killed and 40 injured.")
    assert facts(result) == {("At least 12 civilians", 12, "civilians", "killed"), ("40", 40, "people", "injured")}
    assert {q.qualifier for q in result.quantities} == {"at least", None}


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kabul - Some 400,000 people were driven from their homes.", ("Some 400,000 people", 400_000, "about")),
    ("Kabul - Up to 300,000 people fled.", ("Up to 300,000 people", 300_000, "up to")),
    ("Kabul - More than 100 soldiers surrendered.", ("More than 100 soldiers", 100, "more than")),
    ("Kabul - The war forced tens of thousands of people from their homes.", ("tens of thousands", 20_000, "vague")),
    ("Kabul - The UN said half a million people needed food.", ("half a million people", 500_000, None)),
    ("Kabul - Between 10 and 15 fighters were captured.", ("Between 10 and 15 fighters", 10, "at least")),
])
def test_qualifiers(nlp, sentence: str, expected: tuple) -> None:
    assert expected in {(q.span.text, q.value, q.qualifier) for q in run(sentence).quantities}


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "Kabul - Two officials confirmed the talks, according to three diplomats.",
    "Kabul - Herat is the second city and Kandahar the third-largest city.",
    "Kabul - The donors pledged $20 million and passed Resolution 2593.",
    "Kabul - She had moved three times since one official visited.",
    "Kabul - The COVID-19 outbreak reached the Mi-17 base.",
])
def test_not_amounts(nlp, sentence: str) -> None:
    assert run(sentence).quantities == ()


@pytest.mark.slow
def test_a_number_the_model_calls_money(nlp) -> None:
    result = run("Kabul - The war has killed thousands and forced more than 8 million from their homes.")
    assert ("more than 8 million", 8_000_000) in {(q.span.text, q.value) for q in result.quantities}


@pytest.mark.slow
def test_elided_nouns(nlp) -> None:
    result = run("Kabul - The WHO said several hospitals had been shelled and that at least nine had closed. "
                 "The UN warned of danger to 800,000 civilians, including hundreds of thousands in camps.")
    assert {(q.span.text, q.unit) for q in result.quantities} == {
        ("at least nine", "hospitals"), ("800,000 civilians", "civilians"), ("hundreds of thousands", "civilians")}


@pytest.mark.slow
def test_a_death_toll(nlp) -> None:
    result = run("Kabul - The death toll from the market attack rose to 13.")
    assert {(q.value, q.unit, q.kind) for q in result.quantities} == {(13, "people", "killed")}


@pytest.mark.slow
def test_a_quote_holding_the_number_is_its_source(nlp) -> None:
    text = 'Kabul - "We counted 40 bodies," a doctor said. Another 12 people were hurt on Monday.'
    document = Document(id="d", text=text)
    parsed = nlp(text)
    start, end = text.index("We counted"), text.index('," a doctor') + 1
    quote = Quote("u-1", "d", QuoteKind.DIRECT, Span(start, end, text[start:end]))
    times = timexes.stage(StageInput(document, parsed, {}))["timexes"]
    result = quantities.stage(StageInput(document, parsed, {"timexes": times, "quotes": (quote,), "entities": ()}))
    assert {(q.span.text, q.source, q.kind) for q in result["quantities"]} == {
        ("40 bodies", "u-1", "killed"), ("12 people", None, "injured")}
    [hurt] = [q for q in result["quantities"] if q.value == 12]
    assert hurt.window == times[0].id  # "on Monday"


# -- parse_number() alone ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("3,000", 3000),
    ("1,400", 1400),
    ("36", 36),
    ("twenty-five", 25),
    ("twenty-five thousand", 25000),
    ("two hundred", 200),
    ("three thousand five hundred", 3500),
    ("hundreds", 200),
    ("Dozens", 24),
    ("Thousands", 2000),
    ("less than a dozen", 12),
    ("a dozen", 12),
    ("1.5 million", 1_500_000),
    ("about 1,400", 1400),
    ("zero", 0),
    ("half a million", 500_000),
    ("More than half", 0.5),
    ("tens of thousands", 20_000),
    ("hundreds of thousands", 200_000),
    ("several hundred", 200),
    ("a quarter", 0.25),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["several", "", "the"])
def test_parse_number_without_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "low", "high"), [
    ("10-15", 10, 15), ("between 10 and 15", 10, 15), ("seven or eight", 7, 8),
])
def test_parse_number_range_is_not_a_sum(text: str, low: float, high: float) -> None:
    assert low <= parse_number(text) <= high


@pytest.mark.slow
def test_each_count_takes_the_time_of_its_own_clause(nlp) -> None:
    result = run("Kabul - 12 civilians died in air strikes last Tuesday, and a further three were killed on "
                 "Wednesday morning. The war has killed more than 350,000 people since 2011.")
    timex = {t.id: t.span.text for t in result.timexes}
    assert {q.span.text: timex.get(q.window) for q in result.quantities} == {
        "12 civilians": "last Tuesday", "three": "Wednesday morning", "more than 350,000 people": "2011"}
