"""Event frames for news: type and CAMEO root, trigger, participants, place, time, status and
source for each event of an article, with mentions of the same event merged.

The parts: ``events_triggers`` finds trigger words, ``events_rules`` checks a trigger's lexicon
conditions, ``events_roles`` fills participants, theme and place (names via ``events_names``),
``events_time`` attaches time expressions, ``events_status`` decides the status, ``events_source``
finds who reports it, ``events_threats`` reads conditional force as threats, ``events_merge``
merges mentions of one event (scored by ``events_pairs`` with the pairwise model of
``stories.eventcoref``, within what the frames allow). ``events_detect`` finds untyped event mentions (for benchmarks).
Word lists are ``storyline/data/events_*``.
"""

from __future__ import annotations

from ...model import Entity, Event, EventTime, Quote, Span, Timex
from .lexicon import EventLexicon, TriggerRule, event_lexicon
from .merge import EventMention, merge_mentions, to_event
from .names import NameResolver
from .pairs import pair_view, sentence_starts
from .roles import RoleFinder, Roles
from .rules import first_satisfied, is_generic, is_unresolved_group
from .source import SourceFinder
from .status import status_from_time, status_of, told_in_past
from .threats import conditional_threat
from .time import TimeFinder, event_time
from .triggers import Candidate, find_candidates

# Dependencies that make a word an argument of its head ("arrangements for the meeting").
ARGUMENT_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "compound", "poss", "attr", "dative"})


def extract_events(doc, entities: list[Entity], timexes: list[Timex], quotes: list[Quote],
                   anchor: str | None) -> list[Event]:
    """The events of a parsed ``doc``; offsets index ``doc.text``."""
    mentions = find_mentions(doc, entities, timexes, quotes, anchor)
    return [to_event(group) for group in merge_mentions(mentions)]


def find_mentions(doc, entities: list[Entity], timexes: list[Timex], quotes: list[Quote],
                  anchor: str | None) -> list[EventMention]:
    """Every event mention of ``doc``, one per trigger, before coreference."""
    lexicon = event_lexicon()
    candidates = find_candidates(doc, lexicon)
    # "signed the deal": the noun names the event, its support verb only carries it
    supports = {c.governor.i for c in candidates if c.is_noun and c.support and c.governor is not None}
    candidates = [c for c in candidates if c.is_noun or c.token.i not in supports]
    framer = MentionFramer(doc, entities, timexes, quotes, anchor, candidates)
    return fold_into_threats([mention for candidate in candidates for mention in framer.frame(candidate)])


def fold_into_threats(mentions: list[EventMention]) -> list[EventMention]:
    """A threat stands for the force it threatens and the conduct it is conditioned on: "if it
    doesn't disarm, we will disarm them" is one threat, not two hypothetical disarmaments."""
    threats = [m for m in mentions if m.type == "threat"]

    def folded(mention: EventMention) -> bool:
        if mention.type == "threat" or mention.status != "hypothetical":
            return False
        return any(mention.trigger.start == t.trigger.start
                   or (t.condition and t.condition[0] <= mention.trigger.start < t.condition[1]) for t in threats)

    return [m for m in mentions if not folded(m)]


