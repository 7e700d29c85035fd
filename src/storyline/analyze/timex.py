"""TIMEX3 tagging and normalisation. (Placeholder until issue 5.)"""

from __future__ import annotations

from ..model import Timex


def tag_timexes(doc, anchor: str | None) -> list[Timex]:
    return []
