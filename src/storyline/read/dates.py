"""Reason the publication and modification dates from every signal the page gives.

Signals, strongest first: JSON-LD, meta tags, ``<time>`` markup, the visible dateline, the URL's date
path, htmldate's guess; when none states the date, embedded media upload dates and dates named in
captions bound it. Dates inside scripts are read only for a page nothing else dates, as the timestamp its source
repeats most (JSON-LD is structured metadata, not a script).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from pathlib import PurePath

from dateutil import parser as date_parser

from .. import lexicons
from ..model import DateValue
from .lexicon import load

EARLIEST = date(1990, 1, 1)  # no news page on the web is older


@dataclass
class DateSignal:
    """One date a signal gives: ``value`` is ISO (day only or timestamp with offset)."""

    value: str
    day: date
    role: str  # published | modified | bound
    source: str  # json-ld, meta, html (<time>, or a timestamp in the source), dateline, url, file, media, caption
    confidence: float
    where: str  # the field or tag it came from


_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})\b")


def normalise(text: str, *, dayfirst: bool | None = None) -> tuple[str, date] | None:
    """An ISO value and its day from a date string; day only when no timezone is given; None if unreadable.

    ``dayfirst`` reads an ambiguous numeric date ("01-11-2023") day first (most languages) or month first
    (English); None leaves dateutil's month-first default."""
    text = (text or "").strip()
    if not text or len(text) > 64:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        numeric = _NUMERIC.match(text)
        if not numeric:
            dayfirst = False  # "2020/10/04" is year, month, day whatever the language
        elif "." in numeric.group(0) or int(numeric.group(1)) > 12:
            dayfirst = True  # dotted dates are day first everywhere; a first number above 12 is the day
        elif int(numeric.group(2)) > 12:
            dayfirst = False
        try:
            # dateutil reads RFC 2822 and written dates ("Jan. 10, 2008 12:00 AM")
            parsed = date_parser.parse(text, fuzzy=False, default=datetime(1900, 1, 1), dayfirst=bool(dayfirst), tzinfos=_zone)
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


def signal(text: str, role: str, source: str, confidence: float, where: str, *, dayfirst: bool | None = None) -> DateSignal | None:
    """A DateSignal from a raw string, or None when it is not a date."""
    found = normalise(text, dayfirst=dayfirst)
    if found is None:
        return None
    return DateSignal(found[0], found[1], role, source, confidence, where)


@cache
def month_names() -> dict[str, int]:
    """Month names and abbreviations of the dev languages (``data/read_months.txt``) → month number."""
    names: dict[str, int] = {}
    for line in load("months"):
        number, *words = line.split()
        for word in words:
            names.setdefault(word, int(number))
    return names


@cache
def _written_date() -> re.Pattern[str]:
    """Day-month-year and month-day-year in words ("14. Januar 2008", "17 de marzo de 2020", "Jan 14, 2008"),
    numeric day.month.year ("03.11.2021") and ISO days."""
    month = "(?:" + "|".join(sorted(map(re.escape, month_names()), key=len, reverse=True)) + r")\.?"
    return re.compile(
        rf"(?<!\w)(?P<m1>{month}[a-zäéû]*)\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<y1>(?:19|20)\d{{2}})(?!\d)"
        rf"|(?<![\w.])(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?P<m2>{month}[a-zäéû]*),?\s+(?:de\s+|del\s+)?(?P<y2>(?:19|20)\d{{2}})(?!\d)"
        r"|(?<![\w.-])(?P<d3>\d{1,2})(?P<s3>[./-])(?P<n3>\d{1,2})(?P=s3)(?P<y3>(?:19|20)\d{2})(?![\d.]\d)"
        r"|(?<![\w.])(?P<y4>(?:19|20)\d{2})-(?P<n4>\d{2})-(?P<d4>\d{2})(?!\d)",
        re.I,
    )


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    names = month_names()
    if word in names:
        return names[word]
    # a full name the list gives only by its abbreviation ("septiembre" → "sept")
    return next((n for size in (5, 4, 3) if (n := names.get(word[:size])) is not None), None)


def _match_day(match: re.Match[str], dayfirst: bool) -> date | None:
    groups = match.groupdict()
    try:
        if groups["m1"]:
            month, day, year = _month_number(groups["m1"]), int(groups["d1"]), int(groups["y1"])
        elif groups["m2"]:
            month, day, year = _month_number(groups["m2"]), int(groups["d2"]), int(groups["y2"])
        elif groups["y3"]:
            first, second, year = int(groups["d3"]), int(groups["n3"]), int(groups["y3"])
            # dots are day first everywhere; slashes follow the page's language unless a number decides
            day_first = "." in match.group(0) or dayfirst or first > 12
            day, month = (first, second) if day_first and second <= 12 else (second, first)
        else:
            year, month, day = int(groups["y4"]), int(groups["n4"]), int(groups["d4"])
        return date(year, month, day) if month else None
    except (ValueError, TypeError):
        return None


