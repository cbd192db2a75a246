"""Event arguments read off one sentence's dependency parse: actor, theme, target and place.

Every argument is a token of the trigger's own sentence reached through the
parse (subject, object, ``by``-agent, ``of``-phrase, a light verb's subject,
the controller of an infinitive), or the antecedent that an anaphor on such a
path refers to. Nothing is taken from an unrelated part of the story, which is
how GDELT-style coders put an actor, an act and a place together wrongly.

The trigger conditions of ``event_triggers.csv`` are in
:mod:`sitroom.event_conditions`; the noun classes they test are in ``ontology.json``.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.model import Entity, EntityType, FeatureLevel

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PRONOUNS = {"they", "them", "it", "he", "she", "we", "us", "him", "her", "their", "its", "his", "i", "you"}
RELATIVES = {"who", "which", "that", "whom"}
_NP_LEFT = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "case", "predet", "npadvmod"}
_SUBJECTS = ("nsubj", "csubj")


@functools.cache
def _classes() -> dict[str, frozenset[str]]:
    from sitroom.ontology import noun_classes

    return noun_classes()


def in_class(token: Token, name: str) -> bool:
    """Whether the token's lemma or lower-cased form is in a noun class of ``ontology.json``."""
    words = _classes()[name]
    return token.lemma_.lower() in words or token.lower_ in words


@dataclass(frozen=True)
class Context:
    """What one document's earlier stages found, indexed by token, for reading arguments."""

    doc: Doc
    entity_at: dict[int, Entity] = field(default_factory=dict)  # token index -> entity (mention or reference)
    reference_at: set[int] = field(default_factory=set)  # tokens of group-noun references resolved by actors
    triggers: frozenset[int] = frozenset()  # token indices of every matched trigger of the document
    sentence_starts: tuple[int, ...] = ()  # token index where each sentence starts, in order
    home_country: str | None = None  # the country most of the report's named towns and regions are in
    dateline_end: int = 0  # token index after the dateline ("KABUL -"), whose words are no event argument

    def sentence(self, token: Token) -> Span:
        """The sentence holding a token (spaCy's ``Token.sent`` walks every sentence of the document)."""
        here = bisect.bisect_right(self.sentence_starts, token.i) - 1
        end = self.sentence_starts[here + 1] if here + 1 < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[here]:end]

    def sentences_before(self, token: Token, count: int) -> list[Span]:
        """Up to ``count`` whole sentences just before the token's sentence, nearest last."""
        here = bisect.bisect_right(self.sentence_starts, token.i) - 1
        bounds = [*self.sentence_starts, len(self.doc)]
        return [self.doc[bounds[i]:bounds[i + 1]] for i in range(max(0, here - count), max(0, here))]

    def entity(self, token: Token) -> Entity | None:
        return self.entity_at.get(token.i)

    def is_type(self, token: Token, kind: EntityType) -> bool:
        entity = self.entity(token)
        return entity is not None and entity.type is kind


def build_context(doc: Doc, entities: tuple[Entity, ...], dateline_end_char: int = 0) -> Context:
    """Index the entities' mentions and references by the tokens they cover."""
    entity_at: dict[int, Entity] = {}
    references: set[int] = set()
    countries: Counter[str] = Counter()
    for entity in entities:
        if entity.type is EntityType.PLACE and entity.country and entity.feature_level is not FeatureLevel.COUNTRY:
            countries[entity.country] += len(entity.mentions)
        for mention, is_reference in [(m, False) for m in entity.mentions] + [(m, True) for m in entity.references]:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                if is_reference:
                    references.add(token.i)
                    entity_at.setdefault(token.i, entity)
                else:
                    entity_at[token.i] = entity
    dateline_end = next((t.i for t in doc if t.idx >= dateline_end_char), len(doc)) if dateline_end_char else 0
    for i in range(dateline_end):
        entity_at.pop(i, None)
    home = countries.most_common(1)[0][0] if countries else None
    return Context(doc, entity_at, references, sentence_starts=tuple(sent.start for sent in doc.sents),
                   home_country=home, dateline_end=dateline_end)


# --- noun phrases -------------------------------------------------------------------------------------------

def phrase(token: Token, *, with_conj: bool = False) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``token``: its left modifiers, no clauses.

    With ``with_conj`` the coordinated heads join ("the United States and UK").
    """
    start = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT:
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:  # names written as several tokens ("Sar-e-Pul", "Lashkar Gah")
        if child.dep_ in ("compound", "flat", "nmod") and child.i == end:
            end = child.right_edge.i + 1
    if with_conj:
        for child in token.rights:
            if child.dep_ == "conj":
                end = max(end, phrase(child, with_conj=True)[1])
    doc = token.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in ("and", "or")):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(token: Token, *preps: str) -> Token | None:
    """The object of a preposition child of ``token`` ("of Kunduz", "by the Taliban")."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            found = _child(child, "pobj", "pcomp")
            if found is not None:
                return found
    return None


