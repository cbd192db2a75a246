"""Quotes: direct and indirect speech, each with its speaker, the speaker's entity and the cue (issue 4).

Requires the parse and the entities; assigns ``quotes``. Spans follow section 3
of ``tests/data/gold/GUIDELINES.md`` (and the notes of ``SUDAN.md``):

* **Direct** quotes are the text between paired quote marks
  (:mod:`sitroom.quote_marks`). Their cue is the reporting word the quote
  hangs on in the parse ("said" in ``"Not much," Kirby said``, "told" for a
  fragment inside a reported clause), else the nearest reporting word just
  after or before the marks in the same sentence. A quote with no cue that
  opens a sentence right after another quote inherits that quote's speaker
  (``floating=True``, cue None); a mid-sentence fragment with no cue is a
  scare quote and is dropped.
* **Indirect** quotes are the clause a reporting verb takes ("X said (that)
  CLAUSE", "CLAUSE, X told Y"), the ``that`` clause of a reporting noun
  ("reports that ..."), or the clause an "according to X" phrase hangs on;
  :mod:`sitroom.quote_clauses` trims it. Mixed quotation gives both records.
  Reported speech inside a direct quote is not a quote of its own, nor are
  embedded questions ("did not say whether ...").
* **Speakers** (:mod:`sitroom.quote_speakers`): a person's name without
  title, an organization named in apposition, else the noun phrase with its
  determiner; a bare pronoun ("he said") is replaced by its antecedent's
  nearest earlier mention (the previous speaker, else the last person named),
  whose entity it takes.

Cue words are data (``quote_cues.json``). Each step looks at a bounded
neighbourhood of a token, so the stage is linear in the length of the text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitroom.ids import fact_id
from sitroom.model import Entity, EntityType, Quote, QuoteKind, Span
from sitroom.quote_clauses import (
    SUBJECTS,
    QuoteContext,
    beside,
    clause_span,
    complement_range,
    not_a_statement,
    skip_time_of_saying,
    swallowed_speaker,
)
from sitroom.quote_marks import MarkedQuote
from sitroom.quote_speakers import (
    cues,
    is_cue,
    is_pronoun,
    is_verb_cue,
    preposition_cue,
    speaker_entity,
    speaker_head,
    speaker_span,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sitroom.pipeline import StageInput

log = logging.getLogger(__name__)

_SENTENCE_END = set(".!?")
_HANDS_OVER = set(",?!-—–:")  # a quote ending so is followed by its attribution: "Not much," Kirby said
_CLOSING = set('"”’\'»›')
_WINDOW_AFTER, _WINDOW_BEFORE = 8, 12  # tokens searched for a cue beside a direct quote
_MAX_WALK = 12
_DETERMINERS = {"", "the", "a", "an"}
_ANAPHORA_PARAGRAPHS = 2  # how far back a pronoun's antecedent may be
_FLOATING_PARAGRAPHS = 1  # a quote with no cue inherits the speaker of a quote at most this far back
_LINKING = {"ADV", "PUNCT", "CCONJ", "SPACE"}  # words that may stand before an opening "according to"


@dataclass(frozen=True, slots=True)
class _Draft:
    """A quote before its speaker is resolved against the quotes before it."""

    kind: QuoteKind
    start: int
    end: int
    head: Token | None = None  # head word of the speaker
    cue: str | None = None
    utterance: bool = False  # a direct quote that opens a sentence (may inherit a speaker)


def stage(given: StageInput) -> dict[str, tuple[Quote, ...]]:
    """Direct and indirect quotes of one parsed document, in text order."""
    context = QuoteContext(given)
    drafts = [*_indirect(context), *(d for q in context.marked if (d := _direct(context, q)) is not None)]
    drafts.sort(key=lambda d: (d.start, d.end))
    found = tuple(_resolve(context, drafts))
    log.debug("document %s: %d quotes from %d quote-mark pairs", context.doc_id, len(found), len(context.marked))
    return {"quotes": found}


# --- indirect speech -------------------------------------------------------------------------------------------


def _indirect(context: QuoteContext) -> Iterator[_Draft]:
    nouns = cues().nouns
    for token in context.doc:
        if context.quoted(token):
            continue  # reported speech inside a direct quote belongs to that quote
        if is_verb_cue(token):
            yield from _verb_quotes(context, token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in nouns:
            yield from _noun_quotes(context, token)
        elif (found := preposition_cue(token)) is not None:
            yield from _according(context, token, *found)


def _verb_quotes(context: QuoteContext, cue: Token) -> Iterator[_Draft]:
    complements = [c for c in cue.children if c.dep_ == "ccomp" and not not_a_statement(c)]
    sides = [[c for c in complements if c.i < cue.i], [c for c in complements if c.i > cue.i]]
    ranges = [complement_range(group) for group in sides if group]
    if not complements and cue.dep_ in ("advcl", "parataxis", "ccomp") and cue.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "nsubj" for c in cue.children):
        ranges = [beside(cue)]  # the parse hung the reporting verb on its clause: "as X annonced it will ..."
    speaker = speaker_head(cue)
    for first, last in ranges:
        if speaker is None and last == cue.i - 1:
            first, last, speaker = swallowed_speaker(cue.doc, first, cue)
        if first > cue.i:
            first = skip_time_of_saying(cue, first, last)
        content = clause_span(context, first, last, cue)
        if content is not None:
            yield _Draft(QuoteKind.INDIRECT, *content, head=speaker, cue=cue.text)


def _noun_quotes(context: QuoteContext, cue: Token) -> Iterator[_Draft]:
    for clause in cue.children:
        children = list(clause.children)
        if clause.i > cue.i and clause.dep_ in ("acl", "ccomp", "relcl", "appos") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in children) and any(
                c.dep_ in SUBJECTS for c in children):  # "claims that could not be verified": a relative
            content = clause_span(context, clause.left_edge.i, clause.right_edge.i, cue)
            if content is not None:
                yield _Draft(QuoteKind.INDIRECT, *content, head=speaker_head(cue), cue=cue.text)


def _according(context: QuoteContext, cue: Token, last_word: Token, source: Token) -> Iterator[_Draft]:
    """The clause an "according to X" phrase hangs on, less the phrase: the part after it when the phrase
    opens the clause ("Meanwhile, according to X, ..."), the part before when it closes it, else the whole."""
    head, doc = cue.head, cue.doc
    if head.pos_ in ("VERB", "AUX"):
        low, high = head.left_edge.i, head.right_edge.i
    else:  # the whole sentence (token.sent would scan the document)
        root = cue
        for _ in range(_MAX_WALK * 4):
            root = root.head if root.head.i != root.i else root
        low, high = root.left_edge.i, root.right_edge.i
    phrase_low, phrase_high = cue.left_edge.i, max(cue.right_edge.i, source.right_edge.i)
    before = any(t.pos_ not in _LINKING for t in doc[low:phrase_low])
    after = any(t.pos_ not in _LINKING for t in doc[phrase_high + 1:high + 1])
    if not before:
        content = clause_span(context, phrase_high + 1, high, cue)
    elif not after:
        content = clause_span(context, low, phrase_low - 1, cue)
    else:
        content = clause_span(context, low, high, cue, keep_cue=True)
    if content is not None:
        words = context.text[cue.idx:last_word.idx + len(last_word.text)]
        yield _Draft(QuoteKind.INDIRECT, *content, head=source, cue=words)


# --- direct speech ---------------------------------------------------------------------------------------------


def _direct(context: QuoteContext, quote: MarkedQuote) -> _Draft | None:
    cue = _parse_cue(context, quote) or _window_cue(context, quote)
    start, end = quote.content
    if cue is None:
        return _Draft(QuoteKind.DIRECT, start, end, utterance=_opens_sentence(context, quote))
    found = preposition_cue(cue)
    words = cue.text if found is None else context.text[cue.idx:found[0].idx + len(found[0].text)]
    return _Draft(QuoteKind.DIRECT, start, end, head=speaker_head(cue), cue=words)


def _parse_cue(context: QuoteContext, quote: MarkedQuote) -> Token | None:
    """The reporting word the quote's words hang on in the parse, nearest first."""
    low, high = quote.marks
    paragraph = context.paragraph(low)
    doc, found = context.doc, []
    for token in doc[context.token_at(quote.content[0]):context.token_at(max(quote.content[1] - 1, 0)) + 1]:
        ancestor = token.head
        if low <= ancestor.idx < high:
            continue
        for _ in range(_MAX_WALK):
            if context.paragraph(ancestor.idx) != paragraph or (context.quoted(ancestor)
                                                               and not low <= ancestor.idx < high):
                break
            if is_cue(ancestor):
                found.append(ancestor)
                break
            if ancestor.head.i == ancestor.i:
                break
            ancestor = ancestor.head
    return min(found, key=lambda t: min(abs(t.idx - low), abs(t.idx - high)), default=None)


