"""Scraped text dumps → Article: lift leaked JSON-LD, drop code and boilerplate, find the article's lines.

A dump is every text node of a page, one per line (sometimes paragraphs separated by blank lines): menus,
scripts, JSON-LD, captions and comments mixed with the article. The article is the densest run of
prose lines; short lines inside it are kept when they are fragments of a sentence (inline links).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..model import Article, Caption, Evidence, Media
from . import dates, jsonld
from .blocks import assemble, clean_line
from .boilerplate import (
    boilerplate_reason,
    gap_cost,
    is_prose,
    is_sentence,
    normalise,
    prose_weight,
    word_count,
)
from .captions import has_credit, split_credit
from .dumpcode import code_lines
from .lexicon import load
from .media import media_from_jsonld
from .metadata import PageSignals, fill_metadata
from .sitename import guess_site

_LOWER_START = re.compile(r"^[a-z,.;:)\]’”'\"!?%-]")
DATELINE_REACH = 3  # lines before and after the article's start searched for a dateline
FIGURE_MAX_LINES = 3  # a blank-line group this small around a credited caption is one picture's texts


@dataclass
class Unit:
    """One line of the dump (fragments of one sentence joined), with its paragraph group."""

    text: str
    group: int
    first_line: int
    opening: str = ""  # the first line alone, before fragments were joined to it

    def __post_init__(self) -> None:
        self.opening = self.opening or self.text

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def prose(self) -> bool:
        return is_prose(self.text)


def _lift_jsonld(text: str) -> tuple[list, str]:
    """The JSON-LD documents leaked into the text, and the text without them."""
    documents = []
    pieces = []
    last = 0
    for start, end, data in jsonld.find_objects(text):
        documents.append(data)
        pieces.append(text[last:start])
        pieces.append("\n\n")
        last = end
    pieces.append(text[last:])
    return documents, "".join(pieces)


def _units(text: str) -> list[Unit]:
    """Lines grouped by blank lines, code dropped, sentence fragments joined."""
    raw_lines: list[tuple[str, int]] = []
    group = 0
    for line in text.splitlines():
        if not line.strip():
            group += 1
            continue
        raw_lines.append((clean_line(line), group))
    mask = code_lines([line for line, _ in raw_lines])
    units: list[Unit] = []
    for index, ((line, grp), is_code) in enumerate(zip(raw_lines, mask, strict=True)):
        if is_code:
            continue
        previous = units[-1] if units else None
        if previous and previous.group == grp and previous.first_line >= index - 8 and _continues(previous.text, line):
            previous.text = f"{previous.text} {line}"
        else:
            units.append(Unit(line, grp, index))
    return units


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the sentence of ``previous`` (an inline link or emphasis split it)."""
    if is_sentence(previous) and not _LOWER_START.match(line):
        return False
    if _LOWER_START.match(line):
        return True
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.strip() else ""
    return last_word in _function_words() or previous.endswith(("“", "‘", "(", ","))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(load("function_words"))


@cache
def _comment_markers() -> frozenset[str]:
    return frozenset(load("comment_markers"))


def _comments_start(units: list[Unit], start: int, end: int) -> int:
    """Where a comments section opens inside the run [start, end), after most of the article; else ``end``."""
    total = sum(u.words for u in units[start:end] if u.prose)
    seen = 0
    for index in range(start, end):
        unit = units[index]
        if unit.prose:
            seen += unit.words
        elif seen >= 0.4 * total and normalise(unit.text).rstrip(":") in _comment_markers():
            return index
    return end


