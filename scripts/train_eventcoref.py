"""Train the pairwise event-coreference model on a gold-mention folder and cross-validate it by topic.

Usage: ``python scripts/train_eventcoref.py --data DIR [--out FILE]``; the default
output is the model shipped in ``storyline/data/stories_eventcoref_model.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # the gold-data reader and the metrics

from cdcr import CdcrFormatError, GoldSet, load  # noqa: E402
from coref_metrics import score  # noqa: E402
from storyline.analyze.events.coref import (  # noqa: E402
    EventMention,
    PairModel,
    cluster_mentions,
    doc_similarities,
    pair_features,
)

THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.20, 0.71, 0.05))


def pair_matrix(mentions: list[EventMention], gold: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every pair of mentions that share a group, in reading order."""
    rows, labels = [], []
    by_group: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_group.setdefault(mention.group, []).append(mention)
    for members in by_group.values():
        members = sorted(members, key=lambda m: (m.doc_id, m.sentence))
        sims = doc_similarities(members)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                rows.append(pair_features(a, b, sims.get((a.doc_id, b.doc_id), 1.0)))
                labels.append(int(gold[a.id] == gold[b.id]))
    return np.array(rows), np.array(labels)


def fit(mentions: list[EventMention], gold: dict[str, str], threshold: float = 0.5) -> PairModel:
    """Fit the logistic pairwise model (weak L2: few features, many pairs) on gold pairs."""
    features, labels = pair_matrix(mentions, gold)
    classifier = LogisticRegression(C=10.0, max_iter=5000)
    classifier.fit(features, labels)
    return PairModel([round(float(w), 4) for w in classifier.coef_[0]],
                     round(float(classifier.intercept_[0]), 4), threshold)


def cross_validate(data: GoldSet) -> dict[float, float]:
    """Leave-one-topic-out: CoNLL F1 over the concatenated held-out predictions, per threshold."""
    groups = sorted({m.group for m in data.mentions})
    predictions: dict[float, dict[str, str]] = {t: {} for t in THRESHOLDS}
    for held_out in groups:
        train = [m for m in data.mentions if m.group != held_out]
        test = [m for m in data.mentions if m.group == held_out]
        model = fit(train, data.gold)
        for threshold in THRESHOLDS:
            predictions[threshold].update(cluster_mentions(test, model, threshold))
    return {t: score(data.gold, labels)["CoNLL"] for t, labels in predictions.items()}


def stable_best(scores: dict[float, float]) -> float:
    """The threshold whose score averaged with its neighbours' is best: a plateau, not a spike."""
    thresholds = sorted(scores)

    def smoothed(i: int) -> float:
        window = thresholds[max(0, i - 1) : i + 2]
        return sum(scores[t] for t in window) / len(window)

    return thresholds[max(range(len(thresholds)), key=smoothed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with event_mentions.json + *.conll")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "src" / "storyline" / "data"
                        / "stories_eventcoref_model.json")
    parser.add_argument("--threshold", type=float, default=None, help="default: best in cross-validation")
    args = parser.parse_args(argv)
    try:
        data = load(args.data)
    except (CdcrFormatError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    scores = cross_validate(data)
    for threshold, f1 in scores.items():
        print(f"leave-one-topic-out threshold={threshold:.2f} CoNLL F1={100 * f1:.1f}")
    threshold = args.threshold if args.threshold is not None else stable_best(scores)
    model = fit(data.mentions, data.gold, threshold)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {threshold:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
