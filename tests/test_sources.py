"""Sources → pages: files, directories, globs, WARC (plain, gzip, CC-NEWS listing), feeds, JSONL, stdin, URLs."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import shutil
import socketserver
import threading
import time
from pathlib import Path

import pytest

from storyline.model import Page
from storyline.read.sources import fetch_page, iter_pages

FIXTURES = Path(__file__).parent / "fixtures" / "store"
ARTICLE_URLS = ["https://valley.example/news/bridge", "https://valley.example/news/library",
                "https://valley.example/sport/cup"]


def _good(pages: list[Page]) -> list[Page]:
    return [p for p in pages if p.error is None]


@pytest.mark.parametrize("name", ["sample.warc", "sample.warc.gz"])
def test_warc_html_responses_survive_a_corrupt_record(name):
    pages = list(iter_pages([FIXTURES / name]))
    assert [p.url for p in _good(pages)] == ARTICLE_URLS
    assert all(p.source == "warc" and p.fetched_at.startswith("2024-03-08") for p in _good(pages))
    assert b"Elm river" in _good(pages)[0].content
    reasons = sorted(p.error.split(":")[0] for p in pages if p.error)
    assert reasons == ["HTTP status 404", "corrupt WARC record", "not HTML (image/png)"]
    assert all("@" in p.name and p.name.startswith(str(FIXTURES / name)) for p in pages)


def test_cc_news_layout_and_path_listing(tmp_path):
    shard = tmp_path / "crawl-data" / "CC-NEWS" / "2024" / "03" / "CC-NEWS-20240308000000-00000.warc.gz"
    shard.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "sample.warc.gz", shard)
    listing = tmp_path / "warc.paths.gz"
    missing = "crawl-data/CC-NEWS/2024/03/CC-NEWS-20240308000000-00001.warc.gz"
    listing.write_bytes(gzip.compress(f"{shard.relative_to(tmp_path)}\n{missing}\n".encode()))
    pages = list(iter_pages([listing]))
    assert [p.url for p in _good(pages)] == ARTICLE_URLS
    assert any(p.name == missing and "not found locally" in p.error for p in pages)
    # the crawl folder itself, walked recursively
    assert [p.url for p in _good(list(iter_pages([tmp_path / "crawl-data"])))] == ARTICLE_URLS


def test_feed_items_carry_their_content_and_dates():
    pages = list(iter_pages([FIXTURES / "feed.rss"], follow_links=False))
    assert [p.title for p in pages] == ["Ferry service to resume on Monday", "Council delays vote on market hall"]
    assert pages[0].url == "https://gazette.example/2024/03/ferry-resumes"
    assert pages[0].published == "2024-03-08T09:30:00+00:00" and pages[0].source == "feed"
    assert b"Maria Lindqvist" in pages[0].content


def test_feed_summary_items_follow_their_link():
    fetched = []

    def fetch(url: str) -> Page:
        fetched.append(url)
        return Page(b"<html><body><p>The full story.</p></body></html>", url, url=url, source="url")

    pages = list(iter_pages([FIXTURES / "feed.rss"], fetch=fetch))
    assert fetched == ["https://gazette.example/2024/03/ferry-resumes", "https://gazette.example/2024/03/market-hall"]
    assert pages[1].title == "Council delays vote on market hall" and pages[1].source == "feed"


def test_feed_that_is_not_xml_is_a_skipped_page():
    (page,) = iter_pages([FIXTURES / "not-a-feed.rss"])
    assert page.content is None and page.error.startswith("not a usable feed")


def test_jsonl_pages_and_bad_lines():
    pages = list(iter_pages([FIXTURES / "pages.jsonl"]))
    assert [p.url for p in _good(pages)] == ["https://wire.example/a1", "https://wire.example/a2"]
    assert _good(pages)[0].fetched_at == "2024-05-02T08:00:00+00:00"
    errors = [p.error for p in pages if p.error]
    assert errors[0].startswith("not JSON") and errors[1] == "no html, content or text field"


def test_directories_globs_stdin_and_missing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "two.html").write_text("<p>Two.</p>")
    (tmp_path / ".hidden").write_text("never read")
    assert [Path(p.name).name for p in iter_pages([tmp_path])] == ["one.txt", "two.html"]
    assert [Path(p.name).name for p in iter_pages([str(tmp_path / "**" / "*.txt")])] == ["one.txt"]
    (stdin_page,) = iter_pages(["-"], stdin=io.BytesIO(b"Plain text from a pipe."))
    assert stdin_page.source == "stdin" and stdin_page.content == b"Plain text from a pipe."
    jsonl = io.BytesIO(b'{"text": "First."}\n{"text": "Second."}\n')
    assert [p.content for p in iter_pages(["-"], stdin=jsonl)] == [b"First.", b"Second."]
    (missing,) = iter_pages([tmp_path / "nope.html"])
    assert missing.error == "no such file or directory"
    (no_match,) = iter_pages([str(tmp_path / "*.xml")])
    assert no_match.error == "no file matches this pattern"


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            self._answer()

    def _answer(self) -> None:
        if self.path == "/slow":
            time.sleep(3)  # longer than the client's timeout
        self.send_response(404 if self.path == "/missing" else 200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        while self.path == "/endless":  # a body without end: the fetcher must stop at its size limit
            self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
        while self.path == "/trickle":  # a few bytes now and then, each before the read timeout
            self.wfile.write(b"<p>x</p>")
            self.wfile.flush()
            time.sleep(0.2)
        self.wfile.write(b"<html><head><title>Hello</title></head><body><p>Served locally.</p></body></html>")


@pytest.fixture(scope="module")
def local_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_fetch_time_out_and_stop_at_the_size_limit(local_server):
    fetch = functools.partial(fetch_page, timeout=1.0, max_bytes=1_000_000, max_seconds=2.0)
    ok, slow, endless, missing, trickle = (list(iter_pages([f"{local_server}{path}"], fetch=fetch))[0]
                                           for path in ("/article", "/slow", "/endless", "/missing", "/trickle"))
    assert ok.error is None and b"Served locally." in ok.content and ok.fetched_at
    # the reason says why, the page's name says which URL
    assert slow.error == "fetch failed: timed out after 1 s" and slow.name == f"{local_server}/slow"
    assert endless.error == "fetch failed: more than 1000000 bytes, over the limit" and endless.content is None
    assert missing.error == "fetch failed: HTTP 404 Not Found"
    assert trickle.error == "fetch failed: download took longer than 2 s"


def test_a_directory_gives_its_pages_and_says_why_it_skips_the_rest(tmp_path):
    for name in ("README.md", "LICENSE.txt", "notes.json", "a.html", "b.txt"):
        (tmp_path / name).write_text("<p>text</p>" if name.endswith(".html") else "Some text.")
    pages = list(iter_pages([tmp_path]))
    assert [Path(p.name).name for p in _good(pages)] == ["a.html", "b.txt"]
    assert {Path(p.name).name: p.error.split(":")[0] for p in pages if p.error} == {
        "LICENSE.txt": "not an article", "README.md": "not an article", "notes.json": "not JSON"}
