"""Train the cross-document event-coreference model (stories/crossdoc.py) on gold-mention folders.

Usage: ``python scripts/train_event_links.py --data DIR [--data DIR ...] [--out FILE] [--threshold T]``.
Each DIR holds ``event_mentions.json`` + ``*.conll`` with gold chains (e.g. ``../shared/data/events/
ecbplus-val-cdcr``, ``gvc-val-cdcr``, ``meantime-en-cdcr``). Pairs are taken as the system meets them:
inside the stories that the document clustering finds (at ``--story-threshold``), never across. Each set
weighs the same in the fit, however many pairs it has. The printout gives, per set and per mention
threshold, CoNLL F1 in-sample and leave-one-set-out (the model fitted on the OTHER sets: an estimate of how
it does on a kind of news it never saw); the mention threshold chosen is the best mean over the sets
in-sample unless ``--threshold`` is given. Writes ``storyline/data/stories_eventcoref_cross_model.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # the gold-data reader and the metrics

from cdcr import CdcrFormatError, GoldSet, load  # noqa: E402
from coref_metrics import score  # noqa: E402
from storyline.stories.crossdoc import CrossModel, block_pairs, blocks, cluster_across  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "stories_eventcoref_cross_model.json"
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
STORY_THRESHOLD = 0.06
TREES, LEAVES = 200, 15  # a few hundred small trees: about 240 kB in the shipped file


def pair_matrix(data: GoldSet, story_threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every pair of mentions inside one predicted story."""
    rows, labels = [], []
    for block, vectors in blocks(data.mentions, story_threshold):
        if len(block) > 1:
            pairs, features = block_pairs(block, vectors)
            rows.append(features)
            labels.extend(int(data.gold[block[i].id] == data.gold[block[j].id]) for i, j in pairs)
    return np.vstack(rows), np.array(labels)


