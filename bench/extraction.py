"""Benchmark the article reader's body text against trafilatura on the extraction dev set (AEB metric).

Runs, in one process and interleaved page by page, ``storyline.read`` and trafilatura's settings
(the anchor is the best of them by F1); prints F1/precision/recall, pages per second and the ratios, overall and per
source (L3S-GN1, Readability).
Also scores ``read()`` on the naive text dumps of the same pages (``dumps/<id>.txt``).

    .venv/bin/python bench/extraction.py [--data DIR] [--limit N] [--anchors default,recall,precision,fast]
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

from benchlib import SHARED, load_module  # noqa: E402 - bench/ is on sys.path when a script runs

TRAFILATURA_SETTINGS = {
    "default": {},
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
    "fast": {"fast": True},
}


def load_metric(data: Path):
    """The reference AEB scorer, imported by path: beside the data set's shared folder, else in $STORYLINE_SHARED."""
    for shared in (data.parents[1] if len(data.parents) > 1 else data, SHARED):
        path = shared / "bench" / "extraction" / "aeb_metric.py"
        if path.exists():
            return load_module("aeb_metric", path)
    return None


def load_pages(data: Path, limit: int) -> list[dict]:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages = []
    for pid in ids:
        html = gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8")
        dump_path = data / "dumps" / f"{pid}.txt"
        dump = dump_path.read_text("utf-8") if dump_path.exists() else None
        pages.append({"id": pid, "url": truth[pid].get("url"), "html": html, "dump": dump, "truth": truth[pid]["articleBody"],
                      "source": truth[pid].get("source") or "all"})
    return pages


def extractors(anchors: list[str]):
    import trafilatura

    from storyline.read import read

    def ours(html: str, url: str | None) -> str:
        return read(html, url=url).text

    found = {"storyline": ours}
    for name in anchors:
        options = TRAFILATURA_SETTINGS[name]
        found[f"trafilatura_{name}"] = lambda html, url, o=options: trafilatura.extract(html, url=url, include_comments=False, **o) or ""
    return found


def run(pages: list[dict], functions: dict, warmup: int = 25) -> tuple[dict, dict]:
    """Predictions and summed seconds per extractor; the order rotates per page so no one runs warm first.

    Each extractor first reads ``warmup`` pages untimed: lazy imports and one-time tables (htmldate's
    dateparser builds its locale tables on first use, several seconds) are paid once per process, not per page."""
    names = list(functions)
    predictions = {n: [] for n in names}
    seconds = dict.fromkeys(names, 0.0)
    for n in names:
        for page in pages[:: max(1, len(pages) // max(1, warmup))][: max(1, warmup)]:  # spread: pages of every kind
            functions[n](page["html"], page["url"])
    for i, page in enumerate(pages):
        k = i % len(names)
        outputs = {}
        for n in names[k:] + names[:k]:
            start = time.perf_counter()
            try:
                outputs[n] = functions[n](page["html"], page["url"])
            except Exception as error:  # noqa: BLE001 - a failure scores as an empty prediction
                print(f"{n} failed on {page['id']}: {type(error).__name__}: {error}", file=sys.stderr)
                outputs[n] = ""
            seconds[n] += time.perf_counter() - start
        for n in names:
            predictions[n].append(outputs[n])
    return predictions, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="extraction set folder (default: ../shared/data/extraction)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--anchors", default="default,recall,precision,fast", help="trafilatura settings to run")
    parser.add_argument("--warmup", type=int, default=25, help="pages each extractor reads untimed first")
    parser.add_argument("--no-dumps", action="store_true", help="skip the text-dump scoring")
    parser.add_argument("--per-page", type=Path, help="write per-page F1 of each extractor (JSON) here")
    args = parser.parse_args(argv)
    data = args.data or SHARED / "data" / "extraction"
    if not (data / "ground-truth.json").exists():
        print(f"skipped: data not found ({data})")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    metric = load_metric(data.resolve())
    if metric is None:
        print("skipped: the reference scorer bench/extraction/aeb_metric.py was not found")
        return 0
    pages = load_pages(data, args.limit)
    truths = [p["truth"] for p in pages]
    predictions, seconds = run(pages, extractors([a for a in args.anchors.split(",") if a]), args.warmup)
    scores = {n: metric.score(truths, preds, n_bootstrap=0) for n, preds in predictions.items()}
    speed = {n: len(pages) / seconds[n] for n in predictions}
    anchor = max((n for n in scores if n != "storyline"), key=lambda n: scores[n]["f1"])
    print(f"\n{len(pages)} pages from {data}\n")
    print("| extractor | F1 | precision | recall | empty | pages/s |")
    print("|---|---|---|---|---|---|")
    for n in sorted(scores, key=lambda n: -scores[n]["f1"]):
        s = scores[n]
        print(f"| {n} | {s['f1']:.4f} | {s['precision']:.4f} | {s['recall']:.4f} | {s['n_empty_pred']} | {speed[n]:.1f} |")
    sources = sorted({p["source"] for p in pages})
    if len(sources) > 1:
        print("\nper source (F1; the anchor is the best trafilatura setting on that source):\n")
        print("| source | pages | " + " | ".join(scores) + " | storyline − anchor |")
        print("|---|---|" + "---|" * (len(scores) + 1))
        for source in sources:
            index = [i for i, p in enumerate(pages) if p["source"] == source]
            part = {n: metric.score([truths[i] for i in index], [predictions[n][i] for i in index], n_bootstrap=0)["f1"] for n in scores}
            best = max((n for n in part if n != "storyline"), key=lambda n: part[n])
            print(f"| {source} | {len(index)} | " + " | ".join(f"{part[n]:.4f}" for n in scores)
                  + f" | {100 * (part['storyline'] - part[best]):+.2f} ({best}) |")
    ours = scores["storyline"]
    print(f"\nanchor: {anchor} (best trafilatura setting in this run)")
    print(f"F1 difference: {100 * (ours['f1'] - scores[anchor]['f1']):+.2f} points (target ≥ +1.00)")
    print(f"throughput ratio: {speed['storyline'] / speed[anchor]:.2f}x (target ≥ 0.80x)")
    if not args.no_dumps:
        dumped = [p for p in pages if p["dump"] is not None]
        if dumped:
            from storyline.read import read

            texts = [read(p["dump"]).text for p in dumped]
            dump_scores = metric.score([p["truth"] for p in dumped], texts, n_bootstrap=0)
            raw_scores = metric.score([p["truth"] for p in dumped], [p["dump"] for p in dumped], n_bootstrap=0)
            print(f"\ntext dumps ({len(dumped)}): read() F1 {dump_scores['f1']:.4f} (P {dump_scores['precision']:.4f} "
                  f"R {dump_scores['recall']:.4f}); the dump as is {raw_scores['f1']:.4f} (target ≥ 0.90)")
            for source in sorted({p["source"] for p in dumped}):
                index = [i for i, p in enumerate(dumped) if p["source"] == source]
                part = metric.score([dumped[i]["truth"] for i in index], [texts[i] for i in index], n_bootstrap=0)
                print(f"  {source} ({len(index)}): read() F1 {part['f1']:.4f}")
    if args.per_page:
        rows = {n: {p["id"]: metric.per_page([p["truth"]], [pred])[0]["f1"] for p, pred in zip(pages, preds, strict=True)}
                for n, preds in predictions.items()}
        args.per_page.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
