"""Event mention detection and within-document event coreference on MEANTIME, beside baselines.

Usage: ``python bench/event_mentions.py [--data DIR] [--limit N]``. DIR holds ``event_mentions.json``
and ``meantime.conll`` (default ``../shared/data/events/meantime-en-cdcr``, or ``$STORYLINE_SHARED``).

Detection: a predicted mention is its head token; it is right when it falls inside a gold mention
(head match). Scored over the documents that have gold event mentions, on all their sentences and
on the sentences that carry at least one gold mention (MEANTIME leaves many events unannotated).
Baseline in the same run: every verb.
Coreference: gold mentions clustered within each document; CoNLL F1 (mean of MUC, B3, CEAF-e) from
``../shared/bench/coref/conll_scorer.py``; baseline in the same run: same head lemma. The merging
uses the pairwise model shipped by ``stories.eventcoref``, which was trained on this corpus, so a
second row retrains it (same recipe) without the topic of each document: leave-one-topic-out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchlib import SHARED, load_module  # noqa: E402 - bench/ is on sys.path when a script runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))  # the event-pair model's training
from train_eventcoref import fit

from cdcr import load, read_conll
from storyline.analyze.entities import extract_entities
from storyline.analyze.events import MentionFramer
from storyline.analyze.events.coref import default_model
from storyline.analyze.events.detect import candidate_for, detect_event_mentions
from storyline.analyze.events.merge import merge_mentions
from storyline.analyze.nlp import parse_many
from storyline.analyze.timex import tag_timexes

DEFAULT_DATA = SHARED / "data" / "events" / "meantime-en-cdcr"
SCORER = SHARED / "bench" / "coref" / "conll_scorer.py"


def load_scorer(path: Path):
    return load_module("conll_scorer", path).score


def document_text(sentences: dict[int, list[tuple[int, str]]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Tokens joined by spaces, one sentence a line; (sentence, token id) → character span."""
    lines, spans, position = [], {}, 0
    for sentence in sorted(sentences):
        tokens = sentences[sentence]
        for token_id, token in tokens:
            spans[(sentence, token_id)] = (position, position + len(token))
            position += len(token) + 1
        lines.append(" ".join(token for _, token in tokens))
    return "\n".join(lines), spans


