"""schemathesis against /openapi.json: generated requests to every operation, no 5xx.

Bounded: a few valid and a few invalid examples per operation (the file runs in well
under a minute).  ``POST /api/v1/extract`` codes what it is sent, with the real pipeline.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from dyadwatch.web import create_app  # noqa: E402

EXAMPLES = 8


@pytest.fixture(scope="module")
def api_schema(crisis_db, pipeline):
    return schemathesis.openapi.from_asgi("/openapi.json",
                                          create_app(crisis_db, pipeline=pipeline))


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error(api_schema, mode):
    tried = []
    for result in api_schema.get_all_operations():
        op = result.ok()

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code >= 400:
                assert "error" in response.json(), response.text

        try:
            check()
        except Unsatisfiable:  # an operation without parameters has nothing to break
            assert mode == GenerationMode.NEGATIVE, op.label
            continue
        tried.append(op.label)
    assert any("/api/v1/extract" in t for t in tried), tried
    assert len(tried) >= (12 if mode == GenerationMode.POSITIVE else 8), tried
