"""Group articles into stories, one real-world event thread each: every article, in publication order,
joins the story it is closest to — by its words and the names it shares (who, where) — or starts one.
Two articles mostly about different people (who), or stating years far apart (when), are kept further
apart; a dated report within a week of one of the story's reports and close to it is a follow-up. An
article close to two stories that are close to each other reunites them.

The placement is incremental: :func:`place_articles` adds new articles to the stories already made
without moving any earlier article, so a story keeps its id (its founding article) while nothing
about its membership changes; :func:`cluster_articles` is the same placement from scratch.

Cost stays linear: an article is compared only with stories found through an inverted index over its
names and most weighted words (each posting list holds only its latest articles), within a time window,
and with at most the latest members of each candidate story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .. import lexicons
from ..model import Analysis, Article

JOIN_SIMILARITY = 0.16  # an article joins the best story scoring at least this, else starts one
MERGE_SIMILARITY = 0.25  # two stories the article is close to are one when they score this between them
BRIDGE_SIMILARITY = 0.1  # "close to": the article scores at least this with the other story
NAME_WEIGHT = 0.3  # share of the similarity given by the shared names (TF-IDF over names), the rest by words
OTHER_YEAR_FACTOR = 0.5  # two articles that state years, none within a year of the other's, are this much less similar
FOLLOW_UP_DAYS = 7  # a report this close in time to one of the story's reports is a follow-up when
FOLLOW_UP_SIMILARITY = 0.13  # it is this close to that report alone (the story may have drifted)
OTHER_PROTAGONIST_FACTOR = 0.8  # two articles mostly about different people (who) are this much less similar
PROTAGONIST_MENTIONS = 3  # a person named this often (or more, and most) is whom the article is about
TITLE_WEIGHT = 3  # the headline says what the story is: count its words this many times
WINDOW_DAYS = 45  # a dated article joins only stories with an article this close in time
KEYS_PER_ARTICLE = 20  # inverted-index keys per article: its names and most weighted words
POSTINGS_KEPT = 40  # each index key remembers only its latest articles
MEMBERS_COMPARED = 30  # a story is compared through its latest members
MAX_CANDIDATES = 12  # stories compared with an article: those hit by most of its index keys
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
_CAPITALISED = re.compile(r"(?<![.!?\n]\s)(?<!^)\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*", re.MULTILINE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass
class StoryItem:
    """One (non-duplicate) article as the clustering sees it."""

    article_id: str
    article: Article
    analysis: Analysis | None = None
    years: frozenset[str] = field(default_factory=frozenset)
    day: int | None = None  # the publication day as a number, for time windows
    protagonist: str | None = None  # the surname of the person the article is most about

    @property
    def published(self) -> str:
        return self.article.published.value[:10] if self.article.published else ""


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return lexicons.words("stories_name_stopwords.txt")


def article_names(article: Article, analysis: Analysis | None) -> list[str]:
    """The names the analysis found (people, organisations, places …), one token each ("n:new_york");
    without an analysis, the capitalised phrases inside sentences."""
    if analysis is not None:
        names = [e.name for e in analysis.entities if e.type in NAME_TYPES]
    else:
        stop = _not_names()
        names = [n for n in _CAPITALISED.findall(article.text) if not set(re.findall(r"[\w']+", n.lower())) <= stop]
    return [token for token in ("n:" + re.sub(r"\W+", "_", n.lower()).strip("_") for n in names) if token != "n:"]


def stated_years(article: Article) -> frozenset[str]:
    """Years the article states in its text or headline (its publication date is no statement: a
    report on 3 January is about the events of late December as often as not)."""
    return frozenset(_YEAR.findall(f"{article.title or ''}\n{article.text}"))


def _day_number(day: str) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None


def protagonist(analysis: Analysis | None) -> str | None:
    """The surname of the person the article names most often (at least PROTAGONIST_MENTIONS times)."""
    people = [(len(e.mentions), e.name) for e in (analysis.entities if analysis else []) if e.type == "PERSON"]
    if not people:
        return None
    count, name = max(people)
    words = re.findall(r"\w+", name.lower())
    return words[-1] if count >= PROTAGONIST_MENTIONS and words else None


def _years_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both state years and none of one is within a year of one of the other's (2009 vs 2014, not
    a late-December report that looks ahead to the new year)."""
    return bool(a and b) and not any(abs(int(x) - int(y)) <= 1 for x in a for y in b)


