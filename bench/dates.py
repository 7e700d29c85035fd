"""Benchmark the reader's publication day against htmldate and trafilatura on the dates dev set.

Runs, in one process and interleaved page by page, ``storyline.read`` (its ``published`` day),
htmldate's ``find_date`` (extensive and fast search, original date) and trafilatura's ``extract_metadata``
date; prints exact-day accuracy overall, for news and non-news pages, and on even/odd files (a split for
estimating how tuned weights generalise), plus pages per second.

    .venv/bin/python bench/dates.py [--data DIR] [--limit N] [--errors N] [--subset even|odd|news|other]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
import warnings
from pathlib import Path

from benchlib import SHARED  # noqa: E402 - bench/ is on sys.path when a script runs


def load_pages(data: Path, limit: int, subset: str | None) -> list[dict]:
    gold = json.loads((data / "gold.json").read_text("utf-8"))
    names = sorted(gold)
    pages = []
    for index, name in enumerate(names):
        entry = gold[name]
        if subset == "even" and index % 2:
            continue
        if subset == "odd" and not index % 2:
            continue
        if subset in ("news", "other") and bool(entry.get("news")) != (subset == "news"):
            continue
        raw = gzip.decompress((data / "pages" / name).read_bytes())
        pages.append({"id": name, "index": index, "url": entry.get("url"), "raw": raw, "gold": entry["date"],
                      "news": bool(entry.get("news")), "lang": entry.get("lang")})
        if limit and len(pages) >= limit:
            break
    return pages


def extractors() -> dict:
    from htmldate import find_date
    from trafilatura import extract_metadata

    from storyline.read import read
    from storyline.read.decode import decode

    def ours(page: dict) -> str | None:
        article = read(page["raw"], url=page["url"], fetched_at="2024-06-01")
        return article.published.value[:10] if article.published else None

    def text(page: dict) -> str:
        return decode(page["raw"])[0]

    def htmldate_extensive(page: dict) -> str | None:
        return find_date(text(page), url=page["url"], extensive_search=True, original_date=True)

    def htmldate_fast(page: dict) -> str | None:
        return find_date(text(page), url=page["url"], extensive_search=False, original_date=True)

    def trafilatura_metadata(page: dict) -> str | None:
        found = extract_metadata(text(page), default_url=page["url"])
        return found.date if found is not None else None

    return {"storyline": ours, "htmldate_extensive": htmldate_extensive, "htmldate_fast": htmldate_fast,
            "trafilatura": trafilatura_metadata}


def run(pages: list[dict], functions: dict) -> tuple[dict, dict]:
    """Predicted days and summed seconds per extractor; the order rotates per page so no one runs warm first."""
    names = list(functions)
    predictions: dict[str, list] = {n: [] for n in names}
    seconds = dict.fromkeys(names, 0.0)
    for i, page in enumerate(pages):
        k = i % len(names)
        for n in names[k:] + names[:k]:
            start = time.perf_counter()
            try:
                found = functions[n](page)
            except Exception as error:  # noqa: BLE001 - a failure scores as no date
                print(f"{n} failed on {page['id']}: {type(error).__name__}: {error}", file=sys.stderr)
                found = None
            seconds[n] += time.perf_counter() - start
            predictions[n].append((found or "")[:10] or None)
    return predictions, seconds


def accuracy(pages: list[dict], predicted: list, keep) -> tuple[float, int]:
    rows = [(p, d) for p, d in zip(pages, predicted, strict=True) if keep(p)]
    if not rows:
        return 0.0, 0
    return sum(1 for p, d in rows if d == p["gold"]) / len(rows), len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="dates set folder (default: ../shared/data/dates)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--subset", choices=("even", "odd", "news", "other"), help="only these pages")
    parser.add_argument("--extractors", default="storyline,htmldate_extensive,htmldate_fast,trafilatura",
                        help="which to run (storyline and htmldate_extensive always)")
    parser.add_argument("--errors", type=int, default=0, help="list up to N pages Storyline gets wrong")
    args = parser.parse_args(argv)
    data = args.data or SHARED / "data" / "dates"
    if not (data / "gold.json").exists():
        print(f"skipped: data not found ({data})")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    pages = load_pages(data, args.limit, args.subset)
    wanted = {"storyline", "htmldate_extensive", *args.extractors.split(",")}
    predictions, seconds = run(pages, {n: f for n, f in extractors().items() if n in wanted})
    splits = {
        "all": lambda p: True, "news": lambda p: p["news"], "non-news": lambda p: not p["news"],
        "even files": lambda p: p["index"] % 2 == 0, "odd files": lambda p: p["index"] % 2 == 1,
    }
    print(f"\n{len(pages)} pages from {data}\n")
    print("| extractor | " + " | ".join(splits) + " | pages/s |")
    print("|---|" + "---|" * (len(splits) + 1))
    for n, predicted in predictions.items():
        cells = []
        for keep in splits.values():
            value, count = accuracy(pages, predicted, keep)
            cells.append(f"{value:.3f} ({count})" if count else "-")
        print(f"| {n} | " + " | ".join(cells) + f" | {len(pages) / seconds[n]:.1f} |")
    ours = accuracy(pages, predictions["storyline"], splits["all"])[0]
    anchor = accuracy(pages, predictions["htmldate_extensive"], splits["all"])[0]
    print(f"\nanchor: htmldate_extensive; difference {100 * (ours - anchor):+.1f} points (target ≥ +2.0)")
    if args.errors:
        wrong = [(p, d) for p, d in zip(pages, predictions["storyline"], strict=True) if d != p["gold"]]
        for p, d in wrong[: args.errors]:
            others = {n: predictions[n][pages.index(p)] for n in predictions if n != "storyline"}
            print(f"{p['id']}: gold {p['gold']} ours {d} {others} {p['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
