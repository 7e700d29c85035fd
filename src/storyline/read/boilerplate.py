"""Tell boilerplate lines from article prose: a phrase list plus features that generalise.

Features: calls to action (an imperative verb speaking to the reader), line shape (short, no
sentence end, date or byline stamps, copyright, menus of ``|``-separated items), and the caller's
context (repetition across the page, position, the headline repeated as the first line).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .lexicon import load

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]。！？」』）]\s*$")  # Latin and CJK sentence ends
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "″": '"'})
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_STAMP = re.compile(
    rf"(?i)\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|\b\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)?\b"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:19|20)\d\d\b|\b(?:gmt|bst|utc|est|edt|cst|pst|cet)\b"
    r"|\b(?:updated|posted|published|modified)\b"
)
_BYLINE = re.compile(r"(?i)^(?:by|posted by|written by|words by|author:?)\s+\S")
_COPYRIGHT = re.compile(r"(?i)©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved")
_READER = re.compile(r"(?i)\b(?:you|your|us|our|here|now|today|free|newsletter|below|more)\b")


STAMP_MAX_OTHER_WORDS = 5
PROSE_MIN_WORDS = 10
# a non-prose line costs this much plus a share of its words when it sits inside the article
GAP_COST = 2.0
GAP_COST_PER_WORD = 0.5
# a line of this many words, mostly lower-case, reads like a sentence without its full stop (a list item)
SENTENCE_LIKE_WORDS = 8
SENTENCE_LIKE_WEIGHT = 0.3
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")


@cache
def _phrases() -> re.Pattern[str]:
    """All boilerplate phrases as one pattern: one scan of a line instead of one per phrase."""
    return re.compile("|".join(re.escape(p) for p in sorted(load("boilerplate"), key=len, reverse=True)))


@cache
def _cta_verbs() -> frozenset[str]:
    return frozenset(load("cta"))


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Lower-cased with straight quotes and single spaces, for phrase matching."""
    return " ".join(text.translate(_QUOTES).lower().split())


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


LINE_CACHE = 1 << 16  # lines judged per process are remembered: a page's lines are judged several times


@lru_cache(maxsize=LINE_CACHE)
def word_count(text: str) -> int:
    """Words of a line; Chinese, Japanese and Korean, written without spaces, count two characters a word."""
    words = len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return words + cjk // 2 if cjk else words


def is_sentence(text: str) -> bool:
    """Ends like a sentence (full stop, question, quote close...)."""
    return bool(_SENTENCE_END.search(text))


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"'])")


def _sentences_reason(text: str, max_words: int) -> str | None:
    """A long line is boilerplate when most of its sentences are ("Follow us… Sign up… Get the app…")."""
    if not _phrases().search(normalise(text)):
        return None  # most long lines are prose: one scan rules them out
    sentences = _SENTENCE_SPLIT.split(text)
    if len(sentences) < 2 or any(word_count(s) > max_words for s in sentences):
        return None
    flagged = [boilerplate_reason(s, max_words=max_words) for s in sentences]
    if sum(1 for f in flagged if f) * 3 >= 2 * len(sentences):
        return "sentences: " + "; ".join(f for f in flagged if f)
    return None


@lru_cache(maxsize=LINE_CACHE)
def boilerplate_reason(text: str, *, max_words: int = 30) -> str | None:
    """Why this line is boilerplate (phrase, call-to-action, stamp, byline, copyright, menu), or None.

    Only lines of at most ``max_words`` words are judged: long prose that mentions a phrase stays.
    """
    words = word_count(text)
    if words == 0:
        return "empty"
    if words > max_words:
        return _sentences_reason(text, max_words)
    plain = normalise(text)
    phrase = _phrases().search(plain)
    if phrase:
        return f"phrase: {phrase.group(0)}"
    if _COPYRIGHT.search(text) and words <= 20:
        return "copyright"
    first = _WORD.match(plain)
    if first and first.group(0) in _cta_verbs() and words <= 20 and _READER.search(plain):
        return "call to action"
    if words <= 12 and _BYLINE.match(plain) and not is_sentence(text):
        return "byline"
    # a stamp is mostly date, time and "updated": few words are left without them
    if words <= 12 and _STAMP.search(text) and not is_sentence(text) and word_count(_STAMP.sub(" ", text)) <= STAMP_MAX_OTHER_WORDS:
        return "date stamp"
    if text.count("|") >= 2 and words <= 20:
        return "menu"
    return None


def is_prose(text: str) -> bool:
    """A sentence of at least ``PROSE_MIN_WORDS`` words."""
    return word_count(text) >= PROSE_MIN_WORDS and is_sentence(text)


def gap_cost(text: str) -> float:
    """What a line that is not prose costs a run of article lines it sits in (negative)."""
    return -(GAP_COST + GAP_COST_PER_WORD * min(word_count(text), 20))


def prose_weight(text: str) -> float:
    """What a line adds to a run of article lines: prose its words, sentence-like lines (list items) a little,
    other lines (menus, teasers, stamps) a cost."""
    words = word_count(text)
    if is_prose(text):
        return float(words)
    # Chinese and Japanese lines have no case to tell a sentence from a title by
    if words >= SENTENCE_LIKE_WORDS and (len(_LOWER_WORD.findall(text)) >= 0.6 * words or _CJK.search(text)):
        return SENTENCE_LIKE_WEIGHT * words
    return gap_cost(text)
