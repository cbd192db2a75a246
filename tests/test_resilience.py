"""Resilience: fuzzed text through extract, fuzzed files through ingest, no network at run time, one writer.

The interrupted-ingest test (kill -9 mid-run, rerun, each document stored once) lives in test_ingest.py.
Fuzz tests are property-based (hypothesis): when one fails, hypothesis prints the smallest input that breaks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.contract import to_dict
from sitroom.ids import document_id
from sitroom.lexicons import read_text
from sitroom.model import Extraction, Mention, Span
from sitroom.settings import load_settings
from sitroom.store import Store

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "examples" / "reports"
SETTINGS = load_settings(env={})


def fuzz(examples: int) -> settings:
    """Hypothesis settings of a bounded fuzz test (spaCy is slow next to hypothesis' expectations)."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- fuzzing extract ---------------------------------------------------------------------------------------------

ASTRAL = "𝕂😀🇦🇫🧕𐍈\U0010fffd"
RTL = "كابل طالبان هرات שלום \u202e\u202c\u200f\u061c"
COMBINING = "\u0301\u0308\u0327\u20dd\u0489\u1ab0"
CONTROLS = "".join(map(chr, range(32))) + "\x7f\x85\u2028\u2029\ufeff\u200b\u200d"
QUOTE_MARKS = "\"“”‘’'«»„‹›「」"
WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
WORDS = ("Kabul", "-", "KABUL, Aug 9 (Reuters) -", "Taliban", "fighters", "took", "Kunduz", "on", "Sunday", "killed",
         "12", "people", "said", "officials", "the", "army", "attacked", "Herat", "two", "dozens", "wounded", "told",
         "AFP", "last week", "in", "province", "Ghazni", "near", "1,500", "families", "fled", "We", "will", "fight",
         "Zabihullah Mujahid", "spokesman", "at least", "between 10 and 15", "yesterday", "US", "troops", ".", ",")
ODD = ASTRAL + RTL + COMBINING + CONTROLS + QUOTE_MARKS
published_dates = st.one_of(st.none(), st.dates())
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=6))
report_like = st.lists(st.tuples(pieces, st.sampled_from([" ", " ", "", "\n", ". ", ", ", "\n\n"])), max_size=120).map(
    lambda parts: "".join(word + gap for word, gap in parts))


def spans(record: Any, where: str = "extraction") -> Iterator[tuple[str, int, int, str]]:
    """Every (where, start, end, text) of the spans and mentions in a record tree."""
    if isinstance(record, Span | Mention):
        yield where, record.start, record.end, record.text
    if dataclasses.is_dataclass(record):
        for field in dataclasses.fields(record):
            yield from spans(getattr(record, field.name), f"{where}.{field.name}")
    elif isinstance(record, tuple):
        for index, item in enumerate(record):
            yield from spans(item, f"{where}[{index}]")


@pytest.fixture(scope="module")
def contract_validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(read_text("extract.schema.json")))


def check_extraction(text: str, published: Any, validator: Any) -> Extraction:
    """Extract ``text`` and check what every extraction must be, whatever the input."""
    from sitroom.extraction import extract

    result = extract(text, published=published, settings=SETTINGS)
    assert result.errors == ()  # a stage that raised: the runner kept going, but the stage has a bug
    assert result.document.text == text
    for where, start, end, span_text in spans(result):
        assert 0 <= start <= end <= len(text) and text[start:end] == span_text, where
    assert all(0 <= s.start <= s.end <= len(text) for s in result.sentences)
    contract = to_dict(result)
    validator.validate(contract)
    json.dumps(contract, ensure_ascii=False, allow_nan=False)  # strict JSON: no NaN or Infinity
    return result


@pytest.mark.slow
@fuzz(60)
@given(text=st.text(max_size=1_000), published=published_dates)
def test_any_unicode_text_extracts_cleanly(nlp, contract_validator, text: str, published: Any) -> None:
    check_extraction(text, published, contract_validator)


@pytest.mark.slow
@fuzz(60)
@given(text=report_like, published=published_dates)
def test_report_like_text_with_astral_rtl_combining_and_control_characters(nlp, contract_validator, text: str,
                                                                            published: Any) -> None:
    check_extraction(text, published, contract_validator)


@pytest.mark.slow
@fuzz(50)
@given(st.lists(st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(WORDS)), max_size=40))
def test_unbalanced_and_odd_quote_marks(nlp, contract_validator, words: list[str]) -> None:
    check_extraction(" ".join(words), "2021-08-09", contract_validator)


