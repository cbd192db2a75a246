"""Tests of the layer-specific metrics (sitroom/evaluate_extra.py): geocoding, values, speakers, full events."""

from __future__ import annotations

import datetime as dt

from sitroom.evaluate import GoldDoc, GoldEvent, score
from sitroom.model import (
    Document,
    Entity,
    EntityType,
    Event,
    Extraction,
    Mention,
    Quote,
    QuoteKind,
    Span,
    Timex,
    TimexType,
)

TEXT = 'On Monday, they took Aybak, capital of Samangan. "Not much," Kirby said.'
#        0123456789012345678901234567890123456789012345678901234567890123456789012


def _span(text: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text), text)


def _gold(**layers) -> GoldDoc:
    return GoldDoc("g", TEXT, dt.date(2021, 8, 9), None, **layers)


def _extraction(**layers) -> Extraction:
    return Extraction(Document(id="d", text=TEXT), **layers)


def _place(name: str, lat: float | None, lon: float | None) -> Entity:
    s = _span(name)
    return Entity(f"e-{name}", "d", EntityType.PLACE, name, (Mention("d", s.start, s.end, name, "GPE"),), lat, lon)


def test_a_place_within_161_km_is_right_and_one_farther_is_wrong():
    aybak, samangan = _span("Aybak"), _span("Samangan")
    gold = _gold(entities=(Mention("g", aybak.start, aybak.end, "Aybak", "PLACE"),
                           Mention("g", samangan.start, samangan.end, "Samangan", "PLACE")),
                 geo=((aybak.start, aybak.end, 36.2656, 68.0155), (samangan.start, samangan.end, 36.0, 67.75)))
    near = _extraction(entities=(_place("Aybak", 36.26, 68.02), _place("Samangan", 34.5, 69.2)))  # Kabul: far
    layer = score([gold], [near]).layer("places").metrics()
    assert layer["geo_recall"] == 0.5 and layer["geo_accuracy"] == 0.5
    unresolved = _extraction(entities=(_place("Aybak", None, None), _place("Samangan", 36.0, 67.8)))
    layer = score([gold], [unresolved]).layer("places").metrics()
    assert layer["geo_recall"] == 0.5 and layer["geo_accuracy"] == 1.0  # left unresolved: missed, not wrong


def test_timex_value_f1_counts_only_right_values():
    monday = _span("Monday")
    gold = _gold(timexes=(Timex("t", "g", monday, TimexType.DATE, "2021-08-09"),))
    right = _extraction(timexes=(Timex("t", "d", monday, TimexType.DATE, "2021-08-09"),))
    wrong = _extraction(timexes=(Timex("t", "d", monday, TimexType.DATE, "2021-08-16"),))
    assert score([gold], [right]).layer("timexes").metrics()["value_f1"] == 1.0
    assert score([gold], [wrong]).layer("timexes").metrics()["value_f1"] == 0.0
    assert score([gold], [wrong]).layer("timexes").metrics()["lenient_f1"] == 1.0


def test_speaker_accuracy_needs_overlapping_speakers():
    content, kirby = _span("Not much,"), _span("Kirby")
    gold = _gold(quotes=(Quote("q", "g", QuoteKind.DIRECT, content, kirby, cue="said"),))
    right = _extraction(quotes=(Quote("q", "d", QuoteKind.DIRECT, content, kirby),))
    wrong = _extraction(quotes=(Quote("q", "d", QuoteKind.DIRECT, content, _span("they")),))
    assert score([gold], [right]).layer("quotes").metrics()["speaker_accuracy"] == 1.0
    assert score([gold], [wrong]).layer("quotes").metrics()["speaker_accuracy"] == 0.0


def _event(location: str | None, time: str | None, plover: str = "ASSAULT") -> Event:
    took = _span("took")
    return Event("e", "d", took, took, plover, event_type="Battles",
                 sub_event_type="Non-state actor overtakes territory",
                 location_span=_span(location) if location else None, time="t-monday" if time else None)


def test_full_event_match_needs_type_location_and_time():
    gold = _gold(events=(GoldEvent(_span("took"), "ASSAULT", "asserted", "Battles",
                                   "Non-state actor overtakes territory", "they", None, "Aybak", "Monday"),))
    monday = (Timex("t-monday", "d", _span("Monday"), TimexType.DATE, "2021-08-09"),)
    cases = {
        "right": (_event("Aybak", "Monday"), 1.0),
        "wrong place": (_event("Samangan", "Monday"), 0.0),
        "no time": (_event("Aybak", None), 0.0),
        "wrong PLOVER type": (_event("Aybak", "Monday", plover="COERCE"), 0.0),
    }
    for name, (event, expected) in cases.items():
        metrics = score([gold], [_extraction(events=(event,), timexes=monday)]).layer("events").metrics()
        assert metrics["full_f1"] == expected, name
