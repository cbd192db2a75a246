"""The situation report as Markdown: sections in sitrep order, numbered footnotes for every source.

Report words are escaped (HTML characters as entities, Markdown marks backslashed), so a report's text can
never become markup in whatever renders the Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from sitroom.report import Item, SitRep


def figures(killed: int | None, injured: int | None) -> str:
    """Casualty figures in words, leaving out the unknown and zero ones.

    >>> figures(27, 0)
    '27 killed'
    """
    return ", ".join(f"{n} {what}" for n, what in ((killed, "killed"), (injured, "injured")) if n)


def toll(report: SitRep) -> str:
    """The period's reported deaths and injuries, in a sentence."""
    return f"Reported in the period: {figures(*report.totals)} (a figure told once is counted once)."


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: str) -> str:
    """Report words as Markdown text: HTML characters as entities, Markdown marks escaped, one line.

    >>> md("<b>x</b> [1] *y*")
    '&lt;b&gt;x&lt;/b&gt; \\\\[1\\\\] \\\\*y\\\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(re.sub(r"\s+", " ", text), quote=False))


def _md_refs(refs: Iterable[int]) -> str:
    return "".join(f"[^{n}]" for n in refs)


def _md_item(item: Item) -> str:
    lead = f"**{md(item.lead)}** — " if item.lead else ""
    tags = "".join(f" *({md(t)})*" for t in item.tags if t not in ("held",))
    quote = f": “{md(item.quote)}”" if item.quote else ""
    return f"- {lead}{md(item.text)}{quote}{tags}{_md_refs(item.refs)}"


def render_markdown(report: SitRep) -> str:
    """The report as Markdown, with numbered footnotes giving each source's report, offsets and words."""
    out = [f"# {md(report.title)}", "", f"*{md(report.notes[0])}*", "", md(report.summary.text) + ".", ""]
    out += [toll(report), ""] if report.totals != (0, 0) else []
    out += ["## Headline changes", ""] + ([_md_item(i) for i in report.headlines] or ["- No change of control reported."])
    out += ["", f"## Control on {report.at:%-d %B %Y}", "", "### Provincial capitals by holder", ""]
    out += [_md_item(i) for i in report.capitals] or ["- No provincial capital with a known holder."]
    out += ["", "### Places", "", "| Place | Province | Status | Holder | Since | Confidence | Sources |",
            "|---|---|---|---|---|---|---|"]
    out += [f"| {md(r.place)}{' (capital)' if r.capital else ''} | {md(r.province)} | {r.status} | {md(r.holder) or '—'} "
            f"| {r.since} | {r.confidence:.2f} | {r.sources} {_md_refs(r.refs)} |" for r in report.control]
    out += ["", "## Key incidents", ""]
    for day_ in report.days:
        toll_ = f" — {figures(day_.fatalities, day_.injured)} reported" if day_.fatalities or day_.injured else ""
        out += [f"### {day_.day:%A %-d %B %Y}{toll_}", ""] + [_md_item(i) for i in day_.items] + [""]
    if not report.days:
        out += ["- No dated incident in the period.", ""]
    out += ["## Key statements", ""] + ([f"- “{md(s.quote)}” — {md(s.lead)}, {md(s.text)}{_md_refs(s.refs)}"
                                         for s in report.statements] or ["- None in the period."])
    out += ["", "## Open contradictions", ""]
    for dispute in report.disputes:
        out += [f"### {md(dispute.heading.lead)}: {md(dispute.heading.text)}", ""]
        out += [_md_item(v) for v in dispute.versions] + [""]
    if not report.disputes:
        out += ["- None in the period.", ""]
    out += ["## Stated counts checked", ""] + ([_md_item(i) for i in report.counts] or ["- None in the period."])
    out += ["", "## Unconfirmed", ""] + ([_md_item(i) for i in report.unconfirmed] or ["- Nothing unconfirmed."])
    out += ["", "## Notes", ""] + [f"- {md(n)}" for n in report.notes[1:]]
    out += ["", "## Sources", ""]
    for s in report.sources:
        d = s.doc
        title = f"“{md(d.title)}”, " if d.title else ""
        out.append(f"[^{s.number}]: {md(d.outlet or 'unknown outlet')}, {title}{d.published or 'undated'}, "
                   f"doc {d.doc_id}, chars {s.start}–{s.end}: “{md(s.text)}”")
    return "\n".join(out) + "\n"
