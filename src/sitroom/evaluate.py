"""The accuracy gate: score extraction against the hand-made gold set (``tests/data/gold/``).

Each layer becomes :class:`Item` records on both sides, matched *strict* (identical offsets) and *lenient*
(overlapping spans, one-to-one, greedy by largest overlap); labels must agree where both sides have one.
Counts are pooled over documents (micro-average); a floors file sets how low each score may fall.

Some layers have metrics of their own (:data:`EXTRA_METRICS`): ``places`` ``geo_recall`` and
``geo_accuracy`` (a matched place within 161 km of the gold coordinates), ``timexes`` and
``quantities`` ``value_f1`` (a match counts only with the right value), ``quotes``
``speaker_accuracy``, and ``events`` ``full_f1`` (trigger, ACLED type, PLOVER type, location and
time all agree: the "type + location + date" score of issue 4).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitroom.evaluate_extra import extra
from sitroom.extraction import extract_raw
from sitroom.model import EntityType, Extraction, Mention, Quantity, Quote, QuoteKind, Span, Timex, TimexType
from sitroom.readers import RawDoc
from sitroom.settings import Settings

# entities: mention spans + type; places: PLACE mention spans; timexes, quantities: spans + value accuracy;
# quotes: content spans; events: trigger spans + ACLED event_type where both sides have one.
LAYERS = ("entities", "places", "timexes", "quotes", "quantities", "events")
VALUED_LAYERS = ("timexes", "quantities")
METRICS = tuple(f"{m}_{s}" for m in ("strict", "lenient") for s in ("precision", "recall", "f1")) + (
    "value_accuracy",)
EXTRA_METRICS = {
    "places": ("geo_recall", "geo_accuracy"),
    "timexes": ("value_precision", "value_recall", "value_f1"),
    "quantities": ("value_precision", "value_recall", "value_f1"),
    "quotes": ("speaker_accuracy",),
    "events": ("full_precision", "full_recall", "full_f1", "plover_accuracy", "modality_accuracy"),
}
GEO_TOLERANCE_KM = 161.0  # 100 miles, the usual geoparsing threshold ("accuracy@161km")
_ANCHORS = {"timexes": "span", "quotes": "content", "quantities": "span", "events": "trigger"}  # the scored span
_EVENT_OPTIONAL = ("event_type", "sub_event_type", "actor", "target", "location", "time")


class GoldError(ValueError):
    """The gold file cannot be read, or one of its spans does not slice its text."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A gold event; unlike :class:`~sitroom.model.Event`, its arguments are strings as written."""

    trigger: Span
    plover: str
    modality: str
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    time: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """A hand-annotated report (GUIDELINES.md) in model records; entity mentions are labelled with gold types."""

    id: str
    text: str
    published: dt.date | None
    source_file: str | None
    entities: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    geo: tuple[tuple[int, int, float, float], ...] = ()  # (start, end, lat, lon) of PLACE mentions with coordinates

    def spans(self) -> tuple[Span, ...]:
        """Every span of every layer (quote speakers included)."""
        return (*(Span(m.start, m.end, m.text) for m in self.entities), *(t.span for t in self.timexes),
                *(s for q in self.quotes for s in (q.content, q.speaker) if s is not None),
                *(q.span for q in self.quantities), *(e.trigger for e in self.events))


def _span(record: Mapping[str, Any] | None) -> Span | None:
    return None if record is None else Span(int(record["start"]), int(record["end"]), record["text"])


