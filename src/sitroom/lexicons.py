"""Package data files (lexicons, tables, schemas), loaded once with importlib.resources."""

from __future__ import annotations

import csv
import functools
import io
import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of ``sitroom/data/<name>``."""
    return resources.files("sitroom").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def load_json(name: str) -> Any:
    """A JSON data file; keys starting with ``_`` (comments) are dropped from a top-level object."""
    data = json.loads(read_text(name))
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if not key.startswith("_")}
    return data


@functools.cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV data file; lines starting with ``#`` are comments."""
    lines = [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines))))
