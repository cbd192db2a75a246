"""Places: recognize place mentions with the gazetteer and resolve each to one place with coordinates.

Requires ``mentions`` and ``entities`` (the NER pass, :mod:`sitroom.entities`); assigns both again.

Recognition does not rest on spaCy's label alone. Candidates come from (1) NER spans typed PLACE,
(2) NER spans of another type that the gazetteer knows well ("Aybak" tagged ORG, "Samangan" PERSON), (3)
the dateline's places, and (4) a scan of capitalized words the NER missed ("Zaranj", "Sar-e-Pul"). A span
split at a possessive gives two places ("Herat's Shindand Air Base"); designators are trimmed ("Takhar"
from "Takhar province"). False hits are kept out by rules (words of ``place_words.json``, person names
with a title or a longer form in the document, organization names) and by asking more of weaker evidence:
a small town needs the document's country or a place preposition. A misspelling one edit away from a
well-known place of the document's country is a place when its context says so ("in Kandahar and
Lashkar Gar"). A name the gazetteer does not carry (or carries only as a tiny namesake) is still a place
when a cue says so (:func:`sitroom.place_scan.place_cue`: "the village of X", "captured X", "X, a village in
..."), and so are the other mentions of that name; such a place is resolved only to a namesake in the
document's countries, else left unresolved ("not in the gazetteer"), never guessed.

Resolution scores every gazetteer feature of a name: a population prior (a city beats a province of the
same name: news says "Kandahar" for the city), how the name matched, the document's countries (weighted
by mentions), designators ("province of Samangan", "Helmand province", "the city of X"), containment
("Aybak, capital of ... Samangan", "Zaranj in ... Nimroz", "Herat's Shindand Air Base") and provinces
named elsewhere in the document. The confidence (0..1) grows with the margin over the best rival lying
elsewhere; a name with no good reading stays unresolved, with ``unresolved_reason`` and no coordinates.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sitroom.entities import actor_row, nationalities
from sitroom.gazetteer import Feature, Gazetteer, Hit, norm_key, slug
from sitroom.ids import fact_id
from sitroom.lexicons import load_json
from sitroom.model import Entity, EntityType, FeatureLevel, Mention
from sitroom.place_scan import context as _context
from sitroom.place_scan import (
    coordinated,
    covered_mask,
    is_proper,
    name_runs,
    place_cue,
    scan_names,
    sentence_starts,
    widenings,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitroom.pipeline import StageInput

SCAN_LABEL = "GAZETTEER"  # label of place mentions that no NER span gave
CUE_LABEL = "PLACE_CUE"  # label of place mentions found by their context alone ("the village of X")
_MATCH_PENALTY = {"name": 0.0, "alias": -1.0, "variant": -2.0, "fuzzy": -3.0}
_MATCH_CONFIDENCE = {"name": 0.95, "alias": 0.9, "variant": 0.75, "fuzzy": 0.6}
_POSSESSIVE = re.compile(r"['’´]s\s+")
RIVAL_KM = 50.0  # two readings closer than this are the same place for the confidence


@functools.cache
def _words() -> dict[str, frozenset[str]]:
    return {name: frozenset(values) for name, values in load_json("place_words.json").items()}


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    w = _words()

    def alternation(words: frozenset[str]) -> str:
        return "|".join(re.escape(x) for x in sorted(words, key=len, reverse=True))

    quarter = r"(?:(?:north|south|east|west|central)\w*\s+)*"
    return {
        "province_after": re.compile(rf"\s+(?:{alternation(w['province_after'])})\b", re.IGNORECASE),
        "province_before": re.compile(rf"\b(?:{alternation(w['province_before'])})\s+$", re.IGNORECASE),
        "city_after": re.compile(rf"\s+(?:{alternation(w['city_after'])})\b", re.IGNORECASE),
        "city_before": re.compile(rf"\b(?:{alternation(w['city_before'])})\s+$", re.IGNORECASE),
        "trim": re.compile(rf"\s+(?:{alternation(w['trim_after'])})$", re.IGNORECASE),
        "preposition": re.compile(rf"\b(?:{alternation(w['place_prepositions'])})\s+(?:the\s+)?{quarter}$",
                                  re.IGNORECASE),
        "same_name": re.compile(r"^,?\s+in\s+the\s+" + quarter + r"(?:province|state|region) of the same name",
                                re.IGNORECASE),
        "contained": re.compile(r"^,?\s+(?:(?:the\s+)?(?:provincial\s+)?capital of|in|near|outside)\s+(?:the\s+)?"
                                + quarter + r"(?:(?:province|state|governorate|oblast|region) of\s+)?$",
                                re.IGNORECASE),
        "coordinated": re.compile(r"^\s*(?:,|and|or)\s*$"),
        "capital_after": re.compile(r"^,\s+(?:the\s+)?(?:\w+\s+){0,2}?capital\s+(?:of|city)\b", re.IGNORECASE),
        "facility": re.compile(rf"^(.+?)\s+(?:{alternation(w['facilities'])})$", re.IGNORECASE),
    }


@dataclass(slots=True)
class _Candidate:
    """A span that may name a place, with its gazetteer hits and what decides about it."""

    start: int
    end: int
    text: str
    source: str  # "place" (NER PLACE), "named" (NER of another type), "dateline", "scan", "cue"
    label: str
    original: Mention | None = None
    hits: tuple[Hit, ...] = ()
    accepted: bool = False
    chosen: Hit | None = None
    confidence: float = 0.0
    reason: str | None = None
    proper: bool = True  # written as a name (scanned spans: tagged PROPN or in capitals)
    within: _Candidate | None = None  # a larger place it lies in ("Zaranj in ... Nimroz")
    container: bool = False  # another place is said to lie in it ("Tarinkot in Uruzgan")
    designator: str | None = None  # "province" or "city"
    cued: bool = False  # accepted for its context (place_scan.place_cue), not for its gazetteer readings
    scores: dict[int, float] = field(default_factory=dict)


def _prior(hit: Hit) -> float:
    """How likely a name means this feature before any context: size, kind, and how the name matched."""
    feature = hit.feature
    level = feature.level
    if level is FeatureLevel.COUNTRY:
        base = 10.0
    elif level is FeatureLevel.SITE:
        base = 6.5
    elif level is FeatureLevel.REGION:
        base = 6.0
    elif level is FeatureLevel.PROVINCE:
        # floor: city sums undercount rural provinces; a province named like its seat yields the bare name to it
        base = max(math.log10(max(feature.population, 1)), 5.0) - (2.5 if feature.named_after_capital else 1.0)
    else:
        base = math.log10(max(feature.population, 100)) + (0.7 if hit.match == "name" else 0.0)
    return base + _MATCH_PENALTY[hit.match]


def _strong(hit: Hit) -> bool:
    """A reading good enough to make a place of a span without any context."""
    level = hit.feature.level
    if hit.match in ("variant", "fuzzy"):
        return False
    if level is FeatureLevel.PROVINCE:
        return hit.feature.lat is not None  # a division GeoNames' cities could not be tied to is weak evidence
    if level in (FeatureLevel.COUNTRY, FeatureLevel.SITE, FeatureLevel.REGION):
        return True
    return hit.feature.population >= 20_000


def _split(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of a mention: split at a possessive, each part trimmed of a trailing designator."""
    parts, cursor = [], 0
    for match in _POSSESSIVE.finditer(text):
        parts.append((cursor, match.start()))
        cursor = match.end()
    parts.append((cursor, len(text)))
    spans = []
    for a, b in parts:
        trimmed = _patterns()["trim"].search(text[a:b])
        if trimmed and trimmed.start() > 0:
            b = a + trimmed.start()
        if b > a:
            spans.append((start + a, start + b))
    return spans


