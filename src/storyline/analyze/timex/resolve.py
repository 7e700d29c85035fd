"""TIMEX3 normalisation: resolvers that turn one grammar match into a TimeML type and value.

Each resolver reads its match's named groups and the :class:`Context` (anchor date, the tense of
the governing verb, what the document named before) and returns a :class:`Reading`, or None when
the match is no time expression after all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import lexicon

Direction = str  # "past", "future", "last", "next", "this", "present"


@dataclass
class Reading:
    """One normalised expression: TimeML type and value, mod and why."""

    type: str
    value: str
    reason: str
    mod: str | None = None
    relative: bool = False  # the value depends on the anchor
    unanchored: bool = False  # relative, but no anchor was known


@dataclass
class Context:
    """What resolvers may consult: the anchor, the tense at a span, earlier mentions."""

    anchor: date | None
    tense_at: Callable[[int, int], str | None]
    last_quarter: str | None = None  # the most recent quarter value resolved in this document
    reported_quarter: str | None = None  # the most recent of them already over at the anchor
    last_date: date | None = None  # the start of the most recent date resolved in this document
    last_precision: int = 10  # characters of that date's value: 10 a day, 7 a month, 4 a year
    quarterly: bool = False  # the document reports by quarters ("third-quarter profit")
    span_in_focus: bool = False  # a span of months ("the nine months") was named after the last quarter
    # whether the tense read at a span is its own clause's ("went missing on March 8"), not a far verb's
    tense_is_local: Callable[[int, int, str], bool] = lambda start, end, direction: False

    def quarter_in_focus(self) -> str | None:
        """The quarter last named, or in a quarterly report the last one completed before the anchor;
        None once a longer span of months is the period under discussion."""
        if self.span_in_focus:
            return None
        if self.reported_quarter or not self.quarterly or self.anchor is None:
            return self.reported_quarter
        return cal.at_granularity(cal.shift(self.anchor, "Q", -1), "Q")

    def focus_quarter(self, value: str) -> None:
        """``value`` (``1989-Q3``) is now the quarter that "the quarter" means; "a year ago" compares
        with it only if it was over by the anchor (results are reported, forecasts are not compared)."""
        self.last_quarter, self.span_in_focus = value, False
        year, label = value.split("-")
        if self.anchor is None or cal.add_months(date(int(year), 3 * int(label[1]) - 2, 1), 3) <= self.anchor:
            self.reported_quarter = value

    def remember(self, reading: Reading) -> None:
        """Keep what later relative expressions refer to: the last date named and its precision, and
        whether results now cover a span of months ("For the nine months, ... a year earlier")."""
        named = cal.parse_value_start(reading.value)
        if named is not None:
            self.last_date, self.last_precision = named, len(reading.value)
        months = _MONTHS_SPAN.fullmatch(reading.value) if reading.type == "DURATION" else None
        if months and int(months.group(1)) > 3:
            self.span_in_focus = True

    def direction(self, m: re.Match[str]) -> Direction:
        """Past or future reading for a bare weekday/month, from the tense of the verb governing the
        match's extent (its group ``x`` when it has one)."""
        tense = self.tense_at(*m.span("x" if "x" in m.re.groupindex else 0))
        return tense if tense in ("past", "future") else "present"


_MONTHS_SPAN = re.compile(r"P(\d+)M")  # a span of whole months: "the nine months" is P9M


# ---------------------------------------------------------------- helpers for resolvers


def _unanchored(kind: str, value: str, reason: str, mod: str | None = None) -> Reading:
    return Reading(kind, value, reason + "; no publication date, left unanchored", mod, True, True)


def _year(text: str | None) -> int | None:
    """A year in digits ("1998", "'98") or words ("nineteen ninety-eight"); None if it is neither."""
    if not text:
        return None
    digits = text.strip("'")
    if not digits.isdigit():
        return _year_in_words(digits)
    return int(digits) if len(digits) == 4 else 1900 + int(digits) if int(digits) > 30 else 2000 + int(digits)


_CENTURY_WORDS = {"eighteen": 1800, "nineteen": 1900, "two thousand": 2000}


