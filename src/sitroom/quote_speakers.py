"""Who speaks: reporting cues, the speaker of a cue, and the speaker's span and entity.

Helpers of :mod:`sitroom.quotes`. A *cue* is a reporting verb ("said",
"told", "tweeted"), a reporting noun with a ``that`` clause ("reports that"),
or a multi-word preposition ("according to"); the word lists are data
(``quote_cues.json``). The speaker span follows the gold guidelines: a
person is the name without title or apposition ("Ned Price" for "The State
Department's spokesman, Ned Price"); an organization named in apposition is
its name ("UNHCR" for "The UN refugee agency UNHCR"); anything else is its
noun phrase with its determiner, without relative clauses, participles on its
head, appositions or time phrases ("a report in New York Times" for "a report
in New York Times on Thursday", "Residents" for "Residents reached by phone").
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.lexicons import load_json
from sitroom.model import Entity, EntityType

if TYPE_CHECKING:
    from spacy.tokens import Token

_RELATIVE = {"who", "which", "that", "whom"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"}
_TIME_LABELS = {"DATE", "TIME"}
_PHRASE_WORDS = {"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART"}
_MAX_PHRASE = 40  # tokens from its head a speaker's phrase may reach (keeps a misparse from costing much)
_MAX_WALK = 10  # ancestors climbed looking for a cue or a subject; a parse tree is rarely deeper


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue lexicon (``quote_cues.json``), with the misspellings of verb forms a typist would make."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]
    titles: frozenset[str]
    adjuncts: frozenset[str]
    typos: frozenset[str]


def _forms(lemma: str) -> set[str]:
    stem = lemma.removesuffix("e")
    past = lemma[:-1] + "ied" if lemma.endswith("y") else stem + "ed"
    return {lemma, lemma + "s", lemma[:-1] + "ies" if lemma.endswith("y") else lemma + "es", past, stem + "ing"}


def _typos(word: str) -> set[str]:
    """``word`` with one letter dropped or two neighbours swapped ("annonced", "siad")."""
    dropped = {word[:i] + word[i + 1:] for i in range(len(word))}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    return (dropped | swapped) - {word}


@functools.cache
def cues() -> Cues:
    data = load_json("quote_cues.json")
    verbs = frozenset(data["verbs"])
    forms = {form for lemma in verbs for form in _forms(lemma)}
    typos = {typo for form in forms if len(form) >= 6 for typo in _typos(form) if len(typo) >= 6} - forms
    return Cues(verbs, frozenset(data["nouns"]), tuple(tuple(p) for p in data["prepositions"]),
                frozenset(data["titles"]), frozenset(data["speech_adjuncts"]), frozenset(typos))


def is_verb_cue(token: Token) -> bool:
    """A reporting verb: a cue lemma tagged as a verb, or a misspelt cue form with a subject ("annonced")."""
    lexicon = cues()
    if token.tag_.startswith("VB") and token.lemma_.lower() in lexicon.verbs:
        return True
    return (token.lower_ in lexicon.typos and token.pos_ in ("VERB", "ADJ", "AUX")
            and any(child.dep_ == "nsubj" for child in token.children))


def preposition_cue(token: Token) -> tuple[Token, Token] | None:
    """(last word, source) of a cue preposition at ``token``: ("to", "X") for "according to X", else None.

    The source is the object of the last word, or, when the parse hung the name elsewhere ("According to
    WHO spokeswoman Leila Mansour, stocks ..."), the head of the noun phrase right after it.
    """
    for words in cues().prepositions:
        if token.lower_ != words[0]:
            continue
        word: Token | None = token
        for expected in words[1:]:
            word = next((c for c in word.children if c.lower_ == expected), None)
            if word is None:
                break
        if word is not None:
            source = next((c for c in word.children if c.dep_ == "pobj"), None) or _phrase_after(word)
            return (word, source) if source is not None else None
    return None


def _phrase_after(word: Token) -> Token | None:
    doc, run = word.doc, []
    for token in doc[word.i + 1:min(len(doc), word.i + 1 + _MAX_PHRASE)]:
        if token.pos_ not in _PHRASE_WORDS:
            break
        run.append(token)
    inside = {t.i for t in run}
    return next((t for t in run if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def preposition_object(token: Token) -> Token | None:
    """The source of a cue preposition: "X" for the "according" of "according to X", else None."""
    found = preposition_cue(token)
    return found[1] if found is not None else None


def is_cue(token: Token) -> bool:
    """A reporting verb or a cue preposition (what can introduce a direct quote)."""
    return is_verb_cue(token) or preposition_object(token) is not None


def speaker_head(cue: Token) -> Token | None:
    """The head word of who speaks through ``cue``, or None (``"It was reported that..."``).

    The subject of the verb; the object of "according to"; the subject of the
    verb it is coordinated with ("declined to comment, but said"); the noun a
    relative clause hangs on ("Rasool, who told Reuters"); for a participle
    ("arguing", "saying"), the speaker of the reporting verb above it, else
    the subject of the nearest verb above it.
    """
    source = preposition_object(cue)
    if source is not None:
        return source
    own = _own_speaker(cue)
    if own is not None:
        return own
    if cue.pos_ == "NOUN":
        return next((c for c in cue.children if c.dep_ == "poss"), None) or _agent(cue, ("by", "from"))
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        return _own_speaker(cue.head)
    if cue.dep_ == "relcl":
        return cue.head
    ancestors, token = [], cue
    while len(ancestors) < _MAX_WALK and token.head.i != token.i:  # spaCy makes a new Token per access
        token = token.head
        ancestors.append(token)
    reporting = next((a for a in ancestors if is_verb_cue(a)), None)
    found = speaker_head(reporting) if reporting is not None else None  # its walk covers the ones above it
    if found is not None:  # a participle shares the speaker of the reporting verb above it
        return found
    for ancestor in ancestors:  # "The ministry issued a statement saying ...", "X was quoted as saying"
        subject = _own_speaker(ancestor, passive=True) if ancestor.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            return subject
    return None


def _own_speaker(verb: Token, *, passive: bool = False) -> Token | None:
    """The verb's subject (the nearest, when the parse gives two: a dateline, a title split from a name), or
    its "by" agent."""
    subjects = ("nsubj", "nsubjpass") if passive else ("nsubj",)
    found = sorted((c for c in verb.children if c.dep_ in subjects), key=lambda c: abs(c.i - verb.i))
    if found:
        child = found[0]
        for farther in found[1:]:  # "An official in Sar-e-|Pul said": a name cut in two by the parse
            if farther.left_edge.i <= child.i - 1 <= farther.right_edge.i and not child.doc[child.i - 1].whitespace_:
                child = farther
        return verb.head if child.lower_ in _RELATIVE and verb.dep_ == "relcl" else child
    return _agent(verb, ("by",))


def _agent(token: Token, prepositions: tuple[str, ...]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in prepositions:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


class MentionIndex:
    """Entity mentions (named first, then unnamed references) looked up by character offset."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        entities = tuple(entities)
        named, references = [], []
        for entity in entities:
            named.extend((m.start, m.end, entity) for m in entity.mentions)
            references.extend((m.start, m.end, entity) for m in entity.references)
        self._layers = [sorted(named, key=lambda x: x[:2]), sorted(references, key=lambda x: x[:2])]
        self._starts = [[start for start, _, _ in layer] for layer in self._layers]
        self.persons = sorted(((m.start, m.end, e) for e in entities if e.type is EntityType.PERSON
                               for m in e.mentions), key=lambda x: x[:2])
        self._person_starts = [start for start, _, _ in self.persons]
        self.types = {entity.id: entity.type for entity in entities}
        self._by_entity = {e.id: sorted((m.start, m.end) for m in e.mentions) for e in entities}

    def at(self, offset: int, *, named_only: bool = False) -> tuple[int, int, Entity] | None:
        """The mention covering ``offset`` (named mentions first), or None."""
        for layer, starts in zip(self._layers[:1] if named_only else self._layers, self._starts, strict=False):
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and layer[i][0] <= offset < layer[i][1]:
                return layer[i]
        return None

    def mention_before(self, entity_id: str | None, offset: int) -> tuple[int, int] | None:
        """(start, end) of the entity's last named mention starting before ``offset``."""
        spans = self._by_entity.get(entity_id or "", [])
        i = bisect.bisect_left(spans, (offset,)) - 1
        return spans[i] if i >= 0 else None

    def person_before(self, offset: int) -> tuple[int, int, Entity] | None:
        """The nearest named PERSON mention starting before ``offset``."""
        i = bisect.bisect_left(self._person_starts, offset) - 1
        return self.persons[i] if i >= 0 else None


def _name(token: Token, mentions: MentionIndex) -> tuple[int, int] | None:
    """The span of the person's name at ``token``: its PERSON mention, else its proper-noun run minus titles."""
    found = mentions.at(token.idx, named_only=True)
    if found is not None and found[2].type is EntityType.PERSON:
        return found[0], found[1]
    if token.pos_ != "PROPN" or found is not None or any(c.dep_ in ("det", "poss") for c in token.children):
        return None  # an organization ("the Rapid Support Forces"), not a person
    run = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.i >= token.i - 6]
    titles = [c.i for c in run if c.lower_ in cues().titles]
    first = min((c.i for c in run if c.i > max(titles, default=-1)), default=token.i)
    first = min(first, token.i)
    return token.doc[first].idx, token.idx + len(token.text)