def _blocked(candidate: _Candidate, entity: Entity | None, before: str, name_words: frozenset[str]) -> bool:
    """A person or organization name that must not turn into a place."""
    words = _words()
    key = norm_key(candidate.text)
    if key in words["not_places"] or (" " not in key and key in name_words):
        return True
    if actor_row(candidate.text) is not None:  # "UN", "Hezbollah": the actor table knows it is not a town
        return True
    last = key.split()[-1] if key else ""
    if candidate.label == "ORG" and last in words["org_heads"]:
        return True
    previous = before.split()[-1].lower() if before.split() else ""
    if previous in words["titles"]:
        return True
    if entity is not None and entity.type is EntityType.PERSON:
        return any(len(m.text) > len(candidate.text) and candidate.text in m.text for m in entity.mentions)
    return False


def _focus(candidates: Sequence[_Candidate]) -> dict[str, float]:
    """Each country's share of the document's place evidence (dateline counts double, countries half)."""
    weights: Counter[str] = Counter()
    for candidate in candidates:
        hits = [h for h in candidate.hits if h.match in ("name", "alias") and h.feature.country]
        if not hits:
            continue
        scale = 2.0 if candidate.source == "dateline" else 1.0
        if any(h.feature.level is FeatureLevel.COUNTRY for h in hits):
            country = next(h for h in hits if h.feature.level is FeatureLevel.COUNTRY).feature.country
            weights[country] += 0.5 * scale
            continue
        priors = [math.exp(_prior(h)) for h in hits]
        total = sum(priors)
        for hit, prior in zip(hits, priors, strict=True):
            weights[hit.feature.country] += scale * prior / total
    total = sum(weights.values()) or 1.0
    return {country: weight / total for country, weight in weights.items()}


