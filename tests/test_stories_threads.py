"""Stories follow one real-world event thread: who, where and when keep events of one kind apart; stories
grow incrementally with stable ids; timelines place undated entries at their first report; exports."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli.stories import when
from storyline.model import Analysis, Article, DateValue, Entity, Event, EventTime, Span, TimelineEntry
from storyline.store import Store
from storyline.stories import build, sort_stories, update
from storyline.stories.timeline import Report, build_timeline

COLGAN = ("Colgan Air Flight 3407 crashed into a house in Clarence Center near Buffalo, New York, late on "
          "Thursday, killing all 49 people on board and one person on the ground. The Bombardier Q400 was "
          "flying from Newark. Investigators from the National Transportation Safety Board said the crew "
          "reported ice on the wings before the plane went down. Continental Connection operated the flight "
          "in {year}.")
AIRASIA = ("AirAsia Flight QZ8501 crashed into the Java Sea on Sunday with 162 people on board after leaving "
           "Surabaya for Singapore. The Airbus A320 lost contact with air traffic control over the Karimata "
           "Strait. Indonesian search teams said bodies and debris were found near Pangkalan Bun. Tony "
           "Fernandes said the airline was devastated. The crash is the worst for the airline since {year}.")
FOLLOW_UP = {
    "colgan": ("Investigators said on Saturday that the Colgan Air Flight 3407 crew in Clarence Center near "
               "Buffalo reacted wrongly to a stall warning before the crash that killed 50 people. The "
               "National Transportation Safety Board studied the Bombardier Q400 wreckage from Newark in {year}."),
    "airasia": ("Divers in the Java Sea found the tail of AirAsia Flight QZ8501 on Wednesday, days after the "
                "Airbus A320 crashed with 162 people on board on its way from Surabaya to Singapore. Tony "
                "Fernandes thanked the Indonesian search teams at Pangkalan Bun in {year}."),
}
NAMES = {"colgan": ["Colgan Air", "Clarence Center", "Buffalo", "Newark", "National Transportation Safety Board"],
         "airasia": ["AirAsia", "Java Sea", "Surabaya", "Singapore", "Tony Fernandes", "Pangkalan Bun"]}


def _crash(key: str, text: str, published: str, year: str) -> tuple[str, Article, Analysis]:
    body = text.format(year=year)
    article = Article(title=body.split(" on ")[0], text=body, published=DateValue(published, "meta"),
                      source_path=f"/pages/{key}-{published}.txt")
    entities = [Entity(f"e{n}", name, "PERSON" if name == "Tony Fernandes" else "ORG" if "Air" in name else "GPE")
                for n, name in enumerate(NAMES[key.split("-")[0]])]
    start = body.index("crash")
    event = Event("v1", "disaster", "", Span("crashed", start, start + 7), participants=[],
                  place=NAMES[key.split("-")[0]][2], status="occurred", sentence=Span(body[:120], 0, 120))
    return f"{key}-{published}", article, Analysis(text=body, article=article, entities=entities, events=[event])


def _crashes() -> list[tuple[str, Article, Analysis]]:
    return [_crash("colgan", COLGAN, "2009-02-13", "2009"), _crash("colgan", FOLLOW_UP["colgan"], "2009-02-15", "2009"),
            _crash("airasia", AIRASIA, "2014-12-28", "2014"), _crash("airasia", FOLLOW_UP["airasia"], "2014-12-31", "2014")]


def test_two_crashes_years_apart_never_share_a_story_or_a_timeline_entry():
    stories = build(_crashes()).stories
    memberships = sorted(sorted(a.id for a in s.articles) for s in stories)
    assert memberships == [["airasia-2014-12-28", "airasia-2014-12-31"], ["colgan-2009-02-13", "colgan-2009-02-15"]]
    # even when one story is forced to hold both, each crash keeps its own timeline entry
    timeline = build_timeline([Report(i, a, an) for i, a, an in _crashes()])
    crashes = [e for e in timeline if e.type == "disaster"]
    assert sorted(sorted(e.sources) for e in crashes) == memberships
    assert [e.reported for e in crashes] == ["2009-02-13", "2014-12-28"]


def test_a_new_article_joins_a_story_without_moving_the_others():
    items = _crashes()
    before = build(items[:3]).stories
    earlier = [[s.id.removeprefix("story-")] + [a.id for a in s.articles if f"story-{a.id}" != s.id] for s in before]
    after = build(items, earlier).stories
    assert {s.id for s in after} == {s.id for s in before}  # the new article joined: no id changed
    grown = next(s for s in after if s.id == "story-airasia-2014-12-28")
    assert [a.id for a in grown.articles] == ["airasia-2014-12-28", "airasia-2014-12-31"]


def test_a_page_flagged_no_article_never_starts_or_joins_a_story():
    items = _crashes()
    key, article, analysis = _crash("airasia-index", AIRASIA, "2014-12-29", "2014")
    article.flags.append("no_article")
    stories = build([*items, (key, article, analysis)]).stories
    assert key not in {a.id for s in stories for a in s.articles}


def test_undated_entries_sit_at_their_first_report_and_dateless_ones_go_last():
    text = "x" * 200
    def report(id: str, published: str | None, date: str | None, trigger: str, type: str) -> Report:
        article = Article(title=id, text=text, published=DateValue(published, "meta") if published else None)
        event = Event("e", type, "", Span(trigger, 10, 10 + len(trigger)), participants=[id], status="occurred",
                      time=EventTime(date, date) if date else None, sentence=Span(text[:40], 0, 40))
        return Report(id, article, Analysis(text=text, events=[event]))

    timeline = build_timeline([report("nodate", None, None, "protest", "protest"),
                               report("later", "2025-01-09", "2025-01-12", "resigned", "resign"),
                               report("undated", "2025-01-10", None, "hired", "hire")])
    assert [(e.type, e.when) for e in timeline] == [("hire", "reported"), ("resign", "stated"), ("protest", "unknown")]
    assert [when(e) for e in timeline] == ["reported 10 January 2025", "12 January 2025", "no date"]
    assert all(e.evidence and e.status == "occurred" for e in timeline)


def test_a_dateline_makes_no_timeline_entry():
    text = "BUFFALO, N.Y. (AP) — The plane crashed on Thursday."
    dateline = Event("d", "acquisition", "", Span("BUFFALO", 0, 7), participants=["Buffalo"], status="occurred")
    crash = Event("c", "disaster", "", Span("crashed", text.index("crashed"), text.index("crashed") + 7),
                  status="occurred")
    article = Article(title="Crash", text=text, published=DateValue("2009-02-13", "meta"))
    timeline = build_timeline([Report("a", article, Analysis(text=text, events=[dateline, crash]))])
    assert [e.type for e in timeline] == ["disaster"]


def test_recent_stories_come_first_and_size_is_another_order():
    stories = build(_crashes()).stories
    assert [s.id for s in stories] == ["story-airasia-2014-12-28", "story-colgan-2009-02-13"]
    assert [s.id for s in sort_stories(stories, "size")][0] in {s.id for s in stories}
    assert TimelineEntry(date=None, type="x").when == "stated"  # the default for a stated date


def test_stories_json_export_and_rebuild_through_the_cli(tmp_path):
    db = str(tmp_path / "crashes.db")
    with Store.create(db) as store:
        ids = [store.add(article, analysis).article_id for _, article, analysis in _crashes()]
        update(store, ids)
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).output)
    assert [len(s["articles"]) for s in listed] == [2, 2]
    assert all(a["path"].startswith("/pages/") for s in listed for a in s["articles"])
    out = tmp_path / "stories.jsonl"
    result = runner.invoke(app, ["export", "--what", "stories", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [s["id"] for s in listed]
    assert all(r["articles"] and r["timeline"] for r in rows)
    rebuilt = runner.invoke(app, ["stories", "--db", db, "--rebuild", "--sort", "size", "--json"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert sorted(s["id"] for s in json.loads(rebuilt.output)) == sorted(s["id"] for s in listed)
    assert "is not one of" in runner.invoke(app, ["stories", "--db", db, "--sort", "oldest"]).output


def test_the_api_lists_stories_by_latest_article_or_by_size(tmp_path):
    from fastapi.testclient import TestClient

    from storyline.serve.app import create_app

    db = tmp_path / "crashes.db"
    with Store.create(db) as store:
        update(store, [store.add(article, analysis).article_id for _, article, analysis in _crashes()])
    client = TestClient(create_app(str(db)))
    recent = client.get("/api/stories").json()
    assert [s["articles"][-1]["published"] for s in recent["items"]] == ["2014-12-31", "2009-02-15"]
    assert client.get("/api/stories", params={"sort": "size"}).status_code == 200
    assert client.get("/api/stories", params={"sort": "oldest"}).status_code == 422
    assert client.get("/stories", params={"sort": "size"}).status_code == 200


def test_undated_crashes_that_state_different_years_stay_apart():
    items = _crashes()
    for _, article, _ in items:
        article.published = None  # only who, where and the years the text states tell them apart
    memberships = sorted(sorted(a.id for a in s.articles) for s in build(items).stories)
    assert memberships == [["airasia-2014-12-28", "airasia-2014-12-31"], ["colgan-2009-02-13", "colgan-2009-02-15"]]
