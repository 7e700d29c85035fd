"""Across articles: duplicates, cross-document entities, event coreference and stories with timelines.

:func:`build` is the pure function over records; :func:`update` runs it over a store after an ingest
and saves what it found. Stories grow incrementally: a new article joins a stored story (whose id,
taken from its founding article, stays the same) or starts one; nothing else moves unless
``rebuild`` re-clusters the whole store. A page flagged ``no_article`` never starts or joins a story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Analysis, Article, CrossEntity, Duplicate, Story, StoryArticle
from .cluster import StoryItem, article_names, place_articles
from .crossdoc import link_events
from .duplicates import find_duplicates
from .entities import link_entities
from .timeline import Report, build_timeline

KEY_PARTICIPANTS = 5
KEY_QUOTES = 5
SAVE_CHUNK = 5000  # cross-document entities written per transaction (memory stays flat on large stores)


@dataclass
class Linked:
    """What the stories stage found over a set of articles."""

    duplicates: list[Duplicate] = field(default_factory=list)
    entities: list[CrossEntity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)


def build(items: list[tuple[str, Article, Analysis | None]], stories: list[list[str]] | None = None) -> Linked:
    """Duplicates, cross-document entities and stories over (article id, Article, Analysis) triples.

    ``stories`` are earlier stories as article ids, founding article first: they keep their members
    and new articles join them or start new ones (see :func:`.cluster.place_articles`)."""
    duplicates = find_duplicates([(article_id, article) for article_id, article, _ in items])
    copies_of: dict[str, list[Duplicate]] = {}
    for duplicate in duplicates:
        copies_of.setdefault(duplicate.of_id, []).append(duplicate)
    folded = {d.article_id for d in duplicates}
    kept = [item for item in items if item[0] not in folded]
    entities = link_entities([(article_id, analysis.entities if analysis else []) for article_id, _, analysis in kept])
    by_id = {article_id: (article, analysis) for article_id, article, analysis in kept}
    clustered = [StoryItem(article_id, article, analysis) for article_id, article, analysis in kept
                 if "no_article" not in article.flags]
    known = {item.article_id for item in clustered}
    earlier = [[a for a in ids if a in known] for ids in stories or []]
    groups = place_articles(clustered, [ids for ids in earlier if ids]) if clustered else []
    canonical = _canonical_names(entities)
    paths = {article_id: article.source_path for article_id, article, _ in items}
    # the learned cross-document model links the events of each story's articles (pairs inside a story only)
    linked = {f"{m['article_id']}/{m['event_id']}": event.id
              for event in link_events(kept, groups) for m in event.members}
    made = [_story(ids, by_id, copies_of, canonical, paths, linked) for ids in groups]
    return Linked(duplicates, entities, sort_stories(made))


def _latest(story: Story) -> str:
    return max((a.published or "" for a in story.articles), default="")


def sort_stories(stories: list[Story], by: str = "recent") -> list[Story]:
    """Stories by their latest article (``recent``, newest first) or by their number of articles (``size``)."""
    if by == "size":
        return sorted(stories, key=lambda s: (-len(s.articles), _invert(_latest(s)), s.id))
    return sorted(stories, key=lambda s: (_invert(_latest(s)), -len(s.articles), s.id))


def _invert(text: str) -> tuple[int, ...]:
    """A key that sorts strings newest (largest) first; an undated story ("") goes last."""
    return tuple(-ord(c) for c in text) + (1,) if text else (1,)


def _canonical_names(entities: list[CrossEntity]) -> dict[tuple[str, str], str]:
    """(article id, per-article entity id) → the cross-document name."""
    return {(m["article_id"], m["entity_id"]): e.name for e in entities for m in e.members}


def _story(ids: list[str], by_id: dict, copies_of: dict[str, list[Duplicate]],
           canonical: dict[tuple[str, str], str], paths: dict[str, str | None], linked: dict[str, str]) -> Story:
    reports = [Report(article_id, *by_id[article_id]) for article_id in ids]
    articles = [StoryArticle(
        id=r.article_id, title=r.article.title, url=r.article.url, path=r.article.source_path,
        published=r.article.published.value if r.article.published else None, publisher=r.article.publisher,
        copies=[{"id": d.article_id, "path": paths.get(d.article_id), "score": d.score,
                 "differences": d.differences} for d in copies_of.get(r.article_id, [])])
        for r in sorted(reports, key=lambda r: (r.published or "9999", r.article_id))]
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
    central = _most_central(reports)
    return Story(id=f"story-{ids[0]}", title=central.article.title or f"Story of {ids[0]}", articles=articles,
                 timeline=build_timeline(reports, linked), participants=participants, quotes=key_quotes[:KEY_QUOTES])


CENTRAL_MEMBERS = 50  # the most central article is looked for among this many (the earliest)


def _most_central(reports: list[Report]) -> Report:
    """The article sharing the most names with the story's other articles (ties: the earliest): its
    headline says what the story is about, where an essay that merely mentions it would not."""
    reports = sorted(reports, key=lambda r: (r.published or "9999", r.article_id))[:CENTRAL_MEMBERS]
    names = [set(article_names(r.article, r.analysis)) for r in reports]
    shared = [sum(len(mine & other) for other in names) - len(mine) for mine in names]
    best = max(range(len(reports)), key=lambda n: (shared[n], bool(reports[n].article.title), -n))
    return reports[best]


def _stored_stories(store) -> list[list[str]]:
    """The stored stories as article ids, founding article first, in the order they were founded."""
    stories, published = [], {}
    for story in store.stories(limit=10_000_000):
        founder = story.id.removeprefix("story-")
        ids = [a.id for a in story.articles]
        stories.append(([founder] if founder in ids else []) + [a for a in ids if a != founder])
        published.update((a.id, a.published or "9999") for a in story.articles)
    return sorted((ids for ids in stories if ids), key=lambda ids: (published.get(ids[0], "9999"), ids[0]))


def _load(store, article_id: str) -> tuple[str, Article, Analysis | None] | None:
    """An article and its analysis as the stories stage reads them, without what it never reads (blocks,
    media, timexes, a second copy of the text), so that a large store fits in memory."""
    analysis = store.get_analysis(article_id)
    article = analysis.article if analysis and analysis.article else store.get_article(article_id)
    if article is None:
        return None
    article.blocks, article.captions, article.media, article.evidence = [], [], [], {}
    if analysis is not None:
        analysis.article, analysis.text = article, article.text
        analysis.timexes, analysis.caption_timexes, analysis.quoted_phrases = [], [], []
        for entity in analysis.entities:
            entity.evidence = []
    return article_id, article, analysis


def update(store, article_ids: list[str] | None = None, *, rebuild: bool = False) -> int:
    """After an ingest: mark duplicates, link cross-document entities and place new articles in stories.

    ``article_ids`` are the newly added articles; stored stories keep their members and the new
    articles join them or start new ones (``rebuild`` re-clusters every article instead). Those
    articles (or all unlinked ones) are then marked as linked. Returns how many of them are copies
    (near-duplicates) of another article.
    """
    items = [item for item in (_load(store, article_id) for article_id in store.article_ids()) if item]
    linked = build(items, None if rebuild else _stored_stories(store))
    for duplicate in linked.duplicates:
        store.mark_duplicate(duplicate.article_id, duplicate.of_id, duplicate.score, duplicate.differences)
    for start in range(0, max(len(linked.entities), 1), SAVE_CHUNK):  # rows made and written a chunk at a time
        store.save_entities([e.to_row() for e in linked.entities[start:start + SAVE_CHUNK]], replace=start == 0)
    store.save_stories(linked.stories, replace=True)
    new = list(article_ids) if article_ids is not None else store.unlinked_ids()
    store.mark_linked(new)
    new_set = set(new)
    return sum(1 for duplicate in linked.duplicates if duplicate.article_id in new_set)
