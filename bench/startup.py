"""Start-up time of the ``sitroom`` command: ``sitroom --help`` and ``sitroom --version`` as subprocesses.

Each command is run R times (default 10) after one warm-up run (so the files are in the page cache),
interleaved with ``python -c pass`` run by the same interpreter, the base no Python command can beat. It
prints the median and the spread of the wall-clock times, the goal (``--help`` in at most 0.5 s), the ratio to
the bare interpreter, and, with ``--imports``, the ten slowest third-party imports of ``sitroom --help`` as
``python -X importtime`` reports them (what to make lazy next).

Run it from the repository root::

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --repeat 20 --imports --json /tmp/startup.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
GOAL_S = 0.5


def commands() -> dict[str, list[str]]:
    """What is timed: the bare interpreter, and the installed ``sitroom`` script with each option."""
    python = str(VENV / "python") if (VENV / "python").exists() else sys.executable
    script = str(VENV / "sitroom") if (VENV / "sitroom").exists() else None
    base = [script] if script else [python, "-m", "sitroom"]
    return {"python -c pass": [python, "-c", "pass"], "sitroom --help": [*base, "--help"],
            "sitroom --version": [*base, "--version"]}


def run_once(argv: list[str]) -> float:
    """Seconds from start to exit of one run (its output discarded); fails loudly if the command fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def slowest_imports(argv: list[str], top: int = 10) -> list[tuple[float, str]]:
    """The ``top`` third-party imports (three levels deep) with the largest cumulative time (seconds) under
    ``python -X importtime``."""
    script = Path(argv[0])
    python = str(VENV / "python") if script.name == "sitroom" else argv[0]
    code = "import sys; from sitroom.cli import main; sys.argv = ['sitroom', '--help']; main()"
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, check=False)
    found = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|", 2)
        depth = (len(name) - len(name.lstrip()) - 1) // 2  # nested imports are indented two spaces a level
        if depth <= 2 and not name.strip().startswith("sitroom"):  # what sitroom's own modules pull in
            found.append((int(cumulative) / 1e6, "  " * depth + name.strip()))
    return sorted(found, reverse=True)[:top]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each command (default 10)")
    parser.add_argument("--imports", action="store_true", help="also list the slowest imports of --help")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    timed = commands()
    for command in timed.values():  # warm-up: page cache, .pyc files
        run_once(command)
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.repeat):
        for name, command in timed.items():  # interleaved, so a busy moment hits all alike
            times[name].append(run_once(command))
    base = statistics.median(times["python -c pass"])
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {args.repeat} runs each, median (min-max)")
    result = {}
    for name, values in times.items():
        median = statistics.median(values)
        goal = f"  goal <= {GOAL_S} s: {'met' if median <= GOAL_S else 'MISSED'}" if name == "sitroom --help" else ""
        print(f"  {name:<18} {median:6.3f} s ({min(values):.3f}-{max(values):.3f})  "
              f"x{median / base:4.1f} the bare interpreter{goal}")
        result[name] = {"median_s": median, "min_s": min(values), "max_s": max(values), "ratio": median / base}
    if args.imports:
        print("slowest imports of sitroom --help (cumulative s, one run; indentation = import depth):")
        for seconds, name in slowest_imports(timed["sitroom --help"]):
            print(f"  {seconds:6.3f}  {name}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
