"""Drop the blocks of an extracted body that are not article text: the headline repeated, boilerplate
lines and datelines, navigation cells of layout tables, short lines repeated on the page, the numbered slides
of a gallery, and a trailing run of teasers and menus after the last paragraph of prose."""

from __future__ import annotations

import re
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


TABLE_CELL_MIN_WORDS = 16  # a layout-table cell (or a line repeated on the page) shorter than this, and not a sentence, is
# navigation; 8 → 16 and TAIL_MIN_BLOCKS 5 → 2 chosen on L3S-GN1 alone (both halves agree), Readability not consulted
_BULLETS = frozenset("*-•·–—▪►")
_SLIDE = re.compile(r"^\s*(\d{1,3})\s*(?:/|of)\s*(\d{1,3})\b(?![/.:-]\d)")  # "3/50", "3 / 50", "3 of 50" opening a slide's caption
SLIDES_MIN = 3  # numbered blocks in a row before they are read as a gallery
SLIDE_MAX_BLOCKS = 3  # a slide is its number, a title and a caption: more blocks per number is not a gallery
TAIL_MIN_BLOCKS = 2  # a trailing run of non-prose blocks is cut only when it is this long: teaser lists, menus


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
        # or leads into a paragraph of prose (a subheading written as a bold line): a menu item is followed by menu items
        leads_prose = index + 1 < len(pieces) and is_prose(pieces[index + 1].text)
        if counts[normalise(text)] > 1 and words < TABLE_CELL_MIN_WORDS and not is_sentence(text) and kind != "heading" and not leads_prose:
            continue
        kept.append((kind, text))
    kept, verbatim_kept = _without_slides(kept, verbatim_kept)
    return _without_teaser_tail(kept, verbatim_kept)


def _slide_number(text: str) -> tuple[int, int] | None:
    match = _SLIDE.match(text)
    if not match:
        return None
    number, total = int(match.group(1)), int(match.group(2))
    return (number, total) if 1 <= number <= total else None


def _without_slides(kept: list[tuple[str, str]], verbatim: set[int]) -> tuple[list[tuple[str, str]], set[int]]:
    """The blocks without a gallery's slides: a run of blocks numbered 1/N, 2/N, 3/N… (a slideshow of pictures
    and their captions, often of other stories) that sits in the article's container.

    The run goes from the first numbered block to the last, and the last slide keeps as many blocks after its
    number as the slides have on average; it is cut only when its numbers follow each other and fill the run.
    """
    numbered = [(i, n) for i, (_, text) in enumerate(kept) if (n := _slide_number(text))]
    by_total: dict[int, list[tuple[int, int]]] = {}
    for i, (number, total) in numbered:
        by_total.setdefault(total, []).append((i, number))
    drop: set[int] = set()
    for slides in by_total.values():
        numbers = [number for _, number in slides]
        if len(slides) < SLIDES_MIN or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            continue
        first, last = slides[0][0], slides[-1][0]
        per_slide = (last - first + 1) / len(slides)
        if per_slide > SLIDE_MAX_BLOCKS:
            continue
        drop.update(range(first, min(len(kept), last + round(per_slide))))
    if not drop:
        return kept, verbatim
    index = [i for i in range(len(kept)) if i not in drop]
    return [kept[i] for i in index], {new for new, old in enumerate(index) if old in verbatim}


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
