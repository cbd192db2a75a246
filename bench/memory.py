"""Peak memory (RSS) of ``sitroom ingest`` as the corpus grows: is it flat, and under 1.5 GB?

For each size N (default 1,000 and 10,000 documents) it writes a corpus with ``bench/corpus.py`` (seeded;
kept under ``--cache`` for later runs), then runs the real command as a subprocess into a fresh store::

    .venv/bin/sitroom ingest CORPUS --db TMP/store.duckdb [--n-process K]

and samples, every 0.2 s, the RSS of the process and all its descendants (``VmRSS`` in ``/proc/PID/status``;
with ``--n-process 2`` spaCy's workers are separate processes, and they count). It also takes the peak RSS
the kernel recorded for the process itself (``os.wait4``'s ``ru_maxrss``). It prints, per run: documents
stored, seconds, docs/s, the peak RSS of the process tree, the tree's RSS at a quarter, half and three
quarters of the run (a leak grows from one to the next), the store's size; then the ratio of the peaks of
the largest and the smallest size (goal: flat, i.e. near 1, and every peak <= 1.5 GB) and, with
``--n-process``, the docs/s ratio of the two process counts on the same size.

Sizes run smallest first; a size whose run would take longer than ``--max-minutes`` (extrapolated from the
docs/s of the runs so far) is skipped with a note, so on a slow machine pass smaller sizes by hand.

Run it from the repository root (one run at a time: it uses the cores it is given)::

    .venv/bin/python bench/memory.py                                   # 1k and 10k documents
    .venv/bin/python bench/memory.py --docs 1000 3000 --n-process 2    # and 1k again with 2 processes
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus import generate, write_folder

ROOT = Path(__file__).resolve().parent.parent
SITROOM = ROOT / ".venv" / "bin" / "sitroom"
GOAL_MB = 1536
SAMPLE_S = 0.2


@dataclass(frozen=True, slots=True)
class Run:
    docs: int
    n_process: int
    seconds: float
    ingested: int
    exit_code: int
    peak_tree_mb: float
    peak_self_mb: float  # ru_maxrss of the sitroom process (its own peak, kernel-recorded)
    quarters_mb: tuple[float, float, float]
    store_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.ingested / self.seconds if self.seconds else 0.0


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone between listing and reading
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process (fields after the command name in ``/proc/PID/stat``)."""
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def tree_rss_mb(root: int) -> float:
    """RSS of ``root`` and all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(children.get(pid, ()))
    return total / 1024


def ingest_run(corpus: Path, docs: int, n_process: int, log: Path) -> Run:
    """Run ``sitroom ingest`` on ``corpus`` into a fresh store, sampling the RSS of its process tree."""
    with tempfile.TemporaryDirectory(prefix="sitroom-memory-") as tmp:
        store = Path(tmp) / "store.duckdb"
        argv = [str(SITROOM), "ingest", str(corpus), "--db", str(store), "--n-process", str(n_process)]
        samples: list[tuple[float, float]] = []
        with log.open("w") as output:
            start = time.perf_counter()
            process = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, cwd=tmp)
            status = None
            while status is None:
                samples.append((time.perf_counter() - start, tree_rss_mb(process.pid)))
                time.sleep(SAMPLE_S)
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                status = None if pid == 0 else status
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        text = log.read_text()
        found = re.search(r"ingested (\d+)", text)
        store_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20

    def at(fraction: float) -> float:
        return max((rss for t, rss in samples if t <= fraction * seconds), default=0.0)

    return Run(docs, n_process, seconds, int(found.group(1)) if found else 0, process.returncode,
               max(rss for _, rss in samples), usage.ru_maxrss / 1024, (at(0.25), at(0.5), at(0.75)), store_mb)


def corpus_for(docs: int, cache: Path) -> Path:
    """The folder of ``docs`` generated reports, written once (seeded) and kept under ``cache``."""
    folder = cache / f"corpus-{docs}"
    done = folder / ".complete"
    if not done.exists():
        started = time.perf_counter()
        write_folder(generate(docs), folder)
        done.write_text("")
        print(f"  wrote {docs} reports to {folder} in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def show(run: Run) -> None:
    quarters = " / ".join(f"{mb:.0f}" for mb in run.quarters_mb)
    print(f"  {run.docs:>6} docs, n_process {run.n_process}: stored {run.ingested} in {run.seconds:.0f} s "
          f"({run.docs_per_s:.1f} docs/s), exit {run.exit_code}; peak RSS of the tree {run.peak_tree_mb:.0f} MB "
          f"(sitroom process {run.peak_self_mb:.0f} MB); at 1/4, 1/2, 3/4 of the run {quarters} MB; "
          f"store {run.store_mb:.0f} MB", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10_000], help="corpus sizes")
    parser.add_argument("--n-process", type=int, default=None,
                        help="also run the smallest size with this many processes (e.g. 2)")
    parser.add_argument("--max-minutes", type=float, default=25.0,
                        help="skip a size whose run would take longer than this (default 25)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sitroom-bench",
                        help="where generated corpora and run logs are kept")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not SITROOM.exists():
        sys.exit(f"{SITROOM} not found: install the project first (make install)")
    args.cache.mkdir(parents=True, exist_ok=True)
    sizes, runs, skipped = sorted(args.docs), [], []
    plan = [(n, 1) for n in sizes] + ([(sizes[0], args.n_process)] if args.n_process else [])
    for docs, n_process in plan:
        rates = [r.docs_per_s for r in runs if r.n_process == 1 and r.docs_per_s]
        if rates and docs / min(rates) > args.max_minutes * 60:
            skipped.append(docs)
            print(f"  {docs} docs skipped: about {docs / min(rates) / 60:.0f} min at {min(rates):.1f} docs/s "
                  f"(over --max-minutes {args.max_minutes:g})", flush=True)
            continue
        corpus = corpus_for(docs, args.cache)
        run = ingest_run(corpus, docs, n_process, args.cache / f"ingest-{docs}-p{n_process}.log")
        runs.append(run)
        show(run)
    single = [r for r in runs if r.n_process == 1]
    if len(single) > 1:
        small, large = single[0], single[-1]
        ratio = large.peak_tree_mb / small.peak_tree_mb
        print(f"peak RSS {large.docs} / {small.docs} docs: {ratio:.2f} (goal: flat, ~1.0); largest peak "
              f"{max(r.peak_tree_mb for r in runs):.0f} MB (goal <= {GOAL_MB} MB)")
    multi = [r for r in runs if r.n_process != 1]
    if multi and single:
        base = next(r for r in single if r.docs == multi[0].docs)
        print(f"n_process {multi[0].n_process} / 1 on {base.docs} docs: docs/s x{multi[0].docs_per_s / base.docs_per_s:.2f},"
              f" peak RSS x{multi[0].peak_tree_mb / base.peak_tree_mb:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"runs": [asdict(r) | {"docs_per_s": r.docs_per_s} for r in runs],
                                         "skipped": skipped}, indent=2))


if __name__ == "__main__":
    main()
