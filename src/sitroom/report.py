"""The situation report (sitrep): what the stored reports say about a period, as templated sentences with sources.

:func:`build_report` turns a :class:`~sitroom.situation.Situation` into a :class:`SitRep`, a tree of frozen
records in the order of a humanitarian situation report: headline changes of control, control on the day,
key incidents by day, key statements, open contradictions, stated counts checked and what is unconfirmed.
Every sentence is filled from the data by a template (no free text is ever made up) and carries the numbers
of its :class:`Source` records: a report, character offsets into its text and the words found there.
:func:`sitroom.report_md.render_markdown` writes it as Markdown; :mod:`sitroom.report_html` as an HTML page with a map, or on a terminal.

Defaults: ``at`` is the last day any incident is dated to, else the last report's date; ``since`` is seven
days before ``at``. The period is ``(since, at]``: what happened after ``since`` up to and including ``at``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pycountry

from sitroom.model import ControlPeriod, ControlStatus, Incident, Modality, Observation, Span
from sitroom.situation import NOT_CONTROLLABLE, Situation, capitals_by_holder, state_at
from sitroom.store import Store

log = logging.getLogger(__name__)
DEFAULT_DAYS = 7
MAX_STATEMENTS = 8
MIN_QUOTE_WORDS = 6  # shorter direct quotes are scare quotes ("regrouping"), not statements
_TAKEN = {  # how a change of control reads, by the ACLED sub-event type of its incident
    "Non-state actor overtakes territory": "{holder} took {place} on {day}",
    "Government regains territory": "{holder} regained {place} on {day}",
    "Non-violent transfer of territory": "{place} was handed over to {holder} on {day}",
}


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A stored report as the sitrep cites it."""

    doc_id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Numbered evidence: ``text == document.text[start:end]`` of report ``doc``."""

    number: int
    doc: DocInfo
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """One templated sentence (``lead`` is its bold opening) with the numbers of its sources."""

    text: str
    refs: tuple[int, ...] = ()
    lead: str = ""
    tags: tuple[str, ...] = ()  # disputed, claimed, latest, best, agrees, disagrees...
    quote: str = ""  # words of a report shown inline (a statement, a version of a disputed fact)


@dataclass(frozen=True, slots=True)
class ControlRow:
    """Who holds one place on the report's day."""

    place: str
    province: str
    status: str
    holder: str
    since: dt.date
    confidence: float
    sources: int
    refs: tuple[int, ...]
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Day:
    """Key incidents of one day; the totals count a figure told once for several places once."""

    day: dt.date
    items: tuple[Item, ...]
    fatalities: int = 0
    injured: int = 0


@dataclass(frozen=True, slots=True)
class Dispute:
    """An open contradiction: what is disputed, then every version."""

    heading: Item
    versions: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place (coloured by ``group``: holder or status) or an incident marker of the map."""

    name: str
    lat: float
    lon: float
    group: str
    kind: str = "place"  # place or incident


@dataclass(frozen=True, slots=True)
class SitRep:
    """The whole report, ready for any renderer."""

    title: str
    since: dt.date
    at: dt.date
    place: str | None
    summary: Item
    headlines: tuple[Item, ...] = ()
    capitals: tuple[Item, ...] = ()
    control: tuple[ControlRow, ...] = ()
    days: tuple[Day, ...] = ()
    statements: tuple[Item, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    counts: tuple[Item, ...] = ()
    unconfirmed: tuple[Item, ...] = ()
    points: tuple[MapPoint, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    totals: tuple[int, int] = (0, 0)  # fatalities, injured reported in the period (each figure once)


@dataclass(frozen=True, slots=True)
class Statement:
    """A direct quote with its speaker, as :func:`load_quotes` reads it."""

    id: str
    doc_id: str
    content: Span
    speaker: str
    evidence: Span  # the quote with its attribution when they are close ("…," said X)
    published: dt.date | None = None
    speaker_entity: str | None = None


def load_documents(store: Store) -> dict[str, DocInfo]:
    """Every stored report by id (the outlet is the source, else the agency its dateline credits)."""
    rows = store.query("SELECT id, title, coalesce(source, dateline_agency), published, url, origin FROM documents")
    return {row[0]: DocInfo(*row) for row in rows}


_QUOTES = """
SELECT q.id, q.doc_id, q.content_start, q.content_end, q.content_text, q.speaker_text, q.speaker_entity,
       d.published, coalesce(q.floating, false), lo, hi, substr(d.text, lo + 1, hi - lo)
