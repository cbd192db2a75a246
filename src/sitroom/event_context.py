"""Places an event takes from its context when its own sentence names none.

GUIDELINES.md fills an unnamed place "from its immediate context only when the referent is explicit": the
fighting "after four days of fighting" is where the capture it leads to is; "army troops had pulled out of
their positions" in a report whose previous sentence is all about Wad Madani happened there; what an
"Omdurman resident" reports happened in Omdurman. sitroom takes, for a material act (or talks) whose sentence
names no free place, in order:

1. the place of the event its phrase hangs on ("seized X after four days of fighting");
2. the place of a local witness who reports it ("Omdurman resident Y told Reuters that ...");
3. the one place of the events of the sentence just before, when they all share it (two different places
   there leave the event without one: the context is not explicit).

Example:
    >>> _key(None, "the City ")
    'city'
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from sitroom.event_args import Context, in_class, is_definite_place, is_place_name, place_span
from sitroom.event_links import sentence_places
from sitroom.ids import fact_id
from sitroom.model import EntityType, Event, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sitroom.event_conditions import Probe

_MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "SANCTION", "AID"}
_WHOLE_WAR = {"war", "conflict"}
_ADJUNCT = {"prep", "pobj", "pcomp", "npadvmod", "advmod", "amod", "compound"}
Built = tuple["Token", "Probe", list[Event]]


def _key(location: str | None, text: str) -> str:
    words = text.strip().lower()
    return location or (words.removeprefix("the "))


def _eligible(token: Token, probe: Probe) -> bool:
    return probe.plover in _MATERIAL or probe.plover == "CONSULT" and token.pos_ == "NOUN"


def _host_events(token: Token, by_token: dict[int, list[Event]]) -> list[Event]:
    """Located events of the trigger whose adjunct phrase holds this one."""
    current = token
    for _ in range(6):
        if current.dep_ not in _ADJUNCT or current.head.i == current.i:
            return []
        current = current.head
        found = [e for e in by_token.get(current.i, []) if e.location_span is not None]
        if found:
            return found
    return []


def _witness_place(token: Token, ctx: Context) -> Token | None:
    """"Omdurman resident X said ...", "residents of X said ...": the place the reporting witness lives in."""
    for word in ctx.sentence(token):
        if not in_class(word, "local_witness"):
            continue
        for child in word.children:
            if child.dep_ in ("compound", "nmod", "amod") and (is_place_name(child, ctx) or ctx.is_type(
                    child, EntityType.PLACE)):
                return child
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                inner = next((g for g in child.children if g.dep_ == "pobj" and is_place_name(g, ctx)), None)
                if inner is not None:
                    return inner
    return None


def _names_place(token: Token, ctx: Context) -> bool:
    """The sentence names a place (even one of another event), or speaks of the whole war: the previous
    sentence's place is then no explicit referent."""
    for word in ctx.sentence(token):
        if ctx.is_type(word, EntityType.PLACE) or is_definite_place(word, ctx) and not in_class(word, "facility"):
            return True
        if word.lemma_.lower() in _WHOLE_WAR and any(c.lower_ == "the" for c in word.children):
            return True
    return False


def _coreferent(token: Token) -> bool:
    """"the assault", "the withdrawal": a definite event noun names an event told before, whose place that
    sentence gave; the sentence just before is no explicit referent for it (UKRAINE.md)."""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _kin(source: str, plover: str) -> bool:
    """A material act takes the place of material acts; talks that of a visit or other talks."""
    return source in _MATERIAL if plover in _MATERIAL else source == plover


def _moved(event: Event, location: str | None, span: Span) -> Event:
    return dataclasses.replace(event, location=location, location_span=span, id=fact_id(
        "event", event.doc_id, event.trigger.start, event.trigger.end, span))


def fill_places(built: list[Built], ctx: Context, text: str) -> list[list[Event]]:
    """The events of each matched trigger (in document order), unnamed places filled from context."""
    by_token: dict[int, list[Event]] = {}
    by_sentence: dict[int, list[Event]] = {}
    starts = ctx.sentence_starts
    import bisect

    result = []
    for token, probe, events in built:
        here = bisect.bisect_right(starts, token.i) - 1
        if events and all(e.location_span is None for e in events) and _eligible(token, probe) and not (
                sentence_places(token, probe, ctx)):
            source = [e for e in _host_events(token, by_token) if e.plover == probe.plover]
            witness = None if source else _witness_place(token, ctx)
            if witness is not None:
                start, end = place_span(witness, ctx)
                entity = ctx.entity(witness)
                events = [_moved(e, entity.id if entity else None, Span(start, end, text[start:end])) for e in events]
            else:
                if not source and not _names_place(token, ctx) and not _coreferent(token):
                    source = [e for e in by_sentence.get(here - 1, []) if e.location is not None and _kin(
                        e.plover, probe.plover)]
                keys = {_key(e.location, e.location_span.text) for e in source if e.location_span is not None}
                if len(keys) == 1:
                    events = [_moved(e, source[0].location, source[0].location_span) for e in events]
        by_token[token.i] = events
        by_sentence.setdefault(here, []).extend(events)
        result.append(events)
    return result
