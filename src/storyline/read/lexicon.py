"""Load the reader's word lists from ``storyline/data/read_*.txt`` (one entry a line, ``#`` comments)."""

from __future__ import annotations

from functools import cache

from .. import lexicons


@cache
def load(name: str) -> tuple[str, ...]:
    """Entries of ``data/read_<name>.txt``, lower-cased, in file order."""
    return tuple(line.lower() for line in lexicons.lines(f"read_{name}.txt"))
