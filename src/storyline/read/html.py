"""HTML → Article: metadata, media and captions from a tree parsed once; trafilatura finds the body on the
same tree (fast mode, its full cascade for short bodies); boilerplate left in the body is dropped block by
block; a page whose markup defeats the parser is read as a text dump."""

from __future__ import annotations

import re
import warnings
from collections import Counter, deque

from htmldate import find_date
from lxml.etree import _Element, iterwalk, strip_elements
from lxml.html import HtmlElement
from trafilatura.core import bare_extraction
from trafilatura.utils import load_html

from ..model import Article, Caption, Evidence
from . import body_filter, dates
from .authors import clean_authors
from .blocks import assemble, clean_line
from .body_captions import with_captions
from .body_filter import Piece
from .boilerplate import normalise, word_count
from .captions import split_credit
from .embeds import embedded_media
from .htmlmeta import page_signals
from .htmltext import html_to_dump
from .media import media_from_jsonld
from .metadata import fill_metadata, settle_dates
from .textdump import article_lines

_BLOCK_KIND = {"p": "paragraph", "head": "heading", "item": "list_item", "quote": "blockquote", "cell": "paragraph"}
_CONTAINERS = {"body", "div", "list", "table", "row", "quote", "cell", "tr", "td", "section"}
HTMLDATE_CONFIDENCE = 0.6  # htmldate reads the same markup plus the page's text; tuned on even files of the dates set
MIN_ARTICLE_WORDS = 40  # fewer body words than this: a page with no article
FULL_EXTRACTION_BELOW_WORDS = 150  # a body this short from the fast pass gets trafilatura's full cascade
PROSE_CELL_SENTENCES = 3  # a layout-table cell with fewer long sentences holds menus, stamps and teasers
PROSE_CELL_WORDS = 150  # ... unless it is long: a list-like article (release notes) has no sentences
# a visible byline: "By …", "Author: …", and the same in the dev languages ("Von …", "Par …", "Por …", "Autor: …")
_BYLINE = re.compile(r"^\s*(?:by|written by|words by|authors?\s*:|autor(?:in)?\s*:|von|par|por|texte?\s*:)\s+[^\W\d_]", re.I)
BYLINE_MAX_WORDS = 12
_SENTENCE_SPLIT = re.compile(r"[.!?]\s+")
_SPACED = {"head", "p", "item", "list", "quote", "cell", "row", "div", "table"}
_CLOSED = re.compile(r"</(?:html|body)\s*>", re.I)


def parse(html: str) -> HtmlElement | None:
    """The page as an lxml tree, or None when nothing parseable is left."""
    return load_html(html)


def _is_data_table(table: _Element) -> bool:
    """A table of data (rows of equal width, or a header row), as opposed to a page-layout table."""
    rows = [r for r in table if r.tag == "row"]
    if any(c.get("role") == "head" for r in rows[:2] for c in r):
        return True
    widths = {sum(1 for c in r if c.tag == "cell") for r in rows}
    nested = any(c.tag in ("table", "list") for r in rows for cell in r for c in cell)
    return len(rows) >= 3 and len(widths) == 1 and widths != {1} and not nested


def _holds_prose(cell: _Element) -> bool:
    """Whether a table cell holds running prose (several sentences of ten words or more): an article, not a menu."""
    text = " ".join(cell.itertext())
    sentences = _SENTENCE_SPLIT.split(text)
    long_sentences = sum(1 for sentence in sentences if word_count(sentence) >= 10)
    return long_sentences >= PROSE_CELL_SENTENCES or word_count(text) >= PROSE_CELL_WORDS


def _pieces(element: _Element, in_table: bool = False, in_data: bool = False) -> list[Piece]:
    """Every block of trafilatura's XML body, paragraphs split at line breaks, code kept whole.

    ``in_table`` marks blocks of page-layout tables, whose short cells are navigation; the cells of data
    tables (``in_data``) are content, kept as they are.
    """
    out: list[Piece] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        has_blocks = any(isinstance(c.tag, str) and (c.tag in _BLOCK_KIND or c.tag in _CONTAINERS) for c in child)
        data = in_data or (tag == "table" and _is_data_table(child))
        layout = not data and (in_table or tag == "table")
        if tag == "cell" and in_table:
            # only the short cells of a layout table are navigation; a cell holding the article is judged like a page
            layout = not _holds_prose(child)
        if tag in ("code", "quote"):
            out.append(Piece(_BLOCK_KIND.get(tag, "paragraph"), _text_with_breaks(child), layout, verbatim=True))
        elif tag in _CONTAINERS and (has_blocks or tag not in _BLOCK_KIND):
            if child.text and child.text.strip():
                out.append(Piece("paragraph", child.text, layout, verbatim=data))
            out.extend(_pieces(child, layout, data))
        elif tag in _BLOCK_KIND or tag in ("hi", "ref", "lb", ""):
            kind = _BLOCK_KIND.get(tag, "paragraph")
            for line in _text_with_breaks(child).split("\n"):
                if line.strip():
                    out.append(Piece(kind, line, layout, verbatim=data))
        if child.tail and child.tail.strip():
            out.append(Piece("paragraph", child.tail, in_table, verbatim=in_data))
    return out


