"""Links from an event trigger to what earlier stages found: antecedents, places, time expressions, counts.

Each link follows the dependency parse of the trigger's sentence (or, for an
anaphor, the nearest explicit antecedent just before it), so an event's place
and time come from words that grammatically belong to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.event_args import (
    Context,
    _pobj,
    canonical_span,
    conjuncts,
    has_to,
    in_class,
    is_country,
    is_definite_place,
    is_place_name,
    phrase,
    place_items,
    place_span,
    twins,
)
from sitroom.event_conditions import Probe
from sitroom.model import EntityType, FeatureLevel

if TYPE_CHECKING:
    from spacy.tokens import Token

LOCATIVE = ("in", "at", "near", "on", "outside", "inside", "around", "across", "throughout", "along", "within",
            "into")
_BY_PLOVER = {"ASSAULT": ("for", "from"), "MOBILIZE": ("to", "into"), "CONSULT": ("for", "to"), "RETREAT": ("from",), "SANCTION": ("from",),
              "AID": ("to", "from")}
_SINGULAR = {"it", "its"}
_PERSONAL = {"he", "him", "his", "she", "her"}
_LIST_MARKS = {"-", "—", "–", ":"}
PlaceItem = tuple["Token", tuple[int, int]]


# --- anaphora -----------------------------------------------------------------------------------------------

def _candidate(token: Token, pronoun: str, ctx: Context) -> bool:
    entity = ctx.entity(token)
    if pronoun in _PERSONAL:
        return entity is not None and entity.type is EntityType.PERSON
    if token.dep_ == "compound" or token.pos_ not in ("NOUN", "PROPN"):
        return False
    named = entity is not None and entity.type in (EntityType.GROUP, EntityType.ORG, EntityType.PLACE)
    if entity is not None and entity.type is EntityType.PLACE and not ctx.doc[token.i].dep_.startswith("nsubj"):
        named = token.dep_ in ("nsubj", "conj", "poss")  # a place acts as a government only as a subject
    group_noun = in_class(token, "armed") or token.i in ctx.reference_at or in_class(token, "actor_noun")
    if pronoun in _SINGULAR:
        return (named or group_noun) and token.tag_ != "NNS"
    return named or group_noun and token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def antecedent(pronoun: Token, ctx: Context) -> Token | None:
    """The nearest explicit actor a pronoun refers to (GUIDELINES.md: "they took Aybak" -> "The Taleban").

    Within the pronoun's sentence the nearest fitting noun wins; in the two sentences before, the main
    clause's subject comes first (the most salient referent), then the nearest fitting noun.
    """
    word = pronoun.lower_
    if word in ("we", "us", "i", "you"):
        return None
    sentence = ctx.sentence(pronoun)
    for i in range(pronoun.i - 1, sentence.start - 1, -1):
        if _candidate(ctx.doc[i], word, ctx):
            return _head_of_coordination(ctx.doc[i])
    previous = ctx.sentences_before(pronoun, 2)
    for sent in reversed(previous):
        subjects = [t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and _candidate(t, word, ctx)]
        if subjects:
            return subjects[0]
        for token in reversed(list(sent)):
            if _candidate(token, word, ctx):
                return _head_of_coordination(token)
    return None


def _head_of_coordination(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


# --- places -------------------------------------------------------------------------------------------------

def _where(pobj: Token, ctx: Context) -> list[Token]:
    """Places named by a prepositional object; a facility leads on to the place it is in ("airport in X")."""
    items = place_items(pobj, ctx, loose=True)
    if items:
        return items
    inner = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ in LOCATIVE), None)
    if inner is not None:  # "the airport in X", "in an ambush near X", "a building in X and near a base in Y"
        found = [t for prep in _coordinated_preps(inner) for p in prep.children if p.dep_ == "pobj" and p.i != pobj.i
                 for t in _where(p, ctx)]
        if found:
            return found
    if not in_class(pobj, "facility"):
        return []
    owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
    return place_items(owner, ctx, loose=True) if owner is not None else []


def _prep_places(token: Token | None, preps: tuple[str, ...], ctx: Context, skip: Token | None = None) -> list[Token]:
    """Places of the first locative phrase of ``token`` that names one; coordinated phrases join ("in the
    capital and in the neighbouring city of X", "in X and near a base in Y")."""
    if token is None:
        return []
    heads = [token, *(c for c in token.children if c.dep_ == "advmod")]  # "elsewhere in the country"
    for child in (c for head in heads for c in head.children):
        if child.dep_ in ("prep", "dative") and child.lower_ in preps and child is not skip:
            found = [t for prep in _coordinated_preps(child) for pobj in prep.children if pobj.dep_ == "pobj"
                     for t in _where(pobj, ctx)]
            if found:
                return list({t.i: t for t in found}.values())
    return []


def _coordinated_preps(prep: Token) -> list[Token]:
    found = [prep]
    for child in prep.children:
        if child.dep_ == "conj" and child.pos_ == "ADP":
            found.extend(_coordinated_preps(child))
    return found


def _list_after(theme: Token, ctx: Context) -> list[PlaceItem]:
    """Names listed after a dash or colon that spell out a counted place noun ("three capitals - A, B and C")."""
    doc = theme.doc
    sent_end = ctx.sentence(theme).end
    mark = next((i for i in range(theme.i + 1, min(theme.i + 8, sent_end)) if doc[i].text in _LIST_MARKS), None)
    if mark is not None and mark + 1 == sent_end and sent_end < len(doc):
        sent_end = ctx.sentence(doc[sent_end]).end  # the parser may end a sentence at the colon that opens the list
    if mark is None or any(doc[i].pos_ in ("VERB", "AUX") for i in range(theme.i + 1, mark)):
        return []
    items: list[PlaceItem] = []
    i = mark + 1
    while i < sent_end:
        while i < sent_end and (doc[i].is_punct or doc[i].lower_ in ("and", "or")) and doc[i].text not in ("-",):
            i += 1
        if i < sent_end and doc[i].pos_ == "PROPN":
            start = i
            while i + 1 < sent_end and (doc[i + 1].pos_ == "PROPN" or not doc[i].whitespace_ and
                                        doc[i + 1].text not in (",", ".", ";")):
                i += 1
            items.append((doc[i], (doc[start].idx, doc[i].idx + len(doc[i]))))
        while i < sent_end and doc[i].text not in (",", ";"):
            i += 1
        i += 1
    return items if len(items) >= 2 else []


def _capture_places(probe: Probe, ctx: Context) -> list[PlaceItem]:
    theme = probe.theme
    trigger = probe.trigger
    if theme is None:
        return []
    if in_class(theme, "facility") and not is_place_name(theme, ctx):
        return _facility_places(theme, trigger, ctx)
    tokens = place_items(theme, ctx, loose=True) + _listed_with(theme, trigger, ctx)
    bare = theme.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "amod", "poss") for c in theme.children)
    wider = _pobj(trigger, "across", "throughout", "in") if bare and trigger.pos_ == "VERB" else None
    if wider is not None and is_place_name(wider, ctx, loose=True):
        tokens = [wider]  # "seize cities across Afghanistan": the named area, not the bare plural
    for child in list(trigger.children) + list(theme.children):  # "along with border towns", "including X"
        if child.dep_ == "prep" and child.lower_ in ("along", "together", "including"):
            inner = _pobj(child, "with") if child.lower_ != "including" else _pobj(trigger, "including")
            if inner is not None:
                tokens.extend(place_items(inner, ctx, loose=True))
    listed = _list_after(theme, ctx) if theme.tag_ == "NNS" else []
    if listed:
        return listed
    if trigger.pos_ == "VERB":  # a second object or coordinated name parsed onto the verb
        tokens.extend(c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "PROPN" and is_place_name(
            c, ctx, loose=True))
    return list({span: (t, span) for t in tokens for span in [place_span(t, ctx)]}.values())


