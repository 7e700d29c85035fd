"""Recognising the input: HTML (even without a doctype), text dumps (even with leaked markup), plain text."""

from __future__ import annotations

from storyline.read import read
from storyline.read.detect import binary_kind, text_kind

PROSE = "The council said on Monday that the bridge repairs would finish in spring, after a long wet winter."


def test_html_without_doctype_or_html_tag():
    page = "<style>p { color: red }</style>\n" + "\n".join(f"<div class='x'><p>{PROSE}</p></div>" for _ in range(10))
    assert text_kind(page) == "html"


def test_dump_with_smart_quoted_leaked_markup_is_a_dump():
    lines = ["Bridge news | Example Times", "Home", "News", "<a href=”http://ads.example.com/click” target=”_blank”>",
             "<img src=”http://ads.example.com/banner.gif” border=”0”>", "</a>"] + [PROSE] * 3 + ["Sport", "Weather"] * 8
    assert text_kind("\n".join(lines)) == "textdump"


def test_plain_text_and_binary():
    assert text_kind(f"{PROSE}\n\n{PROSE}\n") == "text"
    assert binary_kind(b"%PDF-1.7 ...") == "PDF document"
    assert binary_kind(PROSE.encode()) is None


def test_markup_that_defeats_the_parser_is_rescued_as_a_dump():
    body = "".join(f"<p>Part {i}: {PROSE}</p>" for i in range(6))
    page = f"<html><head><title>Bridge</title></head><body><div>Home</div><!-- an unclosed comment {body}</body></html>"
    article = read(page)
    assert article.text.startswith("Part 0: The council said on Monday")
    assert len(article.blocks) == 6 and "no_article" not in article.flags
    assert article.evidence["text"].source == "textdump"