def token_index(spans: dict[tuple[int, int], tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Character offset of each gold token start → (sentence, token)."""
    return {start: key for key, (start, _end) in spans.items()}


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


class Counts:
    def __init__(self):
        self.tp_pred = self.n_pred = self.tp_gold = self.n_gold = 0

    def add(self, predicted: set, gold: list[set]) -> None:
        inside = set().union(*gold) if gold else set()
        self.n_pred += len(predicted)
        self.tp_pred += len(predicted & inside)
        self.n_gold += len(gold)
        self.tp_gold += sum(1 for mention in gold if mention & predicted)

    def scores(self) -> tuple[float, float, float]:
        return prf(self.tp_pred, self.n_pred, self.tp_gold, self.n_gold)


def gold_head(doc, spans, record):
    """The parse's head of a gold mention (its ``mention_head_id`` is not always inside it)."""
    sentence, tokens = record["sent_id"], record["tokens_number"]
    start, end = spans[(sentence, min(tokens))][0], spans[(sentence, max(tokens))][1]
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="only the first N documents (while iterating)")
    args = parser.parse_args(argv)
    if not (args.data / "event_mentions.json").is_file() or not SCORER.is_file():
        print(f"skipped: data not found ({args.data})")
        return 0
    try:
        records = json.loads((args.data / "event_mentions.json").read_text(encoding="utf-8"))
        documents = read_conll(args.data)
    except (OSError, ValueError) as error:
        print(f"error: {args.data}: {error}", file=sys.stderr)
        return 2
    score = load_scorer(SCORER)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_doc[record.get("conll_doc_key") or record["doc_id"]].append(record)
    keys = sorted(k for k in by_doc if k in documents)[: args.limit]
    texts, all_spans = zip(*(document_text(documents[k]) for k in keys), strict=True)

    ours, verbs = {"all": Counts(), "annotated": Counts()}, {"all": Counts(), "annotated": Counts()}
    gold_labels, lemma_labels, our_labels, held_out_labels = {}, {}, {}, {}
    models = held_out_models(args.data, {by_doc[k][0].get("topic") for k in keys})
    started = time.perf_counter()
    for key, spans, doc in zip(keys, all_spans, parse_many(texts), strict=True):
        starts = token_index(spans)
        gold = [{(r["sent_id"], t) for t in r["tokens_number"]} for r in by_doc[key]]
        annotated = {r["sent_id"] for r in by_doc[key]}

        def keys_of(tokens, starts=starts):
            return {starts[t.idx] for t in tokens if t.idx in starts}

        predicted = keys_of(c.token for c in detect_event_mentions(doc))
        every_verb = keys_of(t for t in doc if t.pos_ == "VERB")
        for view, keep in (("all", lambda k: True), ("annotated", lambda k, a=annotated: k[0] in a)):
            ours[view].add({k for k in predicted if keep(k)}, [g for g in gold])
            verbs[view].add({k for k in every_verb if keep(k)}, [g for g in gold])

        heads = {r["mention_id"]: gold_head(doc, spans, r) for r in by_doc[key]}
        for record in by_doc[key]:
            gold_labels[record["mention_id"]] = record["coref_chain"]
            head = heads[record["mention_id"]]
            lemma_labels[record["mention_id"]] = (key, head.lemma_.lower() if head is not None else "?")
        our_labels.update(cluster_gold(doc, key, heads))
        held_out_labels.update(cluster_gold(doc, key, heads, models[by_doc[key][0].get("topic")]))
    elapsed = time.perf_counter() - started

    print(f"{args.data}: {len(keys)} documents with gold event mentions, "
          f"{sum(len(by_doc[k]) for k in keys)} gold mentions ({elapsed:.1f} s, parse included)")
    print("\nEvent mention detection (head match)")
    print("| run | sentences | P | R | F1 |")
    print("|---|---|---|---|---|")
    for name, counts in (("every verb (baseline)", verbs), ("storyline events_detect", ours)):
        for view in ("all", "annotated"):
            p, r, f = counts[view].scores()
            print(f"| {name} | {view} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} |")
    print("\nWithin-document event coreference on gold mentions")
    print("| run | MUC F1 | B3 F1 | CEAFe F1 | CoNLL F1 |")
    print("|---|---|---|---|---|")
    for name, labels in (("same head lemma (baseline)", lemma_labels), ("storyline events_merge", our_labels),
                         ("storyline, model without the topic", held_out_labels)):
        result = score(gold_labels, labels)
        cells = " | ".join(f"{100 * result[k][2]:.1f}" for k in ("MUC", "B3", "CEAFe"))
        print(f"| {name} | {cells} | {100 * result['CoNLL']:.1f} |")
    return 0


def held_out_models(data: Path, topics: set) -> dict:
    """Per topic, the pairwise model retrained as shipped on the mentions of the other topics."""
    gold_set = load(data)
    threshold = default_model().threshold
    return {topic: fit([m for m in gold_set.mentions if m.group != str(topic)], gold_set.gold, threshold)
            for topic in topics}


def cluster_gold(doc, key: str, heads: dict, model=None) -> dict[str, tuple]:
    """Frame each gold mention's head and merge the frames as the article stage does."""
    placed = {mention_id: head for mention_id, head in heads.items() if head is not None}
    ordered = sorted(placed.items(), key=lambda item: item[1].i)
    candidates = [candidate_for(head) for _, head in ordered]
    framer = MentionFramer(doc, extract_entities(doc), tag_timexes(doc, None), [], None, candidates)
    mentions, owner = [], {}
    for (mention_id, _head), candidate in zip(ordered, candidates, strict=True):
        mention = framer.frame(candidate, check_rules=False)[0]
        owner[id(mention)] = mention_id
        mentions.append(mention)
    labels = {mention_id: (key, "single", mention_id) for mention_id in heads}
    for number, group in enumerate(merge_mentions(mentions, keep_vague=True, model=model)):
        for mention in group:
            labels[owner[id(mention)]] = (key, number)
    return labels


if __name__ == "__main__":
    sys.exit(main())
