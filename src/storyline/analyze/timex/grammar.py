"""The TIMEX3 grammar: regex rules built from the lexicon, and the trigger words that wake them.

A rule finds candidate extents in the text; :data:`timex_resolve.RESOLVERS` holds, under the
rule's name, the function that turns a match into a TimeML value. Rules only run in windows
around their trigger words, which keeps tagging within a few milliseconds per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import lexicons
from .lexicon import Lexicon, alternation, lexicon
from .resolve import RESOLVERS, Resolver


@dataclass(frozen=True)
class Rule:
    """A named pattern; its extent is the whole match, or the group ``x`` when the pattern has one."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    triggers: tuple[str, ...]  # trigger classes: the rule runs only near words of these


def _fragments(lex: Lexicon) -> dict[str, str]:
    """The named pieces ``{MONTH}``, ``{NUM}``, ... that rule templates are written with."""
    full_months = [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]
    abbreviated = [m for m in lex.months if m not in full_months]
    caps = lex.months_needing_capital
    month = (f"(?:{alternation(full_months, capitalised=caps)}|"
             f"{alternation(abbreviated, capitalised=caps)}(?:\\.|(?=\\s*\\d)))(?![a-z])")
    full_days = [d for d in lex.weekdays if len(d) > 5]
    short_days = [d for d in lex.weekdays if len(d) <= 5]
    weekday = (f"(?:{alternation(full_days)}|"
               f"{alternation(short_days, capitalised=frozenset(short_days))}\\.)(?![a-z])")
    units_pattern = alternation(lex.units)
    single_words = {word: value for word, value in lex.numbers.items() if " " not in word}
    tens = alternation([w for w, v in single_words.items() if 20 <= v <= 90 and v % 10 == 0])
    ones = alternation([w for w, v in single_words.items() if 1 <= v <= 9 and w not in ("a", "an")])
    teens = alternation([w for w, v in single_words.items() if 10 <= v <= 19])
    number = (r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?|"
              f"{tens}[\\s-]+{ones}|{alternation(lex.numbers)})")
    return {
        "MONTH": month,
        "TENS": tens,
        "ONES": ones,
        "TEENS": teens,
        "WEEKDAY": weekday,
        "WEEKDAYS": alternation([d + "s" for d in full_days]),
        "PARTS": alternation([p + "s" for p in lex.parts_of_day if not p.endswith("s") and "-" not in p]),
        "SEASON": alternation(lex.seasons),
        "PART": alternation([p for p in lex.parts_of_day if p != "overnight"]),
        "UNIT": units_pattern + r"(?![a-z])",
        "NUM": f"(?:{number}|{alternation(lex.vague_numbers)})",
        "ORD": alternation(lex.ordinals),
        "MOD": alternation(lex.modifiers),
        "POS": r"(?:(?:early|late|mid)-?|the\s+(?:beginning|start|end|middle|close|dawn)\s+of)",
        "DECADE_WORD": alternation(lex.decade_words),
        "YEAR": r"(?<![\d$£€.,/])(?<!\d-)(?:1[5-9]\d\d|20\d\d)(?![\d%]|[.,/-]\d)",
        # "nineteen ninety-four", "two thousand and one", as broadcasts read years out
        "SPELLED_YEAR": (f"(?:(?:nineteen|eighteen)\\s+(?:{tens}(?:[\\s-]{ones})?|{teens}|hundred)|"
                         f"two\\s+thousand(?:\\s+and\\s+(?:{ones}|{teens}))?)"),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|,\d{3})",
        "TZ": alternation(lex.timezones),
        "HOLIDAY": alternation(lex.holidays),
        "REF": alternation(lex.reference_words),
        "SETADV": alternation(lex.set_adverbs),
    }


def _compile(template: str, parts: dict[str, str]) -> re.Pattern[str]:
    """A rule's template with its fragments filled in, matching whole words only."""
    for key, value in parts.items():
        template = template.replace("{" + key + "}", value)
    return re.compile(r"(?<![\w-])" + template + r"(?![\w])", re.IGNORECASE)


def _load_rules() -> list[tuple[str, tuple[str, ...], str]]:
    """(name, trigger classes, regex template) for each block of ``data/timex_rules.txt``."""
    text = lexicons.text("timex_rules.txt")
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if not lines:
            continue
        name, _, triggers = lines[0].partition(":")
        blocks.append((name.strip(), tuple(triggers.split()), "".join(line.strip() for line in lines[1:])))
    return blocks




def _trigger_words(lex: Lexicon) -> dict[str, set[str]]:
    """Each trigger class as the set of lower-case words (split as :data:`WORD` splits) it contains."""
    def words(phrases) -> set[str]:
        return {word for phrase in phrases for word in WORD.findall(phrase.lower())}

    return {
        "months": words(lex.months),
        "weekdays": words(lex.weekdays) | {day + "s" for day in lex.weekdays},
        "seasons": words(lex.seasons),
        "units": words(lex.units) | {"period"},
        "quarter": {"quarter", "quarters", "half", "period"},
        "century": {"century"},
        "day_words": {"today", "tomorrow", "yesterday", "tonight", "day"},
        "parts": words(lex.parts_of_day) | {"overnight", "afternoon", "morning"},
        "set_adverbs": words(lex.set_adverbs),
        "references": words(lex.reference_words) - {"the", "at", "in"},
        "clock_words": words(lex.clock_words),
        "spelled_year": {"nineteen", "eighteen", "thousand"},
        "decade_words": words(lex.decade_words),
        "narrative": {"that", "same", "next", "following", "previous"},
        "holidays": words(lex.holidays) - {"day", "s", "eve", "new", "year"},
    }


WORD = re.compile(r"[a-z]+|\d+")


def rules() -> list[Rule]:
    """The compiled grammar (compiled once per process)."""
    global _COMPILED
    if _COMPILED is None:
        parts = _fragments(lexicon())
        _COMPILED = [Rule(name, _compile(template, parts), RESOLVERS[name], triggers)
                     for name, triggers, template in _load_rules()]
    return _COMPILED


def digit_classes(text: str, start: int, end: int) -> tuple[str, ...]:
    """The trigger classes of the number ``text[start:end]``: a possible year, part of a numeric
    date, or a clock time, judged from its length and the characters after it."""
    classes = []
    after = text[end:end + 4].lower()
    if end - start == 4 and 1500 <= int(text[start:end]) <= 2099 or text[start - 1:start] == "'":
        classes.append("year_digits")
    if after[:1] in ("-", "/"):
        classes.append("numeric_digits")
    if after[:1] in (":", ".") or after.lstrip()[:1] in ("a", "p", "i", "o"):
        classes.append("clock_digits")
    return tuple(classes)


def rules_by_trigger() -> dict[str, tuple[int, ...]]:
    """Indices into :func:`rules` keyed by the words (or number classes) that trigger them."""
    global _BY_TRIGGER
    if _BY_TRIGGER is None:
        classes = _trigger_words(lexicon())
        by_word: dict[str, list[int]] = {}
        for index, rule in enumerate(rules()):
            for trigger in rule.triggers:
                for word in classes.get(trigger, {trigger}):
                    by_word.setdefault(word, []).append(index)
        _BY_TRIGGER = {word: tuple(indices) for word, indices in by_word.items()}
    return _BY_TRIGGER


_COMPILED: list[Rule] | None = None
_BY_TRIGGER: dict[str, tuple[int, ...]] | None = None
