"""Load the quote stage's word lists (cue verbs, channels, role nouns) from ``storyline/data``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import lexicons


def _rows(name: str) -> list[list[str]]:
    return lexicons.rows(name)


@dataclass(frozen=True)
class QuoteLexicon:
    cues: dict[str, frozenset[str]]  # lemma -> tags (infinitive, belief, write)
    channels: tuple[tuple[str, str], ...]  # (lowercase phrase, channel name), most specific first
    roles: frozenset[str]  # nouns for a person: president, spokesperson, coach
    proxies: frozenset[str]  # nouns someone speaks through: statement, post, office
    org_nouns: frozenset[str]  # nouns for an organisation: company, department
    noun_cues: frozenset[str]  # nouns reporting speech before a that-clause: claim, allegation
    link_labels: frozenset[str]  # labels of lines linking to other stories: read more, watch
    first_names: dict[str, str]  # lower-case first name -> "f" | "m", for people the article never gendered


@lru_cache(maxsize=1)
def lexicon() -> QuoteLexicon:
    """The quote word lists, read once per process."""
    cues = {row[0]: frozenset(row[1].split()) if len(row) > 1 else frozenset()
            for row in _rows("quotes_cues.txt")}
    channels = [(row[0], row[1]) for row in _rows("quotes_channels.txt")]
    words = {name: frozenset(row[0] for row in _rows(f"quotes_{name}.txt"))
             for name in ("roles", "proxies", "org_nouns", "noun_cues", "link_labels")}
    first_names = {row[0]: row[1] for row in _rows("quotes_first_names.tsv") if len(row) > 1}
    return QuoteLexicon(cues=cues, channels=tuple(channels), first_names=first_names, **words)
