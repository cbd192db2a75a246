"""The HTTP API against its own OpenAPI schema (schemathesis): generated requests never get a 5xx, and every
answer, errors included, matches what the schema declares.

Each operation is driven by its schemathesis strategy under hypothesis, with a small fixed number of examples
(schemathesis' pytest plugin resolves fixtures in a way pytest 9 no longer supports).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sitroom.settings import load_settings
from sitroom.web import create_app

pytestmark = pytest.mark.slow

PATHS = ("/api/meta", "/api/documents", "/api/documents/{doc_id}", "/api/search", "/api/entities", "/api/events",
         "/api/timeline", "/api/incidents", "/api/quotes", "/api/quantities", "/api/contradictions",
         "/api/situation", "/api/export")
# export checks `country` against ISO 3166 (a 400 for a well-formed code no country has, such as "TA")
EXCLUDED = {"/api/export": [positive_data_acceptance]}
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 6}


@pytest.fixture(scope="module")
def api_schema(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    index = tmp_path_factory.mktemp("schema-index") / "demo.search.sqlite"
    app = create_app(demo_db, settings=load_settings(env={}), index=index)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_the_schema_lists_every_path_of_the_contract(api_schema) -> None:
    assert sorted(api_schema.raw_schema["paths"]) == sorted(PATHS)


@pytest.mark.parametrize(("path", "mode"), [(path, mode) for mode in EXAMPLES for path in PATHS
                                            if mode is GenerationMode.POSITIVE or path != "/api/meta"])  # no input
def test_generated_requests_get_no_server_error_and_match_the_schema(api_schema, path: str, mode) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES[mode], deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        case.call_and_validate(excluded_checks=EXCLUDED.get(path, []))

    check()
