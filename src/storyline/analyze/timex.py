"""TIMEX3 tagging: find temporal expressions in a parsed text and normalise them on the anchor date.

Extents come from the rule grammar in :mod:`timex_rules` (lexicon in ``data/timex_lexicon.json``);
the spaCy parse supplies the tense of the governing verb, which decides whether a bare weekday
or month lies before or after the publication date.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Evidence, Span, Timex
from .timex_calendar import parse_anchor, parse_value_start
from .timex_grammar import WORD, Rule, digit_classes, rules, rules_by_trigger
from .timex_lexicon import alternation, lexicon
from .timex_resolve import Context, Reading

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gon", "would", "'d"})
# Verbs whose "to"-infinitive points ahead: "scheduled to close Monday", "plans to meet in May".
_FUTURE_GOVERNORS = frozenset({
    "schedule", "expect", "plan", "set", "due", "intend", "aim", "hope", "propose", "prepare", "agree",
    "promise", "vow", "threaten", "decide", "go", "want", "seek", "likely", "able", "ready",
})
_MODALS = frozenset({"might", "may", "can", "should", "must", "ca"})  # not "could": often past ability
_PAST_AUX = frozenset({"was", "were", "had", "did", "has", "have"})
_SCHEDULING = frozenset({"schedule", "slate"})  # "scheduled a news conference Thursday"
_FUTURE_SIGNAL = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|starting|beginning)\s+(?:on\s+|at\s+)?$", re.I)
_MAX_HEAD_STEPS = 6
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
                      quarterly=_QUARTERLY.search(text) is not None)
    timexes: list[Timex] = []
    for start, end, rule, match in _select(text):
        reading = rule.resolve(match, context)
        if reading is None:
            continue
        context.last_date = parse_value_start(reading.value) or context.last_date
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


def tense_at(doc: Doc, start: int, end: int, text: str | None = None) -> str | None:
    """"past", "future" or "present" for the verb governing the span ``start:end``; None if none.

    ``text`` is ``doc.text``, passed by callers that have it (spaCy rebuilds it on every access).
    """
    if _FUTURE_SIGNAL.search(text if text is not None else doc.text, max(0, start - 20), start):
        return "future"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = _governing_verb(span.root)
    if token is None:
        return None
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & _FUTURE_AUX or auxiliaries & _MODALS and "have" not in auxiliaries:
        return "future"
    if "to" in auxiliaries:
        return "future" if token.head.lemma_ in _FUTURE_GOVERNORS else "present"
    if token.lemma_ in _SCHEDULING:
        return "future"
    if token.tag_ in ("VBD", "VBN") or auxiliaries & _PAST_AUX:
        return "past"
    return "present"


def _governing_verb(token):
    """The nearest verb above ``token`` that carries tense: gerunds and bare infinitives without
    auxiliaries ("found Thursday clinging to ...") pass the question on to their own head."""
    verb = None
    for _ in range(_MAX_HEAD_STEPS):
        if token.pos_ in ("VERB", "AUX"):
            verb = token
            untensed = token.tag_ in ("VBG", "VB") and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            if not untensed or token.head is token:
                return verb
        if token.head is token:
            break
        token = token.head
    return verb

