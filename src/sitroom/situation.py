"""Control of places over time, and the counts reports state about it, derived from the incidents.

Each place gets a timeline of :class:`~sitroom.model.ControlPeriod` records from three kinds of marks:

* a territorial incident (captured, handed over, regained) starts a period ``held`` by its actor on its date;
* a battle at the place (dated to a week or less) starts a ``contested`` period, or, when it comes after a
  capture and is told by a report that does not itself tell that capture, disputes it: the capture's
  period becomes ``disputed`` and a ``control`` contradiction keeps both versions with their sources;
* a report that denies a capture ("reports that the city had fallen were wrong") disputes it the same way.

A report narrating a capture and then the fighting that goes on around it does not contradict itself, and
fighting dated before a capture is history, not a dispute. ``state_at`` answers who held what on a day;
``check_counts`` compares the counts of captured capitals that reports state ("the number of provincial
centres lost in the last 8 days rises to 12", "a sixth provincial capital") with the count derived here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sitroom.fuse import HAPPENED, contradiction, family, fuse, rules
from sitroom.gazetteer import Feature, Gazetteer
from sitroom.model import (
    Claim,
    Contradiction,
    ControlPeriod,
    ControlStatus,
    CountCheck,
    Incident,
    Modality,
    Observation,
)
from sitroom.observations import CountStatement, load_count_statements, load_observations
from sitroom.store import Store

NOT_CONTROLLABLE = ("country", "region")  # levels no one "holds" in the sense of a control map


@dataclass(frozen=True, slots=True)
class _Mark:
    date: dt.date
    kind: str  # taken, contested, denied
    documents: tuple[str, ...]
    claims: tuple[Claim, ...]
    incident: Incident | None = None
    holder: str | None = None
    holder_name: str | None = None
    sources: frozenset[str] = frozenset()  # independent sources (Observation.source_key) of its reports


@dataclass(slots=True)
class _Open:
    status: ControlStatus
    begin: dt.date
    holder: str | None = None
    holder_name: str | None = None
    marks: list[_Mark] = field(default_factory=list)

    def documents(self) -> set[str]:
        return {doc for mark in self.marks for doc in mark.documents}


def _claim(observation: Observation, value: str) -> Claim:
    return Claim(value=value, doc_id=observation.doc_id, evidence=observation.evidence,
                 event_id=observation.event_id, published=observation.published, outlet=observation.outlet)


def _marks(incidents: Sequence[Incident], observations: Sequence[Observation]) -> dict[str, list[_Mark]]:
    by_event = {o.event_id: o for o in observations}
    longest = rules()["contested_max_days"]
    marks: dict[str, list[_Mark]] = defaultdict(list)
    for incident in incidents:
        if incident.place is None or incident.date_end is None or incident.place_level in NOT_CONTROLLABLE:
            continue
        members = [by_event[e] for e in incident.events if e in by_event]
        first_per_doc = list({o.doc_id: o for o in reversed(members)}.values())
        if incident.kind == "territory":
            holder = incident.actor_name or "an unnamed actor"
            claims = tuple(_claim(o, f"taken by {holder} ({_day(o)})") for o in first_per_doc)
            marks[incident.place].append(_Mark(incident.date_end, "taken", incident.documents, claims, incident,
                                               incident.actor, incident.actor_name, _keys(members)))
        elif incident.kind == "battle" and (incident.date_end - incident.date_begin).days <= longest:
            claims = tuple(_claim(o, f"fighting on {_day(o)}") for o in first_per_doc)
            marks[incident.place].append(_Mark(incident.date_end, "contested", incident.documents, claims, incident,
                                               sources=_keys(members)))
    for observation in observations:
        if (observation.modality is Modality.NEGATED and family(observation) == "territory" and observation.place
                and observation.published and observation.place_level not in NOT_CONTROLLABLE):
            marks[observation.place].append(_Mark(observation.published, "denied", (observation.doc_id,),
                                                  (_claim(observation, "fall denied"),),
                                                  sources=_keys((observation,))))
    return marks


def _keys(observations: Iterable[Observation]) -> frozenset[str]:
    return frozenset(o.source_key or o.doc_id for o in observations)


def _confidence(marks: Sequence[_Mark], status: ControlStatus, inferred: bool) -> float:
    table = rules()["confidence"]
    sources = len(frozenset().union(*(m.sources for m in marks)))
    value = table["sources"].get(str(min(sources, 3)), 0.5)
    if marks and all(m.incident is not None and m.incident.modality is Modality.CLAIMED for m in marks):
        value *= table["claimed"]
    if inferred:
        value *= table["actor_inferred"]
    if status is ControlStatus.DISPUTED:
        value = min(value, table["disputed"])
    return round(value, 2)


def _until_taken(marks: Sequence[_Mark]) -> list[_Mark]:
    """The fighting and denials from the first of ``marks`` up to the next capture."""
    found = []
    for mark in marks:
        if mark.kind == "taken":
            break
        found.append(mark)
    return found


def _day(observation: Observation) -> str:
    """The day an observation puts its event on, as a claim reads it."""
    day = observation.date_end if not observation.date_from_document else observation.published
    return f"{day:%d %b}" if day else "undated"


def _sided(captures: Sequence[_Mark], disputing: Sequence[_Mark]) -> list[Claim]:
    """The claims of both sides in report order, each counting the independent sources on its side."""
    taken = len(frozenset().union(*(m.sources for m in captures)))
    other = len(frozenset().union(*(m.sources for m in disputing)))
    claims = [replace(c, sources=taken) for m in captures for c in m.claims]
    claims += [replace(c, sources=other) for m in disputing for c in m.claims]
    return sorted(claims, key=lambda c: (c.published or dt.date.max, c.doc_id))


def _timeline(place: str, marks: list[_Mark], capitals: Mapping[str, Feature],
              first: Incident | None) -> tuple[list[ControlPeriod], list[Contradiction]]:
    marks.sort(key=lambda m: (m.date, m.kind == "taken"))
    closed: list[tuple[_Open, dt.date | None]] = []
    found: list[Contradiction] = []
    current: _Open | None = None

    def switch(status: ControlStatus, mark: _Mark) -> _Open:
        if current is not None:
            closed.append((current, mark.date))
        return _Open(status, mark.date, mark.holder, mark.holder_name, [mark])

    for index, mark in enumerate(marks):
        if mark.kind == "taken":
            if current is not None and current.status is ControlStatus.HELD and current.holder == mark.holder:
                current.marks.append(mark)
            else:
                current = switch(ControlStatus.HELD, mark)
        elif current is None or current.status is not ControlStatus.HELD:
            current = current if current is not None and mark.date >= current.begin else switch(
                ControlStatus.CONTESTED, mark)
            if mark not in current.marks:
                current.marks.append(mark)
        elif mark.date > current.begin and not current.documents() & set(mark.documents):
            captured = current.documents()
            disputing = [m for m in _until_taken(marks[index:]) if not captured & set(m.documents)]
            versions = _sided(current.marks, disputing)
            name = (first.place_name if first else None) or place
            found_one = contradiction("control", f"{place}@{current.begin}", name, versions, place=place,
                                      revision=False)
            if found_one:
                found.append(found_one)
            current.status = ControlStatus.DISPUTED
            current = switch(ControlStatus.CONTESTED, mark)
    if current is not None:
        closed.append((current, None))
    province = capitals.get(place)
    periods = []
    for opened, end in closed:
        inferred = any(m.incident is not None and m.incident.actor_inferred for m in opened.marks)
        incidents = tuple(dict.fromkeys(m.incident.id for m in opened.marks if m.incident))
        documents = tuple(dict.fromkeys(d for m in opened.marks for d in m.documents))
        periods.append(ControlPeriod(
            place=place, place_name=(first.place_name if first else None) or place, status=opened.status,
            begin=opened.begin, end=end, confidence=_confidence(opened.marks, opened.status, inferred),
            incidents=incidents, documents=documents,
            sources=len(frozenset().union(*(m.sources for m in opened.marks))),
            holder=opened.holder if opened.status is not ControlStatus.CONTESTED else None,
            holder_name=opened.holder_name if opened.status is not ControlStatus.CONTESTED else None,
            lat=first.lat if first else None, lon=first.lon if first else None,
            country=first.country if first else None, admin1=first.admin1 if first else None,
            capital_of=province.admin1_code if province else None))
    return periods, found


def control(incidents: Sequence[Incident], observations: Sequence[Observation],
            capitals: Mapping[str, Feature] | None = None) -> tuple[tuple[ControlPeriod, ...], tuple[Contradiction, ...]]:
    """Who held each place and when, and the reports that disagree about it.

    Args:
        incidents: from :func:`sitroom.fuse.fuse`.
        observations: the same observations (denials and the words of each claim come from them).
        capitals: province seats by canonical id (:meth:`sitroom.gazetteer.Gazetteer.province_capitals`).

    Returns:
        The control periods, by place then date, and the ``control`` contradictions.

    Example:
        >>> control((), ())
        ((), ())
    """
    capitals = capitals or {}
    first_incident: dict[str, Incident] = {}
    for incident in incidents:
        if incident.place and incident.place not in first_incident:
            first_incident[incident.place] = incident
    periods: list[ControlPeriod] = []
    found: list[Contradiction] = []
    for place, marks in _marks(incidents, observations).items():
        place_periods, place_found = _timeline(place, marks, capitals, first_incident.get(place))
        periods.extend(place_periods)
        found.extend(place_found)
    periods.sort(key=lambda p: (p.place_name, p.begin))
    return tuple(periods), tuple(found)


def state_at(periods: Iterable[ControlPeriod], at: dt.date) -> tuple[ControlPeriod, ...]:
    """The period of each place that covers day ``at`` (places with no report by then are absent).

    >>> state_at((), dt.date(2021, 8, 13))
    ()
    """
    return tuple(p for p in periods if p.begin <= at and (p.end is None or at < p.end))


def capitals_by_holder(periods: Iterable[ControlPeriod], at: dt.date) -> dict[str, list[ControlPeriod]]:
    """Province capitals on day ``at`` grouped by holder name, ``contested`` or ``disputed``."""
    grouped: dict[str, list[ControlPeriod]] = defaultdict(list)
    for period in state_at(periods, at):
        if period.capital_of:
            key = period.holder_name if period.status is ControlStatus.HELD else str(period.status)
            grouped[key or "unknown"].append(period)
    return dict(grouped)


# --- counts that reports state ---

_ORDINALS = {word: n for n, word in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"], start=1)}
_ORDINAL = re.compile(r"\b(?:a|the)\s+(" + "|".join(_ORDINALS) + r"|\d+(?:st|nd|rd|th))\s+(?:\w+\s+){0,2}?"
                      r"(?:provincial\s+)?(?:capital|centre|center|city)\b", re.IGNORECASE)
_DURATION = re.compile(r"^P(\d+)([DW])$")


@functools.cache
def _count_verbs() -> re.Pattern[str]:
    """The verbs of taking places ("lost", "captured", "brings to"), as one pattern compiled once."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, rules()["count_verbs"])) + r")\b")