FROM (SELECT *, least(content_start, speaker_start) AS lo, greatest(content_end, speaker_end) AS hi FROM quotes) q
JOIN documents d ON d.id = q.doc_id
WHERE q.kind = 'direct' AND q.speaker_text IS NOT NULL
  AND (CAST(? AS DATE) IS NULL OR d.published > ?) AND (CAST(? AS DATE) IS NULL OR d.published <= ?)
"""


def load_quotes(store: Store, since: dt.date | None, at: dt.date | None, *,
                limit: int = MAX_STATEMENTS) -> tuple[Statement, ...]:
    """Direct quotes with a speaker from reports published in ``(since, at]``: named speakers, longest first.

    Quotes under ``MIN_QUOTE_WORDS`` words are skipped, and each speaker speaks once per report.

    Example:
        >>> with Store(":memory:") as store:
        ...     load_quotes(store, None, dt.date(2021, 8, 15))
        ()
    """
    found: dict[tuple[str, str], Statement] = {}
    for row in store.query(_QUOTES, [since, since, at, at]):
        (qid, doc, start, end, content, speaker, entity, published, floating, lo, hi, both) = row
        if len((content or "").split()) < MIN_QUOTE_WORDS:
            continue
        close = not floating and hi - lo <= len(content) + 120
        evidence = Span(lo, hi, both) if close else Span(start, end, content)
        statement = Statement(qid, doc, Span(start, end, content), speaker, evidence, published, entity)
        key = (doc, speaker.lower())
        if key not in found or len(content) > len(found[key].content.text):
            found[key] = statement
    ranked = sorted(found.values(), key=lambda s: (s.speaker_entity is None, -len(s.content.text), s.id))
    return tuple(ranked[:limit])


def day(date: dt.date | None) -> str:
    """A short day: ``12 Aug``.

    >>> day(dt.date(2021, 8, 2))
    '2 Aug'
    """
    return f"{date.day} {date:%b}" if date else "undated"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class _Sources:
    """Numbers the evidence in order of first use (the one mutable helper of a build)."""

    def __init__(self, documents: Mapping[str, DocInfo]) -> None:
        self.documents = documents
        self.numbers: dict[tuple[str, int, int], Source] = {}

    def cite(self, doc_id: str, span: Span) -> int:
        text = span.text.strip()
        start = span.start + len(span.text) - len(span.text.lstrip())
        key = (doc_id, start, start + len(text))
        if key not in self.numbers:
            doc = self.documents.get(doc_id, DocInfo(doc_id))
            self.numbers[key] = Source(len(self.numbers) + 1, doc, key[1], key[2], text)
        return self.numbers[key].number


@dataclass(slots=True)
class _Build:
    situation: Situation
    since: dt.date
    at: dt.date
    place: str | None
    sources: _Sources
    by_event: dict[str, Observation] = field(default_factory=dict)
    by_doc_place: dict[tuple[str, str | None], list[Observation]] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for o in self.situation.observations:
            self.by_event[o.event_id] = o
            self.by_doc_place.setdefault((o.doc_id, o.place), []).append(o)
        self.incidents = {i.id: i for i in self.situation.incidents}

    def within(self, date: dt.date | None) -> bool:
        return date is not None and self.since < date <= self.at

    def matches(self, name: str | None, admin1: str | None) -> bool:
        needle = (self.place or "").lower()
        return not needle or needle in (name or "").lower() or needle in (admin1 or "").lower()

    def evidence(self, incident: Incident) -> tuple[int, ...]:
        """The first sentence of each report telling the incident, and the one giving its figure."""
        first: dict[str, Observation] = {}
        for o in sorted((self.by_event[e] for e in incident.events if e in self.by_event),
                        key=lambda o: (o.published or dt.date.max, o.doc_id, o.evidence.start)):
            first.setdefault(o.doc_id, o)  # a report's first sentence on it: usually its lede
        refs = [self.sources.cite(o.doc_id, o.evidence) for o in first.values()]
        figure = self.figure(incident)
        if figure is not None:
            refs.append(self.sources.cite(figure.doc_id, figure.evidence))
        return tuple(dict.fromkeys(refs))

    def figure(self, incident: Incident) -> Observation | None:
        """The observation that states the incident's death toll (else its injured count)."""
        attribute = "fatalities" if incident.fatalities is not None else "injured"
        value = getattr(incident, attribute)
        if value is None:
            return None
        members = [self.by_event[e] for e in incident.events if e in self.by_event]
        others = [o for d in incident.documents for o in self.by_doc_place.get((d, incident.place), ())]
        return next((o for o in (*members, *others) if getattr(o, attribute) == value), None)

    def period_refs(self, period: ControlPeriod) -> tuple[int, ...]:
        refs = [r for i in period.incidents if i in self.incidents for r in self.evidence(self.incidents[i])]
        cited = {s.doc.doc_id for s in self.sources.numbers.values() if s.number in refs}
        for doc in period.documents:  # denials and reports with no incident of their own
            found = self.by_doc_place.get((doc, period.place))
            if doc not in cited and found:
                refs.append(self.sources.cite(doc, min(found, key=lambda o: o.evidence.start).evidence))
        return tuple(dict.fromkeys(refs))


