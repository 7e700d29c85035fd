"""Analyse a posted (or, when allowed, fetched) page without storing it: the ``digest --json`` record."""

from __future__ import annotations

import threading

from ..model import Analysis
from .errors import ApiError

# One spaCy pipeline serves every request; parse one page at a time.
_analysis_lock = threading.Lock()


def digest_page(content: bytes, *, url: str | None = None, published: str | None = None) -> Analysis:
    """Read then analyse one page given as bytes.

    Bytes, never ``str``: ``storyline.read`` takes a short string for a file path, and a posted
    string must never open a file on the server.
    """
    from .. import analyze, read
    from ..analyze.nlp import memory_zone
    from ..read.errors import ReadError

    with _analysis_lock:
        try:
            article = read(content, url=url)
        except ReadError as exc:
            raise ApiError(422, f"cannot read this page: {exc}") from exc
        with memory_zone():  # a long-running server must not keep every word it was ever sent
            return analyze(article, published=published)


