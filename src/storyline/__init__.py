"""Storyline: news pages in, structured and linked knowledge out.

Public API: :func:`read` (page → Article), :func:`analyze` (Article or text → Analysis),
:func:`digest` (both), and :class:`Store` (the corpus store).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Analysis, Article, Entity, Event, Quote, Story, Timex

__version__ = "0.1.0"
__all__ = [
    "Analysis", "Article", "Entity", "Event", "Quote", "Story", "Timex", "Store",
    "read", "analyze", "analyze_many", "digest",
]

if TYPE_CHECKING:
    from .store import Store


# Eager imports: a lazy ``from .read import read`` would let the submodule shadow the function.
from .analyze import analyze, analyze_many  # noqa: E402
from .read import read  # noqa: E402


def digest(source: Any, *, url: str | None = None) -> Analysis:
    """Read then analyse one page."""
    return analyze(read(source, url=url))


def __getattr__(name: str) -> Any:  # lazy: the store pulls in SQL drivers
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
