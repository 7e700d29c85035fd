"""Ray Data runner: shards → pages → :func:`~storyline.store.stages.process_pages` (the very function a
local ingest runs) → Parquet → bulk load into the store. Set ``RAY_ADDRESS`` to run on a cluster."""

from __future__ import annotations

import glob
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..model import Analysis, Article, Page, from_dict, to_dict
from ..read.sources import iter_pages
from ..store.db import Store
from ..store.errors import StoreFull
from ..store.ingest import Summary, link_stories, store_outcomes
from ..store.stages import Outcome, page_digest, process_pages

log = logging.getLogger(__name__)

PAGE_FIELDS = ("content", "name", "url", "path", "fetched_at", "source", "published", "title", "error")
LOAD_BATCH = 64  # rows per store transaction during the bulk load


def shards(sources: Iterable[str | Path]) -> list[str]:
    """Sources as independent work items: directories and globs expand to their files, sorted."""
    found: list[str] = []
    for source in map(str, sources):
        if Path(source).is_dir():
            found += sorted(str(p) for p in Path(source).rglob("*") if p.is_file() and not p.name.startswith("."))
        elif not Path(source).exists() and glob.has_magic(source):
            found += sorted(glob.glob(source, recursive=True))
        else:
            found.append(source)
    return found


def _pages_of_shard(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for page in iter_pages([row["shard"]], follow_links=False):
        yield {k: getattr(page, k) for k in PAGE_FIELDS}


def _analyse_batch(batch: dict[str, Any], known: frozenset[str], batch_size: int) -> dict[str, list]:
    """One Ray batch of pages → outcome rows (article and analysis as JSON) for Parquet."""
    size = len(batch["name"])
    pages = [Page(**{k: (batch[k][i].item() if hasattr(batch[k][i], "item") else batch[k][i])
                     for k in PAGE_FIELDS}) for i in range(size)]
    rows: dict[str, list] = {"name": [], "digest": [], "article": [], "analysis": [], "error": []}

    def emit(outcome: Outcome) -> None:
        rows["name"].append(outcome.name)
        rows["digest"].append(outcome.digest)
        rows["article"].append(json.dumps(to_dict(outcome.article)) if outcome.article else None)
        analysis = to_dict(outcome.analysis) if outcome.analysis else None
        if analysis:
            analysis.pop("article")
        rows["analysis"].append(json.dumps(analysis) if analysis else None)
        rows["error"].append(outcome.error)

    fresh = []
    for page in pages:
        if page.error or page.content is None:
            emit(Outcome(page.name, "", error=page.error or "no content"))
        elif page_digest(page) in known:
            emit(Outcome(page.name, page_digest(page), error="duplicate"))
        else:
            fresh.append(page)
    for outcome in process_pages(fresh, batch_size):
        emit(outcome)
    return rows


def _outcome(row: dict[str, Any]) -> Outcome:
    article = from_dict(Article, json.loads(row["article"])) if row["article"] else None
    analysis = None
    if row["analysis"]:
        analysis = from_dict(Analysis, json.loads(row["analysis"]))
        analysis.article = article
    return Outcome(row["name"], row["digest"], article, analysis, row["error"])


def bulk_load(parquet_dir: Path, store: Store, summary: Summary) -> None:
    """Load the runner's Parquet output into the store, in file order, a transaction per chunk."""
    import pyarrow.parquet as pq

    for path in sorted(parquet_dir.glob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=LOAD_BATCH):
            outcomes = [_outcome(row) for row in batch.to_pylist()]
            summary.read += len(outcomes)
            summary.duplicates += sum(o.error == "duplicate" for o in outcomes)
            store_outcomes(store, [o for o in outcomes if o.error != "duplicate"], summary)


def ingest_with_ray(sources: Iterable[str | Path], store: Store, *, batch_size: int = 16,
                    output: str | Path | None = None, num_cpus: int | None = None) -> Summary:
    """Ingest with Ray Data: a local Ray (``num_cpus``), or the cluster named by ``RAY_ADDRESS``.

    ``output``: where the Parquet files go (default: a temporary folder removed after the load).
    """
    import ray

    started = time.perf_counter()
    summary = Summary()
    work = shards(sources)
    if not ray.is_initialized():
        ray.init(address=os.environ.get("RAY_ADDRESS"), num_cpus=num_cpus, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True)
    known = frozenset(store.known_hashes())
    with tempfile.TemporaryDirectory(prefix="storyline-ray-") as scratch:
        out = Path(output) if output else Path(scratch)
        dataset = (ray.data.from_items([{"shard": s} for s in work])
                   .flat_map(_pages_of_shard)
                   .map_batches(_analyse_batch, batch_size=batch_size, batch_format="numpy",
                                fn_kwargs={"known": known, "batch_size": batch_size}))
        dataset.write_parquet(str(out))
        try:
            bulk_load(out, store, summary)
        except StoreFull as exc:
            summary.aborted = str(exc)
    if summary.aborted is None:
        summary.stories, summary.copies = link_stories(store)
    summary.seconds = time.perf_counter() - started
    log.info("ray ingest: %s", summary.as_dict())
    return summary
