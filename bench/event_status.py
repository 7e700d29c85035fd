"""Event status and polarity on TimeBank/AQUAINT gold events, beside a tense-only baseline.

Usage: ``python bench/event_status.py [--data DIR] [--corpus TimeBank|AQUAINT|all] [--limit N]``.
DIR holds the TimeML folders (default ``../shared/data/timex/tbaq``, or ``$STORYLINE_SHARED``).
MEANTIME's coreference release (``events/meantime-en-cdcr``) carries no tense or polarity, so it is not used.

Gold status of each annotated event (first MAKEINSTANCE of its EVENT):
  ``negated`` when its polarity is NEG; else ``unreal`` (planned or hypothetical) when its tense is FUTURE,
  it carries a modality, or its TLINK to the creation time (DCT) puts it AFTER; else ``occurred`` when its
  DCT TLINK puts it BEFORE (or INCLUDES / IS_INCLUDED / DURING / SIMULTANEOUS: going on at the time), or
  its tense is PAST, or PRESENT with PERFECTIVE aspect. Other events (infinitives, participles, nouns
  without a DCT link) have no gold status and are left out (counted).
System: :func:`storyline.analyze.events.status.status_of` on the gold event's token, with the parse of
the whole document (planned and hypothetical → unreal, ongoing → occurred).
Some AQUAINT files mark most events NEG (an annotation default, not negation): documents with more NEG
than POS instances are left out.
Baseline in the same run: past tense = occurred, future or modal = planned (on the token's own
auxiliaries, or those of the verb governing a noun); everything else occurred; never negated.
Prints 3-class accuracy and macro-F1, per-class precision/recall, and negation (polarity) P/R/F1.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from benchlib import SHARED  # noqa: E402 - bench/ is on sys.path when a script runs

DEFAULT_DATA = SHARED / "data" / "timex" / "tbaq"
CLASSES = ("occurred", "unreal", "negated")
SYSTEM_CLASS = {"occurred": "occurred", "ongoing": "occurred", "planned": "unreal",
                "hypothetical": "unreal", "negated": "negated", "denied": "negated"}
BEFORE = {"BEFORE", "IBEFORE", "ENDED_BY"}
AFTER = {"AFTER", "IAFTER", "BEGINS"}
AROUND = {"INCLUDES", "IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY", "BEGUN_BY", "ENDS"}
INVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER", "IAFTER": "IBEFORE",
           "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
           "ENDS": "ENDED_BY", "ENDED_BY": "ENDS"}
MODALS = frozenset({"will", "'ll", "shall", "wo", "would", "'d", "may", "might", "can", "ca", "could",
                    "should", "must"})
TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> tuple[str, str | None, list[tuple[int, int, dict]]]:
    """The document's text, its creation date and its events as (start, end, attributes)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    text, events, position, open_event = [], [], 0, None
    for piece in re.split(r"(<[^>]+>)", body):
        tag = TAG.fullmatch(piece)
        if tag is None:
            text.append(piece)
            position += len(piece)
        elif tag.group(2) == "EVENT" and not tag.group(1):
            open_event = (position, dict(ATTR.findall(tag.group(3))))
        elif tag.group(2) == "EVENT" and open_event:
            events.append((open_event[0], position, open_event[1]))
            open_event = None
    instances: dict[str, dict] = {}
    by_instance: dict[str, str] = {}
    for match in re.finditer(r"<MAKEINSTANCE([^>]*)/>", raw):
        attrs = dict(ATTR.findall(match.group(1)))
        instances.setdefault(attrs["eventID"], attrs)
        by_instance[attrs["eiid"]] = attrs["eventID"]
    dct_links = _dct_links(raw, by_instance)
    polarities = Counter(attrs.get("polarity") for attrs in instances.values())
    if polarities["NEG"] > polarities["POS"]:
        return "".join(text), None, []  # polarity left at a default (NEG on most events): not gold
    found = []
    for start, end, attrs in events:
        instance = instances.get(attrs["eid"])
        if instance:
            found.append((start, end, {**attrs, **instance, "dct": dct_links.get(attrs["eid"])}))
    return "".join(text), dct.group(1) if dct else None, found


