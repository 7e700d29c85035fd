"""Within-article event coreference: mentions of the same event (same type, compatible
participants, time and status) become one Event with the best evidence."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from ...model import Event, EventTime, Evidence, Span
from .coref import SELF_STANDING_TYPES, PairModel, default_model
from .pairs import PairView, same_event_probability
from .status import CALENDAR_VALUE

FUTURE = frozenset({"planned", "hypothetical"})
# Two mentions naming different lone participants must be this likely to be one event.
APART_THRESHOLD = 0.5
STATEMENT_ROOT = "01"
DEFAULT_CUE = "default"  # the status cue of a mention whose status no word decided
DEFAULT_WEIGHT = 0.01  # CAMEO "make public statement": "announced … announced" are two acts


@dataclass
class EventMention:
    """One trigger with its frame, before mentions of the same event are merged."""

    type: str
    cameo: str
    trigger: Span
    sentence: Span
    participants: list[str] = field(default_factory=list)
    participant_types: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    place: str | None = None
    place_type: str | None = None
    time: EventTime | None = None
    status: str = "occurred"
    status_cue: str = ""
    source: str | None = None
    confidence: float = 0.5
    distinct: bool = False  # "another threat": never the same as an earlier one
    governors: frozenset[int] = frozenset()  # start offsets of the words the trigger is an argument of
    speech_act: int | None = None  # start of the verb that made a threat; two such verbs, two threats
    view: PairView | None = None  # what the pairwise coreference model compares
    condition: tuple[int, int] | None = None  # a threat's condition clause ("if Hamas doesn't disarm")
    reason: str = ""


def merge_mentions(mentions: list[EventMention], *, keep_vague: bool = False,
                   model: PairModel | None = None) -> list[list[EventMention]]:
    """Group mentions into events by average-link clustering: the two groups whose mentions the
    pairwise model finds most likely one event (on average) merge first, while that average
    reaches the model's threshold and no two of their mentions are kept apart by their frames.
    An event that names nobody is dropped unless it has a place or date, or ``keep_vague`` is set."""
    model = model or default_model()
    ordered = sorted(mentions, key=lambda m: m.trigger.start)
    clusters = _average_link(ordered, model)
    groups = [[ordered[i] for i in sorted(cluster)] for cluster in clusters]
    groups.sort(key=lambda group: group[0].trigger.start)
    return [group for group in groups if keep_vague or _is_specific(group)]


def _is_specific(group: list[EventMention]) -> bool:
    return any(m.participants or m.place or m.type in SELF_STANDING_TYPES
               or (m.time and CALENDAR_VALUE.match(m.time.value or "")) for m in group)


def _average_link(mentions: list[EventMention], model: PairModel) -> list[list[int]]:
    """Clusters of mention indexes (``mentions`` in reading order)."""
    size = len(mentions)
    apart = [[not _linkable(mentions[i], mentions[j]) if i < j else False for j in range(size)]
             for i in range(size)]
    probability = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            if not apart[i][j]:
                people = _people([mentions[i]], mentions[j])
                probability[i][j] = probability[j][i] = _probability(mentions[i], mentions[j], model, people)
            apart[j][i] = apart[i][j]
    # clusters by their first mention; merge keys kept for every pair, renewed only around a merge
    clusters = {i: [i] for i in range(size)}
    keys = {(x, y): _merge_key(clusters[x], clusters[y], mentions, probability, apart, model)
            for x in range(size) for y in range(x + 1, size)}
    while True:
        # the best key; on a tie, the pair of earliest clusters
        candidates = [(key, -x, -y) for (x, y), key in keys.items() if key is not None]
        if not candidates:
            return list(clusters.values())
        _key, x, y = max(candidates)
        x, y = -x, -y
        clusters[x] = clusters[x] + clusters.pop(y)
        keys = {pair: key for pair, key in keys.items() if y not in pair}
        for other in clusters:
            if other != x:
                pair = (min(x, other), max(x, other))
                keys[pair] = _merge_key(clusters[pair[0]], clusters[pair[1]], mentions, probability, apart, model)


def _merge_key(first: list[int], second: list[int], mentions: list[EventMention], probability, apart,
               model: PairModel) -> tuple[float, int] | None:
    """How good merging two clusters is (the average probability, then nearness), or None when
    their frames keep them apart or the average is below the threshold."""
    if any(apart[i][j] for i in first for j in second):
        return None
    average = sum(probability[i][j] for i in first for j in second) / (len(first) * len(second))
    people = _people([mentions[i] for i in first], *[mentions[j] for j in second])
    if people == "different" or average < (APART_THRESHOLD if people == "apart" else model.threshold):
        return None
    # among equally likely merges, the nearest mentions (a bare "the meeting" joins the last one named)
    nearest = min(abs(mentions[i].trigger.start - mentions[j].trigger.start) for i in first for j in second)
    return average, -nearest


def _linkable(earlier: EventMention, later: EventMention) -> bool:
    """Whether the frames allow two mentions to be one event at all."""
    if later.distinct:
        return False  # "another threat": never an earlier one
    if _argument_of(earlier, later) or _argument_of(later, earlier):
        return False  # "arrangements for the meeting": an argument of that event, not a second mention
    return _compatible(earlier, later)


def _probability(earlier: EventMention, later: EventMention, model: PairModel, people: str) -> float:
    """The frame decides between two typed mentions of the same kind naming the same people (or
    one nobody), unless they are public statements, each its own act; otherwise the model does."""
    if (people == "same" and earlier.cameo and earlier.type == later.type and later.cameo
            and earlier.cameo != STATEMENT_ROOT):
        return 1.0
    if earlier.view is None or later.view is None:
        return 0.0
    return same_event_probability(earlier.view, later.view, model)


def _people(group: list[EventMention], *others: EventMention) -> str:
    """How the participants of an event and of a new mention relate: "same" when one set contains
    the other or one names nobody; "different" when they share some but not all (a Trump–Putin call
    is not a Trump–Zelensky one) or name two groups; "apart" when a lone participant meets others
    (the company, then its chief, may be named for one launch)."""
    known = {p for m in group for p in m.participants}
    mine = {p for m in others for p in m.participants}
    if not known or not mine or mine <= known or known <= mine:
        return "same"
    themes = {m.theme for m in others if m.theme}
    if known & mine and any(m.theme in themes for m in group):
        return "same"  # the same Tomahawks to the same Ukraine, whether "the US" or "Trump" sends them
    if known & mine or min(len(known), len(mine)) > 1:
        return "different"
    return "apart"


def _argument_of(mention: EventMention, event: EventMention) -> bool:
    """Whether ``mention`` is an argument of ``event`` in one sentence (across a line break the
    parse runs a headline into the next sentence, and its heads mean nothing)."""
    same_sentence = mention.view is None or event.view is None or mention.view.sentence == event.view.sentence
    return same_sentence and event.trigger.start in mention.governors


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.speech_act is not None and b.speech_act is not None and a.speech_act != b.speech_act:
        return False
    statuses = a.status_cue == DEFAULT_CUE or b.status_cue == DEFAULT_CUE or _status_compatible(a.status, b.status)
    return _types_compatible(a, b) and statuses and _time_compatible(a.time, b.time)


def _types_compatible(a: EventMention, b: EventMention) -> bool:
    """Two lexicon types must agree; an untyped mention (its type is its lemma) is left to the model."""
    return a.type == b.type or not (a.cameo and b.cameo)


def _status_compatible(a: str, b: str) -> bool:
    if a == b or (a in FUTURE and b in FUTURE):
        return True
    return {a, b} == {"occurred", "ongoing"}


def _time_compatible(a: EventTime | None, b: EventTime | None) -> bool:
    if a is None or b is None:
        return True
    first, second = CALENDAR_VALUE.match(a.value or ""), CALENDAR_VALUE.match(b.value or "")
    if not first or not second or "/" in a.value + b.value:
        return True  # an interval ("2025-10-16/P2W") holds many days
    x, y = first.group(0), second.group(0)
    return x.startswith(y) or y.startswith(x)


def to_event(group: list[EventMention]) -> Event:
    """One Event from the mentions of one group: the most confident trigger, every participant,
    the most precise time, the most named place and the status most mentions give."""
    best = max(group, key=lambda m: (m.confidence, -m.trigger.start))
    participants: list[str] = []
    for mention in group:
        participants.extend(p for p in mention.participants if p not in participants)
    timed = [m for m in group if m.time]
    time = max(timed, key=_time_precision).time if timed else None
    places = Counter(m.place for m in group if m.place)
    place = None
    if places:
        top = max(places.values())
        place = next(m.place for m in group if m.place and places[m.place] == top)
    votes: Counter[str] = Counter()
    for mention in group:
        # a status no word decided only counts when no other mention has one
        votes[mention.status] += mention.confidence * (DEFAULT_WEIGHT if mention.status_cue == DEFAULT_CUE else 1)
    status = max(votes, key=lambda s: (votes[s], -[m.status for m in group].index(s)))
    source = best.source or next((m.source for m in group if m.source), None)
    confidence = min(0.99, best.confidence + 0.05 * (len(group) - 1))
    theme = next((m.theme for m in group if m.theme), None)
    key = f"{best.type}|{best.trigger.start}|{best.trigger.text}"
    return Event(
        id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:10],
        type=best.type,
        cameo=best.cameo,
        trigger=best.trigger,
        participants=participants,
        place=place,
        time=time,
        status=status,  # type: ignore[arg-type]
        source=source,
        confidence=round(confidence, 3),
        sentence=best.sentence,
        theme=theme,
        evidence=[
            Evidence(source="parse", confidence=m.confidence, start=m.trigger.start, end=m.trigger.end,
                     reason=m.reason)
            for m in group
        ],
    )


def _time_precision(mention: EventMention) -> tuple[int, int, int]:
    value = mention.time.value if mention.time else ""
    match = CALENDAR_VALUE.match(value or "")
    return (len(match.group(0)) if match else 0, len(mention.time.text) if mention.time else 0,
            -mention.trigger.start)