def signals_in_text(text: str, role: str, source: str, confidence: float, where: str, *, dayfirst: bool = False) -> list[DateSignal]:
    """Every written date in a line of text ("January 14, 2008", "14. Januar 2008", "03.11.2021", "2008-01-14")."""
    found = []
    for match in _written_date().finditer(text):
        day = _match_day(match, dayfirst)
        if day is not None and day >= EARLIEST:
            found.append(DateSignal(day.isoformat(), day, role, source, confidence, where))
    return found


DATELINE_MAX_WORDS = 15  # a dateline is a short stamp ("20:00, Dec 31 2007", "Tuesday, January 15, 2008 Weather: …")


@lru_cache(maxsize=1 << 16)
def is_dateline(line: str) -> bool:
    """Whether a line is a short stamp that names a date (not a sentence that mentions one)."""
    return len(line.split()) <= DATELINE_MAX_WORDS and not line.rstrip().endswith((".", "!", "?")) and bool(_written_date().search(line))


def dateline_signals(lines: list[str], *, dayfirst: bool = False, confidence: float = 0.65,
                     where: str = "visible dateline") -> list[DateSignal]:
    """The date named by the first dateline among ``lines`` (stamps around the article's start), as signals."""
    for line in lines:
        if is_dateline(line) and (found := signals_in_text(line, "published", "dateline", confidence, f"{where} {line!r}", dayfirst=dayfirst)):
            return found[:1]
    return []


# a machine-written timestamp: year first, then a time ("2020-04-24 21:36:31", "2020/04/17 01:43")
_SOURCE_TIMESTAMP = re.compile(
    r"(?<![\d/-])((?:19|20)\d{2})([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])[ T](?:[01]\d|2[0-3]):[0-5]\d(?!\d)"
)


def source_timestamp_signals(source: str) -> list[DateSignal]:
    """For a page nothing else dates: the timestamp its source (scripts, comments and attributes too) writes
    most often, the first of a tie; a publishing system stamps the post's time where no reader sees it."""
    stamps = Counter(match.group(1, 3, 4) for match in _SOURCE_TIMESTAMP.finditer(source))
    for (year, month, day), _ in stamps.most_common():  # equal counts keep the order met
        try:
            found = date(int(year), int(month), int(day))
        except ValueError:  # 2020-02-30
            continue
        return [DateSignal(found.isoformat(), found, "published", "html", 0.3, "the timestamp written most often in the page's source")]
    return []


_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)"  # a compact /20200428/
)


def url_signal(url: str | None) -> DateSignal | None:
    """The date in a URL path such as ``/2025/10/16/``."""
    match = _URL_DATE.search(url or "")
    if match and match.group(1) is None:
        return _day_signal(re.match(r"(\d{4})(\d{2})(\d{2})", match.group(4) + match.group(5) + match.group(6)), "url", 0.7, "url path")
    return _day_signal(match, "url", 0.7, "url path")


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


MAX_ALTERNATIVES = 12  # a page listing many articles has dozens of <time> elements; the first few say enough


def _alternatives(chosen: DateSignal, others: list[DateSignal]) -> list[dict]:
    seen: set[tuple[str, str]] = set()
    found = []
    for s in others:
        if s is not chosen and (s.value, s.where) not in seen and len(found) < MAX_ALTERNATIVES:
            seen.add((s.value, s.where))
            found.append({"value": s.value, "source": s.source, "where": s.where, "confidence": s.confidence})
    return found


# the families of evidence: signals of one family repeat each other, so a family votes once (its strongest)
_FAMILY = {"json-ld": "markup", "meta": "meta", "html": "time", "dateline": "visible", "header": "visible",
           "url": "url", "file": "file", "htmldate": "htmldate", "trafilatura": "htmldate"}
_MARKUP_FAMILIES = ("markup", "meta", "time")
MIDNIGHT_EAST_FROM_HOUR = 20  # a UTC time on the hour from 20:00 is local midnight at an offset of +1 to +4
UTC_SHIFT_MAX_HOURS = 12  # a UTC time this close to midnight may fall on the neighbouring local day


def _offset(sig: DateSignal) -> timedelta | None:
    """The UTC offset a timestamp states, None for a day without a time."""
    if len(sig.value) <= 10:
        return None
    try:
        return datetime.fromisoformat(sig.value).utcoffset()
    except ValueError:
        return None


def page_offset(signals: list[DateSignal]) -> timedelta | None:
    """The publisher's UTC offset, when a timestamp on the page states one other than UTC."""
    offsets = [o for s in signals if (o := _offset(s))]
    return max(set(offsets), key=offsets.count) if offsets else None