def _in_focus(feature: Feature, focus: dict[str, float]) -> bool:
    top = max(focus.values(), default=0.0)
    share = focus.get(feature.country or "", 0.0)
    return share >= 0.15 or (share > 0 and share == top)


def _accept(candidate: _Candidate, focus: dict[str, float], before: str, after: str = "") -> bool:
    """Whether a candidate is a place: NER places always; others by the strength of their readings. A place
    preposition before it ("in X") or an apposition naming it a capital ("X, the capital of Y") is context."""
    if candidate.source in ("place", "dateline"):
        return True
    key = norm_key(candidate.text)
    if key in _words()["not_places"] or key in _words()["titles"] or len(key) < 2:
        return False  # "Minister" is also a hamlet in Ohio
    context = bool(_patterns()["preposition"].search(before) or _patterns()["capital_after"].match(after))
    if not candidate.proper:  # "Herat" tagged NOUN at a sentence start: only well-known places of the document
        return any(h.match in ("name", "alias") and (
            h.feature.level in (FeatureLevel.COUNTRY, FeatureLevel.PROVINCE)
            or h.feature.population >= 100_000) and _in_focus(h.feature, focus) for h in candidate.hits)
    for hit in candidate.hits:
        if len(key) <= 3 and not candidate.text.isupper():
            continue  # "US", "UK" only in capitals; "Us" is a pronoun
        if candidate.text.isupper() and len(key) <= 5 and hit.feature.level is not FeatureLevel.COUNTRY:
            continue  # an acronym ("UN", "AFP") is a country's short name or no place
        if _strong(hit) and (hit.feature.level in (FeatureLevel.COUNTRY, FeatureLevel.SITE, FeatureLevel.REGION)
                             or hit.feature.population >= 100_000 or _in_focus(hit.feature, focus) or context):
            return True
        if candidate.source == "named" and hit.match in ("name", "alias") and _in_focus(hit.feature, focus) and (
                context and hit.feature.population >= 5000):
            return True  # "in Sangin" tagged PERSON
        if candidate.source == "scan" and hit.match in ("name", "alias") and _in_focus(hit.feature, focus) and (
                hit.feature.population >= 1000 or context):
            return True
        if hit.match == "variant" and context and _in_focus(hit.feature, focus) and (
                hit.feature.population >= 10_000 or hit.feature.level is FeatureLevel.PROVINCE):
            return True
    return False


