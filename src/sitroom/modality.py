"""Modality and attribution of an event: did it happen, is it planned, hypothetical or denied, and who says so.

Modality is read from the trigger's own clause (negation, modal and future
auxiliaries, "if"), then from the clauses that embed it, climbing the parse:
an infinitive under "hope"/"plan" is planned, under "need"/"stave off" is
hypothetical, under "ask"/"urge" is what someone asked for (planned); a content
clause under "warn" or an assurance sought is hypothetical. Negation inside a
hypothetical context stays hypothetical (GUIDELINES.md section 5). A denied
event is negated: the content of "deny"/"dismiss" ("the army denied that the
city had fallen"), or of a report called false or dismissed ("Reports that the
city had fallen were wrong", "officials dismissed reports that the base had
been captured"). Cue words are in ``data/modality_cues.json``.

Attribution: the quote (from the quotes stage) whose content holds the trigger,
else the subject of the reporting verb whose complement holds it, else the
object of "according to". An event reported by a party to the conflict (an
armed group, an army) is ``claimed``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.event_args import Context, _child, _pobj, has_to, in_class, phrase
from sitroom.lexicons import load_json
from sitroom.model import EntityType, Modality, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLAIMABLE = {"ASSAULT", "RETREAT", "COERCE", "MOBILIZE"}


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """The cue lists of ``modality_cues.json`` as sets."""
    return {key: frozenset(value) for key, value in load_json("modality_cues.json").items()}


@dataclass
class _Reading:
    negated: bool = False
    planned: bool = False
    hypothetical: bool = False
    would: bool = False

    def result(self) -> Modality:
        if self.hypothetical:
            return Modality.HYPOTHETICAL
        if self.negated:
            return Modality.NEGATED
        if self.planned or self.would:
            return Modality.PLANNED
        return Modality.ASSERTED


def forms(token: Token) -> set[str]:
    """The word's lemma and lower-cased form, plus naive stems of -ing/-ed forms (the lemmatizer's "hoping" -> "hop")."""
    lower = token.lower_
    found = {token.lemma_.lower(), lower}
    for suffix in ("ing", "ed"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            found |= {stem, stem + "e"}
    return found


def _modal(head: Token) -> bool:
    c = cues()
    return any(a.dep_ == "aux" and a.lower_ in c["conditional_aux"] | c["hypothetical_aux"] | c["future_aux"]
               for a in head.children)


def _clause_cues(head: Token, reading: _Reading, *, own: bool) -> None:
    """Negation, auxiliaries and conditional markers attached to one clause head."""
    c = cues()
    for child in head.children:
        word = child.lower_
        if child.dep_ == "neg" and own or child.dep_ == "det" and word == "no" and own:
            reading.negated = True
        elif child.dep_ == "aux":
            if word in c["future_aux"]:
                reading.planned = True
            elif word in c["conditional_aux"]:
                reading.would = True
            elif word in c["hypothetical_aux"]:
                reading.hypothetical = True
        elif child.dep_ == "mark" and word in c["hypothetical_marks"]:
            reading.hypothetical = True
        elif own and child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in c["hypothetical_marks"]
                                                   for m in child.children) and _modal(head):
            reading.hypothetical = True  # "trucks would reach X if the border post opens"
        elif own and child.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no"
                                                                  for d in child.children):
            reading.negated = True  # "no aid convoy has reached it"
    if own and head.tag_ == "VBG" and head.lemma_.lower() in c["progressive_planned"] and any(
            ch.dep_ == "aux" and ch.lemma_ == "be" for ch in head.children):
        reading.planned = True  # "it was sending 3,000 troops": an announced deployment


def modality_of(trigger: Token, triggers: set[int]) -> Modality:
    """The modality of the event a trigger expresses; ``triggers`` are the token indices of all triggers.

    Example (with a parse): "did not ask for any support" -> negated; "will end on August 31" -> planned;
    "if they overrun the capital" -> hypothetical; "is hoping to convince" -> planned.
    """
    c = cues()
    reading = _Reading()
    cur = trigger
    _clause_cues(trigger, reading, own=True)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "nsubj" and any(
            m.dep_ == "mark" and m.lower_ in c["hypothetical_marks"] for m in trigger.head.children):
        return Modality.HYPOTHETICAL  # "if talks fail"
    if trigger.pos_ in ("NOUN", "PROPN"):
        nominal = _nominal_reading(trigger)
        if nominal is not None:
            return nominal
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.pos_ == "VERB":
        cur = trigger.head  # a light verb's negation and tense are the event's: "did not launch an attack"
        _clause_cues(cur, reading, own=True)
        if forms(cur) & c["hypothetical_heads"]:
            return Modality.HYPOTHETICAL  # "stave off an evacuation", "nearing a takeover"
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            break
        dep, words = cur.dep_, forms(head)
        if dep == "conj":
            _clause_cues(head, reading, own=False)
            cur = head
            continue
        if words & c["denial_heads"] and dep in ("xcomp", "ccomp", "dobj") or (
                words & c["dismissal_heads"] and dep == "ccomp"):
            reading.negated = True  # "the RSF denied killing him", "the army denied that the city had fallen"
            break
        if dep in ("acl", "relcl", "ccomp", "pobj", "pcomp") and _denied_report(cur):
            reading.negated = True  # "Reports that the city had fallen were wrong"
            break
        if dep == "xcomp" or dep in ("advcl", "acl", "ccomp") and has_to(cur):
            if words & c["hypothetical_heads"]:
                reading.hypothetical = True
                break
            if words & c["planned_heads"] or words & c["request_heads"] or head.i in triggers:
                reading.planned = True  # a plan, a request's content, or the purpose of another event
                _clause_cues(head, reading, own=False)
                if any(a.dep_ == "advcl" and a.i < head.i and any(
                        m.dep_ == "mark" and m.lower_ in c["hypothetical_marks"] for m in a.children)
                       for a in head.children):
                    reading.hypothetical = True  # "If the truce holds, WFP plans to resume distributions"
                if head.pos_ == "NOUN" and _child(head, "det") is not None and _child(head, "det").lower_ == "no":
                    reading.negated = True
                break
            if words & c["neutral_heads"] or head.pos_ in ("VERB", "AUX"):
                _clause_cues(head, reading, own=False)
                cur = head
                continue
            break
        if dep == "ccomp":
            if words & c["hypothetical_heads"] or words & c["request_heads"] and not words & c["speech_verbs"]:
                reading.hypothetical = True
            break
        if dep == "advcl":
            marks = {m.lower_ for m in cur.children if m.dep_ == "mark"}
            if marks & c["hypothetical_marks"]:
                reading.hypothetical = True
                break
            if marks & {"until", "unless"} and (any(n.dep_ == "neg" for n in head.children) or any(
                    a.dep_ == "aux" and a.lower_ in c["conditional_aux"] | c["future_aux"] for a in head.children)):
                reading.hypothetical = True  # "would not negotiate until they laid down their arms"
                break
            if marks & c["planned_marks"]:
                cur = head
                continue
            break
        if dep in ("dobj", "nsubjpass") and words & c["hypothetical_heads"]:
            reading.hypothetical = True  # "stave off an evacuation", "nearing a takeover"
            break
        if dep in ("pobj", "pcomp") and head.dep_ == "prep" and forms(head.head) & c["hypothetical_heads"]:
            reading.hypothetical = True  # "the prospect of an RSF advance"
            break
        if dep in ("pobj", "pcomp") and head.dep_ == "prep":
            verb = head.head
            if verb.pos_ in ("VERB", "AUX"):
                _clause_cues(verb, reading, own=False)
            break
        if dep in ("relcl", "acl") and (words & c["hypothetical_heads"] or words & c["request_heads"]):
            reading.hypothetical = True  # "calls for its soldiers to return"
        break
    return reading.result()


def _denied_report(clause: Token) -> bool:
    """The clause is the content of a report that the text calls false or a speaker denies: "Reports on
    Tuesday that the city had fallen were wrong", "officials dismissed reports that the base had been
    captured", "claims of an attack were baseless"."""
    c = cues()
    noun = clause.head
    if clause.dep_ in ("pobj", "pcomp"):
        if noun.lower_ not in ("of", "about") or noun.head.i == noun.i:
            return False
        noun = noun.head
    for _ in range(2):  # "Reports on Tuesday that ...": a clause the parser hung on the report's date
        if forms(noun) & (c["report_nouns"] | c["dismissal_heads"]) or noun.dep_ != "pobj":
            break
        noun = noun.head.head
    if forms(noun) & c["dismissal_heads"] and noun.pos_ == "NOUN":
        return True  # "the army's denial that the city had fallen"
    return bool(forms(noun) & c["report_nouns"]) and noun.pos_ in ("NOUN", "PROPN") and _falsified(noun)


