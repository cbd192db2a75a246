"""The HTTP API of `sitroom serve` (sitroom/web*.py) on the demo store: every endpoint, paging, the one error shape."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from sitroom.settings import load_settings
from sitroom.store import StoreError
from sitroom.web import create_app

pytestmark = pytest.mark.slow

ERROR_SCHEMA = {
    "type": "object", "required": ["error"], "additionalProperties": False,
    "properties": {"error": {
        "type": "object", "required": ["status", "code", "message"], "additionalProperties": False,
        "properties": {
            "status": {"type": "integer"},
            "code": {"enum": ["bad_parameter", "unknown_parameter", "not_found", "method_not_allowed", "store_busy",
                              "store_unavailable", "internal"]},
            "message": {"type": "string", "minLength": 1},
            "parameter": {"type": "string"}}}},
}
LISTS = ("documents", "entities", "events", "timeline", "incidents", "quotes", "quantities", "contradictions")
SQL = "x'; DROP TABLE events; --"


@pytest.fixture(scope="module")
def client(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    # the shared demo store is only read; the search index goes to a folder of this module's own
    index = tmp_path_factory.mktemp("web-index") / "demo.search.sqlite"
    app = create_app(demo_db, settings=load_settings(env={}), index=index)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture()
def own_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo store that a test may lock, touch or serve (never the shared one)."""
    copy = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


def assert_error(response, status: int, code: str, parameter: str | None = None) -> dict:
    body = response.json()
    jsonschema.validate(body, ERROR_SCHEMA)
    assert response.status_code == status == body["error"]["status"]
    assert body["error"]["code"] == code
    assert body["error"].get("parameter") == parameter
    assert response.headers["content-type"].startswith("application/json")
    return body["error"]


