"""Time expressions: TIMEX3 values on the real seed reports, future-tense resolution, and normalize() alone."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import SEED_000, SEED_004

from sitroom.extraction import extract
from sitroom.model import Extraction, Timex, TimexType
from sitroom.settings import load_settings
from sitroom.timex_rules import find
from sitroom.timexes import normalize, resolve

FRIDAY = dt.date(2021, 8, 13)
MONDAY = dt.date(2021, 8, 9)
D = dt.date


def run(text: str, published: str | None) -> Extraction:
    return extract(text, published=published, settings=load_settings(env={}))


def timexes(extraction: Extraction, text: str) -> list[Timex]:
    return [t for t in extraction.timexes if t.span.text == text]


def values(extraction: Extraction, text: str) -> set[tuple[TimexType, str | None]]:
    return {(t.type, t.value) for t in timexes(extraction, text)}


# -- seed 000, published Monday 2021-08-09 -------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind", "value"), [
    ("the past 11 days", TimexType.DURATION, "P11D"),
    ("Monday", TimexType.DATE, "2021-08-09"),
    ("the weekend", TimexType.DATE, "2021-W31-WE"),
    ("last year", TimexType.DATE, "2020"),
    ("August 31", TimexType.DATE, "2021-08-31"),
    ("20-year", TimexType.DURATION, "P20Y"),
    ("a decade", TimexType.DURATION, "P10Y"),
    ("the past 72 hours", TimexType.DURATION, "PT72H"),
    ("2001", TimexType.DATE, "2001"),
    ("Right now", TimexType.DATE, "PRESENT_REF"),
    ("this particular moment", TimexType.DATE, "PRESENT_REF"),
    ("earlier this year", TimexType.DATE, "2021"),
    ("around 10 hours", TimexType.DURATION, "PT10H"),
    ("10 minutes", TimexType.DURATION, "PT10M"),
])
def test_seed_000_values(extracted: dict[str, Extraction], text: str, kind: TimexType, value: str) -> None:
    assert values(extracted[SEED_000], text) == {(kind, value)}


@pytest.mark.slow
def test_seed_000_mondays_are_all_found(extracted: dict[str, Extraction], seed_texts: dict[str, str]) -> None:
    assert len(timexes(extracted[SEED_000], "Monday")) == seed_texts[SEED_000].count("Monday") == 3


@pytest.mark.slow
def test_spans_slice_the_text(extracted: dict[str, Extraction], seed_texts: dict[str, str]) -> None:
    for name, extraction in extracted.items():
        for timex in extraction.timexes:
            assert seed_texts[name][timex.span.start:timex.span.end] == timex.span.text
            assert timex.doc_id == extraction.document.id
        assert len({t.id for t in extraction.timexes}) == len(extraction.timexes)


# -- seed 004, published Friday 2021-08-13 -------------------------------------------------------

@pytest.mark.slow
def test_seed_004_thursday_told_afp(extracted: dict[str, Extraction], seed_texts: dict[str, str]) -> None:
    text = seed_texts[SEED_004]
    start = text.index("told AFP on Thursday") + len("told AFP on ")
    [timex] = [t for t in extracted[SEED_004].timexes if t.span.start == start]
    assert (timex.span.text, timex.type, timex.value) == ("Thursday", TimexType.DATE, "2021-08-12")


@pytest.mark.slow
def test_seed_004_every_thursday_is_the_day_before(extracted: dict[str, Extraction]) -> None:
    thursdays = timexes(extracted[SEED_004], "Thursday")
    assert len(thursdays) == 6
    assert {(t.span.start, t.value) for t in thursdays} == {(t.span.start, "2021-08-12") for t in thursdays}


@pytest.mark.slow
def test_seed_004_wednesday_evening(extracted: dict[str, Extraction]) -> None:
    assert values(extracted[SEED_004], "Wednesday evening") == {(TimexType.TIME, "2021-08-11TEV")}


@pytest.mark.slow
def test_seed_004_last_8_days(extracted: dict[str, Extraction]) -> None:
    assert values(extracted[SEED_004], "the last 8 days") == {(TimexType.DURATION, "P8D")}


# -- tense -------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "day", "value"), [
    ("Kabul - The United States said it will deploy troops to the airport on Monday.", "Monday", "2021-08-16"),
    ("Kabul - The Taliban will attack the city on Monday, officials said.", "Monday", "2021-08-16"),
    ("Kabul - The Taliban attacked the city on Monday, officials said.", "Monday", "2021-08-09"),
    ("Kabul - The embassy will close on Friday.", "Friday", "2021-08-13"),
])
def test_a_weekday_under_will_resolves_forward(nlp, sentence: str, day: str, value: str) -> None:
    result = run(sentence, "2021-08-13")
    assert [(t.span.text, t.type, t.value) for t in result.timexes] == [(day, TimexType.DATE, value)]


@pytest.mark.slow
def test_without_a_publication_date_values_stay_underspecified(nlp) -> None:
    result = run("Kabul - The Taliban took Kunduz on Monday and will leave by August 31.", None)
    assert {(t.span.text, t.value) for t in result.timexes} == {("Monday", "XXXX-WXX-1"),
                                                              ("August 31", "XXXX-08-31")}


# -- normalize() without a model -------------------------------------------------------------

@pytest.mark.parametrize(("text", "anchor", "future", "expected"), [
    ("Monday", None, False, (TimexType.DATE, "XXXX-WXX-1")),
    ("Sunday", None, False, (TimexType.DATE, "XXXX-WXX-7")),
    ("Monday", FRIDAY, False, (TimexType.DATE, "2021-08-09")),
    ("Monday", FRIDAY, True, (TimexType.DATE, "2021-08-16")),
    ("Friday", FRIDAY, False, (TimexType.DATE, "2021-08-13")),
    ("Friday", FRIDAY, True, (TimexType.DATE, "2021-08-13")),
    ("Thursday", FRIDAY, False, (TimexType.DATE, "2021-08-12")),
    ("next Monday", FRIDAY, False, (TimexType.DATE, "2021-08-16")),
    ("Wednesday evening", FRIDAY, False, (TimexType.TIME, "2021-08-11TEV")),
    ("Monday morning", None, False, (TimexType.TIME, "XXXX-WXX-1TMO")),
    ("20-year", None, False, (TimexType.DURATION, "P20Y")),
    ("a decade", None, False, (TimexType.DURATION, "P10Y")),
    ("the past 11 days", None, False, (TimexType.DURATION, "P11D")),
    ("three days", None, False, (TimexType.DURATION, "P3D")),
    ("the past 72 hours", None, False, (TimexType.DURATION, "PT72H")),
    ("weeks", None, False, (TimexType.DURATION, "PXW")),
    ("the day", None, False, (TimexType.DATE, None)),
    ("the day", FRIDAY, False, (TimexType.DATE, None)),
    ("last year", FRIDAY, False, (TimexType.DATE, "2020")),
    ("last year", None, False, (TimexType.DATE, None)),
    ("earlier this year", FRIDAY, False, (TimexType.DATE, "2021")),
    ("August 31", FRIDAY, False, (TimexType.DATE, "2021-08-31")),
    ("August 31", None, False, (TimexType.DATE, "XXXX-08-31")),
    ("August 31, 2020", FRIDAY, False, (TimexType.DATE, "2020-08-31")),
    ("August", FRIDAY, False, (TimexType.DATE, "2021-08")),
    ("2001", None, False, (TimexType.DATE, "2001")),
    ("yesterday", FRIDAY, False, (TimexType.DATE, "2021-08-12")),
    ("tonight", FRIDAY, False, (TimexType.TIME, "2021-08-13TNI")),
    ("the weekend", dt.date(2021, 8, 9), False, (TimexType.DATE, "2021-W31-WE")),
    ("every day", None, False, (TimexType.SET, "P1D")),
])
def test_normalize(text: str, anchor: dt.date | None, future: bool, expected: tuple) -> None:
    assert normalize(text, anchor, future=future) == expected


def test_normalize_ignores_case_and_spacing() -> None:
    assert normalize("  MONDAY  ", FRIDAY) == normalize("Monday", FRIDAY) == (TimexType.DATE, "2021-08-09")
    assert normalize("the  past\n11 days.", None) == (TimexType.DURATION, "P11D")


@pytest.mark.parametrize(("text", "value"), [
    ("August 2020", "2020-08"),
    ("February 2020", "2020-02"),
    ("31 August 2020", "2020-08-31"),
])
def test_normalize_month_with_year(text: str, value: str) -> None:
    assert normalize(text, FRIDAY) == (TimexType.DATE, value)


@pytest.mark.parametrize(("text", "value"), [
    ("Aug. 14", "2021-08-14"),
    ("14 Aug", "2021-08-14"),
    ("Sept. 11, 2001", "2001-09-11"),
])
def test_normalize_abbreviated_month(text: str, value: str) -> None:
    assert normalize(text, FRIDAY) == (TimexType.DATE, value)


@pytest.mark.slow
def test_month_and_year_in_a_report(nlp) -> None:
    result = run("Kabul - The deal was signed in February 2020, officials said.", "2021-08-13")
    assert values(result, "February 2020") == {(TimexType.DATE, "2020-02")}


@pytest.mark.slow
def test_seed_000_intervals(extracted: dict[str, Extraction]) -> None:
    found = {t.span.text: (t.begin, t.end, t.anchored) for t in extracted[SEED_000].timexes}
    assert found["the weekend"] == (D(2021, 8, 7), D(2021, 8, 8), True)
    assert found["the past 11 days"] == (D(2021, 7, 29), MONDAY, True)
    assert found["earlier this year"] == (D(2021, 1, 1), MONDAY, True)
    assert found["last year"] == (D(2020, 1, 1), D(2020, 12, 31), True)
    assert found["2001"] == (D(2001, 1, 1), D(2001, 12, 31), False)  # explicit: an interval, not anchored
    assert found["20-year"] == (None, None, False)  # a length of time with no anchor


@pytest.mark.slow
def test_seed_004_references(extracted: dict[str, Extraction]) -> None:
    assert values(extracted[SEED_004], "now") == {(TimexType.DATE, "PRESENT_REF")}
    assert values(extracted[SEED_004], "previously") == {(TimexType.DATE, "PAST_REF")}
    assert values(extracted[SEED_004], "coming months") == {(TimexType.DATE, "FUTURE_REF")}
    # "for weeks" (three times) is a duration; "or even weeks" after "coming months" shares its reference
    assert sorted(t.value for t in timexes(extracted[SEED_004], "weeks")) == ["FUTURE_REF", "PXW", "PXW", "PXW"]


# -- recognition by rule (no model) --------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The insurgents took three provincial capitals over the weekend.", ["the weekend"]),
    ("20 children were killed in the past 72 hours, UNICEF said.", ["the past 72 hours"]),
    ("The military had warned Biden earlier this year.", ["earlier this year"]),
    ('"Right now the Taleban are fighting," he said.', ["Right now"]),
    ("Ground clashes were not stopping even for 10 minutes.", ["10 minutes"]),
    ("The RSF shelled the city on Sunday night and again early Monday.", ["Sunday night", "early Monday"]),
    ("They fought in May and left in late July 2020.", ["May", "late July 2020"]),
    ("May God protect them. March on, they said.", []),
    ("Both sides have broken promises before, he said.", ["before"]),
    ("A second negotiator told AFP the atrocities grow higher by the day.", []),
    ("The ceasefire of Aug. 14 held until 31 August 2021.", ["Aug. 14", "31 August 2021"]),
    ("A pause could come in the coming days, or even hours.", ["the coming days", "hours"]),
    ("The siege began in 2023 and was in its third week by 10 p.m. Tuesday.", ["2023", "10 p.m.", "Tuesday"]),
    ("The convoy will cross next week, every day at dawn.", ["next week", "every day", "dawn"]),
])
def test_rules_find(sentence: str, expected: list[str]) -> None:
    assert [text for _, _, text in find(sentence)] == expected


def test_ner_spans_are_trimmed_and_split() -> None:
    text = "Lashkar Gah fell on Tuesday after weeks of fighting, by the day."
    tuesday_after_weeks = (text.index("on Tuesday"), text.index(" of fighting"))
    by_the_day = (text.index("by the day"), text.index("."))
    assert [t for _, _, t in find(text, [tuesday_after_weeks, by_the_day])] == ["Tuesday", "weeks"]


# -- intervals and tense (no model) ------------------------------------------------------------

@pytest.mark.parametrize(("text", "anchor", "future", "expected"), [
    ("last year", FRIDAY, False, ("2020", D(2020, 1, 1), D(2020, 12, 31), True)),
    ("earlier this month", FRIDAY, False, ("2021-08", D(2021, 8, 1), FRIDAY, True)),
    ("later this year", FRIDAY, False, ("2021", FRIDAY, D(2021, 12, 31), True)),
    ("last week", MONDAY, False, ("2021-W31", D(2021, 8, 2), D(2021, 8, 8), True)),
    ("the past week", FRIDAY, False, ("P1W", D(2021, 8, 6), FRIDAY, True)),
    ("over the past 11 days", MONDAY, False, ("P11D", D(2021, 7, 29), MONDAY, True)),
    ("in the past 72 hours", MONDAY, False, ("PT72H", D(2021, 8, 6), MONDAY, True)),
    ("the next three days", FRIDAY, False, ("P3D", FRIDAY, D(2021, 8, 16), True)),
    ("the past few weeks", FRIDAY, False, ("PXW", None, FRIDAY, True)),
    ("three days", FRIDAY, False, ("P3D", None, None, False)),
    ("up to 10 days", FRIDAY, False, ("P10D", None, None, False)),
    ("two weeks ago", FRIDAY, False, ("2021-W30", D(2021, 7, 26), D(2021, 8, 1), True)),
    ("the weekend", MONDAY, False, ("2021-W31-WE", D(2021, 8, 7), D(2021, 8, 8), True)),
    ("this weekend", FRIDAY, True, ("2021-W32-WE", D(2021, 8, 14), D(2021, 8, 15), True)),
    ("Wednesday evening", FRIDAY, False, ("2021-08-11TEV", D(2021, 8, 11), D(2021, 8, 11), True)),
    ("last night", FRIDAY, False, ("2021-08-12TNI", D(2021, 8, 12), FRIDAY, True)),
    ("August 31", MONDAY, True, ("2021-08-31", D(2021, 8, 31), D(2021, 8, 31), True)),
    ("late July", FRIDAY, False, ("2021-07", D(2021, 7, 21), D(2021, 7, 31), True)),
    ("the end of July", FRIDAY, False, ("2021-07", D(2021, 7, 21), D(2021, 7, 31), True)),
    ("August 31, 2020", FRIDAY, False, ("2020-08-31", D(2020, 8, 31), D(2020, 8, 31), False)),
    ("the 1990s", FRIDAY, False, ("199", D(1990, 1, 1), D(1999, 12, 31), False)),
    ("now", FRIDAY, False, ("PRESENT_REF", FRIDAY, FRIDAY, True)),
    ("coming months", FRIDAY, False, ("FUTURE_REF", FRIDAY, None, True)),
    ("recent weeks", FRIDAY, False, ("PAST_REF", None, FRIDAY, True)),
    ("before", FRIDAY, False, ("PAST_REF", None, FRIDAY, True)),
    ("every day", FRIDAY, False, ("P1D", None, None, False)),
    ("10 p.m.", FRIDAY, False, ("XXXX-XX-XXT22:00", None, None, False)),
    ("around 6:30 am", FRIDAY, False, ("XXXX-XX-XXT06:30", None, None, False)),
])
def test_resolve_intervals(text: str, anchor: dt.date, future: bool, expected: tuple) -> None:
    found = resolve(text, anchor, future=future)
    assert (found.value, found.begin, found.end, found.anchored) == expected


@pytest.mark.parametrize("text", ["Monday", "August 31", "last year", "the past 11 days", "the weekend", "now"])
def test_without_an_anchor_nothing_is_anchored(text: str) -> None:
    found = resolve(text, None)
    assert not found.anchored and found.begin is None


@pytest.mark.parametrize(("text", "anchor", "tense", "value"), [
    ("April", D(2023, 12, 19), "past", "2023-04"),  # "had fled ... since April", said in December
    ("April", D(2023, 12, 19), "future", "2024-04"),
    ("April", D(2023, 12, 19), "", "2024-04"),  # unmarked: the nearest April
    ("December 25", D(2022, 1, 3), "", "2021-12-25"),
    ("October", D(2024, 5, 14), "past", "2023-10"),
])
def test_a_date_without_a_year_follows_the_tense(text: str, anchor: dt.date, tense: str, value: str) -> None:
    assert resolve(text, anchor, future=tense == "future", past=tense == "past").value == value


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "published", "text", "value"), [
    ("Diplomats said a pause could be announced as early as Tuesday.", "2023-04-17", "Tuesday", "2023-04-18"),
    ("People who had fled to Wad Madani since April are on the move.", "2023-12-19", "April", "2023-04"),
    ("The RSF, which captured Nyala in October, denied it.", "2024-05-14", "October", "2023-10"),
    ("The US plans to withdraw all troops by August 31.", "2021-08-13", "August 31", "2021-08-31"),
])
def test_tense_of_the_clause(nlp, sentence: str, published: str, text: str, value: str) -> None:
    assert {t.value for t in run("Kabul - " + sentence, published).timexes if t.span.text == text} == {value}
