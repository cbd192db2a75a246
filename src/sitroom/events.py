"""Events: who did what to whom, where and when, in ACLED and PLOVER terms (issue 4; being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.pipeline import StageInput


def stage(given: StageInput) -> dict[str, tuple]:
    """No events until the event stage lands."""
    return {"events": ()}