def _score(candidate: _Candidate, hit: Hit, focus: dict[str, float], provinces: set[str]) -> float:
    feature = hit.feature
    score = _prior(hit) + 3.0 * focus.get(feature.country or "", 0.0)
    if candidate.designator == "province":
        score += {FeatureLevel.PROVINCE: 4.0, FeatureLevel.REGION: 2.0}.get(feature.level, -2.0)
    elif candidate.designator == "city":
        score += {FeatureLevel.CITY: 3.0, FeatureLevel.PROVINCE: -3.0}.get(feature.level, 0.0)
    if candidate.container and candidate.designator is None and feature.level in (
            FeatureLevel.PROVINCE, FeatureLevel.COUNTRY, FeatureLevel.REGION):
        score += 2.5
    if candidate.source == "dateline" and feature.level is FeatureLevel.CITY:
        score += 1.0
    if feature.admin1_code and feature.admin1_code in provinces and feature.level is not FeatureLevel.PROVINCE:
        score += 1.0
    outer = candidate.within.chosen.feature if candidate.within and candidate.within.chosen else None
    if outer is not None:
        if outer.level is FeatureLevel.COUNTRY:
            score += 2.0 if feature.country == outer.country else -1.0
        elif outer.admin1_code:
            score += 3.0 if feature.admin1_code == outer.admin1_code else -1.0
    return score


def _distance_km(a: Feature, b: Feature) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 0.0 if a.row == b.row else math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _resolve(candidate: _Candidate, focus: dict[str, float], provinces: set[str]) -> None:
    """Choose the best reading of a candidate and say how sure that is (sets chosen/confidence/reason)."""
    # a name taken for its context alone must not borrow a namesake from another country
    hits = [h for h in candidate.hits if not candidate.cued or _in_focus(h.feature, focus)]
    if not hits:
        candidate.chosen, candidate.confidence = None, 0.0
        candidate.reason = "not in the gazetteer" if not candidate.hits else "not in the gazetteer for this region"
        return
    ranked = sorted(hits, key=lambda h: _score(candidate, h, focus, provinces), reverse=True)
    best = ranked[0]
    top = _score(candidate, best, focus, provinces)
    rival = next((h for h in ranked[1:] if _distance_km(h.feature, best.feature) > RIVAL_KM), None)
    margin = top - _score(candidate, rival, focus, provinces) if rival else 5.0
    confidence = _MATCH_CONFIDENCE[best.match] * (0.5 + 0.5 * min(1.0, margin / 3.0))
    if best.feature.level is FeatureLevel.CITY and best.feature.population < 100_000 and not _in_focus(
            best.feature, focus):
        confidence *= 0.6 if best.feature.population >= 1000 else 0.4  # a small town far from the story
    if confidence < 0.4:
        candidate.chosen, candidate.confidence = None, confidence
        candidate.reason = f"ambiguous: {len(candidate.hits)} places of that name, none clearly meant"
        return
    candidate.chosen, candidate.confidence = best, round(confidence, 3)
    if best.feature.lat is None:
        candidate.reason = "no coordinates for this place in the offline data"


def _link_context(candidates: list[_Candidate], text: str) -> None:
    """Designators and containment from the words around each accepted candidate."""
    accepted = [c for c in candidates if c.accepted]
    patterns = _patterns()
    for index, candidate in enumerate(accepted):
        before, after = _context(text, candidate.start, candidate.end)
        # the nearest word decides: "the capital of Takhar province" is the province, "capital of Kunduz" the city
        if patterns["province_after"].match(after):
            candidate.designator = "province"
        elif patterns["city_after"].match(after) or patterns["same_name"].match(after):
            candidate.designator = "city"
        elif patterns["province_before"].search(before):
            candidate.designator = "province"
        elif patterns["city_before"].search(before):
            candidate.designator = "city"
        following = accepted[index + 1] if index + 1 < len(accepted) else None
        if following is not None and patterns["contained"].match(text[candidate.end:following.start]):
            candidate.within, following.container = following, True
        preceding = accepted[index - 1] if index else None
        if preceding is not None and _POSSESSIVE.fullmatch(text[preceding.end:candidate.start]):
            candidate.within, preceding.container = preceding, True  # "Herat's Shindand Air Base"


