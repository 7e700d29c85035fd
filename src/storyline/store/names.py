"""Finding people and organisations by name in the store: name keys without case, accents, punctuation
or transliteration variants ("Orbán" → "orban", "Zelenskyy" → "zelensky"), and the SQL test of a
stored key against what a user typed (a word-start prefix, all the words, the surname alone, or a role)."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import ColumnElement, and_, exists, false, literal, or_

from .. import lexicons
from ..names import name_key

# A typed word starts longer names only from this length ("Orb" → "Orbán"; "US" is never "Ushakov").
PREFIX_MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return lexicons.words("names_titles.txt")


def padded(key: str) -> str:
    """The key as stored: with a space on each side, so words can be matched whole."""
    return f" {key} "


def role_matches(roles: list[str] | None, query: str) -> bool:
    """Whether one of an entity's roles holds the query's words in a row ("spokesperson" is the role
    "White House spokesperson", "the Secretary of State" is "US Secretary of State")."""
    key = name_key(query)
    return bool(key) and any(padded(key) in padded(name_key(role)) for role in roles or [])


def _prefix(column, key: str) -> ColumnElement[bool]:
    """A word of the stored key starts with the query's last word, when that word is long enough and
    no stored name has it as a whole word: then the user typed a word, not the start of one ("US")."""
    last = key.split()[-1]
    if len(last) < PREFIX_MIN_LETTERS:
        return false()
    table = getattr(column.table, "element", column.table)  # the table behind an alias
    other = table.alias().c[column.key]
    return and_(column.like(f"% {key}%"), ~exists().where(other.like(f"% {last} %")))


def matches(column, query: str, same_names) -> ColumnElement[bool] | None:
    """Whether a stored padded key matches ``query``: a word of it starts the query's words
    ("Orb", "Viktor Orb", see :func:`_prefix`), it has all of the query's words ("Trump Donald"), or it is part of the
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
        _prefix(column, key),
        and_(*[column.like(f"% {word} %") for word in words]),
        part_of_query,
    )


def key_matches(names: list[str], query: str, known_words: set[str]) -> bool:
    """The rules of :func:`matches` for names held in memory (entities not linked across articles):
    ``known_words`` are the whole words of every name the query is tried against."""
    key = name_key(query)
    if not key:
        return False
    words = key.split()
    surname, query = words[-1], padded(key)
    keys = [padded(name_key(n)) for n in names]
    given = [w for w in words[:-1] if len(w) > 1 and w not in _titles()]
    # another name of this person with the surname but other first names ("Melania Trump")
    contradicted = any(f" {surname} " in k and k not in query and not any(f" {w} " in k for w in given)
                       for k in keys) if given else False
    for stored in keys:
        if stored.strip() and (
            (len(surname) >= PREFIX_MIN_LETTERS and surname not in known_words and f" {key}" in stored)
            or all(f" {w} " in stored for w in words)
            or (f" {surname} " in stored and stored in query and not contradicted)
        ):
            return True
    return False
