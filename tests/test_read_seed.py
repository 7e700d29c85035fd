"""The seed page (a scraped Metro.co.uk dump) read as a new user would: every field the issue lists."""

from __future__ import annotations

import pytest

from storyline.read import read


@pytest.fixture(scope="module")
def seed(seed_path):
    return read(seed_path)


def test_kind_title_and_publisher(seed):
    assert seed.input_kind == "textdump"
    assert seed.title == "Donald Trump and Putin set to meet within two weeks in Budapest"
    assert seed.publisher == "Metro"
    assert seed.evidence["publisher"].reason


def test_published_date_is_reasoned_from_media_and_captions(seed):
    assert seed.published.value[:10] in {"2025-10-16", "2025-10-17"}
    assert "uploadDate" in seed.published.reason and "caption" in seed.published.reason
    assert seed.published.alternatives
    assert seed.evidence["published"].reason == seed.published.reason


def test_both_videos_with_durations_dates_sizes_and_urls(seed):
    videos = [m for m in seed.media if m.type == "VideoObject"]
    assert [v.duration_s for v in videos] == [234.0, 104.0]
    assert [v.upload_date for v in videos] == ["2025-10-17T06:31:39+01:00", "2025-10-14T20:03:18+01:00"]
    assert all((v.width, v.height) == (480, 270) for v in videos)
    assert all(v.content_url.startswith("https://videos.metro.co.uk/") and v.content_url.endswith(".mp4") for v in videos)


def test_captions_with_credits(seed):
    assert [(c.text, c.credit) for c in seed.captions] == [
        ("The president’s office said Trump thinks it is possible to get Putin and Zelensky to meet", "Getty Images"),
        ("When Putin and Trump met in Alaska two months ago", "AFP/Getty Images"),
    ]


def test_every_paragraph_kept(seed):
    paragraphs = [b.text for b in seed.blocks]
    assert paragraphs[0].startswith("Donald Trump confirmed he will meet with the Russian president")
    assert paragraphs[-1].startswith("The last time the two leaders met was in Alaska")
    assert any(p.startswith("Trump said what will happen after US and Russian top officials") for p in paragraphs)
    assert len(paragraphs) == 26


@pytest.mark.parametrize("leak", [
    "@context", "addEventListener", "var player", "enable JavaScript", "Up Next", "Leave a Reply",
    "Your email address", "Got a story", "Follow Metro", "Related Posts", "(Picture:", "ballroom fundraising",
])
def test_no_script_jsonld_boilerplate_or_caption_in_text(seed, leak):
    assert leak not in seed.text


def test_blocks_index_the_text(seed):
    assert all(seed.text[b.start:b.end] == b.text for b in seed.blocks)
    assert seed.text == "\n\n".join(b.text for b in seed.blocks)
    assert len(seed.content_hash) == 64


def test_a_date_in_the_file_name_outranks_the_media_bounds(tmp_path, seed_path):
    saved = tmp_path / "metro-2025-10-16-trump-putin-budapest.txt"
    saved.write_bytes(seed_path.read_bytes())
    article = read(saved)
    assert article.published.value == "2025-10-16"
    assert article.published.source == "file" and "file name" in article.published.reason
    assert any("uploadDate" in (alt.get("where") or "") for alt in article.published.alternatives)
