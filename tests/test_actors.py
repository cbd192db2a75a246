"""Actors on the real seed reports and on sentences of our own about Sudan and Ukraine: canonical ids across
documents, aliases, ACLED categories, roles, affiliations, and group nouns resolved to the actor they stand for."""

from __future__ import annotations

import csv
import io

import pycountry
import pytest
from tests.conftest import SEED_000, SEED_004, SEED_DATES
from tests.test_entities import SUDAN

from sitroom import actors
from sitroom.actors import NOMINAL_LABEL, canonical_id, canonical_key, nominal_category
from sitroom.extraction import extract
from sitroom.lexicons import load_csv, read_text
from sitroom.model import Entity, EntityType, Extraction, Mention
from sitroom.nlp import sentences
from sitroom.pipeline import Stage, StageInput, run_stages
from sitroom.settings import load_settings

ACLED = {"State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
         "Civilians", "External/Other forces"}
UKRAINE = (
    "KYIV, March 3 (Reuters) - Russian forces shelled Kharkiv on Wednesday, the Russian Defence Ministry said, "
    "as Ukrainian troops held positions around the capital.\n"
    "Ukraine's Defence Minister Oleksii Reznikov said the Armed Forces of Ukraine had repelled several attacks. "
    "Reznikov told reporters that Ukrainian troops had retaken two villages.\n"
    "Kremlin spokesman Dmitry Peskov said the operation was going according to plan.\n"
)


def one(extraction: Extraction, name: str, kind: EntityType | None = None) -> Entity:
    [entity] = [e for e in extraction.entities if e.name == name and (kind is None or e.type is kind)]
    return entity


def by_id(extraction: Extraction, entity_id: str | None) -> Entity | None:
    return next((e for e in extraction.entities if e.id == entity_id), None)


@pytest.fixture(scope="module")
def sudan(nlp) -> Extraction:
    return extract(SUDAN, published="2023-04-20", settings=load_settings(env={}))


@pytest.fixture(scope="module")
def ukraine(nlp) -> Extraction:
    return extract(UKRAINE, published="2022-03-03", settings=load_settings(env={}))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Taliban", "Ben Wallace", "Zalmay Khalilzad", "State Department"])
def test_one_canonical_id_across_the_seeds(extracted: dict[str, Extraction], name: str) -> None:
    first, second = one(extracted[SEED_000], name), one(extracted[SEED_004], name)
    assert first.canonical_id is not None and first.canonical_id == second.canonical_id
    assert first.id != second.id  # entity ids stay per document


@pytest.mark.slow
def test_spellings_and_short_forms_are_aliases(extracted: dict[str, Extraction]) -> None:
    taliban = one(extracted[SEED_000], "Taliban", EntityType.GROUP)
    assert taliban.aliases == ("Taleban",)
    kirby = one(extracted[SEED_000], "John Kirby", EntityType.PERSON)
    assert kirby.aliases == ("Kirby",) and len(kirby.mentions) == 3
    wallace = one(extracted[SEED_000], "Ben Wallace", EntityType.PERSON)
    assert [m.text for m in wallace.mentions] == ["Ben Wallace", "Wallace", "Wallace"]
    khalilzad = one(extracted[SEED_004], "Zalmay Khalilzad", EntityType.PERSON)
    assert [m.text for m in khalilzad.mentions] == ["Zalmay Khalilzad", "Khalilzad", "Khalilzad"]


@pytest.mark.slow
def test_the_insurgents_are_the_taliban(extracted: dict[str, Extraction], seed_texts: dict[str, str]) -> None:
    text = seed_texts[SEED_000]
    taliban = one(extracted[SEED_000], "Taliban", EntityType.GROUP)
    starts = {r.start for r in taliban.references}
    assert text.index("The insurgents took") in starts
    assert text.index("the insurgents from Kunduz") in starts
    assert text.index("the insurgent group") in starts
    for reference in taliban.references:
        assert reference.label == NOMINAL_LABEL and text[reference.start:reference.end] == reference.text
    assert not {m.start for m in taliban.mentions} & starts  # references are not named mentions


@pytest.mark.slow
def test_group_nouns_and_the_mujahideen_in_seed_004(extracted: dict[str, Extraction],
                                                      seed_texts: dict[str, str]) -> None:
    text = seed_texts[SEED_004]
    taliban = one(extracted[SEED_004], "Taliban", EntityType.GROUP)
    assert {r.text for r in taliban.references} >= {"the militants", "the fighters", "the group", "the insurgents"}
    mujahideen = text.index("Mujahideen")
    assert mujahideen in {m.start for m in taliban.mentions} and "Mujahideen" in taliban.aliases
    assert not [e for e in extracted[SEED_004].entities if e.name == "Mujahideen"]


