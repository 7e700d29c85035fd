"""Stories: the 2004 tsunami articles form one story; timelines order events across articles."""

from __future__ import annotations

from pathlib import Path

import storyline
from storyline.model import Analysis, Article, DateValue, Event, EventTime, Span
from storyline.stories import build
from storyline.stories.timeline import Report, build_timeline

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TSUNAMI = {
    "2004-12-27_u-s-and-u-k-governments-warn-citizens-against-travelling-to.txt",
    "2004-12-28_asian-earthquake-toll-nears-60-000.txt",
    "2004-12-29_tsunami-toll-passes-80-000-people-as-relief-effort-continues.txt",
    "2004-12-31_americans-contribute-to-relief-effort.txt",
    "2005-01-03_un-optimistic-on-tsunami-aid-effort.txt",
}


def test_tsunami_articles_form_one_story_that_nothing_else_joins():
    from storyline.analyze import analyze_many

    articles = [(path.name, storyline.read(path)) for path in sorted(CORPUS.glob("20*.txt"))]
    analyses = analyze_many([article for _, article in articles])  # stories are made after the analysis
    items = [(name, article, analysis) for (name, article), analysis in zip(articles, analyses, strict=True)]
    stories = build(items).stories
    tsunami = [s for s in stories if TSUNAMI & {a.id for a in s.articles}]
    assert len(tsunami) == 1
    story = tsunami[0]
    assert {a.id for a in story.articles} == TSUNAMI
    assert story.id == "story-2004-12-27_u-s-and-u-k-governments-warn-citizens-against-travelling-to.txt"
    reported = [entry.statuses[0]["published"] for entry in story.timeline]
    assert reported == sorted(reported)  # undated reports in reported order


def _event(id: str, trigger: str, start: int, date: str | None, status: str = "occurred",
           participants: tuple[str, ...] = ("Acme",), type: str = "RESIGN") -> Event:
    return Event(id=id, type=type, cameo="", trigger=Span(trigger, start, start + len(trigger)),
                 participants=list(participants), status=status,
                 time=EventTime(date, date) if date else None, sentence=Span("", start, start + 40))


def _report(id: str, published: str, events: list[Event]) -> Report:
    article = Article(title=id, text="x" * 200, published=DateValue(published, "meta"))
    return Report(id, article, Analysis(text=article.text, events=events))


def test_timeline_orders_events_across_articles_and_links_the_same_event():
    first = _report("monday", "2025-01-06", [
        _event("e1", "resign", 0, "2025-01-10", status="planned", participants=("Jane Doe", "Acme")),
        _event("e2", "hired", 60, "2025-01-02", type="HIRE")])
    second = _report("friday", "2025-01-10", [
        _event("e1", "resigned", 0, "2025-01-10", participants=("Jane Doe",)),
        _event("e2", "protest", 60, None, type="PROTEST", participants=("Unions",))])
    timeline = build_timeline([second, first])
    assert [(e.date, e.type) for e in timeline] == [
        ("2025-01-02", "HIRE"), ("2025-01-10", "RESIGN"), (None, "PROTEST")]
    resign = timeline[1]
    assert resign.sources == ["monday", "friday"]
    assert [s["status"] for s in resign.statuses] == ["planned", "occurred"]
    assert resign.status == "occurred"


def test_events_with_conflicting_dates_stay_apart():
    a = _report("a", "2025-01-06", [_event("e1", "resign", 0, "2025-01-06")])
    b = _report("b", "2025-03-01", [_event("e1", "resign", 0, "2025-03-01")])
    assert len(build_timeline([a, b])) == 2


def test_the_same_unnamed_disaster_in_two_reports_is_one_entry():
    first = _report("a", "2004-12-28", [_event("x", "earthquake", 10, None, participants=(), type="disaster")])
    second = _report("b", "2004-12-29", [_event("y", "earthquake", 30, None, participants=(), type="disaster")])
    (entry,) = build_timeline([first, second])
    assert entry.type == "disaster" and sorted(entry.sources) == ["a", "b"]


def test_events_the_cross_document_model_joined_share_one_entry():
    # different words and no shared participant: the rules keep them apart, the learned link joins them
    first = _report("a1", "2025-03-01", [_event("v1", "quit", 10, None, participants=("Acme",))])
    second = _report("a2", "2025-03-02", [_event("v1", "stepped down", 10, None, participants=("the chief",))])
    assert len(build_timeline([first, second])) == 2
    joined = build_timeline([first, second], linked={"a1/v1": "happening-1", "a2/v1": "happening-1"})
    assert len(joined) == 1 and joined[0].sources == ["a1", "a2"]
