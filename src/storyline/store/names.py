"""Finding people and organisations by name in the store: name keys without case, accents, punctuation
or transliteration variants ("Orbán" → "orban", "Zelenskyy" → "zelensky"), and the SQL test of a
stored key against what a user typed (a word-start prefix, all the words, or the surname alone)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from sqlalchemy import ColumnElement, and_, exists, literal, or_

# Words that only introduce a name ("the US president", "The Hague"): dropped at the start.
LEADING_WORDS = frozenset({"the"})
_WORD = re.compile(r"\w+")
_DOUBLED = re.compile(r"(\w)\1+")
_POSSESSIVE = re.compile(r"['’]s\b")


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[int, str], tuple[tuple[str, str], ...]]:
    text = resources.files("storyline.data").joinpath("store_name_spellings.tsv").read_text(encoding="utf-8")
    letters: dict[int, str] = {}
    endings: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, written, read_as = line.split("\t")
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
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(letters))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = [_fold(word, endings) for word in _WORD.findall(_POSSESSIVE.sub("", plain))]
    while words and words[0] in LEADING_WORDS:
        words = words[1:]
    return " ".join(words)


def _fold(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    word = _DOUBLED.sub(r"\1", word.replace("_", ""))
    for written, read_as in endings:
        if word.endswith(written) and len(word) > len(written) + 1:
            return word[: -len(written)] + read_as
    return word


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    text = resources.files("storyline.data").joinpath("store_name_titles.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def padded(key: str) -> str:
    """The key as stored: with a space on each side, so words can be matched whole."""
    return f" {key} "


def matches(column, query: str, same_names) -> ColumnElement[bool] | None:
    """Whether a stored padded key matches ``query``: a word of it starts the query's words
    ("Orb", "Viktor Orbán"), it has all of the query's words ("Trump Donald"), or it is part of the
    query and has the query's last word, the surname ("Donald Trump" finds "Trump"), unless another
    name of the same person contradicts the query's first names ("Melania Trump" is not "Donald
    Trump"). ``same_names(alias)`` selects the other names of the row's person from a table alias,
    returning (condition, alias's name column). None when the query has no words."""
    key = name_key(query)
    if not key:
        return None
    words = key.split()
    surname = words[-1]
    # keys hold only letters, digits and spaces, so they need no LIKE escaping
    part_of_query = and_(column.like(f"% {surname} %"), literal(padded(key)).like("%" + column + "%"))
    given = [w for w in words[:-1] if len(w) > 1 and w not in _titles()]
    if given:
        same_person, other = same_names()
        contradicted = exists().where(
            same_person, other.like(f"% {surname} %"), ~literal(padded(key)).like("%" + other + "%"),
            ~or_(*[other.like(f"% {w} %") for w in given]))
        part_of_query = and_(part_of_query, ~contradicted)
    return or_(
        column.like(f"% {key}%"),
        and_(*[column.like(f"% {word} %") for word in words]),
        part_of_query,
    )
