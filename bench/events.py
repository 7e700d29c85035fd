"""Cross-document event coreference on gold mentions: Storyline's clusters beside same-head-lemma baselines.

Usage: ``python bench/events.py [--data DIR] [--out FILE] [--cv]``. DIR holds ``event_mentions.json``
and ``*.conll`` (default: ``../shared/data/events/meantime-en-cdcr``); ``--out`` writes the system's
``{mention_id: cluster_label}``; ``--cv`` adds leave-one-topic-out scores (the model retrained
without each topic). Scores come from the reference scorer ``../shared/bench/coref/conll_scorer.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchlib import SHARED, load_module  # noqa: E402 - bench/ is on sys.path when a script runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))  # the event-pair model's training

DEFAULT_DATA = SHARED / "data" / "events" / "meantime-en-cdcr"
SCORER = SHARED / "bench" / "coref" / "conll_scorer.py"


def scorer():
    """The reference scorer's ``score`` when shared/ has it, else the project's identical metrics."""
    if SCORER.is_file():
        return load_module("conll_scorer", SCORER).score
    from coref_metrics import score

    return score


def lemma_baseline(records: list[dict], lemmas: dict[str, str], scope: str) -> dict[str, tuple]:
    """Same head lemma within a document (scope="doc_id") or a topic (scope="topic")."""
    return {r["mention_id"]: (str(r.get(scope)), r.get("mention_head_lemma") or lemmas[r["mention_id"]])
            for r in records}


def row(name: str, result: dict) -> str:
    cells = "".join(f" {100 * result[k][0]:5.1f} {100 * result[k][1]:5.1f} {100 * result[k][2]:5.1f} |"
                    for k in ("MUC", "B3", "CEAFe"))
    return f"| {name:<34} |{cells} {100 * result['CoNLL']:5.1f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, help="write {mention_id: cluster_label} JSON here")
    parser.add_argument("--cv", action="store_true", help="also score leave-one-topic-out retraining")
    args = parser.parse_args(argv)
    if not (args.data / "event_mentions.json").is_file():
        print(f"skipped: data not found ({args.data})")
        return 0
    from cdcr import CdcrFormatError, load  # after the check: spaCy loads slowly
    from storyline.analyze.events.coref import cluster_mentions

    started = time.perf_counter()
    try:
        data = load(args.data)
    except (CdcrFormatError, OSError, ValueError, KeyError) as error:
        print(f"error: {args.data}: {error}", file=sys.stderr)
        return 2
    score = scorer()
    system = cluster_mentions(data.mentions)
    lemmas = {m.id: m.lemma for m in data.mentions}
    docs = {m.doc_id for m in data.mentions}
    print(f"{args.data}: {len(data.mentions)} gold event mentions, {len(docs)} documents, "
          f"{len(set(data.gold.values()))} gold chains")
    print("| run                                |   MUC P     R    F1 |    B3 P     R    F1 |"
          " CEAFe P     R    F1 | CoNLL |")
    print("|" + "---|" * 5)
    print(row("same head lemma, within document", score(data.gold, lemma_baseline(data.records, lemmas, "doc_id"))))
    print(row("same head lemma, within topic", score(data.gold, lemma_baseline(data.records, lemmas, "topic"))))
    print(row("storyline (shipped model)", score(data.gold, system)))
    if args.cv:
        from train_eventcoref import cross_validate, stable_best

        by_threshold = cross_validate(data)
        best = stable_best(by_threshold)
        print("leave-one-topic-out CoNLL F1 by threshold: "
              + ", ".join(f"{t:.2f}={100 * f:.1f}" for t, f in by_threshold.items())
              + f"; chosen {best:.2f} → {100 * by_threshold[best]:.1f}")
    if args.out:
        args.out.write_text(json.dumps(system, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    print(f"time {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
