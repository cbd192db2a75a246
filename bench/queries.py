"""Query latency on a large store: the timeline of a week, events at a place, and the situation at a day.

The store is the seeded synthetic world of ``bench/situation_world.py`` (the real schema, rows shaped as
``Store._insert_extraction`` writes them: four countries, a year of reports of about ten events each), written
with ``--events`` events (default 1,000,000) into ``--store`` (kept, and reused by later runs with the same
size and seed: writing 1M events takes a few minutes). Then, on the store opened read-only, after one
warm-up call of each, it times R calls (default 50) of:

* ``queries.timeline(store, since=d, until=d + 6 days)`` for a random week of the year;
* ``queries.events(store, place=name)`` for a random place of the world (a substring filter, as the CLI does);
* ``queries.timeline`` and ``queries.events`` as the web API calls them: a page of 50 rows and the total;
* with ``--situation``: in a child process watched by the parent (stopped past ``--situation-limit-s`` seconds
  or ``--situation-limit-gb`` of RSS), what ``sitroom ingest`` ends with: ``load_situation`` (the derivation
  over every event) and ``control_store.refresh`` (derive and keep the control periods); then
  ``--situation-repeat`` lookups (default 50) of "the situation at T" from the kept periods,
  ``control_store.control_at(store, T)`` for days around the middle of the year.

It prints p50, p95 and max in milliseconds, rows returned, the ratio p95 / goal (100 ms) and, with
``--explain``, the slowest operators of DuckDB's profile of the two queries (what an index or a rewrite
would have to remove).

Run it from the repository root::

    .venv/bin/python bench/queries.py --store /tmp/sitroom-1m.duckdb                 # 1M events
    .venv/bin/python bench/queries.py --events 200000 --store /tmp/s200k.duckdb --situation --explain
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from memory import tree_rss_mb
from situation_world import DAYS, START, build_store

from sitroom import queries
from sitroom.store import Store

GOAL_MS = 100.0
PAGE = 50  # rows a page of the web API shows by default


def ensure_store(path: Path, events: int, seed: int) -> dict[str, object]:
    """Write the world into ``path`` unless a store of that size and seed is already there (see the marker)."""
    marker = path.with_suffix(path.suffix + ".bench.json")
    if path.exists() and marker.exists():
        built = json.loads(marker.read_text())
        if built.get("events") == events and built.get("seed") == seed:
            return built | {"reused": True}
    for stale in (path, path.with_suffix(path.suffix + ".wal")):
        stale.unlink(missing_ok=True)
    # in a child process: the generator's rows (GBs at 1M) leave with it, and the RSS measured later is ours
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        built = pool.submit(build_store, path, events, seed).result()
    built |= {"events": events, "seed": seed}
    marker.write_text(json.dumps(built, default=str))
    return built | {"reused": False}


def percentiles(function: Callable[[], int], repeat: int) -> dict[str, float]:
    """p50, p95 and max of ``repeat`` calls in ms, and the median number of rows returned."""
    function()  # warm-up: DuckDB's caches, the first compilation of the query
    times, rows = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        rows.append(function())
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "max_ms": times[-1], "rows": statistics.median(rows), "calls": repeat}


def _page(store: Store, rows: Callable[..., list], count: Callable[..., int], filters: dict[str, object]) -> int:
    """A page of ``PAGE`` rows and the total, as the web API answers; the total is returned."""
    rows(store, **filters, limit=PAGE)
    return count(store, **filters)


def place_names(store: Store, count: int = 40) -> list[str]:
    """The most reported place names of the store (what a user would look up)."""
    rows = store.query("SELECT name FROM entities WHERE type = 'PLACE' GROUP BY name ORDER BY count(*) DESC, name "
                       "LIMIT ?", [count])
    return [name for (name,) in rows]


def _operators(node: dict, found: list[tuple[float, str, int, str]]) -> None:
    info = {k: v for k, v in node.get("extra_info", {}).items() if k in ("Table", "Conditions", "Join Type", "Expression")}
    found.append((node.get("timing", 0.0), node.get("type", "?"), node.get("intermediate_rows", 0),
                  json.dumps(info)[:110]))
    for child in node.get("children", ()):
        _operators(child, found)


def explain(store: Store, label: str, filters: dict[str, object], top: int = 8) -> str:
    """The ``top`` slowest operators of the events query with these filters, from DuckDB's JSON profile."""
    sql, params = queries.event_query(store, filters, limit=PAGE)
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile.json"
        store.db.execute("PRAGMA enable_profiling = 'json'")
        store.db.execute(f"PRAGMA profiling_output = '{profile}'")
        try:
            store.db.execute(sql, params).fetchall()
        finally:
            store.db.execute("PRAGMA disable_profiling")
        tree = json.loads(profile.read_text())
    found: list[tuple[float, str, int, str]] = []
    for node in tree["operator"] if isinstance(tree["operator"], list) else [tree["operator"]]:
        _operators(node, found)
    lines = [f"  {label}: slowest operators (DuckDB profile; ms, operator, rows out)"]
    lines += [f"    {ms * 1000:7.0f}  {kind:<14} {rows:>9,}  {info}" for ms, kind, rows, info in sorted(found)[::-1][:top]]
    return "\n".join(lines)


