"""Event coreference: the pairwise model, clustering, the gold-mention loader and bench/events.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cdcr import load
from coref_metrics import score
from storyline.analyze.events.coref import (
    EventMention,
    cluster_mentions,
    default_model,
    related_triggers,
    stem,
)

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "stories-cdcr"


def _mention(id: str, sentence: int, lemma: str, pos: str = "VERB", doc: str = "d1") -> EventMention:
    return EventMention(id=id, doc_id=doc, sentence=sentence, lemma=lemma, pos=pos, group="t")


def test_repeated_event_merges_but_repeated_saying_does_not():
    mentions = [_mention("resign0", 0, "resign"), _mention("say1", 1, "say"), _mention("resign2", 2, "resign"),
                _mention("say3", 3, "say"), _mention("fall4", 4, "fall", "NOUN")]
    labels = cluster_mentions(mentions)
    assert labels["resign0"] == labels["resign2"]
    assert labels["say1"] != labels["say3"]
    assert len({labels["fall4"], labels["resign0"], labels["say1"]}) == 3


def test_synonyms_and_derivations_link_within_a_document():
    labels = cluster_mentions([_mention("h", 0, "quit"), _mention("b", 1, "resign"),
                               _mention("n", 2, "resignation", "NOUN")])
    assert labels["h"] == labels["b"] == labels["n"]
    assert stem("announcement") == stem("announce")


def test_shipped_model_matches_its_features():
    model = default_model()
    assert len(model.weights) == len(model.features)
    assert 0.0 < model.threshold < 1.0


def test_loader_and_scores_on_a_tiny_gold_folder():
    data = load(TINY)
    assert len(data.mentions) == 9
    by_id = {m.id: m for m in data.mentions}
    assert by_id["t1/a_1_2"].lemma == "resign"  # heads and lemmas come from the parse, not the gold file
    labels = cluster_mentions(data.mentions)
    result = score(data.gold, labels)
    assert result["MUC"][0] == 1.0  # no wrong link
    assert result["CoNLL"] > 0.8
    assert score(data.gold, data.gold)["CoNLL"] == 1.0


def test_bench_prints_scores_and_writes_clusters(tmp_path, capsys, bench_events):
    out = tmp_path / "clusters.json"
    assert bench_events.main(["--data", str(TINY), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "same head lemma, within document" in printed and "storyline (shipped model)" in printed
    assert set(json.loads(out.read_text())) == {m["mention_id"] for m in json.loads(
        (TINY / "event_mentions.json").read_text())}


def test_bench_skips_a_missing_folder(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "events.py"), "--data", str(tmp_path / "none")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "skipped: data not found" in run.stdout


def test_related_triggers_cover_inflections_and_synonyms():
    assert related_triggers("resigned", "quits")
    assert related_triggers("launches", "unveiled")
    assert not related_triggers("resigned", "attacked")
