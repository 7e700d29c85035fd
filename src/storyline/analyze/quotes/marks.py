"""Find quoted passages in raw text by pairing quote marks, telling apostrophes from closing marks.

Handles curly, straight, guillemet and German („“) marks, nesting (only outermost passages are
returned), and passages that run over paragraph breaks: a paragraph that opens a quote without
closing it continues into the next paragraph when that one opens with a quote mark too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

DOUBLE_OPENERS = "“„«"
DOUBLE_CLOSERS = "”»"
SINGLE_OPENERS = "‘‚‹"
SINGLE_CLOSERS = "’›"
ALL_MARKS = DOUBLE_OPENERS + DOUBLE_CLOSERS + SINGLE_OPENERS + SINGLE_CLOSERS + "\"'"
# Characters after which a straight or curly mark opens rather than closes a quotation.
OPEN_CONTEXT = set(" \t\n([{—–-/:;,") | set(ALL_MARKS)
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


@dataclass
class MarkedQuote:
    """One outermost quoted passage: ``start``/``end`` include the marks; ``fragments`` are the
    per-paragraph pieces; ``closed`` is False when the text ran out before a closing mark."""

    start: int
    end: int
    fragments: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    def word_count(self, text: str) -> int:
        return sum(len(_WORD.findall(text[s:e])) for s, e in self.fragments)


@dataclass
class _Open:
    kind: str  # "double" or "single"
    mark: str
    pos: int


def _is_open_context(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in OPEN_CONTEXT


def _next_is_word(text: str, i: int) -> bool:
    return i + 1 < len(text) and (text[i + 1].isalnum())


def _is_possessive(text: str, i: int, para_end: int) -> bool:
    """A closing single mark after "s" followed by a lowercase word ("the leaders’ meeting") is
    more likely a plural possessive when another closing mark follows later in the paragraph."""
    if i == 0 or text[i - 1] not in "sS" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    rest = text[i + 1 : para_end]
    return bool(re.search(r"[’'](?!\w)", rest))


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], _Open | None]:
    """Closed outermost quotes in one paragraph, and the outermost quote left open at its end."""
    stack: list[_Open] = []
    found: list[tuple[int, int]] = []

    def close_to(kind: str, i: int) -> None:
        while stack and stack[-1].kind != kind:
            stack.pop()  # unclosed inner singles were apostrophes
        if stack:
            opened = stack.pop()
            if not stack:
                found.append((opened.pos, i + 1))

    i = start - 1
    while i + 1 < end:
        i += 1
        ch = text[i]
        if ch not in ALL_MARKS:
            continue
        has_double = any(o.kind == "double" for o in stack)
        has_single = any(o.kind == "single" for o in stack)
        last = i  # index of the mark's last character
        if text.startswith("''", i):
            ch, last = '"', i + 1  # two apostrophes stand for a double mark in some wire copy
        if ch == "“" and stack and stack[-1].mark == "„":
            close_to("double", i)
        elif ch in DOUBLE_OPENERS:
            stack.append(_Open("double", ch, i))
        elif ch in DOUBLE_CLOSERS:
            if has_double:
                close_to("double", i)
            elif _is_open_context(text, i) and _next_is_word(text, i):
                stack.append(_Open("double", ch, i))  # a closing mark typed as the opener: (”Anxiety …”)
        elif ch == '"':
            if has_double and not (_is_open_context(text, i) and _next_is_word(text, last)
                                   and stack[-1].kind != "double"):
                close_to("double", last)
            elif _is_open_context(text, i):
                stack.append(_Open("double", ch, i))
            i = last
        elif ch in SINGLE_OPENERS:
            stack.append(_Open("single", ch, i))
        elif ch in SINGLE_CLOSERS or ch == "'":
            word_before = i > 0 and text[i - 1].isalnum()
            if word_before and _next_is_word(text, i):
                continue  # don’t, it’s, O’Brien
            if ch == "'" and _is_open_context(text, i) and _next_is_word(text, i):
                stack.append(_Open("single", ch, i))
            elif has_single and not _is_possessive(text, i, end):
                close_to("single", i)
    left_open = stack[0] if stack else None
    return found, left_open


def find_quotes(text: str) -> list[MarkedQuote]:
    """All outermost quoted passages of ``text``, in order (the quotes stage and the quoted phrases
    after it ask for the same text: the last few answers are kept; treat them as read-only)."""
    return list(_find_quotes(text))


@lru_cache(maxsize=4)
def _find_quotes(text: str) -> tuple[MarkedQuote, ...]:
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    quotes: list[MarkedQuote] = []
    pending: MarkedQuote | None = None  # a quote running on from the previous paragraph
    for p_start, p_end in paragraphs:
        body_start = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        if pending is not None:
            if body_start < p_end and text[body_start] in DOUBLE_OPENERS + SINGLE_OPENERS + "\"'":
                # The paragraph re-opens the running quote: scan it as if the mark continued it.
                found, left_open = _scan_paragraph(text, body_start, p_end)
                if found and found[0][0] == body_start:
                    pending.fragments.append(found[0])
                    pending.end = found[0][1]
                    pending.closed = True
                    quotes.append(pending)
                    pending = None
                    found = found[1:]
                elif not found and left_open is not None and left_open.pos == body_start:
                    pending.fragments.append((body_start, p_end))
                    pending.end = p_end
                    continue
                else:
                    quotes.append(pending)
                    pending = None
                quotes.extend(MarkedQuote(s, e, [(s, e)]) for s, e in found)
                pending = _running(text, left_open, p_start, p_end, body_start)
                continue
            quotes.append(pending)
            pending = None
        found, left_open = _scan_paragraph(text, p_start, p_end)
        quotes.extend(MarkedQuote(s, e, [(s, e)]) for s, e in found)
        pending = _running(text, left_open, p_start, p_end, body_start)
    if pending is not None:
        quotes.append(pending)
    return tuple(quotes)


def _running(text: str, left_open: _Open | None, p_start: int, p_end: int,
             body_start: int) -> MarkedQuote | None:
    """The quote left open at a paragraph's end, if it is plausibly a real quotation.

    Double marks always count; a single mark counts only when it opens the paragraph, follows a
    colon, or is a curly opening mark starting a sentence before a word ("… the family said.
    ‘He was the light of our lives."); a stray single mark is usually an apostrophe, as in ’90s.
    """
    if left_open is None:
        return None
    before = text[p_start : left_open.pos].rstrip()
    opens_sentence = (left_open.mark in SINGLE_OPENERS and before.endswith((".", "!", "?", "’", "”"))
                      and text[left_open.pos + 1 : left_open.pos + 2].isalpha())
    if (left_open.kind == "single" and left_open.pos != body_start and not before.endswith(":")
            and not opens_sentence):
        return None
    end = p_end
    while end > left_open.pos and text[end - 1].isspace():
        end -= 1
    if end - left_open.pos < 2:
        return None
    return MarkedQuote(left_open.pos, end, [(left_open.pos, end)], closed=False)
