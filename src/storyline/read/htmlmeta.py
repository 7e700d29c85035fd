"""Metadata signals of a parsed HTML page: meta tags, JSON-LD scripts, title, canonical link, language, <time> and date microdata."""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta

from . import jsonld
from .blocks import clean_line
from .metadata import PageSignals

MAX_HEADINGS = 40  # headings (per level) and author links kept: a headline and a byline are near the top


_SIDEBAR_TAGS = {"aside", "nav", "footer"}
_SIDEBAR = re.compile(r"side|related|teaser|widget|recommend|popular|comment|footer|trending|latest|more|promo|list|card", re.I)
_DATE_ITEMPROPS = {"datepublished", "datemodified"}
_ITEMPROPS = XPath("//@itemprop")  # the attribute axis: faster than testing every element
HEADER_REACH = 4  # a <time> sharing a container this close with the <h1> sits in the article's header


def _place(element: HtmlElement, headline: HtmlElement | None) -> str:
    """Where an element sits: ``sidebar`` (aside, nav, footer, related lists), ``header`` (beside the <h1>), else ``page``."""
    ancestors = list(element.iterancestors())
    for node in ancestors:
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in _SIDEBAR_TAGS or _SIDEBAR.search(marks):
            return "sidebar"
    if headline is not None and any(headline in node.iterdescendants("h1") for node in ancestors[:HEADER_REACH]):
        return "header"
    return "page"


def _trafilatura_meta(tree: HtmlElement) -> dict[str, str]:
    """trafilatura's reading of the meta tags (author, sitename, title): one more evidence source, cheap."""
    try:
        found = examine_meta(tree)
    except Exception:  # noqa: BLE001 - a library failure only loses this source
        return {}
    return {key: value for key in ("author", "sitename", "title") if isinstance(value := getattr(found, key, None), str) and value}


def page_signals(tree: HtmlElement) -> PageSignals:
    """Collect the metadata signals of ``tree`` (not modified)."""
    signals = PageSignals()
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content:
            signals.meta.setdefault(key, []).append(content)
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = jsonld.loads_tolerant(script.text or "")
        if data is None:
            signals.jsonld_broken += 1
            continue
        signals.jsonld_documents.append(data)
    title = tree.find(".//title")
    if title is not None and title.text:
        signals.title_tag = clean_line(title.text)
    for level in ("h1", "h2"):
        for heading in tree.iter(level):
            text = clean_line(heading.text_content())
            if text and len(signals.headings) < MAX_HEADINGS:
                signals.headings.append((level, text))
    signals.h1 = next((text for level, text in signals.headings if level == "h1"), None)
    for anchor in tree.iter("a"):
        if "author" in (anchor.get("rel") or "").lower().split() and len(signals.rel_authors) < MAX_HEADINGS:
            text = clean_line(anchor.text_content())
            # a one-word link text is a user name only when the link leads to it ("/users/QuayWriter"), not "About"
            handle = " " not in text and text.casefold() in (anchor.get("href") or "").casefold()
            if text and (" " in text or handle) and text not in signals.rel_authors:
                signals.rel_authors.append(text)
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            signals.canonical = link.get("href").strip()
            break
    signals.trafilatura = _trafilatura_meta(tree)
    signals.lang = (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    headline = next(tree.iter("h1"), None)
    # <time> elements, then any other element (not <meta>) whose microdata states the article's dates
    microdata = [el for prop in _ITEMPROPS(tree) if prop.strip().lower() in _DATE_ITEMPROPS
                 and (el := prop.getparent()).tag not in ("meta", "time")]
    for el in [*tree.iter("time"), *microdata]:
        value = el.get("datetime") or el.get("content")
        if value:
            hint = " ".join(filter(None, (el.get("itemprop"), el.get("class"), el.get("pubdate") is not None and "pubdate",
                                          el.tag != "time" and "microdata")))
            signals.times.append((value.strip(), f"{hint.lower()} @{_place(el, headline)}"))
    return signals
