"""Exact and near-duplicate detection for wire copies republished with small edits.

Exact duplicates share a document id (the hash of the normalized text).
Near-duplicates are found with MinHash over word 3-grams and LSH banding
(32 bands of 4 rows: pairs above ~0.42 Jaccard become candidates), then
confirmed on the real 3-gram sets against ``threshold``. Written here in a
few lines of NumPy instead of taking datasketch, whose SciPy import alone
costs half a second of start-up (see docs/decisions.md).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from sitroom.ids import normalize_text

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.RandomState(20210815)  # fixed seed: signatures must agree across runs
_A = _rng.randint(1, (1 << 31) - 1, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_B = _rng.randint(0, (1 << 31) - 1, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 3) -> set[str]:
    """The set of word ``size``-grams of the normalized, lower-cased text."""
    words = _WORD.findall(normalize_text(text).lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(grams: set[str]) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of a set of shingles."""
    if not grams:
        return np.full(NUM_PERM, (1 << 31) - 1, dtype=np.uint32)
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8", "surrogatepass")) & 0x7FFFFFFF for g in grams),
                         dtype=np.uint64, count=len(grams))
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return permuted.min(axis=0).astype(np.uint32)


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


class NearDuplicateIndex:
    """LSH index of MinHash signatures; confirms candidates on their real shingle sets.

    Args:
        threshold: Jaccard similarity of word 3-grams at or above which two texts are near-duplicates.
        text_of: returns the text of a stored document id (to confirm a candidate).

    Example:
        >>> index = NearDuplicateIndex(0.7, text_of={"a": "the taliban took the city of kunduz on sunday"}.get)
        >>> index.add("a", signature(shingles("the taliban took the city of kunduz on sunday")))
        >>> index.find("The Taliban took the city of Kunduz on Sunday.")
        ('a', 1.0)
    """

    def __init__(self, threshold: float, *, text_of: Callable[[str], str | None]) -> None:
        self.threshold = threshold
        self._text_of = text_of
        self._buckets: list[dict[bytes, list[str]]] = [defaultdict(list) for _ in range(BANDS)]

    def add(self, doc_id: str, sig: np.ndarray) -> None:
        """Index a stored document's signature."""
        for band, bucket in enumerate(self._buckets):
            bucket[sig[band * ROWS:(band + 1) * ROWS].tobytes()].append(doc_id)

    def candidates(self, sig: np.ndarray) -> list[str]:
        """Ids sharing at least one band with ``sig``, in the order they were added."""
        found: dict[str, None] = {}
        for band, bucket in enumerate(self._buckets):
            for doc_id in bucket.get(sig[band * ROWS:(band + 1) * ROWS].tobytes(), ()):
                found[doc_id] = None
        return list(found)

    def find(self, text: str, grams: set[str] | None = None, sig: np.ndarray | None = None) -> tuple[str, float] | None:
        """The most similar indexed document at or above the threshold, with its similarity, or None.

        Pass ``grams`` and ``sig`` when the caller already has them, so the text is shingled once.
        """
        grams = shingles(text) if grams is None else grams
        sig = signature(grams) if sig is None else sig
        best: tuple[str, float] | None = None
        for doc_id in self.candidates(sig):
            other = self._text_of(doc_id)
            if other is None:
                continue
            similarity = jaccard(grams, shingles(other))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (doc_id, round(similarity, 4))
        return best