def _gold_doc(record: Mapping[str, Any]) -> GoldDoc:
    """One JSON line of the gold file as a :class:`GoldDoc`; KeyError, TypeError or ValueError when malformed."""
    doc, published = record["id"], record.get("published")
    gold = GoldDoc(
        id=doc, text=record["text"], source_file=record.get("source_file"),
        published=dt.date.fromisoformat(published) if published else None,
        entities=tuple(Mention(doc, e["start"], e["end"], e["text"], e["type"]) for e in record.get("entities", ())),
        timexes=tuple(Timex(f"{doc}:timex:{i}", doc, _span(t), TimexType(t["type"]), t.get("value"))
                      for i, t in enumerate(record.get("timexes", ()))),
        quotes=tuple(Quote(f"{doc}:quote:{i}", doc, QuoteKind(q["kind"]), _span(q["content"]),
                           _span(q.get("speaker")), cue=q.get("cue")) for i, q in enumerate(record.get("quotes", ()))),
        quantities=tuple(Quantity(f"{doc}:quantity:{i}", doc, _span(q), q.get("value"), q.get("unit"), q.get("kind"))
                         for i, q in enumerate(record.get("quantities", ()))),
        events=tuple(GoldEvent(_span(e["trigger"]), plover=e["plover"], modality=e["modality"],
                               **{key: e.get(key) for key in _EVENT_OPTIONAL}) for e in record.get("events", ())),
        geo=tuple((e["start"], e["end"], float(e["lat"]), float(e["lon"])) for e in record.get("entities", ())
                  if e.get("lat") is not None and e.get("lon") is not None),
    )
    for span in gold.spans():
        if gold.text[span.start:span.end] != span.text:
            raise ValueError(f"{span} does not slice the text; rebuild the file with build_seeds.py")
    return gold


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold file: JSON Lines, one annotated document a line (format in ``tests/data/gold/GUIDELINES.md``).

    Raises :class:`GoldError` when a line is not a gold record or a span does not slice its document's text.

    Example:
        >>> import tempfile
        >>> line = '{"id": "g", "text": "Taliban took Kunduz.", "published": "2021-08-09", "entities": '
        >>> line += '[{"start": 13, "end": 19, "text": "Kunduz", "type": "PLACE"}]}'
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = Path(tmp, "gold.jsonl").write_text(line + "\\n", encoding="utf-8")
        ...     [(d.id, d.published.isoformat(), d.entities[0].text) for d in load_gold(Path(tmp, "gold.jsonl"))]
        [('g', '2021-08-09', 'Kunduz')]
    """
    docs = []
    with open(path, encoding="utf-8", newline="") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                docs.extend([_gold_doc(json.loads(line))] if line.strip() else [])
            except (KeyError, TypeError, ValueError) as error:  # json.JSONDecodeError is a ValueError
                raise GoldError(f"{path}:{number}: not a usable gold record: {error!r}") from None
    return docs


@dataclass(frozen=True, slots=True)
class Item:
    """What is scored: a span, a label that must agree when both sides have one, a value judged apart."""

    start: int
    end: int
    label: str | None = None
    value: Any = None


def dedupe(items: Iterable[Item]) -> list[Item]:
    """Keep the first item of each (start, end, label), in order: several gold events share one trigger."""
    first: dict[tuple[int, int, str | None], Item] = {}
    for item in items:
        first.setdefault((item.start, item.end, item.label), item)
    return list(first.values())


def _overlap(a: Item, b: Item) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: Sequence[Item], predicted: Sequence[Item], *, lenient: bool) -> list[tuple[Item, Item]]:
    """Pair gold with predicted items one-to-one, greedily by largest overlap (strict: identical offsets only).

    Labels must be equal where both are set. Ties go to the pair whose
    boundaries differ least, then to the earliest gold and predicted items.

    Example:
        >>> gold = [Item(0, 5, "PLACE"), Item(10, 20, "ORG")]
        >>> pred = [Item(0, 5, "PLACE"), Item(12, 25, "ORG"), Item(10, 20, "PERSON")]
        >>> len(match(gold, pred, lenient=False)), len(match(gold, pred, lenient=True))
        (1, 2)
    """
    def fits(g: Item, p: Item) -> bool:
        same = (g.start, g.end) == (p.start, p.end)
        return (g.label is None or p.label is None or g.label == p.label) and (same or lenient and _overlap(g, p) > 0)
    candidates = [(-_overlap(g, p), abs(g.start - p.start) + abs(g.end - p.end), i, j)
                  for i, g in enumerate(gold) for j, p in enumerate(predicted) if fits(g, p)]
    used_gold, used_pred, pairs = set(), set(), []
    for _, _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_pred:
            used_gold, used_pred = used_gold | {i}, used_pred | {j}
            pairs.append((gold[i], predicted[j]))
    return pairs


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 from counts; a ratio with a zero denominator is 0 (no division error)."""

    matched: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def same_value(gold: Any, predicted: Any) -> bool:
    """Values agree: numbers within float tolerance, anything else by equality (``None`` matches only ``None``)."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (gold, predicted))
    return math.isclose(gold, predicted, rel_tol=1e-9, abs_tol=1e-9) if numbers else gold == predicted


@dataclass(frozen=True, slots=True)
class LayerScore:
    """One layer's scores under both matchings; ``value_accuracy`` is over lenient matches (None: no values)."""

    layer: str
    strict: Score
    lenient: Score
    value_accuracy: float | None = None
    value_matched: int = 0
    extra: tuple[tuple[str, float], ...] = ()  # the layer's own metrics (EXTRA_METRICS), in order

    def metrics(self) -> dict[str, float | None]:
        """The flat metric names used by floors files: ``strict_f1``, ``lenient_recall``, ``value_accuracy``..."""
        return {**{f"{name}_{stat}": getattr(getattr(self, name), stat) for name in ("strict", "lenient")
                   for stat in ("precision", "recall", "f1")}, "value_accuracy": self.value_accuracy,
                **dict(self.extra)}

    def to_dict(self) -> dict[str, float | int | None]:
        return {**self.metrics(), "gold": self.strict.gold, "predicted": self.strict.predicted, "value_matched":
                self.value_matched, "strict_matched": self.strict.matched, "lenient_matched": self.lenient.matched}


