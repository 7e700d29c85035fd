"""Plain text with a ``Key: value`` header block, and plain text without one."""

from __future__ import annotations

from pathlib import Path

from storyline.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_header_block():
    article = read(FIXTURES / "header-text.txt")
    assert article.input_kind == "text"
    assert article.title == "Volunteers plant ten thousand trees along the river"
    assert (article.published.value, article.published.source) == ("2021-04-17", "header")
    assert article.url == "https://wiki.example.org/wiki/Volunteers_plant_trees"
    assert article.licence.startswith("CC BY 2.5")
    assert article.text.startswith("Volunteers planted ten thousand trees")
    assert len(article.blocks) == 3 and "Title:" not in article.text


def test_plain_string_is_text_not_a_path():
    article = read("The committee met on Tuesday.\n\nIt agreed to publish its report in June.")
    assert [b.text for b in article.blocks] == ["The committee met on Tuesday.", "It agreed to publish its report in June."]
    assert article.text[article.blocks[1].start:article.blocks[1].end] == article.blocks[1].text


def test_html_entities_left_in_plain_text_are_decoded():
    from storyline import read

    article = read("Title: Visit\nDate: 2004-11-30\n\nThanks to all who came out to wave &mdash;with all five fingers.")
    assert "—with all five fingers" in article.text
    assert "html_entities_decoded" in article.flags
