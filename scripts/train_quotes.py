"""Train the quote stage's attribution model on PolNeAR train and write it as package data.

Every verb outside quotation marks that the rules leave to the model (``scored_by_model``) and that
has a speaker and some content is a candidate (``quotes.learned.make_candidate``); it is positive when a gold attribution has that
verb as its cue and overlaps its content. A logistic regression over the frame's named features is
fitted, its threshold chosen on a held-out fifth of the articles, and the weights are saved as JSON.
Then, on PolNeAR dev, each frame type (that-clause, ccomp, xcomp, dobj, prep_for …) gets its own
cut: the lowest, not below the model's, at which its stances are right ``TARGET_PRECISION`` of the
time (a type that never gets there is switched off), so stances stay few and clean.

    .venv/bin/python scripts/train_quotes.py [--data PATH] [--docbin CACHE] [--threshold T] [--dev-docbin CACHE]
    .venv/bin/python scripts/train_quotes.py --thresholds-only    # re-tune the cuts of the shipped model
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from storyline.analyze.nlp import get_nlp, parse_many  # noqa: E402
from storyline.analyze.quotes.cues import scored_by_model, subject_of  # noqa: E402
from storyline.analyze.quotes.learned import (  # noqa: E402
    MODEL_PATH,
    AttributionModel,
    attribution_model,
    features,
    make_candidate,
)
from storyline.analyze.quotes.lexicon import lexicon  # noqa: E402
from storyline.analyze.quotes.marks import find_quotes  # noqa: E402

_WORD = re.compile(r"\w+")
HELD_OUT_EVERY = 5  # every fifth article picks the threshold
REGULARIZATION = 0.3  # inverse strength (scikit-learn C)
MIN_FEATURE_COUNT = 5  # rarer features (one-off lemmas) do not generalise
TARGET_PRECISION = 0.75  # a stance frame type is reported only where it is mostly right
MIN_TUNING_FRAMES = 5


def _docs(texts: list[str], cache: Path | None) -> list[Doc]:
    """Parsed articles, read from or written to a DocBin cache when one is named."""
    vocab = get_nlp().vocab
    if cache is not None and cache.exists():
        return list(DocBin().from_bytes(cache.read_bytes()).get_docs(vocab))
    docs = list(parse_many(texts))
    if cache is not None:
        cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def _word_starts(text: str, start: int, end: int) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, start, end)}


def candidates(doc: Doc, gold: list[dict]) -> list[tuple[list[str], int]]:
    """(features, label) for every candidate frame of one article."""
    return [(feats, label) for feats, label, _ in typed_candidates(doc, gold)]


def typed_candidates(doc: Doc, gold: list[dict]) -> list[tuple[list[str], int, str]]:
    """(features, label, frame type) for every candidate frame of one article."""
    text = doc.text
    cues = lexicon().cues
    marks = [(m.start, m.end) for m in find_quotes(text)]
    starts = [s for s, _ in marks]

    def quoted(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and marks[i][0] < pos < marks[i][1]

    rows = []
    for tok in doc:
        tags = cues.get(tok.lemma_.lower())
        if tok.pos_ not in ("VERB", "AUX") or quoted(tok.idx) or not scored_by_model(tok, tags):
            continue
        candidate = make_candidate(tok, subject_of(tok, quoted))
        if candidate is None:
            continue
        content = candidate.content
        words = _word_starts(text, content[0].idx, content[-1].idx + len(content[-1]))
        label = any(q["cue_start"] is not None and q["cue_start"] <= tok.idx < q["cue_end"]
                    and words & _word_starts(text, q["quote_start"], q["quote_end"]) for q in gold)
        rows.append((features(candidate, tags), int(label), candidate.complement))
    return rows


def _fit(rows: list[tuple[list[str], int]]) -> tuple[DictVectorizer, LogisticRegression]:
    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in feats if counts[f] >= MIN_FEATURE_COUNT}
                                  for feats, _ in rows])
    model = LogisticRegression(C=REGULARIZATION, max_iter=2000)
    model.fit(x, [label for _, label in rows])
    return vectorizer, model


def _best_threshold(vectorizer: DictVectorizer, model: LogisticRegression,
                    rows: list[tuple[list[str], int]]) -> float:
    """The probability cut with the best F1 on held-out rows."""
    probs = model.predict_proba(vectorizer.transform([{f: 1 for f in feats} for feats, _ in rows]))[:, 1]
    gold = sum(label for _, label in rows)
    best, best_f1 = 0.5, 0.0
    for cut in [i / 20 for i in range(4, 17)]:
        tp = sum(1 for p, (_, label) in zip(probs, rows, strict=True) if p >= cut and label)
        predicted = sum(1 for p in probs if p >= cut)
        f1 = 2 * tp / (predicted + gold) if predicted + gold else 0.0
        print(f"threshold {cut:.2f}: predicted {predicted}, correct {tp}, F1 {100 * f1:.1f}")
        if f1 > best_f1:
            best, best_f1 = cut, f1
    return best


def tune_thresholds(model: AttributionModel, rows: list[tuple[list[str], int, str]]) -> dict[str, float]:
    """Per frame type (ccomp, that, xcomp, dobj, prep_for …), the lowest probability cut, not below the
    model's own, whose accepted frames are right at least ``TARGET_PRECISION`` of the time on the
    tuning set; a type that never gets there is switched off (cut 1.0)."""
    by_kind: dict[str, list[tuple[float, int]]] = {}
    ungated = AttributionModel(model.bias, model.weights, 0.0, {})
    for feats, label, kind in rows:  # a frame the model never reports (unknown verb) scores 0
        p = model.probability(feats) if ungated.accepts_features(feats, kind) else 0.0
        by_kind.setdefault(kind, []).append((p, label))
    cuts = {}
    for kind, scored in sorted(by_kind.items()):
        cut = 1.0
        for step in range(int(model.threshold * 100), 100, 5):
            accepted = [label for p, label in scored if p >= step / 100]
            if len(accepted) >= MIN_TUNING_FRAMES and sum(accepted) / len(accepted) >= TARGET_PRECISION:
                cut = step / 100
                break
        kept = [label for p, label in scored if p >= cut]
        print(f"{kind}: {len(scored)} frames, {sum(lab for _, lab in scored)} gold; cut {cut:.2f} keeps "
              f"{len(kept)}, precision {100 * sum(kept) / max(1, len(kept)):.1f}%")
        cuts[kind] = cut
    return cuts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="the shared folder (default ../shared or $STORYLINE_SHARED)")
    ap.add_argument("--docbin", type=Path, help="cache the parsed training articles here")
    ap.add_argument("--threshold", type=float, help="use this probability cut instead of the tuned one")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--thresholds-only", action="store_true",
                    help="keep the shipped weights; only tune the per-frame-type cuts on PolNeAR dev")
    ap.add_argument("--dev-docbin", type=Path, help="cache the parsed tuning articles here")
    args = ap.parse_args()
    shared = Path(args.data or os.environ.get("STORYLINE_SHARED") or ROOT.parent / "shared")
    if args.thresholds_only:
        return _write_thresholds(shared / "data/quotes/polnear-dev.jsonl", args.dev_docbin, args.out)
    path = shared / "data/quotes/polnear-train.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    articles = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = _docs([a["text"] for a in articles], args.docbin)
    per_article = [candidates(doc, a["quotes"]) for doc, a in zip(docs, articles, strict=True)]
    train = [r for i, rows in enumerate(per_article) if i % HELD_OUT_EVERY for r in rows]
    held_out = [r for i, rows in enumerate(per_article) if not i % HELD_OUT_EVERY for r in rows]
    print(f"{len(train)} training candidates ({sum(label for _, label in train)} positive)")
    threshold = args.threshold or _best_threshold(*_fit(train), held_out)
    vectorizer, model = _fit(train + held_out)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(),
                                                           model.coef_[0], strict=True)
               if abs(w) >= 1e-3}
    args.out.write_text(json.dumps({"bias": round(float(model.intercept_[0]), 4), "threshold": threshold,
                                    "trained_on": "PolNeAR train", "weights": dict(sorted(weights.items()))},
                                   indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; {len(weights)} weights written to {args.out}")
    return _write_thresholds(shared / "data/quotes/polnear-dev.jsonl", args.dev_docbin, args.out)


def _write_thresholds(dev: Path, cache: Path | None, out: Path) -> int:
    """Tune the per-frame-type cuts of the model in ``out`` on ``dev`` and add them to it."""
    if not dev.exists():
        print(f"skipped tuning: {dev} not found")
        return 0
    attribution_model.cache_clear()
    data = json.loads(out.read_text(encoding="utf-8"))
    model = AttributionModel(float(data["bias"]), dict(data["weights"]), float(data["threshold"]))
    articles = [json.loads(line) for line in dev.open(encoding="utf-8")]
    docs = _docs([a["text"] for a in articles], cache)
    rows = [r for doc, a in zip(docs, articles, strict=True) for r in typed_candidates(doc, a["quotes"])]
    data["thresholds"] = tune_thresholds(model, rows)
    data["thresholds_tuned_on"] = "PolNeAR dev"
    out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"per-frame-type thresholds written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
