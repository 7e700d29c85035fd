"""Entity mentions, in-article clusters, canonical names and roles (the ``entities`` stage)."""

from __future__ import annotations

from ..model import Entity


def extract_entities(doc) -> list[Entity]:
    """The entities of a parsed ``doc``; mention offsets index ``doc.text``."""
    return []


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)`` (the largest overlap wins).

    An empty span (``start == end``) asks for the mention containing that character position.
    """
    end = max(end, start + 1)
    best: Entity | None = None
    best_overlap = 0
    for entity in entities:
        for mention in entity.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best
