"""Does the stories step cost grow linearly? Times cross-article linking (duplicates, entities, stories,
timelines: ``storyline.stories.update(store, rebuild=True)``) alone, on analyses already stored.

    PYTHONPATH=src python bench/stories_scale.py [--sizes 1000 5000 10000] [--pages DIR] [--keep DIR]

The articles are the real pages of ``examples/corpus/`` (or ``--pages``), analysed once, then repeated
with their names, places and dates varied, so that every copy is its own article rather than a
syndicated duplicate:

- every capitalised word (names, places, organisations) and every number of copy k is replaced by a
  pseudo-word or number of the same length drawn from a hash of (word, k), in the text, the headline
  and the analysis (entity names, aliases, event participants and places, quote speakers); equal
  lengths keep every offset valid;
- copy k is published 7·(k // pages) days after the original (plus the original spread), so the
  density of articles per day is the same at every size, as in a growing archive;
- dates the analysis stated (event times, timexes) move by the same number of days.

Each size is stored in its own SQLite file (not timed), then linked in a fresh process that reports
its time and peak memory (ru_maxrss of that process: imports, loading the analyses and the step).
The anchor is the per-article time at the smallest size, in the same run; the target is at most
1.5x that per article at 10,000, and peak memory under 1 GB.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "examples" / "corpus"
SHIFT_DAYS = 7
_VARIED = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,}|\d+)\b")
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _pseudo(word: str, k: int) -> str:
    """A stand-in for ``word`` in copy ``k``: same length and letter case, or digits for digits."""
    if k == 0:
        return word
    digest = hashlib.sha1(f"{word}/{k}".encode()).digest()
    if word.isdigit():
        return "".join(str(b % 10) for b in digest[: len(word)]).rjust(len(word), "1")[: len(word)]
    letters = "".join("bcdfghjklmnprstvwaeiou"[b % 22] for b in (digest * 4)[: len(word)])
    return "".join(c.upper() if w.isupper() else c for c, w in zip(letters, word, strict=True))


def _vary_text(text: str | None, k: int) -> str | None:
    return _VARIED.sub(lambda m: _pseudo(m.group(0), k), text) if text else text


def _shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    def move(m: re.Match) -> str:
        try:
            return (date.fromisoformat(m.group(1)) + timedelta(days=days)).isoformat()
        except ValueError:
            return m.group(1)
    return _ISO.sub(move, value)


def vary(article, analysis, k: int, days: int):
    """Copy ``k`` of an analysed article, its names, numbers and dates varied."""
    from storyline.model import DateValue

    article, analysis = copy.deepcopy(article), copy.deepcopy(analysis)
    article.text = _vary_text(article.text, k)
    article.title = _vary_text(article.title, k)
    article.source_path = f"{article.source_path or 'page'}#copy{k}"
    article.url = f"{article.url or 'https://example.org/page'}?copy={k}"
    article.content_hash = None
    published = article.published.value if article.published else "2004-11-13"
    article.published = DateValue(_shift(published, days), "meta", 1.0)
    for entity in analysis.entities:
        entity.name = _vary_text(entity.name, k)
        entity.aliases = [_vary_text(a, k) for a in entity.aliases]
        for mention in entity.mentions:
            mention.text = _vary_text(mention.text, k)
    for event in analysis.events:
        event.participants = [_vary_text(p, k) for p in event.participants]
        event.place = _vary_text(event.place, k)
        if event.sentence:
            event.sentence.text = _vary_text(event.sentence.text, k)
        if event.time:
            event.time.value = _shift(event.time.value, days)
    for quote in analysis.quotes:
        quote.text = _vary_text(quote.text, k)
        quote.speaker_entity = _vary_text(quote.speaker_entity, k)
    for timex in analysis.timexes:
        timex.value = _shift(timex.value, days)
    analysis.text = article.text
    analysis.article = article
    return article, analysis


def build_store(path: Path, size: int, pages: Path) -> float:
    """Store ``size`` varied copies of the analysed pages at ``path``; returns the seconds it took."""
    import storyline
    from storyline.analyze import analyze_many
    from storyline.store import Store

    started = time.perf_counter()
    originals = [storyline.read(p) for p in sorted(pages.glob("*.txt")) if not p.name.startswith(("README",))]
    originals = [a for a in originals if a.text.strip()]
    analyses = list(analyze_many(originals))
    with Store.create(path) as store:
        batch = []
        for n in range(size):
            k, page = divmod(n, len(originals))
            batch.append(vary(originals[page], analyses[page], k, k * SHIFT_DAYS))
            if len(batch) == 200:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
    return time.perf_counter() - started


def link(path: Path) -> dict:
    """Run the stories step over the store at ``path`` (in this process); its seconds and peak memory."""
    from storyline.store import Store
    from storyline.stories import update

    with Store(path) as store:
        articles = store.count()
        started = time.perf_counter()
        update(store, [], rebuild=True)
        seconds = time.perf_counter() - started
        stories = len(store.stories(limit=10_000_000))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": articles, "seconds": seconds, "stories": stories, "peak_mb": peak_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--pages", default=str(PAGES), help="folder of pages to repeat (default examples/corpus)")
    parser.add_argument("--keep", help="keep (and reuse) the stores in this folder")
    parser.add_argument("--link", help=argparse.SUPPRESS)  # internal: time one store in a fresh process
    args = parser.parse_args()
    if args.link:
        print(json.dumps(link(Path(args.link))))
        return
    pages = Path(args.pages)
    if not any(pages.glob("*.txt")):
        print(f"skipped: no pages in {pages}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for size in args.sizes:
            path = folder / f"stories-scale-{size}.db"
            if not path.exists():
                print(f"{size}: storing varied copies ({build_store(path, size, pages):.0f}s, not timed)", file=sys.stderr)
            done = subprocess.run([sys.executable, __file__, "--link", str(path)], capture_output=True, text=True,
                                  check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        anchor = rows[0]["seconds"] / rows[0]["articles"]
        print(f"{'articles':>8} {'stories':>8} {'seconds':>8} {'ms/article':>10} {'x anchor':>8} {'peak MB':>8}")
        for row in rows:
            per = row["seconds"] / row["articles"]
            print(f"{row['articles']:8d} {row['stories']:8d} {row['seconds']:8.1f} {1000 * per:10.2f} "
                  f"{per / anchor:8.2f} {row['peak_mb']:8.0f}")
        print(f"anchor: {1000 * anchor:.2f} ms/article at {rows[0]['articles']} articles (same run); "
              "target: at most 1.5x at 10,000, peak under 1024 MB")


if __name__ == "__main__":
    main()
