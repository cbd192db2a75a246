"""What the situation layer costs on a large store: load, fuse, control, the whole situation and the report.

A seeded synthetic world is written into a fresh DuckDB store (a temporary file, the store's real schema,
rows shaped as ``Store._insert_extraction`` writes them): four countries (AF, SY, SD, UA), their province
seats and largest cities taken from the real gazetteer, ten actors, thirty outlets (wire agencies among them,
credited in datelines), a year of reports. Happenings (captures and recaptures of places, battles, strikes,
protests, arrests...) are each told by several reports of several outlets, with the things that make the
situation layer work: dates from the text or only from the report, figures that differ between outlets or
"have risen", denials of captures, fighting after captures, untyped casualty counts, stated counts of
provincial capitals, republished copies (duplicate links), a few reports dated only by their dateline.

Then, in one process, each step is timed R times (after a warm-up that loads the gazetteer and the rules):

* store load: ``observations.load_observations`` (and, inside it, the SQL alone) + ``load_count_statements``;
* ``fuse.fuse``; ``situation.control``; ``situation.load_situation`` (all of it, with the gazetteer);
* the report (``report.build_report`` + ``render_markdown``) when ``src/sitroom/report.py`` exists.

It prints medians in seconds, events/s, the counts of incidents, contradictions and control periods, ratios
measured in the same run, the process's peak RSS, and the Python peak of one more pass under tracemalloc (that
pass is slower, so its time is not compared). Run by hand from the repository root::

    .venv/bin/python bench/situation.py                        # 100,000 events, 1 repeat
    .venv/bin/python bench/situation.py --events 10000 --repeat 3 --json /tmp/situation.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import multiprocessing
import os
import platform
import resource
import statistics
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
from situation_world import build_store

from sitroom import observations as obs_module
from sitroom.fuse import fuse, rules
from sitroom.gazetteer import Gazetteer
from sitroom.observations import load_count_statements, load_observations
from sitroom.situation import check_counts, control, derive, load_situation
from sitroom.store import Store


def machine_info() -> dict[str, object]:
    """What ran the benchmark (not throughput.machine_info: that one loads spaCy, which would swell the RSS)."""
    cpuinfo = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in (cpuinfo.read_text().splitlines() if cpuinfo.exists() else ())
             if line.startswith("model name")]
    return {"python": platform.python_version(), "duckdb": duckdb.__version__, "cpus": os.cpu_count(),
            "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "processor": names[0] if names else platform.processor() or platform.machine()}


REPORT_FUNCTIONS = {  # name -> the module that holds it
    "load_documents": ("sitroom.report",), "load_quotes": ("sitroom.report",), "build_report": ("sitroom.report",),
    "render_markdown": ("sitroom.report_md",), "render_html": ("sitroom.report_html",),
}


def _report_module() -> tuple[dict[str, object] | None, str | None]:
    """The report's functions (imported late: written alongside this bench), or None and what is missing."""
    found: dict[str, object] = {}
    for name, modules in REPORT_FUNCTIONS.items():
        for module in modules:
            try:
                function = getattr(importlib.import_module(module), name, None)
            except ImportError:
                function = None
            if function is not None:
                found[name] = function
                break
    missing = [name for name in REPORT_FUNCTIONS if name not in found and name != "render_html"]
    return (None, f"no {', '.join(missing)} in sitroom.report*") if missing else (found, None)


def _report(timed, store: Store, situation, report: dict[str, object]) -> str:
    """The default report (the last week of the situation) as Markdown (and HTML when there), each step timed."""
    documents = timed("report_documents", report["load_documents"], store)
    at = situation.dates()[1]
    quotes = timed("report_quotes", report["load_quotes"], store, at and at - dt.timedelta(days=7), at)
    built = timed("build_report", report["build_report"], situation, documents=documents, quotes=quotes)
    if "render_html" in report:
        timed("render_html", report["render_html"], built)
    return timed("render_markdown", report["render_markdown"], built)


