"""Shared fixtures: the real seed reports, the demo corpus, and one spaCy load per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
EXAMPLES = ROOT / "examples"
SEED_000 = "000_e8932c4ce51662c1.txt"
SEED_004 = "004_271c4b522949b8fc.txt"
SEED_DATES = {SEED_000: "2021-08-09", SEED_004: "2021-08-13"}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the real seed reports are not at {SEEDS} (CI checks out ../shared beside the project)")
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {name: (seeds_dir / name).read_text(encoding="utf-8") for name in SEED_DATES}


@pytest.fixture(scope="session")
def nlp():
    from sitroom.nlp import load_model
    from sitroom.settings import load_settings

    return load_model(load_settings(env={}).model)


def pytest_collection_finish(session: pytest.Session) -> None:
    # A run that collects nothing must fail loudly, never pass (pytest's own exit code 5 is easy to swallow).
    if not session.items and not session.config.option.collectonly:
        raise pytest.UsageError("no tests collected: check the test paths and -k/-m filters")


@pytest.fixture(scope="session")
def extracted(nlp, seed_texts: dict[str, str]):
    """Each seed report's extraction, published on its real date (the model is loaded once)."""
    from sitroom.extraction import extract
    from sitroom.settings import load_settings

    settings = load_settings(env={})
    return {name: extract(text, published=SEED_DATES[name], settings=settings) for name, text in seed_texts.items()}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole demo corpus ingested once per session (as `make demo` does). Open it read-only: it is shared."""
    from sitroom.demo import run_demo
    from sitroom.settings import load_settings

    path = tmp_path_factory.mktemp("demo-db") / "demo.duckdb"
    run_demo(path, settings=load_settings(env={}))
    return path