LINEAR = ["a", "9", "ك", "\u0301", "-", "1,0", "1,,", "1.", "\x00", "Kabul", "\n"]
# spaCy's tokenizer is quadratic in a run of prefix/suffix characters (quotes, emoji, brackets): a 100,000-character
# run of them takes over a minute, so those runs are fuzzed at 1,000 characters.
AFFIXES = ["😀", '"', "“", "'s", "(", " .", "1 ", "a-"]


@pytest.mark.slow
@fuzz(16)
@given(st.one_of(st.builds(lambda piece: (piece * 100_000)[:100_000], st.sampled_from(LINEAR)),
                 st.builds(lambda piece: (piece * 1_000)[:1_000], st.sampled_from(AFFIXES))))
def test_huge_token(nlp, contract_validator, token: str) -> None:
    check_extraction(f"Kabul - {token} people were killed in Kunduz on Monday, officials said.", "2021-08-09",
                     contract_validator)


@pytest.mark.slow
@fuzz(4)
@given(words=st.lists(st.sampled_from([w for w in WORDS if w not in (".", ",")]), min_size=5, max_size=40),
       chars=st.integers(8_000, 16_000))
def test_very_long_line(nlp, contract_validator, words: list[str], chars: int) -> None:
    line = " ".join(words)
    check_extraction((line + " ") * (chars // (len(line) + 1) + 1), "2021-08-09", contract_validator)


@pytest.mark.slow
@fuzz(40)
@given(st.text(alphabet=WHITESPACE, max_size=40))
def test_empty_and_whitespace_only_text_yields_nothing(nlp, contract_validator, text: str) -> None:
    result = check_extraction(text, None, contract_validator)
    assert (result.entities, result.timexes, result.quantities, result.quotes, result.events) == ((),) * 5


# --- fuzzing ingest ----------------------------------------------------------------------------------------------

GOOD = "KABUL, Aug 9 (Khyber Wire) - Taliban fighters took Aybak, the capital of Samangan province, on Monday."
SMALL = dataclasses.replace(SETTINGS, max_bytes=2048)
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".pdf", "")
jsonl_lines = st.one_of(
    st.builds(lambda text: json.dumps({"text": text}), st.text(max_size=80)),
    st.builds(lambda record: json.dumps(record), st.dictionaries(st.sampled_from(["text", "title", "published", "id"]),
                                                                 st.one_of(st.none(), st.integers(), st.text(max_size=20)))),
    st.text(max_size=60),
)
junk_bytes = st.one_of(
    st.binary(max_size=3_000),
    st.builds(lambda cut, tail: GOOD.encode()[:cut] + tail, st.integers(0, len(GOOD)), st.binary(max_size=40)),
    st.builds(lambda cut: b"<html><head><title>x</title></head><body><article><p>" + GOOD.encode()[:cut],
              st.integers(0, len(GOOD))),
    st.lists(jsonl_lines, max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
)


def ingest_folder(folder: Path, store: Store) -> tuple[Any, set[str]]:
    """Ingest ``folder`` into ``store``; also return the origin of every item the run reported."""
    from sitroom.ingest import ingest

    seen: set[str] = set()
    summary = ingest([str(folder)], store=store, settings=SMALL, on_item=lambda origin, item: seen.add(origin))
    return summary, seen


@pytest.mark.slow
@fuzz(25)
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), junk_bytes), min_size=1, max_size=4))
def test_junk_files_never_stop_ingest_and_are_recorded(nlp, files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as name, Store(":memory:") as store:
        folder = Path(name)
        (folder / "0_good.txt").write_text(GOOD, encoding="utf-8")
        paths = [folder / "0_good.txt"]
        for number, (suffix, data) in enumerate(files):
            paths.append(folder / f"junk_{number}{suffix}")
            paths[-1].write_bytes(data)
        summary, seen = ingest_folder(folder, store)
        assert store.has_document(document_id(GOOD))
        for rejection in summary.rejected:
            assert rejection.reason.strip() and "\n" not in rejection.reason, rejection
        recorded = {(r["origin"], r["line"], r["reason"]) for r in store.rejections()}
        assert recorded == {(r.origin, r.line, r.reason) for r in summary.rejected}
        for path in paths:  # every file was read and accounted for: stored, linked, already stored or rejected
            assert any(origin == str(path) or origin.startswith(f"{path}:") for origin in seen), path
        counts = store.counts()
        again, _ = ingest_folder(folder, store)
        assert (again.ingested, len(again.duplicates)) == (0, 0)
        assert store.counts() == counts


@pytest.mark.slow
def test_named_bad_inputs_are_rejected_with_one_line_reasons(nlp, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    files: dict[str, bytes] = {
        "good.txt": GOOD.encode(),
        "toll.txt": b"Kabul - 5,000,000,000 people were killed in Kunduz on Monday, officials said.",
        "digits.txt": b"Herat - " + b"9" * 400 + b" fighters were wounded in clashes near the airport.",
        "nul-in-json.jsonl": json.dumps({"text": "Herat\u0000 - the Taliban took Herat on Friday."}).encode(),
        "latin1.txt": "Kaboul - les talibans ont pris Hérat.".encode("latin-1"),
        "binary.txt": bytes(range(256)) * 8,
        "truncated.html": b"<html><head><title>Herat</title></head><body><article><p>Lashkar Gah - the Taliban took "
                          b"the city on Friday after weeks of fighting, officials",
        "menu.html": b"<html><body><nav>Home | World</nav>",
        "feed.jsonl": b'{"text": "Kandahar fell to the Taliban on Friday."}\n{oops\n[1, 2]\n{"text": ""}\n',
        "surrogate.jsonl": b'{"text": "Kabul \\ud800 fell."}\n',
        "deep.json": b"[" * 100_000,
        "deep.jsonl": b"{\"text\": " + b"[" * 100_000 + b"\n",
        "huge.txt": b"Kabul - the Taliban took Herat. " * 40_000,  # 1.3 MB, over the default 1 MB limit
        "scan.pdf": b"%PDF-1.4",
        "empty.md": b"",
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    db = tmp_path / "s.duckdb"
    from sitroom.ingest import ingest

    with Store(db) as store:
        summary = ingest([str(inputs)], store=store, settings=SETTINGS)
        assert summary.errors == ()
        stored = {Path(row[0].split(":")[0]).name for row in store.query("SELECT origin FROM documents")}
        assert stored == {"good.txt", "toll.txt", "digits.txt", "nul-in-json.jsonl", "feed.jsonl", "truncated.html"}
        assert store.query("SELECT fatalities FROM events WHERE fatalities > 1000000") == []
        reasons = {(Path(r["origin"]).name, r["line"]): r["reason"] for r in store.rejections()}
        assert all("\n" not in reason for reason in reasons.values())
        assert set(reasons) == {("latin1.txt", None), ("binary.txt", None), ("menu.html", None),
                                ("feed.jsonl", 2), ("feed.jsonl", 3), ("feed.jsonl", 4), ("surrogate.jsonl", 1),
                                ("deep.json", None), ("deep.jsonl", 1), ("huge.txt", None), ("scan.pdf", None),
                                ("empty.md", None)}
        assert "surrogate" in reasons["surrogate.jsonl", 1] and "nested too deeply" in reasons["deep.json", None]
        assert "max-bytes" in reasons["huge.txt", None] and "cp1252" in reasons["latin1.txt", None]
        counts = store.counts()
        again = ingest([str(inputs)], store=store, settings=SETTINGS)
        assert (again.ingested, again.already_stored, store.counts()) == (0, 6, counts)


# --- no network at run time --------------------------------------------------------------------------------------

# Runs sitroom commands in one process with an audit hook that refuses (and reports) any name lookup or socket
# connection to a host that is not loopback: Python-level networking cannot happen unseen.
GUARD = r"""
import json, socket, sys

def loopback(host):
    host = host.decode() if isinstance(host, bytes) else str(host)
    return host in ("localhost", "::1", "", "None") or host.startswith("127.")

def hook(event, args):
    if event in ("socket.connect", "socket.sendto"):
        if args[0].family == socket.AF_UNIX:
            return
        host = args[1][0]
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
                   "http.client.connect"):
        host = args[1] if event == "http.client.connect" else args[0]
    elif event == "urllib.Request":
        host = args[0].split("/")[2] if "://" in args[0] else args[0]
    else:
        return
    if not loopback(host):
        sys.stderr.write(f"BLOCKED NETWORK {event} {host!r}\n")
        raise OSError(f"network blocked by the test: {event} {host!r}")

sys.addaudithook(hook)
"""
BOOTSTRAP = GUARD + r"""
from sitroom.cli import main
codes = []
for argv in json.loads(sys.argv[1]):
    sys.argv = ["sitroom", *argv]
    try:
        main()
    except SystemExit as done:
        codes.append(done.code)
print("EXIT CODES", json.dumps(codes))
"""


@pytest.mark.slow
def test_the_network_guard_refuses_remote_hosts_and_lets_loopback_through() -> None:
    probe = GUARD + r"""
server = socket.create_server(("127.0.0.1", 0))
socket.create_connection(server.getsockname(), timeout=5).close()
for attempt in (lambda: socket.create_connection(("example.org", 80), timeout=0.01),
                lambda: socket.socket().connect(("192.0.2.1", 80))):  # TEST-NET-1: never routed
    try:
        attempt()
    except OSError as error:
        print("refused:", error)
"""
    done = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["refused: network blocked by the test: socket.getaddrinfo 'example.org'",
                                        "refused: network blocked by the test: socket.connect '192.0.2.1'"]
    assert done.stderr.count("BLOCKED NETWORK") == 2


def _strace() -> list[str]:
    """A strace prefix that logs the process tree's connect/send calls, if strace can run here; else nothing."""
    if shutil.which("strace") is None:
        return []
    probe = ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "-o", os.devnull, "true"]
    if subprocess.run(probe, check=False, capture_output=True).returncode != 0:  # no ptrace in this container
        return []
    return ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg"]


_ADDRESS = re.compile(r'sa_family=AF_INET6?, .*?inet_(?:addr\("|pton\(AF_INET6, ")(?P<host>[^"]+)"')


@pytest.mark.slow
def test_extract_ingest_and_report_make_no_network_connection(tmp_path: Path) -> None:
    reports = sorted(str(p) for p in REPORTS.glob("*.txt"))[:3]
    db = str(tmp_path / "s.duckdb")
    commands = [["extract", reports[0], "--published", "2021-08-09"], ["ingest", *reports, "--db", db],
                ["report", "--db", db, "--at", "2021-08-09"], ["summary", "--db", db]]
    trace = tmp_path / "strace.log"
    prefix = _strace()
    prefix = [*prefix, "-o", str(trace)] if prefix else []
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    done = subprocess.run([*prefix, sys.executable, "-c", BOOTSTRAP, json.dumps(commands)], check=False,
                          capture_output=True, text=True, env=env, timeout=300)
    assert "BLOCKED NETWORK" not in done.stderr, done.stderr
    assert done.returncode == 0 and "EXIT CODES [0, 0, 0, 0]" in done.stdout, done.stderr[-2000:]
    if prefix:  # native code (DuckDB extension auto-install, say) bypasses Python's audit hooks; strace does not
        calls = trace.read_text(encoding="utf-8", errors="replace").splitlines()
        remote = [line for line in calls if (m := _ADDRESS.search(line)) and not (
            m["host"].startswith("127.") or m["host"] in ("::1", "0.0.0.0"))]
        assert remote == []


# --- DuckDB: one writing process per store -----------------------------------------------------------------------

def _sitroom(*args: str, lock_wait: float | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    if lock_wait is not None:
        env["SITROOM_LOCK_WAIT"] = str(lock_wait)
    return subprocess.run([sys.executable, "-m", "sitroom", *args], check=False, capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    return db


def _hold(store_file: Path, seconds: float, *, read_only: bool) -> threading.Thread:
    """Hold the store open in this process for ``seconds`` (as a long `serve` request or another ingest would)."""
    opened = threading.Event()

    def hold() -> None:
        with Store(store_file, read_only=read_only):
            opened.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    opened.wait()
    return thread


@pytest.mark.slow
def test_ingest_waits_for_a_reader_to_let_go_then_stores_the_report(store_file: Path) -> None:
    """DuckDB locks a file for as long as a connection is open: one writing process and no reader beside it.

    sitroom's readers (`serve` requests, list commands) hold the file briefly, and ingest lets go of it while it
    extracts a batch; a process that finds the file taken retries for `lock_wait` seconds.
    """
    reader = _hold(store_file, 2.0, read_only=True)
    stored = _sitroom("ingest", str(min(REPORTS.glob("*.txt"))), "--db", str(store_file), lock_wait=60)
    reader.join()
    assert stored.returncode == 0, stored.stderr
    with Store(store_file, read_only=True) as store:
        assert store.counts()["documents"] == 1


@pytest.mark.slow
def test_a_store_held_past_lock_wait_gives_a_one_line_error_and_a_rerun_works(store_file: Path) -> None:
    report = str(min(REPORTS.glob("*.txt")))
    reader = _hold(store_file, 4.0, read_only=True)
    refused = _sitroom("ingest", report, "--db", str(store_file), lock_wait=0.5)
    reader.join()
    writer = _hold(store_file, 4.0, read_only=False)
    writer_refuses = _sitroom("summary", "--db", str(store_file), lock_wait=0.5)
    writer.join()
    for result in (refused, writer_refuses):
        assert result.returncode == 1
        [line] = result.stderr.strip().splitlines()
        assert line == (f"sitroom: store {store_file} is in use by another process (a running ingest?); "
                        "waited 0.5 s, try again")
    assert _sitroom("ingest", report, "--db", str(store_file)).returncode == 0
    assert _sitroom("summary", "--db", str(store_file)).returncode == 0


@pytest.mark.slow
def test_readers_get_answers_while_an_ingest_runs(store_file: Path, tmp_path: Path) -> None:
    """What `sitroom serve` does per request (open read-only, query, close) keeps working during an ingest."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for report in sorted(REPORTS.glob("*.txt"))[:8]:
        shutil.copy(report, corpus / report.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    ingest = subprocess.Popen([sys.executable, "-m", "sitroom", "ingest", str(corpus), "--db", str(store_file),
                               "--batch-size", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    seen: list[int] = []
    while ingest.poll() is None:
        with Store(store_file, read_only=True, wait=30) as store:
            seen.append(store.counts()["documents"])
        time.sleep(0.05)
    _, stderr = ingest.communicate()
    assert ingest.returncode == 0, stderr
    with Store(store_file, read_only=True) as store:
        counts = store.counts()
    assert counts["documents"] + counts["duplicates"] == 8  # one of them is a republished copy
    assert len(seen) > 5 and seen == sorted(seen)
    assert any(0 < count < counts["documents"] for count in seen)  # readers saw batches land while the run went on


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.slow
def test_a_second_ingest_while_sitroom_serve_reads_the_store(tmp_path: Path) -> None:
    """`sitroom serve` answers while `sitroom ingest` adds reports to the same store, and shows them after."""
    reports = sorted(REPORTS.glob("*.txt"))
    first, later = tmp_path / "first", tmp_path / "later"
    for folder, chosen in ((first, reports[:2]), (later, reports[2:10])):
        folder.mkdir()
        for report in chosen:
            for part in (report, report.with_suffix(".meta.json")):
                if part.exists():
                    shutil.copy(part, folder / part.name)
    db = tmp_path / "s.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITROOM_")}
    assert _sitroom("ingest", str(first), "--db", str(db)).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sitroom", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        api = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + 60
        while True:
            try:
                assert _get(f"{api}/meta")[1]["documents"] == 2
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
                time.sleep(0.3)
        ingest = subprocess.Popen([sys.executable, "-m", "sitroom", "ingest", str(later), "--db", str(db),
                                   "--batch-size", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        answers = []
        while ingest.poll() is None:
            answers.append(_get(f"{api}/events?size=5"))
            answers.append(_get(f"{api}/meta"))
            time.sleep(0.1)
        _, stderr = ingest.communicate()
        assert ingest.returncode == 0, stderr
        busy = [body for status, body in answers if status != 200]
        assert all(body["error"]["code"] == "store_busy" for body in busy), busy
        seen = [body["documents"] for status, body in answers if status == 200 and "documents" in body]
        assert len(seen) >= 3 and seen == sorted(seen)  # answers all along, never going back
        with Store(db, read_only=True) as store:
            counts = store.counts()
        assert counts["documents"] + counts["duplicates"] == 10
        status, meta = _get(f"{api}/meta")
        assert status == 200 and meta["documents"] == counts["documents"]  # what the ingest added shows
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_long_runs_of_symbols_do_not_stall_the_parse_and_offsets_still_point_at_the_words(nlp) -> None:
    """spaCy's tokenizer is quadratic on a long run of punctuation or emoji (40,000 "!" took minutes)."""
    from sitroom.extraction import extract_documents
    from sitroom.model import DateProvenance, Document

    text = "!" * 30_000 + " " + "\U0001F600" * 30_000 + "\n\nTaliban fighters captured Kunduz on Sunday."
    document = Document(id=document_id(text), text=text, published=dt.date(2021, 8, 9),
                        published_provenance=DateProvenance.GIVEN, origin="test")
    [extraction] = list(extract_documents([document], settings=load_settings(env={})))
    captures = [e for e in extraction.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert captures and text[captures[0].trigger.start:captures[0].trigger.end] == "captured"