def _window(statement: CountStatement) -> tuple[dt.date | None, dt.date | None]:
    """The period a stated count covers: its linked time, "since X", "in N days", "on X", else up to the report."""
    if statement.window_end is not None:
        return statement.window_begin, statement.window_end
    end = statement.published
    for text, value, begin, _end, before in statement.timexes:
        if before.lower() == "since" and begin is not None:
            return begin, end
    for text, value, begin, stop, before in statement.timexes:
        duration = _DURATION.match(value or "")
        if duration and end is not None and before.lower() in ("in", "over", "past", "last", "within"):
            days = int(duration.group(1)) * (7 if duration.group(2) == "W" else 1)
            return end - dt.timedelta(days=days - 1), end
    for text, value, begin, stop, before in statement.timexes:
        if before.lower() == "on" and begin is not None and begin == stop:
            return begin, stop
    return None, end


def _agrees(check: CountCheck, qualifier: str | None) -> bool:
    if qualifier in ("at least", "more than", "over"):
        return check.derived >= check.claimed + (qualifier == "more than")
    if qualifier in ("about", "vague"):
        return abs(check.derived - check.claimed) <= max(1, round(check.claimed * 0.2))
    return check.derived == check.claimed


@dataclass(frozen=True, slots=True)
class CheckedCount:
    """A count check and whether the derived count supports it."""

    check: CountCheck
    agrees: bool


