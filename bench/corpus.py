"""A seeded corpus of N distinct reports recombined from the demo reports, for the scale benchmarks.

It reads every demo report under ``examples/reports`` (text, HTML and JSON Lines, through
``sitroom.readers``), splits each into paragraphs, and writes N new reports, each made of:

* a lead paragraph of one report (its dateline, e.g. ``Kabul -``, stays first);
* 3 to 7 body paragraphs drawn from all the others, in random order;
* every figure in the text moved a little (``12 killed`` may become ``14 killed``; years stay), so that two
  reports that happen to share paragraphs are not near-duplicates in the sense of ``sitroom.dedup``;
* a sidecar: a title from the reports plus a serial, one of the outlets, a URL, and a publication date
  between 1 and 20 August 2021 (relative dates such as "on Sunday" then resolve against different days).

With ~150 paragraphs to draw from, two reports share on average far less than a tenth of their word 3-grams,
well under the near-duplicate threshold (0.7), so ``sitroom ingest`` stores all of them. They average about 235 words,
a little shorter than the demo reports (about 300). The output is the same for the same ``--seed``.

Run it from the repository root::

    .venv/bin/python bench/corpus.py --docs 1000 --out /tmp/corpus-1k            # .txt + .meta.json files
    .venv/bin/python bench/corpus.py --docs 10000 --out /tmp/c10k.jsonl --format jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.readers import RawDoc, read_inputs

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"
FIRST_DAY = dt.date(2021, 8, 1)
DAYS = 20
BODY_PARAGRAPHS = (3, 7)
EXTRA_OUTLETS = ("Amu Darya Monitor", "Khyber Wire", "Hindu Kush Herald", "Gulf Briefing Service",
                 "Kabul Evening Desk", "Pamir Press Agency", "Helmand Daily", "Oxus Observer")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December|Aug"
# A figure that is not part of a bigger number ("1,200", "3.5", "10:30") nor a day of a month ("15 August").
_NUMBER = re.compile(r"(?<![\d.,:])\d{1,4}(?!\d|[.,:]\d)")
_DAY_AFTER = re.compile(rf"\s+(?:{_MONTH})\b")
_DAY_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s+$")


@dataclass(frozen=True, slots=True)
class Generated:
    """One generated report and its sidecar fields."""

    name: str
    text: str
    title: str
    source: str
    url: str
    published: dt.date


def paragraphs(raw: RawDoc) -> list[str]:
    """The paragraphs of a report: blank-line separated, or line by line when it has none (HTML as read)."""
    parts = [p.strip() for p in _PARAGRAPHS.split(raw.text) if p.strip()]
    if len(parts) == 1:
        parts = [line.strip() for line in raw.text.splitlines() if line.strip()]
    return parts


def read_demo(folder: Path = REPORTS) -> list[RawDoc]:
    """The demo reports as sitroom reads them."""
    raws = [r for r in read_inputs([str(folder)], max_bytes=10_000_000, encoding="utf-8") if isinstance(r, RawDoc)]
    if not raws:
        sys.exit(f"no reports found under {folder}")
    return raws


def _move_figures(rng: random.Random, text: str) -> str:
    """Move each figure a little; keep years, days of months and zeros as they are."""
    def move(match: re.Match[str]) -> str:
        value = int(match.group())
        day = _DAY_AFTER.match(text, match.end()) or _DAY_BEFORE.search(text[max(0, match.start() - 12):match.start()])
        if value == 0 or 1900 <= value <= 2100 or day:
            return match.group()
        return str(max(1, value + rng.randint(-max(1, value // 5), max(2, value // 4))))
    return _NUMBER.sub(move, text)


def generate(docs: int, seed: int = 20210815, folder: Path = REPORTS) -> Iterator[Generated]:
    """``docs`` distinct reports recombined from the reports under ``folder`` (see the module docstring).

    Example:
        >>> [g.name for g in generate(2)]
        ['gen-000000', 'gen-000001']
    """
    rng = random.Random(seed)
    raws = read_demo(folder)
    split = [paragraphs(r) for r in raws]
    leads = [parts[0] for parts in split]
    body = [p for parts in split for p in parts[1:]]
    titles = [r.title for r in raws if r.title]
    outlets = sorted({r.source for r in raws if r.source} | set(EXTRA_OUTLETS))
    for number in range(docs):
        lead = rng.choice(leads)
        chosen = rng.sample(body, rng.randint(*BODY_PARAGRAPHS))
        text = "\n\n".join(_move_figures(rng, p) for p in [lead, *chosen]) + "\n"
        source = rng.choice(outlets)
        slug = re.sub(r"[^a-z]+", "-", source.lower()).strip("-")
        yield Generated(name=f"gen-{number:06d}", text=text, title=f"{rng.choice(titles)} ({number})",
                        source=source, url=f"https://{slug}.example/2021/08/report-{number}",
                        published=FIRST_DAY + dt.timedelta(rng.randrange(DAYS)))


def write_folder(reports: Iterator[Generated], out: Path) -> int:
    """Write ``NAME.txt`` and ``NAME.meta.json`` for each report into ``out`` (created); the count written."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for report in reports:
        (out / f"{report.name}.txt").write_text(report.text, encoding="utf-8")
        meta = {"title": report.title, "source": report.source, "url": report.url,
                "published": report.published.isoformat()}
        (out / f"{report.name}.meta.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")
        count += 1
    return count


def write_jsonl(reports: Iterator[Generated], out: Path) -> int:
    """Write one ``{"id","text","title","source","url","published"}`` object a line into ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for report in reports:
            handle.write(json.dumps({"id": report.name, "text": report.text, "title": report.title,
                                     "source": report.source, "url": report.url,
                                     "published": report.published.isoformat()}) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="how many reports to write (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="a folder (format txt) or a .jsonl file")
    parser.add_argument("--format", choices=("txt", "jsonl"), default=None,
                        help="txt: .txt + .meta.json files; jsonl: one file (default: from --out's suffix)")
    parser.add_argument("--seed", type=int, default=20210815)
    parser.add_argument("--from", dest="folder", type=Path, default=REPORTS, help="reports to recombine")
    args = parser.parse_args(argv)
    kind = args.format or ("jsonl" if args.out.suffix in (".jsonl", ".ndjson") else "txt")
    reports = generate(args.docs, args.seed, args.folder)
    count = write_jsonl(reports, args.out) if kind == "jsonl" else write_folder(reports, args.out)
    print(f"wrote {count} reports to {args.out} ({kind})")


if __name__ == "__main__":
    main()
