"""Analyse a posted (or, when allowed, fetched) page without storing it: the ``digest --json`` record."""

from __future__ import annotations

import threading

from ..model import Analysis
from .errors import ApiError

# One spaCy pipeline serves every request; parse one page at a time.
_analysis_lock = threading.Lock()


def digest_page(content: bytes, *, url: str | None = None, published: str | None = None) -> Analysis:
    """Read then analyse one page given as bytes, with the pipeline's runner; unreadable pages are a 422."""
    from ..pipeline.stages import digest_page as run
    from ..read.errors import ReadError

    with _analysis_lock:
        try:
            return run(content, url=url, published=published)
        except ReadError as exc:
            raise ApiError(422, f"cannot read this page: {exc}") from exc
