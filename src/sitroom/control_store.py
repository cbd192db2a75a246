"""Who held what, day by day, kept in the store: the situation at a day as one range query at any size.

The situation is derived from every stored event (docs/decisions.md §13). At a million events that takes
minutes and gigabytes (docs/performance.md), far from an answer an analyst waits for. So `sitroom ingest`
ends by deriving it once and keeping its control periods in the table ``control_periods``, with the counts of
the store it was derived from (``derived_state``). :func:`control_at` answers from that table while it
matches the store, and says ``None`` otherwise (an ingest stopped before its end, a newer sitroom): the
caller then derives, which is always right, only slower.
"""

from __future__ import annotations

import datetime as dt
import logging

from sitroom.gazetteer import Gazetteer
from sitroom.model import ControlPeriod, ControlStatus
from sitroom.store import Store

log = logging.getLogger(__name__)

NAME = "control"  # the row of derived_state
_COLUMNS = ('place, place_name, status, "begin", "end", confidence, incidents, documents, sources, holder, '
            "holder_name, lat, lon, country, admin1, capital_of")


def refresh(store: Store, *, gazetteer: Gazetteer | None = None) -> int:
    """Derive the situation and keep its control periods in ``store`` (one transaction); returns their number.

    Nothing is done when the kept periods already match the store.

    Example:
        >>> with Store(":memory:") as store:
        ...     refresh(store)
        0
    """
    if store.derived_fresh(NAME):
        return store.query("SELECT count(*) FROM control_periods")[0][0]
    from sitroom.situation import load_situation

    situation = load_situation(store, gazetteer=gazetteer)
    periods = situation.periods
    rows = [(p.place, p.place_name, str(p.status), p.begin, p.end, p.confidence, list(p.incidents),
             list(p.documents), p.sources, p.holder, p.holder_name, p.lat, p.lon, p.country, p.admin1, p.capital_of,
             position) for position, p in enumerate(periods)]
    with store.transaction():
        store.db.execute("DELETE FROM control_periods")
        store.insert_rows("control_periods", rows)
        store.mark_derived(NAME, last_day=situation.dates()[1])
    log.info("kept %d control periods", len(rows))
    return len(rows)


def control_at(store: Store, day: dt.date) -> tuple[ControlPeriod, ...] | None:
    """The period of each place that covers ``day``, from the kept periods; None when they are stale.

    The same periods as ``situation.state_at(load_situation(store).periods, day)``, in the same order.

    Example:
        >>> with Store(":memory:") as store:
        ...     control_at(store, dt.date(2021, 8, 13))
        ()
    """
    if not store.derived_fresh(NAME):
        return None if store.query("SELECT count(*) FROM documents")[0][0] else ()  # an empty store: nothing
    rows = store.query(f"""SELECT {_COLUMNS} FROM control_periods
                           WHERE "begin" <= ? AND ("end" IS NULL OR ? < "end")
                           ORDER BY position""", [day, day])
    return tuple(_period(row) for row in rows)


def last_day(store: Store) -> dt.date | None:
    """The last day any incident is dated to (the default day of ``sitroom situation``), while the kept periods
    match the store; else None."""
    if not store.derived_fresh(NAME):
        return None
    return store.query("SELECT last_day FROM derived_state WHERE name = ?", [NAME])[0][0]


def _period(row: tuple) -> ControlPeriod:
    return ControlPeriod(place=row[0], place_name=row[1], status=ControlStatus(row[2]), begin=row[3], end=row[4],
                         confidence=row[5], incidents=tuple(row[6] or ()), documents=tuple(row[7] or ()),
                         sources=row[8], holder=row[9], holder_name=row[10], lat=row[11], lon=row[12],
                         country=row[13], admin1=row[14], capital_of=row[15])