def conjuncts(token: Token, *, any_pos: bool = False) -> list[Token]:
    """The token and the heads coordinated with it, in order (``any_pos``: also a noun after a name)."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and (child.pos_ == token.pos_ or child.pos_ == "PROPN" or any_pos and (
                child.pos_ in ("NOUN", "PROPN"))):
            found.extend(conjuncts(child, any_pos=any_pos))
    return found


# --- places -------------------------------------------------------------------------------------------------

def is_place_name(token: Token, ctx: Context, *, loose: bool = False) -> bool:
    """A named place: a PLACE entity, else a GPE/LOC/FAC name; ``loose`` also takes any untyped proper noun."""
    if token.pos_ not in ("PROPN", "NOUN") or token.i < ctx.dateline_end:
        return False
    entity = ctx.entity(token)
    if entity is not None:
        if entity.type is EntityType.PLACE:
            return True
        if entity.type is EntityType.GROUP or not loose:
            return False
        return entity.type is not EntityType.PERSON or token.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG")
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    return loose and token.pos_ == "PROPN" and token.ent_type_ not in ("NORP", "DATE", "CARDINAL")


def is_country(token: Token, ctx: Context) -> bool:
    """A country name: a PLACE entity at country level, else a name pycountry knows."""
    entity = ctx.entity(token)
    if entity is not None and entity.feature_level is not None:
        return entity.feature_level is FeatureLevel.COUNTRY
    return _pycountry_name(token.text)


@functools.cache
def _pycountry_name(name: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def place_antecedent(token: Token, ctx: Context) -> Token | None:
    """The named place a definite place noun or pronoun refers to: the nearest one before it.

    "the country" looks for a country, "the capital"/"the city" for a place that is not one; the search
    covers the sentence so far and the two before it (the explicit referent GUIDELINES.md asks for).
    """
    plural = token.lower_ in ("them", "they")
    earlier = ctx.sentences_before(token, 3 if plural else 12)  # a definite noun reaches the report's focus place
    floor = earlier[0].start if earlier else ctx.sentence(token).start
    want_country = token.lemma_.lower() == "country"
    if not plural:
        from sitroom.event_anaphora import named_with_noun

        named_so = named_with_noun(token, floor, ctx)
        if named_so is not None:
            return named_so
    for i in range(token.i - 1, floor - 1, -1):
        cand = ctx.doc[i]
        if plural and cand.tag_ == "NNS" and in_class(cand, "place") and not in_class(cand, "generic_place"):
            return cand
        modifier = cand.dep_ == "compound" and not (in_class(cand.head, "facility") and cand.head.pos_ == "NOUN")
        if plural or not is_place_name(cand, ctx) or modifier or in_class(cand, "facility") or _landmark(cand):
            continue
        if want_country == is_country(cand, ctx) and _level_fits(token, cand, ctx):
            return cand
    return None


_TOWN_WORDS = {"city", "town", "capital", "village"}
_AREA_LEVELS = {FeatureLevel.PROVINCE, FeatureLevel.REGION, FeatureLevel.COUNTRY}


def _level_fits(noun: Token, cand: Token, ctx: Context) -> bool:
    """"the city" and "the town" refer to a settlement, not to a region or a state named in between."""
    entity = ctx.entity(cand)
    if noun.lemma_.lower() not in _TOWN_WORDS or entity is None or entity.feature_level is None:
        return True
    return entity.feature_level not in _AREA_LEVELS


def _landmark(token: Token) -> bool:
    """A place named only as a bearing ("operations south of Khartoum", "a camp near X"): not the topic."""
    head = token.head
    return token.dep_ == "pobj" and (head.lower_ == "of" and in_class(head.head, "direction") or in_class(
        head, "direction") and head.lower_ in ("near", "outside"))


def canonical_span(token: Token, ctx: Context) -> tuple[int, int] | None:
    """The place entity's mention as the report first names it ("El Fasher" for a later "the city" whose nearest
    antecedent is written "Al-Fashir"); None when the token is no entity."""
    entity = ctx.entity(token)
    if entity is None or entity.type is not EntityType.PLACE or not entity.mentions:
        return None
    after = ctx.doc[ctx.dateline_end].idx if 0 < ctx.dateline_end < len(ctx.doc) else 0
    mentions = [m for m in entity.mentions if m.start >= after] or list(entity.mentions)  # not the dateline's
    first = min(mentions, key=lambda m: m.start)
    return first.start, first.end


def is_definite_place(token: Token, ctx: Context) -> bool:
    """A singular place noun that refers back: "the capital", "the city", "the country's second city"."""
    if token.tag_ != "NN" or not in_class(token, "place"):
        return False
    determiner = _child(token, "det")
    owner = _child(token, "poss")
    if owner is not None:  # "the country's second city", "Afghanistan's third-largest city"
        return in_class(owner, "place") or is_country(owner, ctx)
    return determiner is not None and determiner.lower_ in ("the", "this", "that") and not [
        c for c in token.children if c.dep_ in ("amod", "compound", "nummod")]


def place_items(token: Token, ctx: Context, *, loose: bool = False, depth: int = 0) -> list[Token]:
    """The places a noun phrase names, one token per place (a list fans out into several).

    "the northern provincial capital of Kunduz and Lashkar Gah" -> Kunduz, Gah; "most of northern Afghanistan"
    -> Afghanistan; "another key capital Ghazni" -> Ghazni; "border towns and trade routes" -> towns, routes;
    "the capital" -> the place it refers to; "cities across Afghanistan" -> Afghanistan.
    """
    if depth > 4:
        return []
    lower = token.lower_
    if lower in PRONOUNS:
        found = place_antecedent(token, ctx)
        return [found] if found is not None else []
    if is_place_name(token, ctx, loose=loose):  # "Vovchansk and a string of border villages": both
        return [t for c in conjuncts(token, any_pos=True) for t in ([c] if is_place_name(c, ctx, loose=True) else place_items(
            c, ctx, depth=depth + 1) if c.i != token.i and c.lower_ not in PRONOUNS and not in_class(
            c, "generic_place") else [])]
    if token.pos_ == "NUM" or in_class(token, "partitive"):
        inner = _pobj(token, "of")
        return place_items(inner, ctx, loose=loose, depth=depth + 1) if inner is not None else []
    if not in_class(token, "place") or in_class(token, "facility"):
        return []
    owner = _child(token, "poss")
    if owner is not None and token.tag_ == "NNS" and (is_place_name(owner, ctx) or in_class(owner, "place")):
        return place_items(owner, ctx, loose=loose, depth=depth + 1)  # "the city's western neighbourhoods"
    named = [c for c in token.children if c.dep_ == "appos" and is_place_name(c, ctx, loose=True)]
    if token.tag_ == "NNS":  # "Sennar and Gedaref states"
        named += [c for c in token.children if c.dep_ in ("nmod", "compound") and is_place_name(c, ctx)]
    of_name = _pobj(token, "of")
    if of_name is not None and is_place_name(of_name, ctx, loose=True):
        named.append(of_name)
    if named:
        return [t for head in named for t in conjuncts(head)]
    if token.tag_ == "NNS":
        across = _pobj(token, "across", "in", "throughout")
        if across is not None and is_place_name(across, ctx, loose=loose):
            return [across]
    if is_definite_place(token, ctx):
        found = place_antecedent(token, ctx)
        return [found if found is not None else token]
    if in_class(token, "generic_place"):
        return []
    return [t for t in conjuncts(token) if in_class(t, "place")]


def place_span(token: Token, ctx: Context) -> tuple[int, int]:
    """Character offsets of a place item: the entity mention that covers it, else its noun phrase."""
    entity = ctx.entity(token)
    if entity is not None:
        for mention in entity.mentions:
            if mention.start <= token.idx < mention.end:
                return mention.start, mention.end
    start, end = phrase(token)
    doc = token.doc
    if is_place_name(token, ctx, loose=True):  # a name: its proper-noun run and the adjectives before it
        start = min(start, token.i)
        while start > 0 and start > token.left_edge.i and doc[start - 1].pos_ in ("PROPN", "ADJ", "CCONJ"):
            start -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


# --- roles --------------------------------------------------------------------------------------------------

def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def has_to(verb: Token) -> bool:
    """An infinitive: "to capture", "to evacuate"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def subject(verb: Token, depth: int = 0) -> Token | None:
    """The grammatical subject of a verb, following coordination, control and relative clauses."""
    if depth > 6:
        return None
    found = _child(verb, *_SUBJECTS)
    if found is not None:
        return verb.head if found.lower_ in RELATIVES and verb.dep_ == "relcl" else found
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "conj":
        return subject(head, depth + 1)
    if verb.dep_ in ("xcomp", "advcl", "ccomp", "acl") and (has_to(verb) or verb.dep_ == "xcomp"):
        obj = _child(head, "dobj")
        if obj is not None and in_class(head, "object_control"):
            return obj
        return subject(head, depth + 1) if head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        return subject(head, depth + 1)
    if verb.dep_ == "relcl":
        return head
    return None


