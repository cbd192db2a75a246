"""Stateless extraction: text in, records out, no store (the library side of ``sitroom extract``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from sitroom.documents import to_document
from sitroom.model import Document, Extraction, Rejection
from sitroom.readers import RawDoc, parse_date, read_inputs
from sitroom.settings import Settings, load_settings


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else load_settings()


def extract_raw(
    raws: Iterable[RawDoc],
    *,
    settings: Settings | None = None,
    published: dt.date | None = None,
    source: str | None = None,
) -> Iterator[Extraction]:
    """Extract every raw document, in order, with one batched spaCy pass.

    Args:
        raws: documents as read (see :mod:`sitroom.readers`).
        settings: model, batch size and process count (default: resolved from the environment).
        published: publication date to use for every document (overrides their own).
        source: outlet name to use for every document.

    Returns:
        An iterator of :class:`~sitroom.model.Extraction`, one per raw document.
    """
    documents = (to_document(raw, published=published, source=source) for raw in raws)
    yield from extract_documents(documents, settings=settings)


def extract_documents(documents: Iterable[Document], *, settings: Settings | None = None) -> Iterator[Extraction]:
    """Extract documents already built (see :func:`sitroom.documents.to_document`), in order."""
    from sitroom import pipeline
    from sitroom.nlp import load_model

    settings = _settings(settings)
    yield from pipeline.extract_documents(documents, nlp=load_model(settings.model),
                                          stages=pipeline.default_stages(settings), batch_size=settings.batch_size,
                                          n_process=settings.n_process)


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract entities, time expressions, quantities (and, as later stages land, events and quotes).

    Args:
        text: the report's text; every offset in the result indexes into it.
        published: its publication date (``date`` or ``"YYYY-MM-DD"``); relative dates resolve against it.
        source: the outlet.
        title: the headline.
        url: where it was published.
        settings: overrides of the resolved settings (e.g. another spaCy model).

    Returns:
        The :class:`~sitroom.model.Extraction` of the document.

    Example:
        >>> result = extract("Kabul - The Taliban took Kunduz on Sunday.", published="2021-08-09")
        >>> [(e.type.value, e.name) for e in result.entities]
        [('PLACE', 'Kabul'), ('GROUP', 'Taliban'), ('PLACE', 'Kunduz')]
    """
    raw = RawDoc(text=text, origin="<text>", title=title, source=source, url=url)
    return next(extract_raw([raw], settings=settings, published=parse_date(published)))


def extract_inputs(
    paths: Iterable[str],
    *,
    settings: Settings | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    stdin: TextIO | None = None,
    on_reject: Callable[[Rejection], None] = lambda rejection: None,
) -> Iterator[Extraction]:
    """Read and extract files, folders, globs or ``-``; rejected inputs go to ``on_reject``, in order."""
    settings = _settings(settings)

    def raws() -> Iterator[RawDoc]:
        for item in read_inputs(paths, max_bytes=settings.max_bytes, encoding=settings.encoding, stdin=stdin):
            if isinstance(item, Rejection):
                on_reject(item)
            else:
                yield item

    yield from extract_raw(raws(), settings=settings, published=published, source=source)
