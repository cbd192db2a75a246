"""Reported clauses: where the clause a reporting cue introduces begins and ends (helpers of :mod:`sitroom.quotes`).

:class:`QuoteContext` indexes one document (quote marks, paragraphs, tokens,
mentions) by character offset. :func:`clause_span` turns a token range into
the content span the gold guidelines ask for: without "that", the closing
period or the dateline, inside the cue's paragraph, with a quoted fragment kept
whole, and without what the narrator adds after it (", arguing that ..." of
the same speaker, "without giving details", ", a claim that could not be
verified", ", though medics believe ..."). The other helpers repair common
misparses of news sentences ("CLAUSE, residents and the group said", "said on
Tuesday it had ...").
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from sitroom.quote_marks import MarkedQuote, find_quotes, paragraphs
from sitroom.quote_speakers import MentionIndex, cues, is_verb_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitroom.pipeline import StageInput

_MIN_BEFORE = 3  # tokens a clause before a parenthetical cue needs to be taken as its content
_MAX_SPEAKER_WORDS = 12  # words between a comma and a cue that may be a swallowed speaker
_CONCESSIVE = {"though", "although", "even though"}
_QUESTION_MARKS = {"whether", "if"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


class QuoteContext:
    """One document's parse, quote marks, paragraphs and mentions, indexed by character offset."""

    def __init__(self, given: StageInput) -> None:
        self.doc: Doc = given.parsed
        self.text: str = given.document.text
        self.doc_id: str = given.document.id
        self.marked: list[MarkedQuote] = find_quotes(self.text)
        self.mark_starts = [q.marks[0] for q in self.marked]
        self.paragraphs = paragraphs(self.text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.token_starts = [token.idx for token in self.doc]
        self.mentions = MentionIndex(given.found.get("entities", ()))
        dateline = given.document.dateline
        self.dateline_end = dateline.span.end if dateline is not None else 0

    def quote_at(self, offset: int) -> MarkedQuote | None:
        """The direct quote whose marks cover ``offset``."""
        i = bisect.bisect_right(self.mark_starts, offset) - 1
        return self.marked[i] if i >= 0 and offset < self.marked[i].marks[1] else None

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def token_at(self, offset: int) -> int:
        """Index of the token starting at or before ``offset``."""
        return max(0, bisect.bisect_right(self.token_starts, offset) - 1)

    def quoted(self, token: Token) -> bool:
        return self.quote_at(token.idx) is not None


def skip_time_of_saying(cue: Token, first: int, last: int) -> int:
    """Skip a time phrase the parse put at the head of the clause but that dates the saying: "The army said
    on Tuesday it had ..." (only right after the cue and its own words, with no "that" between)."""
    doc = cue.doc
    before = doc[first - 1]
    if not (before.i == cue.i or before.head.i == cue.i or before.head.head.i == cue.i) or before.lower_ == "that":
        return first
    token = doc[first]
    objects = [c for c in token.children if c.dep_ == "pobj"] if token.dep_ == "prep" else [token]
    if objects and all(o.ent_type_ in ("DATE", "TIME") for o in objects) and token.dep_ in ("prep", "npadvmod"):
        after = token.right_edge.i + 1
        return after + 1 if after <= last and doc[after].text == "," else after
    return first


def swallowed_speaker(doc: Doc, first: int, cue: Token) -> tuple[int, int, Token | None]:
    """Undo a parse that took the speaker of "CLAUSE, residents and the group said" into the clause.

    When the words between the last comma and the cue are a noun phrase (no verb), they are the speaker and
    the clause ends at the comma. Returns (first, last, speaker head).
    """
    for comma in range(cue.i - 1, max(first, cue.i - _MAX_SPEAKER_WORDS) - 1, -1):
        if doc[comma].text == ",":
            words = doc[comma + 1:cue.i]
            if len(words) and not any(t.pos_ in ("VERB", "AUX") for t in words) and any(
                    t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
                head = next(t for t in words if not comma < t.head.i < cue.i)
                return first, comma - 1, head
            break
    return first, cue.i - 1, None


def not_a_statement(clause: Token) -> bool:
    """Not a reported statement: a relative clause the parse took for a complement ("claims that could not be
    verified"), or an embedded question ("did not say whether ...", "asked what ... can do")."""
    first = clause.doc[clause.left_edge.i]
    if first.lower_ in _QUESTION_MARKS or (first.tag_ in ("WRB", "WP") and first.i < clause.i):
        return True
    return any(c.dep_ in SUBJECTS and c.tag_ == "WDT" and c.i == clause.left_edge.i for c in clause.children)


def complement_range(group: list[Token]) -> tuple[int, int]:
    """Token range of the complements on one side of a cue; for "A told B as C, D said", only "C"."""
    inner = group[0]
    if len(group) == 1 and is_verb_cue(inner) and any(c.dep_ == "ccomp" for c in inner.children):
        clauses = [c for c in inner.children if c.dep_ == "advcl" and c.i > inner.i]
        if clauses:
            clause = clauses[-1]
            first = clause.left_edge.i
            while first < clause.i and clause.doc[first].dep_ == "mark":
                first += 1
            return first, clause.right_edge.i
    return min(c.left_edge.i for c in group), max(c.right_edge.i for c in group)


def beside(cue: Token) -> tuple[int, int]:
    """The part of the cue's head clause on the far side of the cue's own words (the longer part if both)."""
    head = cue.head
    low, high, cue_low, cue_high = head.left_edge.i, head.right_edge.i, cue.left_edge.i, cue.right_edge.i
    if cue_low <= low or (cue_high < high and cue_low - low < _MIN_BEFORE):
        return cue_high + 1, high
    return low, cue_low - 1  # "CLAUSE, analysts said, while ...": the clause before is what they said


def clause_span(context: QuoteContext, first: int, last: int, cue: Token, *,
                keep_cue: bool = False) -> tuple[int, int] | None:
    """Character span of a reported clause from its token range, trimmed per the guidelines, or None.

    The clause stays inside the cue's paragraph and after the dateline; it loses a leading "that" (with
    "only" and the like before it), a leading relative pronoun and trailing punctuation, but keeps a quoted
    fragment whole, closing mark included.
    """
    doc = context.doc
    low, high = context.paragraphs[max(0, context.paragraph(cue.idx))] if context.paragraphs else (0, len(context.text))
    low = max(low, context.dateline_end)
    first, last = max(first, context.token_at(low)), min(last, len(doc) - 1)
    while first <= last and (doc[first].idx < low or doc[first].is_space or (
            doc[first].is_punct and not _opens_quote(context, doc[first]))):
        first += 1
    while last >= first and doc[last].idx + len(doc[last].text) > high:
        last -= 1
    first = _skip_complementizer(doc, first, last)
    last = _cut_speech_tail(doc, first, _trim_end(doc, first, last))
    if last - first < 1 or sum(1 for t in doc[first:last + 1] if t.is_alpha or t.like_num) < 2:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    if start <= cue.idx < end and not keep_cue:
        return None  # a non-projective parse wrapped the clause around its own cue
    i = bisect.bisect_left(context.mark_starts, start)
    while i < len(context.marked) and context.marked[i].marks[0] < end:
        end = max(end, context.marked[i].marks[1])  # a quoted fragment stays whole, closing mark included
        i += 1
    inside = context.quote_at(start)
    if inside is not None and end <= inside.marks[1]:
        return None  # the clause is a direct quote already
    return start, end


def _opens_quote(context: QuoteContext, token: Token) -> bool:
    quote = context.quote_at(token.idx)
    return quote is not None and quote.marks[0] == token.idx


def _skip_complementizer(doc: Doc, first: int, last: int) -> int:
    """Skip "that" ("said that ..."), with adverbs before it ("saying only that ..."), or a relative pronoun."""
    for i in range(first, min(first + 3, last + 1)):
        token = doc[i]
        if token.lower_ == "that" and (token.dep_ == "mark" or token.tag_ == "IN"):
            return i + 1
        if token.pos_ != "ADV":
            break
    if first <= last and doc[first].tag_ in ("WP", "WDT") and doc[first].lower_ in ("who", "which", "whom"):
        return first + 1  # "forces, who he said had the training": the clause is about the forces
    return first


def _trim_end(doc: Doc, first: int, last: int) -> int:
    while last >= first and (doc[last].is_space or doc[last].is_punct):
        last -= 1
    return last


def _cut_speech_tail(doc: Doc, first: int, last: int) -> int:
    """Cut what the narrator adds after the reported clause: a participle of the speaker (", arguing that
    ..."), "without giving details", or a comment set off by a comma (:func:`_narrator_comment`)."""
    adjuncts = cues().adjuncts
    for token in doc[first:last + 1]:
        if token.i <= first or token.right_edge.i < last:
            continue
        children = list(token.children)
        participle = (is_verb_cue(token) and token.dep_ in ("advcl", "conj", "xcomp")
                      and (token.tag_ == "VBG" or any(c.dep_ == "ccomp" for c in children))
                      and not any(c.dep_ == "nsubj" for c in children))
        adjunct = token.lower_ in adjuncts and token.dep_ == "prep" and any(c.dep_ == "pcomp" for c in children)
        after_comma = token.left_edge.i > first and doc[token.left_edge.i - 1].text == ","
        comment = after_comma and _narrator_comment(token, children)
        if participle or adjunct or comment:
            return _trim_end(doc, first, token.left_edge.i - 1)
    return last


def _narrator_comment(token: Token, children: list[Token]) -> bool:
    """A comma-set tail that is the narrator's: a noun phrase in apposition (", a claim that could not be
    verified", ", the first delivery in a month") or a concessive clause (", though medics believe ...")."""
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("appos", "npadvmod", "dobj", "attr"):
        return True
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONCESSIVE for c in children)
