"""Speaker-candidate ranker: which noun phrase around a speech cue is its speaker, chosen by a
logistic model over parse features (``scripts/train_speakers.py``, shipped as
``data/quotes_speaker_model.json``); the rule's choice is one feature among them."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from ... import lexicons
from .lexicon import QuoteLexicon
from .repairs import is_time

MODEL_PATH = lexicons.path("quotes_speaker_model.json")
CANDIDATE_POS = frozenset({"PROPN", "NOUN", "PRON"})
# Words of a name or a noun phrase that are not its head: never a candidate of their own.
NON_HEAD_DEPS = frozenset({"compound", "flat", "poss", "nmod", "amod", "det", "npadvmod", "nummod", "case"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we", "us"})
FIRST_PERSON = frozenset({"i", "me"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
WINDOW_TOKENS = 40  # candidates within this many tokens of the cue, in its sentence
SPEECH_LEMMAS = ("say", "tell", "add", "according")  # the commonest cues get features of their own


@dataclass
class SpeakerCandidate:
    token: Token
    features: list[str]


def _bucket(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (3, "3"), (6, "4-6"), (10, "7-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "far"


def _kind(tok: Token, lexicon: QuoteLexicon) -> str:
    """What sort of speaker a candidate would be: a named person, organisation, role noun, pronoun …"""
    lower = tok.lower_
    if tok.pos_ == "PRON":
        if lower in PERSON_PRONOUNS:
            return "pron_person"
        if lower in GROUP_PRONOUNS:
            return "pron_group"
        return "pron_first" if lower in FIRST_PERSON else "pron_other"
    if tok.ent_type_:
        return "ent_" + tok.ent_type_
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        for name, words in (("role", lexicon.roles), ("proxy", lexicon.proxies), ("org", lexicon.org_nouns)):
            if lemma in words:
                return "noun_" + name
        return "noun"
    return "propn"


def _relation(tok: Token, cue: Token) -> tuple[str, str]:
    """How the candidate hangs on the cue: its own path (child, grandchild, sibling …) and the cue's
    child whose subtree holds it ("advcl" for a participial lead-in)."""
    if tok.head.i == cue.i:
        path = "child:" + tok.dep_
    elif cue.head.i == tok.i and cue.i != tok.i:
        path = "parent:" + cue.dep_
    elif tok.head.head.i == cue.i:
        path = f"grand:{tok.head.dep_}>{tok.dep_}"
    elif tok.head.i == cue.head.i:
        path = f"sibling:{tok.dep_}/{cue.dep_}"
    else:
        path = "other"
    branch = "outside"
    node = tok
    for _ in range(12):
        if node.head.i == node.i:
            break
        if node.head.i == cue.i:
            branch = node.dep_
            break
        node = node.head
    return path, branch


_DATELINE = re.compile(r"[A-Z][A-Z .,'-]*(?:\s*\([A-Za-z]+\))?\s*(?:--|—|–|-|:)")


def is_dateline(tok: Token) -> bool:
    """Whether the token is a dateline opening its line ("WASHINGTON -- President Obama said"):
    a place in capitals before a dash, never a speaker however the parser hung it."""
    text = tok.doc.text
    line_start = text.rfind("\n", 0, tok.idx) + 1
    return (tok.is_upper and len(tok) > 1 and not text[line_start : tok.idx].strip()
            and _DATELINE.match(text, tok.idx) is not None)


ANTECEDENT_REACH = 80  # tokens back in which a pronoun finds the name it stands for
_ANTECEDENT_LABELS = {"pron_person": {"PERSON"}, "pron_group": {"ORG", "GPE", "NORP"}}


def _has_antecedent(pronoun: Token, kind: str) -> bool:
    """Whether a name of the pronoun's kind (a person for "he", a group for "they") comes shortly before it."""
    labels = _ANTECEDENT_LABELS.get(kind)
    if not labels:
        return False
    doc = pronoun.doc
    return any(t.ent_type_ in labels for t in doc[max(0, pronoun.i - ANTECEDENT_REACH) : pronoun.i])


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for ("supporters who said" → supporters), else None: the
    pronoun itself is never a candidate, its antecedent is."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head
    return None


