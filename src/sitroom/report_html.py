"""The situation report for people: one self-contained HTML page with a static SVG map, or a rich terminal view.

Everything that comes from a report (names, titles, quotes, evidence) is text, never markup: it goes
through :func:`html.escape` on its way into the page. The page has no script and loads nothing: the map is
an inline SVG that plots places by latitude and longitude in an equirectangular projection fitted to the
points, coloured by holder or status, with a legend, and marks incidents of the period with small crosses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape

from sitroom.report import Item, MapPoint, SitRep, excerpt
from sitroom.report_md import figures, toll

WIDTH, HEIGHT, MARGIN, LEGEND = 800, 500, 30, 180  # the map's size, the margin around the points, legend width
LABEL_ROOM, CHAR_WIDTH = 70, 6.2  # room right of the points for their labels; a character at 11px, roughly
# Okabe-Ito colours (distinguishable with colour blindness); statuses have their own
PALETTE = ("#d55e00", "#0072b2", "#009e73", "#56b4e9", "#f0e442", "#000000", "#999999")
STATUS_COLOURS = {"contested": "#e69f00", "disputed": "#cc79a7"}
INCIDENT_COLOUR = "#444444"

_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{border-bottom:2px solid #1f5f8b;color:#1f5f8b;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
a.ref{font-size:.75rem;vertical-align:super;text-decoration:none}.tag{font-size:.8rem;color:#8a4b00}
.sources li{font-size:.85rem;margin-bottom:.3rem}blockquote{margin:.3rem 0 .3rem 1rem;font-style:italic}
.meta{color:#555}svg{border:1px solid #ccc;background:#f8fbfd}
"""


def _refs(refs: Iterable[int], evidence: dict[int, str]) -> str:
    return "".join(f'<a class="ref" href="#src-{n}" title="{escape(evidence.get(n, ""))}">[{n}]</a>' for n in refs)


def _item(item: Item, evidence: dict[int, str]) -> str:
    lead = f"<strong>{escape(item.lead)}</strong> — " if item.lead else ""
    quote = f": “{escape(item.quote)}”" if item.quote else ""
    tags = "".join(f' <span class="tag">({escape(t)})</span>' for t in item.tags if t != "held")
    return f"<li>{lead}{escape(item.text)}{quote}{tags}{_refs(item.refs, evidence)}</li>"


def _list(items: Sequence[Item], evidence: dict[int, str], empty: str) -> str:
    body = "".join(_item(i, evidence) for i in items) or f"<li>{escape(empty)}</li>"
    return f"<ul>{body}</ul>"


def colours(points: Iterable[MapPoint]) -> dict[str, str]:
    """A colour for each legend group of the places: statuses fixed, holders from the palette, most places first.

    >>> colours([MapPoint("A", 0, 0, "Taliban"), MapPoint("B", 1, 1, "contested")])
    {'contested': '#e69f00', 'Taliban': '#d55e00'}
    """
    places = [p.group for p in points if p.kind == "place"]
    holders = sorted({g for g in places if g not in STATUS_COLOURS}, key=lambda g: (-places.count(g), g))
    found = {g: STATUS_COLOURS[g] for g in STATUS_COLOURS if g in places}
    found.update({g: PALETTE[i % len(PALETTE)] for i, g in enumerate(holders)})
    return found


def projection(points: Sequence[MapPoint], width: float, height: float, margin: float):
    """An equirectangular projection (longitude shrunk by the cosine of the middle latitude) fitted to the points.

    >>> to_xy = projection([MapPoint("A", 30, 60, "x"), MapPoint("B", 40, 70, "x")], 800, 500, 40)
    >>> [tuple(round(v) for v in to_xy(p.lat, p.lon)) for p in (MapPoint("A", 30, 60, "x"), MapPoint("B", 40, 70, "x"))]
    [(228, 460), (572, 40)]
    """
    lats = [p.lat for p in points] or [0.0]
    lons = [p.lon for p in points] or [0.0]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad = 0.25  # degrees, so that a single point or a line of points still has an extent
    south, north, west, east = south - pad * (north == south), north + pad * (north == south), \
        west - pad * (east == west), east + pad * (east == west)
    shrink = math.cos(math.radians((south + north) / 2))
    scale = min((width - 2 * margin) / ((east - west) * shrink), (height - 2 * margin) / (north - south))
    left = (width - (east - west) * shrink * scale) / 2
    top = (height - (north - south) * scale) / 2

    def to_xy(lat: float, lon: float) -> tuple[float, float]:
        return left + (lon - west) * shrink * scale, top + (north - lat) * scale

    return to_xy


