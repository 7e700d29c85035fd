"""Storyline: news pages in, structured and linked knowledge out.

Public API: :func:`read` (page → Article), :func:`analyze` (Article or text → Analysis),
:func:`digest` (both), and :class:`Store` (the corpus store). All but the records are imported on first
use, so ``import storyline`` (and every CLI command that needs no NLP) starts without loading spaCy.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .model import Analysis, Article, Entity, Event, Quote, Story, Timex

__version__ = "0.1.0"
__all__ = [
    "Analysis", "Article", "Entity", "Event", "Quote", "Story", "Timex", "Store",
    "read", "analyze", "analyze_many", "digest",
]

if TYPE_CHECKING:
    from .analyze import analyze, analyze_many
    from .read import read
    from .store import Store

# public name → the module defining it, imported by the first lookup (PEP 562)
_LAZY = {"read": ".read", "analyze": ".analyze", "analyze_many": ".analyze", "Store": ".store"}


def digest(source: Any, *, url: str | None = None, max_chars: int | None = None) -> Analysis:
    """Read then analyse one page (at most ``max_chars`` characters of it; see :func:`analyze`)."""
    from .analyze import analyze
    from .read import read

    return analyze(read(source, url=url), max_chars=max_chars)


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value  # later lookups find it without this hook
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(ModuleType):
    """This package's module type: it keeps ``read`` and ``analyze`` the functions.

    Importing a subpackage sets it as an attribute of its parent, so the first ``import storyline.read.html``
    would otherwise replace the function ``storyline.read`` by the subpackage of the same name.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
