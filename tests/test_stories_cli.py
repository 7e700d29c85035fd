"""The stories stage over a store, through the CLI: stories --json, story ID, entities --explain."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.model import Analysis, Article, DateValue, Entity, Event, EventTime, Mention, Span
from storyline.store import Store
from storyline.stories import update

FIRST = ("{name} met Donald Trump in Washington on Friday to ask for Tomahawk missiles, while Kyiv "
         "braced for more Russian strikes on its power grid. The summit in Budapest, announced on "
         "Thursday, would decide the next steps of the war in Ukraine, officials said.")
SECOND = ("A day after {name} met Donald Trump at the White House, Kyiv said it still hoped for long-range "
          "weapons. European leaders urged both sides to keep talking before the planned meeting in "
          "Hungary, and analysts warned that winter would test the Ukrainian grid.")


def _article(title: str, published: str, zelensky: str, body: str) -> tuple[Article, Analysis]:
    text = body.format(name=zelensky)
    article = Article(title=title, text=text, published=DateValue(published, "meta"),
                      url=f"https://news.example/{published}/{len(title)}", publisher="Example News")
    start = text.index(zelensky)
    entities = [Entity("e1", zelensky, "PERSON", mentions=[Mention(zelensky, start, start + len(zelensky), "PERSON")]),
                Entity("e2", "Kyiv", "GPE"), Entity("e3", "Donald Trump", "PERSON")]
    trigger = text.index("met")
    events = [Event("v1", "MEET", "036", Span("met", trigger, trigger + 3), participants=["Volodymyr Zelensky",
                    "Donald Trump"], place="Washington", time=EventTime("2025-10-17", "Friday"))]
    return article, Analysis(text=text, article=article, entities=entities, events=events)


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "stories.db"
    first = _article("Zelensky meets Trump", "2025-10-17", "Volodymyr Zelensky", FIRST)
    second = _article("Trump and Zelensky talk missiles", "2025-10-18", "Volodomyr Zelensky", SECOND)
    copy_article = replace(second[0], title="Missiles on the table at White House", publisher="Wire Copy",
                           text=second[0].text + "\n\nSubscribe to our newsletter.")
    with Store.create(path) as store:
        ids = [store.add(article, analysis).article_id
               for article, analysis in (first, second, (copy_article, replace(second[1], article=copy_article)))]
        update(store, ids)
    return str(path)


def test_stories_json_has_the_contract_shape(db):
    result = CliRunner().invoke(app, ["stories", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.output)
    assert {"id", "title", "articles", "timeline"} <= set(story)
    assert {"id", "title", "url", "path", "published"} <= set(story["articles"][0])
    assert len(story["articles"]) == 2  # the wire copy is folded into its original
    assert sum(len(a["copies"]) for a in story["articles"]) == 1
    (meeting,) = story["timeline"]
    assert {"date", "type", "participants", "status", "sources"} <= set(meeting)
    assert meeting["date"] == "2025-10-17" and len(meeting["sources"]) == 2

    shown = CliRunner().invoke(app, ["story", story["id"], "--db", db])
    assert shown.exit_code == 0 and "[occurred]" in shown.output


def test_entities_explain_shows_why_names_were_merged(db):
    result = CliRunner().invoke(app, ["entities", "--db", db, "--explain", "Volodomyr Zelensky"])
    assert result.exit_code == 0, result.output
    assert "first names spelled alike" in result.output
    listed = json.loads(CliRunner().invoke(app, ["entities", "--db", db, "--type", "PERSON", "--json"]).output)
    zelensky = next(e for e in listed if "Zelensky" in e["name"])
    assert len(zelensky["article_ids"]) == 2


def test_unknown_story_is_a_clear_error(db):
    result = CliRunner().invoke(app, ["story", "story-nope", "--db", db])
    assert result.exit_code == 1
    assert "no story" in result.output


THIRD = ("Two days after {name} met Donald Trump, Kyiv asked again for Tomahawk missiles as Russian strikes "
         "hit the power grid. The Budapest summit with Trump was put off, officials in Washington said.")


def test_a_new_article_joins_the_existing_story_and_reruns_are_stable(db):
    runner = CliRunner()
    before = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).output)
    with Store.create(db) as store:
        article, analysis = _article("Budapest summit put off", "2025-10-19", "Volodymyr Zelensky", THIRD)
        new_id = store.add(article, analysis).article_id
        update(store, [new_id])
        update(store, [new_id])
    after = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).output)
    assert [s["id"] for s in after] == [s["id"] for s in before]
    assert new_id in {a["id"] for a in after[0]["articles"]}
    assert len(after[0]["articles"]) == 3


def test_a_story_can_be_named_by_the_start_of_its_id(db):
    (story,) = json.loads(CliRunner().invoke(app, ["stories", "--db", db, "--json"]).output)
    shown = CliRunner().invoke(app, ["story", story["id"][:10], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert story["id"] in shown.output