def actor(trigger: Token) -> Token | None:
    """Who acts: subject, ``by``-agent, possessor, a light verb's subject; None when the text says nobody."""
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("VERB", "AUX"):
        if is_passive(trigger) or trigger.dep_ == "acl" and trigger.tag_ == "VBN" and _child(trigger, "nsubj") is None:
            return _pobj(trigger, "by")  # "the town captured by X"; not "claims that rebels had captured X"
        if in_class(trigger, "unaccusative") and _child(trigger, "dobj") is None or in_class(
                trigger, "loser_subject"):
            return _pobj(trigger, "to", "against")
        return subject(trigger)
    for child in trigger.children:
        if child.dep_ == "poss" or child.dep_ in ("compound", "nmod") and (child.pos_ == "PROPN" or in_class(
                child, "armed")):
            return child
    by = _pobj(trigger, "by")
    if by is not None:
        return by
    if lemma in ("withdrawal", "retreat", "deployment", "departure") or in_class(trigger, "mission"):
        inner = _pobj(trigger, "of")
        if inner is not None and not in_class(inner, "place"):
            return inner
    head = trigger.head
    if trigger.dep_ == "dobj" and head.pos_ == "VERB" and in_class(head, "light_verb") and not in_class(
            head, "repel_verbs"):  # "repelled the attack": the attack is the other side's
        return subject(head)
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        return _pobj(head.head, "by")
    return None


