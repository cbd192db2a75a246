"""Which named place a definite place noun refers to when the nearest name is not it.

"the village" refers to the nearest place the report *called* a village ("the village of Robotyne"), "the region"
to one it called a region ("the Kharkiv region"), whatever other places were named in between; the same holds for
towns, provinces and districts. "the city" is left to :func:`sitroom.event_args.place_antecedent`'s nearest-name
rule: a report's "the city" is its focus city, which need not be one it called a city.

Example:
    >>> sorted(next(g for g in _NOUN_GROUPS if "region" in g))
    ['oblast', 'province', 'region', 'state']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.event_args import PRONOUNS, Context, _level_fits, is_country, is_place_name

if TYPE_CHECKING:
    from spacy.tokens import Token


def named_with_noun(token: Token, floor: int, ctx: Context) -> Token | None:
    """"the village" refers to the nearest place the report called a village ("the village of Robotyne"), "the
    region" to one it called a region ("the Kharkiv region"), even with other places named in between."""
    group = next((g for g in _NOUN_GROUPS if token.lemma_.lower() in g), None)
    if group is None or token.tag_ != "NN":
        return None
    for i in range(token.i - 1, floor - 1, -1):
        cand = ctx.doc[i]
        if not is_place_name(cand, ctx) or cand.lower_ in PRONOUNS or is_country(cand, ctx) or not _level_fits(
                token, cand, ctx):
            continue
        entity = ctx.entity(cand)
        mentions = [cand] if entity is None else [
            span.root for m in entity.mentions if m.start <= cand.idx
            for span in [ctx.doc.char_span(m.start, m.end, alignment_mode="expand")] if span is not None]
        if any(_called(t, group) for t in mentions):
            return cand
    return None


def _called(name: Token, group: frozenset[str]) -> bool:
    """Whether a place name is introduced with one of the nouns: "the village of X", "the X region", "X, the
    capital of Y", "the city, X"."""
    head = name.head
    return (name.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in group or name.dep_ in (
        "compound", "nmod") and head.lemma_.lower() in group or name.dep_ == "appos" and head.lemma_.lower() in group
        or any(c.dep_ == "appos" and c.lemma_.lower() in group for c in name.children))


_NOUN_GROUPS = (frozenset({"village"}), frozenset({"town"}),  # not "the city": the report's focus city, the nearest
                frozenset({"region", "province", "state", "oblast"}), frozenset({"district", "county"}))
