"""The runner: each stage declares what it needs and what it adds; the runner checks the order.

A stage is a pure function from :class:`StageInput` (the document, its one
spaCy parse, and the records earlier stages found) to new records. Nothing
is mutated; the runner gathers the records into an
:class:`~sitroom.model.Extraction`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitroom.model import Document, Extraction

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitroom.settings import Settings


@dataclass(frozen=True, slots=True)
class StageInput:
    document: Document
    parsed: Doc
    found: Mapping[str, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of extraction: ``run`` returns a mapping of each name in ``assigns`` to its records."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[StageInput], Mapping[str, tuple[Any, ...]]]


class StageOrderError(RuntimeError):
    """A stage needs records that no earlier stage assigns."""


_EXTRACTION_FIELDS = {f.name for f in dataclasses.fields(Extraction)} - {"document"}


def check_order(stages: Sequence[Stage]) -> None:
    """Raise :class:`StageOrderError` unless each stage's needs are met by the stages before it."""
    available: set[str] = set()
    for stage in stages:
        missing = set(stage.requires) - available
        if missing:
            raise StageOrderError(f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage assigns")
        unknown = set(stage.assigns) - _EXTRACTION_FIELDS
        if unknown:
            raise StageOrderError(f"stage {stage.name!r} assigns {sorted(unknown)}, not fields of Extraction")
        available |= set(stage.assigns)


def default_stages(settings: Settings | None = None) -> tuple[Stage, ...]:
    """The stages of ``sitroom extract``, in order; ``settings`` picks the gazetteer (cache and user file).

    Raises:
        GazetteerError: the user gazetteer file is missing or has a bad row.
    """
    from sitroom import actors, entities, events, nlp, places, quantities, quotes, timexes
    from sitroom.settings import load_settings

    settings = settings if settings is not None else load_settings()
    place_stage = places.make_stage(places.load_gazetteer(settings.cache_dir, settings.gazetteer))
    stages = (
        Stage("sentences", (), ("sentences",), lambda s: {"sentences": nlp.sentences(s.document.id, s.parsed)}),
        Stage("entities", (), ("mentions", "entities"), entities.stage),
        Stage("places", ("mentions", "entities"), ("mentions", "entities"), place_stage),
        Stage("actors", ("mentions", "entities"), ("entities",), actors.stage),
        Stage("timexes", ("sentences",), ("timexes",), timexes.stage),
        Stage("quotes", ("sentences", "entities"), ("quotes",), quotes.stage),
        Stage("quantities", ("entities", "timexes", "quotes"), ("quantities",), quantities.stage),
        Stage("events", ("sentences", "entities", "timexes", "quotes", "quantities"), ("events",), events.stage),
    )
    check_order(stages)
    return stages


def run_stages(document: Document, parsed: Doc, stages: Sequence[Stage]) -> Extraction:
    """Run ``stages`` over one parsed document and gather their records."""
    found: dict[str, tuple[Any, ...]] = {}
    errors: list[str] = []
    for stage in stages:
        try:
            produced = stage.run(StageInput(document, parsed, found))
            found = {**found, **{name: tuple(produced[name]) for name in stage.assigns}}
        except Exception as error:  # noqa: BLE001 - one failing stage must not empty the whole document
            log.exception("stage %s failed on document %s (%s)", stage.name, document.id, document.origin)
            errors.append(f"{stage.name}: {type(error).__name__}: {error}")
            found = {**found, **{name: () for name in stage.assigns}}
    return Extraction(document=document, errors=tuple(errors), **found)


def extract_documents(
    documents: Iterable[Document], *, nlp: Any, stages: Sequence[Stage], batch_size: int = 32, n_process: int = 1
) -> Iterator[Extraction]:
    """Parse each document once (batched) and run the stages over it, yielding extractions in order."""
    from sitroom.nlp import parse

    pending: deque[Document] = deque()

    def texts() -> Iterator[str]:
        for document in documents:
            pending.append(document)
            yield document.text

    for parsed in parse(nlp, texts(), batch_size=batch_size, n_process=n_process):
        yield run_stages(pending.popleft(), parsed, stages)
