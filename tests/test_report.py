"""The situation report (sitroom/report.py, report_html.py): on a hand-built store, then on demo reports."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from sitroom.dedup import shingles, signature
from sitroom.gazetteer import Gazetteer
from sitroom.ids import document_id
from sitroom.model import (
    DateProvenance,
    Document,
    Entity,
    EntityType,
    Event,
    Extraction,
    FeatureLevel,
    Mention,
    Quote,
    QuoteKind,
    Span,
)
from sitroom.report import DocInfo, build_report, load_documents, load_quotes
from sitroom.report_html import colours, render_html, render_map, render_rich
from sitroom.report_md import md, render_markdown
from sitroom.situation import load_situation
from sitroom.store import Store

SCRIPT = "<script>alert(1)</script>"
GHAZNI = ('GHAZNI, Aug 12 (Khyber Wire) - The Taliban seized Ghazni on Thursday, officials said. '
          f'"The city has fallen {SCRIPT} and we are leaving for Kabul tonight," said Daud Laghmani. '
          'A mortar strike on a market in Ghazni killed 12 civilians on Thursday. '
          'UNICEF said 27 children were killed in Kandahar and Khost this week.')
TOLL = ('The number of people killed when mortar rounds hit a market in Ghazni on Thursday has risen to 13, '
        'from 12, a hospital director said. Fighting raged in Kandahar on Friday.')
PLACES = {  # canonical id, lat, lon, province: the gazetteer's ids, so that the capitals are known
    "Ghazni": ("geonames:1141269", 33.55391, 68.42096, "Ghazni"),
    "Kandahar": ("geonames:1138336", 31.61332, 65.71013, "Kandahar"),
    "Khost": ("geonames:1136469", 33.33951, 69.92041, "Khost"),
}


def _span(text: str, words: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words), words)


def _mention(doc: str, text: str, words: str, label: str) -> Mention:
    s = _span(text, words)
    return Mention(doc, s.start, s.end, words, label)


def _sentence(text: str, words: str) -> Span:
    """The sentence of ``text`` that holds ``words``."""
    at = text.index(words)
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.index(".", at) + 1
    return Span(start, end, text[start:end])


def _place(doc: str, text: str, name: str, occurrence: int = 0) -> Entity:
    canonical, lat, lon, province = PLACES[name]
    s = _span(text, name, occurrence)
    return Entity(id=f"{doc}:{name}:{occurrence}", doc_id=doc, type=EntityType.PLACE, name=name,
                  mentions=(Mention(doc, s.start, s.end, name, "GPE"),), lat=lat, lon=lon, canonical_id=canonical,
                  country="AF", admin1=province, feature_level=FeatureLevel.CITY)


def _event(doc: str, text: str, trigger: str, place: Entity, day: dt.date, **fields) -> Event:
    values = {"date_begin": day, "date_end": day, "time_precision": 1, **fields}
    return Event(id=f"{doc}:{trigger}:{place.name}", doc_id=doc, trigger=_span(text, trigger),
                 evidence=_sentence(text, trigger), plover="ASSAULT", location=place.id,
                 location_span=Span(place.mentions[0].start, place.mentions[0].end, place.name), **values)


def extractions() -> list[Extraction]:
    one, two = document_id(GHAZNI), document_id(TOLL)
    thursday, friday = dt.date(2021, 8, 12), dt.date(2021, 8, 13)
    taliban = Entity(id=f"{one}:taliban", doc_id=one, type=EntityType.GROUP, name="Taliban", canonical_id="group:taliban",
                     mentions=(_mention(one, GHAZNI, "Taliban", "ORG"),))
    ghazni, market = _place(one, GHAZNI, "Ghazni"), _place(one, GHAZNI, "Ghazni", 1)
    kandahar, khost = _place(one, GHAZNI, "Kandahar"), _place(one, GHAZNI, "Khost")
    laghmani = Entity(id=f"{one}:laghmani", doc_id=one, type=EntityType.PERSON, name="Daud Laghmani",
                      canonical_id="person:laghmani", mentions=(_mention(one, GHAZNI, "Daud Laghmani", "PERSON"),))
    quote = Quote("q1", one, QuoteKind.DIRECT, _span(GHAZNI, f"The city has fallen {SCRIPT} and we are leaving for "
                                                             "Kabul tonight,"),
                  _span(GHAZNI, "Daud Laghmani"), laghmani.id, "said")
    fanned = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "fatalities": 27,
              "date_begin": dt.date(2021, 8, 9), "time_precision": 2}
    events = (
        _event(one, GHAZNI, "seized", ghazni, thursday, event_type="Battles",
               sub_event_type="Non-state actor overtakes territory", actor=taliban.id),
        _event(one, GHAZNI, "mortar strike", market, thursday, event_type="Explosions/Remote violence",
               sub_event_type="Shelling/artillery/missile attack", fatalities=12),
        # one sentence, two places: its 27 must be counted once in the totals
        *(_event(one, GHAZNI, "were killed", place, thursday, **fanned) for place in (kandahar, khost)),
    )
    toll_ghazni, toll_kandahar = _place(two, TOLL, "Ghazni"), _place(two, TOLL, "Kandahar")
    toll_events = (
        _event(two, TOLL, "mortar rounds", toll_ghazni, thursday, event_type="Explosions/Remote violence",
               sub_event_type="Shelling/artillery/missile attack", fatalities=13),
        _event(two, TOLL, "Fighting", toll_kandahar, friday, event_type="Battles", sub_event_type="Armed clash"),
    )
    first = Document(id=one, text=GHAZNI, title=f"Ghazni falls {SCRIPT}", source="Khyber Wire",
                     published=thursday, published_provenance=DateProvenance.GIVEN, origin="ghazni.txt")
    second = Document(id=two, text=TOLL, title="Ghazni toll rises", source="Pamir Press", published=friday,
                      published_provenance=DateProvenance.GIVEN, origin="toll.txt")
    first_entities = (taliban, ghazni, market, kandahar, khost, laghmani)
    return [Extraction(first, mentions=tuple(m for e in first_entities for m in e.mentions), entities=first_entities,
                       quotes=(quote,), events=events),
            Extraction(second, mentions=tuple(m for e in (toll_ghazni, toll_kandahar) for m in e.mentions),
                       entities=(toll_ghazni, toll_kandahar), events=toll_events)]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "s.duckdb"
    with Store(path) as store:
        store.write_batch((x, signature(shingles(x.document.text))) for x in extractions())
    return path


def _build(path: Path, **options):
    with Store(path, read_only=True) as store:
        situation = load_situation(store, gazetteer=Gazetteer.load())
        documents = load_documents(store)
        texts = {doc: store.document_text(doc) for doc in documents}
        at = options.get("at") or situation.dates()[1]
        quotes = load_quotes(store, options.get("since") or at - dt.timedelta(days=7), at)
    return build_report(situation, documents=documents, quotes=quotes, **options), texts


_FOOTNOTE = re.compile(r"^\[\^(\d+)\]: .*?, doc (\w+), chars (\d+)–(\d+): “(.*)”$", re.MULTILINE)


def _plain(markdown: str) -> str:
    """Markdown-escaped report words back to the words."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def _section(markdown: str, title: str) -> str:
    return markdown.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _check_sources(markdown: str, texts: dict[str, str]) -> set[str]:
    """Every footnote's offsets give its quoted words in its report; returns the footnote numbers."""
    found = {}
    for number, doc, start, end, words in _FOOTNOTE.findall(markdown):
        assert " ".join(texts[doc][int(start):int(end)].split()) == _plain(words), number
        found[number] = doc
    assert found and set(re.findall(r"\[\^(\d+)\](?!:)", markdown)) == set(found)
    return set(found)


