"""When an event happened (the time expression that grammatically belongs to its trigger), and its counts.

A time expression is anchored to the word it modifies ("took ... on Monday" -> took; "four days of fighting"
-> fighting). An event takes, in order: an expression anchored to its trigger; one in a relative clause on a
noun trigger ("talks that began on May 6", "a ceasefire that will take effect on Monday evening"); one of
the verb that carries a noun trigger (a light verb, "launched an attack on Monday"; a predicate of the event,
"fighting continued on Sunday", "talks could resume within weeks"); the bound a "since" clause sets ("killed
since the clashes erupted on Saturday"); the time of a "when/as" clause on the trigger ("killed when mortar
rounds hit a market on Sunday"); and the time of the clause it is coordinated with or hangs on as
"as/while/when" or a participle ("went house to house on Thursday, killing 40").

A time that introduces a report ("the RSF said on Monday it had captured...") belongs to the speech, not to
the reported event, even where the parser attaches it to the reported verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.event_args import Context, in_class, twins
from sitroom.event_links import predicate_after
from sitroom.model import Quantity, Timex
from sitroom.quantities import lexicon as quantity_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_SPEECH = {"say", "tell", "announce", "report", "claim", "state", "confirm", "add", "tweet", "write", "warn"}
_NOT_HOSTING_PREPS = {"after", "before", "since", "until", "following", "despite"}
_SHARED_MARKS = {"as", "when"}
_BOUND_MARKS = {"since"}


def timex_anchors(timexes: tuple[Timex, ...], ctx: Context) -> dict[int, list[Timex]]:
    """Map the token each time expression attaches to ("took ... on Monday" -> took) to the expressions."""
    anchors: dict[int, list[Timex]] = {}
    for timex in timexes:
        span = ctx.doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        head = root.head
        of_event = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if of_event is not None and of_event.pos_ in ("NOUN", "VERB"):
            anchors.setdefault(of_event.i, []).append(timex)  # "after four days of fighting"
            continue
        if root.dep_ in ("amod", "compound", "nummod") and timex.type.value == "DURATION":
            continue  # "a seven-day ceasefire": its length, not when it happens
        if root.dep_ == "pobj" and head.dep_ == "prep":
            head = _speech_time(head) or head.head
        while head.pos_ in ("ADV", "ADP") and head.dep_ in ("advmod", "prep", "conj") and head.head.i != head.i:
            head = head.head  # "as early as Tuesday"; "in X and in Y overnight" parsed onto the second "in"
        head = _clause_of(head)
        if head.i == root.i:
            continue
        anchors.setdefault(head.i, []).append(timex)
    return anchors


def _clause_of(head: Token) -> Token:
    """A date attached to a concrete noun ("hit an area near the market on Monday", parsed onto "market")
    belongs to the clause above it."""
    from sitroom.ontology import rules_by_word

    for _ in range(4):
        concrete = any(in_class(head, name) for name in ("place", "facility", "civilian", "property"))
        if not concrete or (head.lemma_.lower(), "NOUN") in rules_by_word() or head.dep_ not in ("pobj", "dobj"):
            return head
        up = head.head.head if head.dep_ == "pobj" else head.head
        if up.i == head.i:
            return head
        head = up
    return head


def _speech_time(prep: Token) -> Token | None:
    """"X said on Monday (that) it had captured...": a prep right after a speech verb, before the reported
    clause's subject, is the speech's time even when parsed into the reported clause."""
    verb = prep.head
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in _SPEECH or prep.i != speech.i + 1:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return speech if subject is not None and prep.i < subject.i else None


def nominal(token: Token) -> bool:
    """A noun, or a gerund used as one ("Fighting ... raged", "fled the fighting")."""
    return token.pos_ in ("NOUN", "PROPN") or token.tag_ == "VBG" and token.dep_ in (
        "nsubj", "nsubjpass", "dobj", "pobj", "attr", "aux")


def _pick(found: list[Timex], trigger: Token) -> Timex:
    return min(found, key=lambda t: abs(t.span.start - trigger.idx))


def time_of(trigger: Token, anchors: dict[int, list[Timex]], depth: int = 0) -> Timex | None:
    """The time expression of an event (see the module docstring); None when the sentence gives none."""
    if depth > 4:
        return None
    if trigger.i in anchors:
        return _pick(anchors[trigger.i], trigger)
    noun = nominal(trigger)
    if noun:
        for clause in (c for c in trigger.children if c.dep_ in ("relcl", "acl")):
            if clause.i in anchors:
                return _pick(anchors[clause.i], trigger)
    head = trigger.head
    hosts = []
    if noun and trigger.dep_ in ("nsubjpass", "attr"):
        hosts.append(head)
    if noun and trigger.dep_ == "dobj" and (in_class(head, "light_verb") or in_class(head, "event_predicates")):
        hosts.append(head)
    if noun and trigger.dep_ in ("nsubj", "aux") and head.i in anchors and (in_class(head, "event_predicates") or any(
            t.type.value in ("DATE", "TIME") for t in anchors[head.i])):
        hosts.append(head)  # "fighting raged on Monday"; not a duration of the verb's own act
    if noun and trigger.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in _NOT_HOSTING_PREPS:
        hosts.append(head.head)
    hosts.extend(twins(trigger))
    after = predicate_after(trigger)
    if after is not None:
        hosts.append(after)  # "an air strike hit ... on Monday" with the noun parsed away from its verb
    for host in hosts:
        if host.i in anchors:
            return _pick(anchors[host.i], trigger)
    for clause in trigger.children:  # "killed since the clashes erupted on Saturday"
        if clause.dep_ == "advcl" and clause.i in anchors and any(
                m.dep_ == "mark" and m.lower_ in _BOUND_MARKS for m in clause.children):
            return _pick(anchors[clause.i], trigger)
    for verb in _shared_clauses(trigger):
        if verb.i in anchors:
            return _pick(anchors[verb.i], trigger)
    marks = {c.lower_ for c in trigger.children if c.dep_ == "mark"}
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
    if trigger.dep_ == "conj" and not own_subject or trigger.dep_ == "advcl" and (
            marks & _SHARED_MARKS or trigger.tag_ == "VBG" and not marks and not own_subject):
        return time_of(head, anchors, depth + 1)
    return None


def _shared_clauses(trigger: Token) -> list[Token]:
    """The verbs of "when/as" clauses on the trigger, which happen with it ("killed when mortar rounds hit a
    market on Sunday"); where the parser hung the clause on its subject noun ("rounds"), the verb after it."""
    found = []
    for clause in trigger.children:
        if clause.dep_ != "advcl" or not any(m.dep_ in ("mark", "advmod") and m.lower_ in _SHARED_MARKS
                                             and m.i < clause.i for m in clause.children):
            continue
        if clause.lemma_.lower() in _SPEECH:
            continue  # "..., as officials said on Monday": the time of the statement
        if clause.pos_ in ("VERB", "AUX"):
            found.append(clause)
            continue
        doc = clause.doc
        after = next((t for t in doc[clause.i + 1:min(clause.i + 3, len(doc))] if t.pos_ == "VERB"), None)
        if after is not None and after.tag_ in ("VBD", "VBZ", "VBP"):
            found.append(after)
    return found


# --- counts -------------------------------------------------------------------------------------------------

def casualty_clauses(trigger: Token) -> list[Token]:
    """"..., killing 15 civilians" hanging on a violent trigger: its casualties, not a second event."""
    return [c for c in trigger.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in (
        "kill", "wound", "injure")]


def counts(trigger: Token, quantities: tuple[Quantity, ...], ctx: Context) -> list[Quantity]:
    """Quantities that count this event's casualties: attached to the trigger, its "wounded" twin, or a
    "killing N" clause hanging on it, or the counted noun the trigger describes ("about 40 people wounded in
    the strike"). A toll's current figure is :func:`toll`."""
    extra = casualty_clauses(trigger)
    if nominal(trigger) and trigger.dep_ in ("nsubj", "aux") and trigger.head.pos_ == "VERB":
        extra += casualty_clauses(trigger.head)  # "Shelling hit a market, killing eight people"
    hosts = {trigger.i} | {c.i for c in extra} | {t.i for c in extra for t in [*twins(c), *(
        g.head for g in twins(c))]} | {c.i for c in twins(trigger)} | {c.head.i for c in twins(trigger)}
    found = []
    for quantity in quantities:
        span = ctx.doc.char_span(quantity.span.start, quantity.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        path = [root.head, root.head.head]
        counted = trigger.dep_ == "acl" and span.start <= trigger.head.i < span.end  # "40 people wounded in ..."
        if (counted or any(t.i in hosts for t in path)) and quantity.kind in ("killed", "injured", None):
            found.append(quantity)
    return found


_FIGURE_PREPS = {"to", "at"}  # "has risen to 13", "stands at 43"; not "from 12" (the old figure), "by 3" (the rise)
_TOLL_PREPS = {"from", "in", "of", "after", "during"}


def toll(trigger: Token, quantities: tuple[Quantity, ...]) -> tuple[Quantity, str] | None:
    """The current figure of a toll whose counting phrase names this event, and what it counts (``killed`` or
    ``injured``): "the number of people killed when ... has risen to 13, from 12" (13 killed), "the death toll
    from the air strike rose to 18", "the number of civilians killed ... stands at 43", "reached 60"."""
    counting = _count_noun(trigger, 0)
    if counting is None:
        return None
    noun, kind = counting
    current = noun
    for _ in range(3):  # "the number ... has risen": up from the count noun to the verb that gives its value
        if current.dep_ not in ("nsubj", "nsubjpass", "csubj") or current.head.i == current.i:
            return None
        current = current.head
        figures = [g for c in current.children if c.dep_ == "prep" and c.lower_ in _FIGURE_PREPS
                   for g in c.children if g.dep_ == "pobj"]
        figures += [c for c in current.children if c.dep_ in ("dobj", "attr")]  # "reached 60", "is now 13"
        for figure in figures:
            quantity = next((q for q in quantities if q.span.start <= figure.idx < q.span.end), None)
            if quantity is None:
                continue
            counted = quantity.kind if quantity.kind in ("killed", "injured") else kind
            return (quantity, counted) if counted is not None else None
    return None


def _count_noun(trigger: Token, depth: int) -> tuple[Token, str | None] | None:
    """The count noun ("number", "toll") of a phrase that counts the casualties of this event, with what it
    counts: the participle on its counted noun ("the number of people killed"), the event the toll is of ("the
    death toll from the air strike"), or the event of such a participle ("the number of people killed in the
    attack"). "The number of attacks" counts attacks, not casualties: not a toll."""
    lex = quantity_lexicon()
    head = trigger.head
    if trigger.dep_ == "acl" and trigger.pos_ == "VERB" and head.dep_ == "pobj" and head.head.lower_ == "of":
        noun = head.head.head
        if noun.lemma_.lower() in lex.count_nouns or noun.lower_ in lex.count_nouns:
            return noun, lex.casualty.get(trigger.lemma_.lower()) or lex.casualty.get(trigger.lower_)
        return None
    if trigger.dep_ != "pobj" or head.lower_ not in _TOLL_PREPS or depth > 0:
        return None
    holder = head.head
    if holder.lemma_.lower() in lex.count_nouns:
        words = [c.lemma_.lower() for c in holder.children if c.dep_ in ("compound", "amod")]
        kinds = [lex.casualty[w] for w in words if w in lex.casualty]
        if kinds:
            return holder, kinds[0]  # "the death toll", "the injury count"
        return (holder, "killed") if holder.lemma_.lower() == "toll" else None  # a bare toll is of the dead
    if head.lower_ != "of" and holder.pos_ == "VERB" and lex.casualty.get(holder.lemma_.lower()):
        return _count_noun(holder, depth + 1)  # "the number of people killed in the attack"
    return None