def _headline(build: _Build, period: ControlPeriod) -> Item | None:
    incident = next((build.incidents[i] for i in period.incidents if i in build.incidents), None)
    place = period.place_name + (f", capital of {period.admin1} province," if period.capital_of and period.admin1 else "")
    holder = period.holder_name or "an unnamed actor"
    sources = f" ({_plural(period.sources, 'source')})"
    if period.status is ControlStatus.CONTESTED:
        if period.end is not None and period.end <= period.begin:
            return None  # fighting on the day of a capture: part of the capture
        capital = f" (capital of {period.admin1} province)" if period.capital_of and period.admin1 else ""
        text = f"Fighting for {period.place_name}{capital} reported from {day(period.begin)}{sources}"
    else:
        template = _TAKEN.get(incident.sub_event_type if incident else "", "{holder} took control of {place} on {day}")
        text = template.format(holder=holder, place=place, day=day(period.begin)) + sources
        if period.status is ControlStatus.DISPUTED:
            text += f"; disputed by reports of fighting there from {day(period.end)}" if period.end else "; disputed"
    return Item(text, build.period_refs(period), tags=(str(period.status),))


def _kind(incident: Incident) -> str:
    return incident.sub_event_type or incident.event_type or f"{incident.kind.capitalize()} incident"


def _told(incident: Incident) -> str:
    """How many independent sources and outlets tell an incident."""
    told = _plural(incident.sources, "independent source")
    if len(incident.outlets) > 1:
        return f"{told}, {len(incident.outlets)} outlets ({', '.join(incident.outlets)})"
    return told + (f" ({incident.outlets[0]})" if incident.outlets else "")


def _incident_item(build: _Build, incident: Incident, shared: Sequence[str]) -> Item:
    kind = _kind(incident)
    where = incident.place_name or "an unnamed place"
    if incident.admin1 and incident.admin1 != where:
        where += f" ({incident.admin1})"
    parts = [where]
    if incident.actor_name:
        parts.append(f"actor: {incident.actor_name}" + (" (inferred)" if incident.actor_inferred else ""))
    if incident.date_begin != incident.date_end:
        parts.append(f"between {day(incident.date_begin)} and {day(incident.date_end)}")
    if incident.fatalities is not None or incident.injured is not None:
        joint = f" (one figure given for {', '.join(shared)} together)" if len(shared) > 1 else ""
        told = ", ".join(f"{n} {what}" for n, what in ((incident.fatalities, "killed"), (incident.injured, "injured"))
                         if n is not None)
        parts.append(told + joint)
    parts.append(_told(incident))
    tags = ("claimed",) if incident.modality is Modality.CLAIMED else ()
    return Item("; ".join(parts), build.evidence(incident), lead=kind, tags=tags)


def _days(build: _Build, incidents: Sequence[Incident]) -> tuple[tuple[Day, ...], tuple[int, int]]:
    keys: dict[str, tuple] = {}
    for incident in incidents:
        figure = build.figure(incident)
        keys[incident.id] = (figure.doc_id, figure.evidence.start) if figure else (incident.id,)
    names: dict[tuple, list[str]] = defaultdict(list)
    for incident in incidents:
        names[keys[incident.id]].append(incident.place_name or "?")
    grouped: dict[dt.date, list[Incident]] = defaultdict(list)
    for incident in incidents:
        grouped[incident.date_end].append(incident)
    days, seen = [], set()
    totals = [0, 0]
    for date in sorted(grouped):
        order = sorted(grouped[date], key=lambda i: (-(i.fatalities or 0), -i.sources, i.place_name or ""))
        items = tuple(_incident_item(build, i, names[keys[i.id]]) for i in order)
        counted = [0, 0]
        for incident in order:
            if keys[incident.id] not in seen:
                seen.add(keys[incident.id])
                counted[0] += incident.fatalities or 0
                counted[1] += incident.injured or 0
        totals = [totals[0] + counted[0], totals[1] + counted[1]]
        days.append(Day(date, items, *counted))
    return tuple(days), (totals[0], totals[1])