def test_markdown_has_every_section_and_sourced_incidents(store_path: Path) -> None:
    report, texts = _build(store_path)
    assert (report.at, report.since) == (dt.date(2021, 8, 13), dt.date(2021, 8, 6))
    text = render_markdown(report)
    for title in ("Headline changes", "Control on 13 August 2021", "Key incidents", "Key statements",
                  "Open contradictions", "Stated counts checked", "Unconfirmed", "Sources"):
        assert f"## {title}" in text
    assert text.startswith("# Afghanistan: situation report, 7–13 August 2021")
    _check_sources(text, texts)
    incidents = [line for line in _section(text, "Key incidents").splitlines() if line.startswith("- ")]
    assert len(incidents) == 5 and all("[^" in line for line in incidents)
    assert "Taliban took Ghazni, capital of Ghazni province, on 12 Aug (1 source)" in text
    assert "**Taliban: 1 of 34 provincial capitals** — Ghazni" in text
    assert "| Ghazni (capital) | Ghazni | held | Taliban | 2021-08-12 |" in text


def test_a_figure_told_once_for_two_places_counts_once(store_path: Path) -> None:
    report, _ = _build(store_path)
    thursday = next(d for d in report.days if d.day == dt.date(2021, 8, 12))
    assert (thursday.fatalities, report.totals[0]) == (13 + 27, 13 + 27)
    shared = [i for i in thursday.items if "27 killed" in i.text]
    assert len(shared) == 2 and all("one figure given for Kandahar, Khost together" in i.text for i in shared)