def _fuzzy(candidates: list[_Candidate], gazetteer: Gazetteer, focus: dict[str, float], text: str) -> None:
    """Misspelled names, one edit from a known place of the document's countries, when context agrees."""
    countries = [c for c, share in sorted(focus.items(), key=lambda kv: -kv[1]) if share >= 0.15][:2]
    accepted = sorted((c for c in candidates if c.accepted), key=lambda c: c.start)
    for candidate in candidates:
        if candidate.hits or len(norm_key(candidate.text)) < 5 or not countries:
            continue
        if candidate.source not in ("place", "named") and not candidate.accepted:
            continue
        before, _ = _context(text, candidate.start, candidate.end)
        previous = [c for c in accepted if c.end <= candidate.start]
        coordinated = bool(previous) and bool(_patterns()["coordinated"].match(text[previous[-1].end:candidate.start]))
        if candidate.source != "place" and not (coordinated or _patterns()["preposition"].search(before)):
            continue
        hits = gazetteer.near(candidate.text, countries=countries)
        if len({h.feature.canonical_id for h in hits}) == 1 or (hits and len({h.feature.admin1_code for h in hits}) == 1):
            candidate.hits, candidate.accepted = hits, True


def _listed(candidates: list[_Candidate], focus: dict[str, float], text: str) -> None:
    """A name listed with an accepted town ("Gardez and Sharana", "A, B and C") is a town when the gazetteer
    has a town of that name in the document's countries, however small."""
    accepted = sorted((c for c in candidates if c.accepted), key=lambda c: c.start)
    for candidate in candidates:
        if candidate.accepted or not candidate.proper or not any(
                h.match in ("name", "alias") and h.feature.level is FeatureLevel.CITY and _in_focus(h.feature, focus)
                for h in candidate.hits):
            continue
        before = next((c for c in reversed(accepted) if c.end <= candidate.start), None)
        after = next((c for c in accepted if c.start >= candidate.end), None)
        gaps = [text[min(other.end, candidate.end):max(other.start, candidate.start)] if other is not None and any(
            h.feature.level is FeatureLevel.CITY for h in other.hits) else "" for other in (before, after)]
        listed = [coordinated(gap) for gap in gaps]  # a comma alone lists only between two towns: "In Doha, Ali"
        candidate.accepted = any(ok and gap.strip() != "," for ok, gap in zip(listed, gaps, strict=True)) or all(listed)


