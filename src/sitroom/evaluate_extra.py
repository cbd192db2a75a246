"""Layer-specific accuracy metrics of the gate (see :mod:`sitroom.evaluate`): geocoding, values, speakers, events.

Each function takes (gold document, extraction) pairs and returns ``(name, value)`` pairs in the order of
``evaluate.EXTRA_METRICS``. Counts are pooled over documents, like the span scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sitroom.model import EntityType, Event, Extraction, Span

if TYPE_CHECKING:
    from sitroom.evaluate import GoldDoc, GoldEvent

Pairs = Sequence[tuple["GoldDoc", Extraction]]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    Example:
        >>> round(haversine_km(34.5553, 69.2075, 31.5938, 64.3716))  # Kabul to Lashkar Gah
        558
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(right: int, gold: int, predicted: int) -> tuple[float, float, float]:
    p, r = _ratio(right, predicted), _ratio(right, gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def geo(pairs: Pairs) -> list[tuple[str, float]]:
    """``geo_recall``: gold places with coordinates matched by a predicted place within the tolerance;
    ``geo_accuracy``: the same over the matched places the extraction gave coordinates (a place left
    unresolved, as an unknown village should be, is a miss for recall but not a wrong answer)."""
    from sitroom.evaluate import GEO_TOLERANCE_KM, Item, match

    close = resolved = total = 0
    for gold, extraction in pairs:
        coordinates = {(start, end): (lat, lon) for start, end, lat, lon in gold.geo}
        gold_items = [Item(start, end) for start, end in coordinates]
        predicted = [Item(m.start, m.end, value=(e.lat, e.lon)) for e in extraction.entities
                     if e.type is EntityType.PLACE for m in e.mentions]
        total += len(gold_items)
        for g, p in match(gold_items, predicted, lenient=True):
            lat, lon = p.value
            if lat is not None and lon is not None:
                resolved += 1
                close += haversine_km(*coordinates[(g.start, g.end)], lat, lon) <= GEO_TOLERANCE_KM
    return [("geo_recall", _ratio(close, total)), ("geo_accuracy", _ratio(close, resolved))]


def values(layer: str) -> Callable[[Pairs], list[tuple[str, float]]]:
    """``value_precision/recall/f1``: lenient span matches whose values agree, over predicted and gold items."""
    def measure(pairs: Pairs) -> list[tuple[str, float]]:
        from sitroom.evaluate import layer_items, match, same_value

        right = gold_n = predicted_n = 0
        for gold, extraction in pairs:
            g_items, p_items = layer_items(gold, layer), layer_items(extraction, layer)
            gold_n, predicted_n = gold_n + len(g_items), predicted_n + len(p_items)
            right += sum(same_value(g.value, p.value) for g, p in match(g_items, p_items, lenient=True))
        p, r, f = _f1(right, gold_n, predicted_n)
        return [("value_precision", p), ("value_recall", r), ("value_f1", f)]
    return measure


def _overlaps(a: Span | None, b: Span | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return min(a.end, b.end) > max(a.start, b.start)


def speakers(pairs: Pairs) -> list[tuple[str, float]]:
    """``speaker_accuracy``: quotes matched by content whose speaker spans overlap (or both have none)."""
    from sitroom.evaluate import Item, match

    right = total = 0
    for gold, extraction in pairs:
        g_items = [Item(q.content.start, q.content.end, value=q.speaker) for q in gold.quotes]
        p_items = [Item(q.content.start, q.content.end, value=q.speaker) for q in extraction.quotes]
        for g, p in match(g_items, p_items, lenient=True):
            total += 1
            right += _overlaps(g.value, p.value)
    return [("speaker_accuracy", _ratio(right, total))]


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    words = text.lower().replace("\u2019", "'").split()
    return " ".join(words[1:] if words and words[0] == "the" else words)


def _agrees(gold: str | None, predicted: str | None) -> bool:
    g, p = _norm(gold), _norm(predicted)
    if g is None or p is None:
        return g is None and p is None
    return g == p or g in p or p in g


def event_fits(gold: GoldEvent, event: Event, time_text: str | None) -> bool:
    """Trigger overlap, same ACLED type and PLOVER type, location and time agree (see the module doc)."""
    location = event.location_span.text if event.location_span else None
    return (_overlaps(gold.trigger, event.trigger) and gold.event_type == event.event_type
            and gold.plover == event.plover and _agrees(gold.location, location) and _agrees(gold.time, time_text))


def events(pairs: Pairs) -> list[tuple[str, float]]:
    """``full_*``: one-to-one matches by :func:`event_fits`; ``plover/modality_accuracy`` over trigger matches."""
    from sitroom.evaluate import Item, match

    right = gold_n = predicted_n = trigger_pairs = same_plover = same_modality = 0
    for gold, extraction in pairs:
        timexes = {t.id: t.span.text for t in extraction.timexes}
        gold_n, predicted_n = gold_n + len(gold.events), predicted_n + len(extraction.events)
        fits = sorted((abs(g.trigger.start - e.trigger.start), i, j) for i, g in enumerate(gold.events)
                      for j, e in enumerate(extraction.events) if event_fits(g, e, timexes.get(e.time or "")))
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in fits:
            if i not in used_gold and j not in used_pred:
                used_gold.add(i)
                used_pred.add(j)
        right += len(used_gold)
        g_items = [Item(g.trigger.start, g.trigger.end, value=g) for g in gold.events]
        p_items = [Item(e.trigger.start, e.trigger.end, value=e) for e in extraction.events]
        for g, p in match(g_items, p_items, lenient=True):
            trigger_pairs += 1
            same_plover += g.value.plover == p.value.plover
            same_modality += g.value.modality == str(p.value.modality)
    p, r, f = _f1(right, gold_n, predicted_n)
    return [("full_precision", p), ("full_recall", r), ("full_f1", f),
            ("plover_accuracy", _ratio(same_plover, trigger_pairs)),
            ("modality_accuracy", _ratio(same_modality, trigger_pairs))]


MEASURES: dict[str, Callable[[Pairs], list[tuple[str, float]]]] = {
    "places": geo, "timexes": values("timexes"), "quantities": values("quantities"), "quotes": speakers,
    "events": events,
}


def extra(layer: str, pairs: Pairs) -> tuple[tuple[str, float], ...]:
    """The layer's own metrics, or ``()`` for a layer without any."""
    measure: Callable[[Pairs], list[tuple[str, Any]]] | None = MEASURES.get(layer)
    return tuple(measure(pairs)) if measure else ()
