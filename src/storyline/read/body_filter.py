"""Drop the blocks of an extracted body that are not article text: the headline repeated, boilerplate
lines and datelines, navigation cells of layout tables, short lines repeated on the page, and a trailing
run of teasers and menus after the last paragraph of prose."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .boilerplate import boilerplate_reason, is_prose, is_sentence, normalise, prose_weight, word_count
from .dates import is_dateline


class Piece(NamedTuple):
    """One block of an extracted body before filtering."""

    kind: str
    text: str
    in_table: bool = False
    verbatim: bool = False  # code and preformatted text: kept as it is, never judged as a line


TABLE_CELL_MIN_WORDS = 8  # a layout-table cell shorter than this, and not a sentence, is navigation
_BULLETS = frozenset("*-•·–—▪►")
TAIL_MIN_BLOCKS = 5  # a trailing run of non-prose blocks is cut only when it is this long: teaser lists, menus


def _same_as_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    words, title_words = set(normalise(text).split()), set(normalise(title).split())
    return bool(words) and len(words & title_words) >= 0.8 * max(len(words), 1) and len(words) <= len(title_words) + 3


def filter_blocks(pieces: list[Piece], *, title: str | None, stamps: list[str] | None = None) -> list[tuple[str, str]]:
    """The (kind, text) pieces that are article text, in order.

    Boilerplate lines and datelines dropped before the third kept block go to ``stamps``: the caller reads the
    page's date and byline from them.
    """
    counts = Counter(normalise(p.text) for p in pieces)
    kept: list[tuple[str, str]] = []
    verbatim_kept: set[int] = set()  # code and data-table cells: never teasers
    for index, (kind, text, in_table, verbatim) in enumerate(pieces):
        words = word_count(text)
        if words == 0:
            continue
        if verbatim:
            verbatim_kept.add(len(kept))
            kept.append((kind, text))
            continue
        # the headline repeated above the first paragraph (a section label may come before it)
        if index < 5 and not any(is_prose(t) for _, t in kept) and _same_as_title(text, title):
            continue
        if boilerplate_reason(text) or (len(kept) < 3 and kind != "heading" and is_dateline(text)):
            if stamps is not None and len(kept) < 3:
                stamps.append(text)
            continue
        if in_table and words < TABLE_CELL_MIN_WORDS and not is_sentence(text):
            continue
        # a short line repeated on the page is navigation, unless it is a heading (the table of contents repeats it)
        if counts[normalise(text)] > 1 and words < TABLE_CELL_MIN_WORDS and not is_sentence(text) and kind != "heading":
            continue
        kept.append((kind, text))
    return _without_teaser_tail(kept, verbatim_kept)


def _in_list(block: tuple[str, str]) -> bool:
    kind, text = block
    return kind == "list_item" or text.lstrip()[:1] in _BULLETS


def _without_teaser_tail(kept: list[tuple[str, str]], verbatim: set[int]) -> list[tuple[str, str]]:
    """The blocks up to where the article's prose ends, when a long run of teasers and menus follows it.

    The cut is where the running sum of prose weights (prose adds its words, other lines cost) peaks; a tail
    that opens with a list (the article's own, introduced by its last paragraph) or holds any prose (a
    hard-wrapped article), code or a data table is not cut.
    """
    total, best, end = 0.0, 0.0, len(kept)
    for index, (_, text) in enumerate(kept):
        total += prose_weight(text)
        if total > best:
            best, end = total, index + 1
    tail = kept[end:]
    if len(tail) < TAIL_MIN_BLOCKS or _in_list(tail[0]) or any(is_prose(text) for _, text in tail) or max(verbatim, default=-1) >= end:
        return kept
    return kept[:end]