def _local(sig: DateSignal, offset: timedelta | None, days: set[date]) -> tuple[date, str | None]:
    """The publisher's local day of a signal and, when it moved, why.

    A UTC timestamp moves to the page's stated offset, else to a neighbouring day that a day-only signal
    (URL, visible dateline, a date without time) names, when the hour allows it."""
    if _offset(sig) != timedelta(0):
        return sig.day, None
    moment = datetime.fromisoformat(sig.value)
    if offset is None and moment.hour >= MIDNIGHT_EAST_FROM_HOUR and moment.minute == moment.second == 0:
        # a day stored as local midnight east of UTC ("2021-11-04T23:00:00Z" is 5 November in Berlin)
        return sig.day + timedelta(days=1), "UTC time on the hour late in the evening: the next day's local midnight"
    if offset is not None:
        local = (moment + offset).date()
        return local, (f"UTC time read at the page's offset {offset}" if local != sig.day else None)
    hours = moment.hour + moment.minute / 60
    before, after = sig.day - timedelta(days=1), sig.day + timedelta(days=1)
    if before in days and hours < UTC_SHIFT_MAX_HOURS and sig.day not in days:
        return before, "UTC time before noon; the local day named elsewhere on the page is the day before"
    if after in days and hours >= 24 - UTC_SHIFT_MAX_HOURS and sig.day not in days:
        return after, "UTC time after noon; the local day named elsewhere on the page is the day after"
    return sig.day, None


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


def _votes(stated: list[DateSignal], offset: timedelta | None) -> dict[date, dict[str, tuple[DateSignal, str | None]]]:
    """Per local day, the strongest signal of each family that names it (with why its day moved)."""
    # days stated without a time, by signals that do not just repeat the markup's timestamp (htmldate does)
    plain_days = {s.day for s in stated if _offset(s) is None and _FAMILY.get(s.source) != "htmldate"}
    located = [(sig, *_local(sig, offset, plain_days)) for sig in stated]
    # htmldate's markup search reads the same tags: when they all name one day, its agreeing is an echo, not a vote
    tagged: dict[date, str] = {}  # day → the family of its strongest tag
    for sig, day, _ in located:
        if _FAMILY.get(sig.source) in _MARKUP_FAMILIES:
            tagged.setdefault(day, _FAMILY[sig.source])
    votes: dict[date, dict[str, tuple[DateSignal, str | None]]] = {}
    for sig, day, moved in located:  # strongest first
        family = _FAMILY.get(sig.source, sig.source)
        if family == "htmldate" and len(tagged) == 1:
            family = tagged.get(day, family)
        votes.setdefault(day, {}).setdefault(family, (sig, moved))
    return votes


SETTLED_SCORE = 0.9  # a day this well supported by the page's own signals needs no second opinion
SETTLED_RIVAL_SHARE = 0.5  # ... unless another day has at least this share of its score


def settled(signals: list[DateSignal]) -> bool:
    """Whether the page's own signals already agree on one publication day (then htmldate, slow, is not asked)."""
    stated = sorted((s for s in signals if s.role == "published"), key=lambda s: -s.confidence)
    if not stated:
        return False
    votes = _votes(stated, page_offset(signals))
    scores = sorted((sum(sig.confidence for sig, _ in families.values()) for families in votes.values()), reverse=True)
    return scores[0] >= SETTLED_SCORE and (len(scores) == 1 or scores[1] < SETTLED_RIVAL_SHARE * scores[0])


def _published(stated: list[DateSignal], usable: list[DateSignal]) -> DateValue | None:
    bounds = [s for s in usable if s.role == "bound"]
    if stated:
        offset = page_offset(usable)
        votes = _votes(stated, offset)
        # a day's score: the confidence of each family that names it; ties go to the strongest single signal
        day, families = max(votes.items(), key=lambda item: (
            sum(sig.confidence for sig, _ in item[1].values()), max(sig.confidence for sig, _ in item[1].values())))
        best, moved = max(families.values(), key=lambda pair: pair[0].confidence)
        agreeing = sorted(sig.where for sig, _ in families.values() if sig is not best)
        score = sum(sig.confidence for sig, _ in families.values())
        rival = max((sum(s.confidence for s, _ in f.values()) for d, f in votes.items() if d != day), default=0.0)
        confidence = round(min(0.99, best.confidence + 0.03 * len(agreeing) - (0.1 if rival >= score * 0.8 else 0.0)), 3)
        reason = f"stated by {best.where}"
        if agreeing:
            reason += "; agrees with " + ", ".join(agreeing)
        if moved:
            reason += f"; {moved}"
        if rival:
            reason += f"; outvoted other days (score {score:.2f} against {rival:.2f})"
        value = best.value if not moved else _moved_value(best, day, offset)
        newest_bound = max(bounds, key=lambda s: s.day, default=None)
        if newest_bound and newest_bound.day > day + timedelta(days=1):
            reason += f"; note: {newest_bound.where} is newer ({newest_bound.value}), the page was updated later"
        return DateValue(value, best.source, confidence, reason, _alternatives(best, stated + bounds))
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


def _moved_value(sig: DateSignal, day: date, offset: timedelta | None) -> str:
    """A UTC timestamp at the publisher's offset when the page states it, else the local day alone."""
    if offset is not None:
        return datetime.fromisoformat(sig.value).astimezone(timezone(offset)).isoformat()
    return day.isoformat()