def _falsified(noun: Token) -> bool:
    """A report noun denied ("dismissed reports", "reports ... were denied") or predicated as false ("were
    wrong", "proved baseless", "turned out to be untrue", "were not true")."""
    c = cues()
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and forms(verb) & c["dismissal_heads"]:
        return True
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i == noun.i:
        return False
    negated = any(n.dep_ == "neg" for n in verb.children)
    for predicate in [verb, *(x for x in verb.children if x.dep_ == "xcomp")]:
        negated = negated or any(n.dep_ == "neg" for n in predicate.children)
        for complement in predicate.children:
            if complement.dep_ not in ("acomp", "attr", "oprd"):
                continue
            words = forms(complement)
            if words & c["falsity_predicates"] and not negated or words & c["truth_predicates"] and negated:
                return True
    return False


def _nominal_reading(trigger: Token) -> Modality | None:
    """A noun event whose own clause is modal: "an assault ... would push", "talks could resume within weeks"
    (hypothetical), "a ceasefire that will take effect" (planned)."""
    c = cues()
    head = trigger.head
    if trigger.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        words = {a.lower_ for a in head.children if a.dep_ == "aux"}
        if words & (c["conditional_aux"] | c["hypothetical_aux"]):
            return Modality.HYPOTHETICAL
        if any(a.dep_ == "acomp" and a.lower_ in c["likelihood_predicates"] for a in head.children):
            return Modality.HYPOTHETICAL  # "an assault on the city was unlikely", "an offensive is imminent"
    for clause in trigger.children:
        if clause.dep_ == "relcl" and any(a.dep_ == "aux" and a.lower_ in c["future_aux"] for a in clause.children):
            return Modality.PLANNED
    return None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who reports an event: the quote id (when the quotes stage found one) and the speaker's words."""

    source: str | None = None
    span: Span | None = None
    speaker: Token | None = None
    entity_type: EntityType | None = None


