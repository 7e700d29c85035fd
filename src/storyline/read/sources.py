"""Sources → pages: files, directories and globs, WARC archives (incl. CC-NEWS), RSS/Atom feeds, URLs,
stdin, JSON and JSONL; anything unusable becomes a :class:`Page` with ``error`` set, never an exception."""

from __future__ import annotations

import glob
import gzip
import html
import json
import logging
import os
import re
import sys
import zlib
from calendar import timegm
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..model import Page
from .detect import binary_kind, text_kind
from .warc import WARC_START, iter_warc

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50_000_000  # a page larger than this is not an article
SHORT_FEED_ITEM = 1500  # item content shorter than this (characters of text) is a summary: fetch the page
SNIFF_BYTES = 4096  # how much of a file of unknown type is looked at to tell what it holds
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
JSON_SUFFIXES = (".json", ".json.gz")
PATHS_SUFFIXES = (".paths", ".paths.gz")  # Common Crawl listings such as CC-NEWS warc.paths.gz
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt")
BODY_FIELDS = ("html", "content", "text", "body", "content_html", "content_text")  # JSON Feed: content_*
_NOT_PAGES = re.compile(r"^(readme|licen[cs]e|copying|notice|changelog|authors)(\.|$)", re.I)
CC_PREFIX = "https://data.commoncrawl.org/"
_TAG = re.compile(r"<[^>]+>")

Fetch = Callable[[str], Page]


