"""Content-hash ids and the text normalization they rest on."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                         "–": "-", "—": "-", "‒": "-", "―": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Fold Unicode forms, quote and dash styles and whitespace, so trivial re-encodings hash alike."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip()


def _digest(*parts: str, size: int) -> str:
    hasher = hashlib.blake2b(digest_size=size)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()


def document_id(text: str) -> str:
    """The id of a document: 80 bits of the hash of its normalized text.

    >>> document_id("Kabul -  fell") == document_id("Kabul — fell")
    True
    """
    return _digest(normalize_text(text), size=10)


def fact_id(kind: str, doc_id: str, *parts: object) -> str:
    """A stable id for a fact of ``kind`` in a document, from the fields that make it unique."""
    return _digest(kind, doc_id, *(str(part) for part in parts), size=8)
