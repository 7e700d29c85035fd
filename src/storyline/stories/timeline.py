"""A story's timeline: its articles' events linked across articles, dated, with status history and sources.

The analysis has already merged the mentions of one event within an article; across articles, two
events are one when they have the same type, related triggers (:func:`.eventcoref.related_triggers`),
a shared participant or place, and compatible dates (a stated date, else the day it was reported).
Entries are in date order: an entry with no stated time sits at the day it was first reported
(``when="reported"``, shown "reported <day>"); entries with no date at all go last (``when="unknown"``).
Each entry lists every article reporting it as a source, with the sentence that says so as evidence.
Events from a dateline, or weakly detected nouns with nothing attached, make no entry. Articles whose
analysis has no events appear as one "report" entry at their publication day, so the story reads in order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..analyze.events.coref import SELF_STANDING_TYPES, EventMention, related_triggers, stem
from ..model import Analysis, Article, Event, TimelineEntry
from .entities import normalise

REPORTED_APART_DAYS = 30  # events with no stated date, reported this far apart, are not one event
MIN_CONFIDENCE = 0.4  # events the analysis is less sure of make no timeline entry
# "INDIANAPOLIS, Ind. (June 15, 2014) —": a place and date line before the first sentence
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .,'()\d-]{0,80}?\s(?:—|–|--|-)\s", re.MULTILINE)
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?(?=$|[T/])")  # day, month, week or year


@dataclass
class Report:
    """One article of the story with its analysis."""

    article_id: str
    article: Article
    analysis: Analysis | None

    @property
    def published(self) -> str:
        return self.article.published.value[:10] if self.article.published else ""


@dataclass
class _Occurrence:
    report: Report
    event: Event
    position: int
    mention: EventMention


def _day(event: Event) -> str | None:
    """The event's calendar date (a day, or a coarser month/week/year), or None when undated."""
    found = _ISO_DATE.match(event.time.value or "") if event.time else None
    return found.group(0) if found else None


def _mention(report: Report, event: Event) -> EventMention:
    day = _day(event)
    return EventMention(
        id=f"{report.article_id}/{event.id}", doc_id=report.article_id, sentence=0,
        lemma=stem(normalise(event.trigger.text)), text=event.trigger.text, type=event.type,
        names=frozenset(normalise(n) for n in [*event.participants, event.place or ""] if n),
        dates=frozenset({day} if day else set()),
    )


def _dateline_end(text: str) -> int:
    """Where the dateline of an article ends (0 when it has none): only its first line may have one."""
    first = text.lstrip()[:160]
    found = _DATELINE.match(first)
    return len(text) - len(text.lstrip()) + found.end() if found and "\n" not in found.group(0) else 0


def timeline_worthy(event: Event, dateline_end: int = 0) -> bool:
    """An event that makes a timeline entry: confidently found, not inside the dateline, and not a bare
    noun with no participant, place or time ("a supply", "the acquisition" in passing) unless it
    stands on its own ("the earthquake")."""
    if event.confidence < MIN_CONFIDENCE or event.trigger.start < dateline_end:
        return False
    verbal = any("/V" in (e.reason or "") for e in event.evidence) or not event.evidence
    return verbal or event.type in SELF_STANDING_TYPES or bool(event.participants or event.place or event.time)


def _occurrences(reports: list[Report]) -> list[_Occurrence]:
    out = []
    for report in reports:
        events = report.analysis.events if report.analysis else []
        dateline_end = _dateline_end(report.article.text)
        out += [_Occurrence(report, event, position, _mention(report, event))
                for position, event in enumerate(events) if timeline_worthy(event, dateline_end)]
    return out


def _dates_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some date of one contains or equals some date of the other ("2004-12" and "2004-12-26"), or the
    two are consecutive days (a shooting "overnight" is dated either side of midnight)."""
    return any(x.startswith(y) or y.startswith(x) or _next_days(x, y) for x in a for y in b)


def _next_days(x: str, y: str) -> bool:
    if len(x) != 10 or len(y) != 10:
        return False
    try:
        return abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= 1
    except ValueError:
        return False


def _reported_close(a: _Occurrence, b: _Occurrence) -> bool:
    """Without stated dates on both, the day of one (stated, else reported) is near the other's."""
    days = [next(iter(sorted(o.mention.dates)), None) or o.report.published for o in (a, b)]
    if not all(days):
        return True
    try:
        first, second = (date.fromisoformat(_full_day(d)) for d in days)
    except ValueError:
        return days[0][:4] == days[1][:4]
    return abs((first - second).days) <= REPORTED_APART_DAYS


def _full_day(day: str) -> str:
    """A month or year as its first day ("2004-12" → "2004-12-01")."""
    parts = day[:10].split("-")
    return "-".join(parts + ["01"] * (3 - len(parts))) if "W" not in day else day[:4] + "-01-01"


def same_event_across(a: EventMention, b: EventMention) -> bool:
    """Two events from different articles are one: same type, related triggers, a shared participant
    or place, and no conflicting dates."""
    if a.type != b.type or (a.dates and b.dates and not _dates_compatible(a.dates, b.dates)):
        return False
    if not related_triggers(a.text, b.text):
        return False
    # within one story, "the earthquake" of one report is the earthquake of the next
    return bool(a.names & b.names) or (a.type in SELF_STANDING_TYPES and not (a.names and b.names))


