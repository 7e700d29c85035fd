"""The corpus store: SQLite (WAL, FTS5) by default, PostgreSQL by URL; see :class:`Store`."""

from __future__ import annotations

from .db import AddResult, Store
from .errors import StoreBusy, StoreError, StoreFull
from .export import ExportError

__all__ = ["AddResult", "ExportError", "Store", "StoreBusy", "StoreError", "StoreFull"]
