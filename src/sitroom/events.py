"""Events: who did what to whom, where and when, coded in ACLED and PLOVER terms.

Requires the parse, entities (places and actors), timexes, quotes and
quantities; assigns ``events``. For each sentence, words of the trigger lexicon
(``data/event_triggers.csv``) are matched by lemma and part of speech; the
first lexicon row whose particle/modifier and condition hold codes the event
(ACLED event type and sub-event type, PLOVER type). Arguments come from the
dependency parse (:mod:`sitroom.event_args`, :mod:`sitroom.event_links`),
modality and source from :mod:`sitroom.modality`. A list of places fans out
into one event per place with the same trigger ("took three provincial
capitals - Zaranj, Sar-e-Pul and Taloqan" gives three captures).

Not coded, as an ACLED coder would not code them: the goal of a violent act
("fighting to capture X"), what someone is pressed to do ("press the Taleban to
negotiate"), the terms of a deal ("an end to fighting"), descriptions of an act
already coded ("saying prisoners were released"), and words used as modifiers.

Example:
    >>> from sitroom import extract  # doctest: +SKIP
    >>> [(e.trigger.text, e.sub_event_type, e.location_span.text)
    ...  for e in extract("Rebels captured Kidal on Monday.", published="2024-05-06").events]  # doctest: +SKIP
    [('captured', 'Non-state actor overtakes territory', 'Kidal')]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import re
from typing import TYPE_CHECKING

from sitroom.event_args import Context, build_context, in_class, phrase
from sitroom.event_conditions import Probe, holds
from sitroom.event_context import fill_places
from sitroom.event_links import PlaceItem, locations
from sitroom.event_sides import capture_type, is_claim
from sitroom.event_time import counts, time_of, timex_anchors, toll
from sitroom.ids import fact_id
from sitroom.modality import attribution, cues, modality_of
from sitroom.model import Entity, EntityType, Event, Modality, Quantity, Quote, Span, Timex
from sitroom.ontology import TriggerRule, rules_by_word, trigger_rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sitroom.pipeline import StageInput

log = logging.getLogger(__name__)

_CAPTURES = {"Non-state actor overtakes territory", "Government regains territory"}
_WITH_DEPS = ("prt", "compound", "amod", "nmod", "dobj", "npadvmod")
_CLIMB = ("prep", "pobj", "pcomp", "conj", "compound", "cc")


def stage(given: StageInput) -> dict[str, tuple[Event, ...]]:
    """Events of one parsed document (see the module docstring)."""
    document = given.document
    found = given.found
    entities: tuple[Entity, ...] = found.get("entities", ())
    dateline = document.dateline
    ctx = build_context(given.parsed, entities, dateline.span.end if dateline is not None else 0)
    matched = [(token, rule, probe) for token in given.parsed for rule, probe in [match(token, ctx)] if rule]
    triggers = {token.i for token, _, _ in matched}
    ctx = dataclasses.replace(ctx, triggers=frozenset(triggers))
    matched = [(token, rule, dataclasses.replace(probe, ctx=ctx)) for token, rule, probe in matched]
    anchors = timex_anchors(found.get("timexes", ()), ctx)
    built = [(token, probe, build_events(token, rule, probe, ctx, document_id=document.id, text=document.text,
                                         published=document.published, anchors=anchors, triggers=triggers,
                                         quotes=found.get("quotes", ()), quantities=found.get("quantities", ())))
             for token, rule, probe in matched]
    events: dict[str, Event] = {}
    for group in fill_places(built, ctx, document.text):
        for event in group:
            events.setdefault(event.id, event)
    return {"events": tuple(sorted(events.values(), key=lambda e: (e.trigger.start, e.location_span.start
                                                                   if e.location_span else -1)))}


# --- triggers -----------------------------------------------------------------------------------------------

def _pos(token: Token) -> str | None:
    if token.tag_ == "VBG" and token.dep_ == "aux":
        return "NOUN"  # a sentence-initial gerund the parser took for an auxiliary: "Shelling hit a market"
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return None


def _rules(token: Token) -> tuple[TriggerRule, ...]:
    pos = _pos(token)
    if pos is None:
        return ()
    table = rules_by_word()
    return table.get((token.lemma_.lower(), pos), ()) or table.get((token.lower_, pos), ())


def _with_token(token: Token, rule: TriggerRule) -> Token | None:
    """The particle or modifier a row asks for; a word right after the verb counts whatever its label
    ("pulled out of", which the parser reads as a preposition)."""
    return next((c for c in token.children if (c.dep_ in _WITH_DEPS or c.i == token.i + 1) and (
        c.lower_ in rule.with_words or c.lemma_.lower() in rule.with_words)), None)


@functools.cache
def _request_lemmas() -> frozenset[str]:
    return frozenset(rule.lemma for rule in trigger_rules() if rule.plover == "REQUEST")


def _blocked(token: Token) -> bool:
    """Inside the terms of a deal or a description: "an end to fighting", "the sound of explosions"."""
    blocking = cues()["blocking_heads"]
    if token.dep_ in ("xcomp", "dobj") and token.head.lemma_.lower() in blocking and not _negated(token.head):
        return True  # "urged all sides to stop fighting"; not "has not stopped attacks"
    current = token
    for _ in range(4):
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            return False
        current = current.head
        if (current.lemma_.lower() in blocking or current.lower_ in blocking) and not _negated(current):
            return True
        if current.pos_ in ("VERB", "AUX"):
            return False
    return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _material(token: Token, ctx: Context) -> bool:
    rule = match(token, ctx)[0] if _rules(token) else None
    return rule is not None and rule.plover in ("ASSAULT", "COERCE", "RETREAT", "MOBILIZE")


def _assault_word(token: Token) -> bool:
    """A word that names an attack by itself ("shelling"); "bomb" only with its modifier ("car bomb"), so that
    "a guided bomb hit X" is the strike, not the effect of one."""
    return any(rule.plover == "ASSAULT" and (not rule.with_words or _with_token(token, rule) is not None)
               for rule in _rules(token))


def _effect_of_attack(token: Token) -> bool:
    """"Shelling hit the market, killing 12", "shelling ... killed 30 people": the result of the attack named
    as subject (one event, anchored on the attack word), not a second event."""
    if _pos(token) != "VERB":
        return False
    if _attack_subject(token):
        return token.lemma_.lower() in ("hit", "kill", "wound", "injure", "strike", "damage", "destroy")
    return token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in ("kill", "wound", "injure") and (
        _attack_subject(token.head))


def _attack_subject(verb: Token) -> bool:
    """The verb's subject is an attack word; the noun right before it counts when the parser lost the link."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return any(c.dep_ == "nsubj" and _assault_word(c) for c in verb.children) or (
        before is not None and _pos(before) == "NOUN" and before.dep_ != "nsubj" and _assault_word(before))