def _situation_child(path: str, at: str, repeat: int) -> dict[str, object]:
    """In a child process: derive the situation and keep its control periods (what ingest ends with), time
    the derivation alone, then time ``repeat`` lookups of the situation at a day from the kept periods."""
    from sitroom import control_store
    from sitroom.gazetteer import Gazetteer
    from sitroom.situation import load_situation

    gazetteer, day = Gazetteer.load(), dt.date.fromisoformat(at)
    with Store(path) as store:
        start = time.perf_counter()
        situation = load_situation(store, gazetteer=gazetteer)
        derive_s = time.perf_counter() - start
        start = time.perf_counter()
        store.db.execute("DELETE FROM derived_state WHERE name = ?", [control_store.NAME])  # force a refresh
        kept = control_store.refresh(store, gazetteer=gazetteer)
        refresh_s = time.perf_counter() - start
        assert control_store.control_at(store, day) == situation.at(day)
    rng, lookups = random.Random(0), []
    with Store(path, read_only=True) as store:
        for _ in range(repeat + 1):
            start = time.perf_counter()
            held = control_store.control_at(store, day + dt.timedelta(days=rng.randrange(-60, 60)))
            lookups.append((time.perf_counter() - start) * 1000)
    lookups = sorted(lookups[1:])  # the first is the warm-up
    return {"derive_s": derive_s, "refresh_s": refresh_s, "periods_kept": kept, "periods_at_t": len(held),
            "lookup_p50_ms": statistics.median(lookups),
            "lookup_p95_ms": lookups[min(len(lookups) - 1, round(0.95 * (len(lookups) - 1)))],
            "incidents": len(situation.incidents), "observations": len(situation.observations)}


