"""HTML pages: metadata from JSON-LD and meta tags with evidence, a clean body, captions and media."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def article():
    return read(FIXTURES / "article.html")


def test_metadata_and_evidence(article):
    assert article.input_kind == "html"
    assert article.title == "Harbour bridge reopens after two years of repairs"
    assert article.evidence["title"].source == "json-ld"
    assert article.publisher == "The Daily Example"
    assert article.authors == ["Jane Rowe"]  # not "Staff Reporter", not the site
    assert article.language == "en"
    assert article.canonical_url == "https://news.example.org/2024/03/04/harbour-bridge-reopens/"
    assert article.section == "Local"
    assert article.tags == ["bridges", "transport", "harbour"]
    assert article.standfirst == "The crossing carried its first cars on Monday morning."


def test_dates_come_from_metadata_never_from_scripts(article):
    assert article.published.value == "2024-03-04T08:15:00+00:00"
    assert article.published.source == "json-ld"
    assert "agrees with" in article.published.reason
    assert article.modified.value == "2024-03-04T10:40:00+00:00"
    values = [a["value"] for a in article.published.alternatives]
    assert not any(v.startswith("1999") for v in values)


def test_body_without_boilerplate(article):
    kinds = [b.kind for b in article.blocks]
    assert "heading" in kinds
    assert article.text.startswith("The harbour bridge reopened to traffic on Monday morning")
    assert article.text.endswith("which is due to be reviewed in the summer.")
    for leak in ("Related articles", "Sign up", "All rights reserved", "Privacy policy", "By Jane Rowe", "Home"):
        assert leak not in article.text
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)


def test_captions_and_media(article):
    assert [(c.text, c.credit) for c in article.captions] == [("The first cars cross the bridge on Monday", "Reuters")]
    assert "Picture" not in article.text
    (video,) = article.media  # the publisher's logo is not the article's media
    assert (video.type, video.duration_s, video.width, video.height) == ("VideoObject", 90.0, 1280, 720)
    assert video.upload_date == "2024-03-03T18:00:00+00:00"
    assert video.content_url == "https://video.example.org/bridge.mp4"


def test_given_url_wins_and_is_recorded():
    article = read(FIXTURES / "article.html", url="https://mirror.example.com/bridge", fetched_at="2024-03-05T00:00:00+00:00")
    assert article.url == "https://mirror.example.com/bridge"
    assert article.evidence["url"].source == "user"
    assert article.fetched_at == "2024-03-05T00:00:00+00:00"


def test_str_and_bytes_give_the_same_article():
    raw = (FIXTURES / "article.html").read_bytes()
    from_bytes, from_str = read(raw), read(raw.decode("utf-8"))
    assert from_bytes.text == from_str.text
    assert from_bytes.content_hash == from_str.content_hash


def test_embedded_posts_and_players_are_media_not_text():
    article = read(FIXTURES / "embeds.html")
    post, player = article.media
    assert (post.type, post.name, post.embed_url) == ("SocialMediaPosting", "Twitter", "https://twitter.com/cityhall/status/123")
    assert (player.type, player.embed_url, player.width, player.height) == ("VideoObject", "https://www.youtube.com/embed/abc123", 560, 315)
    assert "Big news today" not in article.text
    assert article.text.startswith("The minister said on Monday")
    assert "paywalled" in article.flags


def test_author_cleaning():
    from storyline.read.authors import clean_authors

    raw = ["By Julian Linden in Sydney", "Jeffrey Gettleman", "JEFFREY GETTLEMAN", "Vitalnetwork Ltd", "Published 12 May 2024",
           "Staff Reporter", "https://example.com/author/x", "Jane Rowe and John Smith", "The Daily Example"]
    assert clean_authors(raw, site_names={"The Daily Example"}) == ["Julian Linden", "Jeffrey Gettleman", "Jane Rowe", "John Smith"]
