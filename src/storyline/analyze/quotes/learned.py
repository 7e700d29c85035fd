"""Attributions beyond speech verbs ("polls show that …", "Trump wants to …", "called for …"): a
verb's syntactic frame is scored by a logistic model trained on PolNeAR (``scripts/train_quotes.py``)
and shipped as ``data/quotes_attribution_model.json``."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from ... import lexicons

MODEL_PATH = lexicons.path("quotes_attribution_model.json")
MIN_CONTENT_WORDS = 3
# Prepositions that carry what a phrasal cue reports: "called for", "called on", "pointed to".
CONTENT_PREPS = {"for", "on", "to", "about", "against"}
SUBJECT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
CLAUSE_FRAMES = frozenset({"ccomp", "that", "xcomp"})  # content that is a clause, not a noun phrase


@dataclass
class Candidate:
    """A verb whose frame may report someone's words, beliefs or intentions."""

    verb: Token
    speaker: Token
    complement: str  # how the content hangs on the verb: ccomp, that, xcomp, dobj, prep_for …
    head: Token  # the content's head word
    content: list[Token]


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct and not t.is_space]


def _subtree(token: Token) -> list[Token]:
    return list(token.doc[token.left_edge.i : token.right_edge.i + 1])


def complement(verb: Token) -> tuple[str, Token, list[Token]] | None:
    """The verb's reported content (kind, head word, tokens), or None when it has none."""
    children = [c for c in verb.children if c.i > verb.i]
    if any(c.dep_ == "intj" and c.i == verb.i + 1 for c in children):
        return None  # "said no when …": the answer was the interjection
    for child in children:
        if child.dep_ == "ccomp":
            that = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
            return ("that" if that else "ccomp"), child, _subtree(child)
    for child in children:
        if child.dep_ in ("xcomp", "dobj"):
            return child.dep_, child, _subtree(child)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPS and child.i == verb.i + 1:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return f"prep_{child.lower_}", obj, _subtree(obj)
    return None


def _speaker_kind(speaker: Token) -> str:
    if speaker.ent_type_ in SUBJECT_LABELS:
        return speaker.ent_type_
    if speaker.pos_ == "PRON":
        return "pron_" + speaker.lower_
    return speaker.pos_


def features(candidate: Candidate, cue_tags: frozenset[str] | None) -> list[str]:
    """The named binary features of one candidate frame."""
    verb, speaker, kind = candidate.verb, candidate.speaker, candidate.complement
    lemma = verb.lemma_.lower()
    aux = sorted({c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")})
    words = len(_words(candidate.content))
    lexicon = "none" if cue_tags is None else ("+".join(sorted(cue_tags)) or "speech")
    speaker_kind = _speaker_kind(speaker)
    feats = [
        f"lemma={lemma}", f"lemma_comp={lemma}|{kind}", f"comp={kind}", f"tag={verb.tag_}",
        f"dep={verb.dep_}", f"spk={speaker_kind}", f"spk_comp={speaker_kind}|{kind}",
        f"lex={lexicon}", f"lex_comp={lexicon}|{kind}", f"len={min(words // 5, 6)}",
        f"aux={'+'.join(aux) or 'none'}",
    ]
    if speaker.pos_ == "NOUN":
        feats.append(f"spk_lemma={speaker.lemma_.lower()}")
    if kind in ("dobj", "prep_for", "prep_on"):
        feats.append(f"obj_lemma={candidate.head.lemma_.lower()}")
    return feats


def make_candidate(verb: Token, speaker: Token | None) -> Candidate | None:
    """The candidate frame of ``verb`` when it has both a speaker and some content."""
    if speaker is None or verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
        return None
    found = complement(verb)
    if found is None or len(_words(found[2])) < MIN_CONTENT_WORDS:
        return None
    return Candidate(verb, speaker, *found)


@dataclass(frozen=True)
class AttributionModel:
    bias: float
    weights: dict[str, float]
    threshold: float
    thresholds: dict[str, float] = field(default_factory=dict)  # per frame type, tuned for precision

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))

    def accepts(self, candidate: Candidate, cue_tags: frozenset[str] | None) -> bool:
        return self.accepts_features(features(candidate, cue_tags), candidate.complement)

    def accepts_features(self, feats: list[str], kind: str) -> bool:
        """Whether a frame of type ``kind`` with these features is reported as a stance."""
        if kind not in CLAUSE_FRAMES and not any(f.startswith("lemma_comp=") and self.weights.get(f, 0.0) > 0
                                                 for f in feats):
            return False  # "ironed out the details": a noun object is content only for verbs learned to report one
        return self.probability(feats) >= self.thresholds.get(kind, self.threshold)


@lru_cache(maxsize=1)
def attribution_model() -> AttributionModel | None:
    """The shipped model, or None when the data file is absent (the rules then work alone)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return AttributionModel(float(data["bias"]), dict(data["weights"]), float(data["threshold"]),
                            {k: float(v) for k, v in data.get("thresholds", {}).items()})