def one_repeat(store: Store, gazetteer: Gazetteer, report) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds of each step over the whole store, and what the steps found."""
    seconds: dict[str, float] = {}

    def timed(name: str, function, *args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        seconds[name] = time.perf_counter() - start
        return result

    timed("observations_sql", store.query, obs_module.observations_sql(store))  # the query alone (its rows are dropped)
    timed("canonical_entities", store.query, "SELECT count(*), sum(mentions) FROM canonical_entities")
    observations = timed("load_observations", load_observations, store)
    statements = timed("load_counts", load_count_statements, store, rules()["place_count_units"])
    incidents, conflicts = timed("fuse", fuse, observations)
    capitals = {}
    for country in sorted({i.country for i in incidents if i.country}):
        capitals.update(gazetteer.province_capitals(country))
    periods, control_conflicts = timed("control", control, incidents, observations, capitals)
    checked = timed("check_counts", check_counts, statements, periods, observations, capitals)
    situation = timed("load_situation", load_situation, store, gazetteer=gazetteer)
    if report is not None:
        markdown = _report(timed, store, situation, report)
        seconds["report"] = sum(seconds[name] for name in seconds if name.startswith(("report_", "build_", "render_")))
    found = {"observations": len(observations), "count_statements": len(statements), "incidents": len(incidents),
             "figure_date_contradictions": len(conflicts), "control_contradictions": len(control_conflicts),
             "periods": len(periods), "capitals": len(capitals), "count_checks": len(checked),
             "report_chars": len(markdown) if report is not None else 0}
    found["multi_source_incidents"] = sum(1 for i in incidents if i.sources > 1)
    return seconds, found


def traced_peak(store: Store, gazetteer: Gazetteer, report) -> float:
    """Peak Python memory (MB) of one ``load_situation`` (and report) under tracemalloc."""
    tracemalloc.start()
    situation = load_situation(store, gazetteer=gazetteer)
    if report is not None:
        _report(lambda name, function, *args, **kwargs: function(*args, **kwargs), store, situation, report)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def measure(events: int, repeat: int, seed: int, trace: bool) -> dict[str, object]:
    start = time.perf_counter()
    gazetteer = Gazetteer.load()
    gazetteer_s = time.perf_counter() - start
    derive(())  # warm-up: the rules and the ontology
    report, missing = _report_module()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "situation.duckdb"
        # in a child process, so that the peak RSS printed is that of the steps timed, not of the generator
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            built = pool.submit(build_store, path, events, seed).result()
        with Store(path, read_only=True) as store:
            runs = [one_repeat(store, gazetteer, report) for _ in range(repeat)]
            peak_mb = traced_peak(store, gazetteer, report) if trace else None
        store_mb = path.stat().st_size / 2**20
    median = {name: statistics.median(run[0][name] for run in runs) for name in runs[0][0]}
    ratios = {
        "fuse_over_load": median["fuse"] / median["load_observations"],
        "control_over_fuse": median["control"] / median["fuse"],
        "sql_over_load": median["observations_sql"] / median["load_observations"],
        "canonical_entities_over_sql": median["canonical_entities"] / median["observations_sql"],
        "situation_over_its_steps": median["load_situation"] / (
            median["load_observations"] + median["load_counts"] + median["fuse"] + median["control"]
            + median["check_counts"]),
    }
    if report is not None:
        ratios["report_over_situation"] = median["report"] / median["load_situation"]
    return {"events": runs[0][1]["observations"], "seed": seed, "repeat": repeat, "store": built,
            "store_mb": store_mb, "gazetteer_load_s": gazetteer_s, "median_s": median, "found": runs[0][1],
            "ratios": ratios, "report_missing": missing, "tracemalloc_peak_mb": peak_mb,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "machine": machine_info()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events to generate (about: see the output)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20210815)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.events, args.repeat, args.seed, not args.no_trace)
    store, found, median = result["store"], result["found"], result["median_s"]
    print(f"{result['events']:,} events ({store['happenings']:,} happenings, {store['rows']['documents']:,} documents,"
          f" {store['rows']['entities']:,} entities, {store['rows']['mentions']:,} mentions, "
          f"{store['rows'].get('duplicates', 0)} duplicates), seed {result['seed']}, {result['repeat']} repeat(s)")
    print(f"  generate {store['generate_s']:.2f} s, insert {store['insert_s']:.2f} s, store file "
          f"{result['store_mb']:.0f} MB, generator's peak RSS {store['peak_rss_mb']:.0f} MB (own process); "
          f"gazetteer load {result['gazetteer_load_s']:.2f} s")
    for name, seconds in median.items():
        rate = f"{result['events'] / seconds:>12,.0f} events/s" if seconds else ""
        print(f"  {name:<20} {seconds:8.3f} s {rate}")
    if result["report_missing"]:
        print(f"  report: skipped ({result['report_missing']})")
    print("  found: " + ", ".join(f"{name} {value:,}" for name, value in found.items()))
    for name, value in result["ratios"].items():
        print(f"  {name}: {value:.2f}")
    traced = result["tracemalloc_peak_mb"]
    print(f"  peak RSS {result['peak_rss_mb']:.0f} MB" + (f"; Python peak of one load_situation{' + report' if not result['report_missing'] else ''} "
                                                          f"{traced:.0f} MB (tracemalloc)" if traced is not None else "")
          + f"; {result['machine']['processor']}, {result['machine']['cpus_usable']} CPUs usable")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
