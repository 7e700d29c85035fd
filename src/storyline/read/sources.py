"""Sources → pages: files, directories and globs, WARC archives (incl. CC-NEWS), RSS/Atom feeds, URLs,
stdin and JSONL; anything unusable becomes a :class:`Page` with ``error`` set, never an exception."""

from __future__ import annotations

import glob
import gzip
import html
import json
import os
import re
import sys
from calendar import timegm
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..model import Page

MAX_FILE_BYTES = 50_000_000  # a page larger than this is not an article
SHORT_FEED_ITEM = 1500  # item content shorter than this (characters of text) is a summary: fetch the page
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
PATHS_SUFFIXES = (".paths", ".paths.gz")  # Common Crawl listings such as CC-NEWS warc.paths.gz
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt")
_NOT_PAGES = re.compile(r"^(readme|licen[cs]e|copying|notice|changelog|authors)(\.|$)", re.I)
CC_PREFIX = "https://data.commoncrawl.org/"
_TAG = re.compile(r"<[^>]+>")
_WARC_START = b"WARC/1."
_GZIP_MAGIC = b"\x1f\x8b\x08"

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
            for path in _walk(Path(name), recursive):
                yield from _iter_file(path, fetch, follow_links)
        elif Path(name).is_file():
            yield from _iter_file(Path(name), fetch, follow_links)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield Page(None, name, error="no file matches this pattern")
            for match in matches:
                if Path(match).is_file():
                    yield from _iter_file(Path(match), fetch, follow_links)
        else:
            yield Page(None, name, error="no such file or directory")


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def _walk(root: Path, recursive: bool) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")) if recursive else []
        found += [Path(dirpath) / f for f in filenames if is_source_file(f)]
    return sorted(found)


def is_page_name(name: str) -> bool:
    """Whether a file found in a directory is a page: not hidden, not a README or licence, named .html/.txt…"""
    lower = name.lower()
    return not lower.startswith(".") and not _NOT_PAGES.match(lower) and lower.endswith(PAGE_SUFFIXES)


def is_source_file(name: str) -> bool:
    """Whether a file found in a directory holds pages: a page, WARC, feed, JSONL or crawl listing."""
    lower = name.lower()
    if lower.startswith(".") or _NOT_PAGES.match(lower):
        return False
    return is_page_name(name) or lower.endswith(WARC_SUFFIXES + FEED_SUFFIXES + JSONL_SUFFIXES + PATHS_SUFFIXES)


