"""Entity mentions, in-article clusters, canonical names and roles. (Placeholder until issue 3.)"""

from __future__ import annotations

from ..model import Entity


def extract_entities(doc) -> list[Entity]:
    return []
