"""Event frames for news: type and CAMEO root, trigger, participants, place, time, status and
source for each event of an article, with mentions of the same event merged."""

from __future__ import annotations

from ..model import Entity, Event, EventTime, Quote, Span, Timex
from .events_lexicon import EventLexicon, TriggerRule, event_lexicon
from .events_merge import EventMention, merge_mentions, to_event
from .events_names import NameResolver
from .events_roles import RoleFinder, Roles
from .events_source import SourceFinder
from .events_status import status_from_time, status_of
from .events_time import TimeFinder, event_time
from .events_triggers import Candidate, find_candidates

# CAMEO roots of force and coercion (yield, coerce, assault, fight): conditional, they threaten.
FORCE_ROOTS = frozenset({"08", "17", "18", "19"})
# Object complements and clauses: "called the plan a hoax", "called it 'bold'".
COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp", "advcl"})


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
    return [mention for candidate in candidates for mention in framer.frame(candidate)]


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

    def frame(self, candidate: Candidate, *, check_rules: bool = True) -> list[EventMention]:
        """The mention of ``candidate`` (and the threat it makes, if any); none when no rule's
        conditions hold. ``check_rules=False`` frames it anyway, with its last (most general) rule
        when none holds."""
        source, how = self.sources.source(candidate.token)
        frame = self.roles.roles(candidate, source)
        if check_rules:
            rule = _first_satisfied(candidate, frame)
            if rule is None or (not frame.participants and _generic(candidate.token)):
                return []
        else:
            rule = _first_satisfied(candidate, frame) or candidate.rules[-1]
        mention = _mention(candidate, rule, frame, source, how, self.lexicon)
        mention.time = _time(candidate, self.times, self.scoped.get(candidate.token.i), self.anchor)
        mention.status = status_from_time(mention.status, mention.time.value if mention.time else None,
                                          self.anchor)
        if mention.time is None and mention.status == "occurred":
            mention.time = _just_now(candidate, self.anchor)
        mention.confidence = _confidence(mention, candidate)
        self.roles.remember(candidate.token.i, frame.participants)
        threat = _conditional_threat(candidate, mention, self.roles, self.times)
        return [mention, threat] if threat else [mention]


def _generic(token) -> bool:
    """"It is tough to have meetings": a bare plural names no particular event."""
    return token.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in token.children)


def _prepositions(word) -> set[str]:
    """The prepositions on a word, leaving out those of time ("on Friday")."""
    return {c.lower_ for c in word.children if c.dep_ == "prep"
            and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)}


def _first_satisfied(candidate: Candidate, frame: Roles) -> TriggerRule | None:
    """The first of the candidate's rules whose conditions its roles meet."""
    token = candidate.token
    for rule in candidate.rules:
        if rule.needs_object and not (frame.has_object or frame.theme_kinds or frame.place):
            continue
        if rule.needs_group and len(frame.participants) < 2:
            continue
        if rule.theme and rule.theme not in frame.theme_kinds and not (
                rule.theme == "person" and any(o.type in ("PERSON", "NORP") for o in frame.objects)):
            continue
        objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        if objects & rule.not_objects:
            continue
        if rule.no_xcomp and any(c.dep_ == "xcomp" for c in token.children):
            continue
        preps = _prepositions(token)
        governing = candidate.governor if candidate.is_noun and candidate.governor is not None else token
        if rule.preps and not preps & rule.preps:
            continue
        if rule.not_preps and (preps | _prepositions(governing)) & rule.not_preps:
            continue
        if rule.not_particles and {c.lower_ for c in token.children if c.dep_ == "prt"} & rule.not_particles:
            continue
        if rule.needs_named_object and not frame.objects:
            continue
        if rule.no_complement and any(c.dep_ in COMPLEMENT_DEPS for c in token.children):
            continue
        if rule.after_preps and not (token.dep_ == "pobj" and token.head.lower_ in rule.after_preps):
            continue
        return rule
    return None


def _mention(candidate: Candidate, rule: TriggerRule, frame: Roles, source, how: str,
             lexicon: EventLexicon) -> EventMention:
    token = candidate.token
    sentence = token.sent
    status, cue = status_of(candidate, lexicon)
    distinct = any(c.lower_ in lexicon.distinct for c in token.children if c.dep_ in ("det", "amod"))
    governors = frozenset(word.idx for word in token.ancestors)
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


def _conditional_threat(candidate: Candidate, mention: EventMention, roles: RoleFinder,
                        times: TimeFinder) -> EventMention | None:
    """"If Hamas continues…, we will kill them": a speaker's conditional use of force is a threat
    against the one addressed, or else the one whose conduct is the condition."""
    if mention.cameo not in FORCE_ROOTS or mention.status_cue.lower() not in ("if", "unless"):
        return None
    if not mention.source or mention.source not in mention.participants:
        return None
    report = _reporting_verb(candidate.token, roles.lexicon)
    targets = [name.text for name in _addressees(report, roles)] if report is not None else []
    if not targets:
        condition = _condition_clause(candidate.token)
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
        reason=f"conditional use of force by the speaker ({mention.reason})",
    )


def _reporting_verb(token, lexicon: EventLexicon):
    for word in token.ancestors:
        if word.pos_ == "VERB" and word.lemma_.lower() in lexicon.reporting:
            return word
    return None


def _addressees(verb, roles: RoleFinder) -> list:
    return [name for c in verb.children if c.dep_ in ("dobj", "dative") for name in roles.names_of(c, None)]


def _condition_clause(token):
    for word in (token, token.head):
        for child in word.children:
            if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children):
                return child
    return None
