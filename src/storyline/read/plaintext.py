"""Plain text → Article: an optional ``Key: value`` header block (Title, Date, URL, Licence), then paragraphs."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ..model import Article, Evidence
from . import dates
from .blocks import assemble
from .boilerplate import is_sentence, word_count
from .detect import header_block

_PARAGRAPHS = re.compile(r"\n\s*\n")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]{2,8});", re.I)


def paragraphs(body: str) -> list[str]:
    """Paragraphs split at blank lines; a text without blank lines has one paragraph a line."""
    parts = [p for p in _PARAGRAPHS.split(body) if p.strip()]
    if len(parts) == 1 and body.count("\n") >= 2:
        parts = [line for line in body.splitlines() if line.strip()]
    return parts


def read_text(text: str, article: Article, *, url: str | None, fetched_at: str | None) -> Article:
    """Fill ``article`` from plain text."""
    headers, offset = header_block(text)
    parts = paragraphs(text[offset:])
    title = headers.get("title")
    if title:
        article.title = title
        article.evidence["title"] = Evidence("header", 0.95, reason="Title: header line")
    elif len(parts) > 1 and word_count(parts[0]) <= 20 and not is_sentence(parts[0]) and "\n" not in parts[0].strip():
        article.title = parts.pop(0).strip()
        article.evidence["title"] = Evidence("body", 0.6, reason="first line, short and not a sentence")
    header_url = headers.get("url")
    article.url = url or header_url
    if article.url:
        article.evidence["url"] = Evidence("user" if url else "header", 1.0 if url else 0.95,
                                           reason="given with the input" if url else "URL: header line")
    host = (urlsplit(article.url).hostname or "").removeprefix("www.") if article.url else ""
    if host:
        article.publisher = host
        article.evidence["publisher"] = Evidence("url", 0.4, reason="host name of the URL")
    article.licence = headers.get("licence") or headers.get("license")
    if article.licence:
        article.evidence["licence"] = Evidence("header", 0.95, reason="Licence: header line")
    if headers.get("author"):
        article.authors = [headers["author"]]
        article.evidence["authors"] = Evidence("header", 0.9, reason="Author: header line")
    signals = [s for s in (
        dates.signal(headers.get("date") or headers.get("published") or "", "published", "header", 0.95, "Date: header line"),
        dates.url_signal(article.url),
        dates.path_signal(article.source_path),
    ) if s]
    article.published, article.modified = dates.reason_dates(signals, fetched_at=fetched_at)
    if article.published:
        article.evidence["published"] = Evidence(article.published.source, article.published.confidence,
                                                 reason=article.published.reason, alternatives=article.published.alternatives)
    if any(_ENTITY.search(p) for p in parts):  # text converted from HTML or wikitext often keeps &mdash; etc.
        parts = [html.unescape(p) for p in parts]
        article.flags.append("html_entities_decoded")
    article.text, article.blocks = assemble([("paragraph", p) for p in parts])
    article.evidence["text"] = Evidence("body", 1.0, reason="paragraphs of a plain text")
    return article
