"""The web page in a real browser: Debian's chromium driven by playwright, over `sitroom.web.create_app` served
by uvicorn on 127.0.0.1 (never `playwright install`: it downloads a browser and fails offline).

The page must load everything from its own server, recolour the map as the day changes, list a town's
incidents with their words, show report text as text (no markup from a report ever runs), and look like a
product: a screenshot of it goes to test-artifacts/sitroom-map.png.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Self
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
VENDOR = ROOT / "src" / "sitroom" / "static" / "vendor"
ARTIFACT = ROOT / "test-artifacts" / "sitroom-map.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
LOCAL_HOSTS = {"127.0.0.1"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`create_app(db)` served by uvicorn in a background thread on 127.0.0.1 and a free port."""

    def __init__(self, db: Path, index: Path) -> None:
        import uvicorn

        from sitroom.settings import load_settings
        from sitroom.web import create_app

        # The search index goes to its own folder so that the shared demo store's folder is only read.
        app = create_app(db, settings=load_settings(env={}), index=index)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.skip(f"no browser at {CHROMIUM} (apt-get install -y chromium, as root)")
    if not (VENDOR / "manifest.json").is_file():
        pytest.skip(f"the page's vendored files are not built in {VENDOR}: run `make assets`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo_site(browser, demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with Served(demo_db, tmp_path_factory.mktemp("demo-index") / "search.sqlite") as served:
        yield served


class Watched:
    """A page whose requests, console errors and dialogs are recorded; requests off 127.0.0.1 are aborted."""

    def __init__(self, browser, *, width: int = 1500, height: int = 950) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.page.route("**/*", lambda route: route.continue_() if self.local(route.request.url) else route.abort())

    @staticmethod
    def local(url: str) -> bool:
        parsed = urlparse(url)
        return parsed.scheme in ("data", "blob") or parsed.hostname in LOCAL_HOSTS

    def open(self, url: str, at: str | None = None) -> None:
        self.page.goto(url)
        self.ready(at)

    def ready(self, at: str | None = None) -> None:
        """Wait until the page has drawn the day ``at`` (any day when None)."""
        selector = f'body[data-ready="{at}"]' if at else 'body[data-ready^="2"]'
        self.page.wait_for_selector(selector, state="attached", timeout=30_000)

    def marker(self, name: str) -> dict[str, str]:
        """The map marker of a place: its status, holder and colour on the day shown."""
        return self.page.eval_on_selector(f'path[data-place="{name}"]', "el => ({...el.dataset})")

    def close(self) -> None:
        self.page.close()


@pytest.fixture()
def watched(browser) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.close()


def test_page_loads_everything_from_its_own_server_without_errors(demo_site: Served, watched: Watched) -> None:
    watched.open(demo_site.url + "/")
    watched.page.wait_for_load_state("networkidle")
    outside = [u for u in watched.requests if not watched.local(u)]
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert watched.errors == []
    assert any("/static/vendor/leaflet/leaflet.js" in u for u in watched.requests)
    assert any("/static/vendor/admin1/afg.json" in u for u in watched.requests)
    assert watched.page.locator("path[data-place]").count() >= 10
    assert watched.page.locator(".legend").inner_text().startswith("Control on")
    assert "#at=" in watched.page.url  # the state is in the URL
    assert watched.page.locator("#notices .notice").count() == 0


def test_moving_the_slider_recolours_the_captured_capitals(demo_site: Served, watched: Watched) -> None:
    watched.open(demo_site.url + "/#at=2021-08-08", at="2021-08-08")
    captured = ["Ghazni", "Herat", "Kandahar", "Mazar-i-Sharif"]
    before = {name: watched.marker(name) for name in [*captured, "Kunduz"]}
    legend_before = watched.page.locator(".legend").inner_text()
    slider = watched.page.locator("#day-slider")
    slider.focus()
    for _ in range(6):
        watched.page.keyboard.press("ArrowRight")
    watched.ready("2021-08-14")
    after = {name: watched.marker(name) for name in [*captured, "Kunduz"]}
    taliban = after["Kunduz"]["colour"]
    assert before["Kunduz"]["holder"] == after["Kunduz"]["holder"] == "Taliban"  # taken on the 8th already
    for name in captured:
        assert before[name]["holder"] != "Taliban", name
        assert (after[name]["status"], after[name]["holder"], after[name]["colour"]) == ("held", "Taliban", taliban)
        assert before[name]["colour"] != after[name]["colour"], name
    assert "at=2021-08-14" in watched.page.url
    assert "14 Aug 2021" in watched.page.locator("#current-date").inner_text()
    count = re.compile(r"Taliban\s+(\d+) of (\d+) capitals")
    assert int(count.search(watched.page.locator(".legend").inner_text())[1]) > int(count.search(legend_before)[1])
    watched.page.click("#prev-day")
    watched.ready("2021-08-13")
    assert watched.marker("Mazar-i-Sharif")["holder"] != "Taliban"  # it fell on the 14th
    assert watched.errors == []


def test_clicking_a_town_lists_its_incidents_with_their_words(demo_site: Served, watched: Watched) -> None:
    watched.open(demo_site.url + "/#at=2021-08-11", at="2021-08-11")
    watched.page.click('path[data-place="Kunduz"]')
    watched.page.wait_for_selector(".focus-name")
    watched.ready("2021-08-11")
    assert watched.page.locator(".focus-name").inner_text() == "Kunduz"
    assert "place=" in watched.page.url
    incidents = watched.page.locator("#incidents .incident")
    text = watched.page.locator("#incidents").inner_text()
    assert incidents.count() >= 2
    assert all(n == "Kunduz" for n in incidents.evaluate_all("els => els.map(e => e.dataset.place)"))
    assert "overtakes territory" in text  # the capture
    assert "mortar" in text and "vegetable market" in text  # the market strike, in the reports' words
    assert "Amu Darya Monitor" in text and "Pamir Press Agency" in text  # the outlets
    # The words open their report, scrolled to the cited span.
    watched.page.locator("#incidents button.cite", has_text="has risen to 13").first.click()
    cited = watched.page.locator("#document .doc-text mark.cited").first
    cited.wait_for()
    assert "has risen to 13" in cited.inner_text()
    assert "Kunduz market strike toll rises" in watched.page.locator(".doc-title").inner_text()
    assert "Pamir Press Agency" in watched.page.locator("#document .byline").first.inner_text()
    watched.page.wait_for_function("() => { const r = document.querySelector('#document .doc-text mark.cited')"
                                   ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert watched.errors == []


def test_contradictions_panel_marks_the_latest_version(demo_site: Served, watched: Watched) -> None:
    watched.open(demo_site.url + "/#at=2021-08-12&tab=contradictions", at="2021-08-12")
    panel = watched.page.locator("#contradictions")
    text = panel.inner_text()
    assert "Lashkar Gah" in text and "Kunduz" in text
    toll = panel.locator(".contradiction", has_text="has risen to 13")
    assert "revised figure" in toll.inner_text()
    assert "13" in toll.locator(".claim", has=watched.page.locator(".badge.latest")).inner_text()
    assert watched.errors == []


def test_missing_map_files_and_api_errors_are_said_in_the_page(demo_site: Served, watched: Watched) -> None:
    watched.page.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="not found"))
    watched.open(demo_site.url + "/#at=2021-08-14", at="2021-08-14")
    assert "make assets" in watched.page.locator("#notices").inner_text()
    assert watched.page.locator("#incidents .incident").count() > 0  # the lists work without the map
    busy = {"error": {"status": 503, "code": "store_busy", "message": "an ingest holds the store"}}
    watched.page.route("**/api/search?*", lambda route: route.fulfill(
        status=503, content_type="application/json", body=json.dumps(busy)))
    watched.page.fill("#search-q", "mortar")
    watched.page.press("#search-q", "Enter")
    notice = watched.page.locator("#notices .notice", has_text="store_busy")
    notice.wait_for()
    assert "an ingest holds the store" in notice.inner_text()