def _window_cue(context: QuoteContext, quote: MarkedQuote) -> Token | None:
    """A reporting word just after the closing mark or just before the opening one, in the same sentence."""
    doc, (low, high) = context.doc, quote.marks
    paragraph = context.paragraph(low)
    after = range(context.token_at(high - 1) + 1, min(len(doc), context.token_at(high - 1) + 1 + _WINDOW_AFTER))
    before = range(context.token_at(low) - 1, max(-1, context.token_at(low) - 1 - _WINDOW_BEFORE), -1)
    content = context.text[quote.content[0]:quote.content[1]].rstrip()
    windows = (after, before) if quote.closed and content[-1:] in _HANDS_OVER else (before, after)
    for window in windows:
        for i in window:
            token = doc[i]
            if context.paragraph(token.idx) != paragraph or context.quoted(token) or token.text in _SENTENCE_END:
                break
            if is_cue(token):
                return token
    return None


def _opens_sentence(context: QuoteContext, quote: MarkedQuote) -> bool:
    """Whether the quote begins a sentence (an utterance, not a scare-quoted phrase)."""
    text, i = context.text, quote.marks[0] - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n\r" or text[i] in _SENTENCE_END or text[i] == ":":
        return True
    return text[i] in _CLOSING and i > 0 and text[i - 1] in _SENTENCE_END | {","}