def situation_at(path: Path, at: dt.date, repeat: int, limit_s: float, limit_gb: float) -> dict[str, object]:
    """Run :func:`_situation_child` in a watched child; stop it past the time or memory limit."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        future = pool.submit(_situation_child, str(path), at.isoformat(), repeat)
        start, peak = time.perf_counter(), 0.0
        while not future.done():
            peak = max(peak, _children_rss(pool))
            elapsed = time.perf_counter() - start
            if elapsed > limit_s or peak > limit_gb * 1024:
                for process in pool._processes.values():  # only the worker this bench started
                    process.kill()
                return {"stopped": f"after {elapsed:.0f} s at {peak:.0f} MB RSS (limits {limit_s:g} s, "
                                   f"{limit_gb:g} GB)", "peak_rss_mb": peak}
            time.sleep(0.2)
        return future.result() | {"peak_rss_mb": peak}


def _children_rss(pool: ProcessPoolExecutor) -> float:
    """RSS of the pool's worker (the only child this bench watches), in MB."""
    return sum(tree_rss_mb(pid) for pid in list(pool._processes or ()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/sitroom-bench-queries.duckdb"),
                        help="the store file, kept and reused (default /tmp/sitroom-bench-queries.duckdb)")
    parser.add_argument("--seed", type=int, default=20210815)
    parser.add_argument("--repeat", type=int, default=50, help="timed calls of each query (default 50)")
    parser.add_argument("--situation", action="store_true", help="also time load_situation + .at(T)")
    parser.add_argument("--situation-repeat", type=int, default=50, help="lookups of the situation at a day")
    parser.add_argument("--situation-limit-s", type=float, default=600.0)
    parser.add_argument("--situation-limit-gb", type=float, default=12.0)
    parser.add_argument("--explain", action="store_true", help="print the slowest operators of both queries")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    built = ensure_store(args.store, args.events, args.seed)
    print(f"store {args.store}: {args.events:,} events asked, rows {built['rows']}, "
          f"{'reused' if built['reused'] else f'written in {time.perf_counter() - start:.0f} s'}, "
          f"{args.store.stat().st_size / 2**20:.0f} MB", flush=True)
    rng = random.Random(args.seed)
    result: dict[str, object] = {"store": built}
    with Store(args.store, read_only=True) as store:
        (stored,) = store.query("SELECT count(*) FROM events")[0]
        names = place_names(store)
        weeks = [START + dt.timedelta(rng.randrange(DAYS - 7)) for _ in range(args.repeat + 1)]
        places = [rng.choice(names) for _ in range(args.repeat + 1)]

        def week_filters() -> dict[str, object]:
            since = next(week_iter)
            return {"since": since, "until": since + dt.timedelta(days=6)}

        # What `sitroom serve` answers: a page of rows and the total; and the whole list, as the CLI prints it.
        cases: dict[str, Callable[[], int]] = {
            "timeline, one week, page + total": lambda: _page(store, queries.timeline, queries.count_timeline,
                                                             week_filters()),
            "events at a place, page + total": lambda: _page(store, queries.events, queries.count_events,
                                                            {"place": next(place_iter)}),
            "timeline, one week, all rows": lambda: len(queries.timeline(store, **week_filters())),
            "events at a place, all rows": lambda: len(queries.events(store, place=next(place_iter))),
        }
        print(f"{stored:,} events stored; {args.repeat} calls each after a warm-up (goal p95 <= {GOAL_MS:g} ms)")
        for label, function in cases.items():
            week_iter, place_iter = iter(weeks), iter(places)
            figures = percentiles(function, args.repeat)
            result[label] = figures
            print(f"  {label:<34} p50 {figures['p50_ms']:8.1f} ms  p95 {figures['p95_ms']:8.1f} ms  max "
                  f"{figures['max_ms']:8.1f} ms  rows {figures['rows']:,.0f}  p95/goal "
                  f"{figures['p95_ms'] / GOAL_MS:6.1f}", flush=True)
        if args.explain:
            since = weeks[0]
            print(explain(store, "timeline, one week", {"since": since, "until": since + dt.timedelta(days=6),
                                                        "modalities": queries.HAPPENED, "max_days": 7}))
            print(explain(store, "events at a place", {"place": names[0]}))
    if args.situation:
        at = START + dt.timedelta(DAYS // 2)
        found = situation_at(args.store, at, args.situation_repeat, args.situation_limit_s, args.situation_limit_gb)
        result["situation at T"] = found
        if "stopped" in found:
            print(f"  situation at {at}: stopped {found['stopped']}")
        else:
            print(f"  situation at T, kept periods  p50 {found['lookup_p50_ms']:8.1f} ms  p95 "
                  f"{found['lookup_p95_ms']:8.1f} ms  ({args.situation_repeat} days around {at}; "
                  f"{found['periods_at_t']} places held at the last)  p95/goal "
                  f"{found['lookup_p95_ms'] / GOAL_MS:6.2f}")
            print(f"  deriving it (what ingest ends with): load_situation {found['derive_s']:,.1f} s, refresh "
                  f"(derive + keep {found['periods_kept']:,} periods) {found['refresh_s']:,.1f} s, "
                  f"{found['incidents']:,} incidents; child peak RSS {found['peak_rss_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