def recognize(given: StageInput, gazetteer: Gazetteer) -> list[_Candidate]:
    """Every place candidate of a document, with hits looked up and acceptance decided (sorted by start)."""
    document, text = given.document, given.document.text
    owner = {(m.start, m.end): e for e in given.found["entities"] for m in e.mentions}
    candidates: list[_Candidate] = []
    dateline = document.dateline
    for mention in given.found["mentions"]:
        entity = owner.get((mention.start, mention.end))
        kind = entity.type if entity is not None else None
        if kind is EntityType.GROUP:
            continue
        source = "place" if kind is EntityType.PLACE else "named"
        for start, end in _split(mention.text, mention.start):
            candidates.append(_Candidate(start, end, text[start:end], source, mention.label, mention))
    taken = [(m.start, m.end) for m in given.found["mentions"]]
    if dateline is not None:
        span_text = text[dateline.span.start:dateline.span.end]
        for place in dateline.places:
            for match in re.finditer(rf"(?<!\w){re.escape(place)}(?!\w)", span_text):
                start = dateline.span.start + match.start()
                if not any(a < start + len(place) and start < b for a, b in taken):
                    candidates.append(_Candidate(start, start + len(place), place, "dateline", SCAN_LABEL))
                    taken.append((start, start + len(place)))
    starts = sentence_starts(given.parsed)
    scanned = scan_names(given.parsed, covered_mask(text, taken), starts)
    scan_hits = gazetteer.lookup_many([text[a:b] for a, b in scanned])
    best_at: dict[int, tuple[int, tuple[Hit, ...]]] = {}
    for (start, end), hits in zip(scanned, scan_hits, strict=True):
        if hits and end > best_at.get(start, (0, ()))[0]:
            best_at[start] = (end, hits)
    cursor = -1
    for start in sorted(best_at):
        end, hits = best_at[start]
        if start >= cursor:
            candidates.append(_Candidate(start, end, text[start:end], "scan", SCAN_LABEL, hits=hits))
            cursor = end
    pending = [c for c in candidates if c.source != "scan"]
    for candidate, hits in zip(pending, gazetteer.lookup_many([c.text for c in pending]), strict=True):
        candidate.hits = hits
    _extend(pending, given.parsed, text, gazetteer, covered_mask(text, taken), starts)  # text: Doc.text is slow
    widened = [(c.start, c.end) for c in pending]  # "Mazar" widened to "Mazar-i-Sharif" takes the scanned "Sharif"
    candidates = [c for c in candidates if c.source != "scan" or not any(a < c.end and c.start < b for a, b in widened)]
    for candidate in pending:
        facility = None if candidate.hits else _patterns()["facility"].match(candidate.text)
        if facility:  # "Kunduz airport": a site at the place it is named after
            candidate.hits = tuple(Hit(_site_at(h.feature, candidate.text), h.match) for h in
                                   gazetteer.lookup(facility.group(1)) if h.feature.level is not FeatureLevel.SITE)
    candidates.sort(key=lambda c: c.start)
    # words of the document's full person names: a lone "Wallace" after "Ben Wallace" is the man, not a town
    name_words = frozenset(word for m in given.found["mentions"] if m.label == "PERSON" and " " in m.text.strip()
                           for word in norm_key(m.text).split())
    open_ = []
    for candidate in candidates:
        before, _ = _context(text, candidate.start, candidate.end)
        entity = owner.get((candidate.original.start, candidate.original.end)) if candidate.original else None
        if candidate.source == "named" and _blocked(candidate, entity, before, name_words):
            continue
        if candidate.source == "scan":
            candidate.proper = is_proper(given.parsed, candidate.start, candidate.end)
        open_.append((candidate, before))
    focus = _focus([c for c, _ in open_ if c.source in ("place", "dateline") or any(_strong(h) for h in c.hits)])
    for candidate, before in open_:
        candidate.accepted = _accept(candidate, focus, before, _context(text, candidate.start, candidate.end)[1])
    _fuzzy([c for c, _ in open_], gazetteer, _focus([c for c in candidates if c.accepted]), text)
    _listed([c for c, _ in open_], focus, text)
    candidates.extend(_cued([c for c, _ in open_ if not c.accepted], given.parsed, text, gazetteer,
                            covered_mask(text, taken + [(c.start, c.end) for c in candidates]), starts, name_words))
    candidates.sort(key=lambda c: c.start)
    parts: dict[tuple[int, int], list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.source == "named":
            parts[(candidate.original.start, candidate.original.end)].append(candidate)
    for group in parts.values():  # a name is re-typed whole or not at all ("X's Y" with Y no place stays)
        if not all(c.accepted for c in group):
            for candidate in group:
                candidate.accepted = False
    return candidates


def _eligible(text: str, before: str, name_words: frozenset[str]) -> bool:
    """Whether a name may become a place for its context alone: no time, title, nationality or organization word."""
    words = _words()
    key = norm_key(text)
    tokens = key.split()
    if len(key) < 3 or key in words["not_places"] or (text.isupper() and len(key) <= 5) or any(
            ch.isdigit() for ch in key) or actor_row(text) is not None:
        return False
    if any(t in words["time_words"] or t in words["org_heads"] or t in words["titles"] for t in tokens) or any(
            w in nationalities() for w in text.split()):
        return False
    previous = before.split()[-1].lower() if before.split() else ""
    return previous not in words["titles"] and not (len(tokens) == 1 and key in name_words)


def _cued(rejected: list[_Candidate], doc: Doc, text: str, gazetteer: Gazetteer, covered: bytearray,
          starts: frozenset[int], name_words: frozenset[str]) -> list[_Candidate]:
    """Accept names that their context makes places ("the village of X", "captured X", "X, a town in ..."),
    known to the gazetteer or not, then the other mentions of the same names; return the new candidates.

    ``rejected``: candidates the gazetteer evidence did not carry; runs of proper nouns outside every
    candidate are tried as well ("Robotyne", which neither the NER nor the gazetteer knows).
    """
    runs = [(a, b) for a, b in name_runs(doc, covered, starts)
            if _eligible(text[a:b], _context(text, a, b)[0], name_words)]
    new = [_Candidate(a, b, text[a:b], "cue", CUE_LABEL, hits=hits)
           for (a, b), hits in zip(runs, gazetteer.lookup_many([text[a:b] for a, b in runs]), strict=True)]
    pool = [c for c in rejected if _eligible(c.text, _context(text, c.start, c.end)[0], name_words)] + new
    cued: set[str] = set()
    for candidate in pool:
        before, after = _context(text, candidate.start, candidate.end)
        if place_cue(before, after, full_name=candidate.label == "PERSON" and " " in candidate.text.strip()):
            cued.add(norm_key(candidate.text))
    for candidate in pool:  # one cue is enough for every mention of the name ("from Robotyne", "of Robotyne")
        if norm_key(candidate.text) in cued:
            candidate.accepted = candidate.cued = True
    return [c for c in new if c.accepted]


def _site_at(place: Feature, name: str) -> Feature:
    """A site known only by the place it is named after: that place's point, a canonical id of its own."""
    return Feature(-1, name, FeatureLevel.SITE, place.lat, place.lon, place.population, place.country,
                   place.admin1, place.admin1_code, None, f"site:{(place.country or 'xx').lower()}-{slug(name)}")


def _extend(candidates: Sequence[_Candidate], doc: Doc, text: str, gazetteer: Gazetteer, covered: bytearray,
            starts: frozenset[int]) -> None:
    """Widen an NER span over name words next to it when the wider name is a better place ("Pol-e" + "Khomri")."""
    options = [(candidate, a, b) for candidate in candidates
               for a, b in widenings(doc, candidate.start, candidate.end, covered, starts)]
    for (candidate, start, end), hits in zip(options, gazetteer.lookup_many([text[a:b] for _, a, b in options]),
                                             strict=True):
        better = max(map(_prior, hits), default=-math.inf) > max(map(_prior, candidate.hits), default=-math.inf)
        if hits and better and end - start > candidate.end - candidate.start:
            candidate.start, candidate.end, candidate.text, candidate.hits = start, end, text[start:end], hits


def _entity_name(mentions: Sequence[tuple[Mention, _Candidate]]) -> str:
    def rank(pair: tuple[Mention, _Candidate]) -> tuple:
        mention, candidate = pair
        match = candidate.chosen.match if candidate.chosen else "fuzzy"
        return (-list(_MATCH_CONFIDENCE).index(match), not mention.text.isupper(), len(mention.text))
    return max(mentions, key=rank)[0].text


def place_entities(doc_id: str, candidates: Sequence[_Candidate]) -> tuple[Entity, ...]:
    """Group accepted candidates into PLACE entities: one per resolved place, or per name when unresolved."""
    groups: dict[str, list[tuple[Mention, _Candidate]]] = defaultdict(list)
    for candidate in candidates:
        label = candidate.original.label if candidate.original else candidate.label
        mention = Mention(doc_id, candidate.start, candidate.end, candidate.text, label)
        key = candidate.chosen.feature.canonical_id if candidate.chosen else "unresolved:" + norm_key(candidate.text)
        groups[key].append((mention, candidate))
    entities = []
    for key, pairs in groups.items():
        name = _entity_name(pairs)
        aliases = tuple(dict.fromkeys(m.text for m, _ in pairs if m.text != name))
        best = max((c for _, c in pairs), key=lambda c: c.confidence)
        feature = best.chosen.feature if best.chosen else None
        entity = Entity(id=fact_id("entity", doc_id, EntityType.PLACE, key), doc_id=doc_id, type=EntityType.PLACE,
                        name=name, mentions=tuple(m for m, _ in pairs), aliases=aliases,
                        geo_confidence=best.confidence if feature else None, unresolved_reason=best.reason)
        if feature is not None:
            entity = replace(entity, lat=feature.lat, lon=feature.lon, geonames_id=feature.geonames_id,
                             canonical_id=feature.canonical_id, country=feature.country, admin1=feature.admin1,
                             feature_level=feature.level)
        entities.append(entity)
    return tuple(entities)


def _where(mention: Mention) -> tuple[int, int, str]:
    return mention.start, mention.end, mention.label


def run(given: StageInput, gazetteer: Gazetteer) -> dict[str, tuple]:
    """The places stage with an explicit gazetteer (see :func:`make_stage`)."""
    text = given.document.text
    candidates = recognize(given, gazetteer)
    accepted = [c for c in candidates if c.accepted]
    _link_context(candidates, text)
    focus = _focus([c for c in accepted if not c.cued])
    provinces: set[str] = set()
    for candidate in sorted(accepted, key=lambda c: c.within is not None):  # outer places first
        _resolve(candidate, focus, provinces)
        if candidate.chosen and candidate.confidence >= 0.7 and candidate.chosen.feature.admin1_code:
            provinces.add(candidate.chosen.feature.admin1_code)
    consumed = {_where(c.original) for c in accepted if c.original is not None}
    kept_mentions = [m for m in given.found["mentions"] if _where(m) not in consumed]
    others = []
    for entity in given.found["entities"]:
        if entity.type is EntityType.PLACE:
            continue
        remaining = tuple(m for m in entity.mentions if _where(m) not in consumed)
        if remaining:
            others.append(entity if len(remaining) == len(entity.mentions) else replace(entity, mentions=remaining))
    places = place_entities(given.document.id, accepted)
    mentions = sorted([*kept_mentions, *(m for e in places for m in e.mentions)], key=lambda m: (m.start, m.end))
    entities = sorted([*others, *places], key=lambda e: (e.mentions[0].start, e.mentions[0].end))
    return {"mentions": tuple(mentions), "entities": tuple(entities)}


def make_stage(gazetteer: Gazetteer) -> Callable[[StageInput], dict[str, tuple]]:
    """The places stage bound to ``gazetteer`` (e.g. one loaded with the user's gazetteer file).

    Example:
        >>> from sitroom.gazetteer import Gazetteer
        >>> places_stage = make_stage(Gazetteer.load())
        >>> callable(places_stage)
        True
    """
    return functools.partial(run, gazetteer=gazetteer)


@functools.cache
def load_gazetteer(cache_dir: str = "", user_file: str = "") -> Gazetteer:
    """The gazetteer for these settings (``cache_dir``, ``gazetteer``), loaded once per process and settings.

    Raises:
        GazetteerError: the user gazetteer file is missing or has a bad row (the message names file and line).
    """
    return Gazetteer.load(cache_dir=cache_dir, user_file=user_file or None)


@functools.cache
def _settings_gazetteer() -> Gazetteer:
    """The gazetteer of the settings resolved from the environment, looked up once per process."""
    from sitroom.settings import load_settings

    settings = load_settings()
    return load_gazetteer(settings.cache_dir, settings.gazetteer)


def stage(given: StageInput) -> dict[str, tuple]:
    """Recognize and resolve the places of one document, with the gazetteer of the resolved settings."""
    return run(given, _settings_gazetteer())
