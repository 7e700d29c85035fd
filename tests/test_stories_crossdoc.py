"""Cross-document event coreference: stories first, then events linked across the articles of a story."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

from storyline.analyze.events.coref import EventMention
from storyline.model import Analysis, Article, DateValue, Entity, Event, EventTime, Span
from storyline.stories.crossdoc import (
    CROSS_FEATURES,
    CrossModel,
    cluster_across,
    cross_model,
    link_events,
    same_family,
    story_clusters,
)

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "stories-cdcr"
PLANE = Counter({"plane": 3, "crash": 2, "airline": 2, "passenger": 2, "sea": 1, "search": 1})
QUAKE = Counter({"earthquake": 3, "magnitude": 2, "building": 2, "rescue": 1, "collapse": 1})


def _mention(id: str, doc: str, lemma: str, terms: Counter, names: frozenset[str], day: str | None = None,
             sentence: int = 0) -> EventMention:
    return EventMention(id=id, doc_id=doc, sentence=sentence, lemma=lemma, text=lemma, group="t", doc_terms=terms,
                        doc_names=names, participants=names, doc_date=day)


def test_shipped_model_matches_its_features():
    model = cross_model()
    assert model.trees or len(model.weights) == len(CROSS_FEATURES)
    assert all(max(tree["feature"]) < len(CROSS_FEATURES) for tree in model.trees or ())
    assert 0.0 < model.threshold < 1.0 and 0.0 < model.story_threshold < 1.0


def test_tree_model_sums_one_leaf_per_tree():
    stump = {"feature": [0, 0, 0], "threshold": [0.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
             "value": [0.0, -2.0, 3.0], "leaf": [0, 1, 1]}
    model = CrossModel([], 0.5, trees=[stump, stump])
    rows = np.zeros((2, len(CROSS_FEATURES)))
    rows[1, 0] = 1.0
    expected = 1.0 / (1.0 + np.exp(-np.array([0.5 - 4.0, 0.5 + 6.0])))
    assert np.allclose(model.probabilities(rows), expected)


def test_event_families_cover_other_words_for_one_happening():
    assert same_family("killed", "death") and same_family("shot", "gunfire") and same_family("nabbed", "arrest")
    assert not same_family("resigned", "attack")


def test_events_link_across_articles_of_one_story_but_not_across_stories():
    airline = frozenset({"airasia", "indonesia"})
    mentions = [
        _mention("a1", "a", "crash", PLANE, airline, "2014-12-28"),
        _mention("b1", "b", "crash", PLANE + Counter({"wreckage": 1}), airline, "2014-12-29"),
        _mention("c1", "c", "earthquake", QUAKE, frozenset({"chile"}), "2010-02-27"),
        _mention("d1", "d", "earthquake", QUAKE, frozenset({"chile"}), "2010-02-28"),
    ]
    labels = cluster_across(mentions)
    assert labels["a1"] == labels["b1"]
    assert labels["c1"] == labels["d1"]
    assert labels["a1"] != labels["c1"]


def test_articles_years_apart_are_different_stories_however_alike():
    vector = {"crash": 0.8, "plane": 0.6}
    stories = story_clusters({"x": vector, "y": dict(vector)}, 0.1, {"x": "2009-02-12", "y": "2014-12-28"})
    assert stories["x"] != stories["y"]
    assert len(set(story_clusters({"x": vector, "y": dict(vector)}, 0.1).values())) == 1


def _stored(article_id: str, day: str, trigger: str, text: str) -> tuple[str, Article, Analysis]:
    start = text.index(trigger)
    sentence = Span(text.split(".")[0] + ".", 0, len(text.split(".")[0]) + 1)
    event = Event(id="e1", type="accident", cameo="", trigger=Span(trigger, start, start + len(trigger)),
                  participants=["AirAsia"], place="Java Sea", time=EventTime(day, "Sunday"), sentence=sentence)
    entities = [Entity(id="n1", name="AirAsia", type="ORG"), Entity(id="n2", name="Java Sea", type="LOC")]
    article = Article(title=text.split(".")[0], published=DateValue(day, "test"), text=text)
    return article_id, article, Analysis(text=text, article=article, entities=entities, events=[event])


def test_link_events_on_stored_analyses_gives_members_with_evidence():
    items = [
        _stored("p1", "2014-12-28", "crashed", "An AirAsia plane crashed into the Java Sea. Search teams found debris."),
        _stored("p2", "2014-12-29", "crash", "Divers reached the AirAsia crash site in the Java Sea. Debris was found."),
        _stored("p3", "2009-02-12", "crashed", "A Colgan Air plane crashed near Buffalo. Fifty people died."),
    ]
    linked = link_events(items, [["p1", "p2"], ["p3"]])
    assert len(linked) == 1
    assert {m["article_id"] for m in linked[0].members} == {"p1", "p2"}
    assert all(e.start is not None and e.source.startswith("article:") for e in linked[0].evidence)
    assert 0.0 < linked[0].confidence <= 1.0
    assert link_events(items, [["p1"], ["p2"], ["p3"]]) == []  # never across stories
    assert link_events([("x", Article(text=""), None)], [["x"]]) == []  # no analysis: nothing, no error


def test_bench_scores_a_blind_copy_through_its_map_and_several_sets(tmp_path, capsys, bench_events):
    records = json.loads((TINY / "event_mentions.json").read_text())
    blind = tmp_path / "blind"
    blind.mkdir()
    id_map = {f"m{i}": r["mention_id"] for i, r in enumerate(records)}
    hidden = [dict(r, mention_id=f"m{i}", coref_chain=f"m{i}") for i, r in enumerate(records)]
    (blind / "event_mentions.json").write_text(json.dumps(hidden))
    (blind / "tiny.conll").write_text((TINY / "tiny.conll").read_text())
    (tmp_path / "map.json").write_text(json.dumps(id_map))
    out = tmp_path / "clusters.json"
    bench = bench_events
    assert bench.main(["--data", str(blind), "--map", str(tmp_path / "map.json"), "--gold", str(TINY),
                       "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "blind copy" in printed and "within the set" in printed and "gold subtopic (oracle)" in printed
    assert set(json.loads(out.read_text())) == {r["mention_id"] for r in records}  # original ids
    system = printed.splitlines()[[i for i, line in enumerate(printed.splitlines()) if "storyline" in line][0]]
    assert float(system.rstrip(" |").rsplit("|", 1)[1]) > 80.0  # scored against the real chains, not the blind ones
    assert bench.main(["--data", str(TINY), "--data", str(TINY), "--out", str(out)]) == 0
    assert list(json.loads(out.read_text())) == [str(TINY)]  # one entry per set (the same set twice here)
