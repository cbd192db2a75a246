"""Incidents: the events of many reports that tell one real happening, merged, with their figures compared.

Events merge when they belong to one family of ACLED sub-event types (a capture, "the fall of" and a
handover are one territorial change), name the same canonical place, have compatible actors (equal, or one
unnamed) and compatible times. Precision comes before recall:

* two events dated in their text merge only when their dates overlap within ``merge_tolerance_days``, so two
  captures of one city a week apart stay two incidents;
* an event the text does not date carries its report's date, which only bounds it from above: it joins an
  incident of the same report, or one that ended within the family's ``undated_lookback_days`` before the
  report (a few days for a capture that is "already taken", one day for a strike);
* events with no place, or that did not happen (planned, hypothetical, negated), make no incident.

Independent sources are counted by ``Observation.source_key``: the wire agency a dateline credits, else the
outlet. A republished copy (a duplicate link) adds an outlet, never a source. Figures that differ between
reports become a :class:`~sitroom.model.Contradiction` keeping every version; a later report that says the toll
"has risen" is a revision, and the incident carries its figure. Rules and numbers are in ``data/situation.json``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitroom.ids import fact_id
from sitroom.lexicons import load_json
from sitroom.model import Claim, Contradiction, Incident, Modality, Observation

HAPPENED = (Modality.ASSERTED, Modality.CLAIMED)
DATED_KINDS = ("territory", "violence")  # one-off happenings, whose reported dates can disagree (fighting goes on)


@functools.cache
def rules() -> dict:
    """The merging and control rules of ``data/situation.json``."""
    return load_json("situation.json")


@functools.cache
def _families() -> dict[str, str]:
    return {sub: family for family, subs in rules()["families"].items() for sub in subs}


def family(observation: Observation) -> str | None:
    """The merge family of an event (``territory``, ``battle``...), None when it has no ACLED type.

    >>> family(Observation("e", "d", "ASSAULT", Modality.ASSERTED, None, sub_event_type="Armed clash"))
    'battle'
    """
    found = _families().get(observation.sub_event_type or "")
    if found is None and observation.event_type == "Strategic developments":
        return "strategic"
    return found


def _explicit(observation: Observation) -> bool:
    return not observation.date_from_document and observation.date_begin is not None


def _window(observation: Observation, kind: str) -> tuple[dt.date, dt.date] | None:
    """When the event may have happened: its own dates, else the days before its report."""
    if _explicit(observation):
        return observation.date_begin, observation.date_end or observation.date_begin
    if observation.published is None:
        return None
    lookback = rules()["undated_lookback_days"]
    days = lookback.get(kind, lookback["default"])
    return observation.published - dt.timedelta(days=days), observation.published


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


@dataclass(slots=True)
class _Cluster:
    kind: str
    place: str
    members: list[Observation] = field(default_factory=list)
    figures: list[Observation] = field(default_factory=list)  # untyped events of the same reports: counts only
    docs: set[str] = field(default_factory=set)
    actors: Counter = field(default_factory=Counter)
    leader: str | None = None  # the actor most members name (kept as members join: scoring is the hot loop)
    span: tuple[dt.date, dt.date] | None = None
    explicit: bool = False

    def distance(self, observation: Observation) -> int | None:
        """How far the event lies from this incident in days, None when it cannot be the same happening."""
        if self.leader and observation.actor and self.leader != observation.actor:
            return None
        if observation.doc_id in self.docs and not _explicit(observation):
            return 0
        window = _window(observation, self.kind)
        if window is None or self.span is None:
            return None
        gap = _gap(self.span, window)
        tolerance = rules()["merge_tolerance_days"] if self.explicit and _explicit(observation) else 0
        return gap if gap <= tolerance else None

    def add(self, observation: Observation) -> None:
        window = _window(observation, self.kind)
        if window is not None:
            if self.span is None or (_explicit(observation) and not self.explicit):
                self.span = window
            elif _explicit(observation) == self.explicit:
                low, high = max(self.span[0], window[0]), min(self.span[1], window[1])
                if low <= high:  # disagreeing dates keep the first (best) one; they are reported apart
                    self.span = (low, high)
            self.explicit = self.explicit or _explicit(observation)
        self.members.append(observation)
        self.docs.add(observation.doc_id)
        if observation.actor:
            self.actors[observation.actor] += 1
            if self.leader is None or self.actors[observation.actor] > self.actors[self.leader]:
                self.leader = observation.actor


def _order(observation: Observation) -> tuple:
    """Best-dated first: dates from the text, narrow before wide, then older reports."""
    explicit = _explicit(observation)
    width = (observation.date_end - observation.date_begin).days if explicit and observation.date_end else 0
    return (not explicit, width, observation.date_end or observation.published or dt.date.max,
            observation.doc_id, observation.event_id)


class _Group:
    """The incidents of one family at one place, indexed by the days they span and the reports telling them.

    An event can only join an incident whose dates lie within the merge tolerance of its own, or one of its own
    report, so it is scored against those alone instead of every incident of the place (a year of fighting
    for one city is thousands of incidents).
    """

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._days: dict[int, set[int]] = defaultdict(set)
        self._docs: dict[str, set[int]] = defaultdict(set)

    def _index(self, number: int, *, add: bool = True) -> None:
        cluster = self.clusters[number]
        if cluster.span is not None:
            for day in range(cluster.span[0].toordinal(), cluster.span[1].toordinal() + 1):
                (self._days[day].add if add else self._days[day].discard)(number)
        if add:
            for doc in cluster.docs:
                self._docs[doc].add(number)

    def place(self, kind: str, observation: Observation) -> None:
        """Add the observation to its nearest compatible incident, or start one."""
        window = _window(observation, kind)
        candidates = set(self._docs.get(observation.doc_id, ()))
        if window is not None:
            tolerance = rules()["merge_tolerance_days"]
            for day in range(window[0].toordinal() - tolerance, window[1].toordinal() + tolerance + 1):
                candidates |= self._days.get(day, set())
        scored = [(d, i) for i in candidates if (d := self.clusters[i].distance(observation)) is not None]
        if scored:
            number = min(scored)[1]
            self._index(number, add=False)
            self.clusters[number].add(observation)
        else:
            number = len(self.clusters)
            self.clusters.append(_Cluster(kind, observation.place))
            self.clusters[number].add(observation)
        self._index(number)


def _cluster(observations: Iterable[tuple[str, Observation]],
             groups: dict[tuple[str, str], _Group] | None = None) -> dict[tuple[str, str], _Group]:
    """Merge (family, observation) pairs into the incidents of ``groups`` or new ones, best-dated first."""
    groups = groups if groups is not None else defaultdict(_Group)
    for kind, observation in sorted(observations, key=lambda pair: _order(pair[1])):
        groups[kind, observation.place].place(kind, observation)
    return groups


_FIGURE_PREFERENCE = ("violence", "battle", "territory", "strategic", "protest", "riot")


def _counts_only(observation: Observation) -> bool:
    """An untyped violent event that carries a count ("12 civilians were killed")."""
    return (family(observation) is None and observation.plover == "ASSAULT" and observation.place is not None
            and observation.modality in HAPPENED
            and (observation.fatalities is not None or observation.injured is not None))


def _merge(observations: Sequence[Observation]) -> list[_Cluster]:
    """Cluster the typed events; untyped counts join an incident of their report and place, else a violent one."""
    groups = _cluster((kind, o) for o in observations
                      if (kind := family(o)) and o.place and o.modality in HAPPENED)
    by_doc_place: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for (_, place), group in groups.items():
        for cluster in group.clusters:
            for doc in cluster.docs:
                by_doc_place[doc, place].append(cluster)
    loose = []
    for observation in filter(_counts_only, observations):
        candidates = by_doc_place.get((observation.doc_id, observation.place))
        if candidates:
            min(candidates, key=lambda c: _FIGURE_PREFERENCE.index(c.kind)).figures.append(observation)
        else:
            loose.append(("violence", observation))
    _cluster(loose, groups)
    return [cluster for group in groups.values() for cluster in group.clusters]


def _source_count(observations: Iterable[Observation]) -> int:
    return len({o.source_key or o.doc_id for o in observations})


def _figure_claims(cluster: _Cluster, attribute: str) -> list[Claim]:
    """One claim per report: the largest figure it gives for the incident."""
    per_doc: dict[str, Observation] = {}
    for observation in (*cluster.members, *cluster.figures):
        value = getattr(observation, attribute)
        if value is not None and (observation.doc_id not in per_doc
                                  or value > getattr(per_doc[observation.doc_id], attribute)):
            per_doc[observation.doc_id] = observation
    return _claims(per_doc.values(), lambda o: str(getattr(o, attribute)))


def _claims(observations: Iterable[Observation], value_of) -> list[Claim]:
    observations = sorted(observations, key=lambda o: (o.published or dt.date.max, o.doc_id))
    sources: dict[str, set[str]] = defaultdict(set)
    for observation in observations:
        sources[value_of(observation)].add(observation.source_key or observation.doc_id)
    return [Claim(value=value_of(o), doc_id=o.doc_id, evidence=o.evidence, event_id=o.event_id,
                  published=o.published, outlet=o.outlet, sources=len(sources[value_of(o)]))
            for o in observations]


def _is_revision(claims: Sequence[Claim]) -> bool:
    """The last report updates an earlier figure: it is later and says so ("has risen to 13")."""
    first, last = claims[0], claims[-1]
    if first.published is None or last.published is None or last.published <= first.published:
        return False
    text = last.evidence.text.lower()
    return any(cue in text for cue in rules()["revision_cues"])


def contradiction(kind: str, subject: str, subject_name: str, claims: Sequence[Claim],
                  *, place: str | None = None, revision: bool | None = None) -> Contradiction | None:
    """A contradiction over ``claims`` (in report order) when they hold more than one value, else None."""
    if len({c.value for c in claims}) < 2:
        return None
    latest = max(range(len(claims)), key=lambda i: (claims[i].published or dt.date.min, i))
    best = max(range(len(claims)), key=lambda i: (claims[i].sources, claims[i].published or dt.date.min, i))
    return Contradiction(
        id=fact_id("contradiction", subject, kind), kind=kind, subject=subject, subject_name=subject_name,
        claims=tuple(claims), latest=latest, best=best,
        revision=_is_revision(claims) if revision is None else revision, place=place)


def _figure(claims: Sequence[Claim], found: Contradiction | None) -> int | None:
    if not claims:
        return None
    if found is None:
        return int(claims[0].value)
    return int(found.claims[found.latest if found.revision else found.best].value)


def _fallback_actors(observations: Sequence[Observation]) -> tuple[dict[str, str], dict[str | None, str]]:
    """Who takes places in each report (its most named capturer), and in each country across reports."""
    per_doc: dict[str, Counter] = defaultdict(Counter)
    per_country: dict[str | None, Counter] = defaultdict(Counter)
    for observation in observations:
        if family(observation) == "territory" and observation.actor and observation.modality in HAPPENED:
            per_doc[observation.doc_id][observation.actor] += 1
            per_country[observation.country][observation.actor] += 1
    return _leaders(per_doc), _leaders(per_country)


def _leaders(counts: dict) -> dict:
    return {key: counter.most_common(1)[0][0] for key, counter in counts.items()}


def fuse(observations: Sequence[Observation]) -> tuple[tuple[Incident, ...], tuple[Contradiction, ...]]:
    """Merge the observations into incidents and flag reports that disagree on their figures or dates.

    Returns:
        The incidents, oldest first, and the contradictions (casualty counts, injured counts, dates).

    Example:
        >>> fuse(())
        ((), ())
    """
    clusters = _merge(observations)
    names = {o.actor: o.actor_name for o in observations if o.actor}
    by_doc, by_country = _fallback_actors(observations)
    incidents, contradictions = [], []
    for cluster in clusters:
        incident, found = _incident(cluster, names, by_doc, by_country)
        incidents.append(incident)
        contradictions.extend(found)
    incidents.sort(key=lambda i: (i.date_begin or dt.date.max, i.place_name or "", i.id))
    return tuple(incidents), tuple(contradictions)


def _incident(cluster: _Cluster, names: dict[str, str], by_doc: dict[str, str],
              by_country: dict[str | None, str]) -> tuple[Incident, list[Contradiction]]:
    members = sorted(cluster.members, key=lambda o: (o.published or dt.date.max, o.doc_id, o.event_id))
    first = members[0]
    typed = min(members, key=lambda o: (o.sub_event_type is None, _order(o)))  # the best-dated typed one
    identity = fact_id("incident", cluster.kind, cluster.place, first.event_id)
    actor, inferred = cluster.leader, False
    if actor is None and cluster.kind == "territory":
        actor = next((by_doc[o.doc_id] for o in members if o.doc_id in by_doc), by_country.get(first.country))
        inferred = actor is not None
    if cluster.explicit and cluster.span:
        begin, end = cluster.span
        precision = min(o.time_precision or 3 for o in members if _explicit(o))
    else:
        begin = end = min((o.published for o in members if o.published), default=None)
        precision = min((o.time_precision or 3 for o in members), default=None)
    found: list[Contradiction] = []
    figures = {}
    for attribute in ("fatalities", "injured"):
        claims = _figure_claims(cluster, attribute)
        conflict = contradiction(attribute, identity, first.place_name or cluster.place, claims, place=cluster.place)
        figures[attribute] = _figure(claims, conflict)
        if conflict:
            found.append(conflict)
    dated: dict[str, Observation] = {}  # per report, its best day-precise date of the happening
    if cluster.kind in DATED_KINDS:
        for observation in sorted(members, key=_order, reverse=True):
            if _explicit(observation) and observation.time_precision == 1:
                dated[observation.doc_id] = observation
    dates = contradiction("date", identity, first.place_name or cluster.place,
                          _claims(dated.values(), lambda o: o.date_end.isoformat()), place=cluster.place,
                          revision=False)
    if dates:
        found.append(dates)
    copies = {copy for o in members for copy in o.copies}
    incident = Incident(
        id=identity, kind=cluster.kind, plover=typed.plover,
        modality=Modality.ASSERTED if any(o.modality is Modality.ASSERTED for o in members) else Modality.CLAIMED,
        events=tuple(o.event_id for o in members), documents=tuple(dict.fromkeys(o.doc_id for o in members)),
        sources=_source_count(members), outlets=tuple(sorted({o.outlet for o in members if o.outlet} | copies)),
        event_type=typed.event_type, sub_event_type=typed.sub_event_type, place=cluster.place,
        place_name=first.place_name, place_level=first.place_level, lat=first.lat, lon=first.lon,
        country=first.country, admin1=first.admin1,
        actor=actor, actor_name=names.get(actor) if actor else None, actor_inferred=inferred,
        date_begin=begin, date_end=end, time_precision=precision, fatalities=figures["fatalities"],
        injured=figures["injured"], first_reported=first.published)
    return incident, found
