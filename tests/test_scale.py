"""The Ray runner (Ray's local mode): the same stage functions, Parquet out, bulk-loaded; same store as a local ingest."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from storyline.pipeline.ingest import ingest
from storyline.store import Store

pytestmark = pytest.mark.slow  # each test starts a Ray cluster

FIXTURES = Path(__file__).parent / "fixtures" / "store"
SOURCES = [FIXTURES / "sample.warc.gz", FIXTURES / "feed.rss", FIXTURES / "not-a-feed.rss"]


def _exports(store: Store) -> list[str]:
    out = []
    for what in ("articles", "quotes", "events"):
        buffer = io.StringIO()
        store.export("jsonl", what, buffer)
        out.append(buffer.getvalue())
    return out


@pytest.mark.slow
def test_ray_ingest_matches_a_local_ingest(tmp_path):
    ray = pytest.importorskip("ray")
    from storyline.scale import ingest_with_ray

    try:
        with Store.create(tmp_path / "ray.db") as by_ray, Store.create(tmp_path / "local.db") as local:
            summary = ingest_with_ray(SOURCES, by_ray, num_cpus=1, output=tmp_path / "parquet")
            ingest(SOURCES, local, follow_links=False)
            assert summary.stored == 5 and summary.skipped_total == 4
            assert {"corrupt WARC record", "not a usable feed"} <= set(summary.skipped)
            assert list((tmp_path / "parquet").glob("*.parquet"))
            assert _exports(by_ray) == _exports(local)
            again = ingest_with_ray(SOURCES, by_ray, num_cpus=1)
            assert again.stored == 0 and again.duplicates == 5
    finally:
        ray.shutdown()
