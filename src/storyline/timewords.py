"""TIMEX3 values in words for people ("2014-12-28TMO" → "28 December 2014, morning"); JSON keeps the raw values."""

from __future__ import annotations

import calendar
import re

_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night",
                 "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_QUARTERS = {"Q1": "first quarter", "Q2": "second quarter", "Q3": "third quarter", "Q4": "fourth quarter",
             "H1": "first half", "H2": "second half"}
_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second", "DE": "decade",
          "CE": "century", "L": "millennium", "Q": "quarter"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
_DATE = re.compile(r"^(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
                   r"(?:T(?P<time>\d{2}(?::\d{2}){0,2}|MO|MI|AF|EV|NI|DT))?$")
_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})(?:-(?P<weekday>\d|WE))?$")
_PERIOD = re.compile(r"^(?P<year>\d{4})-(?P<part>SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
_DECADE = re.compile(r"^(?P<digits>\d{2,3})X{0,2}$")  # 199 or 199X: the 1990s; 20 or 20XX: the 21st century
_DURATION = re.compile(r"^P(?:(?P<number>\d+(?:\.\d+)?|X)(?P<unit>DE|CE|[YMWDLQ]))$|"
                       r"^PT(?P<tnumber>\d+(?:\.\d+)?|X)(?P<tunit>[HMS])$")


def in_words(value: str | None) -> str:
    """A TIMEX3 value as people write it; a value it cannot read is returned as it is."""
    if not value:
        return ""
    value = value.strip()
    if value in _REFERENCES:
        return _REFERENCES[value]
    for reader in (_date, _week, _period, _decade, _duration):
        said = reader(value)
        if said:
            return said
    return value


def _plural(number: str, unit: str) -> str:
    if number == "X":
        return f"some {unit}s" if unit != "century" else "some centuries"
    many = {"century": "centuries", "millennium": "millennia"}.get(unit, unit + "s")
    return f"{number} {unit if number in ('1', '1.0') else many}"


def _date(value: str) -> str | None:
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day, time = match.group("year", "month", "day", "time")
    words = []
    if day and day != "XX":
        words.append(str(int(day)))
    if month and month != "XX" and 1 <= int(month) <= 12:
        words.append(calendar.month_name[int(month)])
    elif month and month != "XX":
        return None
    words.append(year if year != "XXXX" else "(year unknown)" if words else "some year")
    said = " ".join(words)
    if time:
        said += f", {_PARTS_OF_DAY.get(time, time)}"
    return said


def _week(value: str) -> str | None:
    match = _WEEK.match(value)
    if not match:
        return None
    year, week, weekday = match.group("year", "week", "weekday")
    said = f"week {int(week)} of {year}"
    if weekday == "WE":
        return f"the weekend of {said}"
    if weekday:
        return f"{calendar.day_name[(int(weekday) - 1) % 7]} of {said}"
    return said


def _period(value: str) -> str | None:
    match = _PERIOD.match(value)
    if not match:
        return None
    year, part = match.group("year", "part")
    if part in _SEASONS:
        return f"{_SEASONS[part]} {year}"
    return f"the {_QUARTERS[part]} of {year}"


def _decade(value: str) -> str | None:
    match = _DECADE.match(value)
    if not match or len(value) > 4:
        return None
    digits = match.group("digits")
    if len(digits) == 3:
        return f"the {digits}0s"
    return f"the {_ordinal(int(digits) + 1)} century"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _duration(value: str) -> str | None:
    match = _DURATION.match(value)
    if not match:
        return None
    if match.group("unit"):
        return _plural(match.group("number"), _UNITS[match.group("unit")])
    return _plural(match.group("tnumber"), _TIME_UNITS[match.group("tunit")])