def _described(token: Token) -> bool:
    """A word that describes another event rather than adding one: "talks ..., mediated by X" (a participle on a
    trigger noun), "offered to meet for direct talks" (the purpose of a trigger)."""
    head = token.head
    if _pos(token) == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN" and _pos(head) == "NOUN" and _rules(head):
        return True
    return _pos(token) == "NOUN" and token.dep_ == "pobj" and head.lower_ == "for" and bool(_rules(head.head)) and (
        head.head.i != token.i)


def _not_event(token: Token, rule: TriggerRule, ctx: Context) -> bool:
    """Words that look like an event but are not one here (see the module docstring)."""
    from sitroom.event_args import has_to

    if token.dep_ == "amod" or token.dep_ == "compound" and _pos(token) == "NOUN":
        return True
    if _effect_of_attack(token) or _described(token):
        return True
    if _pos(token) == "VERB" and token.dep_ in ("pobj", "nsubj", "dobj") and any(
            c.dep_ == "det" for c in token.children):
        return True  # a participle used as a noun: "half of the wounded"
    if _pos(token) == "VERB" and any(c.dep_ in ("nsubjpass", "dobj") and c.lower_ in ("we", "us", "i", "me", "you")
                                     for c in token.children) and any(
            c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in token.children):
        return True  # a speaker's own fear: "we could be killed on the way"
    if rule.plover == "ASSAULT" and has_to(token) and not _attempted(token):
        return True  # a goal: "fighting to capture the police headquarters"
    if _pos(token) == "NOUN" and token.dep_ == "dobj" and has_to(token.head) and (token.head.dep_ in ("advcl", "acl") or token.head.dep_ == "xcomp" and any(
            c.dep_ == "dobj" and _rules(c) for c in token.head.head.children)) and token.head.head.i != token.head.i and _pos(token.head.head) == "VERB" and (
            rule.plover == "ASSAULT") and not _rules(token.head):
        return True  # the object of a purpose: "ordered the pullout to avoid encirclement"
    if rule.plover == "REJECT" and _rejects_report(token):
        return True  # "rejected claims that ...": a denial of a report (sitroom.modality), not a refused proposal
    if _counted_object_of_repel(token):
        return True  # "repelled dozens of attacks": one event, the clash (UKRAINE.md)
    if token.dep_ == "pobj" and token.head.lower_ in ("on", "about", "over") and any(
            r.plover == "CONSULT" for r in _rules(token.head.head)):
        return True  # the topic of talks: "talks on a new prisoner exchange"
    if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in ("kill", "wound", "injure") and (
            match(token.head, ctx)[0] or rule).plover == "ASSAULT" and match(token.head, ctx)[0] is not None:
        return True  # "bombed positions, killing 15": the bombing's toll (counted there), not another event
    head = token.head if _pos(token) == "NOUN" and token.dep_ in ("dobj", "nsubjpass") else token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if has_to(head) and head.dep_ in ("xcomp", "advcl", "ccomp") and head.head.lemma_.lower() in _request_lemmas(
            ) and any(c.dep_ == "dobj" for c in head.head.children):
        return True  # what a party is pressed to do: "press the Taleban ... to negotiate"
    ancestor = token
    for _ in range(6):
        if ancestor.head.i == ancestor.i:
            break
        if ancestor is not token and ancestor.dep_ == "advcl" and ancestor.tag_ == "VBG" and _material(
                ancestor.head, ctx):
            return True  # an elaboration of another event: "overran the jail, saying prisoners were released"
        ancestor = ancestor.head
    tail = token.doc[token.i:token.i + 8].text.lower()
    return _blocked(token) or any(tail.startswith(idiom) for idiom in cues()["not_events"])


