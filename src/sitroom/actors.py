"""Actors: canonical identities, ACLED categories, roles and group nouns (issue 3; being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.pipeline import StageInput


def stage(given: StageInput) -> dict[str, tuple]:
    """Pass the entities on unchanged until the actors stage lands."""
    return {"entities": given.found["entities"]}
