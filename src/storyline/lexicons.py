"""The one loader of the package's data files (``storyline/data/``): word lists, tables, JSON and models.

One rule for every list: entries are stripped lines; blank lines and lines whose first character is ``#``
are comments. Case is kept as written; a caller that compares case-blind folds both sides itself.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_PACKAGE = "storyline.data"


def path(name: str) -> Path:
    """The file ``name`` in the data folder (for tools that write it, such as training scripts)."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


@cache
def text(name: str) -> str:
    """A data file's whole text."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """A list's entries, in file order, without comments and blank lines."""
    stripped = (line.strip() for line in text(name).splitlines())
    return tuple(line for line in stripped if line and not line.startswith("#"))


def words(name: str, *, lower: bool = False) -> frozenset[str]:
    """A list's entries as a set (lower-cased when asked)."""
    return frozenset(line.lower() for line in lines(name)) if lower else frozenset(lines(name))


def rows(name: str) -> list[list[str]]:
    """A tab-separated table's rows, each a list of its cells."""
    return [line.split("\t") for line in lines(name)]


def load_json(name: str) -> Any:
    """A JSON data file, parsed (a fresh object on every call: callers may change it)."""
    return json.loads(text(name))