def _named_organization(token: Token, mentions: MentionIndex, *, apposition: bool = False) -> tuple[int, int] | None:
    """The name of an organization given in apposition: "UNHCR" for "The UN refugee agency UNHCR" (or
    ", UNHCR,"); None for a name that is the whole phrase ("the State Department")."""
    found = mentions.at(token.idx, named_only=True)
    if found is None or found[2].type is EntityType.PERSON:
        return None
    described = any(c.pos_ == "NOUN" and c.idx < found[0] for c in token.lefts if c.dep_ in ("compound", "amod"))
    return (found[0], found[1]) if apposition or described else None


def speaker_span(head: Token, mentions: MentionIndex) -> tuple[int, int]:
    """(start, end) of the speaker whose head word is ``head`` (see the module docstring)."""
    name = _name(head, mentions) or _named_organization(head, mentions)
    if name is not None and not any(c.dep_ == "conj" for c in head.children):
        return name
    for child in head.children:
        if child.dep_ == "appos":
            named = _name(child, mentions) or _named_organization(child, mentions, apposition=True)
            if named is not None:
                return named
    doc = head.doc
    keep, stack = [head], [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if abs(child.i - head.i) <= _MAX_PHRASE and not _drop_from_phrase(child, token.i == head.i):
                keep.append(child)
                stack.append(child)
    kept = {t.i for t in keep}
    first = last = head.i
    while first - 1 in kept:  # the unbroken run around the head: no jumping over a dropped clause
        first -= 1
    while last + 1 in kept:
        last += 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    for offset in (start, end - 1):  # never cut a name in two ("An official in Sar-e-Pul")
        found = mentions.at(offset, named_only=True)
        if found is not None:
            start, end = min(start, found[0]), max(end, found[1])
    return start, end


def _drop_from_phrase(child: Token, on_head: bool) -> bool:
    """Parts of a noun phrase that are not the speaker: clauses, appositions, time phrases, and participles
    on the head ("residents reached by phone"; but "the hospital run by Emergency" stays whole)."""
    if child.dep_ in ("appos", "relcl", "advcl", "parataxis") or child.is_space:
        return True
    if child.dep_ == "acl":
        return on_head or child.doc[child.left_edge.i - 1].text == ","
    if child.dep_ == "prep":
        objects = [c for c in child.children if c.dep_ == "pobj"]
        return bool(objects) and all(o.ent_type_ in _TIME_LABELS for o in objects)
    return child.dep_ == "npadvmod" and child.ent_type_ in _TIME_LABELS


def speaker_entity(head: Token, span: tuple[int, int], mentions: MentionIndex) -> str | None:
    """The entity id of the speaker: the mention at its head or name, else one modifying the head ("Taliban
    leadership"), else None. Pronouns are left to the caller."""
    for offset in (head.idx, span[0]):
        found = mentions.at(offset)
        if found is not None and found[0] < span[1] and span[0] < found[1]:
            return found[2].id
    for child in head.children:
        if child.dep_ in ("compound", "nmod", "poss", "amod") and span[0] <= child.idx < span[1]:
            found = mentions.at(child.idx)
            if found is not None:
                return found[2].id
    return None


def is_pronoun(head: Token) -> bool:
    return head.pos_ == "PRON" and head.lower_ in _PRONOUNS
