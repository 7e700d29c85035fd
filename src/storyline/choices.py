"""The values queries accept for a type, shared by the command line and the HTTP API (read without
loading the language model)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from . import lexicons

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PLATFORM")


@cache
def event_types() -> tuple[str, ...]:
    """The event types the events stage can report: the type column of its trigger lexicon."""
    return tuple(sorted({row[2] for row in lexicons.rows("events_triggers.tsv") if len(row) > 2} - {"type"}))


def spelled(value: str, choices: Sequence[str]) -> str | None:
    """``value`` as spelled in ``choices`` (case does not matter), or None when it is none of them."""
    return next((choice for choice in choices if choice.casefold() == value.casefold()), None)
