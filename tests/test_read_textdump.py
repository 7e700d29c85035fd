"""Scraped text dumps: JSON-LD lifted, code and boilerplate dropped, fragments joined, comments cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def dump():
    return read(FIXTURES / "dump.txt")


def test_recognised_as_a_dump_with_its_title(dump):
    assert dump.input_kind == "textdump"
    assert dump.title == "River festival draws record crowds"


def test_leaked_jsonld_becomes_media(dump):
    (video,) = [m for m in dump.media if m.type == "VideoObject"]
    assert (video.duration_s, video.upload_date, video.width, video.height) == (65.0, "2022-07-10T19:30:00+02:00", 640, 360)
    assert dump.published.value == "2022-07-10"


def test_body_is_the_article_only(dump):
    assert dump.text.startswith("More than fifty thousand people visited the river festival")
    assert "Boats from twelve towns took part in the parade, which was led by the mayor and a brass band" in dump.text
    assert dump.text.endswith("to open more of the quay to stalls.")
    for leak in ("@context", "addEventListener", "enable JavaScript", "Leave a Reply", "Follow Example", "What a great day",
                 "Related Posts", "Subscribe", "Skip to content", "(Picture:"):
        assert leak not in dump.text


def test_caption_credit(dump):
    assert [(c.text, c.credit) for c in dump.captions] == [("The crowd watches the parade", "Example Gazette")]


def test_publisher_from_self_references(dump):
    assert dump.publisher == "Example Gazette"


@pytest.fixture(scope="module")
def portal():
    return read(FIXTURES / "dump-portal.txt")


def test_copyright_notice_heading_is_not_a_publisher(portal):
    # "Copyright and Trade Mark Notice" names nothing: a name after "Copyright" starts with a capital
    assert portal.publisher != "and Trade Mark Notice"


def test_title_is_the_headline_not_joined_with_the_next_line(portal):
    assert portal.title == "Harbour ferry returns after winter repairs"


def test_dateline_above_the_article_gives_the_date(portal):
    assert (portal.published.value, portal.published.source) == ("2009-03-04", "dateline")
    assert portal.text.startswith("The harbour ferry sailed again")
