"""A bounded schemathesis run over the HTTP API's OpenAPI schema: no generated request gets a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from serve_sample_store import build_sample_store
from storyline.serve import create_app

EXAMPLES_PER_OPERATION = 25  # about 300 requests in all: well under a minute


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    store, _ = build_sample_store(tmp_path_factory.mktemp("fuzz") / "sample.db")
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store))
    store.close()


def test_no_generated_request_gets_a_server_error(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 8
    failures: list[str] = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case) -> None:
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query or ''} → "
                                f"{response.status_code}: {response.text[:200]}")

        call()
    assert not failures, "\n".join(failures[:10])
