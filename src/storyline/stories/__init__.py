"""Across articles: duplicates, cross-document entities, event coreference and stories with timelines.

:func:`build` is the pure function over records; :func:`update` runs it over a store after an ingest
and saves what it found. Stories are recomputed over the whole store in publication order, so a new
article joins an existing story (whose id, taken from its first article, stays the same) or starts one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Analysis, Article, Story, StoryArticle
from .cluster import StoryItem, cluster_articles
from .duplicates import Duplicate, find_duplicates
from .entities import CrossEntity, link_entities
from .timeline import Report, build_timeline

KEY_PARTICIPANTS = 5
KEY_QUOTES = 5


@dataclass
class Linked:
    """What the stories stage found over a set of articles."""

    duplicates: list[Duplicate] = field(default_factory=list)
    entities: list[CrossEntity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)


def build(items: list[tuple[str, Article, Analysis | None]]) -> Linked:
    """Duplicates, cross-document entities and stories over (article id, Article, Analysis) triples."""
    duplicates = find_duplicates([(article_id, article) for article_id, article, _ in items])
    copies_of: dict[str, list[Duplicate]] = {}
    for duplicate in duplicates:
        copies_of.setdefault(duplicate.of_id, []).append(duplicate)
    folded = {d.article_id for d in duplicates}
    kept = [item for item in items if item[0] not in folded]
    entities = link_entities([(article_id, analysis.entities if analysis else []) for article_id, _, analysis in kept])
    by_id = {article_id: (article, analysis) for article_id, article, analysis in kept}
    groups = cluster_articles([StoryItem(article_id, article, analysis) for article_id, article, analysis in kept])
    canonical = _canonical_names(entities)
    stories = [_story(ids, by_id, copies_of, canonical) for ids in groups]
    stories.sort(key=lambda s: (-len(s.articles), s.articles[0].published or "", s.id))
    return Linked(duplicates, entities, stories)


def _canonical_names(entities: list[CrossEntity]) -> dict[tuple[str, str], str]:
    """(article id, per-article entity id) → the cross-document name."""
    return {(m["article_id"], m["entity_id"]): e.name for e in entities for m in e.members}


def _story(ids: list[str], by_id: dict, copies_of: dict[str, list[Duplicate]],
           canonical: dict[tuple[str, str], str]) -> Story:
    reports = [Report(article_id, *by_id[article_id]) for article_id in ids]
    articles = [StoryArticle(
        id=r.article_id, title=r.article.title, url=r.article.url, path=r.article.source_path,
        published=r.article.published.value if r.article.published else None, publisher=r.article.publisher,
        copies=[{"id": d.article_id, "score": d.score, "differences": d.differences}
                for d in copies_of.get(r.article_id, [])]) for r in reports]
    mentions: Counter[str] = Counter()
    quotes = []
    for r in reports:
        if not r.analysis:
            continue
        names = {e.id: canonical.get((r.article_id, e.id), e.name) for e in r.analysis.entities}
        for e in r.analysis.entities:
            if e.type in {"PERSON", "ORG", "GPE"}:
                mentions[names[e.id]] += max(1, len(e.mentions))
        # a quote names its speaker by the entity's name in the article; the story uses the cross-article one
        by_name = {e.name: names[e.id] for e in r.analysis.entities}
        quotes += [{"text": q.text, "speaker": by_name.get(q.speaker_entity or "") or q.speaker_entity,
                    "kind": q.kind, "article_id": r.article_id}
                   for q in r.analysis.quotes if q.attribution == "speech"]
    participants = [name for name, _ in mentions.most_common(KEY_PARTICIPANTS)]
    key_quotes = sorted((q for q in quotes if q["speaker"]), key=lambda q: q["speaker"] not in participants)
    return Story(id=f"story-{ids[0]}", title=reports[0].article.title or f"Story of {ids[0]}", articles=articles,
                 timeline=build_timeline(reports), participants=participants, quotes=key_quotes[:KEY_QUOTES])


def update(store, article_ids: list[str] | None = None) -> int:
    """After an ingest: mark duplicates, rebuild cross-document entities and stories over the store.

    ``article_ids`` are the newly added articles; everything is recomputed over the whole store so
    the result does not depend on ingest batches, and those articles (or all unlinked ones) are
    then marked as linked. Returns how many of them are copies (near-duplicates) of another article.
    """
    ids = store.article_ids()
    items = []
    for article_id in ids:
        article = store.get_article(article_id)
        if article is not None:
            items.append((article_id, article, store.get_analysis(article_id)))
    linked = build(items)
    for duplicate in linked.duplicates:
        store.mark_duplicate(duplicate.article_id, duplicate.of_id, duplicate.score, duplicate.differences)
    store.save_entities([e.to_row() for e in linked.entities], replace=True)
    store.save_stories(linked.stories, replace=True)
    new = list(article_ids) if article_ids is not None else store.unlinked_ids()
    store.mark_linked(new)
    new_set = set(new)
    return sum(1 for duplicate in linked.duplicates if duplicate.article_id in new_set)
