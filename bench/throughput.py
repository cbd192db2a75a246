"""Throughput of ``sitroom extract`` against spaCy alone, on the same texts, in one process.

What it measures, on a corpus of N texts (the demo reports under ``examples/reports`` and, when present,
the two real seed reports in ``../shared/corpus/seeds``, cycled until there are N):

  (a) spaCy alone: ``nlp.pipe(texts, batch_size=..., n_process=...)`` consumed fully, with the model
      sitroom loads (``sitroom.nlp.load_model(settings.model)``);
  (b) the full extraction: ``sitroom.extraction.extract_raw`` plus ``contract.to_dict`` and ``json.dumps`` of
      each result, which is what ``sitroom extract`` does for every document.
  (c) with ``--ingest``: ``sitroom.ingest.ingest`` of the same texts into a fresh store (reading the files,
      near-duplicate detection, extraction, the store's transactions, the names and control periods kept at
      the end), as ``sitroom ingest`` does. The texts are then N distinct reports from ``bench/corpus.py``
      (cycled copies would be stored once and linked as duplicates), written to a temporary folder.

After one warm-up of each on a few texts, the two are timed in turn R times (the order alternates from one
repeat to the next, so a drift of the machine's speed hits both alike). It prints docs/s and words/s
(median over the repeats; words = ``len(text.split())``), the ratio full / spaCy alone (goal >= 0.75),
the peak RSS and what ran it (Python, spaCy, model, CPUs, processor). It is run by hand, not by pytest.

Run it from the repository root::

    .venv/bin/python bench/throughput.py                    # 200 docs, 3 repeats, settings' n_process
    .venv/bin/python bench/throughput.py --docs 500 --repeat 5 --n-process 2 --json /tmp/throughput.json
    .venv/bin/python bench/throughput.py --ingest --docs 300            # ingest, extract and spaCy, same texts
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from sitroom import contract
from sitroom.extraction import extract_raw
from sitroom.nlp import load_model
from sitroom.readers import RawDoc, read_inputs
from sitroom.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOAL = 0.75
WARMUP_DOCS = 8


def corpus(n: int, settings: Settings) -> list[RawDoc]:
    """N raw documents: the demo reports and the seed reports (if there), cycled."""
    paths = [str(REPORTS)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    raws = [r for r in read_inputs(paths, max_bytes=settings.max_bytes, encoding=settings.encoding)
            if isinstance(r, RawDoc)]
    if not raws:
        sys.exit(f"no documents found under {REPORTS}")
    return list(itertools.islice(itertools.cycle(raws), n))


def spacy_alone(raws: list[RawDoc], settings: Settings, n_process: int) -> None:
    """Parse every text with spaCy and drop the docs."""
    nlp = load_model(settings.model)
    for _ in nlp.pipe((r.text for r in raws), batch_size=settings.batch_size, n_process=n_process):
        pass


def full_extract(raws: list[RawDoc], settings: Settings, n_process: int) -> None:
    """Extract every document and serialize it to its contract JSON line, as ``sitroom extract`` does."""
    for extraction in list(extract_raw(raws, settings=settings)):
        json.dumps(contract.to_dict(extraction), ensure_ascii=False)


def generated(n: int, folder: Path, settings: Settings) -> list[RawDoc]:
    """N distinct generated reports (``bench/corpus.py``), written to ``folder`` and read back from it."""
    from corpus import generate, write_folder

    write_folder(generate(n), folder)
    return [r for r in read_inputs([str(folder)], max_bytes=settings.max_bytes, encoding=settings.encoding)
            if isinstance(r, RawDoc)]


def ingest_store(raws: list[RawDoc], settings: Settings, n_process: int) -> None:
    """``sitroom ingest`` of the folder the texts came from into a fresh store."""
    from sitroom.ingest import ingest
    from sitroom.store import Store

    folder = Path(raws[0].origin).parent
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "s.duckdb") as store:
        if len(raws) < WARMUP_DOCS * 2:  # the warm-up: a few documents
            paths = [r.origin for r in raws]
        else:
            paths = [str(folder)]
        summary = ingest(paths, store=store, settings=settings)
        assert summary.ingested == len(raws), summary


def timed(run: Callable[[list[RawDoc], Settings, int], None], raws: list[RawDoc], settings: Settings) -> float:
    """Wall seconds of one run."""
    start = time.perf_counter()
    run(raws, settings, settings.n_process)
    return time.perf_counter() - start


def processor() -> str:
    """The processor's model name (``/proc/cpuinfo``), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info(settings: Settings) -> dict[str, object]:
    """What ran the benchmark."""
    meta = load_model(settings.model).meta
    return {
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
        "pipes": ", ".join(load_model(settings.model).pipe_names),
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "processor": processor(),
        "platform": platform.platform(),
    }


