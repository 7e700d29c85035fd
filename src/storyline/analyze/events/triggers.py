"""Event triggers: verbs and event nouns of the lexicon, with the verb that governs each noun."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import EventLexicon, TriggerRule

VERB_TAGS = frozenset({"VERB"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# Prepositions that put an event noun inside a state of its subject ("were on the phone", "are in talks").
STATE_PREPS = frozenset({"on", "in", "at"})
# spaCy entity types whose words name things, not happenings (EVENT names are kept: "Hurricane Katrina").
NAME_TYPES = frozenset({"ORG", "WORK_OF_ART", "FAC", "DATE", "LAW", "PRODUCT", "PERSON", "GPE", "NORP"})


@dataclass
class Candidate:
    """A word that may name an event, before its roles are checked against the rule conditions."""

    token: object  # spaCy Token
    rules: tuple[TriggerRule, ...]
    governor: object | None = None  # the verb that carries a noun's tense, subject and modality
    support: bool = False  # governor is a support verb ("held talks", "were on the phone")

    @property
    def is_noun(self) -> bool:
        return self.rules[0].pos == "N"

    @property
    def clause_verb(self):
        """The verb whose tense, auxiliaries and subject the event takes."""
        return self.governor if self.is_noun and self.support else self.token


def find_candidates(doc, lexicon: EventLexicon) -> list[Candidate]:
    """Every token of ``doc`` that matches a trigger rule, in document order."""
    found = []
    for token in doc:
        if token.ent_type_ in NAME_TYPES:
            continue  # "the PGA Tour", "Election Day", "Dying with Dignity Canada" are names
        if token.pos_ in VERB_TAGS:
            # "an agreed upon location", "supplying missiles": participles describing a thing
            rules = () if token.dep_ in ("amod", "compound") else _verb_rules(token, lexicon)
        elif token.pos_ in NOUN_TAGS:
            rules = _noun_rules(token, lexicon)
        else:
            continue
        if not rules:
            continue
        candidate = Candidate(token, rules)
        if candidate.is_noun:
            candidate.governor, candidate.support = governor_of(token, lexicon)
        found.append(candidate)
    return found


def _verb_rules(token, lexicon: EventLexicon) -> tuple[TriggerRule, ...]:
    rules = lexicon.triggers.get((token.lemma_.lower(), "V"), ())
    particles = {child.lower_ for child in token.children if child.dep_ == "prt"}
    phrasal = tuple(rule for rule in rules if rule.particle and rule.particle in particles)
    return phrasal or tuple(rule for rule in rules if not rule.particle)


def _noun_rules(token, lexicon: EventLexicon) -> tuple[TriggerRule, ...]:
    rules = lexicon.triggers.get((token.lemma_.lower(), "N")) or lexicon.triggers.get((token.lower_, "N"), ())
    modifiers = {child.lower_ for child in token.children if child.dep_ in ("compound", "amod")}
    return tuple(
        rule for rule in rules
        if (not rule.compounds or modifiers & rule.compounds) and not modifiers & rule.not_compounds
    )


def governor_of(noun, lexicon: EventLexicon) -> tuple[object | None, bool]:
    """The verb governing an event noun, and whether it is a support verb for it."""
    token = noun
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head, head.lemma_.lower() in lexicon.support_verbs
    if token.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if verb.pos_ in ("VERB", "AUX"):
            state = verb.lemma_ == "be" and head.lower_ in STATE_PREPS
            return verb, state or verb.lemma_.lower() in lexicon.support_verbs
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head, head.lemma_.lower() in lexicon.subject_support_verbs
    if token.dep_ == "compound":
        return governor_of(token.head, lexicon)
    return None, False
