"""The Ray runner on input where nothing fails: every column of a skip-free run loads back (no NaN reasons)."""

from __future__ import annotations

import pytest

from storyline.store import Store
from warc_builder import STORIES, records, write_warc

pytestmark = pytest.mark.slow  # each test starts a Ray cluster


@pytest.mark.slow
def test_ray_ingest_of_an_archive_without_a_bad_record(tmp_path):
    ray = pytest.importorskip("ray")
    from storyline.scale import ingest_with_ray

    archive = write_warc(tmp_path / "clean.warc.gz", records(), compressed=True)
    try:
        with Store.create(tmp_path / "ray.db") as store:
            summary = ingest_with_ray([archive], store, num_cpus=1)
            titles = sorted(row["title"] for row in store.articles())
        assert summary.aborted is None and summary.read == len(STORIES)
        assert summary.stored == len(STORIES) and summary.skipped_total == 0
        assert titles == sorted(title for title, _ in STORIES)
    finally:
        ray.shutdown()
