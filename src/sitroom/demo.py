"""The demo: ingest the bundled example reports into a fresh store."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.ingest import IngestSummary, ingest
from sitroom.settings import Settings, load_settings
from sitroom.store import Store


class CorpusNotFound(FileNotFoundError):
    """The example reports are neither bundled with the package nor in a source checkout."""


def example_corpus() -> Path:
    """The folder of bundled example reports (in the wheel, or ``examples/reports`` of a checkout)."""
    bundled = Path(str(resources.files("sitroom").joinpath("examples")))
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[2] / "examples" / "reports"
    if checkout.is_dir():
        return checkout
    raise CorpusNotFound("example reports not found: reinstall sitroom, or pass --corpus FOLDER")


def run_demo(
    db: str | Path,
    *,
    corpus: str | Path | None = None,
    settings: Settings | None = None,
    on_item: Callable[[str, Any], None] = lambda origin, item: None,
) -> IngestSummary:
    """Ingest the example reports into a fresh store at ``db`` (an existing file there is replaced).

    Args:
        db: path of the DuckDB file to create.
        corpus: folder of reports (default: the bundled examples).
        settings: resolved settings.
        on_item: progress callback, as for :func:`sitroom.ingest.ingest`.

    Returns:
        The :class:`~sitroom.ingest.IngestSummary` of the run.
    """
    settings = settings if settings is not None else load_settings()
    path = Path(db)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    folder = Path(corpus) if corpus is not None else example_corpus()
    with Store(path, memory_limit=settings.memory_limit) as store:
        return ingest([str(folder)], store=store, settings=settings, on_item=on_item)
