"""Listing the store (sitroom/queries.py and the entities/events/quotes/timeline commands), on hand-built records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom import queries
from sitroom.cli import app
from sitroom.dedup import shingles, signature
from sitroom.ids import document_id
from sitroom.model import (
    DateProvenance,
    Document,
    Entity,
    EntityType,
    Event,
    Extraction,
    FeatureLevel,
    Mention,
    Modality,
    Quote,
    QuoteKind,
    Span,
    Timex,
    TimexType,
)
from sitroom.store import SCHEMA_VERSION, Store

FIRST = ('On Monday, the Taleban took Aybak, capital of Samangan. "Several parts of the capital have fallen," '
         'said Ziauddin Zia. The Taleban will not attack the airport, officials said.')
SECOND = "The Taliban seized Kunduz on Sunday. Afghan forces counterattacked near Kunduz airport."


def _span(text: str, words: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words), words)


def _entity(doc: str, text: str, words: str, kind: EntityType, canonical: str, name: str, **fields) -> Entity:
    s = _span(text, words)
    return Entity(id=f"{doc}:{words}", doc_id=doc, type=kind, name=name, canonical_id=canonical,
                  mentions=(Mention(doc, s.start, s.end, words, "TEST"),), aliases=(words,) if words != name else (),
                  **fields)


def _event(doc: str, text: str, trigger: str, sentence: str, **fields) -> Event:
    return Event(id=f"{doc}:{trigger}", doc_id=doc, trigger=_span(text, trigger), evidence=_span(text, sentence),
                 **{"plover": "ASSAULT", "event_type": "Battles", **fields})


def extractions() -> list[Extraction]:
    one, two = document_id(FIRST), document_id(SECOND)
    taleban = _entity(one, FIRST, "Taleban", EntityType.GROUP, "group:taliban", "Taliban", actor_category="Rebel group")
    aybak = _entity(one, FIRST, "Aybak", EntityType.PLACE, "geonames:1", "Aybak", lat=36.26, lon=68.02,
                    feature_level=FeatureLevel.CITY, admin1="Samangan", country="AF")
    zia = _entity(one, FIRST, "Ziauddin Zia", EntityType.PERSON, "person:zia", "Ziauddin Zia")
    taliban = _entity(two, SECOND, "Taliban", EntityType.GROUP, "group:taliban", "Taliban")
    kunduz = _entity(two, SECOND, "Kunduz", EntityType.PLACE, "geonames:2", "Kunduz", lat=36.73, lon=68.86,
                     admin1="Kunduz", country="AF")
    monday = Timex("t1", one, _span(FIRST, "Monday"), TimexType.DATE, "2021-08-09", dt.date(2021, 8, 9),
                   dt.date(2021, 8, 9), anchored=True)
    quote = Quote("q1", one, QuoteKind.DIRECT, _span(FIRST, "Several parts of the capital have fallen,"),
                  _span(FIRST, "Ziauddin Zia"), zia.id, "said")
    took = _event(one, FIRST, "took", "On Monday, the Taleban took Aybak, capital of Samangan.",
                  sub_event_type="Non-state actor overtakes territory", actor=taleban.id,
                  actor_span=_span(FIRST, "Taleban"), location=aybak.id, location_span=_span(FIRST, "Aybak"),
                  time="t1", date_begin=dt.date(2021, 8, 9), date_end=dt.date(2021, 8, 9), time_precision=1)
    attack = _event(one, FIRST, "attack", "The Taleban will not attack the airport, officials said.",
                    event_type=None, modality=Modality.HYPOTHETICAL, actor=taleban.id,
                    actor_span=_span(FIRST, "Taleban", 1), date_begin=dt.date(2021, 8, 9),
                    date_end=dt.date(2021, 8, 9), date_from_document=True)
    seized = _event(two, SECOND, "seized", "The Taliban seized Kunduz on Sunday.",
                    sub_event_type="Non-state actor overtakes territory", actor=taliban.id, location=kunduz.id,
                    location_span=_span(SECOND, "Kunduz"), date_begin=dt.date(2021, 8, 8), date_end=dt.date(2021, 8, 8))
    clash = _event(two, SECOND, "counterattacked", "Afghan forces counterattacked near Kunduz airport.",
                   sub_event_type="Armed clash", actor_span=_span(SECOND, "Afghan forces"),
                   location=kunduz.id, location_span=_span(SECOND, "Kunduz", 1))
    document = Document(id=one, text=FIRST, source="Khyber Wire", published=dt.date(2021, 8, 9),
                        published_provenance=DateProvenance.GIVEN, origin="first.txt")
    undated = Document(id=two, text=SECOND, source="Pamir Press", origin="second.txt")
    return [Extraction(document, mentions=_mentions(taleban, aybak, zia), entities=(taleban, aybak, zia),
                       timexes=(monday,), quotes=(quote,), events=(took, attack)),
            Extraction(undated, mentions=_mentions(taliban, kunduz), entities=(taliban, kunduz), events=(seized, clash))]


def _mentions(*entities: Entity) -> tuple[Mention, ...]:
    return tuple(m for e in entities for m in e.mentions)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch((x, signature(shingles(x.document.text))) for x in extractions())
    return path


def test_one_canonical_entity_across_reports_with_aliases(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        rows = {row.name: row for row in queries.entities(store)}
        assert rows["Taliban"].documents == 2 and rows["Taliban"].mentions == 2
        assert set(rows["Taliban"].aliases) == {"Taleban", "Taliban"}
        assert [r.name for r in queries.entities(store, type="place")] == ["Aybak", "Kunduz"]
        assert [r.name for r in queries.entities(store, name="taleb")] == ["Taliban"]


def test_event_filters(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        assert len(queries.events(store)) == 4
        assert [r.trigger for r in queries.events(store, actor="taleban")] == ["seized", "took", "attack"]
        assert [r.trigger for r in queries.events(store, type="armed clash")] == ["counterattacked"]
        assert [r.trigger for r in queries.events(store, place="samangan")] == ["took"]
        assert [r.trigger for r in queries.events(store, since=dt.date(2021, 8, 9))] == ["took", "attack"]
        assert [r.trigger for r in queries.events(store, until=dt.date(2021, 8, 8))] == ["seized"]


def test_timeline_keeps_what_happened_in_date_order_with_evidence(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        rows = queries.timeline(store)
    assert [r.trigger for r in rows] == ["seized", "took", "counterattacked"]  # undated report last
    took = rows[1]
    assert took.source.evidence == "On Monday, the Taleban took Aybak, capital of Samangan."
    assert FIRST[took.source.start:took.source.end] == took.source.evidence
    assert (took.actor, took.location, took.lat) == ("Taliban", "Aybak", 36.26)


def test_quotes_name_their_speaker_and_report(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        rows = queries.quotes(store, speaker="zia")
    assert [(r.speaker, r.cue, r.source.source) for r in rows] == [("Ziauddin Zia", "said", "Khyber Wire")]
    assert "said Ziauddin Zia" in rows[0].source.evidence


def test_commands_print_sources_and_json(store_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "2021-08-09" in result.output and "Khyber Wire" in result.output and "took Aybak" in result.output
    assert "attack" not in result.output.split("took Aybak")[1].split("Khyber")[0]
    result = runner.invoke(app, ["events", "--db", str(store_path), "--json", "--type", "ASSAULT"])
    assert result.exit_code == 0, result.output
    assert {row["modality"] for row in json.loads(result.output)} == {"asserted", "hypothetical"}
    result = runner.invoke(app, ["entities", "--db", str(store_path), "--type", "PLACE"])
    assert result.exit_code == 0 and "Samangan" in result.output
    result = runner.invoke(app, ["quotes", "--db", str(store_path), "--json"])
    assert json.loads(result.output)[0]["speaker"] == "Ziauddin Zia"


def test_commands_refuse_bad_options_and_missing_stores(tmp_path: Path, store_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")]).exit_code == 1
    assert runner.invoke(app, ["timeline", "--db", str(store_path), "--since", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["entities", "--db", str(store_path), "--type", "LOC"]).exit_code == 2


def test_a_version_1_store_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    from sitroom.store import MIGRATIONS

    path = tmp_path / "old.duckdb"
    import duckdb

    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("INSERT INTO schema_version VALUES (1, now())")
        db.execute("INSERT INTO entities VALUES ('e', 'd', 'PLACE', 'Kabul', 34.5, 69.2, 1138958)")
    with Store(path) as store:
        assert store.query("SELECT max(version) FROM schema_version")[0][0] == SCHEMA_VERSION
        assert store.query("SELECT name, canonical_id FROM entities") == [("Kabul", None)]
        assert [r.name for r in queries.entities(store)] == ["Kabul"]


def test_a_lone_surname_in_one_report_joins_the_one_full_name_of_another(tmp_path: Path) -> None:
    first, second = "Pentagon spokesman John Kirby spoke.", "Kirby said little. Price said more."
    one, two = document_id(first), document_id(second)
    john = _entity(one, first, "John Kirby", EntityType.PERSON, "person:john kirby", "John Kirby")
    kirby = _entity(two, second, "Kirby", EntityType.PERSON, "person:kirby", "Kirby")
    price = _entity(two, second, "Price", EntityType.PERSON, "person:price", "Price")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch((Extraction(Document(id=d, text=t), mentions=_mentions(*es), entities=es),
                           signature(shingles(t))) for d, t, es in ((one, first, (john,)), (two, second, (kirby, price))))
        rows = {row.name: row for row in queries.entities(store, type="PERSON")}
    assert set(rows) == {"John Kirby", "Price"}
    assert rows["John Kirby"].documents == 2 and set(rows["John Kirby"].aliases) == {"John Kirby", "Kirby"}


@pytest.mark.slow
def test_a_canonical_place_id_keeps_that_place_only_and_pages_add_up(demo_db) -> None:
    with Store(demo_db, read_only=True) as store:
        [(kunduz,)] = store.query("SELECT canonical_id FROM canonical WHERE type = 'PLACE' AND name = 'Kunduz'")
        exact = queries.events(store, place=kunduz)
        named = queries.events(store, place="kunduz")
        assert {row.location for row in exact} == {"Kunduz", "Kondoz"}  # one place, in both spellings
        assert {row.id for row in exact} <= {row.id for row in named}
        assert queries.count_events(store, place=kunduz) == len(exact)
        everything = queries.timeline(store)
        pages = [queries.timeline(store, limit=7, offset=start) for start in range(0, len(everything), 7)]
        assert [row.id for page in pages for row in page] == [row.id for row in everything]
        assert queries.count_timeline(store) == len(everything)
