"""Load the reader's word lists from ``storyline/data/read_*.txt`` (one entry a line, ``#`` comments)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def load(name: str) -> tuple[str, ...]:
    """Entries of ``data/read_<name>.txt``, lower-cased, in file order."""
    text = (DATA_DIR / f"read_{name}.txt").read_text(encoding="utf-8")
    entries = (line.strip().lower() for line in text.splitlines())
    return tuple(e for e in entries if e and not e.startswith("#"))