# --- speakers --------------------------------------------------------------------------------------------------


def _resolve(context: QuoteContext, drafts: list[_Draft]) -> Iterator[Quote]:
    """Quotes in text order: speaker spans and entities, floating quotes, pronouns to their antecedent."""
    previous: Quote | None = None
    seen: set[tuple[int, int]] = set()
    for draft in drafts:
        if (draft.start, draft.end) in seen:
            continue
        seen.add((draft.start, draft.end))
        content = Span(draft.start, draft.end, context.text[draft.start:draft.end])
        quote_id = fact_id("quote", context.doc_id, draft.start, draft.end)
        base = Quote(id=quote_id, doc_id=context.doc_id, kind=draft.kind, content=content, cue=draft.cue)
        if draft.kind is QuoteKind.DIRECT and draft.cue is None:
            if not draft.utterance:
                continue  # a scare-quoted phrase of the narrator
            if previous is not None and (
                    context.paragraph(previous.content.end) >= context.paragraph(draft.start) - _FLOATING_PARAGRAPHS):
                quote = replace(base, speaker=previous.speaker, speaker_entity=previous.speaker_entity,
                                 floating=True)
            else:
                quote = base
        elif draft.head is None:
            quote = base
        else:
            quote = _with_speaker(context, base, draft.head, previous)
        yield quote
        if quote.speaker is not None:
            previous = quote


def _with_speaker(context: QuoteContext, quote: Quote, head: Token, previous: Quote | None) -> Quote:
    """The speaker's span and entity; a bare pronoun ("he said") gives way to its antecedent's nearest
    earlier mention, as the gold guidelines ask, and keeps its own span only when no antecedent is found."""
    start, end = speaker_span(head, context.mentions)
    entity = speaker_entity(head, (start, end), context.mentions)
    if entity is None and is_pronoun(head):
        found = _antecedent(context, head, previous)
        if found is not None:
            entity, (start, end) = found[0], found[1] or (start, end)
    return replace(quote, speaker=Span(start, end, context.text[start:end]), speaker_entity=entity)


def _antecedent(context: QuoteContext, pronoun: Token,
                previous: Quote | None) -> tuple[str | None, tuple[int, int] | None] | None:
    """(entity, span of its nearest earlier mention) for a speaking pronoun: the speaker of a quote in the
    last paragraphs (maybe unnamed: entity None, span as written), else for "he"/"she" the last person named
    in those paragraphs; None when there is neither. "He and several other residents" keeps its own span
    (span None)."""
    paragraph = context.paragraph(pronoun.idx)
    bare = not any(c.dep_ == "conj" for c in pronoun.children)
    personal = pronoun.lower_ in ("he", "she", "him", "her", "i")
    if previous is not None and previous.speaker is not None and (
            context.paragraph(previous.content.end) >= paragraph - _ANAPHORA_PARAGRAPHS):
        named = _name_of(context, previous.speaker)
        if not (personal and named is not None and named.type is not EntityType.PERSON):  # not "he" for an org
            nearest = context.mentions.mention_before(named.id, pronoun.idx) if named is not None else None
            span = nearest or (previous.speaker.start, previous.speaker.end)
            return previous.speaker_entity, span if bare else None
    person = context.mentions.person_before(pronoun.idx) if personal else None
    if person is None or context.paragraph(person[0]) < paragraph - _ANAPHORA_PARAGRAPHS:
        return None
    return person[2].id, (person[0], person[1]) if bare else None


def _name_of(context: QuoteContext, speaker: Span) -> Entity | None:
    """The entity a speaker span names outright ("Claire Dubois", "the State Department"), or None for a
    description ("A senior US official", "a spokesman for the 215th Corps")."""
    named = context.mentions.at(speaker.end - 1, named_only=True)
    if named is None or named[1] != speaker.end:
        return None
    return named[2] if context.text[speaker.start:named[0]].strip().lower() in _DETERMINERS else None