def _rejects_report(token: Token) -> bool:
    """"The army rejected claims that ...", "reports ... were rejected": what is rejected is a report or claim."""
    from sitroom.event_args import theme

    found = theme(token) if _pos(token) == "VERB" else None
    return found is not None and found.lemma_.lower() in cues()["report_nouns"]


def _attempted(token: Token) -> bool:
    """"troops could try to push": an attempted act (the head's own clause), not the goal of another act."""
    from sitroom.event_args import has_to

    head = token.head
    return token.dep_ == "xcomp" and head.lemma_.lower() in cues()["neutral_heads"] and not has_to(head) and (
        head.dep_ not in ("acl", "advcl"))


def _counted_object_of_repel(token: Token) -> bool:
    """An attack counted as the object of "repel" ("repelled 11 attacks", "repelled dozens of attacks")."""
    from sitroom.event_args import in_class

    current = token
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        current = token.head.head  # "dozens of attacks"
        counted = current.pos_ == "NUM" or current.lower_ in ("dozens", "hundreds", "scores", "several")
    else:
        counted = any(c.dep_ == "nummod" or c.lower_ in ("dozens", "several", "numerous") for c in token.children)
    return counted and current.dep_ == "dobj" and in_class(current.head, "repel_verbs")


def match(token: Token, ctx: Context) -> tuple[TriggerRule | None, Probe | None]:
    """The lexicon row a token triggers (first whose modifier and condition hold), with its roles; else Nones."""
    rules = _rules(token)
    if not rules or _not_event(token, rules[0], ctx):
        return None, None
    for rule in rules:
        if rule.with_words and _with_token(token, rule) is None:
            continue
        probe = Probe(token, rule.plover, ctx)
        if holds(rule.condition, probe):
            return rule, probe
    return None, None


def trigger_span(token: Token, rule: TriggerRule, text: str) -> Span:
    """The trigger as written: the word, with its particle or compound modifier when adjacent."""
    start, end = token.idx, token.idx + len(token)
    extra = _with_token(token, rule) if rule.with_words else None
    if extra is None and token.pos_ == "VERB":
        extra = next((c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1), None)
    if extra is not None and abs(extra.i - token.i) == 1 and (extra.dep_ in ("prt", "compound") or rule.with_words):
        start, end = min(start, extra.idx), max(end, extra.idx + len(extra))
    return Span(start, end, text[start:end])


# --- records ------------------------------------------------------------------------------------------------

def _span_of(token: Token | None, text: str, ctx: Context) -> Span | None:
    if token is None:
        return None
    start, end = phrase(token, with_conj=True)
    start = max(start, min(ctx.dateline_end, token.i))  # "KABUL - Taleban fighters": not the dateline
    doc = token.doc
    first, last = doc[start], doc[end - 1]
    return Span(first.idx, last.idx + len(last), text[first.idx:last.idx + len(last)])


def _entity_id(token: Token | None, ctx: Context, *types: EntityType) -> str | None:
    if token is None:
        return None
    start, end = phrase(token)
    for i in [token.i, *range(start, end)]:
        entity = ctx.entity_at.get(i)
        if entity is not None and (not types or entity.type in types):
            return entity.id
    return None


