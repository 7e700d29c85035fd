"""Load the quote stage's word lists (cue verbs, channels, role nouns) from ``storyline/data``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import lexicons

# tags of speech_lemmas.tsv that other stages read
_OTHER_STAGES_TAGS = frozenset({"cue", "subject", "reporting"})


def _rows(name: str) -> list[list[str]]:
    return lexicons.rows(name)


@dataclass(frozen=True)
class QuoteLexicon:
    cues: dict[str, frozenset[str]]  # lemma -> tags (infinitive, belief, write)
    channels: tuple[tuple[str, str], ...]  # (lowercase phrase, channel name), most specific first
    roles: frozenset[str]  # nouns for a person: president, spokesperson, coach
    role_gender: dict[str, str]  # role noun -> "f" | "m" when the noun says ("mother", "spokesman")
    proxies: frozenset[str]  # nouns someone speaks through: statement, post, office
    documents: frozenset[str]  # documents that report for their authors: study, report, poll
    org_nouns: frozenset[str]  # nouns for an organisation: company, department
    noun_cues: frozenset[str]  # nouns reporting speech before a that-clause: claim, allegation
    beliefs: frozenset[str]  # nouns for a belief standing as a speaker: "a common belief says …"
    link_labels: frozenset[str]  # labels of lines linking to other stories: read more, watch
    first_names: dict[str, str]  # lower-case first name -> "f" | "m", for people the article never gendered


@lru_cache(maxsize=1)
def lexicon() -> QuoteLexicon:
    """The quote word lists, read once per process."""
    cues = {row[0]: frozenset(row[1].split()) - _OTHER_STAGES_TAGS
            for row in _rows("speech_lemmas.tsv") if "cue" in row[1].split()}
    channels = [(row[0], row[1]) for row in _rows("quotes_channels.txt")]
    words = {name: frozenset(row[0] for row in _rows(f"quotes_{name}.txt"))
             for name in ("roles", "proxies", "documents", "org_nouns", "noun_cues", "link_labels", "beliefs")}
    first_names = {row[0]: row[1] for row in _rows("first_names.tsv") if len(row) > 1}
    role_gender = {row[0]: row[1] for row in _rows("quotes_roles.txt") if len(row) > 1}
    return QuoteLexicon(cues=cues, channels=tuple(channels), first_names=first_names, role_gender=role_gender,
                        **words)