def _listed_with(theme: Token, trigger: Token, ctx: Context) -> list[Token]:
    """Places listed with a named place taken that the parser hung on one of its modifiers instead of on the
    list: on a bearing ("captured Farah in the west and Pul-e-Khumri": a conjunct of "west") or on an
    appositive ("captured Maymana, the capital of Faryab, Asadabad in Kunar, and Gardez": conjuncts of
    "capital"). Names inside the modifiers ("of Faryab", "in Kunar") stay modifiers."""
    if not is_place_name(theme, ctx, loose=True):
        return []
    hosts = [c for c in theme.children if c.dep_ == "appos" and in_class(c, "place") and not is_place_name(
        c, ctx, loose=True)]
    areas = [area for host in hosts for area in [_pobj(host, "of")] if area is not None and _level(area, ctx) in _AREAS]
    for head in (trigger, theme):
        hosts.extend(pobj for prep in head.children if prep.dep_ == "prep" and prep.lower_ in LOCATIVE
                     for pobj in prep.children if pobj.dep_ == "pobj" and in_class(pobj, "direction"))
    listed = [child for host in hosts for child in host.children if child.dep_ in ("conj", "appos")]
    listed += [child for area in areas for child in area.children if child.dep_ == "appos" and (
        _level(child, ctx) is FeatureLevel.CITY)]  # "the capital of South Darfur, Zalingei in ...": no apposition
    return [t for child in listed if is_place_name(child, ctx) for t in conjuncts(child) if is_place_name(t, ctx)]