def peak_rss_mb(who: int) -> float:
    """Peak resident set size in MB (Linux reports ru_maxrss in KiB, macOS in bytes)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(docs: int, repeat: int, n_process: int | None, with_ingest: bool = False) -> dict[str, object]:
    """Run the benchmark and return every figure."""
    settings = load_settings({"n_process": n_process})
    scratch = tempfile.TemporaryDirectory()
    raws = generated(docs, Path(scratch.name), settings) if with_ingest else corpus(docs, settings)
    words = sum(len(r.text.split()) for r in raws)
    runs = {"spacy": spacy_alone, "full": full_extract} | ({"ingest": ingest_store} if with_ingest else {})
    for run in runs.values():  # warm-up: model load, lexicon and gazetteer loads, first-call caches
        timed(run, raws[:WARMUP_DOCS], settings)
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for index in range(repeat):
        order = list(runs) if index % 2 == 0 else list(reversed(runs))
        for name in order:
            seconds[name].append(timed(runs[name], raws, settings))
    figures: dict[str, object] = {}
    for name, values in seconds.items():
        median = statistics.median(values)
        figures[name] = {"seconds": values, "median_s": median, "docs_per_s": docs / median,
                         "words_per_s": words / median}
    pairs = [s / f for s, f in zip(seconds["spacy"], seconds["full"], strict=True)]
    scratch.cleanup()
    if with_ingest:
        figures["ratio_ingest_over_spacy"] = figures["ingest"]["docs_per_s"] / figures["spacy"]["docs_per_s"]
        figures["ingest_pairs"] = [s / i for s, i in zip(seconds["spacy"], seconds["ingest"], strict=True)]
    return {
        "docs": docs, "words": words, "repeat": repeat, "batch_size": settings.batch_size,
        "n_process": settings.n_process, "seeds_included": SEEDS.is_dir(),
        **figures,
        "ratio_full_over_spacy": figures["full"]["docs_per_s"] / figures["spacy"]["docs_per_s"],
        "ratio_pairs": pairs, "goal": GOAL,
        "peak_rss_mb": peak_rss_mb(resource.RUSAGE_SELF),
        "peak_rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "machine": machine_info(settings),
    }


def show(result: dict[str, object]) -> None:
    """Print the figures as a small table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"sitroom throughput: {result['docs']} docs, {result['words']} words, "
                        f"{result['repeat']} repeats, batch_size={result['batch_size']}, "
                        f"n_process={result['n_process']}")
    for column in ("run", "docs/s", "words/s", "median s", "min-max s"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for name, label in (("spacy", "spaCy alone (nlp.pipe)"), ("full", "sitroom extract + JSON"),
                        ("ingest", "sitroom ingest (fresh store)")):
        if name not in result:
            continue
        fig = result[name]
        table.add_row(label, f"{fig['docs_per_s']:.1f}", f"{fig['words_per_s']:,.0f}", f"{fig['median_s']:.3f}",
                      f"{min(fig['seconds']):.3f}-{max(fig['seconds']):.3f}")
    console = Console(soft_wrap=True)
    console.print(table)
    ratio = result["ratio_full_over_spacy"]
    verdict = "meets" if ratio >= GOAL else "BELOW"
    pairs = ", ".join(f"{p:.2f}" for p in result["ratio_pairs"])
    console.print(f"ratio full / spaCy alone: {ratio:.2f} ({verdict} the goal {GOAL}); per repeat: {pairs}")
    if "ratio_ingest_over_spacy" in result:
        ingest = result["ratio_ingest_over_spacy"]
        console.print(f"ratio ingest / spaCy alone: {ingest:.2f} ({'meets' if ingest >= GOAL else 'BELOW'} the goal "
                      f"{GOAL}); per repeat: {', '.join(f'{p:.2f}' for p in result['ingest_pairs'])}")
    console.print(f"peak RSS: {result['peak_rss_mb']:.0f} MB (this process), "
                  f"{result['peak_rss_children_mb']:.0f} MB (largest child process)")
    machine = result["machine"]
    console.print(f"Python {machine['python']}, spaCy {machine['spacy']}, model {machine['model']} "
                  f"({machine['pipes']})")
    console.print(f"{machine['cpus']} CPUs ({machine['cpus_usable']} usable), {machine['processor']}, "
                  f"{machine['platform']}; seeds included: {result['seeds_included']}")


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run the benchmark, print (and optionally write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="texts in the corpus (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--n-process", type=int, default=None,
                        help="processes for the spaCy pass (default: the n_process setting)")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the figures here")
    parser.add_argument("--ingest", action="store_true",
                        help="also time `sitroom ingest` (on N distinct generated reports, for all three runs)")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs and --repeat must be at least 1")
    result = measure(args.docs, args.repeat, args.n_process, args.ingest)
    show(result)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