@pytest.mark.slow
def test_actor_categories_and_countries(extracted: dict[str, Extraction]) -> None:
    seed = extracted[SEED_000]
    taliban, pentagon = one(seed, "Taliban"), one(seed, "Pentagon")
    assert (taliban.actor_category, taliban.country) == ("Rebel group", "AF")
    # US forces in a report about Afghanistan: ACLED's external forces.
    assert (pentagon.actor_category, pentagon.country) == ("External/Other forces", "US")
    assert one(seed, "UNICEF").actor_category == "External/Other forces"
    assert one(seed, "Reuters").actor_category is None  # a news agency is no party to the conflict


@pytest.mark.slow
def test_roles_and_affiliations_in_seed_000(extracted: dict[str, Extraction]) -> None:
    seed = extracted[SEED_000]
    kirby = one(seed, "John Kirby")
    assert (kirby.role, by_id(seed, kirby.affiliation).name, kirby.country) == ("spokesman", "Pentagon", "US")
    wallace = one(seed, "Ben Wallace")  # "British Defence Secretary": no entity for an adjective
    assert (wallace.role, wallace.affiliation, wallace.country) == ("Defence Secretary", None, "GB")
    khalilzad = one(seed, "Zalmay Khalilzad")  # "US envoy for Afghanistan"
    assert (khalilzad.role, khalilzad.country, khalilzad.actor_category) == ("envoy", "US", "External/Other forces")
    assert "US" in {m.text for m in by_id(seed, khalilzad.affiliation).mentions}
    jalali = one(seed, "Arif Jalali")
    assert (jalali.role, by_id(seed, jalali.affiliation).name) == ("head", "Herat Zonal Hospital")
    assert (one(seed, "Ziauddin Zia").role, one(seed, "Ziauddin Zia").actor_category) == ("lawmaker", "State forces")
    assert (one(seed, "Ghulam Rasool").role, one(seed, "Ghulam Rasool").actor_category) == ("engineer", "Civilians")
    de_lys = one(seed, "Hervé Ludovic De Lys")
    assert (de_lys.role, by_id(seed, de_lys.affiliation).name) == ("representative", "UNICEF")


@pytest.mark.slow
def test_roles_and_affiliations_in_seed_004(extracted: dict[str, Extraction]) -> None:
    seed = extracted[SEED_004]
    price = one(seed, "Ned Price")  # "The State Department's spokesman, Ned Price"
    assert (price.role, by_id(seed, price.affiliation).name, price.country) == ("spokesman", "State Department", "US")
    wallace = one(seed, "Ben Wallace")  # "UK Defence Secretary": the UK is a place entity of the report
    assert (wallace.role, wallace.country) == ("Defence Secretary", "GB")
    assert "UK" in {m.text for m in by_id(seed, wallace.affiliation).mentions}
    khalilzad = one(seed, "Zalmay Khalilzad")  # "the chief American envoy"
    assert (khalilzad.role, khalilzad.country, khalilzad.actor_category) == ("envoy", "US", "External/Other forces")
    assert (one(seed, "Ismail Khan").role, one(seed, "Ismail Khan").actor_category) == ("warlord", "Political militia")


@pytest.mark.slow
def test_places_pass_through_untouched(nlp, seed_texts: dict[str, str]) -> None:
    from sitroom import entities, places
    from sitroom.documents import to_document
    from sitroom.readers import RawDoc, parse_date

    stages = (Stage("sentences", (), ("sentences",), lambda s: {"sentences": sentences(s.document.id, s.parsed)}),
              Stage("entities", (), ("mentions", "entities"), entities.stage),
              Stage("places", ("mentions", "entities"), ("mentions", "entities"), places.stage))
    for name, text in seed_texts.items():
        document = to_document(RawDoc(text=text, origin=name), published=parse_date(SEED_DATES[name]))
        parsed = nlp(document.text)
        before = run_stages(document, parsed, stages)
        given = StageInput(document, parsed, {"sentences": before.sentences, "mentions": before.mentions,
                                              "entities": before.entities})
        after = actors.stage(given)["entities"]
        assert [e for e in after if e.type is EntityType.PLACE] == [
            e for e in before.entities if e.type is EntityType.PLACE]


@pytest.mark.slow
def test_sudan_group_nouns(sudan: Extraction) -> None:
    rsf = one(sudan, "Rapid Support Forces", EntityType.GROUP)
    assert (rsf.actor_category, rsf.country, rsf.aliases) == ("Rebel group", "SD", ("RSF",))
    assert [r.text for r in rsf.references] == ["the paramilitaries", "the paramilitaries"]
    saf = one(sudan, "Sudanese Armed Forces")
    assert (saf.actor_category, saf.country) == ("State forces", "SD")
    # "the paramilitary Rapid Support Forces" is an adjective, not a reference.
    assert [r.text for r in saf.references] == ["the army", "The army", "Sudanese troops"]