def fit(sets: list[GoldSet], story_threshold: float = STORY_THRESHOLD, threshold: float = 0.5,
        matrices: list | None = None, kind: str = "trees") -> CrossModel:
    """Gradient-boosted trees (``kind="trees"``) or logistic regression on the pairs of ``sets``, each set
    weighing the same."""
    matrices = matrices or [pair_matrix(data, story_threshold) for data in sets]
    features = np.vstack([x for x, _ in matrices])
    labels = np.concatenate([y for _, y in matrices])
    weights = np.concatenate([np.full(len(y), len(labels) / (len(matrices) * len(y))) for _, y in matrices])
    if kind == "logistic":
        classifier = LogisticRegression(C=1.0, max_iter=5000)
        classifier.fit(features, labels, sample_weight=weights)
        return CrossModel([round(float(w), 4) for w in classifier.coef_[0]],
                          round(float(classifier.intercept_[0]), 4), threshold, story_threshold)
    boosted = HistGradientBoostingClassifier(max_iter=TREES, max_leaf_nodes=LEAVES, learning_rate=0.1,
                                             random_state=0)
    boosted.fit(features, labels, sample_weight=weights)
    model = CrossModel([], float(np.ravel(boosted._baseline_prediction)[0]), threshold, story_threshold,
                       trees=[_tree_json(predictors[0].nodes) for predictors in boosted._predictors])
    sample = features[:: max(1, len(features) // 2000)]
    if not np.allclose(model.probabilities(sample), boosted.predict_proba(sample)[:, 1], atol=1e-4):
        raise RuntimeError("the exported trees do not reproduce scikit-learn's probabilities")
    return model


def _tree_json(nodes) -> dict[str, list]:
    """One fitted tree's nodes as the plain lists :class:`CrossModel` reads (values rounded for the file)."""
    return {"feature": [int(v) for v in nodes["feature_idx"]],
            "threshold": [float(v) for v in nodes["num_threshold"]],
            "left": [int(v) for v in nodes["left"]], "right": [int(v) for v in nodes["right"]],
            "value": [round(float(v), 6) for v in nodes["value"]], "leaf": [int(v) for v in nodes["is_leaf"]]}


def topic_folds(data: GoldSet, story_threshold: float, folds: int = 4) -> list[list[str]]:
    """Mention ids by fold: one fold per topic, or, for a set of one topic (GVC), its predicted stories
    dealt round-robin into ``folds`` folds."""
    topics = sorted({m.group for m in data.mentions})
    if len(topics) > 1:
        return [[m.id for m in data.mentions if m.group == topic] for topic in topics]
    found: list[list[str]] = [[] for _ in range(folds)]
    for index, (block, _vectors) in enumerate(blocks(data.mentions, story_threshold)):
        found[index % folds].extend(m.id for m in block)
    return found


def cross_validate_topics(sets: list[GoldSet], story_threshold: float, kind: str,
                          thresholds: tuple[float, ...]) -> list[dict[float, float]]:
    """Per set, CoNLL F1 by threshold over its folds (:func:`topic_folds`), each fold clustered by a model
    trained on everything else (the other folds and the other sets): other topics of the same kind."""
    results = []
    for index, data in enumerate(sets):
        predictions: dict[float, dict[str, str]] = {t: {} for t in thresholds}
        for number, fold in enumerate(topic_folds(data, story_threshold)):
            held = set(fold)
            rest = GoldSet([m for m in data.mentions if m.id not in held], data.gold, [])
            others = [pair_matrix(d, story_threshold) for i, d in enumerate(sets) if i != index]
            model = fit([], story_threshold, matrices=[pair_matrix(rest, story_threshold), *others], kind=kind)
            test = [m for m in data.mentions if m.id in held]
            for t in thresholds:
                labels = cluster_across(test, model, t)
                predictions[t].update({k: f"{number}/{v}" for k, v in labels.items()})
        results.append({t: score(data.gold, labels)["CoNLL"] for t, labels in predictions.items()})
    return results


def conll_by_threshold(model: CrossModel, data: GoldSet) -> dict[float, float]:
    return {t: score(data.gold, cluster_across(data.mentions, model, t))["CoNLL"] for t in THRESHOLDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", required=True)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--threshold", type=float, default=None, help="default: best mean in-sample")
    parser.add_argument("--story-threshold", type=float, default=STORY_THRESHOLD)
    parser.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--cv-topics", action="store_true",
                        help="only print leave-one-topic-out scores (other topics of the same set held out)")
    args = parser.parse_args(argv)
    try:
        sets = [load(folder) for folder in args.data]
    except (CdcrFormatError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.cv_topics:
        thresholds = (0.3, 0.4, 0.5)
        for folder, scores in zip(args.data, cross_validate_topics(sets, args.story_threshold, args.kind, thresholds),
                                  strict=True):
            print(f"{folder.name} leave-topic-out: " + " ".join(f"{t:.2f}={100 * f:.1f}" for t, f in scores.items()))
        return 0
    matrices = [pair_matrix(data, args.story_threshold) for data in sets]
    model = fit(sets, args.story_threshold, matrices=matrices, kind=args.kind)
    in_sample = [conll_by_threshold(model, data) for data in sets]
    for index, folder in enumerate(args.data):
        print(f"{folder.name} in-sample:     " + " ".join(f"{t:.2f}={100 * f:.1f}" for t, f in in_sample[index].items()))
        if len(sets) > 1:
            others = [m for i, m in enumerate(matrices) if i != index]
            held_out = conll_by_threshold(fit([], args.story_threshold, matrices=others, kind=args.kind), sets[index])
            print(f"{folder.name} leave-set-out: " + " ".join(f"{t:.2f}={100 * f:.1f}" for t, f in held_out.items()))
    threshold = args.threshold if args.threshold is not None else max(
        THRESHOLDS, key=lambda t: sum(scores[t] for scores in in_sample))
    model.threshold = threshold
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {threshold:.2f}, story threshold {args.story_threshold:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
