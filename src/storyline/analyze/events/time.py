"""The time of an event: the time expression in its trigger's clause, or one computed from
"a day after signing" against the date the phrase hangs on."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ... import lexicons
from ...model import EventTime, Timex
from .lexicon import EventLexicon
from .triggers import Candidate

# Clauses of their own: a time inside them belongs to their verb, not to the event.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "conj", "acl"})
# Clauses that describe a noun ("Putin, who met Trump in August, …"): their time is that clause's.
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# Prepositions that place an event against another one ("after talks in August", "before meeting
# Putin on Friday"): a time inside their object dates that other event.
RELATION_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "till", "ahead"})
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10}


class TimeFinder:
    """Attaches the time expressions of one doc to event triggers."""

    def __init__(self, doc, timexes: list[Timex], lexicon: EventLexicon):
        self.doc = doc
        self.lexicon = lexicon
        self.by_root: dict[int, Timex] = {}
        self.interval_starts: set[int] = set()
        self.open_ended: set[int] = set()  # triggers whose clause holds a "since" time
        self.spans: dict[int, object] = {}
        for timex in timexes:
            if timex.type == "SET":
                continue
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if timex.type == "DURATION" and not _is_deadline(span):
                continue
            if _opens_interval(span):
                self.interval_starts.add(span.root.i)  # "(not) since 2002" starts a stretch of time;
                # it dates no event, and an event in its clause takes no time from further away
            self.by_root[span.root.i] = timex
            self.spans[span.root.i] = span
        self.claimed: set[int] = set()

    def scoped(self, candidate: Candidate) -> Timex | None:
        """The time expression inside the trigger's own clause, nearest to the trigger."""
        found = [i for i in self._scope(candidate)
                 if i in self.by_root and not self._dates_other_event(i, candidate.token)]
        if not found:
            return None
        best = min(found, key=lambda i: abs(i - candidate.token.i))
        self.claimed.add(best)
        if best in self.interval_starts:
            self.open_ended.add(candidate.token.i)
            return None
        return self.by_root[best]

    def at_verb(self, verb) -> Timex | None:
        """The time expression on a verb's own clause ("On Tuesday … Trump told Hamas")."""
        found = [i for i in self._clause(verb, [verb]) if i in self.by_root
                 and i not in self.interval_starts and not self._dates_other_event(i, verb)]
        return self.by_root[min(found, key=lambda i: abs(i - verb.i))] if found else None

    def unclaimed_before(self, candidate: Candidate) -> Timex | None:
        """A time expression of the sentence that no trigger's clause took, following this
        trigger ("their upcoming meeting …, set to take place within two weeks")."""
        if candidate.token.i in self.open_ended:
            return None
        sentence = candidate.token.sent
        for i in sorted(self.by_root):
            if i in self.claimed or i in self.interval_starts or not (candidate.token.i < i < sentence.end):
                continue
            if self._under_report(i, candidate.token) or self._dates_other_event(i, candidate.token):
                continue
            return self.by_root[i]
        return None

    def relative(self, candidate: Candidate, anchor: str | None) -> EventTime | None:
        """"A day after signing the deal" on a dated day: the signing is a day before it."""
        verb = candidate.clause_verb if candidate.is_noun else candidate.token
        if verb is None or verb.dep_ != "pcomp" or verb.head.lower_ not in ("after", "before"):
            return None
        preposition = verb.head
        unit = preposition.head
        days = UNIT_DAYS.get(unit.lower_)
        if not days:
            return None
        count = next((NUMBER_WORDS.get(c.lower_) or _int(c.text) for c in unit.children
                      if c.dep_ in ("det", "nummod")), None)
        if not count:
            return None
        reference = self._date_near(unit)
        if reference is None:
            return None
        shift = timedelta(days=count * days)
        day = reference - shift if preposition.lower_ == "after" else reference + shift
        start, end = unit.left_edge.idx, verb.idx + len(verb.text)
        return EventTime(value=day.isoformat(), text=self.doc.text[start:end], start=start, end=end)

    def _date_near(self, word) -> date | None:
        sentence = word.sent
        for i in sorted(self.by_root, key=lambda i: abs(i - word.i)):
            if not sentence.start <= i < sentence.end:
                continue
            match = FULL_DATE.match(self.by_root[i].value or "")
            if match:
                return date.fromisoformat(match.group(0))
        return None

    def _scope(self, candidate: Candidate) -> list[int]:
        token = candidate.token
        roots = [token]
        if candidate.is_noun and candidate.governor is not None:
            roots.append(candidate.governor)
        elif not candidate.is_noun:
            head = token
            while head.dep_ == "xcomp" and head.head != head:
                head = head.head
                roots.append(head)
            if token.dep_ == "relcl" and token.head.dep_ == "nsubj":
                roots.append(token.head.head)  # "the last time they met was in August"
        scope = self._clause(token, roots)
        if token.dep_ in ("relcl", "advcl") and token.head.i in self.by_root:
            scope.append(token.head.i)  # "in August, when the pair sat down"
        return scope

    def _clause(self, token, roots: list) -> list[int]:
        """Token indices under ``roots`` without entering clauses of their own."""
        scope: list[int] = []
        for root in roots:
            stack = [c for c in root.children if c.dep_ not in CLAUSE_DEPS or c.i in self.by_root]
            if root == token:
                stack += [c for c in root.children if c.dep_ == "acl"]
            while stack:
                word = stack.pop()
                scope.append(word.i)
                stack.extend(c for c in word.children if c.dep_ not in CLAUSE_DEPS)
        return scope

    def _dates_other_event(self, timex_root: int, trigger) -> bool:
        """A time inside a clause on another noun ("Budapest, where he lived in 2009"), inside a clause
        on the event that reports or judges it ("the summit, first mooted in August"), or inside the
        object of "after"/"before" ("after meeting Putin in August") is not the trigger's."""
        own_clause = {trigger.i} | {word.i for word in trigger.ancestors}
        word = self.doc[timex_root]
        while word.i not in own_clause and word.head != word:
            if word.dep_ in NOUN_CLAUSE_DEPS and (word.head != trigger or self._tells_other_time(word)):
                return True
            if word.i != timex_root and word.dep_ in ("pobj", "pcomp") \
                    and word.head.lower_ in RELATION_PREPOSITIONS:
                return True
            if word.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in RELATION_PREPOSITIONS
                                            for c in word.children):
                return True  # "since it was founded in 1990", "after they met in May"
            word = word.head
        return False

    def _tells_other_time(self, verb) -> bool:
        """Whether a clause on an event reports or judges it ("mooted", "praised"): its time is its own."""
        lemma = verb.lemma_.lower()
        return lemma in self.lexicon.reporting or lemma in _other_time_verbs()

    def _under_report(self, timex_root: int, trigger) -> bool:
        """A time on a reporting verb ("insisted yesterday that …") dates the report, not the event."""
        word = self.doc[timex_root]
        while word.head != word:
            word = word.head
            if word.lemma_.lower() in self.lexicon.reporting:
                return True
        return False


@lru_cache(maxsize=1)
def _other_time_verbs() -> frozenset[str]:
    return lexicons.words("events_other_time_verbs.txt")


def _is_deadline(span) -> bool:
    """"Within the next two weeks" bounds when an event happens; other durations do not."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return span[0].lower_ == "within" or before == "within"


def _opens_interval(span) -> bool:
    """"since 2002", "since March 8": the time is where a stretch of time begins."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return span[0].lower_ == "since" or before == "since"


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def event_time(timex: Timex, doc=None, anchor: str | None = None) -> EventTime:
    """An event's time from a time expression. "Within the next two weeks" of a dated article
    becomes the ISO interval from the publication day ("2025-10-16/P2W")."""
    if timex.type == "DURATION" and doc is not None and timex.value.startswith("P"):
        start = timex.start
        before = doc.text[:start].rstrip()
        if not timex.text.lower().startswith("within") and before.lower().endswith("within"):
            start = len(before) - len("within")
        value = f"{anchor[:10]}/{timex.value}" if anchor else timex.value
        return EventTime(value=value, text=doc.text[start:timex.end], start=start, end=timex.end)
    return EventTime(value=timex.value, text=timex.text, start=timex.start, end=timex.end)
