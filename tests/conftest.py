"""Fixtures shared by several test files."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serve_sample_store import build_sample_store
from storyline.serve import create_app


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A test client over the small sample store, and the ids of its articles and entities."""
    store, ids = build_sample_store(tmp_path_factory.mktemp("serve") / "sample.db")
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        yield client, ids
    store.close()
