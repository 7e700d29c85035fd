"""Event coreference within and across documents: a pairwise scorer and average-link clustering.

Each event mention is reduced to an :class:`EventMention` (head lemma, sentence context, names,
dates); a small logistic pairwise model (weights in ``data/stories_eventcoref_model.json``, trained
by ``storyline.stories.eventcoref_train``) scores every pair inside a group, and average-link
agglomerative clustering cuts the tree at the model's threshold.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from ... import lexicons

# Event types that need no named participant to be news: "the earthquake and tsunami that hit…".
SELF_STANDING_TYPES = frozenset({"disaster"})

PRONOUNS = frozenset({"it", "this", "that", "which", "these", "those"})
_SUFFIXES = ("ations", "ation", "ments", "ment", "ions", "ion", "ings", "ing", "ures", "ure",
             "ies", "ied", "ed", "es", "s", "e", "al", "y")
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "MONEY",
                         "PERCENT", "CARDINAL", "WORK_OF_ART", "LAW"})
INDEFINITE = frozenset({"a", "an", "another"})


FUNCTION_POS = frozenset({"ADP", "AUX", "DET", "PART", "CCONJ", "PUNCT"})


ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "compound", "amod", "nummod", "pobj", "agent"})


def arguments(head) -> frozenset[str]:
    """Content lemmas of the trigger's subject, object and modifiers (through one preposition)."""
    found = set()
    for child in head.children:
        targets = [child, *(g for g in child.children if g.dep_ == "pobj")] if child.dep_ == "prep" else [child]
        found |= {t.lemma_.lower() for t in targets
                  if t.dep_ in ARGUMENT_DEPS and t.pos_ in CONTENT_POS and not t.is_stop}
    return frozenset(found)


def phrase_lemma(head, span) -> str:
    """The head's lemma, with its particle when the mention spans it ("step down"); a hyphenated
    word split by the tokenizer stays whole ("re-run"), and a function-word head gives way to the
    last content word ("under development")."""
    if any(t.text == "-" for t in span) and " " not in span.text:
        return span.text.lower()
    if head.pos_ in FUNCTION_POS:
        head = next((t for t in reversed(span) if t.pos_ not in FUNCTION_POS), head)
    particles = [t.lower_ for t in head.children if t.dep_ == "prt" and span.start <= t.i < span.end]
    return " ".join([head.lemma_.lower(), *particles])



@dataclass
class EventMention:
    """One event mention with the context the pairwise model compares."""

    id: str
    doc_id: str
    sentence: int
    lemma: str
    pos: str = "VERB"
    text: str = ""
    group: str = ""  # mentions are only clustered with others of the same group (topic)
    context: frozenset[str] = frozenset()  # content lemmas of the sentence, trigger excluded
    names: frozenset[str] = frozenset()  # named participants and places in the sentence
    arguments: frozenset[str] = frozenset()  # lemmas of the trigger's own dependents (who, what, of what)
    dates: frozenset[str] = frozenset()  # normalised dates (YYYY-MM-DD prefixes) in the sentence
    indefinite: bool = False  # a nominal introduced by "a"/"an"/"another": a new event
    type: str | None = None  # event type when a tagger gave one
    doc_terms: Counter = field(default_factory=Counter)  # content lemmas of the whole document
    places: frozenset[str] = frozenset()  # places named in the sentence (GPE, LOC, FAC)
    participants: frozenset[str] = frozenset()  # people, organisations, groups named in the sentence
    times: frozenset[str] = frozenset()  # normalised TIMEX values in the sentence (YYYY-MM-DD prefixes)
    doc_date: str | None = None  # the article's date (YYYY-MM-DD) when known
    doc_names: frozenset[str] = frozenset()  # every participant and place the article names


def _lexicon_lines(name: str) -> list[str]:
    return list(lexicons.lines(name))


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """Reporting/cognition lemmas: repeated "said" are usually distinct acts."""
    return frozenset(row[0] for row in lexicons.rows("speech_lemmas.tsv") if "reporting" in row[1].split())


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, frozenset[int]]:
    """Lemma → indexes of the synonym groups it belongs to."""
    groups: dict[str, set[int]] = {}
    for index, line in enumerate(_lexicon_lines("stories_event_synonyms.txt")):
        for word in line.split():
            groups.setdefault(word.replace("_", " "), set()).add(index)
    return {word: frozenset(ids) for word, ids in groups.items()}


def normalise_lemma(text: str) -> str:
    """Lower case, hyphens dropped, spaces kept single ("re-run" → "rerun")."""
    return re.sub(r"\s+", " ", text.lower().replace("-", "")).strip()


def stem(lemma: str) -> str:
    """A crude derivational stem so that "announcement"/"announce" or "landing"/"land" meet."""
    word = normalise_lemma(lemma).split(" ")[0]
    for _ in range(2):  # "announcements" → "announcement" → "announce"
        suffix = next((s for s in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 4), "")
        word = word[: len(word) - len(suffix)]
    return word


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _synonyms(a: str, b: str) -> bool:
    groups = synonym_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


@lru_cache(maxsize=1)
def _synonym_groups_by_stem() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for word, ids in synonym_groups().items():
        groups.setdefault(stem(word), set()).update(ids)
    return {key: frozenset(ids) for key, ids in groups.items()}


def related_triggers(a: str, b: str) -> bool:
    """Two trigger words (any inflection) name the same kind of happening: "resigned" ~ "quits"."""
    stem_a, stem_b = stem(a), stem(b)
    groups = _synonym_groups_by_stem()
    return stem_a == stem_b or bool(groups.get(stem_a, frozenset()) & groups.get(stem_b, frozenset()))


