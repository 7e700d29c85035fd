"""How likely two event mentions of one article name the same happening: each trigger seen as the
pairwise model of ``stories.eventcoref`` sees it (lemma, sentence, names, dates, arguments), scored
by that model."""

from __future__ import annotations

from ..stories.cdcr import INDEFINITE, NAME_LABELS, _arguments
from ..stories.eventcoref import EventMention as PairView
from ..stories.eventcoref import PairModel, default_model, pair_features

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def pair_view(token, sentence_number: int) -> PairView:
    """The model's view of a trigger ``token`` in the ``sentence_number``-th sentence of its doc."""
    sentence = token.sent
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    previous = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return PairView(
        id=str(token.idx),
        doc_id="",
        sentence=sentence_number,
        lemma=" ".join([token.lemma_.lower(), *particles]),
        pos=token.pos_,
        text=token.text,
        context=frozenset(t.lemma_.lower() for t in sentence
                          if t.pos_ in CONTENT_POS and not t.is_stop and t.i != token.i),
        names=frozenset(e.text.lower() for e in sentence.ents if e.label_ in NAME_LABELS),
        dates=frozenset(e.text.lower() for e in sentence.ents if e.label_ == "DATE"),
        arguments=_arguments(token),
        indefinite=token.pos_ == "NOUN" and previous in INDEFINITE,
    )


def same_event_probability(first: PairView, second: PairView, model: PairModel | None = None) -> float:
    """P(one event) for two mentions of one article, ``first`` read before ``second``."""
    return (model or default_model()).probability(pair_features(first, second))
