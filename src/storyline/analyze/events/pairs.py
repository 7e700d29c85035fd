"""How likely two event mentions of one article name the same happening: each trigger seen as the
pairwise model of ``stories.eventcoref`` sees it (lemma, sentence, names, dates, arguments), scored
by that model."""

from __future__ import annotations

import re
from bisect import bisect_right

from .coref import CONTENT_POS, INDEFINITE, NAME_LABELS, PairModel, default_model, pair_features
from .coref import EventMention as PairView
from .coref import arguments as _arguments

LINE_START = re.compile(r"\n\s*(?=\S)")


def sentence_starts(doc) -> list[int]:
    """Character offsets where the sentences of ``doc`` start; a line break also starts one (the
    parser runs an unpunctuated headline into the first sentence, the model tells them apart)."""
    starts = []
    for sentence in doc.sents:
        starts.append(sentence.start_char)
        starts.extend(sentence.start_char + m.end() for m in LINE_START.finditer(sentence.text))
    return starts


def pair_view(token, starts: list[int]) -> PairView:
    """The model's view of a trigger ``token``, its sentence found among ``starts`` (from
    :func:`sentence_starts` of its doc)."""
    doc = token.doc
    number = bisect_right(starts, token.idx) - 1
    end = starts[number + 1] if number + 1 < len(starts) else len(doc.text)
    sentence = doc.char_span(starts[number], end, alignment_mode="expand") or token.sent
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    previous = doc[token.i - 1].lower_ if token.i > 0 else ""
    return PairView(
        id=str(token.idx),
        doc_id="",
        sentence=number,
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
