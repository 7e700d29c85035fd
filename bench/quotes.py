"""Benchmark quote extraction and speaker attribution against textacy's direct_quotations.

Scores both extractors with the reference metrics of ``shared/bench/quotes/eval_quotes.py`` on the
GGT and PolNeAR dev sets, then times the quotes stage against bare ``nlp.pipe`` on the same texts.

Each set is scored on the attributions its annotation scheme covers: GGT annotates speech only,
PolNeAR also beliefs, intentions and findings (``Quote.attribution == "stance"``). The second
row of each set scores the other reading for comparison: every quote on GGT, speech alone on PolNeAR.

    .venv/bin/python bench/quotes.py [--limit N] [--data PATH] [--sets ggt polnear]
    .venv/bin/python bench/quotes.py --gold other/ggt-test.jsonl --gold other/polnear-test.jsonl
    .venv/bin/python bench/quotes.py --docbin /tmp/quotes-docs --no-anchor --no-speed  # experiments

``--speaker-model PATH`` ranks speakers with another ranker (``scripts/train_speakers.py --out``),
``--speaker-model none`` with the rules alone: the shipped ranker is trained on PolNeAR train only,
so its GGT rows are a cross-source estimate; one trained on GGT dev scored on PolNeAR dev is the
reverse direction.

``--docbin DIR`` keeps each set's parsed articles in ``DIR`` (a spaCy DocBin per gold file), so
repeated experiments do not re-parse them; the timing always parses afresh.

A gold file's scheme is read from its ``dataset`` field, so other splits of the same sources (e.g.
held-out test files) are scored the same way. That includes how a quote its own cue interrupts is
scored ("“A,” she said. “B.”", "A, he said, B"): Storyline gives it one ``Quote`` with ``fragments``;
GGT marks each contiguous piece as a quote (none of its gold quotes has two fragments), so GGT gets
one record per fragment, PolNeAR (one attribution with fragments) the whole span.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchlib import load_module, shared_dir  # noqa: E402 - bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from spacy.tokens import Doc, DocBin  # noqa: E402

from storyline.analyze import analyze_many  # noqa: E402
from storyline.analyze.entities import extract_entities  # noqa: E402
from storyline.analyze.nlp import get_nlp, parse, parse_many  # noqa: E402
from storyline.analyze.quotes import extract_quotes  # noqa: E402
from storyline.analyze.quotes.ranker import speaker_model, use_speaker_model  # noqa: E402

GOLD_FILES = {"ggt": "ggt-dev.jsonl", "polnear": "polnear-dev.jsonl"}
ALL_ATTRIBUTIONS = frozenset({"speech", "stance"})
SPEECH = frozenset({"speech"})
# What each corpus's guidelines annotate; a corpus not listed is scored on every quote.
ANNOTATED = {"ggt": SPEECH, "polnear": ALL_ATTRIBUTIONS}
# How each corpus marks content split by its cue ("Some hid, he said, but one ran"): GGT marks
# every contiguous piece as a quote of its own (none of its gold quotes has two fragments);
# PolNeAR marks one attribution whose content has fragments. A Quote carries both readings
# (``fragments`` inside ``start``/``end``); the eval takes one span per record.
CONTIGUOUS = {"ggt"}
GGT_ARTICLES_PER_S = 0.45  # the Gender Gap Tracker's published speed
_PARSED: dict[str, Doc] = {}  # text -> parse, filled from a --docbin cache


def _parsed(text: str) -> Doc:
    return _PARSED.get(text) or parse(text)


def _load_cache(texts: list[str], path: Path) -> None:
    """Parse ``texts`` once and keep them in ``path`` (a DocBin); later runs read it back."""
    vocab = get_nlp().vocab
    docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(vocab)) if path.exists() else []
    if [d.text for d in docs] != texts:
        docs = list(parse_many(texts))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(DocBin(docs=docs, store_user_data=True).to_bytes())
    _PARSED.update(zip(texts, docs, strict=True))


def storyline_quotes(text: str, attributions: frozenset[str] = ALL_ATTRIBUTIONS,
                     contiguous: bool = False) -> list[dict]:
    """The eval contract: speaker_text is the canonical speaker when resolved. ``contiguous``
    gives each fragment of a quote its own record, for corpora that mark pieces, not attributions."""
    doc = _parsed(text)
    out = []
    for q in extract_quotes(doc, extract_entities(doc)):
        if q.attribution not in attributions:
            continue
        speaker = q.speaker
        pieces = [(f.start, f.end) for f in q.fragments] if contiguous and q.fragments else [(q.start, q.end)]
        for start, end in pieces:
            out.append({"quote_start": start, "quote_end": end,
                        "speaker_text": q.speaker_entity or (speaker.text if speaker else None),
                        "speaker_start": speaker.start if speaker else None,
                        "speaker_end": speaker.end if speaker else None,
                        "cue": q.cue.text if q.cue else None})
    return out


def textacy_quotes(text: str) -> list[dict]:
    """The anchor: textacy's rule-based direct quotations over the same spaCy parse."""
    from textacy.extract.triples import direct_quotations

    doc = _parsed(text)
    out = []
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError):  # textacy gives up on some articles (e.g. unbalanced marks)
        return out
    for triple in triples:
        speaker = triple.speaker
        out.append({"quote_start": triple.content.start_char, "quote_end": triple.content.end_char,
                    "speaker_text": " ".join(t.text for t in speaker) if speaker else None,
                    "speaker_start": speaker[0].idx if speaker else None,
                    "speaker_end": speaker[-1].idx + len(speaker[-1]) if speaker else None,
                    "cue": " ".join(t.text for t in triple.cue)})
    return out


