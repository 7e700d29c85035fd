"""Cross-document event coreference on gold mentions: Storyline's clusters beside same-head-lemma baselines.

Usage: ``python bench/events.py [--data DIR ...] [--blind | --map MAP --gold DIR ...] [--out FILE] [--cv]``.
Each DIR holds ``event_mentions.json`` and ``*.conll`` (default: ``../shared/data/events/meantime-en-cdcr``);
several ``--data`` are scored one after the other. ``--blind`` first makes a blind copy of each DIR with
``../shared/bench/coref/blind_copy.py`` (no chains, subtopics or telling document names, as held-out sets
are given), clusters the copy and scores it through the copy's id map against DIR's gold chains; a copy
made beforehand is scored with ``--data COPY --map MAP --gold ORIGINAL`` (one of each per set, in order).
``--out`` writes the system's ``{mention_id: cluster_label}`` (original ids; with several sets,
``{DIR: {...}}``). ``--cv`` adds, per set, the score of the model retrained on the OTHER sets given
(leave-one-set-out: an estimate of how it does on a kind of news it never saw).

Baselines in the same run: same head lemma within a document, within the topic the set gives, within the
whole set, and (an oracle that reads the gold file) within the gold subtopic. Scores come from the reference
scorer ``../shared/bench/coref/conll_scorer.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import SHARED, load_module  # noqa: E402 - bench/ is on sys.path when a script runs

DEFAULT_DATA = SHARED / "data" / "events" / "meantime-en-cdcr"
SCORER = SHARED / "bench" / "coref" / "conll_scorer.py"
TRAINER = Path(__file__).resolve().parents[1] / "scripts" / "train_event_links.py"
BLIND_COPY = SHARED / "bench" / "coref" / "blind_copy.py"


def scorer():
    """The reference scorer's ``score`` when shared/ has it, else the project's identical metrics."""
    if SCORER.is_file():
        return load_module("conll_scorer", SCORER).score
    from coref_metrics import score

    return score


def lemma_baseline(records: list[dict], lemmas: dict[str, str], scope: str | None) -> dict[str, tuple]:
    """Same head lemma within a document (scope="doc_id"), a topic ("topic"), a gold subtopic
    ("subtopic") or the whole set (None)."""
    return {r["mention_id"]: (str(r.get(scope)) if scope else "", r.get("mention_head_lemma") or lemmas[r["mention_id"]])
            for r in records}


def row(name: str, result: dict) -> str:
    cells = "".join(f" {100 * result[k][0]:5.1f} {100 * result[k][1]:5.1f} {100 * result[k][2]:5.1f} |"
                    for k in ("MUC", "B3", "CEAFe"))
    return f"| {name:<34} |{cells} {100 * result['CoNLL']:5.1f} |"


def blind_copy(source: Path, workdir: Path) -> tuple[Path, Path]:
    """A blind copy of ``source`` made by the reference script; returns (copy folder, id map)."""
    target, id_map = workdir / source.name, workdir / f"{source.name}.map.json"
    subprocess.run([sys.executable, str(BLIND_COPY), str(source), str(target), str(id_map)],
                   check=True, capture_output=True, text=True)
    return target, id_map


def _original(gold_dir: Path, id_map: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """(gold chain by mention id, original id by mention id) of the mentions as the system sees them."""
    originals = {r["mention_id"]: r for r in json.loads((gold_dir / "event_mentions.json").read_text("utf-8"))}
    ids = json.loads(id_map.read_text("utf-8")) if id_map else {m: m for m in originals}
    return {new: originals[old]["coref_chain"] for new, old in ids.items()}, ids


def evaluate(data, data_dir: Path, gold_dir: Path, id_map: Path | None, others: list, cv: bool) -> dict[str, str]:
    """Print the table for one loaded set; returns the system's labels keyed by original mention ids."""
    from storyline.stories.crossdoc import cluster_across, cross_model

    gold, original_ids = _original(gold_dir, id_map)
    gold_records = {r["mention_id"]: r for r in json.loads((gold_dir / "event_mentions.json").read_text("utf-8"))}
    score = scorer()
    system = cluster_across(data.mentions)
    lemmas = {m.id: m.lemma for m in data.mentions}
    docs = {m.doc_id for m in data.mentions}
    print(f"{gold_dir}{' (blind copy ' + str(data_dir) + ')' if id_map else ''}: {len(data.mentions)} gold event "
          f"mentions, {len(docs)} documents, {len(set(gold.values()))} gold chains")
    print("| run                                |   MUC P     R    F1 |    B3 P     R    F1 |"
          " CEAFe P     R    F1 | CoNLL |")
    print("|" + "---|" * 5)
    records = data.records
    print(row("same head lemma, within document", score(gold, lemma_baseline(records, lemmas, "doc_id"))))
    print(row("same head lemma, within topic", score(gold, lemma_baseline(records, lemmas, "topic"))))
    print(row("same head lemma, within the set", score(gold, lemma_baseline(records, lemmas, None))))
    oracle = [dict(r, subtopic=gold_records[original_ids[r["mention_id"]]].get("subtopic")) for r in records]
    print(row("same lemma, gold subtopic (oracle)", score(gold, lemma_baseline(oracle, lemmas, "subtopic"))))
    print(row("storyline (shipped model)", score(gold, system)))
    if cv and others:
        model = load_module("train_event_links", TRAINER).fit(others)
        model.threshold = cross_model().threshold
        print(row("storyline, trained on the other sets", score(gold, cluster_across(data.mentions, model))))
    return {original_ids[m]: label for m, label in system.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="a CDCR folder (repeatable)")
    parser.add_argument("--blind", action="store_true", help="score blind copies made by blind_copy.py")
    parser.add_argument("--map", type=Path, action="append", help="id map of a blind copy given as --data")
    parser.add_argument("--gold", type=Path, action="append", help="the original of a blind copy given as --data")
    parser.add_argument("--out", type=Path, help="write {mention_id: cluster_label} JSON here")
    parser.add_argument("--cv", action="store_true", help="also score each set with the model trained on the others")
    args = parser.parse_args(argv)
    folders = args.data or [DEFAULT_DATA]
    missing = [d for d in [*folders, *(args.gold or [])] if not (d / "event_mentions.json").is_file()]
    if missing:
        print(f"skipped: data not found ({', '.join(map(str, missing))})")
        return 0
    if args.map and (len(args.map) != len(folders) or len(args.gold or []) != len(folders)):
        print("error: give one --map and one --gold per --data", file=sys.stderr)
        return 2
    if args.blind and not BLIND_COPY.is_file():
        print(f"skipped: {BLIND_COPY} not found")
        return 0
    from cdcr import CdcrFormatError, load  # after the checks: spaCy loads slowly

    started = time.perf_counter()
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="storyline-blind-") as workdir:
        sets = []  # (folder the system reads, gold folder, id map)
        for index, folder in enumerate(folders):
            if args.blind:
                sets.append((*blind_copy(folder, Path(workdir)), folder))
            elif args.map:
                sets.append((folder, args.map[index], args.gold[index]))
            else:
                sets.append((folder, None, folder))
        try:
            loaded = [_with_gold(load(data_dir), id_map, gold_dir) for data_dir, id_map, gold_dir in sets]
            for index, (data_dir, id_map, gold_dir) in enumerate(sets):
                others = [d for i, d in enumerate(loaded) if i != index]
                results[str(gold_dir)] = evaluate(loaded[index], data_dir, gold_dir, id_map, others, args.cv)
                print()
        except (CdcrFormatError, OSError, ValueError, KeyError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    if args.out:
        written = next(iter(results.values())) if len(folders) == 1 else results
        args.out.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    print(f"time {time.perf_counter() - started:.1f}s")
    return 0


def _with_gold(data, id_map: Path | None, gold_dir: Path):
    """``data`` with its gold chains read from the original folder (a blind copy has none)."""
    data.gold = _original(gold_dir, id_map)[0]
    return data


if __name__ == "__main__":
    raise SystemExit(main())
