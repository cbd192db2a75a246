"""Quotes: direct and indirect speech with speaker and cue (issue 4; being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.pipeline import StageInput


def stage(given: StageInput) -> dict[str, tuple]:
    """No quotes until the quote stage lands."""
    return {"quotes": ()}
