"""Benchmark ``storyline digest`` on one huge page: wall time and peak RSS, against an ordinary page.

The big page is HTML built from the sample corpus in ``examples/corpus/`` (43 public-domain Wikinews
articles, bundled, so no download and no ``../shared`` needed): each article's title becomes an ``<h2>``
and its paragraphs ``<p>`` elements, articles drawn in a seeded random order, repeated until the page
reaches the size asked for (20 MB by default) — varied news paragraphs, many names, quotes and dates.
The anchor is the corpus's median-length article alone on a page built the same way, digested in the
same run.

Each digest runs in its own process (``storyline digest PAGE --json``, as a user runs it); the peak RSS
is that process's ``ru_maxrss``. The issue's goal: under 60 s and 1.5 GB on a 2-core machine, with the
article flagged ``analysis_truncated`` when the analysis was cut.

    .venv/bin/python bench/bigpage.py                  # 20 MB page
    .venv/bin/python bench/bigpage.py --size-mb 2      # a quick run
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


class Run(NamedTuple):
    seconds: float
    peak_mb: float
    flags: list[str]
    exit_code: int


def _articles() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of each sample article (``Title:``/``URL:``/``Date:`` header, then paragraphs)."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n\n")
        header = dict(line.split(":", 1) for line in lines[0].splitlines() if ":" in line)
        paragraphs = [" ".join(p.split()) for p in lines[1:] if p.strip()]
        found.append((header.get("Title", path.stem).strip(), paragraphs))
    return found


def build_page(size_bytes: int, seed: int = 0) -> bytes:
    """An HTML page of at least ``size_bytes`` of sample news articles, drawn in a seeded random order."""
    pool = _articles()
    rng = random.Random(seed)
    return _page((rng.choice(pool) for _ in itertools.count()), size_bytes)


def _page(articles: Iterable[tuple[str, list[str]]], size_bytes: int) -> bytes:
    """Articles as ``<h2>`` and ``<p>`` in one page, until it holds ``size_bytes`` (one article at least)."""
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'><title>News digest</title>"
             "<meta name='date' content='2005-01-07'></head><body><article><h1>News digest</h1>"]
    size = 0
    for title, paragraphs in articles:
        block = f"<h2>{html.escape(title)}</h2>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        parts.append(block)
        size += len(block.encode("utf-8"))
        if size >= size_bytes:
            break
    parts.append("</article></body></html>")
    return "".join(parts).encode("utf-8")


def ordinary_page() -> bytes:
    """The anchor: the sample article of median length, alone on its page."""
    pool = sorted(_articles(), key=lambda article: sum(map(len, article[1])))
    return _page([pool[len(pool) // 2]], 0)


def digest(page: Path) -> Run:
    """``storyline digest PAGE --json`` in its own process: wall time, peak RSS and the analysis flags."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "digest",
                                str(page), "--json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    try:
        flags = json.loads(out).get("flags") or []
    except ValueError:
        flags = ["(no JSON output)"]
    return Run(seconds, usage.ru_maxrss / 1024, flags, os.waitstatus_to_exitcode(status))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20.0, help="size of the big page (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no sample corpus at {CORPUS}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        anchor_page, big_page = Path(tmp) / "one-article.html", Path(tmp) / "big.html"
        anchor_page.write_bytes(ordinary_page())
        big_page.write_bytes(build_page(int(args.size_mb * 1024 * 1024), args.seed))
        anchor, big = digest(anchor_page), digest(big_page)
        sizes = anchor_page.stat().st_size, big_page.stat().st_size
    print(f"{'page':<22} {'kB':>8} {'seconds':>8} {'peak RSS MB':>12}  exit  flags")
    for name, size, run in (("anchor: one article", sizes[0], anchor), ("big page", sizes[1], big)):
        print(f"{name:<22} {size / 1024:>8.0f} {run.seconds:>8.1f} {run.peak_mb:>12.0f}  {run.exit_code:>4}  "
              f"{', '.join(run.flags) or '-'}")
    print(f"big / anchor: time x{big.seconds / anchor.seconds:.1f}, peak RSS x{big.peak_mb / anchor.peak_mb:.2f}")
    goal = big.seconds < 60 and big.peak_mb < 1536 and big.exit_code == 0
    print(f"goal (< 60 s, < 1.5 GB, exit 0): {'met' if goal else 'NOT met'}; "
          f"flagged analysis_truncated: {'analysis_truncated' in big.flags}")


if __name__ == "__main__":
    main()