def _best_run(values: list[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _value(unit: Unit, repeated: bool) -> float:
    """What a line adds to a run: a line repeated on the page is navigation, whatever it says."""
    return gap_cost(unit.text) if repeated else prose_weight(unit.text)


def _article_run(units: list[Unit]) -> tuple[int, int, list[bool]]:
    """[start, end) of the article's lines, and which lines repeat elsewhere on the page."""
    counts = Counter(normalise(u.text) for u in units)
    repeated = [counts[normalise(u.text)] > 1 for u in units]
    start, end = _best_run([_value(u, r) for u, r in zip(units, repeated, strict=True)])
    return start, _comments_start(units, start, end), repeated


def article_lines(text: str) -> list[str]:
    """The article's lines in a dump-like text, without captions, boilerplate or repeated short lines."""
    units = _units(text)
    start, end, repeated = _article_run(units)
    return [
        u.text for u, r in zip(units[start:end], repeated[start:end], strict=True)
        if not has_credit(u.text) and not (r and not u.prose) and not boilerplate_reason(u.text)
    ]


def read_textdump(text: str, article: Article, *, url: str | None, fetched_at: str | None) -> Article:
    """Fill ``article`` from a scraped text dump."""
    documents, text = _lift_jsonld(text)
    units = _units(text)
    start, end, repeated = _article_run(units)
    signals = PageSignals(jsonld_documents=documents)
    if units and start > 0 and units[0].words <= 25 and not units[0].prose:
        signals.title_tag = units[0].opening  # a dump starts with the page's <title> or headline
    body: list[tuple[str, str]] = []
    captions: list[Caption] = []
    figures: list[Media] = []
    self_references: list[str] = []
    groups = Counter(u.group for u in units)
    for index in range(start, end):
        unit = units[index]
        if has_credit(unit.text):
            caption_text, credit = split_credit(unit.text)
            captions.append(Caption(caption_text, credit, Evidence("caption", 0.85, reason="line with a picture credit")))
            # the other lines of its paragraph group describe the same picture (its alt text)
            for other in units[start:end]:
                if other.group == unit.group and other is not unit and 1 < groups[unit.group] <= FIGURE_MAX_LINES:
                    figures.append(Media("ImageObject", description=other.text,
                                         evidence=Evidence("caption", 0.7, reason="text beside a captioned picture")))
            continue
        if repeated[index] and not unit.prose:
            continue
        if boilerplate_reason(unit.text):
            self_references.append(unit.text)
            continue
        body.append(("paragraph", unit.text))
    figure_texts = {m.description for m in figures}
    body = [(kind, t) for kind, t in body if t not in figure_texts]
    article.media = media_from_jsonld([(d, Evidence("json-ld", 0.8, reason="JSON-LD leaked into the text")) for d in documents]) + figures
    article.captions = captions
    extra = [s for m in article.media if m.upload_date and (s := dates.signal(m.upload_date, "bound", "media", 0.5, f"{m.type} uploadDate"))]
    extra += _caption_dates(captions + [Caption(m.description or "") for m in figures])
    # a dateline sits just above the article's first paragraph (or among its first lines)
    around_start = units[max(0, start - DATELINE_REACH):start + DATELINE_REACH]
    extra += dates.dateline_signals([u.text for u in around_start])
    fill_metadata(article, signals, url=url, extra_dates=extra, fetched_at=fetched_at)
    if not article.publisher or article.evidence["publisher"].source == "url":  # the page naming itself beats its host
        _set_publisher(article, self_references, [m.content_url or m.thumbnail_url or "" for m in article.media], signals.title_tag)
    if article.title:
        body = [(kind, t) for kind, t in body if normalise(t) != normalise(article.title)]
    article.text, article.blocks = assemble(body)
    if sum(b.text.count(" ") + 1 for b in article.blocks) < 40:
        article.flags.append("no_article")
    article.evidence["text"] = Evidence("textdump", 0.8, reason="densest run of prose lines; code, JSON-LD, captions and boilerplate removed")
    return article


def _set_publisher(article: Article, self_references: list[str], media_urls: list[str], title: str | None) -> None:
    guess = guess_site(self_references, media_urls, title)
    if guess:
        article.publisher = guess[0]
        article.evidence["publisher"] = Evidence("body", 0.5, reason=guess[1])


def _caption_dates(captions: list[Caption]) -> list[dates.DateSignal]:
    """Dates named in captions: the pictured event happened by then, so they bound the publication date."""
    return [sig for caption in captions for sig in dates.signals_in_text(caption.text, "bound", "caption", 0.4, "date named in a caption")]