_AREAS = (FeatureLevel.PROVINCE, FeatureLevel.REGION, FeatureLevel.COUNTRY)


def _level(token: Token, ctx: Context) -> FeatureLevel | None:
    entity = ctx.entity(token)
    return entity.feature_level if entity is not None else None


def _facility_places(theme: Token, trigger: Token, ctx: Context) -> list[PlaceItem]:
    """Facilities taken: the place each is in ("Khartoum airport", "the US base at Bagram": not the owner's
    country), else the place of the clause the taking elaborates ("broke into the centre of X, seizing the police
    headquarters and the governor's office"), else, when several are listed, the facility itself ("the
    presidential palace and Khartoum airport"); one facility with no place of its own leaves the place to the
    rest of the sentence ("In Kandahar, ... overran the jail")."""
    items: list[PlaceItem] = []
    heads = conjuncts(theme)
    for head in heads:
        inner = _prep_places(head, LOCATIVE, ctx) or [c for c in head.children if c.dep_ in (
            "compound", "nmod", "poss") and is_place_name(c, ctx) and (c.dep_ == "poss" or not is_country(c, ctx))]
        if inner:
            items.extend((t, place_span(t, ctx)) for t in inner)
    if items or len(heads) < 2:
        return items
    host = _host_verb_places(trigger, ctx)
    if host:
        return [(t, place_span(t, ctx)) for t in host]
    for head in heads:
        start, end = phrase(head)
        items.append((head, (ctx.doc[start].idx, ctx.doc[end - 1].idx + len(ctx.doc[end - 1]))))
    return items


def locations(probe: Probe, capture: bool, ctx: Context) -> list[PlaceItem]:
    """The places of an event, one item per place (several: the event fans out).

    A capture's place is the place taken. Otherwise the first of: the trigger's own locative phrase, those of
    its object, agent and target, the verb a noun trigger is subject of, a "where" clause it sits in, a
    purpose clause, and the locative phrases of the clauses above it in the sentence.
    """
    trigger = probe.trigger
    if capture:
        found = _capture_places(probe, ctx)
        if found:
            return found
    preps = LOCATIVE + _BY_PLOVER.get(probe.plover, ()) + (("to", "toward", "towards") if capture else ())
    candidates = [
        lambda: _experiencer_place(trigger, ctx),
        lambda: _prep_places(trigger, preps, ctx),
        lambda: [t for c in twins(trigger) for t in _prep_places(c, preps, ctx)],
        lambda: [t for th in (conjuncts(probe.theme) if probe.theme is not None and probe.theme.i != trigger.i
                              else []) for t in _prep_places(th, preps, ctx)],
        lambda: _owner_place(probe.theme, ctx) if probe.theme is not None and _site(probe.theme) else [],
        lambda: _theme_places(probe, ctx),  # "shelled Kharkiv", "closed the Adre crossing", "reach Nyala"
        lambda: _prep_places(probe.actor, ("in", "at"), ctx),
        lambda: _prep_places(probe.target, ("in", "at"), ctx) if probe.plover in _MATERIAL else [],
        lambda: _host_verb_places(trigger, ctx),
        lambda: _prep_places(trigger.head, LOCATIVE, ctx) if trigger.dep_ == "nsubj" and (not any(
            c.dep_ == "dobj" for c in trigger.head.children) or in_class(trigger.head, "event_predicates")) else [],
        lambda: _struck_places(trigger, ctx),
        lambda: _prep_places(trigger.head, LOCATIVE, ctx) if trigger.dep_ == "dobj" and (in_class(
            trigger.head, "light_verb") or in_class(trigger.head, "event_predicates")) else [],
        lambda: [trigger.head] if trigger.dep_ == "relcl" and any(
            c.lower_ == "where" for c in trigger.children) and place_items(trigger.head, ctx, loose=True) else [],
        lambda: _purpose_places(trigger, ctx),
        lambda: _host_places(trigger, ctx),
        lambda: _ancestor_places(trigger, ctx, across_speech=probe.plover in _MATERIAL),
        lambda: sentence_place(trigger, probe, ctx),
    ]
    for candidate in candidates:
        found = candidate()
        if found:
            return [(t, _item_span(t, trigger, ctx)) for t in found]
    return []