class MentionFramer:
    """Builds the frame of each trigger of one doc, in document order (later mentions resolve
    "the pair" against the groups earlier ones named)."""

    def __init__(self, doc, entities: list[Entity], timexes: list[Timex], quotes: list[Quote],
                 anchor: str | None, candidates: list[Candidate]):
        self.lexicon = event_lexicon()
        self.anchor = anchor
        resolver = NameResolver(doc, entities)
        self.roles = RoleFinder(resolver, self.lexicon)
        self.roles.learn_doc(doc)
        self.times = TimeFinder(doc, timexes, self.lexicon)
        self.sources = SourceFinder(doc, quotes, resolver, self.lexicon)
        # every trigger claims the time of its own clause before any looks further
        self.scoped = {c.token.i: self.times.scoped(c) for c in candidates}
        self.sentence_starts = sentence_starts(doc)

    def frame(self, candidate: Candidate, *, check_rules: bool = True) -> list[EventMention]:
        """The mention of ``candidate`` (and the threat it makes, if any); none when no rule's
        conditions hold. ``check_rules=False`` frames it anyway, with its last (most general) rule
        when none holds."""
        source, how = self.sources.source(candidate.token)
        frame = self.roles.roles(candidate, source)
        if check_rules:
            rule = first_satisfied(candidate, frame)
            if rule is None or (not frame.participants and is_generic(candidate.token)) \
                    or is_unresolved_group(candidate, frame):
                return []
        else:
            rule = first_satisfied(candidate, frame) or candidate.rules[-1]
        mention = _mention(candidate, rule, frame, source, how, self.lexicon)
        mention.view = pair_view(candidate.token, self.sentence_starts)
        mention.time = _time(candidate, self.times, self.scoped.get(candidate.token.i), self.anchor)
        mention.status = status_from_time(mention.status, mention.time.value if mention.time else None,
                                          self.anchor, past=told_in_past(candidate))
        if mention.time is None and mention.status == "occurred":
            mention.time = _just_now(candidate, self.anchor)
        mention.confidence = _confidence(mention, candidate)
        self.roles.remember(candidate.token.i, frame.participants)
        threat = conditional_threat(candidate, mention, self.roles, self.times)
        return [mention, threat] if threat else [mention]


def _mention(candidate: Candidate, rule: TriggerRule, frame: Roles, source, how: str,
             lexicon: EventLexicon) -> EventMention:
    token = candidate.token
    sentence = token.sent
    status, cue = status_of(candidate, lexicon)
    distinct = any(c.lower_ in lexicon.distinct for c in token.children if c.dep_ in ("det", "amod"))
    governors = frozenset(word.idx for word in _governors(token))
    participants = [p.text for p in frame.participants]
    return EventMention(
        type=rule.type,
        cameo=rule.cameo,
        trigger=Span(token.text, token.idx, token.idx + len(token.text)),
        sentence=Span(sentence.text, sentence.start_char, sentence.end_char),
        participants=participants,
        participant_types={p.text: p.type for p in frame.participants},
        theme=frame.theme,
        place=frame.place.text if frame.place else None,
        place_type=frame.place.type if frame.place else None,
        status=status,
        status_cue=cue,
        source=source.text if source else None,
        distinct=distinct,
        governors=governors,
        reason=f"{rule.lemma}/{rule.pos} → {rule.type} (CAMEO {rule.cameo_code or 'none'}); "
               f"status from '{cue}'" + (f"; source by {how}" if source else ""),
    )


def _governors(token) -> list:
    """The words a trigger is an argument of: its head, through a preposition ("arrangements for
    the meeting") or a conjunction; a clause or apposition beside an event is no argument of it."""
    word = token
    while word.dep_ == "conj" and word.head != word:
        word = word.head
    head = word.head
    if head == word or word.dep_ not in ARGUMENT_DEPS:
        return []
    return [head, head.head] if head.dep_ in ("prep", "agent") and head.head != head else [head]


def _time(candidate: Candidate, times: TimeFinder, scoped: Timex | None, anchor: str | None) -> EventTime | None:
    relative = times.relative(candidate, anchor)
    if relative:
        return relative
    if scoped:
        return event_time(scoped, candidate.token.doc, anchor)
    later = times.unclaimed_before(candidate)
    return event_time(later, candidate.token.doc, anchor) if later else None


def _just_now(candidate: Candidate, anchor: str | None) -> EventTime | None:
    """"I have just concluded my call": a present perfect with "just" happened on the day."""
    verb = candidate.clause_verb if candidate.is_noun else candidate.token
    if verb is None or anchor is None:
        return None
    children = list(verb.children)
    just = next((c for c in children if c.dep_ == "advmod" and c.lower_ == "just"), None)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in children)
    if just is None or not perfect:
        return None
    start, end = just.idx, verb.idx + len(verb.text)
    return EventTime(value=anchor[:10], text=verb.doc.text[start:end], start=start, end=end)


def _confidence(mention: EventMention, candidate: Candidate) -> float:
    score = 0.5 + 0.1 * min(len(mention.participants), 2)
    score += 0.1 if mention.time else 0.0
    score += 0.05 if mention.place else 0.0
    score -= 0.05 if candidate.is_noun and not candidate.support else 0.0
    return round(min(score, 0.95), 3)