def check_counts(statements: Iterable[CountStatement], periods: Sequence[ControlPeriod],
                 observations: Sequence[Observation], capitals: Mapping[str, Feature]) -> tuple[CheckedCount, ...]:
    """Compare stated counts of captured capitals with the count derived from the control periods.

    A capital counts from the first day it is held (undisputed) by anyone; the window of each statement is
    its linked time, "since X", "in N days", "on X", else everything up to the report.

    Example:
        >>> check_counts((), (), (), {})
        ()
    """
    if not capitals:
        return ()  # no capitals known for these countries: nothing to count against
    taken: dict[str, tuple[dt.date, str]] = {}
    for period in periods:  # disputed captures do not count: a later report says the place did not fall
        if (period.status is ControlStatus.HELD and period.place in capitals
                and (period.place not in taken or period.begin < taken[period.place][0])):
            taken[period.place] = (period.begin, period.place_name)

    def derived(begin: dt.date | None, end: dt.date) -> tuple[str, ...]:
        return tuple(sorted(name for date, name in taken.values() if date <= end and (begin is None or date >= begin)))

    at_least = rules()["at_least_words"]
    checked: list[CheckedCount] = []
    for statement in statements:
        sentence = statement.sentence.lower()
        if _ORDINAL.match("a " + statement.evidence.text):
            continue  # "a sixth provincial capital" is checked below, as an ordinal
        if not _count_verbs().search(sentence) or re.search(
                r"\bof\s+(?:the\s+|\w+['’]s\s+)?$", statement.before.lower()):
            continue  # not a count of places taken, or a total ("half of the 34 capitals")
        begin, end = _window(statement)
        if end is None:
            continue
        qualifier = statement.qualifier
        words = statement.evidence.text.lower().split()[1:] + statement.after.lower().split()[:1]
        if qualifier is None and set(words) & set(at_least):
            qualifier = "at least"  # "three more", "four other provincial capitals"
        places = derived(begin, end)
        check = CountCheck(doc_id=statement.doc_id, evidence=statement.evidence, claimed=statement.value,
                           derived=len(places), end=end, places=places, begin=begin)
        checked.append(CheckedCount(check, _agrees(check, qualifier)))
    for observation in observations:
        if family(observation) != "territory" or observation.modality not in HAPPENED:
            continue
        for match in _ORDINAL.finditer(observation.evidence.text):
            word = match.group(1).lower()
            claimed = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
            end = observation.date_end or observation.published
            if end is None:
                continue
            places = derived(None, end)
            start = observation.evidence.start + match.start()
            check = CountCheck(doc_id=observation.doc_id, claimed=claimed, derived=len(places), end=end,
                               places=places, ordinal=True,
                               evidence=type(observation.evidence)(start, start + len(match.group(0)), match.group(0)))
            checked.append(CheckedCount(check, check.derived == claimed))
    unique = {(c.check.doc_id, c.check.evidence.start): c for c in checked}
    return tuple(sorted(unique.values(), key=lambda c: (c.check.end, c.check.doc_id, c.check.evidence.start)))



