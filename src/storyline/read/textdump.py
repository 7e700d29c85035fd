"""Scraped text dumps → Article (placeholder while the dump reader is written)."""

from __future__ import annotations

from ..model import Article
from .plaintext import read_text


def read_textdump(text: str, article: Article, *, url: str | None, fetched_at: str | None) -> Article:
    return read_text(text, article, url=url, fetched_at=fetched_at)