def score_layer(layer: str, docs: Iterable[tuple[Sequence[Item], Sequence[Item]]], *,
                valued: bool = False) -> LayerScore:
    """Score one layer over documents given as (gold items, predicted items), pooling counts.

    Both sides are deduplicated first (:func:`dedupe`), so a span counts once
    however many records share it (events: one trigger, one record per place).

    Example:
        >>> gold, pred = [Item(0, 6, value="2021"), Item(9, 12, value="P3D")], [Item(0, 6, value="2021")]
        >>> s = score_layer("timexes", [(gold, pred)], valued=True)
        >>> s.strict.precision, s.strict.recall, s.value_accuracy
        (1.0, 0.5, 1.0)
    """
    docs = [(dedupe(gold), dedupe(predicted)) for gold, predicted in docs]
    strict, lenient = (Score(sum(len(match(g, p, lenient=how)) for g, p in docs), sum(len(g) for g, _ in docs),
                             sum(len(p) for _, p in docs)) for how in (False, True))
    pairs = [pair for g, p in docs for pair in match(g, p, lenient=True)] if valued else []
    right = sum(same_value(g.value, p.value) for g, p in pairs)
    accuracy = (right / len(pairs) if pairs else 0.0) if valued else None
    return LayerScore(layer, strict, lenient, accuracy, len(pairs))


def layer_items(source: GoldDoc | Extraction, layer: str) -> list[Item]:
    """The scorable items of one layer of a gold document or an extraction (``places``: PLACE spans, no label).

    Example:
        >>> gold = GoldDoc("g", "Kabul fell", None, None, (Mention("g", 0, 5, "Kabul", "PLACE"),))
        >>> layer_items(gold, "entities"), layer_items(gold, "places")
        ([Item(start=0, end=5, label='PLACE', value=None)], [Item(start=0, end=5, label=None, value=None)])
    """
    if layer in ("entities", "places"):
        mentions = source.entities if isinstance(source, GoldDoc) else [
            replace(m, label=str(e.type)) for e in source.entities for m in e.mentions]
        return [Item(m.start, m.end, None if layer == "places" else m.label) for m in mentions
                if layer == "entities" or m.label == EntityType.PLACE]
    if layer not in _ANCHORS:
        raise ValueError(f"unknown layer {layer!r}; layers are {', '.join(LAYERS)}")
    return [Item(getattr(r, _ANCHORS[layer]).start, getattr(r, _ANCHORS[layer]).end, getattr(r, "event_type", None),
                 getattr(r, "value", None)) for r in getattr(source, layer)]


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores of every layer over a gold set, plus the stage errors the extraction reported."""

    docs: int
    layers: tuple[LayerScore, ...]
    errors: tuple[str, ...] = ()

    def layer(self, name: str) -> LayerScore:
        """The scores of one layer, by name (``"entities"``, ``"places"``...); KeyError for another name."""
        return {s.layer: s for s in self.layers}[name]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"docs", "layers": {layer: {metric: value, "gold": n, "predicted": n...}}, "errors"}``."""
        return {"docs": self.docs, "layers": {s.layer: s.to_dict() for s in self.layers}, "errors": list(self.errors)}