def _year_in_words(text: str) -> int | None:
    """"nineteen ninety-four" → 1994, "nineteen hundred" → 1900, "two thousand and one" → 2001."""
    words = " ".join(text.lower().split())
    for head, century in _CENTURY_WORDS.items():
        if words.startswith(head):
            rest = words[len(head):].strip().removeprefix("and ").strip()
            if rest in ("", "hundred"):
                return century
            number = lexicon().number(rest)
            return None if number is None else century + int(number)
    return None


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group of ``m``, or None when its rule's pattern has no such group."""
    return m.group(name) if name in m.re.groupindex else None


def _mod(m: re.Match[str], *groups: str) -> str | None:
    lex = lexicon()
    for group in groups:
        if _group(m, group):
            return lex.modifier(m.group(group))
    return None


def _shift_from_rel(rel: str | None) -> int:
    return lexicon().relative_words.get(" ".join((rel or "").lower().split()), 0)


def _direction_from_rel(rel: str | None, ctx: Context, m: re.Match[str]) -> Direction:
    rel = (rel or "").lower()
    if rel in ("last", "past", "previous"):
        return "last"
    if rel in ("next", "coming", "following"):
        return "next"
    if rel == "this":
        return "this"
    return ctx.direction(m)


def _part(text: str | None) -> str:
    return lexicon().parts_of_day[text.lower()] if text else ""


# ---------------------------------------------------------------- resolvers


def _calendar_date(m: re.Match[str], ctx: Context) -> Reading | None:
    lex = lexicon()
    month = lex.month(m.group("month"))
    day = _day(m.group("day"))
    year = _year(m.group("year"))
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    if year:
        return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", "calendar date", _mod(m, "pos"))
    if ctx.anchor is None:
        return _unanchored("DATE", f"XXXX-{month:02d}-{day:02d}", "day and month without a year")
    direction = ctx.direction(m)
    local = _tense_is_local(ctx, m, direction)
    year = _year_of_day(ctx.anchor, month, day, direction, local=local)
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}",
                   f"year from the anchor {ctx.anchor.isoformat()}, read as {direction} "
                   f"({'the tense of its own verb' if local else 'verb tense'})",
                   _mod(m, "pos"), relative=True)


def _week_of(m: re.Match[str], ctx: Context) -> Reading | None:
    day = _calendar_date(m, ctx)
    start = cal.parse_value_start(day.value) if day else None
    if day is None or start is None:
        return day
    return Reading("DATE", cal.iso_week(start), f"the week holding {day.value}: {day.reason}", relative=day.relative)


def _tense_is_local(ctx: Context, m: re.Match[str], direction: Direction) -> bool:
    """Whether the past or future reading comes from the verb the match hangs on."""
    return direction in ("past", "future") and ctx.tense_is_local(
        *m.span("x" if "x" in m.re.groupindex else 0), direction)


