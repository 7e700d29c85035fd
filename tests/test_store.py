"""The corpus store on SQLite and (when a server is reachable) PostgreSQL: add, queries, search, exports."""

from __future__ import annotations

import io
import sqlite3
import threading
from pathlib import Path

import pytest

import storyline
from storyline.model import (
    Analysis,
    Article,
    DateValue,
    Entity,
    Event,
    EventTime,
    Mention,
    Quote,
    Span,
    Story,
    StoryArticle,
)
from storyline.store import ExportError, Store, StoreError
from storyline.store.schema import SCHEMA_VERSION


def _article(title: str, body: str, published: str = "2025-10-16") -> Article:
    return Article(title=title, text=body, url=f"https://example.org/{title.lower().replace(' ', '-')}",
                   publisher="Example News", published=DateValue(published, "meta"))


def _analysis(article: Article) -> Analysis:
    text_ = article.text
    start = text_.index("Trump")
    trump = Entity("e1", "Donald Trump", "PERSON", roles=["President"],
                   mentions=[Mention("Trump", start, start + 5, "PERSON")])
    putin = Entity("e2", "Vladimir Putin", "PERSON", mentions=[Mention("Putin", 0, 5, "PERSON")])
    quote = Quote(text="We will meet in Budapest", start=10, end=34, kind="direct",
                  cue=Span("said", 40, 44), speaker=Span("Trump", start, start + 5), speaker_entity="e1")
    meeting = Event("ev1", "MEET", "036", Span("meet", 15, 19), participants=["e1", "e2"], place="Budapest",
                    time=EventTime("2025-10-30", "within two weeks"), status="planned")
    return Analysis(text=text_, article=article, published="2025-10-16", entities=[trump, putin],
                    quotes=[quote], events=[meeting])


BODY = "Putin and Trump will meet in Budapest within two weeks, Trump said on Thursday."


def test_add_is_idempotent_by_content(store):
    article = _article("Summit planned", BODY)
    first = store.add(article, _analysis(article))
    again = store.add(article, _analysis(article))
    assert first.status == "stored" and again.status == "duplicate"
    assert again.article_id == first.article_id
    assert store.article_ids() == [first.article_id]
    assert store.get_article(first.article_id).title == "Summit planned"
    analysis = store.get_analysis(first.article_id)
    assert analysis.text == BODY and analysis.entities[0].name == "Donald Trump"
    assert analysis.article.publisher == "Example News"


def test_export_is_byte_identical_after_adding_twice(store):
    article = _article("Summit planned", BODY)
    store.add(article, _analysis(article))
    before = {(fmt, what): _export(store, fmt, what) for fmt in ("jsonl", "csv", "parquet")
              for what in ("articles", "quotes", "events", "entities")}
    store.add(article, _analysis(article))
    after = {key: _export(store, *key) for key in before}
    assert before == after
    assert b"We will meet in Budapest" in before[("jsonl", "quotes")]


def _export(store: Store, fmt: str, what: str) -> bytes:
    out = io.BytesIO() if fmt == "parquet" else io.StringIO()
    store.export(fmt, what, out)
    value = out.getvalue()
    return value if isinstance(value, bytes) else value.encode()


def test_search_budapest_finds_the_seed_with_a_highlighted_snippet(store, seed_path):
    seed = storyline.read(seed_path)
    stored = store.add(seed)
    store.add(_article("Other news", "Markets fell sharply in Tokyo on Monday."))
    hits = store.search("Budapest")
    assert hits and hits[0]["id"] == stored.article_id
    assert "[Budapest]" in hits[0]["snippet"]
    assert store.search("Tokyo")[0]["id"] != stored.article_id
    assert isinstance(store.search('"") OR ( NEAR'), list)  # query syntax is never passed through


def test_search_finds_quotes(store):
    article = _article("Summit planned", BODY)
    store.add(article, _analysis(article))
    kinds = {hit["kind"] for hit in store.search("Budapest")}
    assert kinds == {"article", "quote"}


def test_quote_and_event_queries(store):
    article = _article("Summit planned", BODY)
    aid = store.add(article, _analysis(article)).article_id
    quotes = store.quotes(speaker="trump")
    assert [q["text"] for q in quotes] == ["We will meet in Budapest"]
    assert quotes[0]["article_id"] == aid and quotes[0]["speaker_name"] == "Donald Trump"
    assert store.quotes(speaker="Putin") == []
    assert len(store.quotes(about="budapest")) == 1
    assert len(store.events(entity="Putin")) == 1
    assert store.events(type="meet")[0]["place"] == "Budapest"
    assert len(store.events(date_from="2025-10-01", date_to="2025-10-31")) == 1
    assert store.events(date_from="2025-11-01") == []


