"""HTML → Article: trafilatura finds the body on a tree parsed once; markup metadata and captions come
from the same tree; boilerplate left in the body is dropped block by block."""

from __future__ import annotations

import re

from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.core import bare_extraction
from trafilatura.utils import load_html

from ..model import Article, Caption, Evidence
from . import body_filter, dates
from .blocks import assemble, clean_line
from .captions import split_credit
from .htmlmeta import page_signals
from .media import media_from_jsonld
from .metadata import fill_metadata

_BLOCK_KIND = {"p": "paragraph", "head": "heading", "item": "list_item", "quote": "blockquote", "cell": "paragraph"}
_CONTAINERS = {"body", "div", "list", "table", "row", "quote", "cell", "tr", "td", "section"}
MIN_ARTICLE_WORDS = 40
_CLOSED = re.compile(r"</(?:html|body)\s*>", re.I)  # fewer body words than this: a page with no article


def parse(html: str) -> HtmlElement | None:
    """The page as an lxml tree, or None when nothing parseable is left."""
    return load_html(html)


def _pieces(element: _Element, in_table: bool = False) -> list[tuple[str, str, bool]]:
    """(kind, text, in_table) for every block of trafilatura's XML body, splitting paragraphs at line breaks."""
    out: list[tuple[str, str, bool]] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        has_blocks = any(isinstance(c.tag, str) and (c.tag in _BLOCK_KIND or c.tag in _CONTAINERS) for c in child)
        if tag in _CONTAINERS and (has_blocks or tag not in _BLOCK_KIND):
            if child.text and child.text.strip():
                out.append(("paragraph", child.text, in_table or tag == "table"))
            out.extend(_pieces(child, in_table or tag in ("table", "row", "cell")))
        elif tag in _BLOCK_KIND or tag in ("code", "hi", "ref", "lb", ""):
            kind = _BLOCK_KIND.get(tag, "paragraph")
            for line in _text_with_breaks(child).split("\n"):
                if line.strip():
                    out.append((kind, line, in_table or tag == "cell"))
        if child.tail and child.tail.strip():
            out.append(("paragraph", child.tail, in_table))
    return out


def _text_with_breaks(element: _Element) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node is not element and node.tag == "lb":
            parts.append("\n")
        if node.text and (node is element or node.tag != "lb"):
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
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


def read_html(html: str, article: Article, *, url: str | None, fetched_at: str | None) -> Article:
    """Fill ``article`` from an HTML page."""
    # a page cut by the reader for size gets trafilatura's fast mode: its fallbacks would cost seconds more
    fast = "truncated" in article.flags
    if not _CLOSED.search(html[-2000:]) and not fast:
        article.flags.append("truncated")  # the page ends before </body> or </html>
    tree = parse(html)
    if tree is None:
        article.flags.append("no_article")
        return article
    signals = page_signals(tree)
    if signals.jsonld_broken:
        article.flags.append("malformed_jsonld")
    article.media = media_from_jsonld([(d, Evidence("json-ld", 0.95, reason="JSON-LD script")) for d in signals.jsonld_documents])
    article.captions = _captions(tree)
    extra = [s for m in article.media if m.upload_date and (s := dates.signal(m.upload_date, "bound", "media", 0.5, f"{m.type} uploadDate"))]
    fill_metadata(article, signals, url=url, extra_dates=extra, fetched_at=fetched_at)
    document = bare_extraction(tree, url=url, include_comments=False, include_tables=True, with_metadata=False, fast=fast)
    pieces = _pieces(document.body) if document is not None and document.body is not None else []
    kept = body_filter.filter_blocks(pieces, title=article.title)
    article.text, article.blocks = assemble(kept)
    if sum(len(b.text.split()) for b in article.blocks) < MIN_ARTICLE_WORDS:
        article.flags.append("no_article")
    article.evidence["text"] = Evidence("html", 0.9, reason="main content found by trafilatura, boilerplate blocks dropped")
    return article
