"""Records round-trip through JSON."""

import json

from storyline.model import Article, Block, DateValue, Evidence, Media, from_dict, to_dict


def test_article_round_trips_through_json():
    art = Article(
        title="T", text="Body.", blocks=[Block("paragraph", "Body.", 0, 5)],
        published=DateValue("2025-10-16", "json-ld", 0.9), media=[Media("VideoObject", duration_s=234.0)],
        evidence={"title": Evidence("meta", 0.8)},
    )
    data = json.loads(json.dumps(to_dict(art)))
    assert from_dict(Article, data) == art