def _item_span(token: Token, trigger: Token, ctx: Context) -> tuple[int, int]:
    """A place named in the trigger's sentence as written; one reached through an anaphor in an earlier
    sentence as the report first names it."""
    sentence = ctx.sentence(trigger)
    if not sentence.start <= token.i < sentence.end:
        return canonical_span(token, ctx) or place_span(token, ctx)
    return place_span(token, ctx)


def predicate_after(trigger: Token) -> Token | None:
    """The finite verb right after a noun trigger, its predicate even where the parser attached the noun
    elsewhere ("In Nyala, the capital of X, an air strike hit ...")."""
    doc = trigger.doc
    if trigger.pos_ != "NOUN" or trigger.i + 1 >= len(doc):
        return None
    verb = doc[trigger.i + 1]
    return verb if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") else None


_EFFECT_VERBS = {"hit", "strike", "destroy", "damage", "flatten", "level", "kill", "wound", "injure", "target"}


def _struck_places(trigger: Token, ctx: Context) -> list[Token]:
    """"Shelling hit the city's main market", "an air strike hit an area near X": the place of what was hit,
    else of the clause."""
    verb = trigger.head if trigger.dep_ == "nsubj" else predicate_after(trigger)
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in _EFFECT_VERBS:
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    return _owner_place(obj, ctx) or _prep_places(obj, LOCATIVE, ctx) or _prep_places(verb, LOCATIVE, ctx)


def _theme_places(probe: Probe, ctx: Context) -> list[Token]:
    theme = probe.theme
    if probe.plover not in _MATERIAL or theme is None or theme.i == probe.trigger.i:
        return []
    if is_place_name(theme, ctx) or in_class(theme, "place") and not in_class(theme, "generic_place") and not in_class(
            theme, "facility") or (
            theme.lower_ in ("it", "them") and probe.plover in ("AID", "ASSAULT")):
        named = is_place_name(theme, ctx)  # "shelled X and border villages": the villages listed with a name
        return [t for t in place_items(theme, ctx, loose=True) if named or is_place_name(t, ctx, loose=True) or any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children)]  # not "the main roads"
    return []


def _host_verb_places(trigger: Token, ctx: Context) -> list[Token]:
    """A verb coordinated without its own subject ("targeted depots in the city and had not struck homes"), or a
    participle clause ("went from house to house in X, killing 40"), takes the place of its host clause."""
    head = trigger.head
    if trigger.pos_ != "VERB" or head.pos_ not in ("VERB", "AUX") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return []
    if not (trigger.dep_ == "conj" or trigger.dep_ == "advcl" and trigger.tag_ == "VBG"):
        return []
    found = _prep_places(head, LOCATIVE, ctx)
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    if found or obj is None:
        return found
    return _prep_places(obj, LOCATIVE, ctx) or ([obj] if is_place_name(obj, ctx) else [])


