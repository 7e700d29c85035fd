"""Choose the article's metadata (title, publisher, authors, dates, language, URL, section, tags) from
the page's signals, keeping the evidence and the alternatives that lost."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..model import Article, Evidence
from . import dates, jsonld
from .authors import clean_authors
from .boilerplate import word_count

ARTICLE_TYPES = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
    "LiveBlogPosting", "BlogPosting", "Article", "Report", "TechArticle", "ScholarlyArticle", "WebPage",
)
_PUBLISHED_META = {
    "article:published_time": 0.9, "og:published_time": 0.88, "datepublished": 0.88, "pubdate": 0.85,
    "publish-date": 0.85, "publish_date": 0.85, "parsely-pub-date": 0.85, "sailthru.date": 0.8,
    "dc.date.issued": 0.8, "dcterms.created": 0.8, "dc.date": 0.45, "date": 0.45, "original-publish-date": 0.85,
    "article.published": 0.85, "cxenseparse:recs:publishtime": 0.8,
}
_MODIFIED_META = {"article:modified_time": 0.9, "og:updated_time": 0.85, "datemodified": 0.85, "dcterms.modified": 0.8,
                  "last-modified": 0.6}
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:»·-]\s+|\s+::\s+")
HEADLINE_MIN_WORDS = 3  # a shorter heading found inside the <title> may be a label ("News"), not the headline
_LETTER_WORD = re.compile(r"[^\W\d_]{3,}")  # "10°C" has none


@dataclass
class PageSignals:
    """What a page says about itself, before any choice is made (HTML fills all, a text dump only JSON-LD)."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property → contents
    jsonld_documents: list[Any] = field(default_factory=list)
    jsonld_broken: int = 0  # JSON-LD objects that stayed unparseable after repair
    title_tag: str | None = None
    h1: str | None = None
    rel_authors: list[str] = field(default_factory=list)  # texts of <a rel="author"> links
    headings: list[tuple[str, str]] = field(default_factory=list)  # (h1 | h2, text) in page order, h1s first
    canonical: str | None = None
    lang: str | None = None
    times: list[tuple[str, str]] = field(default_factory=list)  # (datetime attribute, hint: itemprop/class) of <time> and date microdata
    # what trafilatura's meta-tag reader (``examine_meta``) makes of the page: author, sitename, title
    trafilatura: dict[str, str] = field(default_factory=dict)

    def first_meta(self, *keys: str) -> tuple[str, str] | None:
        """(key, content) of the first present meta key."""
        for key in keys:
            if self.meta.get(key):
                return key, self.meta[key][0]
        return None


def _article_node(documents: list[Any]) -> dict[str, Any] | None:
    nodes = [n for doc in documents for n in jsonld.flatten(doc)]
    for kind in ARTICLE_TYPES:
        for node in nodes:
            if kind in jsonld.types_of(node):
                return node
    return None


def _pick(candidates: list[tuple[str | None, Evidence]]) -> tuple[str, Evidence] | None:
    """The first non-empty candidate; the others go into its evidence as alternatives."""
    present = [(v, e) for v, e in candidates if v]
    if not present:
        return None
    value, evidence = present[0]
    evidence.alternatives = [{"value": v, "source": e.source, "reason": e.reason} for v, e in present[1:] if v != value]
    return value, evidence


def _title_from_tag(title: str | None, site: str | None) -> str | None:
    """The <title> without its site-name segment (the longest segment that is not the site)."""
    if not title:
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p and (not site or p.lower() != site.lower())]
    return max(parts, key=len) if parts else title


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _heading_in_title(signals: PageSignals, site: str | None) -> tuple[str | None, Evidence]:
    """The longest heading (h1 or h2) that the <title> repeats: the headline, not a section label, a widget or
    the site's logo.

    A heading agrees when it is a whole segment of the <title> or a run of at least ``HEADLINE_MIN_WORDS`` of its words.
    """
    title = f" {_words(signals.title_tag or '')} "
    segments = {_words(p): p for p in _TITLE_SEPARATORS.split(signals.title_tag or "")}
    agreeing = [
        (level, text) for level, text in signals.headings
        if (words := _words(text)) and words != _words(site or "")
        and (words in segments or (word_count(text) >= HEADLINE_MIN_WORDS and f" {words} " in title))
    ]
    if not agreeing:
        return None, Evidence("html")
    level, text = max(agreeing, key=lambda heading: word_count(heading[1]))  # the first of the longest
    words = _words(text)
    # an all-capitals heading is styled; the <title> spells it in ordinary case
    value = segments[words] if text.isupper() and words in segments else text
    return value, Evidence("html", 0.9, reason=f"<{level}> repeated in <title>")


