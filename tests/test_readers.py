"""Reading inputs: formats, sidecars, globs, stdin, and every kind of bad input (no model needed)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from sitroom.model import Rejection
from sitroom.readers import RawDoc, expand_paths, parse_date, read_inputs

LIMITS = {"max_bytes": 1_000_000, "encoding": "utf-8"}


def read(*paths: Path | str, **kwargs) -> list[RawDoc | Rejection]:
    return list(read_inputs([str(p) for p in paths], **{**LIMITS, **kwargs}))


def test_text_with_sidecar_takes_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kabul - The Taleban took Kunduz.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"title": "Kunduz falls", "source": "Khyber Wire", "url": "https://k.example/1",
         "published": "2021-08-08T18:00:00+04:30"}), encoding="utf-8")
    [doc] = read(tmp_path)
    assert (doc.title, doc.source, doc.url, doc.published, doc.published_from) == (
        "Kunduz falls", "Khyber Wire", "https://k.example/1", dt.date(2021, 8, 8), "given")


def test_folders_are_read_recursively_in_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "1.md").write_text("one", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    assert [doc.text for doc in read(tmp_path)] == ["one", "two"]


def test_globs_expand(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert [Path(p).name for p in expand_paths([str(tmp_path / "x*.txt")])] == ["x1.txt", "x2.txt"]


def test_jsonl_keeps_good_lines_and_rejects_the_bad_one_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "Ghazni fell.", "published": "2021-08-12"}\n'
                    '{"id": "b", "text": "broken\n'
                    '{"id": "c", "text": "Herat fell.", "source": "Pamir Press"}\n', encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDoc", "Rejection", "RawDoc"]
    assert items[1].line == 2 and "malformed JSON" in items[1].reason
    assert items[0].external_id == "a" and items[0].published == dt.date(2021, 8, 12)
    assert items[2].source == "Pamir Press" and items[2].origin.endswith("feed.jsonl:3")


def test_jsonl_record_without_text_or_with_bad_date_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "title": "no text"}\n{"text": "x", "published": "12/08/2021"}\n', encoding="utf-8")
    reasons = [i.reason for i in read(path)]
    assert 'no "text"' in reasons[0]
    assert "not a date" in reasons[1]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Herat falls</title><meta property='og:site_name' content='Hindu Kush Herald'>"
        "<meta property='article:published_time' content='2021-08-12T20:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Herat falls</h1>"
        "<p>HERAT, Afghanistan — Taliban fighters took the western city of Herat on Thursday after two weeks "
        "of siege, two security officials said.</p><p>Ismail Khan, the veteran commander who led the defence, "
        "was reported to have been detained by the insurgents.</p></article>"
        "<footer>Copyright 2021. We use cookies.</footer></body></html>", encoding="utf-8")
    [doc] = read(path)
    assert doc.text.startswith("HERAT, Afghanistan")
    assert "cookies" not in doc.text and "Home" not in doc.text
    assert (doc.title, doc.source, doc.published, doc.published_from) == (
        "Herat falls", "Hindu Kush Herald", dt.date(2021, 8, 12), "metadata")


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"  \n\n", "empty file"),
    ("binary.txt", b"%PDF-1.7\x00\x00\x01\x02binary", "binary file"),
    ("latin.txt", "Taleban took Kundúz".encode("cp1252"), "not valid utf-8 (byte 0xfa at offset 17)"),
    ("page.html", b"<html><body><nav>Home</nav></body></html>", "HTML page has no main text"),
    ("report.xyz", b"Kabul fell.", "unknown file type '.xyz'"),
    ("broken.json", b"{not json", "malformed JSON"),
])
def test_bad_inputs_are_rejected_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    [item] = read(tmp_path / name)
    assert isinstance(item, Rejection)
    assert reason in item.reason
    assert "\n" not in item.reason


def test_invalid_utf8_reads_with_the_encoding_setting(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Taleban took Kundúz".encode("cp1252"))
    [doc] = read(tmp_path / "latin.txt", encoding="cp1252")
    assert doc.text == "Taleban took Kundúz"


def test_file_over_the_size_limit_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    [item] = read(path)
    assert isinstance(item, Rejection)
    assert "50.0 MB, over the max-bytes limit of 1.0 MB" in item.reason


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    [item] = read(tmp_path / "nope.txt")
    assert item.reason == "no such file or folder"


def test_stdin_plain_text_and_jsonl() -> None:
    [doc] = list(read_inputs(["-"], stdin=io.StringIO("Kabul - quiet day."), **LIMITS))
    assert doc.text == "Kabul - quiet day." and doc.origin == "<stdin>"
    docs = list(read_inputs(["-"], stdin=io.StringIO('{"text": "a"}\n{"text": "b"}\n'), **LIMITS))
    assert [d.text for d in docs] == ["a", "b"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-08-12", dt.date(2021, 8, 12)),
    ("2021-08-12T23:40:00+04:30", dt.date(2021, 8, 12)),
    ("2021-08-12 09:00:00Z", dt.date(2021, 8, 12)),
    (None, None),
])
def test_parse_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
