"""Story detection on the dev sets: ingest each folder into a fresh store, then score its stories.

    PYTHONPATH=src python bench/stories.py [--shared DIR] [--sets ecbplus-val gvc-val] [--db-dir DIR] [--cross]

For each set in ``../shared/data/stories/`` this does what a user does — ``storyline ingest
'DIR/*.txt' --db X`` then ``storyline stories --json --limit 1000000 --db X > S.json`` — and scores
S.json with ``../shared/bench/stories/score_stories.py score DIR/labels.json S.json`` (B-cubed F1
beside the TF-IDF single-link baselines). ``--db-dir`` keeps the stores there and reuses them (the
stories are rebuilt, the analyses are not redone). ``--cross`` estimates generalisation: the join
threshold is tuned on one set and scored on the other, both ways. Skips cleanly without the data.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

from benchlib import load_module, shared_dir
from storyline.model import to_dict
from storyline.store.db import Store
from storyline.stories import cluster, update

try:  # the ingest runner moves to storyline.pipeline with the layout refactor
    from storyline.pipeline.ingest import ingest
except ImportError:  # pragma: no cover - before the refactor
    from storyline.store.ingest import ingest

SETS = ("ecbplus-val", "gvc-val")
THRESHOLDS = (0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22)


def stories_json(store: Store, out: Path) -> None:
    """What ``storyline stories --json`` prints, written to ``out``."""
    out.write_text(json.dumps(to_dict(store.stories(limit=10_000_000)), ensure_ascii=False))


def score_set(scorer, folder: Path, store: Store, out: Path, quiet: bool = False) -> float:
    """B-cubed F1 of the store's stories (the scorer's report is printed unless ``quiet``)."""
    stories_json(store, out)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        scores = scorer.score(folder / "labels.json", out)
    if not quiet:
        print(buffer.getvalue(), end="")
    f1 = 100 * scores["storyline"]
    if not quiet:
        print(f"story B3 F1 {f1:.1f}")
    return f1


def open_set(folder: Path, db_dir: Path, name: str) -> Store:
    """A store with the set's articles analysed (ingested once, reused from ``db_dir``)."""
    path = db_dir / f"{name}.db"
    fresh = not path.exists()
    store = Store.create(path)
    if fresh:
        summary = ingest([str(folder / "*.txt")], store)
        print(f"{name}: ingested {summary.stored} articles in {summary.seconds:.1f}s", file=sys.stderr)
    return store


def rebuild_score(scorer, folder: Path, store: Store, out: Path, threshold: float) -> float:
    cluster.JOIN_SIMILARITY = threshold
    update(store, [], rebuild=True)
    return score_set(scorer, folder, store, out, quiet=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder (default ../shared)")
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--db-dir", help="keep and reuse the stores here")
    parser.add_argument("--cross", action="store_true", help="tune on one set, score on the other")
    args = parser.parse_args()
    shared = shared_dir(args.shared)
    scorer_path = shared / "bench" / "stories" / "score_stories.py"
    folders = {name: shared / "data" / "stories" / name for name in args.sets}
    if not scorer_path.exists() or not all((f / "labels.json").exists() for f in folders.values()):
        print(f"skipped: no story dev data under {shared}")
        return
    scorer = load_module("score_stories", scorer_path)
    with tempfile.TemporaryDirectory() as tmp:
        db_dir = Path(args.db_dir) if args.db_dir else Path(tmp)
        db_dir.mkdir(parents=True, exist_ok=True)
        stores = {name: open_set(folder, db_dir, name) for name, folder in folders.items()}
        default = cluster.JOIN_SIMILARITY
        for name, folder in folders.items():
            print(f"== {name}")
            update(stores[name], [], rebuild=True)
            score_set(scorer, folder, stores[name], Path(tmp) / f"{name}.json")
        if args.cross and len(folders) == 2:
            print("== generalisation: join threshold tuned on one set, scored on the other")
            grid = {name: {t: rebuild_score(scorer, folder, stores[name], Path(tmp) / f"{name}.json", t)
                           for t in THRESHOLDS} for name, folder in folders.items()}
            for tuned, other in (tuple(folders), tuple(reversed(folders))):
                best = max(THRESHOLDS, key=lambda t: (grid[tuned][t], -abs(t - default)))
                print(f"tuned on {tuned}: threshold {best} ({grid[tuned][best]:.1f}) → {other} "
                      f"{grid[other][best]:.1f}")
            print("grid (B3 F1 by threshold): " + json.dumps(grid))
            cluster.JOIN_SIMILARITY = default
        for store in stores.values():
            store.close()


if __name__ == "__main__":
    main()