def test_revised_toll_reads_as_a_revision_with_every_version(store_path: Path) -> None:
    report, _ = _build(store_path)
    dispute = next(d for d in report.disputes if d.heading.tags[0] == "fatalities")
    assert dispute.heading.text == "revised from 12 to 13"
    assert [(v.lead, v.tags) for v in dispute.versions] == [("12", ()), ("13", ("latest", "best-supported"))]
    assert all(v.refs and v.quote for v in dispute.versions)
    assert "Pamir Press, 13 Aug" in dispute.versions[1].text


def test_statements_are_direct_quotes_with_their_speaker(store_path: Path) -> None:
    report, _ = _build(store_path)
    assert [s.lead for s in report.statements] == ["Daud Laghmani"]
    source = report.sources[report.statements[0].refs[0] - 1]
    assert source.text.endswith("said Daud Laghmani")


def test_html_escapes_report_text_and_draws_a_map(store_path: Path) -> None:
    report, _ = _build(store_path)
    page = render_html(report)
    assert SCRIPT not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the quote, its evidence and the title
    svg = re.search(r"<svg.*?</svg>", page, re.DOTALL).group(0)
    assert 'class="legend"' in svg and ">Taliban</text>" in svg and ">incident in the period</text>" in svg
    assert "<circle" in svg and "Ghazni</text>" in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    for number in re.findall(r'href="#src-(\d+)"', page):
        assert f'id="src-{number}"' in page
    assert re.search(r'<a class="ref" href="#src-\d+" title="Khyber Wire, 2021-08-12: GHAZNI, Aug 12 \(Khyber Wire\) - The Taliban', page)
    markdown = render_markdown(report)
    assert SCRIPT not in markdown and "&lt;script&gt;" in markdown


def test_place_filter_keeps_matching_places_or_provinces(store_path: Path) -> None:
    report, _ = _build(store_path, place="kandahar")
    assert {i.text.split(";")[0] for d in report.days for i in d.items} == {"Kandahar"}
    assert [(r.place, r.status) for r in report.control] == [("Kandahar", "contested")]
    assert [h.text for h in report.headlines] == [
        "Fighting for Kandahar (capital of Kandahar province) reported from 13 Aug (1 source)"]
    assert report.title.startswith("Afghanistan — kandahar: situation report") and not report.disputes
    report, _ = _build(store_path, place="GHAZ")
    assert [r.place for r in report.control] == ["Ghazni"] and report.disputes and report.statements
    report, _ = _build(store_path, place="nowhere")
    assert not (report.days or report.control or report.statements or report.sources)


def test_a_period_with_nothing_in_it_says_so(store_path: Path) -> None:
    report, _ = _build(store_path, at=dt.date(2021, 7, 1))
    text = render_markdown(report)
    assert "No change of control reported" in text and "No dated incident in the period" in text
    assert report.sources == () and render_map(report.points) == ""


def test_markdown_escapes_marks_and_html() -> None:
    assert md("a *b* [c](d) <i>") == r"a \*b\* \[c\](d) &lt;i&gt;"
    assert colours([]) == {}


def test_rich_output_shows_words_not_markup(store_path: Path) -> None:
    report, _ = _build(store_path)
    console = Console(record=True, width=200)
    render_rich(report, console)
    out = console.export_text()
    assert "Headline changes" in out and "Daud Laghmani" in out and "[1]" in out
    assert DocInfo("x").outlet is None


# --- on demo reports, through the whole pipeline ---

DEMO = ("2021-08-09_amu-darya-monitor_kondoz-market-strike", "2021-08-10_hindu-kush-herald_farah-pul-e-khumri-lashkar-gah",
        "2021-08-11_kabul-evening-desk_lashkar-gar-holds", "2021-08-11_pamir-press_kunduz-toll-rises",
        "2021-08-12_khyber-wire_ghazni-falls")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitroom.demo import run_demo
    from sitroom.settings import load_settings

    from .conftest import EXAMPLES

    folder = tmp_path_factory.mktemp("demo")
    for name in DEMO:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(EXAMPLES / "reports" / f"{name}{suffix}", folder / f"{name}{suffix}")
    path = folder / "demo.duckdb"
    run_demo(path, corpus=folder, settings=load_settings(env={}))
    return path


@pytest.mark.slow
def test_demo_report_cites_every_sentence_with_exact_offsets(demo_store: Path) -> None:
    report, texts = _build(demo_store)
    text = render_markdown(report)
    _check_sources(text, texts)
    for title in ("Headline changes", "Key incidents", "Open contradictions", "Stated counts checked"):
        items = [line for line in _section(text, title).splitlines() if line.startswith("- ")]
        assert items and all("[^" in line for line in items), title
    assert "revised from 12 to 13" in text  # the Kunduz market toll
    assert "Taliban took Ghazni" in text and "Lashkar Gah" in _section(text, "Open contradictions")
    assert re.search(r"says “nine” .*sitroom counts \d+", text)
    page = render_html(report)
    assert "<svg" in page and "Legend" in page and "<script" not in page
