"""Captions and picture descriptions: their time expressions, and their entity mentions joined to the body's."""

from __future__ import annotations

from ..model import Article, Entity, Timex
from . import entities as _entities
from . import timex as _timex
from .nlp import parse_many


def analyze_captions(article: Article, anchor: str | None, entities: list[Entity]) -> list[Timex]:
    """Time expressions and entity mentions in captions and picture descriptions.

    Returns the time expressions; caption mentions join the body's entities (``Mention.where`` says
    which caption their offsets index), and people named only in captions become entities of their own.
    """
    # a caption the reader placed in the body (a figure inside the article) is analysed there, not twice
    places = [(f"caption {i}", c.text) for i, c in enumerate(article.captions) if c.text not in article.text]
    places += [(f"media {i}", m.description) for i, m in enumerate(article.media)
               if m.type == "ImageObject" and m.description]
    timexes: list[Timex] = []
    for (where, _), doc in zip(places, parse_many(text for _, text in places), strict=True):
        for timex in _timex.tag_timexes(doc, anchor):
            timex.where = where
            timexes.append(timex)
        for found in _entities.extract_entities(doc):
            _merge_caption_entity(found, where, entities)
    return timexes


def _merge_caption_entity(found: Entity, where: str, entities: list[Entity]) -> None:
    for mention in found.mentions:
        mention.where = where
    target = _same_entity(found, entities)
    if target is None:
        found.id = f"e{len(entities) + 1}"
        entities.append(found)
    else:
        target.aliases += [a for a in [found.name, *found.aliases] if a != target.name and a not in target.aliases]
        target.roles += [r for r in found.roles if r not in target.roles]
    for mention in found.mentions:
        mention.entity_id = (target or found).id
        if target is not None:
            target.mentions.append(mention)


def _same_entity(found: Entity, entities: list[Entity]) -> Entity | None:
    """The body entity a caption entity names: same name or alias, or for people the same surname."""
    names = {n.casefold() for n in [found.name, *found.aliases]}
    for entity in entities:
        if names & {n.casefold() for n in [entity.name, *entity.aliases]}:
            return entity
    if found.type == "PERSON":
        surname = found.name.split()[-1].casefold()
        same = [e for e in entities if e.type == "PERSON" and e.name.split()[-1].casefold() == surname]
        if len(same) == 1:
            return same[0]
    return None
