"""The one name normaliser, used by the analysis, the store's search and cross-article linking.

``fold`` takes case, accents and curly apostrophes off any text; ``name_key`` makes a name comparable:
lower-case words without accents, punctuation, possessives, doubled letters, a leading "the" or
transliteration variants ("Orbán" → "orban", "Zelenskyy" → "zelensky", "The U.N.'s" → "un").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lexicons


def fold(text: str) -> str:
    """``text`` case-folded, without accents or other combining marks, with straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Words that only introduce a name ("the US president", "The Hague"): dropped at the start.
LEADING_WORDS = frozenset({"the"})
_WORD = re.compile(r"\w+")
_DOUBLED = re.compile(r"(\w)\1+")
_POSSESSIVE = re.compile(r"['’]s\b")


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[int, str], tuple[tuple[str, str], ...]]:
    letters: dict[int, str] = {}
    endings: list[tuple[str, str]] = []
    for kind, written, read_as in lexicons.rows("names_spellings.tsv"):
        if kind == "letter":
            letters[ord(written)] = read_as
        else:
            endings.append((written, read_as))
    return letters, tuple(endings)


def name_key(name: str | None) -> str:
    """A name as lower-case words without accents, doubled letters or variant endings; "" for none."""
    if not name:
        return ""
    letters, endings = _spellings()
    plain = fold(name.lower().translate(letters))
    # dots only abbreviate ("U.N." is "UN"), so they join letters rather than split words
    words = [_fold(word, endings) for word in _WORD.findall(_POSSESSIVE.sub("", plain).replace(".", ""))]
    while words and words[0] in LEADING_WORDS:
        words = words[1:]
    return " ".join(words)


def _fold(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    word = _DOUBLED.sub(r"\1", word.replace("_", ""))
    for written, read_as in endings:
        if word.endswith(written) and len(word) > len(written) + 1:
            return word[: -len(written)] + read_as
    return word

