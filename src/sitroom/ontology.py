"""The event ontology as data: ACLED event types and sub-event types, PLOVER types, and the map between them.

Everything comes from ``data/ontology.json`` (definitions and sources there) and
``data/event_triggers.csv`` (the trigger lexicon); :func:`validate` checks that
the two agree, so a typo in a data file fails a test instead of coding events
to a type no one defined.

Example:
    >>> len(acled_types()), len(acled_sub_types()), len(plover_types())
    (6, 25, 16)
    >>> plover_for("Air/drone strike"), event_type_for("Air/drone strike")
    ('ASSAULT', 'Explosions/Remote violence')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sitroom.lexicons import load_csv, load_json

TRIGGERS_FILE = "event_triggers.csv"
ONTOLOGY_FILE = "ontology.json"


class OntologyError(ValueError):
    """The ontology or trigger data files contradict each other; the message names the row to fix."""


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon (see the header of ``event_triggers.csv``)."""

    lemma: str
    pos: str
    plover: str
    event_type: str | None
    sub_event_type: str | None
    with_words: tuple[str, ...] = ()
    condition: str = ""
    note: str = ""


def _without_comments(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if not key.startswith("_")}


@functools.cache
def _ontology() -> dict:
    return load_json(ONTOLOGY_FILE)


def acled_types() -> tuple[str, ...]:
    """The six ACLED event types, in codebook order."""
    return tuple(_without_comments(_ontology()["acled"]))


def acled_sub_types(event_type: str | None = None) -> tuple[str, ...]:
    """ACLED sub-event types: all 25, or those of one event type.

    >>> acled_sub_types("Battles")
    ('Armed clash', 'Government regains territory', 'Non-state actor overtakes territory')
    """
    acled = _without_comments(_ontology()["acled"])
    chosen = [event_type] if event_type else list(acled)
    return tuple(sub for name in chosen for sub in acled[name]["sub_event_types"])


def event_type_for(sub_event_type: str) -> str:
    """The ACLED event type a sub-event type belongs to; KeyError for an unknown one."""
    for name, entry in _without_comments(_ontology()["acled"]).items():
        if sub_event_type in entry["sub_event_types"]:
            return name
    raise KeyError(f"unknown ACLED sub-event type {sub_event_type!r}")


def disorder_type(event_type: str) -> str:
    """ACLED's disorder type of an event type: ``"Political violence"``, ``"Demonstrations"``..."""
    return _ontology()["acled"][event_type]["disorder_type"]


def plover_types() -> tuple[str, ...]:
    """The 16 PLOVER event types."""
    return tuple(_without_comments(_ontology()["plover"]))


def plover_quad(plover: str) -> str:
    """The quad class of a PLOVER type: ``"material conflict"``, ``"verbal cooperation"``..."""
    return _ontology()["plover"][plover]["quad"]


def plover_modes(plover: str) -> tuple[str, ...]:
    """The modes PLOVER defines for a type (may be empty)."""
    return tuple(_ontology()["plover"][plover]["modes"])


def plover_contexts() -> tuple[str, ...]:
    """PLOVER context values (abridged)."""
    return tuple(_ontology()["plover_contexts"]["values"])


def plover_for(sub_event_type: str) -> str | None:
    """The PLOVER type an ACLED sub-event type maps to (None for "Other").

    >>> plover_for("Non-state actor overtakes territory"), plover_for("Arrests"), plover_for("Other")
    ('ASSAULT', 'COERCE', None)
    """
    return _ontology()["acled_to_plover"][sub_event_type]["plover"]


def plover_mode_for(sub_event_type: str) -> str | None:
    """The PLOVER mode that goes with an ACLED sub-event type (``"aerial"`` for air strikes), or None."""
    return _ontology()["acled_to_plover"][sub_event_type]["mode"]


@functools.cache
def noun_classes() -> dict[str, frozenset[str]]:
    """Named sets of head lemmas (``"place"``, ``"armed"``, ``"civilian"``...) the trigger conditions use."""
    return {name: frozenset(words) for name, words in _without_comments(_ontology()["noun_classes"]).items()}


def _read_rules() -> tuple[TriggerRule, ...]:
    return tuple(TriggerRule(
        lemma=row["lemma"].strip().lower(), pos=row["pos"].strip().upper(), plover=row["plover"].strip(),
        event_type=row["event_type"].strip() or None, sub_event_type=row["sub_event_type"].strip() or None,
        with_words=tuple(w for w in row["with"].strip().lower().split("|") if w),
        condition=row["condition"].strip(), note=(row.get("note") or "").strip(),
    ) for row in load_csv(TRIGGERS_FILE))


@functools.cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    """The rows of the trigger lexicon, in file order (validated)."""
    rules = _read_rules()
    validate(rules)
    return rules


@functools.cache
def rules_by_word() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """Trigger rules keyed by (lemma, part of speech), in file order."""
    found: dict[tuple[str, str], list[TriggerRule]] = {}
    for rule in trigger_rules():
        found.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {key: tuple(value) for key, value in found.items()}


def validate(rules: tuple[TriggerRule, ...] | None = None) -> None:
    """Raise :class:`OntologyError` unless every trigger row codes to types the ontology defines.

    Checks: 6 ACLED types with 25 sub-types; 16 PLOVER types; every sub-type mapped; every trigger row's
    PLOVER type known, its ACLED sub-type known and under its event type, and its part of speech VERB or NOUN.
    """
    from sitroom.event_conditions import CONDITIONS  # the condition names live with the code that tests them

    if len(acled_types()) != 6 or len(acled_sub_types()) != 25:
        raise OntologyError(f"ontology.json: expected 6 ACLED types and 25 sub-types, found "
                            f"{len(acled_types())} and {len(acled_sub_types())}")
    if len(plover_types()) != 16:
        raise OntologyError(f"ontology.json: expected 16 PLOVER types, found {len(plover_types())}")
    mapping = _without_comments(_ontology()["acled_to_plover"])
    if set(mapping) != set(acled_sub_types()):
        raise OntologyError(f"ontology.json acled_to_plover: sub-types differ: {set(mapping) ^ set(acled_sub_types())}")
    for sub, entry in mapping.items():
        if entry["plover"] is not None and entry["plover"] not in plover_types():
            raise OntologyError(f"ontology.json acled_to_plover[{sub!r}]: unknown PLOVER type {entry['plover']!r}")
    for rule in _read_rules() if rules is None else rules:
        where = f"{TRIGGERS_FILE} row {rule.lemma},{rule.pos}"
        if rule.pos not in ("VERB", "NOUN"):
            raise OntologyError(f"{where}: part of speech must be VERB or NOUN")
        if rule.plover not in plover_types():
            raise OntologyError(f"{where}: unknown PLOVER type {rule.plover!r}")
        if rule.event_type is not None and rule.event_type not in acled_types():
            raise OntologyError(f"{where}: unknown ACLED event type {rule.event_type!r}")
        if (rule.event_type is None) != (rule.sub_event_type is None):
            raise OntologyError(f"{where}: give both ACLED columns or neither")
        if rule.sub_event_type is not None and event_type_for(rule.sub_event_type) != rule.event_type:
            raise OntologyError(f"{where}: {rule.sub_event_type!r} is not a sub-type of {rule.event_type!r}")
        names = {term.lstrip("!") for alt in rule.condition.split("|") for term in alt.split("+") if term}
        if names - set(CONDITIONS):
            raise OntologyError(f"{where}: unknown condition(s) {sorted(names - set(CONDITIONS))}")
