"""A bounded property-based run over ``read()``: random bytes, and real pages cut short or mutated, give an
Article (its blocks indexing its text) or a ReadError — never any other exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article
from storyline.read import ReadError, read

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
PAGES = [p.read_bytes() for p in sorted((FIXTURES / "read").glob("*.*")) if p.suffix in (".html", ".txt")]
PAGES += [(ROOT / "examples" / "metro-2025-10-16-trump-putin-budapest.txt").read_bytes()[:20_000]]
# fragments that steer the reader into its rarer paths: markup, charsets, BOMs, JSON-LD, dates, binary
TOKENS = [b"<html>", b"</p><p>", b"<script>", b"</script>", b"<!--", b"-->", b"<meta charset=\"utf-16\">",
          b"<meta charset=\"x-unknown\">", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe9", b"\x81\x8d",
          b'{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-13-45"}',
          b"<time datetime=\"9999-99-99T99:99\">", b"Published 31 Feb 2024 10:00 ZZ", b"\r\n\r\n",
          b"WARC/1.0\r\n", b"\x1f\x8b", b"%PDF", b"&#xD800;", b"&nbsp;" * 5, b"\xf0\x9f\x98\x80"]
SETTINGS = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


def _check(data: bytes) -> None:
    try:
        article = read(data)
    except ReadError as error:
        assert str(error)  # a clear message
        return
    assert isinstance(article, Article) and isinstance(article.text, str)
    for block in article.blocks:
        assert article.text[block.start:block.end] == block.text


@st.composite
def mutated(draw) -> bytes:
    page = bytearray(draw(st.sampled_from(PAGES)))
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(page)))
        change = draw(st.sampled_from(["insert", "delete", "flip"]))
        if change == "insert":
            page[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif change == "delete":
            del page[at:at + draw(st.integers(1, 200))]
        elif at < len(page):
            page[at] = draw(st.integers(0, 255))
    return bytes(page)


@SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    _check(data)


@SETTINGS
@given(st.sampled_from(PAGES).flatmap(lambda page: st.integers(0, len(page)).map(lambda n: page[:n])))
def test_real_pages_cut_short(data):
    _check(data)


@SETTINGS
@given(mutated())
def test_real_pages_mutated(data):
    _check(data)