def _lone_h1(signals: PageSignals, site: str | None) -> str | None:
    """The first <h1> unless it is a label without a word (a temperature, a number) or holds the site's name."""
    h1 = signals.h1
    if not h1 or not _LETTER_WORD.search(h1) or (site and _words(site) in _words(h1)):
        return None
    return h1


def _nodes(signals: PageSignals) -> list[dict[str, Any]]:
    """Every typed JSON-LD node of the page."""
    return [n for doc in signals.jsonld_documents for n in jsonld.flatten(doc)]


def _publisher_name(node: dict[str, Any] | None) -> str | None:
    publisher = (node or {}).get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    return jsonld.text_value(publisher.get("name") if isinstance(publisher, dict) else publisher)


_HOST_PREFIX = re.compile(r"^(?:www\d?|m|mobile|amp|edition|web|news)\.")
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "or", "ne"}
SHORT_NAME_LETTERS = 4  # a domain label this short is an acronym ("dw" → "DW", "bbc" → "BBC")


def readable_domain(url: str | None) -> str | None:
    """A publisher's name from its URL's host: the registrable label, capitalised ("www.reuters.com" → "Reuters")."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = _HOST_PREFIX.sub("", host.lower()).split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    name = labels[-3] if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else labels[-2]
    if not name:
        return None
    return name.upper() if len(name) <= SHORT_NAME_LETTERS and name.isalpha() else name.replace("-", " ").title()


SITE_NAME_MAX_WORDS = 6


def _site_name(name: str | None) -> str | None:
    """A site name as a library found it, unless it is a social-media handle or a copyright line."""
    if not name or name.startswith("@") or re.search(r"©|\(c\)|copyright", name, re.I) or len(name.split()) > SITE_NAME_MAX_WORDS:
        return None
    return name


def _site_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold().removeprefix("the "))


_DATE_SEGMENT = re.compile(r"^[\d\s./:-]+$")


def strip_site_name(title: str, names: list[str]) -> str:
    """The title without a leading or trailing segment that names the site ("… - Telegraph", "… | DW | 19.01.2020").

    A segment is the site's when its letters match the publisher, the og:site_name or the URL's host label;
    a date segment beside it goes too. The title is kept whole when nothing else would be left."""
    keys = {k for n in names if n for k in (_site_key(n), _site_key(readable_domain(n) or "") if "/" in n else "") if k}
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2 or not keys:
        return title

    def is_site(part: str) -> bool:
        key = _site_key(part)
        return bool(key) and (key in keys or any(key == k.removesuffix("com") or k.startswith(key) and len(key) >= 0.6 * len(k) for k in keys))

    def trim(segments: list[str]) -> list[str]:
        while len(segments) > 1 and (is_site(segments[-1]) or (_DATE_SEGMENT.match(segments[-1]) and is_site(segments[-2]))):
            segments = segments[:-1]
        return segments

    kept = trim(parts)
    kept = list(reversed(trim(list(reversed(kept)))))
    if len(kept) == len(parts):
        return title
    # rebuild from the original text so inner separators keep their spelling
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    text = jsonld.text_value(value) or ""
    return [k.strip() for k in text.split(",") if k.strip()]


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    found = jsonld.text_value(value.get("name") if isinstance(value, dict) else value)
    return [found] if found else []


def _dayfirst(language: str | None) -> bool:
    """Numeric dates are read day first in every language the reader meets except English."""
    return (language or "en") != "en"


# where a <time> sits: in the article's header it states the article's date, in a sidebar another article's
_TIME_PLACE_CONFIDENCE = {"header": 0.85, "page": 0.6, "sidebar": 0.3}


def _date_signals(signals: PageSignals, node: dict[str, Any] | None, url: str | None, language: str | None) -> list[dates.DateSignal]:
    found: list[dates.DateSignal | None] = []
    dayfirst = _dayfirst(language)
    if node:
        found.append(dates.signal(jsonld.text_value(node.get("datePublished")) or "", "published", "json-ld", 0.95, "JSON-LD datePublished", dayfirst=dayfirst))
        found.append(dates.signal(jsonld.text_value(node.get("dateCreated")) or "", "published", "json-ld", 0.85, "JSON-LD dateCreated", dayfirst=dayfirst))
        found.append(dates.signal(jsonld.text_value(node.get("dateModified")) or "", "modified", "json-ld", 0.95, "JSON-LD dateModified", dayfirst=dayfirst))
    for table, role in ((_PUBLISHED_META, "published"), (_MODIFIED_META, "modified")):
        for key, confidence in table.items():
            for content in signals.meta.get(key, [])[:1]:
                found.append(dates.signal(content, role, "meta", confidence, f"meta {key}", dayfirst=dayfirst))
    times = [(value, hint) for value, hint in signals.times if "datemodified" not in hint]
    # many <time> elements naming different days are a list of other articles: each says little
    listing = len({value[:10] for value, _ in times}) > 2
    for index, (value, hint) in enumerate(signals.times):
        place = next((p for p in _TIME_PLACE_CONFIDENCE if f"@{p}" in hint), "page")
        confidence = _TIME_PLACE_CONFIDENCE[place] - (0.2 if listing and place != "header" else 0.0)
        element = "microdata" if "microdata" in hint else "<time>"
        if "datemodified" in hint:
            found.append(dates.signal(value, "modified", "html", 0.8, f"{element} dateModified", dayfirst=dayfirst))
        elif "datepublished" in hint or "pubdate" in hint or index == 0:
            bonus = 0.05 if ("datepublished" in hint or "pubdate" in hint) else 0.0
            found.append(dates.signal(value, "published", "html", round(confidence + bonus, 2),
                                      f"{element} in the {place}" + (" (datePublished)" if bonus else ""), dayfirst=dayfirst))
    found.append(dates.url_signal(url))
    return [s for s in found if s is not None]


def settle_dates(article: Article, found: list[dates.DateSignal], *, fetched_at: str | None) -> None:
    """Set ``published`` and ``modified`` from every date signal, with their evidence."""
    named = dates.path_signal(article.source_path)
    article.published, article.modified = dates.reason_dates(found + ([named] if named else []), fetched_at=fetched_at)
    for name in ("published", "modified"):
        value = getattr(article, name)
        if value:
            article.evidence[name] = Evidence(value.source, value.confidence, reason=value.reason, alternatives=value.alternatives)


def fill_metadata(
    article: Article,
    signals: PageSignals,
    *,
    url: str | None,
    extra_dates: list[dates.DateSignal] | None = None,
    fetched_at: str | None = None,
) -> list[dates.DateSignal]:
    """Set the article's metadata fields and their evidence from ``signals``; returns the date signals read."""
    node = _article_node(signals.jsonld_documents)
    node = node or {}
    ev = article.evidence
    meta = signals.first_meta

    def from_meta(*keys: str) -> tuple[str | None, Evidence]:
        hit = meta(*keys)
        return (hit[1], Evidence("meta", 0.85, reason=f"meta {hit[0]}")) if hit else (None, Evidence("meta"))

    site = _pick([
        (_publisher_name(node) or next((n for other in _nodes(signals) if (n := _publisher_name(other))), None),
         Evidence("json-ld", 0.95, reason="JSON-LD publisher.name")),
        from_meta("og:site_name", "application-name", "publisher", "dc.publisher"),
        (_site_name(signals.trafilatura.get("sitename")), Evidence("meta", 0.7, reason="site name found by trafilatura's meta-tag reader")),
        (readable_domain(url), Evidence("url", 0.4, reason="readable name from the host name")),
    ])
    if site:
        article.publisher, ev["publisher"] = site
    title = _pick([
        (jsonld.text_value(node.get("headline") or node.get("name")), Evidence("json-ld", 0.95, reason="JSON-LD headline")),
        from_meta("og:title", "twitter:title", "title", "dc.title"),
        _heading_in_title(signals, article.publisher),
        (_lone_h1(signals, article.publisher), Evidence("html", 0.75, reason="first <h1>")),
        (_title_from_tag(signals.title_tag, article.publisher), Evidence("html", 0.7, reason="<title> without the site name")),
    ])
    if title:
        article.title, ev["title"] = title
        cleaned = strip_site_name(article.title, [article.publisher or "", url or "", *(signals.meta.get("og:site_name") or [])])
        if cleaned != article.title:
            ev["title"].alternatives.insert(0, {"value": article.title, "source": ev["title"].source, "reason": "with the site name"})
            ev["title"].reason = f"{ev['title'].reason}, site name removed"
            article.title = cleaned
    description = _pick([
        (jsonld.text_value(node.get("description")), Evidence("json-ld", 0.8, reason="JSON-LD description")),
        from_meta("og:description", "description", "twitter:description"),
    ])
    if description:
        article.standfirst, ev["standfirst"] = description
    host = ((urlsplit(url).hostname or "") if url else "").lower()
    site_names = {article.publisher or "", host, *(signals.meta.get("og:site_name") or [])}
    author_sources = [
        ("json-ld", "JSON-LD author of the article", _names(node.get("author"))),
        ("json-ld", "JSON-LD author of another node", [n for other in _nodes(signals) for n in _names(other.get("author"))]),
        ("meta", "author meta tags", [v for key in _AUTHOR_META for v in signals.meta.get(key, [])]),
        ("meta", "authors found by trafilatura's meta-tag reader", [signals.trafilatura.get("author") or ""]),
    ]
    for source, where, raw_authors in author_sources:
        article.authors = clean_authors(raw_authors, site_names=site_names)
        if article.authors:
            ev["authors"] = Evidence(source, 0.85, reason=f"{where}, cleaned (no site name, role or date)")
            break
    if not article.authors and signals.rel_authors:
        # a rel="author" link names the writer, often by a one-word handle
        article.authors = clean_authors(signals.rel_authors, site_names={article.publisher or ""}, handles=True)
        if article.authors:
            ev["authors"] = Evidence("html", 0.8, reason='<a rel="author"> links')
    language = _pick([
        (signals.lang, Evidence("html", 0.9, reason="<html lang>")),
        (jsonld.text_value(node.get("inLanguage")), Evidence("json-ld", 0.9, reason="JSON-LD inLanguage")),
        from_meta("content-language", "og:locale", "dc.language", "language"),
    ])
    if language:
        article.language = language[0].replace("_", "-").split("-")[0].lower()
        ev["language"] = language[1]
    canonical = _pick([
        (signals.canonical, Evidence("html", 0.95, reason='<link rel="canonical">')),
        from_meta("og:url"),
        (jsonld.url_value(node.get("url") or node.get("mainEntityOfPage")), Evidence("json-ld", 0.85, reason="JSON-LD url")),
    ])
    if canonical:
        article.canonical_url, ev["canonical_url"] = canonical
    article.url = url or article.canonical_url
    if article.url:
        ev["url"] = Evidence("user" if url else ev["canonical_url"].source, 1.0 if url else 0.9,
                             reason="given with the input" if url else "canonical URL of the page")
    section = _pick([
        (jsonld.text_value(node.get("articleSection")), Evidence("json-ld", 0.9, reason="JSON-LD articleSection")),
        from_meta("article:section", "section", "parsely-section"),
    ])
    if section:
        article.section, ev["section"] = section
    tags = _keywords(node.get("keywords")) or [t for key in ("article:tag", "news_keywords", "keywords") for t in _keywords(signals.meta.get(key))]
    article.tags = list(dict.fromkeys(tags))[:50]
    if article.tags:
        ev["tags"] = Evidence("json-ld" if node.get("keywords") else "meta", 0.8, reason="keywords")
    if str(node.get("isAccessibleForFree", "")).lower() in ("false", "0", "no"):
        article.flags.append("paywalled")
        ev["flags"] = Evidence("json-ld", 0.9, reason="JSON-LD isAccessibleForFree is false")
    all_dates = _date_signals(signals, node if node else None, article.url or article.canonical_url, article.language)
    all_dates += list(extra_dates or [])
    settle_dates(article, all_dates, fetched_at=fetched_at)
    return all_dates
