"""Cross-document event coreference: articles grouped into stories first, then events linked within a story.

Two stages, as a reader does it. (1) The articles of a group are clustered by TF-IDF similarity of their
words and names, and by how far apart their dates are: two earthquakes years apart are two stories.
(2) Inside one story, a learned pairwise model (logistic regression over the trigger, its synonyms, its
participants, place and normalised time, and the two articles' similarity; weights in
``data/stories_eventcoref_cross_model.json``, trained by ``scripts/train_event_links.py``) scores pairs of
event mentions, and average-link clustering cuts the tree at the model's threshold. Pairs are only scored
inside a story, so the cost grows with the size of the stories, not with the square of the corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .. import lexicons
from ..analyze.events.coref import (
    PRONOUNS,
    EventMention,
    _jaccard,
    _reading_order,
    cosine,
    normalise_lemma,
    speech_lemmas,
    stem,
    unit_tfidf,
)
from ..analyze.events.coref import related_triggers as _related
from ..model import Analysis, Article, Evidence

CROSS_MODEL_FILE = "stories_eventcoref_cross_model.json"
FAMILIES_FILE = "stories_event_families.txt"
YEAR = re.compile(r"\d{4}")
STORY_DAYS = 30  # articles further apart than this report different happenings (or a follow-up, linked later)
NAME_WEIGHT = 2.0  # a name an article shares with another says more about the story than a common word
LINKAGE = "average"  # how clusters of mentions (and of articles) are joined: mean P over their pairs

CROSS_FEATURES = (
    "same_lemma", "related_trigger", "same_family", "family_cross_doc", "generic", "speech_any", "same_lemma_speech", "pronoun", "cross_doc",
    "same_lemma_cross_doc", "related_cross_doc", "doc_similarity", "doc_names_overlap", "sentence_distance",
    "same_sentence", "context_overlap", "participants_overlap", "participants_conflict", "places_overlap",
    "places_conflict", "arguments_overlap", "arguments_conflict", "time_match", "time_conflict",
    "date_gap", "both_verbs", "both_nouns", "indefinite_later", "headline",
)


TREE_FIELDS = ("feature", "threshold", "left", "right", "value", "leaf")


@dataclass
class CrossModel:
    """Pairwise model over :data:`CROSS_FEATURES`, plus the two clustering cuts.

    Either logistic (``weights`` · features + ``bias``) or, when ``trees`` is set, gradient-boosted trees
    (``bias`` + the sum of one leaf value per tree; each tree is a dict of node arrays, see
    :data:`TREE_FIELDS`: a row goes left when its ``feature`` is at most the node's ``threshold``);
    either way P(same event) is the sigmoid of the score.
    """

    weights: list[float]
    bias: float
    threshold: float = 0.5  # P(same event) at which average-link clustering of mentions stops
    story_threshold: float = 0.3  # cosine at which average-link clustering of articles stops
    features: tuple[str, ...] = CROSS_FEATURES
    trees: list[dict[str, list]] | None = None

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if self.trees is None:
            z = rows @ np.asarray(self.weights) + self.bias
        else:
            z = np.full(len(rows), self.bias)
            for tree in _tree_arrays(self):
                z += _tree_scores(tree, rows)
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        found = {"features": list(self.features), "weights": self.weights, "bias": self.bias,
                 "threshold": self.threshold, "story_threshold": self.story_threshold}
        return found | ({"trees": self.trees} if self.trees is not None else {})


_ARRAYS: dict[int, list[tuple[np.ndarray, ...]]] = {}


def _tree_arrays(model: CrossModel) -> list[tuple[np.ndarray, ...]]:
    """The model's trees as numpy arrays (converted once per model object)."""
    key = id(model.trees)
    if key not in _ARRAYS:
        _ARRAYS.clear()
        _ARRAYS[key] = [(np.asarray(t["feature"], dtype=int), np.asarray(t["threshold"], dtype=float),
                         np.asarray(t["left"], dtype=int), np.asarray(t["right"], dtype=int),
                         np.asarray(t["value"], dtype=float), np.asarray(t["leaf"], dtype=bool))
                        for t in model.trees or ()]
    return _ARRAYS[key]


def _tree_scores(tree: tuple[np.ndarray, ...], rows: np.ndarray) -> np.ndarray:
    feature, threshold, left, right, value, leaf = tree
    node = np.zeros(len(rows), dtype=int)
    index = np.arange(len(rows))
    while not leaf[node].all():
        inner = ~leaf[node]
        at = node[inner]
        go_left = rows[index[inner], feature[at]] <= threshold[at]
        node[inner] = np.where(go_left, left[at], right[at])
    return value[node]


@lru_cache(maxsize=1)
def cross_model() -> CrossModel:
    """The trained cross-document model shipped in ``storyline/data``."""
    data = lexicons.load_json(CROSS_MODEL_FILE)
    if tuple(data["features"]) != CROSS_FEATURES:
        raise ValueError(f"{CROSS_MODEL_FILE} was trained on other features; retrain it")
    return CrossModel(data["weights"], data["bias"], data["threshold"], data["story_threshold"],
                      trees=data.get("trees"))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return lexicons.words("stories_generic_event_words.txt")


@lru_cache(maxsize=1)
def families() -> dict[str, frozenset[int]]:
    """Stem of a word → the event families (lines of the data file) it belongs to."""
    found: dict[str, set[int]] = {}
    for index, line in enumerate(lexicons.lines(FAMILIES_FILE)):
        for word in line.split():
            found.setdefault(_family_key(word.replace("_", " ")), set()).add(index)
    return {word: frozenset(ids) for word, ids in found.items()}


def _family_key(word: str) -> str:
    """A phrase ("gun down") stays whole; a single word is stemmed, a doubled last consonant undone
    ("nabbed" → "nab")."""
    word = normalise_lemma(word)
    if " " in word:
        return word
    key = stem(word)
    return key[:-1] if len(key) > 3 and key[-1] == key[-2] and key[-1] not in "aeiouls" else key


def same_family(a: str, b: str) -> bool:
    """Two trigger words (any inflection) that a report may use for one happening: "killed" ~ "death"."""
    groups = families()
    return bool(groups.get(_family_key(a), frozenset()) & groups.get(_family_key(b), frozenset()))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _times_agree(a: frozenset[str], b: frozenset[str]) -> tuple[bool, bool]:
    """(match, conflict) of two sets of normalised dates: a value agrees with another it prefixes."""
    if not a or not b:
        return False, False
    match = any(x.startswith(y) or y.startswith(x) for x in a for y in b)
    return match, not match


def cross_features(a: EventMention, b: EventMention, doc_similarity: float) -> list[float]:
    """The feature vector of a pair, ``a`` before ``b`` in reading order; see :data:`CROSS_FEATURES`."""
    lemma_a, lemma_b = normalise_lemma(a.lemma), normalise_lemma(b.lemma)
    same_lemma = lemma_a == lemma_b
    related = not same_lemma and _related(lemma_a, lemma_b)
    family = not same_lemma and (same_family(lemma_a, lemma_b) or same_family(a.text, b.text))
    speech = speech_lemmas()
    cross_doc = a.doc_id != b.doc_id
    distance = 0 if cross_doc else abs(b.sentence - a.sentence)
    pronoun = a.pos == "PRON" or b.pos == "PRON" or lemma_a in PRONOUNS or lemma_b in PRONOUNS
    time_match, time_conflict = _times_agree(a.times, b.times)
    day_a, day_b = _day(a.doc_date), _day(b.doc_date)
    gap = math.log1p(abs((day_a - day_b).days)) if cross_doc and day_a and day_b else 0.0
    return [
        float(same_lemma),
        float(related),
        float(family),
        float(family and a.doc_id != b.doc_id),
        float(lemma_a in _generic() or lemma_b in _generic()),
        float(lemma_a in speech or lemma_b in speech),
        float(same_lemma and lemma_a in speech),
        float(pronoun),
        float(cross_doc),
        float(same_lemma and cross_doc),
        float(related and cross_doc),
        doc_similarity if cross_doc else 1.0,
        _jaccard(a.doc_names, b.doc_names) if cross_doc else 1.0,
        math.log1p(distance),
        float(not cross_doc and distance == 0),
        _jaccard(a.context, b.context),
        _jaccard(a.participants, b.participants),
        float(bool(a.participants and b.participants and not a.participants & b.participants)),
        _jaccard(a.places, b.places),
        float(bool(a.places and b.places and not a.places & b.places)),
        _jaccard(a.arguments, b.arguments),
        float(bool(a.arguments and b.arguments and not a.arguments & b.arguments)),
        float(time_match),
        float(time_conflict),
        gap,
        float(a.pos == "VERB" and b.pos == "VERB"),
        float(a.pos == "NOUN" and b.pos == "NOUN"),
        float(b.indefinite and not cross_doc),
        float(not cross_doc and min(a.sentence, b.sentence) == 0),
    ]


def document_vectors(mentions: list[EventMention]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors of the documents of ``mentions``: their content lemmas and (weighted) names."""
    terms: dict[str, Counter] = {}
    for m in mentions:
        if m.doc_id not in terms:
            counts = Counter(m.doc_terms)
            counts.update({f"name:{n}": NAME_WEIGHT for n in m.doc_names})
            terms[m.doc_id] = counts
    return unit_tfidf(terms, sublinear=True)


def _apart(x: str | None, y: str | None) -> bool:
    """Two article dates further apart than a story lasts (unknown dates are never apart)."""
    day_x, day_y = _day(x), _day(y)
    return bool(day_x and day_y and abs((day_x - day_y).days) > STORY_DAYS)


def story_clusters(vectors: dict[str, dict[str, float]], threshold: float,
                   dates: dict[str, str | None] | None = None) -> dict[str, int]:
    """Average-link clusters of documents whose TF-IDF cosine stays above ``threshold``: doc id → cluster.
    Articles dated further apart than :data:`STORY_DAYS` count as unrelated."""
    ids = sorted(vectors)
    if len(ids) < 2:
        return {doc: 0 for doc in ids}
    dates = dates or {}
    distances = np.array([[0.0 if x == y else 1.0 if _apart(dates.get(x), dates.get(y))
                           else 1.0 - cosine(vectors[x], vectors[y]) for y in ids] for x in ids])
    tree = linkage(squareform(np.clip(distances, 0.0, None), checks=False), method=LINKAGE)
    return dict(zip(ids, (int(c) for c in fcluster(tree, t=1.0 - threshold, criterion="distance")), strict=True))


def blocks(mentions: list[EventMention], story_threshold: float) -> list[tuple[list[EventMention], dict]]:
    """Mentions grouped by (group, story), in reading order, each with its documents' TF-IDF vectors."""
    by_group: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_group.setdefault(mention.group, []).append(mention)
    found = []
    for members in by_group.values():
        vectors = document_vectors(members)
        stories = story_clusters(vectors, story_threshold, {m.doc_id: m.doc_date for m in members})
        by_story: dict[int, list[EventMention]] = {}
        for mention in members:
            by_story.setdefault(stories[mention.doc_id], []).append(mention)
        found.extend((sorted(block, key=_reading_order), vectors) for block in by_story.values())
    return found


def block_pairs(block: list[EventMention], vectors: dict) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every pair (i < j) of a block with its feature row."""
    pairs, rows, sims = [], [], {}
    for i, a in enumerate(block):
        for j in range(i + 1, len(block)):
            b = block[j]
            key = (a.doc_id, b.doc_id)
            if key not in sims:
                sims[key] = cosine(vectors[a.doc_id], vectors[b.doc_id]) if a.doc_id != b.doc_id else 1.0
            pairs.append((i, j))
            rows.append(cross_features(a, b, sims[key]))
    return pairs, np.array(rows, dtype=float).reshape(len(rows), len(CROSS_FEATURES))


def _clusters(block: list[EventMention], vectors: dict, model: CrossModel,
              cut: float) -> tuple[np.ndarray, np.ndarray]:
    """Average-link clusters of a block's mentions, the tree cut where the pair probability falls below
    ``cut``, and the pair distances (1 - probability) they were built from."""
    pairs, rows = block_pairs(block, vectors)
    distances = np.zeros((len(block), len(block)))
    for (i, j), p in zip(pairs, model.probabilities(rows), strict=True):
        distances[i, j] = distances[j, i] = 1.0 - p
    tree = linkage(squareform(distances, checks=False), method=LINKAGE)
    return fcluster(tree, t=1.0 - cut, criterion="distance"), distances


def cluster_across(mentions: list[EventMention], model: CrossModel | None = None,
                   threshold: float | None = None) -> dict[str, str]:
    """Cluster event mentions across documents; returns ``{mention id: cluster label}``.

    Mentions of different groups (topics) never meet; inside a group, only mentions of articles of one
    story are compared.
    """
    model = model or cross_model()
    cut = model.threshold if threshold is None else threshold
    labels: dict[str, str] = {}
    for number, (block, vectors) in enumerate(blocks(mentions, model.story_threshold)):
        prefix = f"{block[0].group}/{number}"
        if len(block) == 1:
            labels[block[0].id] = f"{prefix}/0"
            continue
        for mention, cluster in zip(block, _clusters(block, vectors, model, cut)[0], strict=True):
            labels[mention.id] = f"{prefix}/{cluster}"
    return labels


# --- the runtime side: events of stored analyses, linked across the articles of a story -----------------

SEP = "\x1f"  # joins article id, event id and trigger offsets in a runtime mention id
_WORD = re.compile(r"[^\W\d_][\w'-]*")
LINK_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class CrossEvent:
    """One real-world happening reported by several articles: its members and the evidence that joins them."""

    id: str
    trigger: str  # the most frequent trigger word among the members
    type: str | None
    members: list[dict] = field(default_factory=list)  # {article_id, event_id, trigger, start, end}
    confidence: float = 1.0  # the weakest link's P(same event) (average link), 1.0 for one article
    evidence: list[Evidence] = field(default_factory=list)  # one per member: where its trigger is


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """English stop words (spaCy's list: the analysis already depends on it)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # not at the top: only the runtime linking needs it

    return frozenset(STOP_WORDS)


def _words(text: str) -> list[str]:
    stop = _stopwords()
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in stop and len(w) > 2]


def event_mentions(article_id: str, article: Article, analysis: Analysis) -> list[EventMention]:
    """The cross-document model's view of the events of one stored analysis (no parse needed)."""
    text = analysis.text
    doc_terms = Counter(_words(text))
    names = {e.name.lower() for e in analysis.entities if e.type in LINK_TYPES}
    published = article.published.value[:10] if article.published else analysis.published
    starts = sorted({e.sentence.start for e in analysis.events if e.sentence})
    mentions = []
    for event in analysis.events:
        if event.status in {"negated", "denied", "hypothetical"}:
            continue
        sentence = event.sentence.text if event.sentence else text[max(0, event.trigger.start - 200):event.trigger.end + 200]
        people = {p.lower() for p in event.participants}
        places = {event.place.lower()} if event.place else set()
        mentions.append(EventMention(
            id=f"{article_id}{SEP}{event.id}{SEP}{event.trigger.start}{SEP}{event.trigger.end}", doc_id=article_id,
            sentence=starts.index(event.sentence.start) if event.sentence else 0,
            lemma=stem(event.trigger.text), pos="", text=event.trigger.text, type=event.type,  # no parse: a stem
            context=frozenset(_words(sentence)) - {event.trigger.text.lower()},
            names=frozenset(people | places), participants=frozenset(people), places=frozenset(places),
            times=frozenset({event.time.value}) if event.time and YEAR.match(event.time.value) else frozenset(),
            doc_date=published, doc_terms=doc_terms, doc_names=frozenset(names)))
    return mentions


def trigger_key(mention: EventMention) -> frozenset[str]:
    """Blocking keys of a mention: its stem and its event families; two mentions are compared only
    when they share one."""
    word = normalise_lemma(mention.lemma)
    return frozenset({stem(word), *(f"family:{i}" for i in families().get(_family_key(word), ()))})


MAX_BLOCK = 40  # mentions scored pairwise at once (a 40 x 40 distance matrix)


def link_events(items: list[tuple[str, Article, Analysis | None]], stories: list[list[str]],
                model: CrossModel | None = None) -> list[CrossEvent]:
    """Events of the articles of each story that are one happening, across articles.

    ``items`` are (article id, Article, Analysis) as stored; ``stories`` the article ids of each story
    (from the stories stage). Pairs are scored only inside a story and between mentions that share a
    trigger stem or event family, so the cost grows with the corpus, not with its square. Returns one
    :class:`CrossEvent` per happening reported by at least two articles.
    """
    model = model or cross_model()
    by_id = {article_id: (article, analysis) for article_id, article, analysis in items}
    found: list[CrossEvent] = []
    for story in stories:
        mentions = [m for article_id in story if article_id in by_id and by_id[article_id][1]
                    for m in event_mentions(article_id, *by_id[article_id])]
        if len({m.doc_id for m in mentions}) < 2:
            continue
        vectors = document_vectors(mentions)
        for block in _key_blocks(mentions):
            # a block is scored pair by pair: past MAX_BLOCK mentions it is cut into runs in reading order,
            # so a story of thousands of near-identical reports costs time and memory in proportion
            for start in range(0, len(block), MAX_BLOCK):
                found.extend(_link_block(block[start:start + MAX_BLOCK], vectors, model, len(found)))
    return found


def _key_blocks(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Connected groups of mentions that share a blocking key (:func:`trigger_key`), in reading order."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        for key in trigger_key(mention):
            parent[root(i)] = root(first.setdefault(key, i))
    groups: dict[int, list[EventMention]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(root(i), []).append(mention)
    return [sorted(g, key=_reading_order) for g in groups.values() if len({m.doc_id for m in g}) > 1]


def _link_block(block: list[EventMention], vectors: dict, model: CrossModel, offset: int) -> list[CrossEvent]:
    labels, distances = _clusters(block, vectors, model, model.threshold)
    clusters: dict[int, list[int]] = {}
    for i, cluster in enumerate(labels):
        clusters.setdefault(int(cluster), []).append(i)
    found = []
    for members in clusters.values():
        if len({block[i].doc_id for i in members}) < 2:
            continue
        inside = [1.0 - distances[i, j] for x, i in enumerate(members) for j in members[x + 1:]]
        mentions = [block[i] for i in members]
        events = [dict(zip(("article_id", "event_id", "start", "end"), m.id.split(SEP), strict=True), trigger=m.text)
                  for m in mentions]
        for event in events:
            event["start"], event["end"] = int(event["start"]), int(event["end"])
        found.append(CrossEvent(
            id=f"xevent-{offset + len(found)}", trigger=Counter(m.text.lower() for m in mentions).most_common(1)[0][0],
            type=Counter(m.type for m in mentions).most_common(1)[0][0], members=events,
            confidence=round(float(min(inside)), 3),
            evidence=[Evidence(source=f"article:{e['article_id']}", confidence=round(float(np.mean(inside)), 3),
                               start=e["start"], end=e["end"],
                               reason=f"same happening as the other members (trigger '{e['trigger']}')")
                      for e in events]))
    return found
