"""The per-batch work of an ingest — read pages, then analyse them in one spaCy batch, leaving no memory
behind — shared by the in-process loop, the worker processes and the Ray runner."""

from __future__ import annotations

import ctypes
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Analysis, Article, DateValue, Page

log = logging.getLogger(__name__)


def _find_malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl, Windows)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


_MALLOC_TRIM = _find_malloc_trim()


def release_free_memory() -> None:
    """Give the heap's free pages back to the OS.

    A batch's parse allocates tens of MB of temporary arrays; glibc raises its trim threshold after
    such blocks and keeps that much freed memory, so without this RSS wanders by ~50 MB between batches.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


@dataclass
class Outcome:
    """What became of one page: an analysed article, or the reason it was skipped."""

    name: str
    digest: str
    article: Article | None = None
    analysis: Analysis | None = None
    error: str | None = None


def page_digest(page: Page) -> str:
    """The content hash of a page: sha256 of its raw bytes (equal pages are stored once)."""
    return hashlib.sha256(page.content or b"").hexdigest()


def read_page(page: Page, digest: str) -> Outcome:
    """Read one page into an Article, applying the source's hints (feed title, date) where the page has none."""
    from ..read import read

    try:
        # only a saved page's own file name says something of the page (an archive's names its crawl)
        own_file = page.path if page.source == "file" else None
        article = read(page.content, url=page.url, fetched_at=page.fetched_at, path=own_file)
    except Exception as exc:  # noqa: BLE001 - the reader's error message names what was wrong
        return Outcome(page.name, digest, error=f"unreadable: {exc}")
    if not article.text.strip():
        return Outcome(page.name, digest, error="no article text")
    article.content_hash = digest
    article.source_path = article.source_path or page.path
    article.title = article.title or page.title
    if article.published is None and page.published:
        article.published = DateValue(page.published, "meta", 0.8, reason=f"{page.source} item date")
    return Outcome(page.name, digest, article=article)


def process_pages(pages: list[Page], batch_size: int = 16, max_chars: int | None = None) -> list[Outcome]:
    """Read and analyse a batch of pages; returns one Outcome per page, in order. At most ``max_chars``
    characters of each page are analysed (the analysis default when None; cut pages are flagged)."""
    from ..analyze import analyze_many
    from ..analyze.nlp import memory_zone

    outcomes = [read_page(page, page_digest(page)) for page in pages]
    readable = [o for o in outcomes if o.article is not None]
    try:
        # The batch's words leave spaCy's vocabulary with its Docs; the Analyses are plain records.
        with memory_zone():
            analyses = list(analyze_many([o.article for o in readable], batch_size=batch_size, max_chars=max_chars))
        for outcome, analysis in zip(readable, analyses, strict=True):
            outcome.analysis = analysis
    except Exception as exc:  # noqa: BLE001 - a parser crash skips this batch, not the ingest
        log.exception("analysis failed for a batch of %d pages", len(readable))
        for outcome in readable:
            outcome.article, outcome.error = None, f"analysis failed: {exc}"
    release_free_memory()
    return outcomes


def digest_page(content: bytes, *, url: str | None = None, published: str | None = None,
                max_chars: int | None = None) -> Analysis:
    """Read then analyse one page without storing it; raises the reader's ``ReadError`` on unusable input.

    Bytes, never ``str``: ``storyline.read`` takes a short string for a file path, and a page posted to a
    server must never open a file on it.
    """
    from ..analyze import analyze
    from ..analyze.nlp import memory_zone
    from ..read import read

    article = read(content, url=url)
    with memory_zone():  # a long-running server must not keep every word it was ever sent
        return analyze(article, published=published, max_chars=max_chars)