def theme(trigger: Token) -> Token | None:
    """What the act is done to: object, passive subject, an unaccusative's subject, a noun's ``of``-phrase."""
    if trigger.pos_ in ("VERB", "AUX"):
        if is_passive(trigger):
            found = _child(trigger, "nsubjpass")
            if found is not None:
                return trigger.head if found.lower_ in RELATIVES and trigger.dep_ == "relcl" else found
        elif in_class(trigger, "unaccusative") and _child(trigger, "dobj") is None:
            found = _child(trigger, "nsubj")
            if found is not None:
                return trigger.head if found.lower_ in RELATIVES and trigger.dep_ == "relcl" else found
        found = _child(trigger, "dobj")
        if found is not None:  # "the crossing, which they closed": the relative's head
            return trigger.head if found.lower_ in RELATIVES and trigger.dep_ == "relcl" else found
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":  # "an accord struck last year"
            return trigger.head
        if trigger.dep_ == "xcomp" and _child(trigger.head, "dobj") is not None and not has_to(trigger):
            return _child(trigger.head, "dobj")
        if trigger.dep_ == "xcomp" and has_to(trigger) and in_class(trigger.head, "object_control"):
            return _child(trigger.head, "dobj")  # "forced consulates to shut down"
        if in_class(trigger, "agreement") or trigger.lemma_.lower() in ("strike", "sign"):
            return _child(trigger, "nsubj")
        if trigger.dep_ == "conj" and not _child(trigger, *_SUBJECTS) and not any(
                c.dep_ == "prep" and c.lower_ in ("toward", "towards", "into", "through") for c in trigger.children):
            return theme(trigger.head)  # not "recaptured X and are pushing toward Y"
        return None
    return _pobj(trigger, "of")


def target(trigger: Token, plover: str) -> Token | None:
    """The party or facility acted on, where the sentence states one."""
    found = _child(trigger, "dative")
    if found is not None and found.dep_ == "dative" and found.pos_ != "ADP":
        return found
    to = _pobj(trigger, "to") if plover in ("AGREE", "REQUEST") else None
    if to is not None:
        return to
    if plover in ("ASSAULT", "SANCTION", "AID", "REQUEST", "REJECT", "ACCUSE", "THREATEN", "COERCE", "RETREAT"):
        if plover != "RETREAT":
            obj = theme(trigger)
            if obj is not None and not in_class(obj, "partitive"):
                return obj
        elif trigger.pos_ == "NOUN":
            return None
    found = _pobj(trigger, "against", "with", "from", "on") if plover in (
        "ASSAULT", "CONSULT", "REQUEST", "AGREE") else None
    if found is not None:
        return found
    for child in trigger.children:  # "attacks targeting media workers"
        if child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "kill"):
            return _child(child, "dobj")
    head = trigger.head
    if trigger.dep_ == "dobj" and head.lemma_.lower() in _classes()["receiver_verbs"]:
        return _child(head, "dative", "nsubjpass") or _pobj(head, "to")
    return None


def twins(trigger: Token) -> list[Token]:
    """The "wounded" that pairs with a "killed" trigger ("12 killed and 40 wounded"): one event, not two."""
    found = []
    for child in trigger.children:
        if child.dep_ == "conj":
            found.extend([child] if child.lemma_.lower() in ("wound", "injure") else [
                g for g in child.children if g.dep_ == "acl" and g.lemma_.lower() in ("wound", "injure")])
    return found
