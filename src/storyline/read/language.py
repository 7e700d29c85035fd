"""Guess a text's language from its most frequent words, when the page does not declare it."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .lexicon import DATA_DIR

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    table = {}
    for line in (DATA_DIR / "read_stopwords.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, words = line.partition(":")
            table[code.strip()] = frozenset(words.split())
    return table


def guess_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) from stopword shares, or None for too little or unknown text."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]  # a few paragraphs are enough
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)
    shares = {code: sum(counts[w] for w in stop) / len(words) for code, stop in _stopwords().items()}
    ranked = sorted(shares.items(), key=lambda kv: -kv[1])
    (best, share), (_, runner_up) = ranked[0], ranked[1]
    if share < 0.12 or share < 1.5 * runner_up:
        return None
    return best, round(min(0.9, 0.5 + share), 2)
