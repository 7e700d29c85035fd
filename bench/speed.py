"""Benchmark ``storyline ingest`` end to end against trafilatura + bare ``nlp.pipe`` on the same pages.

Measures, in one process: articles/s and peak RSS of the anchor (trafilatura extraction, then spaCy's
``nlp.pipe`` over the extracted texts) and of the ingest (read → analyse → store, plus the stories step);
1 vs 2 worker processes; and memory growth over many documents (cycling through the pages, each cycle
made distinct so nothing is skipped as a duplicate).

    .venv/bin/python bench/speed.py                 # all 714 pages, 5,000 documents for memory
    .venv/bin/python bench/speed.py --limit 100 --docs 1000   # a quick run
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from benchlib import SHARED  # noqa: E402 - bench/ is on sys.path when a script runs


def rss_mb() -> float:
    return _status("VmRSS")


def peak_mb() -> float:
    return _status("VmHWM")


def _status(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    """Reset this process's peak RSS (Linux: writing 5 to clear_refs), so each phase has its own peak."""
    with contextlib.suppress(OSError):  # not Linux: peaks then cover the whole run
        Path("/proc/self/clear_refs").write_text("5")


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the machine may be shared: wall time is noisy)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Sample(NamedTuple):
    """Memory at one point of the memory run: RSS in MB and the number of strings in spaCy's vocabulary."""

    rss: float = 0.0
    strings: int = 0


class Timer:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, cpu_seconds() - self.cpu


def load_pages(data: Path, limit: int | None) -> list[tuple[str, bytes, str | None]]:
    truth = json.loads((data / "ground-truth.json").read_text())
    pages = []
    for page_id, item in sorted(truth.items())[:limit]:
        path = data / "html" / f"{page_id}.html.gz"
        if path.exists():
            pages.append((page_id, gzip.decompress(path.read_bytes()), item.get("url")))
    return pages


def anchor(pages: list[tuple[str, bytes, str | None]]) -> tuple[Timer, float]:
    """trafilatura extraction, then bare ``nlp.pipe`` over the texts; returns (timer, peak MB)."""
    import trafilatura

    from storyline.analyze.nlp import get_nlp

    nlp = get_nlp()
    reset_peak()
    with Timer() as timer:
        texts = [trafilatura.extract(html.decode("utf-8", "replace"), url=url) or "" for _, html, url in pages]
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    return timer, peak_mb()


def as_pages(pages: list[tuple[str, bytes, str | None]], cycle: int = 0) -> Iterator:
    from storyline.model import Page

    for page_id, html, url in pages:
        # a cycle marker makes repeated pages distinct content, so the memory run never skips them
        content = html if cycle == 0 else html + f"<!-- cycle {cycle} -->".encode()
        yield Page(content, f"{page_id}#{cycle}", url=url, source="file")


def run_ingest(pages, workers: int, stories: bool, progress=None) -> tuple[Timer, float, dict]:
    """Ingest into a fresh SQLite store; returns (timer, peak MB of this process, summary)."""
    from storyline.pipeline.ingest import ingest
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store.create(Path(tmp) / "bench.db") as store:
        reset_peak()
        with Timer() as timer:
            summary = ingest(pages, store, workers=workers, update_stories=stories, progress=progress)
        return timer, peak_mb(), summary.as_dict()