def test_entities_aggregate_then_cross_document(store):
    one = _article("Summit planned", BODY)
    two = _article("Summit confirmed", BODY + " Officials confirmed it.")
    store.add(one, _analysis(one))
    store.add(two, _analysis(two))
    people = store.entities(type="PERSON")
    assert people[0]["name"] in {"Donald Trump", "Vladimir Putin"} and len(people[0]["article_ids"]) == 2
    assert store.entity("PERSON:Donald Trump")["roles"] == ["President"]
    store.save_entities([{"id": "x1", "name": "Donald Trump", "type": "PERSON", "aliases": ["Trump"],
                          "roles": ["President"], "article_ids": store.article_ids(), "members": [],
                          "evidence": []}])
    assert [e["id"] for e in store.entities()] == ["x1"]
    assert store.entity("x1")["aliases"] == ["Trump"]


def test_stories_and_duplicates(store):
    one = store.add(_article("Summit planned", BODY)).article_id
    two = store.add(_article("Summit planned again", BODY + " More.")).article_id
    store.mark_duplicate(two, one, 0.93, {"added": ["More."]})
    assert store.duplicates_of(one)[0]["id"] == two
    assert next(a for a in store.articles() if a["id"] == two)["duplicate_of"] == one
    story = Story("s1", "Trump–Putin summit", articles=[StoryArticle(one, "Summit planned")])
    store.save_stories([story])
    assert store.story("s1").articles[0].id == one
    assert [s.id for s in store.stories()] == ["s1"]


def test_unknown_export_and_unopenable_store(tmp_path):
    with Store.create(tmp_path / "s.db") as s, pytest.raises(ExportError):
        s.export("xml", "articles", io.StringIO())
    (tmp_path / "junk.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store(tmp_path / "junk.db")


def test_reopening_keeps_the_schema_version(tmp_path):
    path = tmp_path / "s.db"
    with Store.create(path) as s:
        s.add(_article("One", BODY))
        version = s.schema_version
    with Store.create(path) as s:
        assert s.schema_version == version and s.count() == 1


def test_event_dates_match_by_the_days_they_cover(store):
    article = _article("Summit planned", BODY)
    analysis = _analysis(article)
    analysis.events[0].time = EventTime("2025-10", "in October")
    store.add(article, analysis)
    assert len(store.events(date_from="2025-10-15", date_to="2025-10-20")) == 1
    assert len(store.events(date_from="2025-10")) == 1
    assert store.events(date_to="2025-09-30") == []


def test_a_version_1_store_is_migrated_on_open(tmp_path):
    path = tmp_path / "old.db"
    with Store.create(path) as s:
        article = _article("Summit planned", BODY)
        s.add(article, _analysis(article))
    old = sqlite3.connect(path)  # make it look like version 1: no event date range yet
    old.execute("DROP INDEX events_date_range")
    old.execute("ALTER TABLE events DROP COLUMN date_start")
    old.execute("ALTER TABLE events DROP COLUMN date_end")
    old.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    old.commit()
    old.close()
    with Store.create(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert len(s.events(date_from="2025-10-30", date_to="2025-10-30")) == 1
    newer = sqlite3.connect(path)
    newer.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    newer.commit()
    newer.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store.create(path)


def test_ingest_gives_the_same_export_on_each_backend(store, tmp_path):
    from storyline.pipeline.ingest import ingest

    sources = [Path(__file__).parent / "fixtures" / "store" / "sample.warc"]
    ingest(sources, store, update_stories=False)
    with Store.create(tmp_path / "reference.db") as reference:
        ingest(sources, reference, update_stories=False)
        for what in ("articles", "quotes", "events", "entities"):
            assert _export(store, "jsonl", what) == _export(reference, "jsonl", what)


def test_two_writers_adding_the_same_articles_store_each_once(store):
    other = Store.create(store.url)
    articles = [_article(f"Story {n}", f"{BODY} Item {n}.") for n in range(12)]
    results: dict[str, list] = {}

    def write(name: str, target: Store) -> None:
        results[name] = [target.add(a).status for a in articles]

    threads = [threading.Thread(target=write, args=(name, s)) for name, s in (("a", store), ("b", other))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert sorted(results["a"] + results["b"]).count("stored") == 12
    assert store.count() == 12
