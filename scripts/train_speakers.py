"""Train the speaker-candidate ranker on gold speech attributions and write it as package data.

Every speech cue the quote stage finds (``quotes.cues.find_cue_frames``) that matches a gold cue
with a speaker span is a group; its candidates (``quotes.ranker.candidates``) are labelled by
whether they head the gold speaker span. A logistic regression over the named features is fitted
on four fifths of the articles and its top-1 accuracy on the last fifth is printed beside the rule's
(the parse subject alone); the saved model is then refitted on all of them.

    .venv/bin/python scripts/train_speakers.py [--data PATH] [--docbin CACHE]    # PolNeAR train
    .venv/bin/python scripts/train_speakers.py --gold ../shared/data/quotes/ggt-dev.jsonl \\
        --out /tmp/speakers-ggt.json    # the reverse direction, for bench/quotes.py --speaker-model
    .venv/bin/python scripts/train_speakers.py --gold ../shared/data/quotes/ggt-dev.jsonl \
        --evaluate src/storyline/data/quotes_speaker_model.json    # the shipped ranker, cross-source

PolNeAR also annotates beliefs and intentions; only frames the stage reads as speech (no stance or
belief tag) are used, so the ranker learns who speaks, not who believes.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from storyline.analyze.nlp import get_nlp, parse_many  # noqa: E402
from storyline.analyze.quotes.cues import find_cue_frames, sentence_bounds, speaker_candidates  # noqa: E402
from storyline.analyze.quotes.lexicon import lexicon  # noqa: E402
from storyline.analyze.quotes.marks import find_quotes  # noqa: E402
from storyline.analyze.quotes.ranker import MODEL_PATH, SpeakerModel, relative_antecedent, use_speaker_model  # noqa: E402

HELD_OUT_EVERY = 5
REGULARIZATION = 0.5  # inverse strength (scikit-learn C)
MIN_FEATURE_COUNT = 5

Group = list[tuple[list[str], int, bool]]  # (features, label, chosen by the rule)


def _docs(texts: list[str], cache: Path | None) -> list[Doc]:
    """Parsed articles, read from or written to a DocBin cache when one is named."""
    vocab = get_nlp().vocab
    if cache is not None and cache.exists():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(parse_many(texts))
    if cache is not None:
        cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def groups(doc: Doc, gold: list[dict]) -> list[Group]:
    """One group of labelled candidates per speech cue matching a gold cue that has a speaker."""
    text = doc.text
    marks = [(m.start, m.end) for m in find_quotes(text)]
    starts = [s for s, _ in marks]

    def quoted(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and marks[i][0] < pos < marks[i][1]

    lex = lexicon()
    bounds = sentence_bounds(doc)
    out = []
    for frame in find_cue_frames(doc, lex, quoted):
        rule = frame.speaker
        found = speaker_candidates(frame, bounds, lex, quoted)
        cue = frame.cue[0]
        match = next((q for q in gold if q.get("cue_start") is not None and q.get("speaker_start") is not None
                      and q["cue_start"] <= cue.idx < q["cue_end"]), None)
        if not found or match is None:
            continue
        s, e = match["speaker_start"], match["speaker_end"]
        gold_span = doc.char_span(s, e, alignment_mode="expand")
        antecedent = relative_antecedent(gold_span[0]) if gold_span is not None and len(gold_span) == 1 else None
        if antecedent is not None:  # "who": the noun it stands for is the candidate
            s, e = antecedent.idx, antecedent.idx + len(antecedent)
        inside = [c for c in found if s <= c.token.idx < e]
        # the head of the gold phrase: the candidate whose own head lies outside it
        heads = [c for c in inside if not s <= c.token.head.idx < e] or inside[:1]
        out.append([(c.features, int(c in heads), rule is not None and c.token.i == rule.i) for c in found])
    return out


def _fit(rows: list[tuple[list[str], int, bool]]) -> tuple[DictVectorizer, LogisticRegression]:
    counts: dict[str, int] = {}
    for feats, _, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in feats if counts[f] >= MIN_FEATURE_COUNT} for feats, _, _ in rows])
    model = LogisticRegression(C=REGULARIZATION, max_iter=3000)
    model.fit(x, [label for _, label, _ in rows])
    return vectorizer, model


def top1(vectorizer: DictVectorizer, model: LogisticRegression, held_out: list[Group]) -> tuple[float, float, int]:
    """Top-1 accuracy of the ranker and of the rule on groups whose gold speaker is a candidate."""
    reachable = [g for g in held_out if any(label for _, label, _ in g)]
    ranked = rule = 0
    for group in reachable:
        probs = model.predict_proba(vectorizer.transform([{f: 1 for f in feats} for feats, _, _ in group]))[:, 1]
        best = max(range(len(group)), key=lambda i: probs[i])
        ranked += group[best][1]
        rule += any(label and chosen for _, label, chosen in group)
    n = len(reachable) or 1
    return ranked / n, rule / n, len(reachable)


def evaluate(model: SpeakerModel, groups_: list[Group]) -> tuple[float, float, int]:
    """Top-1 accuracy of a saved ranker and of the rule on groups whose gold speaker is a candidate."""
    reachable = [g for g in groups_ if any(label for _, label, _ in g)]
    ranked = sum(max(g, key=lambda row: model.score(row[0]))[1] for g in reachable)
    rule = sum(any(label and chosen for _, label, chosen in g) for g in reachable)
    n = len(reachable) or 1
    return ranked / n, rule / n, len(reachable)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="the shared folder (default ../shared or $STORYLINE_SHARED)")
    ap.add_argument("--gold", type=Path, help="train on this gold JSONL (default: PolNeAR train)")
    ap.add_argument("--docbin", type=Path, help="cache the parsed training articles here")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--evaluate", type=Path, metavar="MODEL",
                    help="only score this saved ranker on --gold (e.g. the shipped one on GGT dev: cross-source)")
    args = ap.parse_args()
    shared = Path(args.data or os.environ.get("STORYLINE_SHARED") or ROOT.parent / "shared")
    path = args.gold or shared / "data/quotes/polnear-train.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    use_speaker_model(None)  # candidates carry the rule's choice, not a previous model's
    articles = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = _docs([a["text"] for a in articles], args.docbin)
    per_article = [groups(doc, a["quotes"]) for doc, a in zip(docs, articles, strict=True)]
    if args.evaluate:
        data = json.loads(args.evaluate.read_text(encoding="utf-8"))
        saved = SpeakerModel(float(data["bias"]), dict(data["weights"]))
        ranked, rule, n = evaluate(saved, [g for gs in per_article for g in gs])
        print(f"{args.evaluate.name} ({data.get('trained_on')}) on {path.name}, top-1 on {n} reachable groups: "
              f"ranker {100 * ranked:.1f}%, rule {100 * rule:.1f}%")
        return 0
    train = [g for i, gs in enumerate(per_article) if i % HELD_OUT_EVERY for g in gs]
    held_out = [g for i, gs in enumerate(per_article) if not i % HELD_OUT_EVERY for g in gs]
    rows = [r for g in train for r in g]
    print(f"{len(train)} training groups, {len(rows)} candidates; {len(held_out)} held-out groups")
    ranked, rule, n = top1(*_fit(rows), held_out)
    print(f"held-out top-1 on {n} reachable groups: ranker {100 * ranked:.1f}%, rule {100 * rule:.1f}%")
    vectorizer, model = _fit(rows + [r for g in held_out for r in g])
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(),
                                                           model.coef_[0], strict=True) if abs(w) >= 1e-3}
    args.out.write_text(json.dumps({"bias": round(float(model.intercept_[0]), 4),
                                    "trained_on": articles[0]["dataset"] if articles else path.stem,
                                    "held_out_top1": {"ranker": round(ranked, 4), "rule": round(rule, 4), "groups": n},
                                    "weights": dict(sorted(weights.items()))},
                                   indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
