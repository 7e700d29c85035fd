"""Fixtures shared by several test files: the seed article (read and analysed once per run), the store
on SQLite and PostgreSQL, and the sample web app."""

from __future__ import annotations

import importlib.util
import os
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

import storyline
from serve_sample_store import build_sample_store
from storyline.model import Analysis
from storyline.serve import create_app
from storyline.store import Store
from storyline.store.db import engine_url

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The scraped Metro article the project started from (a text dump with JSON-LD and scripts)."""
    return FIXTURES / "seed-metro.txt"


@pytest.fixture(scope="session")
def seed_analysis(seed_path) -> Analysis:
    """The seed read and analysed once for the whole run (``.article`` is the Article); do not change it."""
    return storyline.analyze(storyline.read(seed_path))


PG_URL = os.environ.get("STORYLINE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:54329/postgres")


def _pg_schema_url() -> str:
    """A PostgreSQL URL pointing at a fresh schema, so tests never see each other's tables."""
    try:
        engine = create_engine(engine_url(PG_URL), connect_args={"connect_timeout": 2})
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - no server: skip, do not fail
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {exc}")
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    """An empty store, on SQLite and, when a server is reachable, on PostgreSQL."""
    url = str(tmp_path / "s.db") if request.param == "sqlite" else _pg_schema_url()
    with Store.create(url) as s:
        yield s




@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A test client over the small sample store, and the ids of its articles and entities."""
    store, ids = build_sample_store(tmp_path_factory.mktemp("serve") / "sample.db")
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        yield client, ids
    store.close()


@pytest.fixture()
def bench_events(monkeypatch):
    """``bench/events.py`` loaded as a module, with its helpers (bench/) importable as when the script runs."""
    bench = Path(__file__).resolve().parents[1] / "bench"
    monkeypatch.syspath_prepend(str(bench))
    spec = importlib.util.spec_from_file_location("bench_events", bench / "events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
