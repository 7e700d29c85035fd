"""The store's errors: a busy (locked) database, a full disk, and a translator from driver errors."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError


class StoreError(RuntimeError):
    """A store operation failed; the message says why."""


class StoreBusy(StoreError):
    """Another process holds the lock; retrying later may succeed."""


class StoreFull(StoreError):
    """The disk (or the database's size limit) is full; nothing of the failed write was kept."""


_BUSY = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock",
         "deadlock detected")
_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")


@contextmanager
def translated() -> Iterator[None]:
    """Turn driver errors about locks and full disks into :class:`StoreBusy` / :class:`StoreFull`."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StoreFull(f"disk full: {exc}") from exc
        raise
    except (OperationalError, DBAPIError) as exc:
        message = str(exc.orig if exc.orig is not None else exc).lower()
        if any(m in message for m in _FULL):
            raise StoreFull(f"disk full: {message.splitlines()[0]}") from exc
        if any(m in message for m in _BUSY):
            raise StoreBusy(f"database busy: {message.splitlines()[0]}") from exc
        raise
