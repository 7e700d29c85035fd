"""Calendar arithmetic for TIMEX3 values: anchors, unit shifts, weekdays, holidays and ISO formats."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def parse_anchor(anchor: str | None) -> date | None:
    """The anchor's day (the first ``YYYY-MM-DD`` in it); None when missing or unusable."""
    if not anchor:
        return None
    day = _ISO_DAY.search(str(anchor))
    if not day:
        return None
    try:
        return date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
    except ValueError:
        return None


_VALUE_START = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_value_start(value: str) -> date | None:
    """The first day of a TIMEX3 calendar value (``2025``, ``2025-10``, ``2025-10-16``); None otherwise."""
    match = _VALUE_START.match(value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (D, W, WE, M, Q, Y, DE, CE); sub-day units move by days."""
    if unit in ("D", "H", "MIN", "S"):
        return day + timedelta(days=amount if unit == "D" else 0)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit, 0)
    return add_months(day, months * amount)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def at_granularity(day: date, unit: str) -> str:
    """The TIMEX3 value naming the ``unit``-sized period that contains ``day``."""
    if unit in ("D", "H", "MIN", "S"):
        return day.isoformat()
    if unit == "W":
        return iso_week(day)
    if unit == "WE":
        return iso_week(day) + "-WE"
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "H1":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The ``weekday`` (1 = Monday) nearest ``anchor``: on or before it ("past"), on or after it
    ("future"), strictly before ("last") or strictly after ("next")."""
    delta = weekday - anchor.isoweekday()
    if direction == "past":
        return anchor + timedelta(days=delta - 7 if delta > 0 else delta)
    if direction == "last":
        return anchor + timedelta(days=delta - 7 if delta >= 0 else delta)
    if direction == "future":
        return anchor + timedelta(days=delta + 7 if delta < 0 else delta)
    if direction == "next":
        return anchor + timedelta(days=delta + 7 if delta <= 0 else delta)
    # "this": the day of the anchor's own week
    return anchor + timedelta(days=delta)


def month_year(anchor: date, month: int, direction: str, *, local: bool = False) -> int:
    """The year of the ``month`` meant relative to ``anchor`` ("past", "future", "last", "next", "this",
    "present"); a tense pointing half a year away yields to a month close on the other side, unless the
    tense is that of the verb the month hangs on (``local``: "went missing in April")."""
    if direction in ("past", "future") and not local:
        distance = month - anchor.month
        if direction == "past" and 0 < distance <= 3 or direction == "future" and -3 <= distance < 0:
            return anchor.year
    if direction in ("past", "last"):
        before = month < anchor.month or (direction == "past" and month == anchor.month)
        return anchor.year if before else anchor.year - 1
    if direction in ("future", "next"):
        after = month > anchor.month or (direction == "future" and month == anchor.month)
        return anchor.year if after else anchor.year + 1
    if direction == "present":  # no tense to go by: the nearest such month
        distance = month - anchor.month
        return anchor.year + (1 if distance < -6 else -1 if distance > 6 else 0)
    return anchor.year


def season_year(anchor: date, season: str, direction: str) -> int:
    """The year of the season meant relative to ``anchor`` (winter counts from December)."""
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    current = {12: "WI", 1: "WI", 2: "WI"}.get(anchor.month) or (
        "SP" if anchor.month < 6 else "SU" if anchor.month < 9 else "FA")
    year = anchor.year - 1 if current == "WI" and anchor.month < 12 else anchor.year
    if direction in ("last", "past"):
        return year - 1 if start_month >= _season_start(current) else year
    if direction in ("next", "future"):
        return year + 1 if start_month <= _season_start(current) else year
    return year


def _season_start(season: str) -> int:
    return {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]


def holiday(year: int, name: str) -> date | None:
    """The date of a movable holiday (US Thanksgiving, Labor Day, Memorial Day, Election Day, Easter)."""
    if name == "thanksgiving":
        return _nth_weekday(year, 11, 4, 4)
    if name == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        last = date(year, 5, 31)
        return last - timedelta(days=(last.isoweekday() - 1) % 7)
    if name == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    if name == "easter":
        return _easter(year)
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (nth - 1))


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)

