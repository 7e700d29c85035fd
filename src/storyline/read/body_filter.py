"""Drop the blocks of an extracted body that are not article text: the headline repeated, boilerplate
lines, navigation cells of layout tables, and short lines repeated on the page."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .boilerplate import boilerplate_reason, is_sentence, normalise, word_count


class Piece(NamedTuple):
    """One block of an extracted body before filtering."""

    kind: str
    text: str
    in_table: bool = False
    verbatim: bool = False  # code and preformatted text: kept as it is, never judged as a line


TABLE_CELL_MIN_WORDS = 8  # a layout-table cell shorter than this, and not a sentence, is navigation


def _same_as_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    words, title_words = set(normalise(text).split()), set(normalise(title).split())
    return bool(words) and len(words & title_words) >= 0.8 * max(len(words), 1) and len(words) <= len(title_words) + 3


def filter_blocks(pieces: list[Piece], *, title: str | None, stamps: list[str] | None = None) -> list[tuple[str, str]]:
    """The (kind, text) pieces that are article text, in order.

    Boilerplate lines dropped before the third kept block go to ``stamps``: datelines and bylines sit there.
    """
    counts = Counter(normalise(p.text) for p in pieces)
    kept: list[tuple[str, str]] = []
    for index, (kind, text, in_table, verbatim) in enumerate(pieces):
        words = word_count(text)
        if words == 0:
            continue
        if verbatim:
            kept.append((kind, text))
            continue
        if index < 3 and not kept and _same_as_title(text, title):
            continue
        if boilerplate_reason(text):
            if stamps is not None and len(kept) < 3:
                stamps.append(text)
            continue
        if in_table and words < TABLE_CELL_MIN_WORDS and not is_sentence(text):
            continue
        # a short line repeated on the page is navigation, unless it is a heading (the table of contents repeats it)
        if counts[normalise(text)] > 1 and words < TABLE_CELL_MIN_WORDS and not is_sentence(text) and kind != "heading":
            continue
        kept.append((kind, text))
    return kept