def _disputes(build: _Build, places: set[str]) -> tuple[Dispute, ...]:
    found = []
    for conflict in build.situation.contradictions:
        incident = build.incidents.get(conflict.subject)
        if build.place and conflict.place not in places:
            continue
        if not (any(build.within(c.published) for c in conflict.claims)
                or (incident is not None and build.within(incident.date_end))):
            continue
        claims = conflict.claims
        about = {"fatalities": "Deaths", "injured": "Injured", "date": "Date", "control": "Control"}.get(
            conflict.kind, conflict.kind.capitalize())
        what = f"{about} at {conflict.subject_name}"
        if incident is not None:
            what += f" ({(incident.sub_event_type or incident.kind).lower()}, {day(incident.date_end)})"
        if conflict.revision:
            text = f"revised from {claims[0].value} to {claims[conflict.latest].value}"
        else:
            text = "reports disagree: " + " / ".join(dict.fromkeys(c.value for c in claims))
        versions = []
        for index, claim in enumerate(claims):
            tags = tuple(t for t, i in (("latest", conflict.latest), ("best-supported", conflict.best)) if i == index)
            label = f"{claim.outlet or build.sources.documents.get(claim.doc_id, DocInfo(claim.doc_id)).doc_id}"
            versions.append(Item(f"{label}, {day(claim.published)} ({_plural(claim.sources, 'source')})",
                                 (build.sources.cite(claim.doc_id, claim.evidence),), lead=claim.value, tags=tags,
                                 quote=excerpt(claim.evidence.text)))
        found.append(Dispute(Item(text, lead=what, tags=(conflict.kind,) + (("revision",) if conflict.revision else ())),
                             tuple(versions)))
    return tuple(found)


def excerpt(text: str, limit: int = 220) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _counts(build: _Build) -> tuple[Item, ...]:
    items = []
    for checked in build.situation.counts:
        check = checked.check
        if not build.within(check.end) or (build.place and not any(build.matches(p, None) for p in check.places)):
            continue
        doc = build.sources.documents.get(check.doc_id, DocInfo(check.doc_id))
        window = (f"by {day(check.end)}" if check.begin is None else f"on {day(check.end)}"
                  if check.begin == check.end else f"{day(check.begin)} to {day(check.end)}")
        verdict = "agrees" if checked.agrees else "disagrees"
        text = (f"{doc.outlet or doc.doc_id} ({day(doc.published)}) says “{check.evidence.text}” (capitals taken {window}); "
                f"sitroom counts {check.derived}: {', '.join(check.places) or 'none'}")
        items.append(Item(text, (build.sources.cite(check.doc_id, check.evidence),), tags=(verdict,)))
    return tuple(items)