def attribution(trigger: Token, quotes: tuple[Quote, ...], ctx: Context, text: str) -> Attribution:
    """The source of the event: the innermost quote holding the trigger, else the reporting clause around it."""
    holding = [q for q in quotes if q.content.start <= trigger.idx < q.content.end]
    speaker = _reporting_subject(trigger)
    if holding:
        quote = min(holding, key=lambda q: q.content.end - q.content.start)
        entity_type = None
        if quote.speaker_entity is not None:
            entity_type = next((e.type for e in ctx.entity_at.values() if e.id == quote.speaker_entity), None)
        if quote.speaker is not None and speaker is None:
            span = ctx.doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
            speaker = span.root if span is not None else None
        return Attribution(quote.id, quote.speaker, speaker, entity_type)
    if speaker is None:
        return Attribution()
    return Attribution(None, _speaker_span(speaker, ctx, text), speaker,
                       ctx.entity(speaker).type if ctx.entity(speaker) else None)


def _reporting_subject(trigger: Token) -> Token | None:
    speech = cues()["speech_verbs"]
    token = trigger
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in speech:
            return _child(head, "nsubj") or _pobj(head, "by")
        for child in head.children:  # "according to a report", as a sibling on the path
            if child.dep_ == "prep" and child.lower_ == "according":
                found = _pobj(child, "to")
                if found is not None:
                    return found
        token = head
    return None


def _speaker_span(speaker: Token, ctx: Context, text: str) -> Span:
    entity = ctx.entity(speaker)
    if entity is not None and entity.type is EntityType.PERSON:
        for mention in entity.mentions:
            if mention.start <= speaker.idx < mention.end:
                return Span(mention.start, mention.end, mention.text)
    start, end = phrase(speaker, with_conj=True)
    first, last = ctx.doc[start], ctx.doc[end - 1]
    return Span(first.idx, last.idx + len(last), text[first.idx:last.idx + len(last)])


def is_claim(attributed: Attribution, plover: str, ctx: Context) -> bool:
    """An event of violence or retreat reported only by a party to the conflict (GUIDELINES.md: claimed)."""
    if plover not in _CLAIMABLE or attributed.speaker is None:
        return False
    if attributed.entity_type is EntityType.GROUP or ctx.is_type(attributed.speaker, EntityType.GROUP):
        return True
    return _party(attributed.speaker, ctx, 0)


def _party(token: Token, ctx: Context, depth: int) -> bool:
    """An armed party or its voice: "the army", "Hemedti, the RSF commander", "Army spokesman X"."""
    if in_class(token, "armed") or ctx.is_type(token, EntityType.GROUP):
        return True
    if depth > 2:
        return False
    return any(_party(c, ctx, depth + 1) for c in token.children if c.dep_ in ("appos", "compound") and (
        c.dep_ == "appos" or in_class(c, "actor_noun") or in_class(c, "armed") or ctx.is_type(c, EntityType.GROUP)))
