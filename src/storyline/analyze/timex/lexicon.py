"""The TIMEX3 lexicon (``data/timex_lexicon.json``) and the regex alternations built from it."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from ... import lexicons


def alternation(words, *, capitalised: frozenset[str] = frozenset()) -> str:
    """A regex alternation of ``words`` (longest first; spaces match any whitespace).

    Words in ``capitalised`` must start with a capital letter (``May``, not the modal ``may``).
    """
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        pattern = r"\s+".join(re.escape(piece) for piece in word.split())
        if word in capitalised:
            pattern = f"(?-i:{re.escape(word[0].upper())})(?:{pattern[1:]})"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"


def number_value(text: str, numbers: dict[str, float]) -> float | None:
    """The value of a number written in digits or words ("24", "twenty-four", "a couple of")."""
    cleaned = " ".join(text.lower().replace(",", "").replace(" 1/2", ".5").split())
    try:
        return float(cleaned)
    except ValueError:
        pass
    if cleaned in numbers:
        return numbers[cleaned]
    total = 0.0
    for piece in re.split(r"[\s-]+", cleaned):
        if piece == "and":
            continue
        if piece not in numbers:
            return None
        if piece == "hundred" and total:
            total *= 100
        else:
            total += numbers[piece]
    return total


@dataclass(frozen=True)
class Lexicon:
    """The sections of ``data/timex_lexicon.json``: each word with its TimeML meaning."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    set_adverbs: dict[str, str]
    reference_words: dict[str, str]
    holidays: dict[str, str]
    modifiers: dict[str, str]
    position_modifiers: dict[str, str]
    timezones: tuple[str, ...]
    months_needing_capital: frozenset[str]
    signals: tuple[str, ...]  # prepositions that introduce a time expression ("on", "within")
    relative_words: dict[str, int]  # "last" → -1, "next" → +1 (units from the anchor)
    day_words: dict[str, int]  # "yesterday" → -1 (days from the anchor)
    decade_words: dict[str, int]  # "nineties" → 9 (the decade of the current century's 1900s)

    def month(self, word: str) -> int:
        return self.months[word.lower().rstrip(".")]

    def weekday(self, word: str) -> int:
        key = word.lower().rstrip(".").removesuffix("'s")
        return self.weekdays.get(key) or self.weekdays[key.removesuffix("s")]

    def unit(self, word: str) -> str:
        return self.units[word.lower()]

    def number(self, text: str) -> float | None:
        return number_value(text, self.numbers)

    def modifier(self, text: str | None) -> str | None:
        """The TimeML mod of a modifier phrase ("about" → APPROX, "late" → END), if any."""
        if not text:
            return None
        key = " ".join(text.lower().split())
        return self.modifiers.get(key) or self.position_modifiers.get(key) or self.position_modifiers.get(key.rstrip("-"))


@lru_cache(maxsize=1)
def raw_lexicon() -> dict:
    """``data/timex_lexicon.json`` as loaded, once per process."""
    return lexicons.load_json("timex_lexicon.json")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process."""
    raw = raw_lexicon()
    kwargs = {f.name: _entries(raw[f.name]) for f in fields(Lexicon)}
    for name, convert in _CONVERSIONS.items():
        kwargs[name] = convert(kwargs[name])
    return Lexicon(**kwargs)


# Lists that the Lexicon keeps as sets or tuples (JSON has only lists).
_CONVERSIONS = {"vague_numbers": frozenset, "months_needing_capital": frozenset, "timezones": tuple,
                "signals": tuple}


def _entries(value):
    """A lexicon section without its ``_doc`` notes."""
    return {k: v for k, v in value.items() if not k.startswith("_")} if isinstance(value, dict) else value