@pytest.fixture(scope="module")
def xss_site(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A store of one report whose text and title carry markup, ingested for this test alone."""
    from sitroom.ingest import ingest
    from sitroom.settings import load_settings
    from sitroom.store import Store

    folder = tmp_path_factory.mktemp("xss")
    report = folder / "2021-08-09_markup.txt"
    report.write_text(f"Taliban fighters captured Kunduz on Monday.\n\nA reader wrote {XSS} in the comments.\n",
                      encoding="utf-8")
    report.with_suffix(".meta.json").write_text(json.dumps({
        "title": f"Markup test {XSS}", "source": "Test Desk", "url": "javascript:alert(1)",
        "published": "2021-08-09"}), encoding="utf-8")
    db = folder / "xss.duckdb"
    with Store(db) as store:
        summary = ingest([str(report)], store=store, settings=load_settings(env={}))
    assert summary.ingested == 1
    with Served(db, folder / "search.sqlite") as served:
        yield served


def _nothing_ran(watched: Watched) -> None:
    assert watched.dialogs == []
    assert watched.page.locator("img[src='x']").count() == 0
    assert watched.page.locator("#document script, #search-results script, .doc-title img").count() == 0
    assert not [u for u in watched.requests if urlparse(u).path == "/x"]
    assert not [e for e in watched.errors if "Content Security Policy" not in e], watched.errors


def test_report_markup_is_shown_as_text_and_never_runs(xss_site: Served, watched: Watched) -> None:
    doc_id = json.loads(watched.page.request.get(xss_site.url + "/api/documents").text())["items"][0]["id"]
    watched.open(f"{xss_site.url}/#tab=document&doc={doc_id}")
    body = watched.page.locator("#document .doc-text")
    body.wait_for()
    assert XSS in body.inner_text()
    assert XSS in watched.page.locator(".doc-title").inner_text()
    assert watched.page.locator("#document a[href^='javascript']").count() == 0
    _nothing_ran(watched)
    # The same words through full-text search: the snippet is text, the match a <mark>.
    watched.page.fill("#search-q", "comments")
    watched.page.press("#search-q", "Enter")
    result = watched.page.locator("#search-results .result").first
    result.wait_for()
    assert XSS in result.locator("h4").inner_text()
    assert "comments" in result.locator(".snippet mark").first.inner_text()
    assert "onerror" in result.locator(".snippet").inner_text()
    result.locator("h4 button").click()
    watched.page.locator("#document .doc-text mark.cited").first.wait_for()
    assert XSS in watched.page.locator("#document .doc-text").inner_text()
    watched.page.wait_for_timeout(300)  # give an injected handler the time to fire, if one had got in
    _nothing_ran(watched)


def test_screenshot_of_the_situation_on_14_august(demo_site: Served, browser) -> None:
    page = Watched(browser, width=1600, height=1000)
    try:
        page.open(demo_site.url + "/#at=2021-08-14", at="2021-08-14")
        page.page.wait_for_load_state("networkidle")
        page.page.wait_for_timeout(300)  # let Leaflet finish its zoom animation before the picture
        assert "Saturday 14 Aug 2021" in page.page.locator("#current-date").inner_text()
        assert re.search(r"Taliban\s+\d+ of \d+ capitals", page.page.locator(".legend").inner_text())
        assert "Khyber Wire" in page.page.locator("#sources").inner_text()
        assert page.page.locator(".place-label", has_text="Kandahar").is_visible()
        ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(ARTIFACT), full_page=True)
        assert ARTIFACT.stat().st_size > 50_000
        assert page.errors == []
    finally:
        page.close()