def interval(timex: Timex | None) -> tuple[dt.date, dt.date] | None:
    """The calendar interval of a time expression: its begin/end, else what its plain value spells out.

    >>> from sitroom.model import TimexType
    >>> t = Timex("t", "d", Span(0, 6, "Monday"), TimexType.DATE, "2021-08-09")
    >>> interval(t)
    (datetime.date(2021, 8, 9), datetime.date(2021, 8, 9))
    """
    if timex is None:
        return None
    if timex.begin is not None and timex.end is not None:
        return timex.begin, timex.end
    value = timex.value or ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
            day = dt.date.fromisoformat(value[:10])
            return day, day
        if re.fullmatch(r"\d{4}-W\d{2}-WE", value):
            saturday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 6)
            return saturday, saturday + dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date(int(value[:4]), int(value[5:7]), 1)
            after = (first + dt.timedelta(days=32)).replace(day=1)
            return first, after - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def precision(begin: dt.date, end: dt.date) -> int:
    """ACLED time precision: 1 a day, 2 up to a week, 3 longer.

    >>> precision(dt.date(2021, 8, 7), dt.date(2021, 8, 8)), precision(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    (2, 3)
    """
    days = (end - begin).days + 1
    return 1 if days <= 1 else 2 if days <= 7 else 3


# The largest count the store's INTEGER columns hold; a larger "toll" is a misread number (a fuzz test's
# "5,000,000,000 people were killed" made the whole batch fail to store).
_MAX_COUNT = 2**31 - 1


def _countable(value: float | None) -> bool:
    return value is not None and 1 <= value <= _MAX_COUNT


def _first_value(quantities: list[Quantity], kind: str) -> int | None:
    values = [q.value for q in quantities if q.kind == kind and _countable(q.value)]
    return int(values[0]) if values else None


def _casualties(token: Token, quantities: tuple[Quantity, ...], ctx: Context,
                ) -> tuple[list[Quantity], int | None, int | None]:
    """The counts of a violent event, its fatalities and injured; a toll's current figure ("the number of people
    killed ... has risen to 13, from 12") outranks the other counts of what it counts."""
    counted = counts(token, quantities, ctx)
    figures = {"killed": _first_value(counted, "killed"), "injured": _first_value(counted, "injured")}
    current = toll(token, quantities)
    if current is not None:
        quantity, kind = current
        counted = [quantity, *(q for q in counted if q.id != quantity.id)]
        if _countable(quantity.value):
            figures[kind] = int(quantity.value)
    return counted, figures["killed"], figures["injured"]


def build_events(token: Token, rule: TriggerRule, probe: Probe, ctx: Context, *, document_id: str, text: str,
                 published: dt.date | None, anchors: dict[int, list[Timex]], triggers: set[int],
                 quotes: tuple[Quote, ...], quantities: tuple[Quantity, ...]) -> list[Event]:
    """The event records of one matched trigger: one per place it names (one with no place when none)."""
    capture = rule.sub_event_type in _CAPTURES
    trigger = trigger_span(token, rule, text)
    sentence = ctx.sentence(token)
    evidence = Span(sentence.start_char, sentence.end_char, text[sentence.start_char:sentence.end_char])
    actor = probe.actor
    target = probe.target
    if capture:  # a place taken is the location, not a target; a facility or the loser is the target
        theme = probe.theme
        target = theme if theme is not None and in_class(theme, "facility") else None
        if in_class(token, "loser_subject") and token.pos_ == "VERB":
            from sitroom.event_args import subject

            target = subject(token)
    timex = time_of(token, anchors)
    when = interval(timex)
    date_from_document = when is None and published is not None
    if date_from_document:
        when = (published, published)
    modality = modality_of(token, triggers)
    attributed = attribution(token, quotes, ctx, text)
    if modality is Modality.ASSERTED and is_claim(attributed.speaker, attributed.entity_type, rule.plover, actor,
                                                  holds("civilian_target", probe), ctx):
        modality = Modality.CLAIMED
    counted, fatalities, injured = _casualties(token, quantities, ctx) if rule.plover == "ASSAULT" else ([], None, None)
    places: list[PlaceItem | None] = list(locations(probe, capture, ctx)) or [None]
    events = []
    for place in places:
        location_span = Span(place[1][0], place[1][1], text[place[1][0]:place[1][1]]) if place else None
        events.append(Event(
            id=fact_id("event", document_id, trigger.start, trigger.end, location_span or None),
            doc_id=document_id, trigger=trigger, evidence=evidence, plover=rule.plover, modality=modality,
            event_type=rule.event_type,
            sub_event_type=capture_type(rule.sub_event_type, actor, token, place[0] if place else None, ctx),
            actor=_entity_id(actor, ctx), target=_entity_id(target, ctx),
            location=_entity_id(place[0], ctx, EntityType.PLACE) if place else None,
            time=timex.id if timex else None, fatalities=fatalities,
            actor_span=_span_of(actor, text, ctx), target_span=_span_of(target, text, ctx), location_span=location_span,
            date_begin=when[0] if when else None, date_end=when[1] if when else None,
            time_precision=(2 if date_from_document else precision(*when)) if when else None,
            date_from_document=date_from_document, injured=injured,
            quantities=tuple(q.id for q in counted), source=attributed.source, source_span=attributed.span,
        ))
    return events
