"""The tense of the verb governing a time expression: past, future or present, from the spaCy parse.

It decides whether a bare weekday, month or day lies before or after the publication date
("met on Monday" vs "will meet on Monday"). Word lists are in ``data/timex_lexicon.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .lexicon import alternation, raw_lexicon

_MAX_HEAD_STEPS = 6


@dataclass(frozen=True)
class TenseWords:
    future_auxiliaries: frozenset[str]
    modals: frozenset[str]  # not "could": more often past ability than a plan
    past_auxiliaries: frozenset[str]
    future_governors: frozenset[str]  # "scheduled to close Monday", "plans to meet in May"
    scheduling_verbs: frozenset[str]  # "has scheduled a news conference Thursday"
    future_signal: re.Pattern[str]  # "as soon as Tuesday"
    deferral_verbs: frozenset[str]  # "postponed until Tuesday", "extended its deadline until Friday"
    deferral_signal: re.Pattern[str]  # the preposition that marks the deadline: "until"


@lru_cache(maxsize=1)
def tense_words() -> TenseWords:
    """The tense word lists, built once per process."""
    raw = raw_lexicon()["tense"]
    return TenseWords(
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        modals=frozenset(raw["modals"]),
        past_auxiliaries=frozenset(raw["past_auxiliaries"]),
        future_governors=frozenset(raw["future_governors"]),
        scheduling_verbs=frozenset(raw["scheduling_verbs"]),
        future_signal=re.compile(r"\b" + alternation(raw["future_signals"]) + r"\s+(?:on\s+|at\s+)?$", re.I),
        deferral_verbs=frozenset(raw["deferral_verbs"]),
        deferral_signal=re.compile(r"\b" + alternation(raw["deferral_signals"]) + r"\s+$", re.I),
    )


def tense_at(doc: Doc, start: int, end: int, text: str | None = None) -> str | None:
    """"past", "future" or "present" for the verb governing the span ``start:end``; None if none.

    ``text`` is ``doc.text``, passed by callers that have it (spaCy rebuilds it on every access).
    """
    words = tense_words()
    text = doc.text if text is None else text
    if words.future_signal.search(text, max(0, start - 20), start):
        return "future"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    if verb.lemma_ in words.deferral_verbs and words.deferral_signal.search(text, max(0, start - 12), start):
        return "future"  # a deadline set or moved: "postponed until Tuesday"
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & words.future_auxiliaries or auxiliaries & words.modals and "have" not in auxiliaries:
        return "future"
    if "to" in auxiliaries:
        return "future" if verb.head.lemma_ in words.future_governors else "present"
    if verb.lemma_ in words.scheduling_verbs:
        return "future"
    if verb.tag_ in ("VBD", "VBN") or auxiliaries & words.past_auxiliaries:
        return "past"
    return "present"


# Links from a date up to the verb it dates: "on March 8", "March 8" as a bare adverbial, "8" in "March 8".
_LOCAL_DEPS = frozenset({"pobj", "prep", "npadvmod", "tmod", "nummod", "compound", "appos"})


def tense_is_local(doc: Doc, start: int, end: int, direction: str) -> bool:
    """Whether the span hangs straight on a verb whose own form says ``direction`` ("went missing on
    March 8", "had left on March 8", "will return on March 10"): then that tense, not the nearest
    date, decides the year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    for _ in range(3):
        if token.dep_ not in _LOCAL_DEPS or token.head is token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
            if direction == "future":
                return any(a.lower_ in tense_words().future_auxiliaries for a in auxiliaries)
            return not any(a.tag_ in ("MD", "VBZ", "VBP") and a.lemma_ != "have" for a in auxiliaries) and (
                token.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries))
    return False


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` that carries tense: gerunds and bare infinitives without
    auxiliaries ("found Thursday clinging to ...") pass the question on to their own head."""
    verb = None
    for _ in range(_MAX_HEAD_STEPS):
        if token.pos_ in ("VERB", "AUX"):
            verb = token
            untensed = token.tag_ in ("VBG", "VB") and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            if not untensed or token.head is token:
                return verb
        if token.head is token:
            break
        token = token.head
    return verb
