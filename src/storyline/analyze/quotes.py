"""Quotes, cues, speakers and channels. (Placeholder until issue 4.)"""

from __future__ import annotations

from ..model import Entity, Quote


def extract_quotes(doc, entities: list[Entity]) -> list[Quote]:
    return []
