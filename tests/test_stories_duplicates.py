"""Near-duplicate detection: a syndicated copy with another headline and boilerplate is one item."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import storyline
from storyline.model import DateValue
from storyline.stories import build
from storyline.stories.duplicates import find_duplicates

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TSUNAMI = CORPUS / "2004-12-29_tsunami-toll-passes-80-000-people-as-relief-effort-continues.txt"
UNRELATED = CORPUS / "2004-11-17_kmart-to-buy-sears-for-us-11-billion.txt"


def _syndicated_copy(article):
    """The same wire story under another headline and outlet, wrapped in the outlet's boilerplate."""
    body = ("Sign up for our free morning newsletter and get the day's top stories.\n\n"
            + article.text
            + "\n\nCopyright 2004 Daily Courier. All rights reserved. This material may not be "
              "published, broadcast, rewritten or redistributed.\n\nRead more: world news, Asia")
    return replace(article, title="Death toll climbs past 80,000 as aid pours in", publisher="Daily Courier",
                   url="https://courier.example/world/tsunami-toll", text=body,
                   published=DateValue("2004-12-30", "meta"))


def test_syndicated_copy_is_found_with_its_differences():
    original = storyline.read(TSUNAMI)
    copy = _syndicated_copy(original)
    found = find_duplicates([("copy", copy), ("original", original), ("other", storyline.read(UNRELATED))])
    assert len(found) == 1
    duplicate = found[0]
    assert (duplicate.article_id, duplicate.of_id) == ("copy", "original")  # the earlier one is kept
    assert duplicate.score >= 0.9
    assert duplicate.differences["title"] == [original.title, copy.title]
    assert duplicate.differences["publisher"] == [original.publisher, "Daily Courier"]
    assert duplicate.differences["published"] == ["2004-12-29", "2004-12-30"]


def test_copy_and_original_are_one_story_item_with_two_sources():
    original = storyline.read(TSUNAMI)
    linked = build([("original", original, None), ("copy", _syndicated_copy(original), None)])
    assert len(linked.stories) == 1
    (item,) = linked.stories[0].articles
    assert item.id == "original"
    assert [c["id"] for c in item.copies] == ["copy"]


def test_different_articles_are_not_duplicates():
    articles = [(path.name, storyline.read(path)) for path in sorted(CORPUS.glob("2004-12-2*.txt"))]
    assert find_duplicates(articles) == []


def test_short_texts_are_never_called_copies():
    article = storyline.read("Short note.")
    assert find_duplicates([("a", article), ("b", replace(article))]) == []
