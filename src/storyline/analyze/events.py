"""Event frames. (Placeholder until issue 5.)"""

from __future__ import annotations

from ..model import Entity, Event, Quote, Timex


def extract_events(doc, entities: list[Entity], timexes: list[Timex], quotes: list[Quote],
                   anchor: str | None) -> list[Event]:
    return []