def _text_with_breaks(element: _Element) -> str:
    """The element's text with its line breaks; nested blocks (a heading inside an item) get a space."""
    parts: list[str] = []
    # a node's tail follows the text of everything inside it: "<hi>bold <ref>link</ref></hi> tail"
    for event, node in iterwalk(element, events=("start", "end")):
        if event == "end":
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if node is not element and node.tag == "lb":
            parts.append("\n")
        elif node is not element and node.tag in _SPACED:
            parts.append(" ")
        if node.text and isinstance(node.tag, str) and (node is element or node.tag != "lb"):
            parts.append(node.text)
    return "".join(parts)


def _captions(tree: HtmlElement) -> list[Caption]:
    found: list[Caption] = []
    seen: set[str] = set()
    for el in tree.iter("figcaption"):
        raw = clean_line(el.text_content())
        if raw and raw not in seen and len(raw) < 1000:
            seen.add(raw)
            text, credit = split_credit(raw)
            found.append(Caption(text=text or raw, credit=credit, evidence=Evidence("caption", 0.9, reason="<figcaption>")))
    return found


def _words(pieces: list[tuple[str, str]]) -> int:
    return sum(word_count(text) for _, text in pieces)


def _use_stamps(article: Article, stamps: list[str]) -> None:
    """Visible bylines (beside the headline, or dropped above the body) give the authors when the metadata had none."""
    if not article.authors:
        bylines = [line for line in stamps if _BYLINE.match(line) and len(line.split()) <= BYLINE_MAX_WORDS]
        article.authors = clean_authors(bylines, site_names={article.publisher or ""})
        if article.authors:
            article.evidence["authors"] = Evidence("body", 0.7, reason=f"visible byline {bylines[0]!r}")


_INVISIBLE_TAGS = {"script", "style", "noscript", "template"}
HEADLINE_REACH = 25  # text lines after the <h1> (and a few before) where the article's dateline sits


def _headline(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The article's <h1>: the first whose text the title contains (an <h1> before it is often the site's
    logo or name), else the first."""
    headings = list(tree.iter("h1"))
    wanted = normalise(title or "")
    return next((h for h in headings if (text := normalise(h.text_content())) and wanted and text in wanted),
                headings[0] if headings else None)


def _lines_near_headline(tree: HtmlElement, title: str | None) -> list[str]:
    """The short text lines just before and after the article's <h1>: where a visible dateline sits."""
    headline = _headline(tree, title)
    if headline is None:
        return []
    before: deque[str] = deque(maxlen=50)  # raw texts, cleaned at the end: most of a page comes before its <h1>
    after: list[str] = []
    seen_headline = False
    for node in tree.iter():
        if node is headline:
            seen_headline = True
        for text in (node.text if node.tag not in _INVISIBLE_TAGS else None, node.tail):
            if not text or text.isspace():
                continue
            if not seen_headline:
                before.append(text)
            elif line := clean_line(text):
                after.append(line)
        if len(after) > HEADLINE_REACH:
            break
    return [line for text in before if (line := clean_line(text))][-5:] + after


def _visible_dates(near_headline: list[str], stamps: list[str], dayfirst: bool) -> list[dates.DateSignal]:
    """Dates written near the headline and in the stamps dropped above the body ("Datum: 03.11.2021")."""
    found = dates.dateline_signals(near_headline, dayfirst=dayfirst, confidence=0.75, where="visible date near the headline")
    return found or dates.dateline_signals(stamps, dayfirst=dayfirst)


def _htmldate_signals(tree: HtmlElement, url: str | None, *, extensive: bool) -> list[dates.DateSignal]:
    """htmldate's answer as one more weighted signal: its markup search, then (``extensive``) its search of the
    page's text, which can cost a second a page (dateparser tries every locale), so only when nothing else dates it."""
    for deep, where in ((False, "htmldate (markup search)"), (True, "htmldate (extensive search)")):
        if deep and not extensive:
            break
        try:
            with warnings.catch_warnings():  # its dateutil calls warn about zone names (EST, ZZ) on stderr
                warnings.simplefilter("ignore")
                guessed = find_date(tree, url=url, extensive_search=deep, original_date=True)
        except (ValueError, TypeError):  # htmldate fails on odd trees; its vote is then missing
            return []
        if found := dates.signal(guessed or "", "published", "htmldate", HTMLDATE_CONFIDENCE, where):
            return [found]
    return []


PAGE_TEXT_DATE_CONFIDENCE = 0.4
PAGE_TEXT_DATE_CHARS = 20_000  # an article's date is written near its top; scanning a whole long page costs more than it finds


