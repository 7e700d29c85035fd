"""A story's timeline: its articles' events linked across articles, dated, with status history and sources.

The analysis has already merged the mentions of one event within an article; across articles, two
events are one when they have the same type, related triggers (:func:`.eventcoref.related_triggers`),
a shared participant or place, and compatible dates. Dated entries are ordered by date; undated ones sit at
the date they were first reported, in reported order. Articles whose analysis has no events appear
as one undated "report" entry, so the story still reads in order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..analyze.events.coref import SELF_STANDING_TYPES, EventMention, related_triggers, stem
from ..model import Analysis, Article, Event, TimelineEntry
from .entities import normalise

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


def _occurrences(reports: list[Report]) -> list[_Occurrence]:
    return [_Occurrence(report, event, position, _mention(report, event))
            for report in reports
            for position, event in enumerate(report.analysis.events if report.analysis else [])]


def _dates_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some date of one contains or equals some date of the other ("2004-12" and "2004-12-26")."""
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def same_event_across(a: EventMention, b: EventMention) -> bool:
    """Two events from different articles are one: same type, related triggers, a shared participant
    or place, and no conflicting dates."""
    if a.type != b.type or (a.dates and b.dates and not _dates_compatible(a.dates, b.dates)):
        return False
    if not related_triggers(a.text, b.text):
        return False
    # within one story, "the earthquake" of one report is the earthquake of the next
    return bool(a.names & b.names) or (a.type in SELF_STANDING_TYPES and not (a.names and b.names))


def _link(occurrences: list[_Occurrence]) -> list[list[_Occurrence]]:
    """Events of different articles that are one event, grouped; the analysis already merged the
    mentions within each article, so two events of one article are never joined here."""
    merged: list[list[_Occurrence]] = []
    for occurrence in occurrences:
        home = next((group for group in merged
                     if occurrence.report.article_id not in {o.report.article_id for o in group}
                     and any(same_event_across(o.mention, occurrence.mention) for o in group)), None)
        if home is None:
            merged.append([occurrence])
        else:
            home.append(occurrence)
    return merged


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
    return TimelineEntry(
        date=days.most_common(1)[0][0] if days else None, type=first.event.type,
        participants=participants, status=statuses[-1]["status"],
        sources=list(dict.fromkeys(o.report.article_id for o in cluster)),
        place=next((o.event.place for o in cluster if o.event.place), None),
        trigger=first.event.trigger.text, statuses=statuses, event_id=first.mention.id)


def _report_entry(report: Report) -> TimelineEntry:
    return TimelineEntry(date=None, type="report", status="reported", sources=[report.article_id],
                         trigger=report.article.title, event_id=f"{report.article_id}/report",
                         statuses=[{"status": "reported", "article_id": report.article_id,
                                    "published": report.published or None}])


def _order_key(entry: TimelineEntry, first_reported: dict[str, tuple[str, int]]) -> tuple:
    reported, rank = first_reported[entry.event_id or ""]
    return (entry.date or reported or "9999", entry.date is None, reported, rank)


def build_timeline(reports: list[Report]) -> list[TimelineEntry]:
    """The ordered timeline of a story's reports (its non-duplicate articles)."""
    reports = sorted(reports, key=lambda r: (r.published or "9999", r.article_id))
    occurrences = _occurrences(reports)
    entries = [_entry(cluster) for cluster in _link(occurrences)]
    with_events = {o.report.article_id for o in occurrences}
    entries += [_report_entry(r) for r in reports if r.article_id not in with_events]
    order = {r.article_id: (i, r.published) for i, r in enumerate(reports)}
    positions = {o.mention.id: o.position for o in occurrences}
    first_reported: dict[str, tuple[str, int]] = {}
    for entry in entries:
        rank, published = order[entry.sources[0]]
        first_reported[entry.event_id or ""] = (published, rank * 10_000 + positions.get(entry.event_id or "", 0))
    return sorted(entries, key=lambda e: _order_key(e, first_reported))