def _labels(placed: Sequence[tuple[str, float, float]]) -> list[tuple[float, float, str]]:
    """Where each label goes: right of its point, else left, above or below, avoiding labels already placed."""
    boxes: list[tuple[float, float, float, float]] = [(x - 6, y - 6, x + 6, y + 6) for _, x, y in placed]
    found = []
    for name, x, y in placed:
        width = CHAR_WIDTH * len(name)
        tries = ((x + 8, y + 4, "start"), (x - 8, y + 4, "end"), (x, y - 9, "middle"), (x, y + 17, "middle"))
        for lx, ly, anchor in tries:
            left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
            box = (left, ly - 10, left + width, ly + 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                break
        else:
            lx, ly, anchor = tries[0]
            box = (lx, ly - 10, lx + width, ly + 2)
        boxes.append(box)
        found.append((lx, ly, anchor))
    return found


def _graticule(points: Sequence[MapPoint], to_xy, width: float, height: float) -> list[str]:
    """Faint lines every 1, 2 or 5 degrees, labelled, so that distances can be read."""
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    extent = max(max(lats) - min(lats), max(lons) - min(lons))
    step = 1 if extent < 8 else 2 if extent < 16 else 5
    out = []
    for lon in range(math.floor(min(lons) / step) * step, math.ceil(max(lons) / step) * step + 1, step):
        x = to_xy(min(lats), lon)[0]
        if 0 <= x <= width:
            out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#dde5ec"/>'
                       f'<text x="{x + 2:.1f}" y="{height - 4}" fill="#889" font-size="9">{lon}°E</text>')
    for lat in range(math.floor(min(lats) / step) * step, math.ceil(max(lats) / step) * step + 1, step):
        y = to_xy(lat, min(lons))[1]
        if 0 <= y <= height:
            out.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#dde5ec"/>'
                       f'<text x="2" y="{y - 2:.1f}" fill="#889" font-size="9">{lat}°N</text>')
    return out


def render_map(points: Sequence[MapPoint], *, width: int = WIDTH, height: int = HEIGHT) -> str:
    """An inline SVG map of the points (no tiles, no scripts): places coloured by holder, incidents as crosses.

    >>> svg = render_map([MapPoint("Kunduz", 36.7, 68.9, "Taliban"), MapPoint("Ghazni", 33.5, 68.4, "contested")])
    >>> svg.startswith("<svg") and "Legend" in svg and "Kunduz" in svg
    True
    """
    if not points:
        return ""
    area = width - LEGEND
    to_xy = projection(points, area - LABEL_ROOM, height, MARGIN)
    palette = colours(points)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="Map of control and incidents" font-family="sans-serif" font-size="11">')
    out = [svg, *_graticule(points, to_xy, area, height)]
    for p in (p for p in points if p.kind == "incident"):
        x, y = to_xy(p.lat, p.lon)
        out.append(f'<path d="M{x - 4:.1f},{y - 4:.1f}L{x + 4:.1f},{y + 4:.1f}M{x - 4:.1f},{y + 4:.1f}L{x + 4:.1f},'
                   f'{y - 4:.1f}" stroke="{INCIDENT_COLOUR}" stroke-width="1.5"><title>{escape(p.name)}: '
                   f'{escape(p.group)}</title></path>')
    places = [p for p in points if p.kind == "place"]
    placed = [(p.name, *to_xy(p.lat, p.lon)) for p in places]
    for p, (_, x, y), (lx, ly, anchor) in zip(places, placed, _labels(placed), strict=True):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{palette[p.group]}" stroke="#fff" '
                   f'stroke-width="1.5"><title>{escape(p.name)}: {escape(p.group)}</title></circle>'
                   f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="#222">{escape(p.name)}</text>')
    x0 = area + 15
    out.append(f'<g class="legend"><rect x="{area}" y="0" width="{LEGEND}" height="{height}" fill="#fff" '
               f'stroke="#ccc"/><text x="{x0}" y="25" font-weight="bold">Legend</text>')
    rows = [(f'<circle cx="{x0 + 6}" cy="{{y}}" r="6" fill="{colour}"/>', group) for group, colour in palette.items()]
    if any(p.kind == "incident" for p in points):
        cross = f'<path d="M{x0 + 2},{{a}}L{x0 + 10},{{b}}M{x0 + 2},{{b}}L{x0 + 10},{{a}}" stroke="{INCIDENT_COLOUR}"'
        rows.append((cross + ' stroke-width="1.5"/>', "incident in the period"))
    for index, (mark, label) in enumerate(rows):
        y = 45 + 20 * index
        out.append(mark.format(y=y, a=y - 4, b=y + 4) + f'<text x="{x0 + 18}" y="{y + 4}">{escape(label)}</text>')
    out.append("</g></svg>")
    return "".join(out)


