"""Threats made by conditional force: "If Hamas continues…, we will kill them" is a threat by
the speaker against the one addressed, or else the one whose conduct is the condition."""

from __future__ import annotations

from .lexicon import EventLexicon
from .merge import EventMention
from .roles import RoleFinder
from .time import TimeFinder, event_time
from .triggers import Candidate

# CAMEO roots of force and coercion (yield, coerce, assault, fight): conditional, they threaten.
FORCE_ROOTS = frozenset({"08", "17", "18", "19"})


def conditional_threat(candidate: Candidate, mention: EventMention, roles: RoleFinder,
                        times: TimeFinder) -> EventMention | None:
    """"If Hamas continues…, we will kill them": a speaker's conditional use of force is a threat
    against the one addressed, or else the one whose conduct is the condition."""
    if mention.cameo not in FORCE_ROOTS or mention.status_cue.lower() not in ("if", "unless"):
        return None
    if not mention.source or mention.source not in mention.participants:
        return None
    report = _reporting_verb(candidate.token, roles.lexicon)
    condition = _condition_clause(candidate.token, report)
    targets = [name.text for name in _addressees(report, roles)] if report is not None else []
    if not targets:
        subjects = [c for c in condition.children if c.dep_ == "nsubj"] if condition is not None else []
        targets = [name.text for word in subjects for name in roles.names_of(word, None)]
    targets = [t for t in targets or mention.participants if t != mention.source]
    if not targets:
        return None
    said_at = times.at_verb(report) if report is not None else None
    time = event_time(said_at) if said_at else None
    return EventMention(
        type="threat", cameo="13", trigger=mention.trigger, sentence=mention.sentence,
        participants=[mention.source, *targets], time=time, status="occurred", status_cue="if",
        source=mention.source, confidence=mention.confidence,
        speech_act=report.idx if report is not None else None,
        condition=_extent(condition) if condition is not None else None,
        reason=f"conditional use of force by the speaker ({mention.reason})",
    )


def _reporting_verb(token, lexicon: EventLexicon):
    for word in token.ancestors:
        if word.pos_ == "VERB" and word.lemma_.lower() in lexicon.reporting:
            return word
    return None


def _addressees(verb, roles: RoleFinder) -> list:
    return [name for c in verb.children if c.dep_ in ("dobj", "dative") for name in roles.names_of(c, None)]


def _extent(word) -> tuple[int, int]:
    """Character span of ``word`` and its dependents."""
    return word.left_edge.idx, word.right_edge.idx + len(word.right_edge.text)


def _condition_clause(token, report=None):
    """The "if" clause on the trigger or a verb above it in the threatening sentence (below the
    verb that reports it)."""
    for word in (token, *token.ancestors):
        if word == report:
            break
        for child in word.children:
            if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children):
                return child
    return None
