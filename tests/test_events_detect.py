"""Untyped event mentions: content verbs and event nouns, with noun and verb forms sharing a lemma."""

from storyline.analyze.events.detect import detect_event_mentions, event_lemma
from storyline.analyze.nlp import parse


def test_verbs_and_event_nouns_are_mentions_but_not_things():
    doc = parse("Boeing won the contract after the approval of the sale, and the company is happy.")
    heads = {c.token.text for c in detect_event_mentions(doc)}
    assert {"won", "approval", "sale"} <= heads
    assert not {"Boeing", "company", "is", "happy"} & heads


def test_nouns_made_from_verbs_share_the_verb_lemma():
    doc = parse("The approval came after the investigation.")
    lemmas = {t.text: event_lemma(t) for t in doc}
    assert lemmas["approval"] == "approve" and lemmas["investigation"] == "investigate"
