"""Reading inputs: files, folders, globs and stdin, in every format sitroom takes.

Each input yields :class:`RawDoc` records (text plus whatever metadata came
with it) or :class:`~sitroom.model.Rejection` records saying, in one line, why
it could not be used. One bad input never stops the others.

Formats: plain text and Markdown (``.txt .text .md .markdown``), HTML
(``.html .htm``; main text by trafilatura), JSON Lines (``.jsonl .ndjson``:
one ``{"id","text","title","source","url","published"}`` object a line), JSON
(``.json``: one such object or a list of them) and a sidecar
``NAME.meta.json`` next to a text or HTML file.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sitroom.model import Rejection

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SIDECAR_SUFFIX = ".meta.json"
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES)
STDIN = "-"
_MIN_HTML_WORDS = 5
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A report as read, before it becomes a :class:`~sitroom.model.Document`.

    ``published`` is already a date; ``published_from`` says whether the user
    gave it (``"given"``) or page metadata did (``"metadata"``).
    """

    text: str
    origin: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    external_id: str | None = None


class BadDate(ValueError):
    """A publication date that is not an ISO date (YYYY-MM-DD, or an ISO datetime)."""


def parse_date(value: Any) -> dt.date | None:
    """Read a publication date: ``2021-08-12`` or an ISO datetime (its own local date is kept).

    >>> parse_date("2021-08-12T23:40:00+04:30")
    datetime.date(2021, 8, 12)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$", str(value))
    if match is None:
        raise BadDate(f"published {value!r} is not a date; use YYYY-MM-DD")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise BadDate(f"published {value!r} is not a real calendar date") from None


def expand_paths(paths: Iterable[str], *, exclude: frozenset[Path] = frozenset()) -> Iterator[str | Path]:
    """Turn paths, folders (recursively, sorted, hidden entries skipped) and globs into inputs.

    ``-`` stands for standard input and is passed through as is. A path that
    matches nothing is passed through too, so reading it gives a clear rejection.
    Files in ``exclude`` (resolved paths, e.g. the store's own file) are skipped in folders.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith(".") for part in relative.parts)
                if child.is_file() and not hidden and not child.name.endswith(SIDECAR_SUFFIX):
                    if child.resolve() not in exclude:
                        yield child
            continue
        if not path.exists() and glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if matches:
                yield from expand_paths(matches, exclude=exclude)
                continue
        yield path


def _decode(data: bytes, origin: str, encoding: str) -> str | Rejection:
    if not data.strip():
        return Rejection(origin, "empty file")
    head = data[:8192]
    if b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Rejection(origin, "binary file (contains NUL bytes), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf") and encoding.lower().replace("-", "") == "utf8":
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        return Rejection(
            origin,
            f"not valid {encoding} (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "if it is a Windows file, retry with --encoding cp1252",
        )
    except LookupError:
        return Rejection(origin, f"unknown encoding {encoding!r}")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        return Rejection(origin, "binary file (many control characters), not text")
    return text


def _has_surrogate(value: str | None) -> bool:
    """Whether ``value`` holds a lone surrogate (a JSON ``"\\ud800"`` escape), which spaCy and DuckDB refuse.

    >>> _has_surrogate(json.loads('"Kabul \\\\ud800"')), _has_surrogate("Kabul 😀")
    (True, False)
    """
    return value is not None and _SURROGATE.search(value) is not None


def _sidecar(path: Path) -> dict[str, Any] | Rejection | None:
    meta_path = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not meta_path.is_file():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        return Rejection(str(meta_path), f"sidecar is not valid JSON: {error}")
    if not isinstance(meta, dict):
        return Rejection(str(meta_path), "sidecar must hold one JSON object")
    return meta


def _from_record(record: Any, origin: str, line: int | None, provenance: str) -> RawDoc | Rejection:
    if not isinstance(record, dict):
        return Rejection(origin, "record is not a JSON object", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejection(origin, 'record has no "text" (a non-empty string is required)', line)
    fields = {}
    for name in ("title", "source", "url", "id"):
        value = record.get(name)
        fields[name] = None if value is None else str(value)
    unpaired = next((name for name, value in (("text", text), *fields.items()) if _has_surrogate(value)), None)
    if unpaired is not None:
        return Rejection(origin, f'"{unpaired}" holds an unpaired surrogate escape (such as \\ud800), '
                                 "which is not Unicode text", line)
    try:
        published = parse_date(record.get("published"))
    except BadDate as error:
        return Rejection(origin, str(error), line)
    return RawDoc(text=text, origin=origin if line is None else f"{origin}:{line}", title=fields["title"],
                  source=fields["source"], url=fields["url"], published=published,
                  published_from=provenance if published else None, external_id=fields["id"])


def _read_jsonl(stream: Iterable[str], origin: str, max_bytes: int) -> Iterator[RawDoc | Rejection]:
    seen_any = False
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        seen_any = True
        if len(line.encode("utf-8", "surrogatepass")) > max_bytes + 4096:
            yield Rejection(origin, f"line is over the max-bytes limit of {max_bytes} bytes", number)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(origin, f"malformed JSON ({error.msg} at column {error.colno})", number)
            continue
        except RecursionError:
            yield Rejection(origin, "malformed JSON (nested too deeply)", number)
            continue
        yield _from_record(record, origin, number, "given")
    if not seen_any:
        yield Rejection(origin, "empty file")


def _read_html(text: str, origin: str) -> RawDoc | Rejection:
    import trafilatura  # heavy: only when an HTML file comes in

    result = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                         include_tables=False, deduplicate=False)
    body = (result.text if result is not None else "") or ""
    title = result.title if result is not None else None
    if title and body.startswith(title):
        body = body[len(title):].lstrip("\n")
    if len(body.split()) < _MIN_HTML_WORDS:
        # trafilatura falls back to any text it finds; a menu word or two is not an article.
        found = f" (found only {body.strip()[:40]!r})" if body.strip() else ""
        return Rejection(origin, f"HTML page has no main text{found}")
    published = None
    if result is not None and result.date:
        try:
            published = parse_date(result.date)
        except BadDate:
            published = None
    return RawDoc(text=body, origin=origin, title=title, source=result.sitename or result.hostname,
                  url=result.url, published=published, published_from="metadata" if published else None)


def _apply_sidecar(doc: RawDoc, meta: dict[str, Any]) -> RawDoc | Rejection:
    try:
        published = parse_date(meta.get("published"))
    except BadDate as error:
        return Rejection(doc.origin, f"sidecar: {error}")
    return RawDoc(
        text=doc.text, origin=doc.origin, external_id=meta.get("id", doc.external_id),
        title=meta.get("title", doc.title), source=meta.get("source", doc.source), url=meta.get("url", doc.url),
        published=published or doc.published,
        published_from="given" if published else doc.published_from,
    )


def read_path(path: Path, *, max_bytes: int, encoding: str) -> Iterator[RawDoc | Rejection]:
    """Read one file into raw documents or rejections (never raises for bad content)."""
    origin = str(path)
    if not path.exists():
        yield Rejection(origin, "no such file or folder")
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Rejection(origin, f"unknown file type {suffix or '(no extension)'!r}; sitroom reads "
                                + " ".join(SUPPORTED))
        return
    try:
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            with path.open(encoding=encoding, errors="strict", newline="") as stream:
                yield from _read_jsonl(_lines_or_reject(stream, origin), origin, max_bytes)
            return
        if size > max_bytes:
            yield Rejection(origin, f"file is {size / 1e6:.1f} MB, over the max-bytes limit of "
                                    f"{max_bytes / 1e6:.1f} MB (raise it with --max-bytes)")
            return
        data = path.read_bytes()
    except _UndecodableLine as error:
        yield Rejection(origin, error.reason, error.line)
        return
    except OSError as error:
        yield Rejection(origin, f"cannot read: {error.strerror or error}")
        return
    decoded = _decode(data, origin, encoding)
    if isinstance(decoded, Rejection):
        yield decoded
        return
    if suffix in JSON_SUFFIXES:
        try:
            payload = json.loads(decoded)
        except json.JSONDecodeError as error:
            yield Rejection(origin, f"malformed JSON ({error.msg} at line {error.lineno})")
            return
        except RecursionError:
            yield Rejection(origin, "malformed JSON (nested too deeply)")
            return
        records = payload if isinstance(payload, list) else [payload]
        for index, record in enumerate(records, start=1):
            yield _from_record(record, origin, index if isinstance(payload, list) else None, "given")
        return
    doc = _read_html(decoded, origin) if suffix in HTML_SUFFIXES else RawDoc(text=decoded, origin=origin)
    if isinstance(doc, RawDoc):
        meta = _sidecar(path)
        if isinstance(meta, Rejection):
            yield meta
        elif meta is not None:
            doc = _apply_sidecar(doc, meta)
    yield doc


class _UndecodableLine(Exception):
    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def _lines_or_reject(stream: TextIO, origin: str) -> Iterator[str]:
    number = 0
    try:
        for number, line in enumerate(stream, start=1):  # noqa: B007 - number is used after the loop
            yield line
    except UnicodeDecodeError as error:
        raise _UndecodableLine(f"not valid {stream.encoding} ({error.reason}); the lines before it were read; "
                               "retry with --encoding cp1252 if it is a Windows file", number + 1) from None


def read_stdin(stream: TextIO, *, max_bytes: int) -> Iterator[RawDoc | Rejection]:
    """Read standard input: JSON Lines if every line is a JSON object, else one plain-text document."""
    data = stream.read()
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        yield from _read_jsonl(data.splitlines(), "<stdin>", max_bytes)
    elif not data.strip():
        yield Rejection("<stdin>", "empty input")
    elif len(data.encode("utf-8", "surrogatepass")) > max_bytes:
        yield Rejection("<stdin>", f"input is over the max-bytes limit of {max_bytes} bytes")
    elif _has_surrogate(data):  # undecodable bytes, read with surrogateescape under a C/POSIX locale
        yield Rejection("<stdin>", "input is not valid UTF-8 (undecodable bytes); convert it, e.g. with iconv")
    else:
        yield RawDoc(text=data, origin="<stdin>")


def read_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int,
    encoding: str,
    stdin: TextIO | None = None,
    exclude: frozenset[Path] = frozenset(),
) -> Iterator[RawDoc | Rejection]:
    """Read every input named by ``paths`` (files, folders, globs, ``-``), in order.

    Args:
        paths: what the user named on the command line.
        max_bytes: largest document accepted.
        encoding: text encoding of files.
        stdin: the stream ``-`` stands for (default ``sys.stdin``).
        exclude: resolved paths to skip when walking folders.

    Returns:
        An iterator of :class:`RawDoc` and :class:`~sitroom.model.Rejection`, in input order.

    Example:
        >>> [type(r).__name__ for r in read_inputs(["missing.txt"], max_bytes=10, encoding="utf-8")]
        ['Rejection']
    """
    for item in expand_paths(paths, exclude=exclude):
        if item == STDIN:
            yield from read_stdin(stdin or sys.stdin, max_bytes=max_bytes)
        else:
            yield from read_path(Path(item), max_bytes=max_bytes, encoding=encoding)
