"""Ray Data runner: shards → pages → :func:`~storyline.pipeline.stages.process_pages` (the very function a
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
from ..pipeline.ingest import Summary, link_stories, store_outcomes
from ..pipeline.stages import Outcome, page_digest, process_pages
from ..read.sources import iter_file, iter_pages, walk
from ..store.db import Store
from ..store.errors import StoreFull

log = logging.getLogger(__name__)

PAGE_FIELDS = ("content", "name", "url", "path", "fetched_at", "source", "published", "title", "error")
OUTCOME_FIELDS = ("name", "digest", "article", "analysis", "error")  # Parquet columns, all strings
LOAD_BATCH = 64  # rows per store transaction during the bulk load


def shards(sources: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Sources as independent work items ``{"shard", "found"}``: directories and globs expand to their files,
    sorted; ``found`` marks a file found in a directory (read by the same rules as a local ingest)."""
    items: list[dict[str, Any]] = []
    for source in map(str, sources):
        matches = sorted(glob.glob(source, recursive=True)) if glob.has_magic(source) else []
        if Path(source).is_dir():
            items += [{"shard": str(path), "found": True} for path in walk(Path(source))]
        elif not Path(source).exists() and matches:
            items += [{"shard": match, "found": False} for match in matches if Path(match).is_file()]
        else:
            items.append({"shard": source, "found": False})
    return items


def _pages_of_shard(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    pages = (iter_file(Path(row["shard"]), found=True, follow_links=False) if row["found"]
             else iter_pages([row["shard"]], follow_links=False))
    for page in pages:
        yield {k: getattr(page, k) for k in PAGE_FIELDS}


def _analyse_batch(batch: Any, known: frozenset[str], batch_size: int) -> Any:
    """One Ray batch of pages (an Arrow table, so a missing value stays None) → outcome rows (article and
    analysis as JSON) as an Arrow table with string columns for Parquet."""
    import pyarrow as pa

    pages = [Page(**{k: row.get(k) for k in PAGE_FIELDS}) for row in batch.to_pylist()]
    rows: dict[str, list] = {field: [] for field in OUTCOME_FIELDS}

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
    return pa.table(rows, schema=pa.schema([(field, pa.string()) for field in OUTCOME_FIELDS]))


def _outcome(row: dict[str, Any]) -> Outcome:
    # a column that was empty in a whole file may come back as null or NaN: anything not a string is None
    name, digest, article_json, analysis_json, error = (
        row.get(field) if isinstance(row.get(field), str) else None for field in OUTCOME_FIELDS)
    article = from_dict(Article, json.loads(article_json)) if article_json else None
    analysis = None
    if analysis_json:
        analysis = from_dict(Analysis, json.loads(analysis_json))
        analysis.article = article
    return Outcome(name or "", digest or "", article, analysis, error or None)


def bulk_load(parquet_files: Iterable[Path], store: Store, summary: Summary) -> None:
    """Load the runner's Parquet files into the store, in path order, a transaction per chunk."""
    import pyarrow.parquet as pq

    for path in sorted(parquet_files):
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
        dataset = (ray.data.from_items(work)
                   .flat_map(_pages_of_shard)
                   .map_batches(_analyse_batch, batch_size=batch_size, batch_format="pyarrow",
                                fn_kwargs={"known": known, "batch_size": batch_size}))
        earlier = set(out.glob("*.parquet"))  # an earlier run's output in the same folder is not loaded again
        dataset.write_parquet(str(out))
        try:
            bulk_load(set(out.glob("*.parquet")) - earlier, store, summary)
        except StoreFull as exc:
            summary.aborted = str(exc)
    if summary.aborted is None:
        summary.stories, summary.copies = link_stories(store)
    summary.seconds = time.perf_counter() - started
    log.info("ray ingest: %s", summary.as_dict())
    return summary
