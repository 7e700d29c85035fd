"""A small real Store for the serve tests: two hand-made analysed articles (one carrying script
and image-tag payloads in its title and text) and one story with a planned and an undated event."""

from __future__ import annotations

from pathlib import Path

from storyline.model import (
    Analysis,
    Article,
    Block,
    DateValue,
    Entity,
    Event,
    EventTime,
    Evidence,
    Mention,
    Quote,
    Span,
    Story,
    StoryArticle,
    TimelineEntry,
    Timex,
)
from storyline.store import Store

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="alert(2)">'


def _summit_article() -> tuple[Article, Analysis]:
    text = ("Trump and Putin agreed on Thursday to meet in Budapest.\n\n"
            "\"We will meet within two weeks,\" Trump said. Putin said the call was \"very frank\".\n\n"
            f"A reader wrote {XSS_SCRIPT} and {XSS_IMG} in a comment.")
    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return i, i + len(s)
    paras = [(0, text.index("\n\n")), (text.index("\"We"), text.index("\n\nA reader")), (text.index("A reader"), len(text))]
    blocks = [Block("paragraph", text[a:b], a, b) for a, b in paras]
    trump = Entity("e1", "Donald Trump", "PERSON", aliases=["Trump"], roles=["president"],
                   mentions=[Mention("Trump", *at("Trump"), "PERSON"), Mention("Trump", *at("Trump", 1), "PERSON")])
    putin = Entity("e2", "Vladimir Putin", "PERSON", mentions=[Mention("Putin", *at("Putin"), "PERSON"),
                                                               Mention("Putin", *at("Putin", 1), "PERSON")])
    budapest = Entity("e3", "Budapest", "GPE", mentions=[Mention("Budapest", *at("Budapest"), "GPE")])
    q1s, q1e = at("We will meet within two weeks,")
    q2s, q2e = at("very frank")
    quotes = [
        Quote("We will meet within two weeks,", q1s, q1e, "direct", cue=Span("said", *at("said")),
              speaker=Span("Trump", *at("Trump", 1)), speaker_entity="e1",
              evidence=[Evidence("rule", 0.9, q1s, q1e, reason="quote then cue then name")]),
        Quote("very frank", q2s, q2e, "partial", cue=Span("said", *at("said", 1)),
              speaker=Span("Putin", *at("Putin", 1)), speaker_entity="e2"),
    ]
    timexes = [Timex("on Thursday", *at("on Thursday"), "DATE", "2025-10-16", anchor="2025-10-16"),
               Timex("within two weeks", *at("within two weeks"), "DATE", "2025-10-30", mod="BEFORE")]
    events = [Event("ev1", "meeting", "04", Span("meet", *at("meet")), ["Donald Trump", "Vladimir Putin"],
                    place="Budapest", time=EventTime("2025-10-30", "within two weeks"), status="planned",
                    sentence=Span(text[:paras[0][1]], 0, paras[0][1]))]
    article = Article(title=f"Summit {XSS_SCRIPT} in Budapest", publisher="Metro", url="javascript:alert(3)",
                      published=DateValue("2025-10-16", "json-ld"), text=text, blocks=blocks)
    return article, Analysis(text, article, "2025-10-16", "en", [trump, putin, budapest], quotes, timexes, events)


def _plain_article() -> tuple[Article, Analysis]:
    text = "The tsunami struck on December 26, 2004."
    article = Article(title="Tsunami strikes", publisher="Wikinews", url="https://en.wikinews.org/wiki/T",
                      published=DateValue("2004-12-27", "header"), text=text)
    timex = Timex("December 26, 2004", 21, 38, "DATE", "2004-12-26")
    return article, Analysis(text, article, "2004-12-27", "en", timexes=[timex])


def build_sample_store(path: Path) -> tuple[Store, dict[str, str]]:
    """A SQLite store at ``path`` with the sample records; returns it and the ids by name."""
    store = Store.create(path)
    return store, add_sample_records(store)


def add_sample_records(store: Store) -> dict[str, str]:
    """Add the two hand-made articles and their story; returns the ids by name."""
    summit = store.add(*_summit_article()).article_id
    tsunami = store.add(*_plain_article()).article_id
    story = Story(
        "s1", f"Budapest summit {XSS_IMG}",
        articles=[StoryArticle(summit, "Summit in Budapest", published="2025-10-16"),
                  StoryArticle(tsunami, "Tsunami strikes", published="2004-12-27")],
        timeline=[
            TimelineEntry("2025-10-16", "phone call", ["Donald Trump", "Vladimir Putin"], "occurred", [summit]),
            TimelineEntry("2025-10-30", "meeting", ["Donald Trump", "Vladimir Putin"], "planned", [summit],
                          place="Budapest", trigger="meet"),
            TimelineEntry(None, "threat", ["Hamas"], "hypothetical", [summit]),
        ],
        participants=["Donald Trump", "Vladimir Putin"],
        quotes=[{"text": "We will meet within two weeks,", "speaker": "Donald Trump", "article_id": summit}],
    )
    store.save_stories([story])
    return {"summit": summit, "tsunami": tsunami, "story": "s1", "trump": "PERSON:Donald Trump"}


def add_corpus(store: Store, files: list[Path]) -> list[str]:
    """Read, analyse and store real sample-corpus files, then build stories when that stage exists."""
    import storyline
    from storyline import stories

    articles = [storyline.read(path) for path in files]
    ids = [store.add(article, analysis).article_id
           for article, analysis in zip(articles, storyline.analyze_many(articles), strict=True)]
    if hasattr(stories, "update"):
        stories.update(store, ids)
    return ids