def test_meta_describes_the_demo_store(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert meta["documents"] == 19 and meta["events"] > 100 and meta["incidents"] > 10
    assert meta["countries"][0] == "AF"
    assert "Khyber Wire" in meta["sources"]
    assert meta["first_date"] <= "2021-08-06" and meta["last_date"] >= "2021-08-14"
    assert meta["first_date"] >= "2021-08-01"  # an incident of "last month" is background, not the first day


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_with_total_page_and_size(client: TestClient, name: str) -> None:
    first = client.get(f"/api/{name}", params={"size": 1}).json()
    assert set(first) == {"items", "total", "page", "size"} and first["page"] == 1 and first["size"] == 1
    assert first["total"] >= 2 and len(first["items"]) == 1
    second = client.get(f"/api/{name}", params={"size": 1, "page": 2}).json()
    assert second["total"] == first["total"] and second["items"] != first["items"]
    everything = client.get(f"/api/{name}", params={"size": 500}).json()
    assert len(everything["items"]) == min(first["total"], 500)
    beyond = client.get(f"/api/{name}", params={"page": 10**6}).json()
    assert beyond["items"] == [] and beyond["total"] == first["total"]


def test_documents_filter_by_outlet_date_and_words(client: TestClient) -> None:
    khyber = client.get("/api/documents", params={"source": "khyber"}).json()
    assert khyber["total"] >= 2 and all(d["source"] == "Khyber Wire" for d in khyber["items"])
    dated = client.get("/api/documents", params={"since": "2021-08-10", "until": "2021-08-12"}).json()["items"]
    assert dated and all("2021-08-10" <= d["published"] <= "2021-08-12" for d in dated)
    found = client.get("/api/documents", params={"q": "Lashkar"}).json()
    assert found["total"] == client.get("/api/search", params={"q": "Lashkar"}).json()["total"] > 0
    assert set(found["items"][0]) == {"id", "title", "source", "url", "published", "origin", "chars"}


def test_a_document_has_its_text_and_spans_on_its_words(client: TestClient) -> None:
    doc_id = client.get("/api/documents", params={"size": 1}).json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert isinstance(doc["text"], str) and len(doc["text"]) == doc["chars"]
    kinds = {span["kind"] for span in doc["spans"]}
    assert {"place", "actor", "timex", "quote", "event"} <= kinds
    assert kinds <= {"place", "actor", "person", "organization", "timex", "quantity", "quote", "event"}
    for span in doc["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(doc["text"]) and span["ref"]
    zaranj = [s for s in doc["spans"] if s["kind"] == "place" and s["label"] == "Zaranj"]
    assert zaranj and doc["text"][zaranj[0]["start"]:zaranj[0]["end"]] == "Zaranj"


def test_search_finds_lashkar_with_highlight_offsets_into_the_snippet(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Lashkar"}).json()
    assert found["total"] >= 3
    for hit in found["items"]:
        assert hit["highlights"] and "<" not in hit["snippet"]
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].lower().startswith("lashkar")
    phrase = client.get("/api/search", params={"q": '"Lashkar Gah"', "since": "2021-08-13"}).json()
    assert 0 < phrase["total"] < found["total"]
    assert all(hit["published"] >= "2021-08-13" for hit in phrase["items"])


@pytest.mark.parametrize("words", ['NEAR(', 'AND OR NOT', '"unbalanced', 'Kandah*', "a:b (c) {d} ^e -f +g", SQL])
def test_search_operators_in_the_words_never_break_it(client: TestClient, words: str) -> None:
    response = client.get("/api/search", params={"q": words})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("words", ['"', "*", "()", " "])
def test_search_for_no_words_finds_nothing(client: TestClient, words: str) -> None:
    assert client.get("/api/search", params={"q": words}).json()["total"] == 0
    documents = client.get("/api/documents", params={"q": words}).json()["total"]
    assert documents == (19 if words.isspace() else 0)  # a blank search box filters nothing


def test_entities_by_type_and_name(client: TestClient) -> None:
    places = client.get("/api/entities", params={"type": "place", "name": "kondoz"}).json()["items"]
    assert [p["name"] for p in places] == ["Kunduz"] and places[0]["canonical_id"] == "geonames:1135689"


def test_events_filters_combine(client: TestClient) -> None:
    kunduz = client.get("/api/events", params={"place": "Kunduz", "size": 500}).json()
    assert kunduz["total"] > 3
    by_id = client.get("/api/events", params={"place": "geonames:1135689", "size": 500}).json()
    assert {e["id"] for e in by_id["items"]} <= {e["id"] for e in kunduz["items"]} and by_id["total"]
    claimed = client.get("/api/events", params={"modality": "claimed", "type": "ASSAULT", "size": 500}).json()
    assert claimed["items"] and all(e["modality"] == "claimed" and e["plover"] == "ASSAULT" for e in claimed["items"])
    two = client.get("/api/events", params=[("modality", "planned"), ("modality", "negated")]).json()["items"]
    assert {e["modality"] for e in two} <= {"planned", "negated"}


def test_timeline_holds_only_what_happened(client: TestClient) -> None:
    rows = client.get("/api/timeline", params={"since": "2021-08-06", "size": 500}).json()["items"]
    assert rows and {e["modality"] for e in rows} <= {"asserted", "claimed"}
    assert client.get("/api/timeline", params={"modality": "planned"}).json()["total"] == 0


def test_incidents_at_kunduz_list_the_market_strike_with_its_words(client: TestClient) -> None:
    items = client.get("/api/incidents", params={"place": "Kunduz"}).json()["items"]
    strike = next(i for i in items if i["sub_event_type"] == "Shelling/artillery/missile attack")
    assert strike["sources"] >= 2 and strike["fatalities"] >= 12
    texts = " ".join(e["text"] for e in strike["evidence"])
    assert "vegetable market" in texts
    for evidence in strike["evidence"]:
        assert set(evidence) == {"doc_id", "start", "end", "text", "published", "outlet"}
        document = client.get(f"/api/documents/{evidence['doc_id']}").json()
        assert document["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    taken = client.get("/api/incidents", params={"kind": "territory", "actor": "Taliban", "until": "2021-08-07"})
    assert taken.json()["items"] and all(i["kind"] == "territory" for i in taken.json()["items"])


def test_quotes_quantities_and_contradictions(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Mujahid"}).json()["items"]
    assert quotes and all("Mujahid" in q["speaker"] for q in quotes)
    killed = client.get("/api/quantities", params={"kind": "killed"}).json()["items"]
    assert killed and all(q["kind"] == "killed" for q in killed)
    assert all(q["text"] in q["source"]["evidence"] for q in killed)
    disputes = client.get("/api/contradictions", params={"place": "Kunduz"}).json()["items"]
    assert [d["kind"] for d in disputes] == ["fatalities"] and len(disputes[0]["claims"]) >= 2


def test_situation_on_14_august_has_kunduz_ghazni_and_herat_held_by_the_taliban(client: TestClient) -> None:
    found = client.get("/api/situation", params={"at": "2021-08-14", "country": "af"}).json()
    assert found["at"] == "2021-08-14"
    held = {p["place_name"]: p for p in found["places"]}
    for city in ("Kunduz", "Ghazni", "Herat"):
        assert held[city]["status"] == "held" and held[city]["holder_name"] == "Taliban"
    assert found["capitals"]["total"] == 34 and found["capitals"]["by_holder"]["Taliban"] >= 10
    default = client.get("/api/situation").json()
    assert default["at"] == client.get("/api/meta").json()["last_date"]
    assert client.get("/api/situation", params={"country": "NO"}).json()["places"] == []


def test_export_is_a_file_download(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "geojson", "place": "Kunduz"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.json()["type"] == "FeatureCollection"
    assert_error(client.get("/api/export", params={"format": "docx"}), 400, "bad_parameter", "format")
    assert_error(client.get("/api/export", params={"format": "jsonl", "country": "ZZ"}), 400, "bad_parameter",
                 "country")


@pytest.mark.parametrize(("url", "status", "code", "parameter"), [
    ("/api/events?colour=red", 400, "unknown_parameter", "colour"),
    ("/api/situation?at=2021-08-14&plce=Kunduz", 400, "unknown_parameter", "plce"),
    ("/api/events?since=yesterday", 400, "bad_parameter", "since"),
    ("/api/situation?at=2021-02-30", 400, "bad_parameter", "at"),
    (f"/api/events?size={10**9}", 400, "bad_parameter", "size"),
    ("/api/quotes?size=0", 400, "bad_parameter", "size"),
    ("/api/documents?page=0", 400, "bad_parameter", "page"),
    ("/api/entities?page=1.5", 400, "bad_parameter", "page"),
    ("/api/entities?type=CITY", 400, "bad_parameter", "type"),
    ("/api/events?modality=rumoured", 400, "bad_parameter", "modality"),
    ("/api/incidents?kind=war", 400, "bad_parameter", "kind"),
    ("/api/search", 400, "bad_parameter", "q"),
    ("/api/documents/0000000000", 404, "not_found", "doc_id"),
    ("/api/nothing-here", 404, "not_found", None),
    ("/static/nothing-here.js", 404, "not_found", None),
])
def test_every_error_has_the_one_shape(client: TestClient, url: str, status: int, code: str,
                                       parameter: str | None) -> None:
    error = assert_error(client.get(url), status, code, parameter)
    if parameter:
        assert error["message"].startswith(parameter + ":")


def test_the_message_of_a_bad_date_names_it_and_the_format(client: TestClient) -> None:
    error = assert_error(client.get("/api/events", params={"since": "yesterday"}), 400, "bad_parameter", "since")
    assert error["message"] == "since: not a date (YYYY-MM-DD): 'yesterday'"


def test_a_post_on_a_get_route_is_405_naming_the_allowed_method(client: TestClient) -> None:
    response = client.post("/api/meta")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


@pytest.mark.parametrize("path", ["/api/events?place={}", "/api/incidents?place={}", "/api/documents?source={}",
                                  "/api/entities?name={}", "/api/quotes?speaker={}", "/api/quantities?doc_id={}",
                                  "/api/documents/{}"])
def test_sql_in_a_filter_is_only_words_that_match_nothing(client: TestClient, path: str) -> None:
    events = client.get("/api/meta").json()["events"]
    response = client.get(path.format(SQL))
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert client.get("/api/meta").json()["events"] == events


@pytest.mark.parametrize("path", ["/", "/api/meta", "/api/nothing-here", "/docs", "/openapi.json"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "unsafe-eval" not in policy


def test_the_page_and_the_docs_answer(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs/init.js" in docs.text and "<script>" not in docs.text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text and "http" not in docs.text  # offline
    assert "/openapi.json" in client.get("/docs/init.js").text
    schema = client.get("/openapi.json").json()
    assert {"/api/meta", "/api/search", "/api/export", "/api/documents/{doc_id}"} <= set(schema["paths"])
    for operations in schema["paths"].values():
        assert {"400", "404", "500", "503"} <= set(operations["get"]["responses"])
        assert "422" not in operations["get"]["responses"]


def test_a_bug_is_a_500_in_the_same_shape(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store):
        raise RuntimeError("a bug")

    monkeypatch.setattr("sitroom.evidence.overview", broken)
    response = client.get("/api/meta")
    error = assert_error(response, 500, "internal")
    assert "a bug" not in error["message"] and response.headers["x-content-type-options"] == "nosniff"


def test_a_store_held_by_an_ingest_is_503_with_retry_after(own_copy: Path, tmp_path: Path) -> None:
    app = create_app(own_copy, settings=load_settings(env={}), store_wait=0.3, index=tmp_path / "index.sqlite")
    with TestClient(app) as client:
        assert client.get("/api/events", params={"size": 1}).status_code == 200
        hold = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()"
        holder = subprocess.Popen(  # a writer, as `sitroom ingest` is: DuckDB lets no reader beside it
            [sys.executable, "-c", hold, str(own_copy)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"
            response = client.get("/api/events", params={"size": 1})
            assert_error(response, 503, "store_busy")
            assert int(response.headers["retry-after"]) > 0
        finally:
            holder.stdin.close()
            holder.wait(timeout=30)
        assert client.get("/api/events", params={"size": 1}).status_code == 200


def test_the_situation_is_derived_again_only_when_the_store_changes(own_copy: Path, tmp_path: Path) -> None:
    app = create_app(own_copy, settings=load_settings(env={}), index=tmp_path / "index.sqlite")
    service = app.state.service
    with TestClient(app) as client:
        client.get("/api/incidents")
        first = service._derived
        client.get("/api/situation")
        assert service._derived is first
        stat = own_copy.stat()
        os.utime(own_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        client.get("/api/contradictions")
        assert service._derived is not first and service._derived.situation.incidents == first.situation.incidents


def test_a_missing_store_is_one_line_at_start_up(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitroom.cli import app

    with pytest.raises(StoreError, match="no store at"):
        create_app(tmp_path / "missing.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "no store at" in result.output and "Traceback" not in result.output


def _listening_on(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (Linux /proc/net/tcp, hex little-endian)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_sitroom_serve_answers_as_a_real_process_on_localhost_only(own_copy: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sitroom", "serve", "--db", str(own_copy), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "SITROOM_CONFIG": str(own_copy.parent / "none.toml")})
    try:
        deadline, body = time.monotonic() + 60, None
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/meta", timeout=5) as response:
                    body = response.read().decode()
            except OSError:
                time.sleep(0.3)
        assert body is not None, server.stdout.read() if server.poll() is not None else "no answer in 60 s"
        assert re.search(r'"documents":\s*19', body)
        if Path("/proc/net/tcp").is_file():
            assert _listening_on(port) == {"127.0.0.1"}
    finally:
        server.terminate()
        server.wait(timeout=30)
