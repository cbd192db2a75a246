"""The data model: frozen, slotted, typed records that every stage passes on.

Stages never mutate a record; they build new ones (``dataclasses.replace``).
Every fact carries the id of its document and character offsets into
``Document.text`` (Python ``str`` indices), so it can always be traced back to
the words that support it. Later stages add fields with defaults, so older
code that builds a record keeps working.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DateProvenance(StrEnum):
    """Where a document's publication date came from, best first."""

    GIVEN = "given"  # the user said so (--published, a JSONL field, a sidecar file)
    METADATA = "metadata"  # HTML metadata of the page
    DATELINE = "dateline"  # the dateline at the top of the text
    INFERRED = "inferred"  # guessed from the content (e.g. dateline day + a year in the text)
    UNKNOWN = "unknown"


class EntityType(StrEnum):
    """Coarse entity types of the extract contract."""

    PERSON = "PERSON"
    ORG = "ORG"
    GROUP = "GROUP"  # armed non-state groups and their aliases
    PLACE = "PLACE"


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


class Modality(StrEnum):
    ASSERTED = "asserted"
    CLAIMED = "claimed"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline opening a report, e.g. ``"KABUL, Aug 13 (Reuters) -"``.

    ``date`` is set when the dateline carries a full date; ``date_value`` keeps
    a partial one in TIMEX3 form (``"XXXX-08-13"``) when the year is missing.
    """

    span: Span
    places: tuple[str, ...]
    date: dt.date | None = None
    date_value: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One report, as ingested. ``id`` is the hash of its normalized text."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_provenance: DateProvenance = DateProvenance.UNKNOWN
    dateline: Dateline | None = None
    origin: str = ""  # where it was read from: path, "path:line", "<stdin>"
    external_id: str | None = None  # the "id" field of a JSON Lines record


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A named mention found in a document; ``label`` is the recognizer's label."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str


class FeatureLevel(StrEnum):
    """How big a place is, coarse to fine."""

    COUNTRY = "country"
    PROVINCE = "province"  # first-level division (GeoNames ADM1)
    DISTRICT = "district"
    CITY = "city"  # any populated place
    SITE = "site"  # an air base, airport, border crossing, prison...
    REGION = "region"  # a named area that is not an administrative unit


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing, with every mention of it in one document.

    ``canonical_id`` is the same for the same real-world thing in every
    document (Taleban and Taliban; "Kirby" and "John Kirby"); ``id`` is
    per document. Places carry their gazetteer resolution; actors their
    ACLED-style category, role and affiliation. ``references`` are the
    unnamed mentions that refer to it ("the insurgents", "the group").
    """

    id: str
    doc_id: str
    type: EntityType
    name: str
    mentions: tuple[Mention, ...]
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    canonical_id: str | None = None
    aliases: tuple[str, ...] = ()  # other names of it seen in this document
    references: tuple[Mention, ...] = ()
    # places
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # name of the first-level division (province)
    feature_level: FeatureLevel | None = None
    geo_confidence: float | None = None  # 0..1
    unresolved_reason: str | None = None  # why a place has no coordinates
    # actors
    actor_category: str | None = None  # ACLED inter-code name: "Rebel group", "State forces", ...
    role: str | None = None  # "spokesman", "Defence Secretary"
    affiliation: str | None = None  # entity id (in this document) of the organization or country


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression; ``value`` is TIMEX3-style (``2021-08-09``, ``P11D``) or None."""

    id: str
    doc_id: str
    span: Span
    type: TimexType
    value: str | None = None
    begin: dt.date | None = None  # the calendar interval it denotes, both ends inclusive
    end: dt.date | None = None
    anchored: bool = False  # resolved against the document date (else explicit or underspecified)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted amount: ``value`` of ``unit`` (``36`` ``people``), ``kind`` such as ``killed``."""

    id: str
    doc_id: str
    span: Span
    value: float | None
    unit: str | None = None
    kind: str | None = None
    qualifier: str | None = None  # "at least", "about", "more than", "less than", "up to", "vague"
    window: str | None = None  # timex id of the period counted over ("over the past 11 days")
    source: str | None = None  # quote id whose speaker gives the figure


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, directly (quote marks) or indirectly."""

    id: str
    doc_id: str
    kind: QuoteKind
    content: Span
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    floating: bool = False  # no cue of its own; speaker inherited from the previous quote


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, coded in ACLED and PLOVER terms."""

    id: str
    doc_id: str
    trigger: Span
    evidence: Span
    plover: str
    modality: Modality = Modality.ASSERTED
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # entity id
    target: str | None = None  # entity id
    location: str | None = None  # entity id
    time: str | None = None  # timex id
    fatalities: int | None = None
    # the words each argument was read from (evidence), also for arguments with no entity
    actor_span: Span | None = None
    target_span: Span | None = None
    location_span: Span | None = None
    # when: the interval of its time expression, else the document date (date_from_document)
    date_begin: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month or longer
    date_from_document: bool = False
    injured: int | None = None
    quantities: tuple[str, ...] = ()  # quantity ids of counts about this event
    source: str | None = None  # quote id attributing it ("said Ziauddin Zia")
    source_span: Span | None = None  # the speaker's words


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document: the unit the runner stores and prints."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    errors: tuple[str, ...] = ()  # stages that failed on this document, with why; the others still ran


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, and why (one line a user can act on)."""

    origin: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """A report not stored again because it repeats one already stored."""

    id: str
    original_id: str
    kind: str  # "exact" or "near"
    similarity: float
    document: Document = field(repr=False)


# --- the situation: what many reports say together (built from stored events by fuse and situation) ---


@dataclass(frozen=True, slots=True)
class Observation:
    """One stored event as the situation sees it: with its report's date and outlet, canonical place and actor.

    ``source_key`` names the independent source behind the report: the agency a dateline credits
    ("(Khyber Wire)"), else the outlet, else the document, so two outlets running one wire story count once.
    """

    event_id: str
    doc_id: str
    plover: str
    modality: Modality
    evidence: Span
    event_type: str | None = None
    sub_event_type: str | None = None
    date_begin: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    date_from_document: bool = False
    place: str | None = None  # canonical id of the location
    place_name: str | None = None
    place_level: str | None = None  # FeatureLevel value: country, province, city, site...
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None  # canonical id
    actor_name: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    published: dt.date | None = None
    outlet: str | None = None
    source_key: str = ""
    copies: tuple[str, ...] = ()  # outlets that republished the report (duplicate links)
    speaker: str | None = None  # who the report attributes the event to


@dataclass(frozen=True, slots=True)
class Incident:
    """One real happening, as told by every report that describes it (its member events)."""

    id: str
    kind: str  # the merge family: territory, battle, violence, protest, riot, strategic
    plover: str
    modality: Modality  # asserted when any report asserts it, else claimed
    events: tuple[str, ...]
    documents: tuple[str, ...]
    sources: int  # independent sources (wire copies and reprints count once)
    outlets: tuple[str, ...]
    event_type: str | None = None
    sub_event_type: str | None = None
    place: str | None = None
    place_name: str | None = None
    place_level: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    actor_name: str | None = None
    actor_inferred: bool = False  # no report names the actor; taken from the reports' other captures
    date_begin: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    fatalities: int | None = None  # the latest figure when revised, else the best-supported one
    injured: int | None = None
    first_reported: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One version of a disputed fact, with the report and words that state it."""

    value: str
    doc_id: str
    evidence: Span
    event_id: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    sources: int = 1  # independent sources stating this version


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Reports that disagree on one fact; every version is kept with its sources.

    ``kind`` is ``fatalities``, ``injured``, ``date`` or ``control``. ``revision`` is true when a later
    report updates a figure ("the toll has risen to 13, from 12") rather than disagreeing with it.
    ``latest`` and ``best`` index ``claims``: the last reported version and the best-supported one.
    """

    id: str
    kind: str
    subject: str  # incident id, or the place's canonical id for control
    subject_name: str
    claims: tuple[Claim, ...]
    latest: int
    best: int
    revision: bool = False
    place: str | None = None


class ControlStatus(StrEnum):
    HELD = "held"
    CONTESTED = "contested"
    DISPUTED = "disputed"  # reported taken, but a later report says the fight goes on or denies it


@dataclass(frozen=True, slots=True)
class ControlPeriod:
    """Who holds a place from ``begin`` until ``end`` (exclusive; None: still so at the last report)."""

    place: str
    place_name: str
    status: ControlStatus
    begin: dt.date
    confidence: float
    incidents: tuple[str, ...]
    documents: tuple[str, ...]
    sources: int
    end: dt.date | None = None
    holder: str | None = None  # canonical actor id
    holder_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    capital_of: str | None = None  # province code when the place is its capital


@dataclass(frozen=True, slots=True)
class CountCheck:
    """A count a report states ("12 provincial centres in 8 days", "a sixth capital") against the derived one."""

    doc_id: str
    evidence: Span
    claimed: int
    derived: int
    end: dt.date
    places: tuple[str, ...]  # the places the derived count counts
    begin: dt.date | None = None  # None: since the first report
    ordinal: bool = False
