"""Benchmark within-document entity coreference on MEANTIME, and the entities stage's speed.

Scores Storyline's entity clusters against the gold entity chains of MEANTIME English (CoNLL F1 =
mean of MUC, B³ and CEAF-e, with ``shared/bench/coref/conll_scorer.py``) beside an exact-string-match
baseline over the gold mentions, computed in the same run. Each gold mention takes the cluster of the
Storyline mention covering its head word (its last word); a gold mention Storyline missed is a
singleton. Then times the entities stage against bare ``nlp.pipe`` on the same texts.

    .venv/bin/python bench/entities.py [--limit N] [--data PATH] [--types PER ORG LOC] [--long]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import load_module, shared_dir  # noqa: E402 - bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.analyze.entities import extract_entities  # noqa: E402
from storyline.analyze.nlp import get_nlp, parse  # noqa: E402

CORPUS = "data/events/meantime-en-cdcr/meantime.conll"
CHAIN = re.compile(r"(PER|ORG|LOC|PRO|FIN|MIX)\d+")  # entity chains; event chains (OTH, SPE, ...) are skipped
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "’s", "n't", "%", "'", "''"}
NO_SPACE_AFTER = {"(", "[", "$", "``"}
MAX_SLOWDOWN = 0.40  # the limit: the stage adds at most 40% to bare nlp.pipe


@dataclass
class Document:
    """One MEANTIME article as detokenised text, with token offsets and gold entity mentions."""

    name: str
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)  # per token: (start, end) in text
    words: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)  # (first, last token) -> chain


def _parse_tags(column: str) -> list[tuple[str, str]]:
    """ "(X| Y)" → [("open", X), ("close", Y)]; "(X)" is an open and a close."""
    tags = []
    for part in column.split("|"):
        part = part.strip()
        if not part or part == "-":
            continue
        label = part.strip("()")
        if part.startswith("("):
            tags.append(("open", label))
        if part.endswith(")"):
            tags.append(("close", label))
    return tags


def read_meantime(path: Path, types: set[str]) -> list[Document]:
    documents: list[Document] = []
    doc: Document | None = None
    open_at: dict[str, list[int]] = {}
    sentence = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#begin"):
            doc = Document(line.split("(", 1)[1].split(")", 1)[0])
            documents.append(doc)
            open_at, sentence = {}, None
            continue
        columns = line.split("\t")
        if doc is None or len(columns) < 5:
            continue
        word = columns[3]
        if sentence is not None and columns[1] != sentence:
            doc.text += "\n"
        elif doc.words and word not in NO_SPACE_BEFORE and doc.words[-1] not in NO_SPACE_AFTER:
            doc.text += " "
        sentence = columns[1]
        index = len(doc.words)
        doc.offsets.append((len(doc.text), len(doc.text) + len(word)))
        doc.text += word
        doc.words.append(word)
        for action, label in _parse_tags(columns[4]):
            if action == "open":
                open_at.setdefault(label, []).append(index)
            elif open_at.get(label):
                first = open_at[label].pop()
                chain = CHAIN.search(label)
                if chain and chain.group(1) in types:
                    doc.mentions[(first, index)] = chain.group(0)
    return documents


def _head(doc: Document, first: int, last: int) -> int:
    """The head word of a gold mention: its last word, skipping a possessive or punctuation."""
    while last > first and (doc.words[last] in NO_SPACE_BEFORE or not any(c.isalnum() for c in doc.words[last])):
        last -= 1
    return last


def storyline_labels(doc: Document, entities) -> dict[str, str]:
    """Each gold mention → the entity of the Storyline mention covering its head (best overlap)."""
    labels = {}
    for (first, last), _ in doc.mentions.items():
        head_start, head_end = doc.offsets[_head(doc, first, last)]
        gold_start, gold_end = doc.offsets[first][0], doc.offsets[last][1]
        best, best_score = None, 0.0
        for entity in entities:
            for m in entity.mentions:
                if m.start <= head_start and head_end <= m.end:
                    overlap = min(m.end, gold_end) - max(m.start, gold_start)
                    score = overlap / (max(m.end, gold_end) - min(m.start, gold_start))
                    if score > best_score:
                        best, best_score = entity.id, score
        if best is not None:
            labels[f"{doc.name}:{first}-{last}"] = f"{doc.name}:{best}"
    return labels


def baseline_labels(doc: Document) -> dict[str, str]:
    """The anchor: gold mentions with the same lower-cased string are one entity."""
    return {
        f"{doc.name}:{first}-{last}": f"{doc.name}:" + " ".join(doc.words[first : last + 1]).casefold()
        for first, last in doc.mentions
    }


def gold_labels(doc: Document) -> dict[str, str]:
    return {f"{doc.name}:{first}-{last}": f"{doc.name}:{chain}" for (first, last), chain in doc.mentions.items()}


def _row(name: str, scores: dict) -> str:
    cells = [f"{100 * scores[k][2]:6.1f}" for k in ("MUC", "B3", "CEAFe")]
    return f"{name:28s} {' '.join(cells)} {100 * scores['CoNLL']:7.1f}"


def _long_article_seconds(texts: list[str], words: int) -> tuple[float, float, int]:
    """Parse and entity time for one article of ``words`` words made of the corpus texts."""
    pieces, count = [], 0
    while count < words:
        for text in texts:
            pieces.append(text)
            count += len(text.split())
    long_text = "\n\n".join(pieces)
    started = time.perf_counter()
    doc = parse(long_text)
    parsed = time.perf_counter()
    entities = extract_entities(doc)
    return parsed - started, time.perf_counter() - parsed, len(entities)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the shared folder (default ../shared or $STORYLINE_SHARED)")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--types", nargs="+", default=["PER", "ORG", "LOC"],
                        help="gold entity classes to score (PER ORG LOC PRO FIN MIX)")
    parser.add_argument("--long", action="store_true", help="also time one 200,000-word article")
    args = parser.parse_args()
    shared = shared_dir(args.data)
    corpus = shared / CORPUS
    if not corpus.exists():
        print(f"skipped: data not found ({corpus})")
        return 0
    scorer = load_module("conll_scorer", shared / "bench/coref/conll_scorer.py")
    documents = read_meantime(corpus, set(args.types))[: args.limit]
    texts = [d.text for d in documents]

    nlp = get_nlp()
    list(nlp.pipe(texts[:2]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    pipe_s = time.perf_counter() - started
    started = time.perf_counter()
    entities = [extract_entities(doc) for doc in docs]
    entities_s = time.perf_counter() - started

    gold: dict[str, str] = {}
    ours: dict[str, str] = {}
    anchor: dict[str, str] = {}
    for doc, found in zip(documents, entities, strict=True):
        gold |= gold_labels(doc)
        ours |= storyline_labels(doc, found)
        anchor |= baseline_labels(doc)
    ours_scores, anchor_scores = scorer.score(gold, ours), scorer.score(gold, anchor)
    print(f"MEANTIME within-document entity coreference: {len(documents)} articles, {len(gold)} gold "
          f"mentions ({' '.join(args.types)}), {len(ours)} covered by a Storyline mention\n")
    print(f"{'system':28s} {'MUC':>6s} {'B3':>6s} {'CEAFe':>6s} {'CoNLL':>7s}  (F1, %)")
    print(_row("exact-string baseline", anchor_scores))
    print(_row("storyline entities", ours_scores))
    print(f"{'difference':28s} {'':20s} {100 * (ours_scores['CoNLL'] - anchor_scores['CoNLL']):+7.1f}\n")

    words = sum(len(d.words) for d in documents)
    slowdown = entities_s / pipe_s
    print(f"{'speed':28s} {'seconds':>8s} {'words/s':>9s}")
    print(f"{'bare nlp.pipe':28s} {pipe_s:8.2f} {words / pipe_s:9.0f}")
    print(f"{'entities stage':28s} {entities_s:8.2f} {words / entities_s:9.0f}")
    verdict = "ok" if slowdown <= MAX_SLOWDOWN else "over the limit"
    print(f"entities stage adds {100 * slowdown:.1f}% to bare nlp.pipe (limit {100 * MAX_SLOWDOWN:.0f}%: {verdict})")
    if args.long:
        parse_s, long_s, count = _long_article_seconds(texts, 200_000)
        print(f"200,000-word article: parse {parse_s:.1f} s, entities {long_s:.1f} s, {count} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
