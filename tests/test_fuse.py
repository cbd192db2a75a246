"""Merging events of many reports into incidents (sitroom/fuse.py), on hand-built observations."""

from __future__ import annotations

import datetime as dt
import itertools

from sitroom.fuse import family, fuse
from sitroom.model import Modality, Observation, Span

CAPTURE = "Non-state actor overtakes territory"
KUNDUZ, TALIBAN = "geonames:1135689", "actor:taliban"
_ids = itertools.count()


def obs(doc: str, published: str, sub: str = CAPTURE, *, on: str | None = None, place: str | None = KUNDUZ,
        actor: str | None = TALIBAN, outlet: str | None = None, agency: str | None = None,
        text: str = "The Taliban took Kunduz.", **fields) -> Observation:
    """An observation of ``doc``; ``on`` dates it in its text, else it carries its report's date."""
    day = dt.date.fromisoformat(on or published)
    event_type = {"Armed clash": "Battles", CAPTURE: "Strategic developments"}.get(sub, "Explosions/Remote violence")
    return Observation(
        event_id=f"e{next(_ids)}", doc_id=doc, plover="ASSAULT", modality=fields.pop("modality", Modality.ASSERTED),
        evidence=Span(0, len(text), text), event_type=fields.pop("event_type", event_type), sub_event_type=sub,
        date_begin=day, date_end=day, time_precision=1 if on else 2, date_from_document=on is None,
        place=place, place_name="Kunduz" if place == KUNDUZ else place, actor=actor,
        actor_name="Taliban" if actor == TALIBAN else actor, published=dt.date.fromisoformat(published),
        outlet=outlet or doc, source_key=(agency or outlet or doc).lower(), **fields)


def test_one_capture_told_by_three_reports_is_one_incident_with_its_sources() -> None:
    incidents, contradictions = fuse([
        obs("herald", "2021-08-08", on="2021-08-08", text="The Taliban captured Kunduz on Sunday."),
        obs("monitor", "2021-08-09", on="2021-08-08", text="The Taleban took Kondoz on Sunday."),
        obs("desk", "2021-08-10", text="Kunduz, already in Taliban hands, ..."),  # undated: a day later
    ])
    assert len(incidents) == 1 and not contradictions
    (incident,) = incidents
    assert incident.sources == 3 and incident.documents == ("herald", "monitor", "desk")
    assert (incident.date_begin, incident.date_end) == (dt.date(2021, 8, 8),) * 2
    assert incident.actor_name == "Taliban" and incident.kind == "territory"


def test_the_same_wire_story_in_two_outlets_is_one_source() -> None:
    """Two papers running one agency's story (its dateline credits the agency) and a republished copy."""
    incidents, _ = fuse([
        obs("paper-a", "2021-08-09", on="2021-08-09", outlet="Paper A", agency="Khyber Wire"),
        obs("paper-b", "2021-08-09", on="2021-08-09", outlet="Paper B", agency="Khyber Wire",
            copies=("Gulf Briefing Service",)),
    ])
    (incident,) = incidents
    assert incident.sources == 1
    assert incident.outlets == ("Gulf Briefing Service", "Paper A", "Paper B")


def test_two_captures_of_one_city_a_week_apart_are_two_incidents() -> None:
    incidents, contradictions = fuse([
        obs("a", "2021-08-01", on="2021-08-01"),
        obs("b", "2021-08-08", on="2021-08-08"),
    ])
    assert [i.date_end for i in incidents] == [dt.date(2021, 8, 1), dt.date(2021, 8, 8)]
    assert not contradictions


def test_an_undated_mention_long_after_does_not_join_an_old_capture() -> None:
    incidents, _ = fuse([obs("a", "2021-08-01", on="2021-08-01"), obs("b", "2021-08-20")])
    assert len(incidents) == 2


def test_different_actors_or_places_or_families_never_merge() -> None:
    incidents, _ = fuse([
        obs("a", "2021-08-08", on="2021-08-08"),
        obs("b", "2021-08-08", on="2021-08-08", actor="actor:isis-k"),
        obs("c", "2021-08-08", on="2021-08-08", place="geonames:1"),
        obs("d", "2021-08-08", "Armed clash", on="2021-08-08"),
    ])
    assert len(incidents) == 4


def test_conflicting_death_tolls_make_one_incident_with_a_contradiction() -> None:
    strike = "Shelling/artillery/missile attack"
    incidents, contradictions = fuse([
        obs("monitor", "2021-08-09", strike, on="2021-08-08", fatalities=12,
            text="At least 12 civilians were killed when mortar rounds struck a market in Kondoz on Sunday."),
        obs("agency", "2021-08-09", strike, on="2021-08-08", fatalities=20,
            text="Twenty people died when shells hit the Kunduz market on Sunday."),
    ])
    (incident,) = incidents
    (found,) = contradictions
    assert found.kind == "fatalities" and found.subject == incident.id and not found.revision
    assert sorted(c.value for c in found.claims) == ["12", "20"]
    assert {c.doc_id for c in found.claims} == {"monitor", "agency"}


def test_a_later_report_that_says_the_toll_has_risen_is_a_revision() -> None:
    strike = "Shelling/artillery/missile attack"
    incidents, contradictions = fuse([
        obs("monitor", "2021-08-09", strike, on="2021-08-08", fatalities=12,
            text="At least 12 civilians were killed when mortar rounds struck a market in Kondoz on Sunday."),
        obs("press", "2021-08-11", "", on="2021-08-08", fatalities=13, event_type=None,
            text="The number of people killed when mortar rounds hit a market in Kunduz on Sunday has risen to 13."),
    ])
    (incident,) = incidents
    (found,) = contradictions
    assert found.revision and found.claims[found.latest].value == "13"
    assert incident.fatalities == 13 and incident.documents == ("monitor", "press")


def test_counts_of_an_untyped_event_join_the_incident_of_their_report() -> None:
    incidents, _ = fuse([
        obs("a", "2021-08-09", "Shelling/artillery/missile attack", on="2021-08-08", text="Mortars struck Kondoz."),
        obs("a", "2021-08-09", "", fatalities=12, event_type=None, text="12 civilians were killed."),
    ])
    (incident,) = incidents
    assert incident.fatalities == 12


def test_reports_that_disagree_on_the_day_of_a_capture_are_flagged() -> None:
    _, contradictions = fuse([obs("a", "2021-08-13", on="2021-08-12"), obs("b", "2021-08-13", on="2021-08-13")])
    (found,) = contradictions
    assert found.kind == "date" and [c.value for c in found.claims] == ["2021-08-12", "2021-08-13"]


def test_what_did_not_happen_and_what_has_no_place_make_no_incident() -> None:
    incidents, _ = fuse([
        obs("a", "2021-08-09", modality=Modality.PLANNED),
        obs("a", "2021-08-09", modality=Modality.NEGATED),
        obs("b", "2021-08-09", place=None),
    ])
    assert incidents == ()
    assert family(obs("c", "2021-08-09", "Armed clash")) == "battle"
