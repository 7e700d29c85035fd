"""A small store for the output tests: an article whose many quotes match one word, another article,
and events whose times are TIMEX values people should not have to read raw."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Analysis, Article, DateValue, Event, EventTime, Quote, Span
from storyline.store import Store


def _article(title: str, published: str, sentences: list[str]) -> tuple[Article, list[tuple[int, int]]]:
    text = "\n\n".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 2
    return Article(title=title, published=DateValue(published, "json-ld"), text=text), spans


def build_readable_store(path: Path) -> Path:
    """Two articles: a flood report with many quotes about the dam, and a council meeting."""
    lines = [f"\u201cThe dam held on day {i},\u201d the engineer said." for i in range(8)]
    flood, spans = _article("Dam holds as river floods", "2014-12-28T09:15:00+01:00", lines)
    quotes = [Quote(line[1:line.index(",")], start + 1, start + line.index(","), "direct",
                    cue=Span("said", end - 5, end - 1), speaker=Span("the engineer", end - 18, end - 6),
                    speaker_entity="Anna Berg") for line, (start, end) in zip(lines, spans, strict=True)]
    events = [Event("ev1", "disaster", "", Span("floods", 0, 6), time=EventTime("2014-12-28TMO", "Sunday morning")),
              Event("ev2", "meeting", "", Span("met", 0, 3), ["Anna Berg"], time=EventTime("2004-W49", "that week")),
              Event("ev3", "statement", "", Span("said", 0, 4), ["Anna Berg"])]
    council, _ = _article("Council meets on the dam", "2014-12-30", ["The council discussed the dam on Tuesday."])
    with Store.create(path) as store:
        store.add(flood, Analysis(flood.text, flood, "2014-12-28", "en", quotes=quotes, events=events))
        store.add(council, Analysis(council.text, council, "2014-12-30", "en"))
    return path