@dataclass(frozen=True, slots=True)
class Situation:
    """Everything the situation layer derives from a store: what ``sitroom situation`` and ``report`` show."""

    observations: tuple[Observation, ...]
    incidents: tuple[Incident, ...]
    contradictions: tuple[Contradiction, ...]
    periods: tuple[ControlPeriod, ...]
    counts: tuple[CheckedCount, ...]
    capitals: Mapping[str, Feature]  # province seats (canonical id) of the countries the reports cover

    def at(self, day: dt.date) -> tuple[ControlPeriod, ...]:
        """Who held what on ``day``."""
        return state_at(self.periods, day)

    def capitals_at(self, day: dt.date) -> dict[str, list[ControlPeriod]]:
        """Province capitals on ``day`` by holder (also ``contested`` and ``disputed``)."""
        return capitals_by_holder(self.periods, day)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day any incident is dated to."""
        days = [d for i in self.incidents for d in (i.date_begin, i.date_end) if d is not None]
        return (min(days), max(days)) if days else (None, None)


def derive(observations: Sequence[Observation], statements: Iterable[CountStatement] = (),
           gazetteer: Gazetteer | None = None) -> Situation:
    """Incidents, contradictions, control over time and count checks from the observations.

    Args:
        observations: from :func:`sitroom.observations.load_observations`.
        statements: stated counts of places (:func:`sitroom.observations.load_count_statements`).
        gazetteer: finds the province capitals of the countries the incidents are in (None: no capitals).

    Example:
        >>> derive(()).incidents
        ()
    """
    incidents, figure_conflicts = fuse(observations)
    capitals: dict[str, Feature] = {}
    if gazetteer is not None:
        for country in sorted({i.country for i in incidents if i.country}):
            capitals.update(gazetteer.province_capitals(country))
    periods, control_conflicts = control(incidents, observations, capitals)
    counts = check_counts(statements, periods, observations, capitals)
    return Situation(tuple(observations), incidents, figure_conflicts + control_conflicts, periods, counts, capitals)


def load_situation(store: Store, *, gazetteer: Gazetteer | None = None) -> Situation:
    """Derive the situation from everything in ``store`` (recomputed on each call: it is never stale).

    Example:
        >>> with Store(":memory:") as store:
        ...     load_situation(store).periods
        ()
    """
    with _cycle_collector_paused():
        return derive(load_observations(store), load_count_statements(store, rules()["place_count_units"]),
                      gazetteer)


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: the records make no cycles, and its passes over a million live objects
    took a third of the time at 100k events (bench/situation.py). Reference counting still frees memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