def memory_growth(pages, docs: int, mark: int) -> tuple[Sample, Sample, float]:
    """RSS and spaCy's string count at document ``mark`` and at document ``docs``; returns (at mark, at end, articles/s)."""
    from itertools import islice

    from storyline.analyze.nlp import get_nlp

    strings = get_nlp().vocab.strings
    cycles = (docs + len(pages) - 1) // len(pages)
    stream = (p for cycle in range(1, cycles + 1) for p in as_pages(pages, cycle))
    samples: dict[int, Sample] = {}
    shown: set[int] = set()

    def progress(summary) -> None:
        sample = Sample(rss_mb(), len(strings))
        if summary.read >= mark and mark not in samples:
            samples[mark] = sample
        step = summary.read // 250 * 250
        if step and step not in shown:
            shown.add(step)
            print(f"  document {step}: RSS {sample.rss:.0f} MB, {sample.strings} strings in spaCy's vocabulary",
                  flush=True)
        samples[-1] = sample

    timer, _peak, summary = run_ingest(islice(stream, docs), 1, False, progress)
    return samples.get(mark, Sample()), samples.get(-1, Sample()), summary["read"] / timer.wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "extraction")
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N pages.")
    parser.add_argument("--docs", type=int, default=5000, help="Documents for the memory-growth run (0: skip).")
    parser.add_argument("--no-workers", action="store_true", help="Skip the 1 vs 2 workers comparison.")
    parser.add_argument("--memory-only", action="store_true", help="Only the memory-growth run.")
    parser.add_argument("--memory-pages", type=int, default=None,
                        help="Cycle the memory run through the N smallest pages (faster on a busy machine).")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"skipped: data not found at {args.data}")
        return 0
    logging.basicConfig(level=logging.ERROR)  # skipped pages are counted in the summary, not printed
    pages = load_pages(args.data, args.limit)
    print(f"{len(pages)} pages from {args.data}", flush=True)

    from storyline.analyze.nlp import get_nlp

    get_nlp()  # both sides start with the model loaded
    if not args.memory_only:
        speed(pages, workers=not args.no_workers)
    if args.docs:
        mark = min(500, args.docs // 10)
        cycled = sorted(pages, key=lambda p: len(p[1]))[: args.memory_pages] if args.memory_pages else pages
        print(f"memory run: {args.docs} documents cycling through {len(cycled)} pages", flush=True)
        at_mark, at_end, rate = memory_growth(cycled, args.docs, mark)
        growth = (at_end.rss - at_mark.rss) / at_mark.rss * 100 if at_mark.rss else 0.0
        print(f"memory over {args.docs} documents: {at_mark.rss:.0f} MB at document {mark}, {at_end.rss:.0f} MB at"
              f" the end ({growth:+.1f}%, target < 10%); spaCy strings {at_mark.strings} → {at_end.strings};"
              f" {rate:.2f} articles/s")
    return 0


def speed(pages: list[tuple[str, bytes, str | None]], workers: bool) -> None:
    """The throughput table: anchor, ingest with and without stories, and (``workers``) 2 worker processes."""
    rows = []
    anchor_t, anchor_peak = anchor(pages)
    rows.append(("anchor: trafilatura + nlp.pipe", anchor_t, anchor_peak))
    ingest_t, ingest_peak, summary = run_ingest(list(as_pages(pages)), 1, True)
    rows.append(("storyline ingest (read, analyse, store, stories)", ingest_t, ingest_peak))
    stored_t, stored_peak, _ = run_ingest(list(as_pages(pages)), 1, False)
    rows.append(("  without the stories step", stored_t, stored_peak))
    if workers:
        two_t, _, _ = run_ingest(list(as_pages(pages)), 2, False)
        rows.append(("  2 workers, without stories", two_t, children_peak_mb()))

    n = len(pages)
    print(f"\n{'run':50} {'wall s':>7} {'CPU s':>7} {'art/s wall':>10} {'art/s CPU':>10} {'peak MB':>8}")
    for name, timer, peak in rows:
        print(f"{name:50} {timer.wall:7.1f} {timer.cpu:7.1f} {n / timer.wall:10.2f} {n / timer.cpu:10.2f} {peak:8.0f}")
    print(f"\nsummary: {json.dumps(summary)}")
    print(f"end-to-end ingest / anchor throughput: {anchor_t.wall / ingest_t.wall:.2f}x wall, "
          f"{anchor_t.cpu / ingest_t.cpu:.2f}x CPU (target >= 0.6)")
    print(f"peak RSS of the ingest: {ingest_peak:.0f} MB (target <= 1024 per worker)")
    if workers:
        print(f"2 workers / 1 worker: {stored_t.wall / two_t.wall:.2f}x wall (target >= 1.7; {os.cpu_count()} CPUs,"
              f" load average {os.getloadavg()[0]:.1f}); peak RSS of a worker {children_peak_mb():.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