def _year_of_day(anchor: date, month: int, day: int, direction: Direction, *, local: bool = False) -> int:
    """The year of a day and month told without one: the last before the anchor in the past tense,
    the next after it in the future tense, else the nearest. ``local``: the tense is that of the verb
    the date hangs on ("went missing on March 8" a few days before March 8 is last year's)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February
            continue
    if not candidates:  # 29 February with no leap year at hand
        return anchor.year
    nearest = min(candidates, key=lambda when: abs((when - anchor).days))
    if direction == "past":
        chosen = max((when for when in candidates if when <= anchor), default=nearest)
    elif direction == "future":
        chosen = min((when for when in candidates if when >= anchor), default=nearest)
    else:
        return nearest.year
    # The tense can belong to a verb far from the date ("payable Dec. 7 to holders of record
    # Nov. 22"): a date close on the other side beats one half a year away on the tense's side.
    if not local and abs((chosen - anchor).days) > 183 and abs((nearest - anchor).days) <= 93:
        return nearest.year
    return chosen.year


def _numeric_date(m: re.Match[str], ctx: Context) -> Reading | None:
    year, month, day = _year(m.group("y")), int(m.group("m")), int(m.group("d"))
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if _group(m, "hh"):
        return Reading("TIME", f"{value}T{m.group('hh')}:{m.group('mm')}", "numeric timestamp")
    return Reading("DATE", value, "numeric date")


def _month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    month = lexicon().month(m.group("month"))
    year = _year(m.group("year"))
    if year is None:
        shift = _shift_from_rel(m.group("rel"))
        if ctx.anchor is None:
            return _unanchored("DATE", f"XXXX-{month:02d}", "month of a relative year")
        year = ctx.anchor.year + shift
        return Reading("DATE", f"{year:04d}-{month:02d}", "month of a year relative to the anchor",
                       _mod(m, "pos"), relative=True)
    return Reading("DATE", f"{year:04d}-{month:02d}", "month and year", _mod(m, "pos"))


def _bare_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = lexicon().month(m.group("month"))
    mod = _mod(m, "pos")
    if ctx.anchor is None:
        return _unanchored("DATE", f"XXXX-{month:02d}", "month without a year", mod)
    direction = _direction_from_rel(m.group("rel"), ctx, m)
    local = not m.group("rel") and _tense_is_local(ctx, m, direction)
    year = cal.month_year(ctx.anchor, month, direction, local=local)
    return Reading("DATE", f"{year:04d}-{month:02d}",
                   f"month read as {direction} relative to the anchor {ctx.anchor.isoformat()}"
                   + (" (the tense of its own verb)" if local else ""), mod, True)


def _season(m: re.Match[str], ctx: Context) -> Reading | None:
    season = lexicon().seasons[m.group("season").lower()]
    year = _year(m.group("year") or m.group("year2"))
    mod = _mod(m, "pos")
    if year:
        return Reading("DATE", f"{year:04d}-{season}", "season of a year", mod)
    if ctx.anchor is None:
        return _unanchored("DATE", f"XXXX-{season}", "season without a year", mod)
    direction = _direction_from_rel(m.group("rel"), ctx, m)
    year = cal.season_year(ctx.anchor, season, direction)
    return Reading("DATE", f"{year:04d}-{season}", f"season read as {direction} of the anchor", mod, True)


def _year_only(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DATE", f"{int(m.group('year')):04d}", "year", _mod(m, "pos"))


def _decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m.group("decade"):
        year = int(m.group("decade"))
    else:
        year = (1900 if int(m.group("short")) > 20 else 2000) + int(m.group("short"))
    return Reading("DATE", f"{year // 10:03d}", "decade", _mod(m, "pos"))


def _decade_in_words(m: re.Match[str], ctx: Context) -> Reading | None:
    # "the nineties": the 1900s' decade, as news use it.
    return Reading("DATE", f"19{lexicon().decade_words[m.group('word').lower()]}", "decade in words", _mod(m, "pos"))


def _century(m: re.Match[str], ctx: Context) -> Reading | None:
    nth = lexicon().ordinals.get(m.group("ord").lower())
    if not nth:
        return None
    return Reading("DATE", f"{nth - 1:02d}", "century", _mod(m, "pos"))


def _quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    half = m.group("part").lower().startswith("half")
    nth = 2 if m.group("ord").lower() == "last" else lexicon().ordinals[m.group("ord").lower()]
    if nth > (2 if half else 4):
        return None
    label = f"H{nth}" if half else f"Q{nth}"
    year = _year(m.group("year") or _group(m, "year2"))
    rel = m.group("rel") or _group(m, "rel2")
    if year is None:
        if ctx.anchor is None:
            return _unanchored("DATE", f"XXXX-{label}", "quarter without a year")
        year = ctx.anchor.year + _shift_from_rel(rel)
        current = (ctx.anchor.month - 1) // (6 if half else 3) + 1
        if not rel and nth > current and ctx.direction(m) == "past":
            year -= 1  # a later quarter told in the past tense is last year's
    if m.group("ago"):
        year -= 1
    value = f"{year:04d}-{label}"
    if not half and not m.group("ago"):
        ctx.focus_quarter(value)
    return Reading("DATE", value, "quarter of the year", relative=rel is not None or not m.group("year"))


def _year_span(m: re.Match[str], ctx: Context) -> Reading | None:
    adjective = " ".join((m.group("adj") or "").lower().split())
    if m.group("ended") is not None:
        return Reading("DURATION", "P1Y", "a year-long accounting period")
    if not adjective and not re.search(r"\b(?:for|of)\s+$", m.string[max(0, m.start() - 5):m.start()], re.I):
        return None  # a bare "the year" is a time expression in reports ("for the year"), rarely elsewhere
    if ctx.anchor is None:
        return _unanchored("DATE", "XXXX", "the year of an unknown date")
    year = ctx.anchor.year - (1 if adjective == "latest fiscal" else 0)
    return Reading("DATE", f"{year:04d}", "the (fiscal) year of the anchor", relative=True)


def _year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.anchor is None:
        return _unanchored("DATE", "XXXX", "year end of an unknown year", "END")
    return Reading("DATE", f"{ctx.anchor.year:04d}", "the end of the anchor's year", "END", True)


def _position_in_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = lexicon().unit(m.group("unit"))
    pos = " ".join(m.group("pos").lower().split())
    mod = lexicon().modifier(pos)
    if ctx.anchor is None:
        return _unanchored("DATE", {"M": "XXXX-XX", "W": "XXXX-WXX"}.get(unit, "XXXX"), "part of an unknown period", mod)
    return Reading("DATE", cal.at_granularity(ctx.anchor, unit), "part of the anchor's period", mod, True)


def _spelled_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = _year_in_words(m.group("year"))
    return None if year is None else Reading("DATE", f"{year:04d}", "year in words")


def _quarter_of_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m.group("year"))
    if ctx.last_quarter and not ctx.span_in_focus:
        label = ctx.last_quarter.split("-")[1]
        return Reading("DATE", f"{year:04d}-{label}", "the quarter mentioned before, in the year named")
    return Reading("DATE", f"{year:04d}", "a period of the year named")


def _quarter_anaphor(m: re.Match[str], ctx: Context) -> Reading | None:
    adjective = " ".join((m.group("adj") or "").lower().split())
    a_year_back = adjective in ("year-ago", "year-earlier", "year ago", "year earlier")
    year_back = 1 if a_year_back or m.group("ago") or m.group("lastyears") else 0
    # "the latest/current quarter" is fixed by the anchor; "the quarter" repeats the last one named.
    by_anchor = adjective in ("latest", "current", "last", "past", "previous", "recent", "most recent", "just-ended")
    focus = ctx.quarter_in_focus() if year_back else ctx.last_quarter
    if focus and not (by_anchor and ctx.anchor):
        year, label = focus.split("-")
        value = f"{int(year) - year_back:04d}-{label}"
        return Reading("DATE", value, f"the quarter mentioned before ({focus})", relative=True)
    if ctx.anchor is None:
        return _unanchored("DATE", "XXXX-QX", "quarter referred to without a date")
    current = cal.shift(ctx.anchor, "Q", 0 if adjective == "current" else -1)
    value = cal.at_granularity(cal.shift(current, "Y", -year_back), "Q")
    return Reading("DATE", value, "the latest completed quarter before the anchor", relative=True)


def _year_ago_adjective(m: re.Match[str], ctx: Context) -> Reading | None:
    focus = ctx.quarter_in_focus()
    if focus:
        year, label = focus.split("-")
        return Reading("DATE", f"{int(year) - 1:04d}-{label}", "a year before the quarter mentioned", relative=True)
    if ctx.anchor is None:
        return _unanchored("DATE", "XXXX", "a year before an unknown date")
    return Reading("DATE", f"{ctx.anchor.year - 1:04d}", "the year before the anchor", relative=True)


_NAME_BEFORE = re.compile(r"\b[A-Z][\w&]*\s+$")  # a capitalised word, no sentence end between


def _day_word(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m.group("word").lower()
    if m.group("word")[0].isupper() and _NAME_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # part of a name: "USA Today", "VOA Today"
    offset = lexicon().day_words[word]
    part = "NI" if word in ("tonight", "last") and not m.group("part") else _part(m.group("part"))
    if word == "last" and not m.group("part"):
        return None
    kind = "TIME" if part else "DATE"
    mod = _mod(m, "pos")
    if ctx.anchor is None:
        return _unanchored(kind, "XXXX-XX-XX" + (f"T{part}" if part else ""), f"'{word}' needs the publication date", mod)
    day = ctx.anchor + timedelta(days=offset)
    return Reading(kind, day.isoformat() + (f"T{part}" if part else ""),
                   f"'{word}' counted from the anchor {ctx.anchor.isoformat()}", mod, True)


def _day_before_after(m: re.Match[str], ctx: Context) -> Reading | None:
    offset = -2 if "before" in m.group(0).lower() else 2
    if ctx.anchor is None:
        return _unanchored("DATE", "XXXX-XX-XX", "a day relative to today")
    return Reading("DATE", (ctx.anchor + timedelta(days=offset)).isoformat(), "two days from the anchor", relative=True)


def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    weekday = lexicon().weekday(m.group("wd"))
    part = _part(_group(m, "part"))
    mod = _mod(m, "pos")
    kind = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    if ctx.anchor is None:
        return _unanchored(kind, f"XXXX-WXX-{weekday}{suffix}", "weekday without a publication date", mod)
    rel = (m.group("rel") or "").lower()
    if rel in ("previous", "following") and ctx.last_date is not None and ctx.last_precision == 10:
        # "down 4.5% from the previous Friday": counted from the day the story is telling about
        day = cal.weekday_near(ctx.last_date, weekday, "last" if rel == "previous" else "next")
        return Reading(kind, day.isoformat() + suffix, f"the {rel} such day from the last date named "
                       f"({ctx.last_date.isoformat()})", mod, True)
    direction = _direction_from_rel(rel, ctx, m)
    if direction == "present":
        # News mostly reports what happened: without a future verb, take the last such day.
        day = cal.weekday_near(ctx.anchor, weekday, "past")
    else:
        day = cal.weekday_near(ctx.anchor, weekday, direction)
    return Reading(kind, day.isoformat() + suffix,
                   f"weekday read as {direction} from the anchor {ctx.anchor.isoformat()} (verb tense)", mod, True)


def _day_next_to_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    weekday = _weekday(m, ctx)
    day = cal.parse_value_start(weekday.value) if weekday else None
    if day is None:
        return _unanchored("DATE", "XXXX-XX-XX", "a day next to a weekday")
    offset = -1 if m.group("dir").lower() == "before" else 1
    return Reading("DATE", (day + timedelta(days=offset)).isoformat(),
                   f"the day {m.group('dir').lower()} {day.isoformat()}: {weekday.reason}", relative=True)


def _weekday_set(m: re.Match[str], ctx: Context) -> Reading | None:
    weekday = lexicon().weekday(m.group("wd") or m.group("wds"))
    part = _part(m.group("part") or (m.group("parts") or "").lower().removesuffix("s") or None)
    return Reading("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), "recurring weekday")


def _relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = lexicon().unit(m.group("unit"))
    rel = " ".join(m.group("rel").lower().split())
    pos = (m.group("pos") or "").lower()
    mod = _mod(m, "pos")
    shift = _shift_from_rel(rel)
    if unit == "WE":
        return _weekend(m, ctx, shift)
    if rel in ("the following", "the previous", "that") and ctx.last_date is not None:
        value = cal.at_granularity(cal.shift(ctx.last_date, unit, shift), unit)
        return Reading("DATE", value, f"'{rel}' {unit} relative to the last date named ({ctx.last_date})", mod, True)
    if ctx.anchor is None:
        placeholder = {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "D": "XXXX-XX-XX"}.get(unit, "XXXX")
        return _unanchored("DATE", placeholder, f"'{rel} {unit}' needs the publication date", mod)
    value = cal.at_granularity(cal.shift(ctx.anchor, unit, shift), unit)
    if unit == "Q":
        ctx.focus_quarter(value)
    if pos in ("earlier", "later"):
        mod = None
    return Reading("DATE", value, f"'{rel}' {unit} relative to the anchor {ctx.anchor.isoformat()}", mod, True)


def _day_in_narrative(m: re.Match[str], ctx: Context) -> Reading | None:
    rel = " ".join(m.group("rel").lower().split())
    offset = 1 if rel in ("the next", "the following") else -1 if rel == "the previous" else 0
    base = ctx.last_date or ctx.anchor
    if base is None:
        return _unanchored("DATE", "XXXX-XX-XX", "a day relative to an unknown date")
    source = "the last date named" if ctx.last_date else "the anchor"
    if ctx.last_date and ctx.last_precision < 10:
        # "last October ... that same day": a day of that month, which one is not said
        known = base.isoformat()[:ctx.last_precision]
        unknown = "-XX" if ctx.last_precision == 7 else "-XX-XX"
        return Reading("DATE", known + unknown, f"'{rel}' day within {known}", relative=True)
    return Reading("DATE", (base + timedelta(days=offset)).isoformat(), f"'{rel}' day from {source} ({base})",
                   relative=True)


def _the_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    return _weekend(m, ctx, 0)


def _blocked(m: re.Match[str], ctx: Context) -> Reading | None:
    """No time expression: the match only keeps shorter rules off its words ("$500 a week")."""
    return None


def _weekend(m: re.Match[str], ctx: Context, shift: int) -> Reading | None:
    if ctx.anchor is None:
        return _unanchored("DATE", "XXXX-WXX-WE", "weekend without a publication date")
    if shift == 0:
        direction = ctx.direction(m)
        saturday = cal.weekday_near(ctx.anchor, 6, "future" if direction == "future" else "past")
    else:
        saturday = cal.weekday_near(ctx.anchor, 6, "next" if shift > 0 else "last")
    return Reading("DATE", cal.iso_week(saturday) + "-WE", "weekend nearest the anchor by tense", relative=True)


_HALF_UNIT = {"Y": (6, "M"), "M": (15, "D"), "D": (12, "H"), "H": (30, "MIN"), "MIN": (30, "S"), "W": (84, "H")}


def _duration_value(number: float | None, unit: str) -> str:
    if number is not None and number % 1 == 0.5 and unit in _HALF_UNIT:
        # TimeML writes half units in the next smaller unit: 2 1/2 years → P2Y6M.
        whole, (half_amount, half_unit) = int(number), _HALF_UNIT[unit]
        head = _duration_value(whole, unit) if whole else ("PT" if unit in ("H", "MIN") else "P")
        tail = f"{half_amount}{'M' if half_unit == 'MIN' else half_unit}"
        needs_t = half_unit in ("H", "MIN", "S") and "T" not in head
        return head + ("T" if needs_t else "") + tail
    amount = "X" if number is None else (f"{number:g}" if number % 1 else str(int(number)))
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    if unit == "2W":
        return "PXW" if number is None else f"P{int(2 * number)}W"
    if unit in ("DE", "CE") and number is not None:
        years = number * (10 if unit == "DE" else 100)
        return f"P{years:g}Y"
    return f"P{amount}{unit}"


def _number(m: re.Match[str]) -> float | None:
    text = m.group("num")
    number = lexicon().number(text)
    if m.group(0).lower().rstrip().endswith("and a half") or "and a half" in m.group(0).lower():
        number = None if number is None else number + 0.5
    return number


def _offset(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = lexicon().unit(m.group("unit"))
    number = _number(m)
    forward = m.group("dir").lower() in ("from now", "hence", "later")
    mod = _mod(m, "mod")
    placeholder = {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "D": "XXXX-XX-XX"}.get(unit, "XXXX")
    if unit in ("H", "MIN", "S"):
        unit_value = "D"
    else:
        unit_value = unit
    if ctx.anchor is None:
        return _unanchored("DATE", placeholder, "offset from an unknown date", mod)
    if number is None:
        return Reading("DATE", "FUTURE_REF" if forward else "PAST_REF", "vague offset from the anchor", mod, True)
    if number != int(number):
        return None
    focus = ctx.quarter_in_focus()
    if unit == "Y" and number == 1 and focus and not forward:
        year, label = focus.split("-")
        return Reading("DATE", f"{int(year) - 1:04d}-{label}", "a year before the quarter mentioned", mod, True)
    day = cal.shift(ctx.anchor, "W" if unit == "WE" else unit, int(number) * (1 if forward else -1))
    return Reading("DATE", cal.at_granularity(day, unit_value), f"{m.group(0)} from the anchor {ctx.anchor}", mod, True)


def _duration(m: re.Match[str], ctx: Context) -> Reading | None:
    if m.group("unit")[0].isupper() and m.start("unit") > m.start():
        return None  # a title: CBS's "60 Minutes"
    unit = lexicon().unit(m.group("unit"))
    number = _number(m)
    mod = _mod(m, "mod")
    if unit == "Q" and number is not None and number < 4 and re.match(r"\s+of\b", m.string[m.end():m.end() + 4]):
        return None  # a fraction: "three quarters of its food"
    if unit == "WE":
        return Reading("DURATION", "P2D" if number in (None, 1) else f"P{int(number) * 2}D", "weekend span", mod)
    value = _duration_value(number, unit)
    if m.string[max(0, m.start() - 8):m.start()].lower().rstrip().endswith("within"):
        return _within(value, unit, number, ctx)
    return Reading("DURATION", value, "span of time", mod)


def _long_adjective(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m.group("unit")
    number = _number(m) if m.group("num") else None if word.lower().endswith("s") else 1
    return Reading("DURATION", _duration_value(number, lexicon().unit(word)), "span told as an adjective")


def _within(value: str, unit: str, number: float | None, ctx: Context) -> Reading:
    """A span introduced by "within": at most that long, counted from the anchor."""
    if ctx.anchor is None or number is None or number != int(number) or unit in ("H", "MIN", "S"):
        return Reading("DURATION", value, "span of time after 'within'", "EQUAL_OR_LESS")
    until = cal.shift(ctx.anchor, unit, int(number))
    return Reading("DURATION", value, f"within {value} of the anchor {ctx.anchor.isoformat()}: "
                   f"from {ctx.anchor.isoformat()} to {until.isoformat()}", "EQUAL_OR_LESS", relative=True)


def _bare_plural(m: re.Match[str], ctx: Context) -> Reading | None:
    value = _duration_value(None, lexicon().unit(m.group("unit")))
    if m.group(0).lower().startswith("within"):
        return Reading("DURATION", value, "an unspecified span after 'within'", "EQUAL_OR_LESS")
    return Reading("DURATION", value, "unspecified span")


def _set_every(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = lexicon().unit(m.group("unit"))
    number = lexicon().number(m.group("num")) if m.group("num") else 1
    return Reading("SET", _duration_value(number, unit), "recurring period")


def _set_month(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", f"XXXX-{lexicon().month(m.group('month')):02d}", "recurring month")


def _set_adverb(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", lexicon().set_adverbs[m.group("adv").lower()], "frequency adverb")


def _reference(m: re.Match[str], ctx: Context) -> Reading | None:
    key = " ".join(m.group("ref").lower().split())
    return Reading("DATE", lexicon().reference_words[key], "reference to the present, past or future", relative=True)


def _clock(m: re.Match[str], ctx: Context) -> Reading | None:
    lex = lexicon()
    # The pattern spells the hour in one of three alternatives: "10:35 a.m.", "10:35", "4 in the morning".
    clock = (m.group("clock") or "").lower()
    if clock in lex.clock_words:
        hhmm = lex.clock_words[clock]
    else:
        hour = int(m.group("hour") or m.group("hour2") or m.group("hour3"))
        minute = int(m.group("minute") or m.group("minute2") or 0)
        meridiem = (m.group("ampm") or "").lower().replace(".", "")
        part = (m.group("part") or "").lower()
        if meridiem == "pm" or part in ("afternoon", "evening", "night"):
            hour = hour + 12 if hour < 12 else hour
        elif meridiem == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        hhmm = f"{hour:02d}:{minute:02d}"
    mod = _mod(m, "mod")
    day, relative = _clock_day(m, ctx)
    if day is None:
        return _unanchored("TIME", f"XXXX-XX-XXT{hhmm}", "clock time of an unknown day", mod)
    return Reading("TIME", f"{day}T{hhmm}", "clock time on the day named or the anchor day", mod, relative)


def _clock_day(m: re.Match[str], ctx: Context) -> tuple[str | None, bool]:
    lex = lexicon()
    if m.group("cmonth"):
        month, day = lex.month(m.group("cmonth")), _day(m.group("cday"))
        year = ctx.anchor.year if ctx.anchor else None
        return (f"{year:04d}-{month:02d}-{day:02d}" if year else None), True
    if ctx.anchor is None:
        return None, True
    # The day is named right after the time ("10 p.m. Wednesday") or looked ahead to ("... on Friday").
    if m.group("cwd") or m.group("onwd"):
        weekday = lex.weekday(m.group("cwd") or m.group("onwd"))
        direction = ctx.direction(m)
        return cal.weekday_near(ctx.anchor, weekday, "future" if direction == "future" else "past").isoformat(), True
    word = (m.group("cword") or m.group("onword") or "").lower()
    if not word and ctx.last_date is not None and ctx.last_precision == 10:
        # a bare time belongs to the day the story is telling about
        return ctx.last_date.isoformat(), True
    offset = lexicon().day_words[word or "today"]
    return (ctx.anchor + timedelta(days=offset)).isoformat(), True


def _holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    key = " ".join(m.group("holiday").lower().split())
    rule = lexicon().holidays[key]
    year = _year(m.group("year"))
    if year is None:
        if ctx.anchor is None:
            return _unanchored("DATE", "XXXX-" + (rule if "-" in rule else "XX-XX"), "holiday without a year")
        year = ctx.anchor.year + _shift_from_rel(m.group("rel"))
        if not m.group("rel") and ctx.direction(m) == "past" and _holiday_day(year, rule) > ctx.anchor:
            year -= 1  # told in the past tense: the last one before the anchor
    if "-" in rule:
        return Reading("DATE", f"{year:04d}-{rule}", "fixed-date holiday")
    day = cal.holiday(year, rule)
    return Reading("DATE", day.isoformat() if day else f"{year:04d}", "movable holiday")


def _holiday_day(year: int, rule: str) -> date:
    if "-" in rule:
        month, day = rule.split("-")
        return date(year, int(month), int(day))
    return cal.holiday(year, rule) or date(year, 12, 31)


def _part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    part = _part(re.sub(r"^mid[-\s]?", "", m.group("part").lower()))
    if ctx.anchor is None:
        return _unanchored("TIME", f"XXXX-XX-XXT{part}", "part of an unknown day")
    return Reading("TIME", f"{ctx.anchor.isoformat()}T{part}", "part of the anchor day", _mod(m, "pos"), True)



Resolver = Callable[[re.Match[str], Context], Reading | None]

RESOLVERS: dict[str, Resolver] = {
    "calendar_date_mdy": _calendar_date,
    "calendar_date_dmy": _calendar_date,
    "week_of": _week_of,
    "numeric_date": _numeric_date,
    "numeric_date_us": _numeric_date,
    "month_year": _month_year,
    "month": _bare_month,
    "season": _season,
    "year": _year_only,
    "decade": _decade,
    "decade_in_words": _decade_in_words,
    "century": _century,
    "quarter": _quarter,
    "quarter_adjective": _quarter,
    "quarter_anaphor": _quarter_anaphor,
    "period_anaphor": _quarter_anaphor,
    "year_span": _year_span,
    "year_end": _year_end,
    "position_in_unit": _position_in_unit,
    "spelled_year": _spelled_year,
    "year_ago_adjective": _year_ago_adjective,
    "day_word": _day_word,
    "day_part": _day_word,
    "day_part_before_word": _day_word,
    "day_around_today": _day_before_after,
    "weekday": _weekday,
    "weekday_set": _weekday_set,
    "day_next_to_weekday": _day_next_to_weekday,
    "relative_unit": _relative_unit,
    "day_in_narrative": _day_in_narrative,
    "the_weekend": _the_weekend,
    "offset": _offset,
    "duration": _duration,
    "duration_adjective": _duration,
    "long_adjective": _long_adjective,
    "rate": _blocked,
    "quarter_of_year": _quarter_of_year,
    "bare_plural": _bare_plural,
    "units_ahead": _bare_plural,
    "set_every": _set_every,
    "set_month": _set_month,
    "set_adverb": _set_adverb,
    "reference": _reference,
    "clock": _clock,
    "holiday": _holiday,
    "part_of_day": _part_of_day,
}
