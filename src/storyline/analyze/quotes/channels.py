"""Name the channel of a quote (Truth Social, X, statement, interview, …) from the words around it."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import QuoteLexicon


@lru_cache(maxsize=4)
def _pattern(channels: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    names = {}
    alternatives = []
    for phrase, name in sorted(channels, key=lambda pair: -len(pair[0])):
        if phrase == "x":
            continue  # the bare letter only counts as "on X", matched case-sensitively below
        names[phrase] = name
        alternatives.append(re.escape(phrase).replace(r"\ ", r"\s+"))
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b", re.IGNORECASE), names


_ON_X = re.compile(r"\b(?:on|via) X\b")


def channel_in(text: str, start: int, end: int, quoted: list[tuple[int, int]],
               lexicon: QuoteLexicon) -> str | None:
    """The first channel named in ``text[start:end]`` outside the ``quoted`` spans, or None."""
    pattern, names = _pattern(lexicon.channels)
    hits = [(m.start(), names[re.sub(r"\s+", " ", m.group(1).lower())])
            for m in pattern.finditer(text, start, end)]
    if any(name == "X" for _, name in lexicon.channels):
        hits += [(m.start(), "X") for m in _ON_X.finditer(text, start, end)]
    # The word list runs from specific (platforms) to generic (post), so its order decides.
    rank: dict[str, int] = {}
    for i, (_, name) in enumerate(lexicon.channels):
        rank.setdefault(name, i)
    outside = [name for pos, name in hits if not any(s <= pos < e for s, e in quoted)]
    return min(outside, key=lambda name: rank[name]) if outside else None
