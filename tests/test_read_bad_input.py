"""Bad input gives a flagged Article or a clear ReadError, never a traceback, in bounded time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storyline.read import ReadError, read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_empty_file_is_flagged():
    article = read(FIXTURES / "empty.txt")
    assert article.text == "" and {"empty", "no_article"} <= set(article.flags)


@pytest.mark.parametrize("source", [FIXTURES / "image.png", (FIXTURES / "image.png").read_bytes(), bytes(range(256)) * 8])
def test_binary_input_is_a_clear_error(source):
    with pytest.raises(ReadError, match="not a page"):
        read(source)


def test_missing_file_and_directory_are_clear_errors(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read(tmp_path / "missing.html")
    with pytest.raises(ReadError, match="no such file"):
        read(str(tmp_path / "missing.html"))
    with pytest.raises(ReadError, match="directory"):
        read(tmp_path)
    with pytest.raises(ReadError, match="cannot read"):
        read(42)


def test_truncated_html_is_flagged_and_keeps_what_it_has():
    article = read(FIXTURES / "truncated.html")
    assert "truncated" in article.flags
    assert article.title == "Harbour bridge reopens after two years of repairs"
    assert article.text.startswith("The harbour bridge reopened")


def test_page_without_article_is_flagged():
    assert "no_article" in read(FIXTURES / "no-article.html").flags


@pytest.mark.parametrize("name", ["wrong-charset.html", "no-charset.html"])
def test_wrong_or_missing_charset_is_detected(name):
    article = read(FIXTURES / name)
    assert "Der Bürgermeister sagte, die Brücke" in article.text
    assert "\ufffd" not in article.text
    assert article.language == "de"


def test_malformed_jsonld_is_repaired_or_flagged():
    article = read(FIXTURES / "malformed-jsonld.html")
    assert "malformed_jsonld" in article.flags  # the second script is beyond repair
    assert article.published.value == "2023-11-20T09:00:00+01:00"  # the curly-quoted one was repaired
    assert [(m.type, m.duration_s) for m in article.media] == [("VideoObject", 125.0)]
    assert article.text.startswith("The city council approved its budget")


def test_twenty_megabyte_page_in_bounded_time():
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    teaser = '<div class="teaser"><a href="/x">Another story headline here</a><span>12 comments</span></div>\n'
    big = page.replace("<footer>", teaser * (20_000_000 // len(teaser)) + "<footer>").encode("utf-8")
    started = time.perf_counter()
    article = read(big)
    assert time.perf_counter() - started < 30
    assert "truncated" in article.flags
    assert article.published.value == "2024-03-04T08:15:00+00:00"  # JSON-LD survives the cut
    assert article.text.startswith("The harbour bridge reopened")


def test_twenty_megabyte_text_is_cut_in_bounded_time():
    line = "Menu\nThe council said on Monday that the bridge repairs would finish in spring, after a long wet winter.\n"
    started = time.perf_counter()
    article = read((line * (20_000_000 // len(line))).encode("utf-8"))
    assert time.perf_counter() - started < 20
    assert "truncated" in article.flags