def _dct_links(raw: str, by_instance: dict[str, str]) -> dict[str, str]:
    """Event id → its relation to the creation time (t0), read from the event's side."""
    links = {}
    for match in re.finditer(r"<TLINK([^>]*)/>", raw):
        attrs = dict(ATTR.findall(match.group(1)))
        relation = attrs.get("relType", "")
        if attrs.get("relatedToTime") == "t0" and "eventInstanceID" in attrs:
            event = by_instance.get(attrs["eventInstanceID"])
        elif attrs.get("timeID") == "t0" and "relatedToEventInstance" in attrs:
            event, relation = by_instance.get(attrs["relatedToEventInstance"]), INVERSE.get(relation, relation)
        else:
            continue
        if event:
            links.setdefault(event, relation)
    return links


def gold_status(attrs: dict) -> str | None:
    """The gold class of one event, or None when the annotation does not settle it."""
    if attrs.get("polarity") == "NEG":
        return "negated"
    modality = attrs.get("modality", "").lower()
    dct = attrs.get("dct")
    if attrs.get("tense") == "FUTURE" or (modality and modality != "none") or dct in AFTER:
        return "unreal"
    if dct in BEFORE or dct in AROUND:
        return "occurred"
    if attrs.get("tense") == "PAST" or (attrs.get("tense") == "PRESENT" and "PERFECTIVE" in attrs.get("aspect", "")):
        return "occurred"
    return None


def baseline_status(token) -> str:
    """Past tense = occurred, future or modal = planned: the auxiliaries of the token, or of the
    verb a noun or infinitive hangs on."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") and verb.tag_ not in ("VB", "VBG") or verb.head == verb:
            break
        verb = verb.head
    if any(child.dep_ == "aux" and child.lower_ in MODALS for child in verb.children):
        return "unreal"
    return "occurred"


def system_status(token, candidate_for, status_of, lexicon) -> str:
    status, _ = status_of(candidate_for(token, lexicon), lexicon)
    return SYSTEM_CLASS.get(status, "occurred")


def report(name: str, pairs: list[tuple[str, str]]) -> None:
    if not pairs:
        print(f"{name:9s} no events with a gold status")
        return
    correct = sum(g == p for g, p in pairs)
    f1s, rows = [], []
    for label in CLASSES:
        tp = sum(g == p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        gold = sum(g == label for g, _ in pairs)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        rows.append(f"{label} P {100 * precision:.1f} R {100 * recall:.1f} F1 {100 * f1:.1f}")
    print(f"{name:9s} accuracy {100 * correct / len(pairs):5.1f}  macro-F1 {100 * sum(f1s) / len(f1s):5.1f}  | "
          + " | ".join(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--corpus", default="all", choices=("all", "TimeBank", "AQUAINT"))
    parser.add_argument("--limit", type=int, default=0, help="documents per corpus (0 = all)")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: no data at {args.data}")
        return 0
    from storyline.analyze.events.detect import candidate_for
    from storyline.analyze.events.lexicon import event_lexicon
    from storyline.analyze.events.status import status_of
    from storyline.analyze.nlp import parse_many

    lexicon = event_lexicon()
    corpora = ("TimeBank", "AQUAINT") if args.corpus == "all" else (args.corpus,)
    started = time.perf_counter()
    for corpus in corpora:
        paths = sorted((args.data / corpus).glob("*.tml"))
        if args.limit:
            paths = paths[: args.limit]
        documents = []
        for path in paths:
            try:
                documents.append(read_tml(path))
            except (OSError, ValueError, KeyError) as error:  # not TimeML with a TEXT element
                print(f"skipped {path.name}: {error!r}", file=sys.stderr)
        system, baseline, skipped, gold_counts = [], [], 0, Counter()
        for (_, _, events), doc in zip(documents, parse_many([d[0] for d in documents]), strict=True):
            for start, end, attrs in events:
                gold = gold_status(attrs)
                span = doc.char_span(start, end, alignment_mode="expand")
                if gold is None or span is None or not len(span):
                    skipped += 1
                    continue
                token = span.root
                gold_counts[gold] += 1
                system.append((gold, system_status(token, candidate_for, status_of, lexicon)))
                baseline.append((gold, baseline_status(token)))
        print(f"== {corpus}: {sum(bool(d[2]) for d in documents)} of {len(paths)} documents, {len(system)} events with a gold status "
              f"({dict(gold_counts)}), {skipped} left out")
        report("baseline", baseline)
        report("system", system)
    print(f"({time.perf_counter() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
