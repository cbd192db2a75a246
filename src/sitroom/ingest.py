"""Ingest: read inputs, drop exact and near-duplicates, extract, and store in per-batch transactions.

A run can be interrupted at any point (Ctrl-C, kill -9): each batch commits
as one transaction, so the store holds whole documents only, and the next
run skips every document already stored (its id is the hash of its text).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

import numpy as np

from sitroom.dedup import NearDuplicateIndex, shingles, signature
from sitroom.documents import to_document
from sitroom.ids import fact_id
from sitroom.model import Document, DuplicateLink, Extraction, Rejection
from sitroom.readers import read_inputs
from sitroom.settings import Settings, load_settings
from sitroom.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest run did."""

    ingested: int = 0
    already_stored: int = 0
    duplicates: tuple[DuplicateLink, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    errors: tuple[str, ...] = field(default=())  # "doc origin: stage failure" for documents stored partially


@dataclass(slots=True)
class _Tally:
    ingested: int = 0
    already_stored: int = 0
    duplicates: list[DuplicateLink] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def freeze(self) -> IngestSummary:
        return IngestSummary(self.ingested, self.already_stored, tuple(self.duplicates), tuple(self.rejected),
                             tuple(self.errors))


class _Batch:
    """Documents accepted but not yet committed, with the links and rejections that commit with them."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.signatures: dict[str, np.ndarray] = {}
        self.duplicates: list[DuplicateLink] = []
        self.rejections: list[Rejection] = []

    def text_of(self, doc_id: str) -> str | None:
        return next((d.text for d in self.documents if d.id == doc_id), None)

    def __len__(self) -> int:
        return len(self.documents)


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    settings: Settings | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    stdin: TextIO | None = None,
    on_item: Callable[[str, Rejection | DuplicateLink | Document | None], None] = lambda origin, item: None,
    engine: Engine | None = None,
    situation: bool = True,
) -> IngestSummary:
    """Ingest files, folders, globs or ``-`` into ``store``.

    Args:
        paths: inputs as named on the command line.
        store: an open, writable :class:`~sitroom.store.Store`.
        settings: resolved settings (model, batch size, limits, duplicate threshold).
        published: publication date for every input (provenance ``given``).
        source: outlet name for every input.
        stdin: the stream ``-`` stands for.
        on_item: called once per input read, with what became of it (for progress and messages).
        engine: what extracts the accepted documents (default: this process, :class:`LocalEngine`; see
            :mod:`sitroom.engine_ray`). Documents go to it ``engine.shard_size`` at a time and are stored in
            transactions of ``batch_size``.
        situation: end by deriving the situation and keeping who held what day by day in the store
            (:mod:`sitroom.control_store`), so that the situation at a day is a lookup.

    Returns:
        An :class:`IngestSummary`.

    Example:
        >>> with Store(":memory:") as store:
        ...     ingest(["no-such-file.txt"], store=store).rejected[0].reason
        'no such file or folder'
    """
    settings = settings if settings is not None else load_settings()
    engine = engine if engine is not None else LocalEngine(settings)
    tally = _Tally()
    batch = _Batch()
    in_store = store.document_text

    def text_of(doc_id: str) -> str | None:
        return batch.text_of(doc_id) or in_store(doc_id)

    index = NearDuplicateIndex(settings.near_duplicate_threshold, text_of=text_of)
    for doc_id, sig in store.signatures():
        index.add(doc_id, sig)
    own_files = frozenset(Path(store.path + suffix).resolve() for suffix in ("", ".wal"))
    items = read_inputs(paths, max_bytes=settings.max_bytes, encoding=settings.encoding, stdin=stdin,
                        exclude=own_files)
    for raw in items:
        if isinstance(raw, Rejection):
            batch.rejections.append(raw)
            tally.rejected.append(raw)
            on_item(raw.origin, raw)
            continue
        document = to_document(raw, published=published, source=source)
        verdict = _classify(document, store, batch, index)
        on_item(document.origin, verdict)
        if isinstance(verdict, DuplicateLink):
            tally.duplicates.append(verdict)
            batch.duplicates.append(verdict)
        elif verdict is None:
            tally.already_stored += 1
        if len(batch) >= engine.shard_size:
            _commit(batch, store, settings, tally, engine)
            batch = _Batch()
    _commit(batch, store, settings, tally, engine)
    store.refresh_derived()  # also after a run stopped before its end: nothing is ingested, the names are stale
    if situation:
        from sitroom import control_store
        from sitroom.places import load_gazetteer

        control_store.refresh(store, gazetteer=load_gazetteer(settings.cache_dir, settings.gazetteer))
    return tally.freeze()


def _classify(
    document: Document, store: Store, batch: _Batch, index: NearDuplicateIndex
) -> Document | DuplicateLink | None:
    """Accept ``document`` into the batch, or say it is a duplicate (a link) or already stored (None)."""
    if store.has_document(document.id) or document.id in batch.signatures:
        link = _link(document, document.id, "exact", 1.0)
        stored = store.has_duplicate(link.id) or any(d.id == link.id for d in batch.duplicates)
        same_copy = _same_copy(document, store, batch)
        return None if stored or same_copy else link
    grams = shingles(document.text)
    sig = signature(grams)
    near = index.find(document.text, grams, sig)
    if near is not None:
        link = _link(document, near[0], "near", near[1])
        already = store.has_duplicate(link.id) or any(d.id == link.id for d in batch.duplicates)
        return None if already else link
    batch.documents.append(document)
    batch.signatures[document.id] = sig
    index.add(document.id, sig)
    return document


def _same_copy(document: Document, store: Store, batch: _Batch) -> bool:
    """Whether an exact duplicate is the stored document itself (same outlet and address), read again."""
    key = (document.source, document.url, document.title)
    for pending in batch.documents:
        if pending.id == document.id:
            return (pending.source, pending.url, pending.title) == key
    row = store.query("SELECT source, url, title FROM documents WHERE id = ?", [document.id])
    return bool(row) and tuple(row[0]) == key


def _link(document: Document, original_id: str, kind: str, similarity: float) -> DuplicateLink:
    link_id = fact_id("duplicate", original_id, document.id, document.source, document.url, document.title)
    return DuplicateLink(id=link_id, original_id=original_id, kind=kind, similarity=similarity, document=document)


class Engine(Protocol):
    """What extracts the documents an ingest run accepts."""

    shard_size: int  # documents handed over at a time

    def extract(self, documents: Sequence[Document]) -> list[Extraction]: ...


class LocalEngine:
    """Extraction in this process (spaCy's ``n_process`` may use more cores), one store batch at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.shard_size = settings.batch_size

    def extract(self, documents: Sequence[Document]) -> list[Extraction]:
        from sitroom.extraction import extract_documents

        return list(extract_documents(documents, settings=self.settings))


def _commit(batch: _Batch, store: Store, settings: Settings, tally: _Tally, engine: Engine) -> None:
    with store.released():  # readers (sitroom serve) may open the store while the batch is extracted
        extractions = engine.extract(batch.documents)
    for start in range(0, max(len(extractions), 1), settings.batch_size):
        chunk = extractions[start:start + settings.batch_size]
        first = start == 0  # the links and rejections read with this shard commit with its first batch
        store.write_batch(((e, batch.signatures[e.document.id]) for e in chunk),
                          batch.duplicates if first else [], batch.rejections if first else [])
        tally.ingested += len(chunk)
        log.info("stored a batch of %d documents (%d this run)", len(chunk), tally.ingested)
    tally.errors.extend(f"{e.document.origin}: {error}" for e in extractions for error in e.errors)
