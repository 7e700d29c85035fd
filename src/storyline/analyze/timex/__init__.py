"""TIMEX3 tagging: find temporal expressions in a parsed text and normalise them on the anchor date.

Extents come from the rule grammar (:mod:`timex_grammar`, ``data/timex_rules.txt``) run around
trigger words; :mod:`timex_resolve` turns each match into a TimeML value on the anchor, with the
tense of the governing verb (:mod:`timex_tense`) deciding past or future for bare weekdays and months.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...model import Evidence, Span, Timex
from .calendar import parse_anchor
from .grammar import WORD, Rule, digit_classes, rules, rules_by_trigger
from .lexicon import alternation, lexicon
from .resolve import Context, Reading
from .tense import tense_at, tense_is_local

_QUARTERLY = re.compile(r"\b(?:first|second|third|fourth)[\s-]+quarter\b", re.I)
_WINDOW = 45  # characters searched on each side of a trigger word
_WORD_TAIL = re.compile(r"\S*")


def tag_timexes(doc: Doc, anchor: str | None) -> list[Timex]:
    """TIMEX3 expressions in ``doc.text``, values resolved against ``anchor`` (ISO date/datetime).

    Without a usable anchor, absolute dates still get their values; relative ones get an
    underspecified value (``XXXX-…``) and the flag ``unanchored``.
    """
    text = doc.text
    anchor_day = parse_anchor(anchor)
    context = Context(anchor_day, lambda start, end: tense_at(doc, start, end, text),
                      quarterly=_QUARTERLY.search(text) is not None,
                      tense_is_local=lambda start, end, direction: tense_is_local(doc, start, end, direction))
    timexes: list[Timex] = []
    for start, end, rule, match in _select(text):
        reading = rule.resolve(match, context)
        if reading is None:
            continue
        context.remember(reading)
        timexes.append(_timex(text, start, end, rule.name, reading, anchor_day.isoformat() if anchor_day else None))
    return timexes


def _select(text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Non-overlapping candidate matches: the longest wins, then the earlier rule."""
    grammar = rules()
    candidates = []
    for index, windows in _windows(text).items():
        rule = grammar[index]
        extent_group = "x" if "x" in rule.pattern.groupindex else 0
        for low, high in windows:
            for match in rule.pattern.finditer(text, low, high):
                start, end = match.span(extent_group)
                if end > start:
                    candidates.append((start - end, index, start, end, match))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    chosen = []
    for _, index, start, end, match in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, grammar[index], match))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each rule (by index) triggered by a word of ``text``, the merged windows around its triggers."""
    by_word = rules_by_trigger()
    starts_by_rule: dict[int, list[int]] = {}
    for word in WORD.finditer(text.lower()):
        token = word.group(0)
        if token[0].isdigit():
            triggered = [index for cls in digit_classes(text, *word.span()) for index in by_word.get(cls, ())]
        else:
            triggered = by_word.get(token, ())
        for index in triggered:
            starts_by_rule.setdefault(index, []).append(word.start())
    windows = {}
    for index, starts in starts_by_rule.items():
        merged: list[list[int]] = []
        for position in starts:
            low, high = max(0, position - _WINDOW), position + _WINDOW
            if merged and low <= merged[-1][1]:
                merged[-1][1] = high
            else:
                merged.append([low, high])
        # A window ends at the next whitespace, so it never cuts a word.
        windows[index] = [(low, _WORD_TAIL.match(text, min(high, len(text))).end()) for low, high in merged]
    return windows


def _signal(text: str, start: int) -> Span | None:
    """The preposition right before a time expression ("On" Tuesday, "within" two weeks), if any."""
    global _SIGNAL
    if _SIGNAL is None:
        _SIGNAL = re.compile(r"\b(" + alternation(lexicon().signals) + r")\s+$", re.IGNORECASE)
    found = _SIGNAL.search(text, max(0, start - 24), start)
    return Span(found.group(1), found.start(1), found.end(1)) if found else None


_SIGNAL: re.Pattern[str] | None = None


def _timex(text: str, start: int, end: int, rule_name: str, reading: Reading, anchor: str | None) -> Timex:
    reason = f"rule {rule_name}: {reading.reason}"
    if reading.relative and anchor:
        reason += f" (anchor {anchor})"
    return Timex(
        text=text[start:end],
        start=start,
        end=end,
        type=reading.type,  # type: ignore[arg-type]
        value=reading.value,
        anchor=anchor if reading.relative else None,
        mod=reading.mod,
        flags=["unanchored"] if reading.unanchored else [],
        confidence=0.6 if reading.unanchored else 0.9,
        evidence=[Evidence(source="rule", confidence=0.9, start=start, end=end, reason=reason)],
        signal=_signal(text, start),
    )