def score(gold_docs: Sequence[GoldDoc], extractions: Sequence[Extraction]) -> EvalReport:
    """Score extractions already made, paired in order with ``gold_docs`` (no model needed).

    Example:
        >>> from sitroom.model import Document
        >>> gold = GoldDoc("g", "Quiet day.", None, None)
        >>> score([gold], [Extraction(Document(id="x", text="Quiet day."))]).layer("events").strict.f1
        0.0
    """
    pairs = list(zip(gold_docs, extractions, strict=True))
    layers = tuple(replace(score_layer(layer, [(layer_items(g, layer), layer_items(x, layer)) for g, x in pairs],
                                       valued=layer in VALUED_LAYERS), extra=extra(layer, pairs))
                   for layer in LAYERS)
    errors = tuple(f"{g.id}: {error}" for g, x in zip(gold_docs, extractions, strict=True) for error in x.errors)
    return EvalReport(docs=len(gold_docs), layers=layers, errors=errors)


def evaluate(gold_docs: Sequence[GoldDoc], *, settings: Settings | None = None) -> EvalReport:
    """Extract the gold documents (one batched spaCy pass) and score them: ``evaluate(load_gold(path))``.

    ``settings`` picks the model (default: resolved from the environment). Print the report with
    :func:`format_report`, gate it with :func:`check_floors`. (No doctest: it loads the spaCy model.)
    """
    raws = [RawDoc(text=g.text, origin=f"gold:{g.id}", published=g.published, published_from="given",
                   external_id=g.id) for g in gold_docs]
    return score(gold_docs, list(extract_raw(raws, settings=settings)))


def check_floors(report: EvalReport, floors: Mapping[str, Any] | str | Path) -> list[str]:
    """One message per score below its floor (or floor naming no score); ``[]`` when all pass.

    ``floors`` maps layer -> metric (see :data:`METRICS`) -> floor, or is the path of a JSON file of that
    shape (``tests/data/gold/floors.json``); keys starting with ``_`` are comments, at both levels.

    Example:
        >>> report = EvalReport(1, (LayerScore("quotes", Score(1, 2, 1), Score(2, 2, 2)),))
        >>> check_floors(report, {"_comment": "x", "quotes": {"lenient_f1": 0.9, "strict_f1": 0.7}})
        ['quotes strict_f1 = 0.667 is below its floor 0.700']
    """
    if not isinstance(floors, Mapping):
        floors = json.loads(Path(floors).read_text(encoding="utf-8"))
    values = {(s.layer, name): value for s in report.layers for name, value in s.metrics().items()}
    messages = []
    for layer, metrics in floors.items():
        for metric, floor in ({} if layer.startswith("_") else metrics).items():
            if metric.startswith("_"):
                continue
            value = values.get((layer, metric), "missing")
            if value == "missing":
                known = METRICS + EXTRA_METRICS.get(layer, ())
                messages.append(f"{layer} {metric}: no such score (layers: {', '.join(LAYERS)}; "
                                f"metrics: {', '.join(known)})")
            elif value is None or value < floor:
                shown = "n/a" if value is None else f"{value:.3f}"
                messages.append(f"{layer} {metric} = {shown} is below its floor {floor:.3f}")
    return messages


def format_report(report: EvalReport) -> str:
    """A plain-text table: one row per layer, strict and lenient P/R/F1, value accuracy.

    Example:
        >>> print(format_report(EvalReport(2, (LayerScore("quotes", Score(1, 2, 1), Score(2, 2, 2)),))))
        layer       gold  pred | strict P     R    F1 | lenient P     R    F1 | value acc
        quotes         2     1 |     1.00  0.50  0.67 |      1.00  1.00  1.00 | -
        (2 documents; P precision, R recall, value accuracy over lenient matches)
    """
    lines = [f"{'layer':<10} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>5} {'F1':>5} | "
             f"{'lenient P':>9} {'R':>5} {'F1':>5} | value acc"]
    for s in report.layers:
        accuracy = "-" if s.value_accuracy is None else f"{s.value_accuracy:.2f} ({s.value_matched})"
        lines.append(f"{s.layer:<10} {s.strict.gold:>5} {s.strict.predicted:>5} | {s.strict.precision:>8.2f} "
                     f"{s.strict.recall:>5.2f} {s.strict.f1:>5.2f} | {s.lenient.precision:>9.2f} "
                     f"{s.lenient.recall:>5.2f} {s.lenient.f1:>5.2f} | {accuracy}")
    extras = [f"{s.layer} " + ", ".join(f"{name} {value:.2f}" for name, value in s.extra)
              for s in report.layers if s.extra]
    lines.extend(extras)
    lines.append(f"({report.docs} documents; P precision, R recall, value accuracy over lenient matches)")
    lines.extend(f"error: {error}" for error in report.errors)
    return "\n".join(lines)
