"""Ingest: sources → pages → read + analyse (in-process or in worker processes) → store, resumable,
with retries on a busy database and a summary of what was read, stored, duplicate or skipped and why."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ..model import Page
from ..read.sources import iter_pages
from ..store.db import Store
from ..store.errors import StoreBusy, StoreFull
from .local import run_batches
from .stages import Outcome, page_digest

log = logging.getLogger(__name__)

BUSY_RETRIES = (0.5, 1.0, 2.0, 4.0, 8.0)  # seconds to wait before each retry of a write on a busy database


@dataclass
class Summary:
    """What an ingest did; ``skipped`` maps each reason to how many pages it hit."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    copies: int = 0  # stored articles that the stories step found to be near-duplicates (syndicated copies)
    skipped: Counter = field(default_factory=Counter)
    skipped_pages: list[tuple[str, str]] = field(default_factory=list)  # (page name, reason), first 1000
    retries: int = 0
    aborted: str | None = None
    stories: str | None = None  # "updated", "not available", or why the stories step failed
    new_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    truncated: int = 0  # pages longer than the analysis cap: only their start was analysed

    def skip(self, name: str, reason: str) -> None:
        log.warning("skipped %s: %s", name, reason)
        self.skipped[reason.split(":")[0]] += 1
        if len(self.skipped_pages) < 1000:
            self.skipped_pages.append((name, reason))

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates, "copies": self.copies,
                "skipped": self.skipped_total, "skipped_reasons": dict(self.skipped.most_common()),
                "skipped_pages": [{"page": name, "reason": reason} for name, reason in self.skipped_pages],
                "retries": self.retries, "aborted": self.aborted, "stories": self.stories,
                "analysis_truncated": self.truncated,
                "seconds": round(self.seconds, 2)}


Progress = Callable[[Summary], None]


def ingest(sources: Iterable[str | Path] | Iterable[Page], store: Store, *, workers: int = 1, batch_size: int = 16,
           follow_links: bool = True, progress: Progress | None = None, update_stories: bool = True,
           limit: int | None = None, max_chars: int | None = None) -> Summary:
    """Ingest every page (or the first ``limit``) of ``sources`` (paths, globs, URLs, ``-``, Pages) into ``store``.

    Work already committed is never redone: pages whose content hash is stored count as duplicates,
    so rerunning an interrupted ingest resumes it. Each page's analysis covers at most ``max_chars``
    characters (the analysis default when None); longer pages are stored flagged ``analysis_truncated``.
    """
    summary = Summary()
    started = time.perf_counter()
    pages = islice(_pages(sources, follow_links), limit)
    try:
        for outcomes in run_batches(_new_batches(pages, store, summary, batch_size), workers, batch_size, max_chars):
            store_outcomes(store, outcomes, summary)
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
    except (StoreFull, BrokenProcessPool, KeyboardInterrupt) as exc:
        summary.aborted = _why_stopped(exc)
        log.error("ingest stopped: %s; everything committed before is kept, rerun to resume", summary.aborted)
    if update_stories and summary.aborted is None:
        summary.stories, summary.copies = link_stories(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _why_stopped(exc: BaseException) -> str:
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, BrokenProcessPool):
        return "a worker process died (out of memory?)"
    return str(exc)


def _pages(items: Iterable[Any], follow_links: bool) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        else:
            yield from iter_pages([item], follow_links=follow_links)


def _new_batches(pages: Iterator[Page], store: Store, summary: Summary, size: int) -> Iterator[list[Page]]:
    """Batches of pages not stored yet; errors and known pages are counted here and never reach a worker."""
    while chunk := list(islice(pages, size)):
        summary.read += len(chunk)
        usable = []
        for page in chunk:
            if page.error or page.content is None:
                summary.skip(page.name, page.error or "no content")
            else:
                usable.append(page)
        digests = [page_digest(p) for p in usable]
        known = store.known(digests)
        fresh = [p for p, digest in zip(usable, digests, strict=True) if digest not in known]
        summary.duplicates += len(usable) - len(fresh)
        if fresh:
            yield fresh


def store_outcomes(store: Store, outcomes: list[Outcome], summary: Summary) -> None:
    """Commit one batch in one transaction, retrying while the database is busy."""
    for outcome in outcomes:
        if outcome.error:
            summary.skip(outcome.name, outcome.error)
    pairs = [(o.article, o.analysis) for o in outcomes if o.article is not None]
    if not pairs:
        return
    from ..analyze import TRUNCATED_FLAG  # here: importing the analysis loads spaCy

    summary.truncated += sum(TRUNCATED_FLAG in analysis.flags for _, analysis in pairs if analysis)
    for attempt, wait in enumerate((*BUSY_RETRIES, None)):
        try:
            results = store.add_many(pairs)
            break
        except StoreBusy as exc:
            if wait is None:
                for o in outcomes:
                    if o.article is not None:
                        summary.skip(o.name, f"database busy after {attempt} retries")
                return
            log.warning("database busy, retrying in %.1fs: %s", wait, exc)
            summary.retries += 1
            time.sleep(wait)
    for result in results:
        if result.status == "stored":
            summary.stored += 1
            summary.new_ids.append(result.article_id)
        else:
            summary.duplicates += 1


def link_stories(store: Store) -> tuple[str, int]:
    """Run the stories stage over every article it has not seen (this ingest's and any interrupted one's);
    returns its status and how many of those articles are near-duplicate copies."""
    try:
        from ..stories import update
    except ImportError as exc:
        log.debug("no stories stage: %s", exc)
        return "not available", 0
    pending = store.unlinked_ids()
    if not pending:
        return "up to date", 0
    try:
        copies = update(store, pending)
    except Exception as exc:  # noqa: BLE001 - the articles are stored; linking can be rerun
        log.exception("stories update failed")
        return f"failed: {exc}", 0
    store.mark_linked(pending)
    return "updated", copies