def _speed(texts: list[str]) -> dict:
    """Bare nlp.pipe time, quotes-stage time on those docs, and whole-analysis articles/s."""
    t0 = time.perf_counter()
    docs = list(parse_many(texts))
    pipe_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        extract_quotes(doc, [])
    quotes_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in analyze_many(texts):
        pass
    whole_s = time.perf_counter() - t0
    return {"pipe_s": pipe_s, "quotes_s": quotes_s, "extra": quotes_s / pipe_s,
            "whole_art_s": len(texts) / whole_s}


def _ceiling(articles: list[dict]) -> tuple[int, int, float]:
    """Gold quotes, those without a speaker mention, and the q+spk F1 of an extractor that finds
    every gold quote with its speaker: the reference scorer credits a quote only when its gold
    record names a speaker in the text, so quotes like the second of two paragraphs by one
    speaker count as predictions that can never be right."""
    total = sum(len(a["quotes"]) for a in articles)
    unspoken = sum(1 for a in articles for q in a["quotes"] if not q.get("speaker_text"))
    credited = total - unspoken
    return total, unspoken, (2 * credited / (2 * total)) if total else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="the shared folder (default ../shared or $STORYLINE_SHARED)")
    ap.add_argument("--limit", type=int, help="first N articles of each set")
    ap.add_argument("--sets", nargs="+", choices=sorted(GOLD_FILES), default=sorted(GOLD_FILES))
    ap.add_argument("--gold", type=Path, action="append",
                    help="score this gold JSONL instead of the dev sets (repeatable)")
    ap.add_argument("--no-anchor", action="store_true", help="skip the textacy run")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing")
    ap.add_argument("--docbin", type=Path, help="cache parsed articles in this folder")
    ap.add_argument("--speaker-model", help="rank speakers with this model JSON ('none': the rules alone)")
    args = ap.parse_args()
    if args.speaker_model:
        use_speaker_model(None if args.speaker_model == "none" else Path(args.speaker_model))
    model = speaker_model()
    print(f"speaker ranker: {args.speaker_model or 'shipped'} ({'none' if model is None else 'loaded'})")
    shared = shared_dir(args.data)
    golds = args.gold or [shared / "data/quotes" / GOLD_FILES[name] for name in args.sets]
    if not all(p.exists() for p in golds) or not (shared / "bench/quotes").exists():
        print(f"skipped: data not found under {shared}")
        return 0
    scorer = load_module("eval_quotes", shared / "bench/quotes/eval_quotes.py")
    rows, speeds, ceilings = [], [], []
    for path in golds:
        articles = [json.loads(line) for line in path.open(encoding="utf-8")]
        articles = articles[: args.limit] if args.limit else articles
        name = f"{articles[0]['dataset']}/{articles[0]['split']}" if articles else path.stem
        if args.docbin:
            _load_cache([a["text"] for a in articles], args.docbin / f"{path.stem}-{len(articles)}.spacy")
        ceilings.append((name, *_ceiling(articles)))
        annotated = ANNOTATED.get(articles[0]["dataset"] if articles else "", ALL_ATTRIBUTIONS)
        label = "storyline" if annotated == ALL_ATTRIBUTIONS else "storyline (speech)"
        pieces = bool(articles) and articles[0]["dataset"] in CONTIGUOUS
        extractors = [(label, lambda text, kept=annotated, split=pieces: storyline_quotes(text, kept, split))]
        # the other reading, for comparison: every quote, or speech alone
        other = ALL_ATTRIBUTIONS if annotated != ALL_ATTRIBUTIONS else SPEECH
        extractors.append(("storyline (all)" if other == ALL_ATTRIBUTIONS else "storyline (speech only)",
                           lambda text, kept=other, split=pieces: storyline_quotes(text, kept, split)))
        if not args.no_anchor:
            extractors.append(("textacy", textacy_quotes))
        for label, fn in extractors:
            result = scorer.evaluate(articles, fn)
            rows.append(scorer.fmt_row(name, label, result))
            print(rows[-1], flush=True)
        if not args.no_speed:
            speeds.append((name, _speed([a["text"] for a in articles])))
    print("\n" + scorer.HEADER)
    print("\n".join(rows))
    print("\n| dataset | gold quotes | without a speaker mention (never credited by q+spk) "
          "| q+spk F1 of a perfect extractor |")
    print("|---|---|---|---|")
    for name, total, unspoken, best in ceilings:
        print(f"| {name} | {total} | {unspoken} | {100 * best:.1f} |")
    print("\n| dataset | nlp.pipe s | quotes s | quotes extra | whole analysis art/s | × GGT (0.45/s) |")
    print("|---|---|---|---|---|---|")
    for name, s in speeds:
        print(f"| {name} | {s['pipe_s']:.2f} | {s['quotes_s']:.2f} | {100 * s['extra']:.1f}% "
              f"| {s['whole_art_s']:.2f} | {s['whole_art_s'] / GGT_ARTICLES_PER_S:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
