"""Names that are organisations whatever the model called them: teams in score lines ("Wild 4 Coyotes 1"),
clubs with a plural verb ("Bolton have rejected"), newspapers named after places ("Belfast Telegraph")."""

from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mentions import Candidate
from .parts import is_score

_RULED = 3  # votes of a type set by a rule (see Cluster.add)
_PLURAL_PRESENT = "VBP"  # "are", "have": a singular name with a plural verb is a team or club


def _title_run_start(doc: Doc, end: int) -> int:
    start = end
    while start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha:
        start -= 1
    return start


def score_teams(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the teams in "<Team> <score> <Team> <score>" results."""
    teams: set[tuple[int, int]] = set()
    for i, token in enumerate(doc):
        if not is_score(doc, i) or token.ent_type_ in ("DATE", "TIME"):
            continue
        end = i + 1
        while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end > i + 1 and end < len(doc) and is_score(doc, end):
            teams |= {(_title_run_start(doc, i), i), (i + 1, end)}
    return sorted(teams)


def _has_plural_verb(doc: Doc, c: Candidate) -> bool:
    """ "Chelsea are hoping": a one-word singular name, alone, as the subject of a plural verb."""
    token = doc[c.start]
    if c.end - c.start != 1 or token.tag_ != "NNP" or token.dep_ != "nsubj":
        return False
    if any(child.dep_ == "conj" for child in token.children):
        return False  # "Trump and Putin are"
    verb = token.head
    return verb.tag_ == _PLURAL_PRESENT or any(
        child.dep_ == "aux" and child.tag_ == _PLURAL_PRESENT for child in verb.children)


def retype_organisations(doc: Doc, lex: Lexicon, names: list[Candidate]) -> list[Candidate]:
    """Make teams, clubs and newspapers among ``names`` organisations (a ruled type, so it outvotes the
    model in the cluster); return the score-line teams no name covers yet."""
    teams = score_teams(doc)
    team_words = {doc[end - 1].text for _, end in teams}
    for c in names:
        if c.type == "PLATFORM":
            continue
        last = doc[c.end - 1]
        is_media = c.end - c.name_start > 1 and last.lower_ in lex.media_nouns
        if last.text in team_words or is_media or _has_plural_verb(doc, c):
            c.type, c.type_votes = "ORG", _RULED
    covered = {i for c in names for i in range(c.start, c.end)}
    return [Candidate(start, end, "ORG", "name", start, type_votes=_RULED) for start, end in teams
            if not covered.intersection(range(start, end))]
