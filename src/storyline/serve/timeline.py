"""Lay out a story's timeline for the page: dated events placed on a time axis, undated ones in
reported order, each marked planned, occurred, ongoing, hypothetical, negated or denied."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Story, TimelineEntry

AXIS_WIDTH = 1000  # SVG user units; the drawing scales to the page
AXIS_MARGIN = 30
ROW_HEIGHT = 22
DOT_SPACING = 18  # dots closer than this on the axis are stacked
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass
class TimelineItem:
    anchor: str  # the id of its row on the page
    entry: TimelineEntry
    day: date | None
    status: str  # css-safe status word
    sources: list[tuple[str, str]] = field(default_factory=list)  # (article id, its title)
    x: float = 0.0
    y: float = 0.0


@dataclass
class TimelineView:
    dated: list[TimelineItem]
    undated: list[TimelineItem]
    ticks: list[tuple[float, str, str]]  # x, label, text-anchor
    height: float
    width: int = AXIS_WIDTH


def entry_day(value: str | None) -> date | None:
    """The first day an ISO-ish date value (``2004-12``, ``2004-12-26T10:00``, ``2004``) names."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def timeline_view(story: Story) -> TimelineView:
    """Dated entries sorted by day and placed on the axis; undated ones kept in reported order."""
    titles = {a.id: a.title or a.publisher or a.id for a in story.articles}
    items = [
        TimelineItem(f"entry-{i}", entry, entry_day(entry.date), _status_word(entry.status),
                     [(source, titles.get(source, source)) for source in entry.sources])
        for i, entry in enumerate(story.timeline)
    ]
    dated = sorted((it for it in items if it.day), key=lambda it: it.day)
    undated = [it for it in items if not it.day]
    if not dated:
        return TimelineView([], undated, [], 0)
    first, last = dated[0].day, dated[-1].day
    span = (last - first).days
    usable = AXIS_WIDTH - 2 * AXIS_MARGIN
    placed: list[tuple[float, int]] = []  # (x, level) of the dots drawn so far
    for it in dated:
        offset = (it.day - first).days / span if span else 0.5
        it.x = round(AXIS_MARGIN + offset * usable, 1)
        # Stack a dot above any neighbour it would overlap, so close dates stay distinguishable.
        level = 1 + max((lv for x, lv in placed if abs(x - it.x) < DOT_SPACING), default=0)
        placed.append((it.x, level))
        it.y = ROW_HEIGHT * level
    ticks = _ticks(first, span, usable)
    height = ROW_HEIGHT * (max(lv for _, lv in placed) + 1)
    return TimelineView(dated, undated, ticks, height)


def _ticks(first: date, span_days: int, usable: float, most: int = 5) -> list[tuple[float, str, str]]:
    """Evenly spaced date labels along the axis; the outer ones anchored inwards so they stay visible."""
    if not span_days:
        return [(AXIS_MARGIN + usable / 2, first.isoformat(), "middle")]
    count = min(most, span_days + 1)
    ticks = []
    for i in range(count):
        fraction = i / (count - 1)
        day = first + timedelta(days=round(fraction * span_days))
        anchor = "start" if i == 0 else "end" if i == count - 1 else "middle"
        ticks.append((round(AXIS_MARGIN + fraction * usable, 1), day.isoformat(), anchor))
    return ticks


def _status_word(status: str | None) -> str:
    word = (status or "occurred").lower()
    return word if word in {"planned", "occurred", "ongoing", "hypothetical", "negated", "denied"} else "other"