def _page_text_dates(tree: HtmlElement, dayfirst: bool) -> list[dates.DateSignal]:
    """When nothing else dates the page: the day written most often in its visible text (the latest of a tie)."""
    found = dates.signals_in_text(tree.text_content()[:PAGE_TEXT_DATE_CHARS], "published", "body", PAGE_TEXT_DATE_CONFIDENCE,
                                  "the date written most often in the page's text", dayfirst=dayfirst)
    if not found:
        return []
    counts = Counter(s.day for s in found)
    day = max(counts, key=lambda d: (counts[d], d))
    return [next(s for s in found if s.day == day)]


def _body(tree: HtmlElement, article: Article, url: str | None, *, fast: bool, stamps: list[str]) -> list[tuple[str, str]]:
    """The article's blocks found by trafilatura (``fast``: without its fallback extractors), then filtered."""
    document = bare_extraction(tree, url=url, include_comments=False, include_tables=True, with_metadata=False, fast=fast)
    pieces = _pieces(document.body) if document is not None and document.body is not None else []
    kept = body_filter.filter_blocks(pieces, title=article.title, stamps=stamps)
    # embedded posts are media, not article text
    posts = [normalise(m.description) for m in article.media if m.type == "SocialMediaPosting" and m.description]
    return [(kind, text) for kind, text in kept if not any(normalise(text) in post for post in posts)]


def _rescue(html: str, kept: list[tuple[str, str]], article: Article) -> list[tuple[str, str]]:
    """When the extractor finds no article (often markup that defeats the parser), read the page's text as a dump."""
    rescued = [("paragraph", line) for line in article_lines(html_to_dump(html))]
    if _words(rescued) > max(_words(kept), MIN_ARTICLE_WORDS):
        article.evidence["text"] = Evidence("textdump", 0.6, reason="densest run of prose in the page's text (extractor found none)")
        return rescued
    return kept


def read_html(html: str, article: Article, *, url: str | None, fetched_at: str | None) -> Article:
    """Fill ``article`` from an HTML page."""
    cut = "truncated" in article.flags  # cut by the reader for size
    if not _CLOSED.search(html[-2000:]) and not cut:
        article.flags.append("truncated")  # the page ends before </body> or </html>
    tree = parse(html)
    kept: list[tuple[str, str]] = []
    if tree is not None:
        kept = _read_tree(tree, html, article, url=url, fetched_at=fetched_at, cut=cut)
    if _words(kept) < MIN_ARTICLE_WORDS:
        kept = _rescue(html, kept, article)
    article.text, article.blocks = assemble(kept)
    if _words(kept) < MIN_ARTICLE_WORDS:
        article.flags.append("no_article")
    return article


def _read_tree(tree: HtmlElement, html: str, article: Article, *, url: str | None, fetched_at: str | None, cut: bool) -> list[tuple[str, str]]:
    """Metadata, media and captions from the parsed page; returns the body blocks."""
    signals = page_signals(tree)
    if signals.jsonld_broken:
        article.flags.append("malformed_jsonld")
    article.media = media_from_jsonld([(d, Evidence("json-ld", 0.95, reason="JSON-LD script")) for d in signals.jsonld_documents])
    article.media += embedded_media(tree)
    article.captions = _captions(tree)
    extra = [s for m in article.media if m.upload_date and (s := dates.signal(m.upload_date, "bound", "media", 0.5, f"{m.type} uploadDate"))]
    date_signals = fill_metadata(article, signals, url=url, extra_dates=extra, fetched_at=fetched_at)
    # metadata is read: scripts and styles go before extraction (a smaller tree to copy and clean), and no
    # later date guess can read a date inside a script (only the last resort, the source's timestamps)
    dayfirst = (article.language or "en") != "en"
    near_headline = _lines_near_headline(tree, article.title)  # before the extractor prunes the tree
    own = date_signals + _visible_dates(near_headline, [], dayfirst)
    if not dates.settled(own):
        # only when the page's own signals leave the day open; htmldate reads the scripts too
        date_signals += _htmldate_signals(tree, url, extensive=False)
    strip_elements(tree, "script", "style", with_tail=False)
    stamps: list[str] = []
    # trafilatura's fast mode first; its fallback extractors (slower) only when that finds a short body
    kept = _body(tree, article, url, fast=True, stamps=stamps)
    if _words(kept) < FULL_EXTRACTION_BELOW_WORDS and not cut:
        stamps.clear()
        kept = _body(tree, article, url, fast=False, stamps=stamps)
    kept = with_captions(tree, kept)
    article.evidence["text"] = Evidence("html", 0.9, reason="main content found by trafilatura, boilerplate blocks dropped")
    _use_stamps(article, near_headline + stamps)
    date_signals += _visible_dates(near_headline, stamps, dayfirst)
    if not any(s.role == "published" for s in date_signals):
        date_signals += _page_text_dates(tree, dayfirst) or dates.source_timestamp_signals(html)
    settle_dates(article, date_signals, fetched_at=fetched_at)
    return kept
