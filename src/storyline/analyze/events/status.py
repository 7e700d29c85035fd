"""An event's status (planned, occurred, ongoing, hypothetical, negated, denied) from tense, modality,
negation, denials and conditionals around its trigger."""

from __future__ import annotations

import re

from .lexicon import EventLexicon
from .triggers import Candidate

CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?![\dW])")
# Where a clause begins: a condition further up belongs to another clause.
CLAUSE_ROOTS = frozenset({"ROOT", "ccomp", "relcl", "parataxis", "advcl", "csubj"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Heads an infinitive or complement climbs through to find "set to", "plans to", "is possible to".
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "acomp", "pcomp", "advcl"})


def status_of(candidate: Candidate, lexicon: EventLexicon) -> tuple[str, str]:
    """The status and the word that decided it (for the evidence)."""
    token = candidate.token
    if candidate.is_noun:
        return _noun_status(candidate, lexicon)
    return _verb_status(token, lexicon)


def _noun_status(candidate: Candidate, lexicon: EventLexicon) -> tuple[str, str]:
    noun = candidate.token
    first = noun
    while first.dep_ == "conj" and first.head != first:
        first = first.head  # "no gains or losses": the determiner sits on the first of the pair
    for word in noun.doc[first.left_edge.i: noun.i]:
        if word.dep_ == "det" and word.lower_ == "no" and word.head in (noun, first):
            return "negated", word.text
        status = lexicon.modality.get((word.lower_, "mod"))
        if status:
            return status, word.text
    governor = candidate.governor
    if governor is None:
        return "occurred", "default"
    status, cue = _verb_status(governor, lexicon)
    if candidate.support:
        return status, cue
    # The subject of some other verb keeps its future ("the meeting will be historic"), but not its
    # negation or mood ("Clinton's statements don't mean much": the statements were made).
    if noun.dep_ in ("nsubj", "nsubjpass", "attr") and status == "planned":
        return status, cue
    return "occurred", "default"


def _verb_status(verb, lexicon: EventLexicon) -> tuple[str, str]:
    if verb.dep_ == "conj" and verb.head != verb and verb.head.pos_ in ("VERB", "AUX") and not any(
            child.dep_ in SUBJECT_DEPS | {"aux", "auxpass", "neg"} for child in verb.children):
        status, cue = _verb_status(verb.head, lexicon)  # "they'll rule … and ignore": one subject, one tense
        # a negation spreads over "or"/"nor" ("had not admitted it or implicated others"), not "and"/"but"
        if status != "negated" or any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in verb.head.children):
            return status, cue
        return _tense(verb)
    conditional = _conditional(verb)
    if conditional:
        return "hypothetical", conditional
    negation = _negation(verb, lexicon)
    if negation:
        return "negated", negation
    modal = _modality(verb, lexicon)
    if modal:
        return modal
    return _tense(verb)


def _conditional(verb) -> str | None:
    """"If Hamas continues…" (the condition) and "…we will disarm them" (its consequence)."""
    word = verb
    for _ in range(6):
        for child in word.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return child.text
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children
            ):
                return "if"
        if word.dep_ in CLAUSE_ROOTS or word.head == word:
            break
        word = word.head
    return None


def _negation(verb, lexicon: EventLexicon) -> str | None:
    for word in _clause_chain(verb):
        for child in word.children:
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and child.lower_ in lexicon.negations):
                return child.text
    for child in verb.children:  # "No one was hurt", "Nobody saw it"
        if child.dep_ in SUBJECT_DEPS and (child.lower_ in lexicon.negations or any(
                c.dep_ == "det" and c.lower_ == "no" for c in child.children)):
            return child.text
    return None


def _modality(verb, lexicon: EventLexicon) -> tuple[str, str] | None:
    for word in _clause_chain(verb):
        for child in word.children:
            if child.dep_ == "aux":
                status = lexicon.modality.get((child.lower_, "aux"))
                if status:
                    return status, child.text
        if word != verb:
            status = lexicon.modality.get((word.lemma_.lower(), "gov")) or lexicon.modality.get(
                (word.lower_, "gov"))
            if status:
                return status, word.text
            for child in word.children:
                if child.dep_ == "acomp":
                    status = lexicon.modality.get((child.lower_, "gov"))
                    if status:
                        return status, child.text
    return None


def _clause_chain(verb) -> list:
    """The verb and the verbs it depends on as an infinitive or complement ("is likely to take")."""
    chain = [verb]
    word = verb
    while word.dep_ in CLIMB_DEPS and len(chain) < 4 and word.head != word:
        if word.dep_ in ("ccomp", "advcl") and not _is_infinitive(word):
            break
        word = word.head
        chain.append(word)
    return chain


def _is_infinitive(verb) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children) or verb.tag_ == "VB"


def _tense(verb) -> tuple[str, str]:
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "occurred", verb.text
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        return "ongoing", verb.text
    if verb.tag_ in ("VBZ", "VBP"):
        # news tells what happened in the present ("Trump meets Putin", "Trump delivers remarks")
        return "occurred", verb.text
    if verb.tag_ == "VB" and verb.head != verb and verb.dep_ in CLIMB_DEPS | {"conj"}:
        return _tense(verb.head)
    return "occurred", "default"


def told_in_past(candidate: Candidate) -> bool:
    """Whether the event's own clause is in the past tense or perfect ("went missing", "had crashed",
    "has met"): a date after the anchor can then not make it planned."""
    verb = candidate.clause_verb if candidate.is_noun else candidate.token
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)


def status_from_time(status: str, value: str | None, anchor: str | None, *, past: bool = False) -> str:
    """Tense says occurred or ongoing, but the date decides: a future date makes it planned, unless
    the clause is told in the past (``past``): planned needs future or modal evidence."""
    if not value or not anchor or status in ("hypothetical", "negated"):
        return status
    day = anchor[:10]
    match = CALENDAR_VALUE.match(value)
    if not match:
        return status
    comparable = match.group(0)
    if comparable > day[: len(comparable)]:
        return status if past else "planned"
    if comparable < day[: len(comparable)] and status == "planned":
        return "occurred"
    if status == "ongoing" and comparable < day[: len(comparable)]:
        return "occurred"
    return status
