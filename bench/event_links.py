"""Cost of cross-document event linking (``stories.crossdoc.link_events``) on stored analyses as the corpus grows.

Usage: ``python bench/event_links.py [--sizes 1000,5000,10000] [--story 6]``. The articles are synthetic
stored analyses built from a few templates of real news events (a crash, a shooting, an earthquake, an
acquisition, an arrest), each repeated with its names, places and dates varied, so that no two stories
share their participants; ``--story`` articles report each happening. Linking runs on the stories as the
stories stage gives them. Prints the time per article at each size and its ratio to the smallest size
(the anchor, same run), and the peak memory of the linking step (tracemalloc). Needs no shared data.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from datetime import date, timedelta

from storyline.model import Analysis, Article, DateValue, Entity, Event, EventTime, Span
from storyline.stories.crossdoc import link_events

TEMPLATES = (  # (event type, trigger words by article, sentence with {who} {where})
    ("accident", ("crashed", "crash", "crashed"), "A {who} plane {trigger} near {where} on Sunday, officials said."),
    ("attack", ("shot", "shooting", "shot"), "A gunman {trigger} two people at a bar in {where}, police chief {who} said."),
    ("disaster", ("struck", "earthquake", "quake"), "An earthquake {trigger} {where}, and {who} led the rescue."),
    ("deal", ("acquired", "acquisition", "buy"), "{who} {trigger} a rival in {where} for $2 billion."),
    ("arrest", ("arrested", "arrest", "detained"), "Police {trigger} {who} in {where} after a chase."),
)


def article(index: int, story: int, member: int) -> tuple[str, Article, Analysis]:
    """One synthetic stored article: member ``member`` of story ``story``."""
    kind, triggers, pattern = TEMPLATES[story % len(TEMPLATES)]
    who, where = f"Name{story} Person{story}", f"Town{story}"
    trigger = triggers[member % len(triggers)]
    text = pattern.format(who=who, where=where, trigger=trigger) + f" Report {member} on story {story} follows."
    start = text.index(trigger)
    day = (date(2010, 1, 1) + timedelta(days=story % 3000)).isoformat()
    first = text.split(".")[0] + "."
    event = Event(id="e1", type=kind, cameo="", trigger=Span(trigger, start, start + len(trigger)),
                  participants=[who], place=where, time=EventTime(day, "Sunday"), sentence=Span(first, 0, len(first)))
    entities = [Entity(id="n1", name=who, type="PERSON"), Entity(id="n2", name=where, type="GPE")]
    art = Article(title=first, published=DateValue(day, "bench"), text=text)
    return f"a{index}", art, Analysis(text=text, article=art, entities=entities, events=[event])


def corpus(size: int, story_size: int) -> tuple[list, list[list[str]]]:
    items, stories = [], []
    for story in range(size // story_size):
        members = [article(story * story_size + m, story, m) for m in range(story_size)]
        items.extend(members)
        stories.append([item[0] for item in members])
    return items, stories


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--story", type=int, default=6, help="articles per story")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    link_events(*corpus(args.story * 2, args.story))  # warm-up: lexicons and model loaded once
    anchor = None
    print("| articles | linked events | s/article (ms) | ratio to anchor | peak MB |")
    print("|---|---|---|---|---|")
    for size in sizes:
        items, stories = corpus(size, args.story)
        tracemalloc.start()
        started = time.perf_counter()
        linked = link_events(items, stories)
        per_article = (time.perf_counter() - started) / len(items)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        anchor = anchor or per_article
        print(f"| {len(items)} | {len(linked)} | {1000 * per_article:.3f} | {per_article / anchor:.2f} | {peak:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