def iter_pages(sources: Iterable[str | Path], *, recursive: bool = True, follow_links: bool = True,
               fetch: Fetch | None = None, stdin: IO[bytes] | None = None) -> Iterator[Page]:
    """Every page of every source, in a stable order (directories and globs sorted by path).

    ``follow_links``: fetch a feed item's page when the feed only carries a summary.
    ``fetch``: how to get a URL as a Page (default: :func:`fetch_page`).
    """
    fetch = fetch or fetch_page
    for source in sources:
        name = str(source)
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _iter_stdin(data)
        elif _is_url(name):
            yield from _iter_url(name, fetch, follow_links)
        elif Path(name).is_dir():
            for path in walk(Path(name), recursive):
                yield from iter_file(path, found=True, fetch=fetch, follow_links=follow_links)
        elif Path(name).is_file():
            yield from iter_file(Path(name), fetch=fetch, follow_links=follow_links)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield Page(None, name, error="no file matches this pattern")
            for match in matches:
                if Path(match).is_file():
                    yield from iter_file(Path(match), fetch=fetch, follow_links=follow_links)
        else:
            yield Page(None, name, error="no such file or directory")


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def walk(root: Path, recursive: bool = True) -> list[Path]:
    """Every file below ``root``, sorted, except hidden ones and those in hidden folders (.git, .svn)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")] if recursive else []
        found += [Path(dirpath) / f for f in filenames if not f.startswith(".")]
    return sorted(found)


def is_page_name(name: str) -> bool:
    """Whether a file found in a directory is a page: not hidden, not a README or licence, named .html/.txt…"""
    lower = name.lower()
    return not lower.startswith(".") and not _NOT_PAGES.match(lower) and lower.endswith(PAGE_SUFFIXES)


def iter_file(path: Path, *, found: bool = False, fetch: Fetch | None = None,
              follow_links: bool = True) -> Iterator[Page]:
    """The pages of one file, by its name or else its first bytes.

    ``found``: the file was found in a directory rather than named: a README, a licence or a file that holds
    no pages (an image, Markdown notes) is then a skipped page saying so, not read as an article.
    """
    fetch = fetch or fetch_page
    lower = path.name.lower()
    inner = lower.removesuffix(".gz")  # the type of a compressed file is the name under the .gz
    if found and _NOT_PAGES.match(lower):
        yield _skipped_file(path, "not an article: a README, licence or similar file")
        return
    if lower.endswith(WARC_SUFFIXES):
        yield from iter_warc(path)
    elif lower.endswith(PATHS_SUFFIXES):
        yield from _iter_listing(path, fetch, follow_links)
    elif lower.endswith(JSONL_SUFFIXES):
        yield from _iter_jsonl_file(path)
    elif inner.endswith(PAGE_SUFFIXES + FEED_SUFFIXES + JSON_SUFFIXES):
        yield from _iter_whole_file(path, fetch, follow_links)
    else:
        yield from _iter_unknown_file(path, found, fetch, follow_links)


def _iter_whole_file(path: Path, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    """A file read into memory: a page, a feed or JSON pages (by name, else by content)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield _skipped_file(path, f"file larger than {MAX_FILE_BYTES} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    lower = path.name.lower()
    if lower.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield _skipped_file(path, f"corrupt gzip: {exc}")
            return
        lower = lower[:-3]
    if lower.endswith(JSON_SUFFIXES):
        yield from iter_json(data, str(path))
    elif lower.endswith(FEED_SUFFIXES) or looks_like_feed(data):
        yield from iter_feed(data, str(path), fetch=fetch, follow_links=follow_links)
    else:
        yield Page(data, str(path), path=str(path), source="file")


def _iter_unknown_file(path: Path, found: bool, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    """A file of no known name: read if it starts like a WARC, feed or HTML page (crawlers save pages under
    their URL's name) or was named by the user, else a skipped page naming its type."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    if head.startswith(WARC_START):
        yield from iter_warc(path)
    elif looks_like_feed(head) or looks_like_html(head) or not found:
        yield from _iter_whole_file(path, fetch, follow_links)
    else:
        yield _skipped_file(path, f"unsupported file type: {_file_type(path)}")


def _skipped_file(path: Path, reason: str) -> Page:
    return Page(None, str(path), path=str(path), error=reason)


def _unreadable(path: Path, exc: Exception) -> Page:
    return _skipped_file(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are an HTML page."""
    return binary_kind(head) is None and text_kind(head.decode("utf-8", "replace")) == "html"


def _file_type(path: Path) -> str:
    suffixes = "".join(path.suffixes[-2:]) if path.suffix.lower() == ".gz" else path.suffix
    return suffixes.lower() or "no extension"


def _iter_stdin(data: bytes) -> Iterator[Page]:
    if data.lstrip()[:1] == b"{" and all(line.lstrip()[:1] in (b"{", b"") for line in data.splitlines()[:5]):
        yield from iter_jsonl(data.splitlines(), "<stdin>", source="stdin")
    elif looks_like_feed(data):
        yield from iter_feed(data, "<stdin>", fetch=fetch_page, follow_links=False)
    else:
        yield Page(data, "<stdin>", source="stdin")


# ---------------------------------------------------------------- URLs


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
               max_seconds: float | None = None) -> Page:
    """Fetch one URL with the reader's fetcher (timeouts, size and time limits, user agent) as a Page."""
    from .fetch import DEFAULT_MAX_BYTES, DEFAULT_MAX_SECONDS, DEFAULT_TIMEOUT, FetchError, fetch_url

    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        body, final_url, _headers = fetch_url(url, timeout=timeout or DEFAULT_TIMEOUT,
                                              max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                                              max_seconds=max_seconds or DEFAULT_MAX_SECONDS)
    except FetchError as exc:
        return Page(None, url, url=url, source="url", error=f"fetch failed: {exc.reason}")
    except Exception as exc:  # noqa: BLE001 - any other failure is a skipped page with its reason
        return Page(None, url, url=url, source="url", error=f"fetch failed: {type(exc).__name__}: {exc}")
    return Page(body, url, url=final_url or url, source="url", fetched_at=fetched_at)


def _iter_url(url: str, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    page = fetch(url)
    if page.content is not None and looks_like_feed(page.content):
        yield from iter_feed(page.content, url, fetch=fetch, follow_links=follow_links)
    else:
        yield page


# ---------------------------------------------------------------- JSON and JSONL


def iter_jsonl(lines: Iterable[bytes], name: str, *, source: str = "jsonl") -> Iterator[Page]:
    """One page per line (named ``file:line``): ``{"html"|"content"|"text", "url", "fetched_at", "published",
    "title"}``."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            item = json.loads(line.strip())
        except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested beyond Python's limit
            yield Page(None, where, source=source, error=f"not JSON: {exc}")
            continue
        yield _json_page(item, where, source)


def _iter_jsonl_file(path: Path) -> Iterator[Page]:
    """A JSONL file, streamed line by line (it may hold millions of pages)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as lines:
            yield from iter_jsonl(lines, str(path))
    except (OSError, EOFError, zlib.error) as exc:
        yield _unreadable(path, exc)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def iter_json(data: bytes, name: str) -> Iterator[Page]:
    """A JSON page object, a list of them (named ``file#N``), a JSON Feed's items, or JSON lines."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        if data.strip().count(b"\n") and _is_json_object(data.lstrip().split(b"\n", 1)[0]):
            yield from iter_jsonl(data.splitlines(), name, source="json")  # JSON lines in a file named .json
        else:
            yield Page(None, name, path=name, error=f"not JSON: {exc}")
        return
    items = document.get("items") if isinstance(document, dict) else document
    if isinstance(document, dict) and any(isinstance(document.get(k), str) for k in BODY_FIELDS):
        yield _json_page(document, name, "json")
    elif isinstance(items, list) and items and all(isinstance(item, dict) for item in items):
        for number, item in enumerate(items, 1):
            yield _json_page(item, f"{name}#{number}", "json")
    else:
        yield Page(None, name, path=name, error="not a page: JSON without an html, content or text field")


def _json_page(item: Any, where: str, source: str) -> Page:
    """A page from a JSON object's fields; a source date that is no ISO date is dropped (logged)."""
    fields = item if isinstance(item, dict) else {}
    body = next((fields[k] for k in BODY_FIELDS if isinstance(fields.get(k), str)), None)
    if body is None:
        return Page(None, where, source=source, error="no html, content or text field")
    # "replace": a lone surrogate (a JSON escape such as \ud800) has no UTF-8 form
    return Page(body.encode("utf-8", "replace"), where, url=_text(fields.get("url")), source=source,
                fetched_at=source_date(fields.get("fetched_at"), where, "fetched_at"),
                published=source_date(fields.get("published") or fields.get("date_published"), where, "published"),
                title=_text(fields.get("title")))


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def source_date(value: Any, where: str, field: str) -> str | None:
    """A date given by the source if it is an ISO 8601 date or datetime; anything else is dropped, logged."""
    if value is None or value == "":
        return None
    try:
        datetime.fromisoformat(str(value).strip())
    except ValueError:
        log.warning("%s: dropped its %s %r: not an ISO 8601 date", where, field, value)
        return None
    return str(value).strip()


# ---------------------------------------------------------------- feeds


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) \
        or head.startswith((b"<rss", b"<feed"))


def _iso(struct_time: Any) -> str | None:
    if not struct_time:
        return None
    try:
        return datetime.fromtimestamp(timegm(struct_time), tz=UTC).isoformat()
    except (OverflowError, ValueError, OSError):  # a feed date in year 99999 is no date
        return None


def iter_feed(data: bytes, name: str, *, fetch: Fetch = fetch_page, follow_links: bool = True) -> Iterator[Page]:
    """RSS/Atom items: the item's own content, or its linked page when the item is only a summary."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no items"
        yield Page(None, name, source="feed", error=f"not a usable feed: {reason}")
        return
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        title = entry.get("title")
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        content = entry["content"][0].get("value", "") if entry.get("content") else entry.get("summary", "")
        if follow_links and link and _is_url(link) and len(_TAG.sub("", content)) < SHORT_FEED_ITEM:
            page = fetch(link)
            if page.content is not None or not content:
                page.title, page.published, page.source = title, published, "feed"
                yield page
                continue
        if not content:
            yield Page(None, f"{name}#{number}", url=link, source="feed", error="feed item without content")
            continue
        doc = (f"<html><head><title>{html.escape(title or '')}</title></head>"
               f"<body><article>{content}</article></body></html>")
        yield Page(doc.encode("utf-8"), f"{name}#{number}", url=link, source="feed", published=published,
                   title=title)


def _iter_listing(path: Path, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    """A Common Crawl path listing: each line a path relative to the crawl root, found locally if present."""
    try:
        raw = path.read_bytes()
        lines = (gzip.decompress(raw) if path.name.lower().endswith(".gz") else raw).decode().split()
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as exc:
        yield _skipped_file(path, f"unreadable path listing: {exc}")
        return
    roots = [path.parent, *path.parent.parents]
    for line in lines:
        local = next((root / line for root in roots if (root / line).is_file()), None)
        if local is not None:
            yield from iter_file(local, fetch=fetch, follow_links=follow_links)
        else:
            yield Page(None, line, url=CC_PREFIX + line, source="warc",
                       error="WARC shard not found locally (download it, e.g. from " + CC_PREFIX + ")")