def _experiencer_place(trigger: Token, ctx: Context) -> list[Token]:
    """"The city has witnessed attacks", "Aleppo saw heavy fighting", "X faces the prospect of an advance":
    the place that underwent (or faces) the event."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and in_class(head.head, "prospect"):
        trigger, head = head.head, head.head.head
    if trigger.dep_ != "dobj" or not in_class(head, "experiencer_verbs"):
        return []
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return place_items(subject, ctx) if subject is not None else []


def _site(token: Token) -> bool:
    """A facility or a civilian site whose owner names the place ("the city's main livestock market")."""
    return in_class(token, "facility") or (in_class(token, "civilian") or in_class(token, "property")) and not (
        in_class(token, "place"))


def _owner_place(facility: Token, ctx: Context) -> list[Token]:
    owner = next((c for c in facility.children if c.dep_ == "poss"), None)
    return place_items(owner, ctx) if owner is not None else []


def _purpose_places(trigger: Token, ctx: Context) -> list[Token]:
    verb = trigger.head if trigger.dep_ == "dobj" else trigger
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and has_to(child):
            inner = child.children
            for token in [child, *(c for c in inner if c.dep_ == "dobj")]:
                found = _prep_places(token, LOCATIVE + ("from", "to"), ctx)
                if found:
                    return found
    return []


_TEMPORAL = {"as", "while", "when", "once", "after", "before", "until"}


def _host_places(trigger: Token, ctx: Context) -> list[Token]:
    """A clause of time ("once the troops departed") or purpose ("sent troops to X to evacuate") takes the
    place of the clause it hangs on."""
    head = trigger.head
    if trigger.dep_ != "advcl" or head.pos_ not in ("VERB", "AUX"):
        return []
    marks = {c.lower_ for c in trigger.children if c.dep_ == "mark"}
    if marks & _TEMPORAL:
        return _prep_places(head, LOCATIVE, ctx, skip=trigger)
    if has_to(trigger) and head.i in ctx.triggers:
        return _prep_places(head, LOCATIVE + ("to",), ctx, skip=trigger)
    return []


def _ancestor_places(trigger: Token, ctx: Context, *, across_speech: bool = True) -> list[Token]:
    """A locative phrase fronted before the subject of a clause above ("In Kandahar, the Taliban said they...").
    Talks and offers do not take the place where their speaker speaks ("In Ankara, X said he would discuss")."""
    token = trigger
    while token.head.i != token.i:
        came_from, token = token, token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if not across_speech and token.lemma_.lower() in _SPEECH_VERBS:
            return []
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        limit = subject.i if subject is not None else token.i
        for child in token.children:
            if child.dep_ == "prep" and child.i < limit and child is not came_from and child.lower_ in LOCATIVE:
                found = [t for p in child.children if p.dep_ == "pobj" for t in _where(p, ctx)]
                if found:
                    return found
    return []


_SPEECH_VERBS = {"say", "tell", "announce", "state", "add", "confirm", "write", "tweet", "report"}
_NOT_LOCATIVE = {"between", "with", "against", "by", "including", "alongside", "to", "from", "for"}


def _of_a_role(token: Token) -> bool:
    """"the governor of West Darfur", "the people of X": a place that qualifies a person, not where it happens."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and not (
        in_class(head.head, "place") or in_class(head.head, "partitive") or head.head.pos_ == "PROPN")
_MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "SANCTION", "AID", "PROTEST"}


def _nearest_trigger(token: Token, ctx: Context) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.i in ctx.triggers:
            return token
    return None


def _dominates(top: Token, token: Token) -> bool:
    while token.head.i != token.i:
        token = token.head
        if token.i == top.i:
            return True
    return False


def sentence_place(trigger: Token, probe: Probe, ctx: Context) -> list[Token]:
    """The one named place of the trigger's sentence, when it names exactly one (an ACLED coder's default).

    Only for material acts (a statement happens where its speaker is, not where its topic is). Names used as
    modifiers ("US troops", "Germany's minister"), as actors or parties ("London would send", "talks with X"),
    or that belong to another event's clause ("fighters killed a manager in Kabul") do not count.
    """
    found = sentence_places(trigger, probe, ctx)
    return found if len(found) == 1 else []


def sentence_places(trigger: Token, probe: Probe, ctx: Context) -> list[Token]:
    """The named places of the trigger's sentence that could be its location (see :func:`sentence_place`)."""
    if probe.plover not in _MATERIAL:
        return []
    excluded = {t.i for t in (probe.actor, probe.target) if t is not None}
    found: dict[str, Token] = {}
    for token in ctx.sentence(trigger):
        named = is_place_name(token, ctx)
        definite = is_definite_place(token, ctx)
        if not (named or definite) or token.i == trigger.i:
            continue
        head = token
        while head.dep_ in ("conj", "appos") and head.head.i != head.i:
            head = head.head
        acting = head.dep_ == "nsubj" and head.head.pos_ == "VERB"
        if head.i in excluded or acting or head.dep_ in ("compound", "poss", "amod", "nmod") or (
                head.dep_ == "pobj" and head.head.lower_ in _NOT_LOCATIVE) or _of_a_role(head) or (
                head.dep_ == "dobj" and head.head.i not in ctx.triggers):
            continue
        owner = _nearest_trigger(token, ctx)
        if owner is not None and owner.i != trigger.i and not _dominates(trigger, owner):
            continue
        for place in place_items(token, ctx):
            found.setdefault(place.text.lower(), place)
    return list(found.values())
