"""Group articles into stories: each article, in publication order, joins (or bridges) the stories of the
earlier articles it is close to — TF-IDF over headline-weighted text, single link, within a time window,
sharing a name — or starts one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .. import lexicons
from ..model import Analysis, Article

JOIN_SIMILARITY = 0.12  # cosine to the closest article already in the story
WINDOW_DAYS = 14  # an article joins only stories with an article this close in time
COMMON_NAME_SHARE = 0.2  # a name in more than this share of the articles is not distinctive,
COMMON_NAME_MIN = 10  # unless it is in this few: a small store may be all one story
TITLE_WEIGHT = 3  # the headline says what the story is: count its words this many times
_NAME = re.compile(r"(?<![.!?\n]\s)(?<!^)\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*", re.MULTILINE)
_NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"}


@dataclass
class StoryItem:
    """One (non-duplicate) article as the clustering sees it."""

    article_id: str
    article: Article
    analysis: Analysis | None = None
    names: set[str] = field(default_factory=set)

    @property
    def published(self) -> str:
        return self.article.published.value[:10] if self.article.published else ""


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return lexicons.words("stories_name_stopwords.txt")


def article_names(article: Article, analysis: Analysis | None) -> set[str]:
    """Proper names in the article: the analysis' entities and capitalised phrases inside sentences."""
    names = {m.lower() for m in _NAME.findall(article.text)}
    if analysis:
        names |= {e.name.lower() for e in analysis.entities if e.type in _NAME_TYPES}
    stop = _not_names()
    return {n for n in names if not set(re.findall(r"[\w']+", n)) <= stop}


def _keep_distinctive_names(items: list[StoryItem]) -> None:
    """Drop names found in too many articles ("U.S."): sharing them says little about a story."""
    counts = Counter(name for item in items for name in item.names)
    limit = max(COMMON_NAME_MIN, int(COMMON_NAME_SHARE * len(items)))
    for item in items:
        item.names = {name for name in item.names if counts[name] <= limit}


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _close_in_time(a: str, b: str) -> bool:
    days = _days_apart(a, b) if a and b else None
    return days is None or days <= WINDOW_DAYS  # undated articles are not kept apart by time


def cluster_articles(items: list[StoryItem]) -> list[list[str]]:
    """Stories as lists of article ids (publication order); deterministic for the same items."""
    if not items:
        return []
    ordered = sorted(items, key=lambda item: (item.published or "9999", item.article_id))
    for item in ordered:
        if not item.names:
            item.names = article_names(item.article, item.analysis)
    _keep_distinctive_names(ordered)
    texts = [((item.article.title or "") + "\n") * TITLE_WEIGHT + item.article.text for item in ordered]
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer  # slow to import; only needed here

        vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # every text empty or stop words only: nothing to compare
        return [[item.article_id] for item in ordered]
    story_of = list(range(len(ordered)))  # single link: an article may join, or bridge, stories
    days = [item.published or "9999" for item in ordered]
    for i, item in enumerate(ordered):
        earlier = _window_start(days, i)
        if earlier == i:
            continue
        similarity = (vectors[earlier:i] @ vectors[i].T).toarray().ravel()  # sparse: only the window
        for j in range(earlier, i):
            other = ordered[j]
            if (similarity[j - earlier] >= JOIN_SIMILARITY and _close_in_time(item.published, other.published)
                    and item.names & other.names):
                joined, gone = sorted((story_of[i], story_of[j]))
                story_of = [joined if s == gone else s for s in story_of]
    stories: dict[int, list[str]] = {}
    for i, item in enumerate(ordered):
        stories.setdefault(story_of[i], []).append(item.article_id)
    return list(stories.values())


def _window_start(days: list[str], i: int) -> int:
    """Index of the first earlier article within the time window of article ``i`` (0 when undated)."""
    try:
        first_day = (date.fromisoformat(days[i][:10]) - timedelta(days=WINDOW_DAYS)).isoformat()
    except ValueError:  # undated ("9999") or unparsable: compare with every earlier article
        return 0
    return bisect_left(days, first_day, 0, i)
