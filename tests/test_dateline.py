"""Datelines: the place, date and agency that open a report, and sentences that must not pass for one."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.dateline import parse_dateline

# (text, places, date, date_value, agency, the dateline's own text)
SHAPES = [
    ("Kabul - President Joe Biden has said ...", ("Kabul",), None, None, None, "Kabul -"),
    ("WASHINGTON/HERAT/KABUL/DOHA: The Afghan government ...", ("WASHINGTON", "HERAT", "KABUL", "DOHA"), None,
     None, None, "WASHINGTON/HERAT/KABUL/DOHA:"),
    ("KABUL, Afghanistan (Jan. 25, 2013) — The Taliban ...", ("KABUL", "Afghanistan"), dt.date(2013, 1, 25),
     "2013-01-25", None, "KABUL, Afghanistan (Jan. 25, 2013) —"),
    ("KANDAHAR, Aug 13 (Reuters) - The Taliban ...", ("KANDAHAR",), None, "XXXX-08-13", "Reuters",
     "KANDAHAR, Aug 13 (Reuters) -"),
    ("HERAT, Afghanistan (AP) — The Taliban ...", ("HERAT", "Afghanistan"), None, None, "AP",
     "HERAT, Afghanistan (AP) —"),
    ("MAZAR-I-SHARIF, Afghanistan, Aug. 14, 2021 -- The city fell.", ("MAZAR-I-SHARIF", "Afghanistan"),
     dt.date(2021, 8, 14), "2021-08-14", None, "MAZAR-I-SHARIF, Afghanistan, Aug. 14, 2021 --"),
    ("Lashkar Gah — Fighting raged on Thursday.", ("Lashkar Gah",), None, None, None, "Lashkar Gah —"),
    ("KABUL (Reuters) - x", ("KABUL",), None, None, "Reuters", "KABUL (Reuters) -"),
    ("Kabul, 13 August 2021: The Taliban ...", ("Kabul",), dt.date(2021, 8, 13), "2021-08-13", None,
     "Kabul, 13 August 2021:"),
]


@pytest.mark.parametrize(("text", "places", "date", "value", "agency", "own_text"), SHAPES,
                         ids=[shape[5] for shape in SHAPES])
def test_dateline_shapes(text, places, date, value, agency, own_text) -> None:
    line = parse_dateline(text)
    assert line is not None
    assert (line.places, line.date, line.date_value, line.agency) == (places, date, value, agency)
    assert line.span.text == own_text


@pytest.mark.parametrize("text", [
    "The Taliban - the group - seized Kunduz.",
    "President Joe Biden - who spoke on Monday - said ...",
    "Note: this is a correction.",
    "Taliban fighters took Kunduz.",
    "US envoy for Afghanistan Zalmay Khalilzad has left for Qatar.",
])
def test_sentences_are_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize("text", [shape[0] for shape in SHAPES] + ["  \nKANDAHAR, Aug 13 (Reuters) - The Taliban"])
def test_span_offsets_slice_the_text(text: str) -> None:
    line = parse_dateline(text)
    assert line is not None
    assert text[line.span.start:line.span.end] == line.span.text
    assert line.span.text == line.span.text.strip()


def test_leading_whitespace_is_not_part_of_the_span() -> None:
    line = parse_dateline("  KABUL, Aug 13 (Reuters) - The Taliban")
    assert (line.span.start, line.span.text) == (2, "KABUL, Aug 13 (Reuters) -")


def test_an_impossible_date_gives_no_date() -> None:
    line = parse_dateline("KABUL, Feb. 30, 2021 - The Taliban")
    assert line is not None and line.date is None and line.date_value is None


def test_seed_000_opens_with_kabul(seed_texts: dict[str, str]) -> None:
    text = seed_texts["000_e8932c4ce51662c1.txt"]
    line = parse_dateline(text)
    assert line is not None
    assert line.places == ("Kabul",)
    assert line.span.text == "Kabul -" == text[line.span.start:line.span.end]
    assert line.date is None and line.agency is None


def test_seed_004_opens_with_four_places(seed_texts: dict[str, str]) -> None:
    text = seed_texts["004_271c4b522949b8fc.txt"]
    line = parse_dateline(text)
    assert line is not None
    assert line.places == ("WASHINGTON", "HERAT", "KABUL", "DOHA")
    assert line.span.text == "WASHINGTON/HERAT/KABUL/DOHA:" == text[line.span.start:line.span.end]
    assert text[line.span.end:].startswith(" The Afghan government")
