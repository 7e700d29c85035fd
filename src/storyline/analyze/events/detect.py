"""General event mentions: every verb or event noun that names a happening, typed or not, with a
lemma shared by its verb and noun forms ("sold" and "sale" → "sell")."""

from __future__ import annotations

from functools import lru_cache

from ... import lexicons
from ..nlp import get_nlp
from .lexicon import EventLexicon, TriggerRule, event_lexicon
from .triggers import Candidate, governor_of

# Noun endings that make a noun from a verb, with what to put back to find the verb.
NOMINAL_SUFFIXES = (("ization", "ize"), ("isation", "ise"), ("ation", "ate"), ("ation", "e"), ("ation", ""),
                    ("ition", "ite"), ("tion", "te"), ("sion", "de"), ("sion", "se"), ("ment", ""),
                    ("ance", ""), ("ence", ""), ("al", "e"), ("al", ""), ("ure", "e"), ("ing", ""), ("ing", "e"))


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    return lexicons.words("events_nonevent_verbs.txt"), lexicons.words("events_nouns.txt")


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Base forms of English verbs, from the loaded pipeline's lemmatizer tables."""
    try:
        table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except (KeyError, ValueError):
        return frozenset()


def event_lemma(token) -> str:
    """The verb a mention's head stands for ("sale" keeps its own lemma; "approval" → "approve")."""
    lemma = token.lemma_.lower().replace("-", "")
    if token.pos_ == "VERB":
        return lemma
    verbs = _verbs()
    for suffix, replacement in NOMINAL_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)] + replacement
            if stem in verbs:
                return stem
    return lemma


def is_event_head(token, lexicon: EventLexicon) -> bool:
    """Whether ``token`` names a happening: a content verb, or an event noun (from the trigger
    lexicon, the event noun list, or a noun made from a verb)."""
    nonevent_verbs, event_nouns = _word_lists()
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return lemma not in nonevent_verbs and token.dep_ not in ("amod", "compound")
    if token.pos_ != "NOUN":
        return False
    if (lemma, "N") in lexicon.triggers or lemma in event_nouns:
        return True
    return event_lemma(token) != lemma.replace("-", "")


def detect_event_mentions(doc) -> list[Candidate]:
    """Every event mention of ``doc`` as a candidate typed by the trigger lexicon when it knows
    the word, else by its event lemma."""
    lexicon = event_lexicon()
    return [candidate_for(token, lexicon) for token in doc if is_event_head(token, lexicon)]


def candidate_for(token, lexicon: EventLexicon | None = None) -> Candidate:
    """A candidate for any head token: its lexicon rules, or one untyped rule named by its lemma."""
    lexicon = lexicon or event_lexicon()
    pos = "V" if token.pos_ in ("VERB", "AUX") else "N"
    rules = lexicon.triggers.get((token.lemma_.lower(), pos))
    if not rules:
        lemma = event_lemma(token)
        rules = (TriggerRule(lemma=lemma, pos=pos, type=lemma, cameo_code=""),)
    candidate = Candidate(token, rules)
    if candidate.is_noun:
        candidate.governor, candidate.support = governor_of(token, lexicon)
    return candidate
