"""Reason the publication and modification dates from every signal the page gives.

Signals, strongest first: JSON-LD, meta tags, ``<time>`` markup, the visible dateline, the URL's date
path, htmldate's guess; when none states the date, embedded media upload dates and dates named in
captions bound it. Dates inside scripts are never read (JSON-LD is structured metadata, not a script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from pathlib import PurePath

from dateutil import parser as date_parser

from .. import lexicons
from ..model import DateValue

EARLIEST = date(1990, 1, 1)  # no news page on the web is older


@dataclass
class DateSignal:
    """One date a signal gives: ``value`` is ISO (day only or timestamp with offset)."""

    value: str
    day: date
    role: str  # published | modified | bound
    source: str  # json-ld, meta, html, dateline, url, file, media, caption
    confidence: float
    where: str  # the field or tag it came from


def normalise(text: str) -> tuple[str, date] | None:
    """An ISO value and its day from a date string; day only when no timezone is given; None if unreadable."""
    text = (text or "").strip()
    if not text or len(text) > 64:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            # dateutil reads RFC 2822 and written dates ("Jan. 10, 2008 12:00 AM")
            parsed = date_parser.parse(text, fuzzy=False, default=datetime(1900, 1, 1), tzinfos=_zone)
        except (ValueError, OverflowError, TypeError):
            return None
    if parsed.year == 1900 or parsed.date() < EARLIEST:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    if parsed.tzinfo is not None and has_time:
        return parsed.isoformat(), parsed.date()
    return parsed.date().isoformat(), parsed.date()


@cache
def _zone_offsets() -> dict[str, timezone]:
    """Known time zone abbreviations (``data/read_timezones.tsv``) and their fixed offsets."""
    zones = {}
    for name, offset, *_ in lexicons.rows("read_timezones.tsv"):
        sign = -1 if offset.startswith("-") else 1
        hours, minutes = offset.lstrip("+-").split(":")
        zones[name.upper()] = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)), name)
    return zones


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """The zone of a parsed time: a stated offset, else a known abbreviation, else none (the day stays,
    without a library warning about the unknown name)."""
    if offset is not None:
        return timezone(timedelta(seconds=offset), name) if name else timezone(timedelta(seconds=offset))
    return _zone_offsets().get((name or "").upper())


def signal(text: str, role: str, source: str, confidence: float, where: str) -> DateSignal | None:
    """A DateSignal from a raw string, or None when it is not a date."""
    found = normalise(text)
    if found is None:
        return None
    return DateSignal(found[0], found[1], role, source, confidence, where)


_WRITTEN_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}\b"
    r"|\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
    re.I,
)


def signals_in_text(text: str, role: str, source: str, confidence: float, where: str) -> list[DateSignal]:
    """Every written date in a line of text ("January 14, 2008", "14 Jan 2008", "2008-01-14")."""
    found = (signal(m.group(0).replace(",", " "), role, source, confidence, where) for m in _WRITTEN_DATE.finditer(text))
    return [s for s in found if s is not None]


DATELINE_MAX_WORDS = 15  # a dateline is a short stamp ("20:00, Dec 31 2007", "Tuesday, January 15, 2008 Weather: …")


def is_dateline(line: str) -> bool:
    """Whether a line is a short stamp that names a date (not a sentence that mentions one)."""
    return len(line.split()) <= DATELINE_MAX_WORDS and not line.rstrip().endswith((".", "!", "?")) and bool(_WRITTEN_DATE.search(line))


def dateline_signals(lines: list[str]) -> list[DateSignal]:
    """The date named by the first dateline among ``lines`` (stamps around the article's start), as signals."""
    for line in lines:
        if is_dateline(line) and (found := signals_in_text(line, "published", "dateline", 0.65, f"visible dateline {line!r}")):
            return found[:1]
    return []


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")


def url_signal(url: str | None) -> DateSignal | None:
    """The date in a URL path such as ``/2025/10/16/``."""
    return _day_signal(_URL_DATE.search(url or ""), "url", 0.7, "url path")


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def path_signal(path: str | None) -> DateSignal | None:
    """The date in a saved file's name ("metro-2025-10-16-trump-putin.txt"): whoever saved the page
    labelled it with its day, which outranks the lower bounds that embedded media give."""
    return _day_signal(_NAME_DATE.search(PurePath(path).name) if path else None, "file", 0.6, "file name")


def _day_signal(match: re.Match[str] | None, source: str, confidence: float, where: str) -> DateSignal | None:
    """A publication signal from a year-month-day match (groups 1-3), None when absent or no real day."""
    if not match:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return DateSignal(day.isoformat(), day, "published", source, confidence, where)


def _usable(sig: DateSignal, latest: date) -> bool:
    return EARLIEST <= sig.day <= latest


def _alternatives(chosen: DateSignal, others: list[DateSignal]) -> list[dict]:
    return [
        {"value": s.value, "source": s.source, "where": s.where, "confidence": s.confidence}
        for s in others
        if s is not chosen
    ]


def reason_dates(signals: list[DateSignal], *, fetched_at: str | None = None) -> tuple[DateValue | None, DateValue | None]:
    """The (published, modified) dates with their reasoning, from all signals."""
    fetched = normalise(fetched_at or "")
    latest = (fetched[1] if fetched else date.today()) + timedelta(days=1)
    usable = [s for s in signals if _usable(s, latest)]
    stated = sorted((s for s in usable if s.role == "published"), key=lambda s: -s.confidence)
    published = _published(stated, usable)
    modified = None
    changes = sorted((s for s in usable if s.role == "modified"), key=lambda s: -s.confidence)
    if changes and (published is None or changes[0].value[:10] >= published.value[:10]):
        best = changes[0]
        modified = DateValue(best.value, best.source, best.confidence, f"stated by {best.where}", _alternatives(best, changes))
    return published, modified


def _published(stated: list[DateSignal], usable: list[DateSignal]) -> DateValue | None:
    bounds = [s for s in usable if s.role == "bound"]
    if stated:
        best = stated[0]
        agreeing = sorted({s.where for s in stated[1:] if s.day == best.day})
        confidence = min(0.99, best.confidence + 0.02 * len(agreeing))
        reason = f"stated by {best.where}"
        if agreeing:
            reason += "; agrees with " + ", ".join(agreeing)
        newest_bound = max(bounds, key=lambda s: s.day, default=None)
        if newest_bound and newest_bound.day > best.day + timedelta(days=1):
            reason += f"; note: {newest_bound.where} is newer ({newest_bound.value}), the page was updated later"
        return DateValue(best.value, best.source, confidence, reason, _alternatives(best, stated + bounds))
    if not bounds:
        return None
    # no stated date: the page cannot be older than the newest media or event it shows
    newest = max(bounds, key=lambda s: (s.day, s.confidence))
    described = "; ".join(f"{s.where} {s.value}" for s in sorted(bounds, key=lambda s: s.day))
    reason = (
        f"no stated publication date; bounded below by embedded media and captions ({described}); "
        f"the newest, {newest.where}, gives the day"
    )
    return DateValue(newest.day.isoformat(), newest.source, 0.5, reason, _alternatives(newest, bounds))