def _control(build: _Build, current: Sequence[ControlPeriod]) -> tuple[tuple[ControlRow, ...], tuple[Item, ...]]:
    """The table of places on the day, and the provincial capitals each holder has (most first)."""
    rows = tuple(ControlRow(p.place_name, p.admin1 or "", str(p.status), p.holder_name or "", p.begin, p.confidence,
                            p.sources, build.period_refs(p), bool(p.capital_of)) for p in current)
    statuses = {str(status) for status in ControlStatus}
    by_holder = {holder.capitalize() if holder in statuses else holder: held
                 for holder, held in capitals_by_holder(current, build.at).items()}
    countries = Counter(p.country for p in current if p.capital_of)
    main = countries.most_common(1)[0][0] if countries else None
    total = sum(1 for province in build.situation.capitals.values() if province.country == main)
    of = f" of {total}" if total and not build.place else ""
    capitals = tuple(
        Item(", ".join(p.place_name for p in held), tuple(dict.fromkeys(build.period_refs(p)[0] for p in held)),
             lead=f"{holder}: {len(held)}{of} provincial capital{'s' if of or len(held) > 1 else ''}")
        for holder, held in sorted(by_holder.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    return rows, capitals


def _points(current: Sequence[ControlPeriod], incidents: Sequence[Incident]) -> tuple[MapPoint, ...]:
    """Places by holder (or status) and the period's fighting and violence, where their coordinates are known."""
    places = tuple(MapPoint(p.place_name, p.lat, p.lon, p.holder_name if p.status is ControlStatus.HELD
                            and p.holder_name else str(p.status)) for p in current if None not in (p.lat, p.lon))
    return places + tuple(MapPoint(i.place_name or "", i.lat, i.lon, "fighting or violence", "incident")
                          for i in incidents if i.kind != "territory" and None not in (i.lat, i.lon)
                          and i.place_level not in NOT_CONTROLLABLE)


def _title(situation: Situation, since: dt.date, at: dt.date, place: str | None) -> str:
    countries = Counter(i.country for i in situation.incidents if i.country)
    code = countries.most_common(1)[0][0] if countries else None
    found = pycountry.countries.get(alpha_2=code) if code else None
    first = since + dt.timedelta(days=1)
    span = f"{first.day}–" if (first.month, first.year) == (at.month, at.year) else f"{first:%-d %B %Y} – "
    name = found.name if found else code or "Situation"
    return f"{name}{' — ' + place if place else ''}: situation report, {span}{at:%-d %B %Y}"


def build_report(situation: Situation, *, at: dt.date | None = None, since: dt.date | None = None,
                 place: str | None = None, documents: Mapping[str, DocInfo],
                 quotes: Iterable[Statement] = ()) -> SitRep:
    """The situation report of ``situation`` for the period ``(since, at]``, as records (pure: no I/O).

    Args:
        situation: from :func:`sitroom.situation.load_situation`.
        at: the report's day (default: the last day an incident is dated to, else the last report's date).
        since: the day before the period starts (default: ``at`` minus 7 days).
        place: keep places whose name or province contains this (case-insensitive).
        documents: the stored reports by id (:func:`load_documents`).
        quotes: statements to show (:func:`load_quotes`); with ``place``, only those of reports about it.

    Example:
        >>> from sitroom.situation import derive
        >>> report = build_report(derive(()), at=dt.date(2021, 8, 15), documents={})
        >>> (report.title, report.summary.text)
        ('Situation: situation report, 9–15 August 2021', '0 reports from 0 outlets in the period; 0 incidents')
    """
    at = at or situation.dates()[1] or max((d.published for d in documents.values() if d.published),
                                           default=dt.date.today())
    since = since or at - dt.timedelta(days=DEFAULT_DAYS)
    build = _Build(situation, since, at, place, _Sources(documents))
    incidents = [i for i in situation.incidents if build.within(i.date_end) and build.matches(i.place_name, i.admin1)
                 and not (i.kind == "territory" and i.place_level in NOT_CONTROLLABLE)]
    periods = [p for p in situation.periods if build.matches(p.place_name, p.admin1)]
    headlines = tuple(h for p in sorted(periods, key=lambda p: (p.begin, p.place_name))
                      if build.within(p.begin) and (h := _headline(build, p)) is not None)
    current = sorted(state_at(periods, at), key=lambda p: p.place_name)
    rows, capitals = _control(build, current)
    days, totals = _days(build, incidents)
    docs = {d for i in incidents for d in i.documents} | {d for p in current for d in p.documents}
    statements = tuple(
        Item(f"{documents.get(s.doc_id, DocInfo(s.doc_id)).outlet or s.doc_id}, {day(s.published)}",
             (build.sources.cite(s.doc_id, s.evidence),), lead=s.speaker, quote=excerpt(s.content.text, 400))
        for s in quotes if not place or s.doc_id in docs)[:MAX_STATEMENTS]
    disputes = _disputes(build, {p.place for p in periods} | {i.place for i in incidents})
    unconfirmed = tuple(
        Item(f"{_kind(i)} at {i.place_name} on {day(i.date_end)}: "
             + ("claimed by its source, not asserted; " if i.modality is Modality.CLAIMED else "") + _told(i),
             build.evidence(i)) for i in incidents if i.sources < 2 or i.modality is Modality.CLAIMED)
    told = [d for d in documents.values() if build.within(d.published) and (not place or d.doc_id in docs)]
    summary = Item(f"{_plural(len(told), 'report')} from {_plural(len({d.outlet for d in told if d.outlet}), 'outlet')}"
                   f" in the period; {_plural(len(incidents), 'incident')}"
                   + (f"; {_plural(len(rows), 'place')} with a known control status" if rows else ""))
    notes = (f"Period: after {since:%-d %B %Y} up to and including {at:%-d %B %Y}.",
             "Sentences are filled from the extracted data by templates; each cites the report words it rests on.",
             "A figure told once for several places (one sentence) counts once in the totals.",
             "Independent sources count a wire story and its reprints once.")
    return SitRep(_title(situation, since, at, place), since, at, place, summary, headlines, capitals, rows, days,
                  statements, disputes, _counts(build), unconfirmed, _points(current, incidents),
                  tuple(sorted(build.sources.numbers.values(), key=lambda s: s.number)), notes, totals)