def candidates(cue: Token, rule_speaker: Token | None, lexicon: QuoteLexicon,
               excluded: Callable[[int], bool], sent_bounds: tuple[int, int]) -> list[SpeakerCandidate]:
    """Noun-phrase heads near ``cue`` in its sentence, outside quotes and the reported content
    (``excluded(char_offset)``), each with its named binary features."""
    doc = cue.doc
    lo, hi = sent_bounds
    toks = [t for t in doc[max(lo, cue.i - WINDOW_TOKENS) : min(hi, cue.i + WINDOW_TOKENS + 1)]
            if t.pos_ in CANDIDATE_POS and t.dep_ not in NON_HEAD_DEPS and not excluded(t.idx)
            and relative_antecedent(t) is None and not is_dateline(t) and not is_time(t)]
    if (rule_speaker is not None and all(t.i != rule_speaker.i for t in toks) and not is_dateline(rule_speaker)
            and not is_time(rule_speaker)):
        toks.append(rule_speaker)
        toks.sort(key=lambda t: t.i)
    before = [t for t in toks if t.i < cue.i]
    after = [t for t in toks if t.i > cue.i]
    lemma = cue.lemma_.lower()
    cue_name = lemma if lemma in SPEECH_LEMMAS else "other"
    out = []
    for tok in toks:
        side = "before" if tok.i < cue.i else "after"
        rank = len(before) - 1 - before.index(tok) if tok.i < cue.i else after.index(tok)
        path, branch = _relation(tok, cue)
        kind = _kind(tok, lexicon)
        dist = _bucket(abs(tok.i - cue.i))
        is_rule = rule_speaker is not None and tok.i == rule_speaker.i
        feats = [
            f"rule={is_rule}", f"path={path}", f"branch={branch}", f"kind={kind}", f"side={side}",
            f"dist={dist}", f"rank={side}{min(rank, 3)}", f"kind_path={kind}|{path}",
            f"kind_branch={kind}|{branch}", f"side_dist={side}|{dist}", f"rule_kind={is_rule}|{kind}",
            f"rule_branch={is_rule}|{branch}", f"cue={cue_name}", f"cue_tag={cue.tag_}",
            f"cue_path={cue_name}|{path}", f"cue_tag_branch={cue.tag_}|{branch}",
            f"plural={tok.tag_ in ('NNS', 'NNPS')}", f"tok_dep={tok.dep_}",
        ]
        if kind.startswith("pron_"):
            feats.append(f"antecedent={kind}|{_has_antecedent(tok, kind)}")
        out.append(SpeakerCandidate(tok, feats))
    return out


@dataclass(frozen=True)
class SpeakerModel:
    bias: float
    weights: dict[str, float]

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))

    def best(self, found: list[SpeakerCandidate]) -> tuple[Token, float] | None:
        """The highest-scoring candidate and its probability, or None when there is none."""
        if not found:
            return None
        scored = max(((self.score(c.features), c.token.i, c.token) for c in found), key=lambda s: s[:2])
        return scored[2], round(scored[0], 3)


_model_path: list[Path | None] = [MODEL_PATH]


def use_speaker_model(path: Path | None) -> None:
    """Rank speakers with the model in ``path`` from now on (None: the rules alone), e.g. one
    trained on another source to measure how the ranker generalises."""
    _model_path[0] = path
    speaker_model.cache_clear()


@lru_cache(maxsize=1)
def speaker_model() -> SpeakerModel | None:
    """The ranker in use (the shipped one unless :func:`use_speaker_model` chose another), or None
    when there is none: the rules then choose alone."""
    path = _model_path[0]
    if path is None or not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return SpeakerModel(float(data["bias"]), dict(data["weights"]))