def _learned_link(a: _Occurrence, b: _Occurrence, linked: dict[str, str]) -> bool:
    """The cross-document model (``stories.crossdoc``) put the two events in one happening, and they are
    of one kind with no conflicting dates."""
    cross = linked.get(a.mention.id)
    return (cross is not None and cross == linked.get(b.mention.id) and a.mention.type == b.mention.type
            and not (a.mention.dates and b.mention.dates and not _dates_compatible(a.mention.dates, b.mention.dates)))


def _link(occurrences: list[_Occurrence], linked: dict[str, str]) -> list[list[_Occurrence]]:
    """Events of different articles that are one event, grouped: by the rules of :func:`same_event_across`
    or by the learned cross-document links (``linked``: event key → happening id). The analysis already
    merged the mentions within each article, so two events of one article join one entry only when they
    repeat the same word for the same kind of event with no date against it ("the tsunami" twice)."""
    merged: list[list[_Occurrence]] = []
    for occurrence in occurrences:
        home = next((group for group in merged
                     if occurrence.report.article_id not in {o.report.article_id for o in group}
                     and any((same_event_across(o.mention, occurrence.mention)
                              and (bool(o.mention.dates and occurrence.mention.dates) or _reported_close(o, occurrence)))
                             or _learned_link(o, occurrence, linked)
                             for o in group)), None)
        home = home or next((group for group in merged if any(_repeated(o, occurrence) for o in group)), None)
        if home is None:
            merged.append([occurrence])
        else:
            home.append(occurrence)
    return merged


def _repeated(a: _Occurrence, b: _Occurrence) -> bool:
    """The same article names the same kind of event by the same word twice, with no conflicting date."""
    return (a.report.article_id == b.report.article_id and a.mention.type == b.mention.type
            and a.mention.lemma == b.mention.lemma
            and not (a.mention.dates and b.mention.dates and not _dates_compatible(a.mention.dates, b.mention.dates)))


def _entry(cluster: list[_Occurrence]) -> TimelineEntry:
    cluster = sorted(cluster, key=lambda o: (o.report.published, o.report.article_id, o.position))
    days = Counter(d for o in cluster if (d := _day(o.event)))
    participants: list[str] = []
    for o in cluster:
        participants += [p for p in o.event.participants if p not in participants]
    statuses: list[dict] = []
    for o in cluster:
        if not statuses or statuses[-1]["status"] != o.event.status:
            statuses.append({"status": o.event.status, "article_id": o.report.article_id,
                             "published": o.report.published or None})
    first = cluster[0]
    day = days.most_common(1)[0][0] if days else None
    reported = next((o.report.published for o in cluster if o.report.published), None)
    evidence = [{"article_id": o.report.article_id, "trigger": o.event.trigger.text, "start": o.event.trigger.start,
                 "end": o.event.trigger.end, "sentence": (o.event.sentence.text if o.event.sentence else "").strip(),
                 "status": o.event.status, "confidence": o.event.confidence} for o in cluster]
    return TimelineEntry(
        date=day, type=first.event.type,
        participants=participants, status=statuses[-1]["status"],
        sources=list(dict.fromkeys(o.report.article_id for o in cluster)),
        place=next((o.event.place for o in cluster if o.event.place), None),
        trigger=first.event.trigger.text, statuses=statuses, event_id=first.mention.id,
        reported=reported, when="stated" if day else ("reported" if reported else "unknown"), evidence=evidence)


def _report_entry(report: Report) -> TimelineEntry:
    return TimelineEntry(date=None, type="report", status="reported", sources=[report.article_id],
                         trigger=report.article.title, event_id=f"{report.article_id}/report",
                         statuses=[{"status": "reported", "article_id": report.article_id,
                                    "published": report.published or None}],
                         reported=report.published or None, when="reported" if report.published else "unknown",
                         evidence=[{"article_id": report.article_id, "title": report.article.title}])


def _order_key(entry: TimelineEntry, first_reported: dict[str, tuple[str, int]]) -> tuple:
    """Date order (a stated date, else the day first reported); entries with no date at all last."""
    reported, rank = first_reported[entry.event_id or ""]
    day = entry.date or reported
    return (day is None or day == "", _full_day(day) if day else "", entry.date is None, reported or "", rank)


def build_timeline(reports: list[Report], linked: dict[str, str] | None = None) -> list[TimelineEntry]:
    """The ordered timeline of a story's reports (its non-duplicate articles); ``linked`` maps events
    ("article id/event id") to the happening the cross-document model joined them in."""
    reports = sorted(reports, key=lambda r: (r.published or "9999", r.article_id))
    occurrences = _occurrences(reports)
    entries = [_entry(cluster) for cluster in _link(occurrences, linked or {})]
    with_events = {o.report.article_id for o in occurrences}
    entries += [_report_entry(r) for r in reports if r.article_id not in with_events]
    order = {r.article_id: (i, r.published) for i, r in enumerate(reports)}
    positions = {o.mention.id: o.position for o in occurrences}
    first_reported: dict[str, tuple[str, int]] = {}
    for entry in entries:
        rank, published = order[entry.sources[0]]
        first_reported[entry.event_id or ""] = (published, rank * 10_000 + positions.get(entry.event_id or "", 0))
    return sorted(entries, key=lambda e: _order_key(e, first_reported))