def _order(items: list[StoryItem]) -> list[StoryItem]:
    return sorted(items, key=lambda item: (item.published or "9999", item.article_id))


class _Vectors:
    """Unit TF-IDF vectors of the items' words and of their names, fitted on the given items."""

    def __init__(self, items: list[StoryItem]) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer  # slow to import; only needed here

        texts = [((item.article.title or "") + "\n") * TITLE_WEIGHT + item.article.text for item in items]
        names = [" ".join(article_names(item.article, item.analysis)) for item in items]
        # hashed features: no vocabulary to hold, however many names a large store has
        words = _fit(HashingVectorizer(stop_words="english", **HASHED), texts)
        names_ = _fit(HashingVectorizer(token_pattern=r"\S+", lowercase=False, **HASHED), names)
        del texts, names
        self.index = {item.article_id: i for i, item in enumerate(items)}
        self.both = _weighted(((words, 1 - NAME_WEIGHT), (names_, NAME_WEIGHT)))
        # index keys: an item's most weighted words and names (names offset past the word columns)
        self.keys = [_top_columns(words, i) + [HASHED["n_features"] + c for c in _top_columns(names_, i)]
                     for i in range(len(items))]

    def block(self, rows: list[int], others: list[int]):
        """Similarities of items ``rows`` to items ``others`` (a rows × others numpy array)."""
        import numpy as np

        if self.both is None:
            return np.zeros((len(rows), len(others)))
        return (self.both[rows] @ self.both[others].T).toarray()