@pytest.mark.slow
def test_sudan_people(sudan: Extraction) -> None:
    burhan = one(sudan, "Abdel Fattah al-Burhan")
    assert (burhan.role, by_id(sudan, burhan.affiliation).name) == ("Army chief", "Sudanese Armed Forces")
    assert (burhan.actor_category, burhan.country, burhan.aliases) == ("State forces", "SD", ("Burhan",))
    hemedti = one(sudan, "Mohamed Hamdan Dagalo")
    assert (hemedti.role, by_id(sudan, hemedti.affiliation).name) == ("leader", "Rapid Support Forces")
    assert (hemedti.actor_category, hemedti.aliases) == ("Rebel group", ("Hemedti",))
    perthes = one(sudan, "Volker Perthes")
    assert (perthes.role, perthes.actor_category) == ("envoy", "External/Other forces")


@pytest.mark.slow
def test_ukraine_forces_and_officials(ukraine: Extraction) -> None:
    ministry = one(ukraine, "Russian Defence Ministry")
    assert (ministry.actor_category, ministry.country) == ("External/Other forces", "RU")
    assert [r.text for r in ministry.references] == ["Russian forces"]
    army = one(ukraine, "Armed Forces of Ukraine")
    assert army.actor_category == "State forces"
    assert [r.text for r in army.references] == ["Ukrainian troops", "Ukrainian troops"]
    reznikov = one(ukraine, "Oleksii Reznikov")
    assert (reznikov.role, reznikov.country, reznikov.actor_category) == ("Defence Minister", "UA", "State forces")
    peskov = one(ukraine, "Dmitry Peskov")
    assert (peskov.role, by_id(ukraine, peskov.affiliation).name, peskov.country) == ("spokesman", "Kremlin", "RU")


@pytest.mark.slow
def test_a_nickname_alone_keys_like_the_full_name(nlp) -> None:
    alone = extract("KHARTOUM - Hemedti said his fighters held the airport.", published="2023-04-20",
                    settings=load_settings(env={}))
    assert [e.canonical_id for e in alone.entities if e.type is EntityType.PERSON] == [
        canonical_id(Entity("e", "d", EntityType.PERSON, "Mohamed Hamdan Dagalo", ()))]


def test_canonical_key_folds_spellings_particles_and_articles() -> None:
    def key(name: str, kind: EntityType = EntityType.PERSON) -> str:
        return canonical_key(Entity("e", "d", kind, name, (Mention("d", 0, len(name), name, "X"),)))

    assert key("Taleban", EntityType.GROUP) == key("Taliban", EntityType.ORG) == "GROUP:taliban"
    assert key("Abdel Fattah al-Burhan") == key("Abdul-Fattah Burhan")
    assert key("Mohammed Hamdan Daglo") == key("Hemedti") == key("Mohamed Hamdan Dagalo")
    assert key("ISIS-K", EntityType.ORG) == key("Islamic State Khorasan Province", EntityType.GROUP)
    assert key("the Daily Mail", EntityType.ORG) == "ORG:daily mail"


def test_nominal_category() -> None:
    assert nominal_category("the demonstrators") == "Protesters"
    assert nominal_category("Afghan security forces") == "State forces"
    assert nominal_category("the insurgents") is None  # the resolved group's own category


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def test_actor_table_is_well_formed() -> None:
    names: dict[str, str] = {}
    for row in load_csv("actors.csv"):
        assert row["type"] in {"PERSON", "ORG", "GROUP"}, row
        assert row["category"] in ACLED | {""}, row
        assert not row["country"] or pycountry.countries.get(alpha_2=row["country"]), row
        assert row["kind"] in {"military", "police", "government", "intelligence", "nonstate", "pmc", "igo", "ngo",
                               "media", "epithet", ""}, row
        for name in (row["canonical"], *filter(None, row["aliases"].split("|"))):
            assert names.setdefault(name.casefold(), row["canonical"]) == row["canonical"], name  # one actor a name
    assert len(_rows("actors.csv")) == len(load_csv("actors.csv"))


def test_role_noun_and_title_tables_are_well_formed() -> None:
    for row in load_csv("role_nouns.csv"):
        assert row["target"] in {"nonstate", "state", "government", "organization", "none"}, row
        assert row["category"] in ACLED | {""}, row
    nouns = {row["noun"] for row in load_csv("role_nouns.csv")}
    for row in load_csv("titles.csv"):
        assert row["kind"] in {"title", "rank", "modifier"}, row
        assert row["category"] in ACLED | {""}, row
        assert not row["implies"] or row["implies"] in nouns, row
    for row in load_csv("nationalities.csv"):
        assert not row["country"] or pycountry.countries.get(alpha_2=row["country"]), row
