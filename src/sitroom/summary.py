"""A short summary of what a store holds: documents, facts by type, most-mentioned entities, rejections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.store import Store


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """Counts and top lists, ready to print."""

    counts: dict[str, int]
    documents_by_day: tuple[tuple[str, int], ...]
    entities_by_type: tuple[tuple[str, int], ...]
    top_entities: tuple[tuple[str, str, int, int], ...]  # type, name, documents, mentions
    sources: tuple[tuple[str, int], ...]
    duplicates: tuple[tuple[str, str, str, float], ...]  # kind, duplicate origin, original origin, similarity
    rejected: tuple[dict[str, Any], ...]


def summarize(store: Store, *, top: int = 12) -> StoreSummary:
    """Summarize ``store``.

    Args:
        store: an open store.
        top: how many entities to list.

    Returns:
        A :class:`StoreSummary`.

    Example:
        >>> with Store(":memory:") as store:
        ...     summarize(store).counts["documents"]
        0
    """
    by_day = store.query(
        "SELECT coalesce(CAST(published AS VARCHAR), 'unknown') AS day, count(*) FROM documents "
        "GROUP BY day ORDER BY day")
    by_type = store.query("SELECT type, count(*) FROM entities GROUP BY type ORDER BY count(*) DESC, type")
    top_entities = store.query(
        """SELECT e.type, e.name, count(DISTINCT e.doc_id) AS docs, count(*) AS mentions
           FROM entities e JOIN mentions m ON m.entity_id = e.id
           GROUP BY e.type, e.name ORDER BY docs DESC, mentions DESC, e.name LIMIT ?""", [top])
    sources = store.query(
        "SELECT coalesce(source, 'unknown') AS s, count(*) FROM documents GROUP BY s ORDER BY count(*) DESC, s")
    duplicates = store.query(
        """SELECT d.kind, d.origin, o.origin, d.similarity FROM duplicates d
           JOIN documents o ON o.id = d.original_id ORDER BY d.seen_at, d.origin""")
    return StoreSummary(
        counts=store.counts(),
        documents_by_day=tuple((str(day), n) for day, n in by_day),
        entities_by_type=tuple((str(kind), n) for kind, n in by_type),
        top_entities=tuple((str(kind), name, docs, mentions) for kind, name, docs, mentions in top_entities),
        sources=tuple((str(source), n) for source, n in sources),
        duplicates=tuple((kind, dup, orig, sim) for kind, dup, orig, sim in duplicates),
        rejected=tuple(store.rejections()),
    )
