"""Benchmark the TIMEX3 tagger on TimeBank + AQUAINT against dateparser, with the reference scorer's metrics.

Usage: .venv/bin/python bench/timex.py [--data DIR] [--limit N] [--errors N] [--corpus TimeBank|AQUAINT|all]
The DCT of each .tml file is the anchor. Scoring is ``../shared/bench/timex/eval_timex.py``'s
(strict/relaxed extent F1, value accuracy and F1); the spaCy parse is timed apart from tagging.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchlib import SHARED, load_module  # noqa: E402 - bench/ is on sys.path when a script runs


def score(scorer, docs: list[dict], outputs: list[list[dict]], n_errors: int = 0) -> dict:
    """The reference metrics for one system's outputs (one list of timex dicts per document)."""
    n_gold = n_sys = strict = relaxed = value_ok = 0
    errors = []
    for doc, items in zip(docs, outputs, strict=True):
        system = scorer._clean_sys(doc["text"], items)
        n_gold += len(doc["timexes"])
        n_sys += len(system)
        matched_gold, matched_sys = set(), set()
        for gold, found in scorer.match_doc(doc, system):
            matched_gold.add(id(gold))
            matched_sys.add(id(found))
            relaxed += 1
            same_extent = scorer._trim(doc["text"], gold["start"], gold["end"]) == scorer._trim(
                doc["text"], found["start"], found["end"])
            strict += same_extent
            same_value = scorer.norm_value(gold["value"]) == scorer.norm_value(found["value"])
            value_ok += same_value
            if (not same_value or not same_extent) and len(errors) < n_errors:
                errors.append((doc["dct"], gold["text"], gold["type"], gold["value"], found["text"], found["type"],
                               found["value"]))
        for gold in doc["timexes"]:
            if id(gold) not in matched_gold and len(errors) < n_errors:
                errors.append((doc["dct"], gold["text"], gold["type"], gold["value"], "MISSED", "", ""))
        for found in system:
            if id(found) not in matched_sys and len(errors) < n_errors:
                errors.append((doc["dct"], "SPURIOUS", "", "", found["text"], found["type"], found["value"]))
    _, _, strict_f1 = scorer.prf(strict, n_sys, strict, n_gold)
    relaxed_p, relaxed_r, relaxed_f1 = scorer.prf(relaxed, n_sys, relaxed, n_gold)
    return dict(system=n_sys, gold=n_gold, strict_f1=strict_f1, relaxed_p=relaxed_p, relaxed_r=relaxed_r,
                relaxed_f1=relaxed_f1, value_acc=value_ok / relaxed if relaxed else 0.0,
                value_f1=2 * value_ok / (n_sys + n_gold) if n_sys + n_gold else 0.0, errors=errors)


def run_storyline(docs: list[dict]) -> tuple[list[list[dict]], float, float, float]:
    """Outputs of Storyline's tagger, the parse time, the tagging time and its CPU time (seconds).

    CPU time is reported beside wall-clock time because the benchmark machine is shared."""
    from storyline.analyze.nlp import parse_many
    from storyline.analyze.timex import tag_timexes

    tag_timexes(next(parse_many(["The talks resumed on Tuesday."])), "2013-03-21")  # warm-up
    started = time.perf_counter()
    parsed = list(parse_many(doc["text"] for doc in docs))
    parse_s = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    tagged = [tag_timexes(parsed_doc, doc["dct"]) for parsed_doc, doc in zip(parsed, docs, strict=True)]
    tag_s, tag_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
    outputs = [[dict(start=t.start, end=t.end, type=t.type, value=t.value) for t in items] for items in tagged]
    return outputs, parse_s, tag_s, tag_cpu_s


def run_dateparser(docs: list[dict]) -> tuple[list[list[dict]], float, float]:
    """Outputs of dateparser's ``search_dates`` (the anchor), values as ISO dates, and its time."""
    from datetime import datetime

    from dateparser.search import search_dates

    outputs = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for doc in docs:
        base = datetime.fromisoformat(doc["dct"][:10])
        found = search_dates(doc["text"], languages=["en"], settings={"RELATIVE_BASE": base}) or []
        items, cursor = [], 0
        for phrase, when in found:
            start = doc["text"].find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            items.append(dict(start=start, end=cursor, type="DATE", value=when.date().isoformat()))
        outputs.append(items)
    return outputs, time.perf_counter() - started, time.process_time() - cpu_started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    parser.add_argument("--corpus", default="all", choices=["all", "TimeBank", "AQUAINT"])
    parser.add_argument("--errors", type=int, default=0, help="print N error examples")
    parser.add_argument("--no-anchor", action="store_true", help="skip the dateparser run")
    args = parser.parse_args()
    gold_root = args.data / "data" / "timex" / "tbaq"
    if not gold_root.is_dir() or not (args.data / "bench" / "timex" / "eval_timex.py").is_file():
        print(f"skipped: data not found under {args.data}")
        return 0
    scorer = load_module("eval_timex", args.data / "bench" / "timex" / "eval_timex.py")
    corpora = ["TimeBank", "AQUAINT"] if args.corpus == "all" else [args.corpus]
    corpus_of = [(name, doc) for name in corpora for doc in scorer.load_gold(str(gold_root / name), args.limit)]
    docs = [doc for _, doc in corpus_of]
    outputs, parse_s, tag_s, tag_cpu_s = run_storyline(docs)
    per_doc = 1000 / len(docs)  # seconds over the whole set → milliseconds per document
    rows = [("storyline", score(scorer, docs, outputs, args.errors), tag_s * per_doc, tag_cpu_s * per_doc,
             parse_s * per_doc)]
    if len(corpora) > 1:  # each corpus alone too (HeidelTime's published figures are on TimeBank)
        for name in corpora:
            picked = [i for i, (corpus, _) in enumerate(corpus_of) if corpus == name]
            subset = score(scorer, [docs[i] for i in picked], [outputs[i] for i in picked])
            rows.append((f"storyline, {name} only", subset, rows[0][2], rows[0][3], rows[0][4]))
    if not args.no_anchor:
        dp_outputs, dp_s, dp_cpu_s = run_dateparser(docs)
        rows.append(("dateparser search_dates", score(scorer, docs, dp_outputs), dp_s * per_doc, dp_cpu_s * per_doc,
                     0.0))
    print(f"{len(docs)} documents ({'+'.join(corpora)}), {sum(len(d['timexes']) for d in docs)} gold TIMEX3")
    print("| tagger | sys/gold | strict F1 | relaxed P/R/F1 | value acc | value F1 | ms/doc tag (CPU) "
          "| ms/doc parse |")
    print("|---|---|---|---|---|---|---|---|")
    for name, result, tagging_ms, tagging_cpu_ms, parsing_ms in rows:
        print(f"| {name} | {result['system']}/{result['gold']} | {100 * result['strict_f1']:.1f} "
              f"| {100 * result['relaxed_p']:.1f}/{100 * result['relaxed_r']:.1f}/{100 * result['relaxed_f1']:.1f} "
              f"| {100 * result['value_acc']:.1f} | {100 * result['value_f1']:.1f} "
              f"| {tagging_ms:.2f} ({tagging_cpu_ms:.2f}) | {parsing_ms:.1f} |")
    if not args.no_anchor and rows[-1][1]["value_f1"]:
        print(f"value F1 ratio storyline/dateparser: {rows[0][1]['value_f1'] / rows[-1][1]['value_f1']:.2f}")
    for error in rows[0][1]["errors"]:
        print("\t".join(str(part) for part in error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
