"""What each extraction stage costs next to the spaCy pass, on the same texts, in one run.

The texts (the demo reports and, when present, the two seed reports, cycled to N documents) are parsed once
with the model sitroom loads; that parse is timed (the spaCy pass). Then every stage of
``pipeline.default_stages()`` runs over the parsed documents, in order, each timed on its own. This is
repeated R times (after a warm-up that loads lexicons and the gazetteer), and the medians are compared:

* issue 4 goal: timexes + quotes + quantities + events add at most 25% to the spaCy pass;
* issue 3 goal: places (gazetteer recognition and resolution) add at most 15% to the whole extraction
  (spaCy pass + every stage).

Per-stage timing on shared parses removes the parse's own noise from the small numbers being compared; the
ratios are of medians measured in the same run. Run by hand from the repository root::

    .venv/bin/python bench/stages.py                 # 120 docs, 3 repeats
    .venv/bin/python bench/stages.py --docs 300 --repeat 5 --json /tmp/stages.json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import corpus, machine_info

from sitroom import pipeline
from sitroom.documents import to_document
from sitroom.nlp import load_model
from sitroom.settings import load_settings

EVENT_LAYER = ("timexes", "quotes", "quantities", "events")  # what issue 4 adds
GOALS = {"events_time_quotes_over_spacy": 0.25, "places_over_extract": 0.15}


def one_repeat(documents: list, texts: list[str], nlp, stages, batch_size: int) -> dict[str, float]:
    """Seconds of the spaCy pass and of each stage over every document."""
    start = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=batch_size))
    seconds = {"spacy": time.perf_counter() - start, **{stage.name: 0.0 for stage in stages}}
    for document, doc in zip(documents, parsed, strict=True):
        found: dict[str, tuple] = {}
        for stage in stages:
            start = time.perf_counter()
            produced = stage.run(pipeline.StageInput(document, doc, found))
            seconds[stage.name] += time.perf_counter() - start
            found = {**found, **{name: tuple(produced[name]) for name in stage.assigns}}
    return seconds


def measure(docs: int, repeat: int) -> dict[str, object]:
    settings = load_settings({})
    raws = corpus(docs, settings)
    documents = [to_document(raw, published=None, source=None) for raw in raws]
    texts = [d.text for d in documents]
    nlp, stages = load_model(settings.model), pipeline.default_stages(settings)
    one_repeat(documents[:8], texts[:8], nlp, stages, settings.batch_size)  # warm-up
    runs = [one_repeat(documents, texts, nlp, stages, settings.batch_size) for _ in range(repeat)]
    median = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    everything = sum(median.values())
    ratios = {
        "events_time_quotes_over_spacy": sum(median[name] for name in EVENT_LAYER) / median["spacy"],
        "places_over_extract": median["places"] / everything,
        "all_stages_over_spacy": (everything - median["spacy"]) / median["spacy"],
    }
    return {"docs": docs, "words": sum(len(t.split()) for t in texts), "repeat": repeat,
            "median_s": median, "ratios": ratios, "goals": GOALS,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "machine": machine_info(settings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.docs, args.repeat)
    print(f"{result['docs']} docs, {result['words']} words, {result['repeat']} repeats (median seconds)")
    spacy_s = result["median_s"]["spacy"]
    for name, seconds in result["median_s"].items():
        print(f"  {name:<11} {seconds:8.3f} s  {seconds / spacy_s:6.1%} of the spaCy pass")
    for name, value in result["ratios"].items():
        goal = GOALS.get(name)
        verdict = "" if goal is None else (" (goal <= {:.0%}: {})".format(goal, "met" if value <= goal else "MISSED"))
        print(f"  {name}: {value:.3f}{verdict}")
    print(f"  peak RSS {result['peak_rss_mb']:.0f} MB; {result['machine']['processor']}, "
          f"{result['machine']['cpus_usable']} CPUs usable")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