def render_html(report: SitRep) -> str:
    """The report as a standalone HTML page: sections, the map, and a Sources list every reference points to."""
    evidence = {s.number: f"{s.doc.outlet or s.doc.doc_id}, {s.doc.published or 'undated'}: {s.text}"
                for s in report.sources}
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{escape(report.title)}</title>",
           f"<style>{_CSS}</style></head><body>", f"<h1>{escape(report.title)}</h1>",
           f'<p class="meta">{escape(report.notes[0])} {escape(report.summary.text)}.</p>']
    out += [f"<p>{escape(toll(report))}</p>"] if report.totals != (0, 0) else []
    out += ["<h2>Headline changes</h2>", _list(report.headlines, evidence, "No change of control reported.")]
    out += [f"<h2>Control on {report.at:%-d %B %Y}</h2>", "<h3>Provincial capitals by holder</h3>",
            _list(report.capitals, evidence, "No provincial capital with a known holder."),
            render_map(report.points)]
    out.append("<h3>Places</h3><table><tr><th>Place</th><th>Province</th><th>Status</th><th>Holder</th><th>Since</th>"
               "<th>Confidence</th><th>Sources</th></tr>")
    for r in report.control:
        cells = (escape(r.place) + (" (capital)" if r.capital else ""), escape(r.province), escape(r.status),
                 escape(r.holder) or "—", str(r.since), f"{r.confidence:.2f}", f"{r.sources} {_refs(r.refs, evidence)}")
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</table>", "<h2>Key incidents</h2>"]
    for d in report.days:
        toll_ = f" — {figures(d.fatalities, d.injured)} reported" if d.fatalities or d.injured else ""
        out += [f"<h3>{d.day:%A %-d %B %Y}{toll_}</h3>", _list(d.items, evidence, "")]
    if not report.days:
        out.append("<p>No dated incident in the period.</p>")
    out.append("<h2>Key statements</h2>")
    for s in report.statements:
        out.append(f"<blockquote>“{escape(s.quote)}”</blockquote><p>— {escape(s.lead)}, {escape(s.text)}"
                   f"{_refs(s.refs, evidence)}</p>")
    out.append("<h2>Open contradictions</h2>")
    for dispute in report.disputes:
        out += [f"<h3>{escape(dispute.heading.lead)}: {escape(dispute.heading.text)}</h3>",
                _list(dispute.versions, evidence, "")]
    if not report.disputes:
        out.append("<p>None in the period.</p>")
    out += ["<h2>Stated counts checked</h2>", _list(report.counts, evidence, "None in the period."),
            "<h2>Unconfirmed</h2>", _list(report.unconfirmed, evidence, "Nothing unconfirmed."),
            "<h2>Notes</h2>", "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in report.notes[1:]) + "</ul>",
            '<h2>Sources</h2><ol class="sources">']
    for s in report.sources:
        d = s.doc
        title = f"“{escape(d.title)}”, " if d.title else ""
        outlet = escape(d.outlet or "unknown outlet")
        if d.url and d.url.startswith(("http://", "https://")):
            outlet = f'<a href="{escape(d.url)}" rel="noopener noreferrer">{outlet}</a>'
        out.append(f'<li id="src-{s.number}" value="{s.number}">{outlet}, {title}{d.published or "undated"}, doc '
                   f"<code>{escape(d.doc_id)}</code>, chars {s.start}–{s.end}: “{escape(s.text)}”</li>")
    out += ["</ol>", "</body></html>"]
    return "\n".join(out) + "\n"


def render_rich(report: SitRep, console) -> None:
    """Print the report on a rich console: panels and tables; report words are never read as markup."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    def line(item: Item) -> Text:
        text = Text("• ")
        if item.lead:
            text.append(item.lead, style="bold").append(" — ")
        text.append(item.text)
        if item.quote:
            text.append(f": “{item.quote}”", style="italic")
        for tag in (t for t in item.tags if t != "held"):
            text.append(f" ({tag})", style="yellow" if tag in ("disputed", "disagrees", "claimed") else "dim")
        return text.append(" " + "".join(f"[{n}]" for n in item.refs), style="cyan")

    def section(title: str, items: Iterable[Item]) -> None:
        body = [line(i) for i in items] or [Text("none", style="dim")]
        console.print(Panel(Text("\n").join(body), title=title, title_align="left"))

    console.print(Panel(Text(report.summary.text + "\n" + report.notes[0]), title=Text(report.title, style="bold")))
    section("Headline changes", report.headlines)
    section(f"Provincial capitals on {report.at}", report.capitals)
    table = Table(title="Control", title_justify="left")
    for column in ("Place", "Province", "Status", "Holder", "Since", "Conf.", "Sources"):
        table.add_column(column)
    for r in report.control:
        table.add_row(*(Text(str(v)) for v in (r.place, r.province, r.status, r.holder, r.since,
                                               f"{r.confidence:.2f}", f"{r.sources} {''.join(f'[{n}]' for n in r.refs)}")))
    console.print(table)
    for day_ in report.days:
        toll_ = f": {figures(day_.fatalities, day_.injured)}" if day_.fatalities or day_.injured else ""
        section(f"{day_.day:%A %-d %B}{toll_}", day_.items)
    section("Key statements", report.statements)
    for dispute in report.disputes:
        section(f"Contradiction: {dispute.heading.lead}: {dispute.heading.text}", dispute.versions)
    section("Stated counts checked", report.counts)
    section("Unconfirmed", report.unconfirmed)
    sources = Table(title="Sources", title_justify="left", show_lines=False)
    for column in ("#", "Outlet", "Date", "Doc", "Chars", "Words"):
        sources.add_column(column, overflow="fold")
    for s in report.sources:
        sources.add_row(*(Text(str(v)) for v in (s.number, s.doc.outlet or "", s.doc.published or "", s.doc.doc_id,
                                                 f"{s.start}-{s.end}", excerpt(s.text, 120))))
    console.print(sources)
