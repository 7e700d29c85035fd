"""Split one model entity into the names it really holds: "World Health Organization (WHO" is a name and
its abbreviation; "Oilers 2 Flames 1" is a score line naming two teams."""

from __future__ import annotations

from spacy.tokens import Doc

_OPENERS = {"(", "["}
_CLOSERS = {")", "]"}
_LIST_JOINERS = {",", "and", "&"}


def is_score(doc: Doc, i: int) -> bool:
    """A number right after a capitalised word: the "2" of "Oilers 2"."""
    return i > 0 and doc[i].like_num and doc[i - 1].is_title


def _is_score_line(doc: Doc, start: int, end: int) -> bool:
    """Two or more "<Team> <score>" pairs, as in "Oilers 2 Flames 1" ("Delta 4 Heavy" has one)."""
    return sum(is_score(doc, i) for i in range(start, end)) >= 2


def _in_html_entity(doc: Doc, i: int) -> bool:
    """A leaked HTML entity such as "&mdash;" (tokens "&", "mdash"), unlike "Johnson & Johnson"."""
    def opens(j: int) -> bool:
        return (doc[j].text == "&" and not doc[j].whitespace_ and j + 1 < len(doc)
                and doc[j + 1].is_alpha and doc[j + 1].is_lower)
    return opens(i) or (i > 0 and opens(i - 1))


def name_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The token ranges of the names inside the entity ``[start, end)``: split at brackets, leaked HTML
    entities ("MOSCOW &mdash;"), and the scores and joiners of a score line; other entities come back whole."""
    scores = _is_score_line(doc, start, end)
    parts: list[tuple[int, int]] = []
    part_start = start
    for i in range(start, end):
        text = doc[i].text
        separator = text in _OPENERS or text in _CLOSERS or _in_html_entity(doc, i) or (
            scores and (is_score(doc, i) or text.lower() in _LIST_JOINERS))
        if separator:
            if part_start < i:
                parts.append((part_start, i))
            part_start = i + 1
    if part_start < end:
        parts.append((part_start, end))
    return parts