FEATURES = (
    "same_lemma", "same_stem", "synonym", "same_lemma_speech", "speech_any", "pronoun_near",
    "pronoun_far", "cross_doc", "same_lemma_cross_doc", "sentence_distance", "names_overlap",
    "context_overlap", "doc_similarity_cross", "indefinite_later", "both_verbs", "both_nouns",
    "headline", "date_conflict", "type_conflict", "same_sentence", "arguments_overlap",
    "arguments_conflict",
)


def pair_features(a: EventMention, b: EventMention, doc_similarity: float = 1.0) -> list[float]:
    """The feature vector for a pair, ``a`` before ``b`` in reading order; see :data:`FEATURES`."""
    lemma_a, lemma_b = normalise_lemma(a.lemma), normalise_lemma(b.lemma)
    same_lemma = lemma_a == lemma_b
    speech = speech_lemmas()
    speech_a, speech_b = lemma_a in speech, lemma_b in speech
    cross_doc = a.doc_id != b.doc_id
    distance = 0 if cross_doc else abs(b.sentence - a.sentence)
    pronoun = (a.pos == "PRON" or lemma_a in PRONOUNS) or (b.pos == "PRON" or lemma_b in PRONOUNS)
    return [
        float(same_lemma),
        float(not same_lemma and stem(lemma_a) == stem(lemma_b)),
        float(not same_lemma and _synonyms(lemma_a, lemma_b)),
        float(same_lemma and speech_a),
        float(speech_a or speech_b),
        float(pronoun and not cross_doc and distance <= 1),
        float(pronoun and (cross_doc or distance > 1)),
        float(cross_doc),
        float(same_lemma and cross_doc),
        math.log1p(distance),
        _jaccard(a.names, b.names),
        _jaccard(a.context, b.context),
        doc_similarity if cross_doc else 0.0,
        float(b.indefinite and not cross_doc),
        float(a.pos == "VERB" and b.pos == "VERB"),
        float(a.pos == "NOUN" and b.pos == "NOUN"),
        float(not cross_doc and min(a.sentence, b.sentence) == 0),
        float(bool(a.dates and b.dates and not (a.dates & b.dates))),
        float(bool(a.type and b.type and a.type != b.type)),
        float(not cross_doc and distance == 0),
        _jaccard(a.arguments, b.arguments),
        float(bool(a.arguments and b.arguments and not a.arguments & b.arguments)),
    ]


@dataclass
class PairModel:
    """Logistic pairwise model: P(coreferent) = sigmoid(weights · features + bias)."""

    weights: list[float]
    bias: float
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURES

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict:
        return {"features": list(self.features), "weights": self.weights, "bias": self.bias,
                "threshold": self.threshold}


MODEL_FILE = "stories_eventcoref_model.json"


@lru_cache(maxsize=1)
def default_model() -> PairModel:
    """The trained model shipped in ``storyline/data``."""
    data = lexicons.load_json(MODEL_FILE)
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE} was trained on other features; retrain it")
    return PairModel(data["weights"], data["bias"], data.get("threshold", 0.5))


def unit_tfidf(terms: dict[str, Counter], *, sublinear: bool = False) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors of documents given as term counts (``sublinear``: 1 + log of the count)."""
    df = Counter(t for counts in terms.values() for t in counts)
    n = len(terms)
    vectors = {}
    for doc_id, counts in terms.items():
        vector = {t: (1 + math.log(c) if sublinear else c) * math.log((1 + n) / (1 + df[t]))
                  for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors[doc_id] = {t: v / norm for t, v in vector.items()}
    return vectors


def cosine(x: dict[str, float], y: dict[str, float]) -> float:
    """Cosine of two unit vectors held as dicts."""
    small, large = sorted((x, y), key=len)
    return sum(v * large.get(t, 0.0) for t, v in small.items())


def doc_similarities(mentions: list[EventMention]) -> dict[tuple[str, str], float]:
    """TF-IDF cosine between the documents of ``mentions`` (keyed by both orders)."""
    vectors = unit_tfidf({m.doc_id: m.doc_terms for m in mentions})
    sims: dict[tuple[str, str], float] = {}
    ids = sorted(vectors)
    for i, x in enumerate(ids):
        for y in ids[i + 1 :]:
            sims[(x, y)] = sims[(y, x)] = cosine(vectors[x], vectors[y])
    return sims


def pair_probabilities(mentions: list[EventMention], model: PairModel) -> np.ndarray:
    """Symmetric matrix of coreference probabilities between mentions (in reading order)."""
    sims = doc_similarities(mentions)
    n = len(mentions)
    probs = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = mentions[i], mentions[j]
            features = pair_features(a, b, sims.get((a.doc_id, b.doc_id), 1.0))
            probs[i, j] = probs[j, i] = model.probability(features)
    return probs


def _reading_order(mention: EventMention) -> tuple[str, int]:
    return (mention.doc_id, mention.sentence)


def cluster_mentions(mentions: list[EventMention], model: PairModel | None = None,
                     threshold: float | None = None) -> dict[str, str]:
    """Cluster mentions within each group; returns ``{mention id: cluster label}``."""
    model = model or default_model()
    cut = model.threshold if threshold is None else threshold
    by_group: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_group.setdefault(mention.group, []).append(mention)
    labels: dict[str, str] = {}
    for group, members in by_group.items():
        members = sorted(members, key=_reading_order)
        if len(members) == 1:
            labels[members[0].id] = f"{group}/0"
            continue
        distances = 1.0 - pair_probabilities(members, model)
        np.fill_diagonal(distances, 0.0)
        tree = linkage(squareform(distances, checks=False), method="average")
        for mention, cluster in zip(members, fcluster(tree, t=1.0 - cut, criterion="distance"),
                                    strict=True):
            labels[mention.id] = f"{group}/{cluster}"
    return labels