def _top_columns(matrix, i: int) -> list[int]:
    """The columns of row ``i`` with the largest weights (half the article's index keys)."""
    if matrix is None:
        return []
    start, end = matrix.indptr[i], matrix.indptr[i + 1]
    top = sorted(zip(matrix.data[start:end], matrix.indices[start:end], strict=True), reverse=True)
    return [int(column) for _, column in top[:KEYS_PER_ARTICLE // 2]]


def _weighted(parts):
    """One matrix whose dot products are the weighted sum of the parts' (each part scaled by √weight)."""
    from scipy.sparse import hstack

    kept = [matrix * weight ** 0.5 for matrix, weight in parts if matrix is not None]
    return hstack(kept).tocsr() if kept else None


HASHED = {"n_features": 2**20, "alternate_sign": False, "norm": None}


def _fit(vectorizer, texts: list[str]):
    """Unit TF-IDF vectors (sublinear term frequency) of ``texts``; None when there is no word at all."""
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = vectorizer.transform(texts)
    if not counts.nnz:  # every text empty or stop words only: nothing to compare
        return None
    return TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()


def place_articles(items: list[StoryItem], stories: list[list[str]] | None = None) -> list[list[str]]:
    """Stories (lists of article ids, founding article first) after placing every item not yet in one.

    ``stories`` are the stories made before (their articles must be among ``items``); they keep their
    members and order, and new articles only join them or start new ones, in publication order.
    """
    ordered = _order(items)
    for item in ordered:
        item.years = item.years or stated_years(item.article)
        item.day = _day_number(item.published)
        item.protagonist = protagonist(item.analysis)
    vectors = _Vectors(ordered)
    by_id = {item.article_id: item for item in ordered}
    groups = [list(ids) for ids in stories or [] if ids]
    story_of: dict[str, int] = {a: k for k, ids in enumerate(groups) for a in ids}
    postings: dict[int, list[int]] = defaultdict(list)  # index key → latest stories (plain lists: compact)
    merged_into: dict[int, int] = {}  # a story folded into another one
    for ids in groups:  # the earlier articles are found through the index like any other
        for article_id in ids:
            for key in vectors.keys[vectors.index[article_id]]:
                _post(postings[key], story_of[article_id])
    for item in ordered:
        if item.article_id in story_of:
            continue
        i = vectors.index[item.article_id]
        keys = vectors.keys[i]
        hits = Counter(_current(k, merged_into) for key in keys for k in set(postings.get(key, ())))
        candidates = {k for k, _ in sorted(hits.items(), key=lambda hit: (-hit[1], -hit[0]))[:MAX_CANDIDATES]}
        best, best_score = None, JOIN_SIMILARITY
        compared = {k: [by_id[a] for a in groups[k][-MEMBERS_COMPARED:]] for k in sorted(candidates)}
        row = _similarities([item], [m for members in compared.values() for m in members], vectors)
        start, close = 0, set()
        for k, members in compared.items():  # one product for every candidate story
            score = _story_score(item, members, row[:, start:start + len(members)])
            start += len(members)
            if score is not None and score >= BRIDGE_SIMILARITY:
                close.add(k)
            if score is not None and score >= best_score:
                best, best_score = k, score
        if best is None:
            best = len(groups)
            groups.append([])
        groups[best].append(item.article_id)
        story_of[item.article_id] = best
        for key in keys:
            _post(postings[key], best)
        if best < len(groups) - 1 or len(groups[best]) > 1:
            _merge_close(best, close, groups, story_of, merged_into, by_id, vectors)
    return [ids for ids in groups if ids]


def _post(posting: list[int], story: int) -> None:
    """Remember ``story`` under a key, keeping only the key's latest POSTINGS_KEPT entries."""
    posting.append(story)
    if len(posting) > 2 * POSTINGS_KEPT:
        del posting[:-POSTINGS_KEPT]


def _current(story: int, merged_into: dict[int, int]) -> int:
    while story in merged_into:
        story = merged_into[story]
    return story


def _merge_close(home: int, candidates: set[int], groups: list[list[str]], story_of: dict[str, int],
                 merged_into: dict[int, int], by_id: dict[str, StoryItem], vectors: _Vectors) -> None:
    """Fold into story ``home`` the other candidate stories now close to it as a whole: an article that
    bridges two parts of one thread reunites them (the older story's id is kept)."""
    for k in sorted(candidates - {home}):
        if not groups[k] or not groups[home]:
            continue
        if _stories_score(groups[home][-MEMBERS_COMPARED:], groups[k][-MEMBERS_COMPARED:], by_id, vectors) \
                < MERGE_SIMILARITY:
            continue
        keep, gone = min(home, k), max(home, k)  # the story made first keeps its id
        groups[keep] += groups[gone]
        for article_id in groups[gone]:
            story_of[article_id] = keep
        groups[gone] = []
        merged_into[gone] = keep
        home = keep


def _stories_score(a: list[str], b: list[str], by_id: dict[str, StoryItem], vectors: _Vectors) -> float:
    """Half the mean and half the best similarity between two stories' articles."""
    rows = _similarities([by_id[x] for x in a], [by_id[y] for y in b], vectors)
    return _combined(rows, [by_id[x] for x in a], [by_id[y] for y in b], MERGE_SIMILARITY)


def _similarities(items: list[StoryItem], members: list[StoryItem], vectors: _Vectors):
    """items × members similarities, lowered where the two state years far apart."""
    similarity = vectors.block([vectors.index[x.article_id] for x in items],
                               [vectors.index[m.article_id] for m in members])
    for x, item in enumerate(items):
        for y, member in enumerate(members):
            if item.years and _years_apart(item.years, member.years):
                similarity[x, y] *= OTHER_YEAR_FACTOR
            if item.protagonist and member.protagonist and item.protagonist != member.protagonist:
                similarity[x, y] *= OTHER_PROTAGONIST_FACTOR
    return similarity


def _story_score(item: StoryItem, members: list[StoryItem], similarity) -> float | None:
    """How close an article is to a story, given its similarity to the story's (latest) members;
    None when the story is out of the article's time window."""
    if item.day is not None and all(m.day is not None and abs(m.day - item.day) > WINDOW_DAYS for m in members):
        return None
    return _combined(similarity, [item], members, JOIN_SIMILARITY)


def _combined(similarity, items: list[StoryItem], members: list[StoryItem], threshold: float) -> float:
    """Half the mean and half the best similarity; or the best one to a report a few days apart
    (``similarity`` is items × members), scaled so that FOLLOW_UP_SIMILARITY reaches ``threshold``."""
    import numpy as np

    score = 0.5 * float(similarity.mean()) + 0.5 * float(similarity.max())
    rows = np.array([np.nan if x.day is None else x.day for x in items], dtype=float)
    columns = np.array([np.nan if m.day is None else m.day for m in members], dtype=float)
    with np.errstate(invalid="ignore"):
        close = np.abs(rows[:, None] - columns[None, :]) <= FOLLOW_UP_DAYS  # NaN (undated) is never close
    if close.any():
        score = max(score, float(similarity[close].max()) * threshold / FOLLOW_UP_SIMILARITY)
    return score


def cluster_articles(items: list[StoryItem]) -> list[list[str]]:
    """Stories as lists of article ids from scratch (founding article first); deterministic."""
    return place_articles(items) if items else []
