"""Old layout-table pages: a dateline above the story gives the date, teasers after it are not body."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def page():
    return read(FIXTURES / "teasers.html")


def test_teaser_and_menu_lines_after_the_story_are_cut(page):
    assert page.text.endswith("some of them carrying flasks of hot tea.")
    for teaser in ("Ferry fares frozen", "Gardeners meet", "March", "Pictures of the week"):
        assert teaser not in page.text


def test_dateline_above_the_story_gives_the_date_and_leaves_the_body(page):
    assert (page.published.value, page.published.source) == ("2009-03-04", "dateline")
    assert page.text.startswith("The harbour ferry sailed again")


def test_a_list_ending_the_article_is_kept_whole():
    page = read(FIXTURES / "list-end.html")
    assert page.text.endswith("Removed the old timetable")
    assert "Lots of other changes" in page.text