def _iter_file(path: Path, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    lower = path.name.lower()
    if lower.endswith(WARC_SUFFIXES):
        yield from iter_warc(path)
        return
    if lower.endswith(PATHS_SUFFIXES):
        yield from _iter_listing(path, fetch, follow_links)
        return
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield Page(None, str(path), path=str(path), error=f"file larger than {MAX_FILE_BYTES} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Page(None, str(path), path=str(path), error=f"cannot read: {exc.strerror or exc}")
        return
    if lower.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield Page(None, str(path), path=str(path), error=f"corrupt gzip: {exc}")
            return
        lower = lower[:-3]
    if lower.endswith(JSONL_SUFFIXES):
        yield from iter_jsonl(data, str(path))
    elif lower.endswith(FEED_SUFFIXES) or looks_like_feed(data):
        yield from iter_feed(data, str(path), fetch=fetch, follow_links=follow_links)
    else:
        yield Page(data, str(path), path=str(path), source="file")


def _iter_stdin(data: bytes) -> Iterator[Page]:
    if data.lstrip()[:1] == b"{" and all(line.lstrip()[:1] in (b"{", b"") for line in data.splitlines()[:5]):
        yield from iter_jsonl(data, "<stdin>", source="stdin")
    elif looks_like_feed(data):
        yield from iter_feed(data, "<stdin>", fetch=fetch_page, follow_links=False)
    else:
        yield Page(data, "<stdin>", source="stdin")


# ---------------------------------------------------------------- URLs


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Page:
    """Fetch one URL with the reader's fetcher (timeouts, size limit, user agent) as a Page."""
    from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch_url

    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        body, final_url, _headers = fetch_url(url, timeout=timeout or DEFAULT_TIMEOUT,
                                              max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    except Exception as exc:  # noqa: BLE001 - any network failure is a skipped page with its reason
        return Page(None, url, url=url, source="url", error=f"fetch failed: {exc}")
    return Page(body, url, url=final_url or url, source="url", fetched_at=fetched_at)


def _iter_url(url: str, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    page = fetch(url)
    if page.content is not None and looks_like_feed(page.content):
        yield from iter_feed(page.content, url, fetch=fetch, follow_links=follow_links)
    else:
        yield page


# ---------------------------------------------------------------- JSONL


def iter_jsonl(data: bytes, name: str, *, source: str = "jsonl") -> Iterator[Page]:
    """One page per line: ``{"html"|"content"|"text", "url", "fetched_at", "published", "title"}``."""
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            item = json.loads(line)
        except ValueError as exc:
            yield Page(None, where, source=source, error=f"not JSON: {exc}")
            continue
        fields = item if isinstance(item, dict) else {}
        body = next((fields[k] for k in ("html", "content", "text", "body") if isinstance(fields.get(k), str)), None)
        if body is None:
            yield Page(None, where, source=source, error="no html, content or text field")
            continue
        yield Page(body.encode("utf-8"), where, url=fields.get("url"), fetched_at=fields.get("fetched_at"),
                   source=source, published=fields.get("published"), title=fields.get("title"))


# ---------------------------------------------------------------- feeds


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) \
        or head.startswith((b"<rss", b"<feed"))


def _iso(struct_time: Any) -> str | None:
    if not struct_time:
        return None
    return datetime.fromtimestamp(timegm(struct_time), tz=UTC).isoformat()


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


# ---------------------------------------------------------------- WARC


def iter_warc(path: Path) -> Iterator[Page]:
    """HTML response records of a WARC file; a corrupt record is reported and reading resumes after it."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    compressed = path.name.lower().endswith(".gz")
    position = 0
    while position is not None:
        resume_from = None
        try:
            with open(path, "rb") as stream:
                stream.seek(position)
                for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
                    page = _warc_page(path, record)
                    if page.error and page.error.startswith("corrupt"):
                        yield page
                        resume_from = record.stream_pos + 1
                        break
                    yield page
        except OSError as exc:
            yield Page(None, str(path), path=str(path), source="warc", error=f"cannot read: {exc}")
        except Exception as exc:  # noqa: BLE001 - a broken archive must not stop the other sources
            yield Page(None, f"{path}#{position}", path=str(path), source="warc", error=f"corrupt WARC: {exc}")
            resume_from = position + 1
        position = _next_record(path, resume_from, compressed) if resume_from is not None else None


def _warc_page(path: Path, record: Any) -> Page:
    name = f"{path}#{record.stream_pos}"
    uri = record.headers.get("WARC-Target-URI")
    http = record.http_headers
    if not uri or http is None:
        return Page(None, name, path=str(path), source="warc", error="corrupt WARC record: no URI or HTTP headers")
    body = record.reader.read(MAX_FILE_BYTES + 1)
    if _WARC_START + b"0\r\nWARC-Type:" in body:
        return Page(None, name, url=uri, path=str(path), source="warc",
                    error="corrupt WARC record: its length runs into the next record")
    if http.status_code != 200:
        return Page(None, name, url=uri, path=str(path), source="warc", error=f"HTTP status {http.status_code}")
    content_type = (record.http_content_type or "").lower()
    if content_type and "html" not in content_type and "xml" not in content_type:
        return Page(None, name, url=uri, path=str(path), source="warc", error=f"not HTML ({content_type})")
    if len(body) > MAX_FILE_BYTES:
        return Page(None, name, url=uri, path=str(path), source="warc", error="record larger than the page limit")
    fetched = record.record_date.isoformat() if record.record_date else None
    return Page(body, name, url=uri, path=str(path), source="warc", fetched_at=fetched)


def _next_record(path: Path, start: int, compressed: bool) -> int | None:
    """The offset of the next record start (a gzip member, or a ``WARC/1.x`` line) at or after ``start``."""
    marker = _GZIP_MAGIC if compressed else _WARC_START
    with open(path, "rb") as stream:
        stream.seek(start)
        offset, tail = start, b""
        while chunk := stream.read(1 << 20):
            found = (tail + chunk).find(marker)
            if found >= 0:
                return offset - len(tail) + found
            tail = chunk[-len(marker):]
            offset += len(chunk)
    return None


def _iter_listing(path: Path, fetch: Fetch, follow_links: bool) -> Iterator[Page]:
    """A Common Crawl path listing: each line a path relative to the crawl root, found locally if present."""
    try:
        raw = path.read_bytes()
        lines = (gzip.decompress(raw) if path.name.lower().endswith(".gz") else raw).decode().split()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        yield Page(None, str(path), path=str(path), error=f"unreadable path listing: {exc}")
        return
    roots = [path.parent, *path.parent.parents]
    for line in lines:
        local = next((root / line for root in roots if (root / line).is_file()), None)
        if local is not None:
            yield from _iter_file(local, fetch, follow_links)
        else:
            yield Page(None, line, url=CC_PREFIX + line, source="warc",
                       error="WARC shard not found locally (download it, e.g. from " + CC_PREFIX + ")")
