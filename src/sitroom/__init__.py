"""sitroom: read conflict reports and rebuild the situation they describe.

The public API is imported lazily so that ``sitroom --help`` starts at once::

    import sitroom
    result = sitroom.extract("Kabul - The Taliban took Kunduz on Sunday.", published="2021-08-09")
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_inputs", "load_settings", "Store", "ingest"]

_LAZY = {
    "extract": "sitroom.extraction",
    "extract_inputs": "sitroom.extraction",
    "load_settings": "sitroom.settings",
    "Store": "sitroom.store",
    "ingest": "sitroom.ingest",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sitroom' has no attribute {name!r}")
