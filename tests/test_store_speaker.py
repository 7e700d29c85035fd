"""``quotes --speaker`` and ``events --entity`` find a person by any name: without accents, in another
transliteration, by surname, by an alias of their entity in the article or across articles; on
SQLite and PostgreSQL, and in a store written before the name index existed."""

from __future__ import annotations

import sqlite3
from functools import cache

import storyline
from storyline.model import Analysis, Article, DateValue
from storyline.store import Store
from storyline.store.names import name_key

NEWS = {
    "orban": 'Hungarian Prime Minister Viktor Orbán said on Friday: "Budapest is ready to host the summit." '
             "Orbán met Vladimir Putin in Budapest on Monday.",
    "zelenskyy": '"We need Tomahawks," Ukrainian President Volodymyr Zelenskyy said on Friday. '
                 "Zelenskyy will meet Donald Trump at the White House.",
    "zelensky": '"I am ready," Zelensky told reporters after he met Trump in Washington.',
    "president": 'US President Donald Trump spoke to Vladimir Putin on Thursday. '
                 '"It was a very productive call," the US president wrote on Truth Social.',
    "surname": '"We will see what happens," Trump said on Air Force One.',
    "lula": '"We will win the vote," Lula said in Brasilia on Sunday.',
}


@cache
def _analysed(name: str) -> tuple[Article, Analysis]:
    article = Article(title=name, text=NEWS[name], url=f"https://example.org/{name}",
                      published=DateValue("2025-10-17", "meta"))
    return article, storyline.analyze(article)


def _fill(target: Store) -> dict[str, str]:
    return {name: target.add(*_analysed(name)).article_id for name in NEWS}


def _said(target: Store, speaker: str) -> set[str]:
    return {q["text"] for q in target.quotes(speaker=speaker)}


def test_accents_and_transliterations_do_not_matter(store):  # noqa: F811
    _fill(store)
    assert _said(store, "Orban") == _said(store, "Viktor Orbán") == {'"Budapest is ready to host the summit."'}
    zelensky = {'"We need Tomahawks,"', '"I am ready,"'}
    assert _said(store, "Zelensky") == _said(store, "zelenskyy") == _said(store, "Zelenskiy") == zelensky
    assert _said(store, "Volodymyr Zelensky") == zelensky


def test_full_name_finds_the_surname_and_the_description(store):  # noqa: F811
    _fill(store)
    trump = {'"It was a very productive call,"', '"We will see what happens,"'}
    assert _said(store, "Donald Trump") == _said(store, "Trump") == _said(store, "President Trump") == trump
    assert '"It was a very productive call,"' in _said(store, "the US president")
    # another first name is another person, even with the same surname (a bare "Trump" may be either)
    assert _said(store, "Melania Trump") == {'"We will see what happens,"'}
    assert _said(store, "Putin") == set()


def test_events_by_participant_name(store):  # noqa: F811
    _fill(store)
    met_putin = store.events(entity="Orban")
    assert [e["participants"] for e in met_putin] == [["Viktor Orbán", "Vladimir Putin"]]
    assert {e["article_id"] for e in store.events(entity="Zelenskyy")} == {
        e["article_id"] for e in store.events(entity="Zelensky")}
    assert len(store.events(entity="Zelensky")) == 2


def test_an_alias_from_other_articles_finds_the_quote(store):  # noqa: F811
    ids = _fill(store)
    lula = "Luiz Inácio Lula da Silva"
    assert _said(store, lula) == set()  # the article says only "Lula"
    member = next(e for e in _analysed("lula")[1].entities if e.name == "Lula")
    store.save_entities([{"id": "PERSON:lula", "name": lula, "type": "PERSON", "aliases": ["Lula"],
                          "roles": ["president"], "article_ids": [ids["lula"]],
                          "members": [{"article_id": ids["lula"], "entity_id": member.id, "name": "Lula",
                                       "mentions": 1}], "evidence": []}], replace=True)
    assert _said(store, lula) == {'"We will win the vote,"'}
    store.save_entities([], replace=True)
    assert _said(store, lula) == set()


def test_a_version_2_store_gets_its_name_index_on_open(tmp_path):
    path = tmp_path / "old.db"
    with Store.create(path) as new:
        _fill(new)
    old = sqlite3.connect(path)  # make it look like version 2: no name tables yet
    for table in ("name_index", "entity_names", "entity_members"):
        old.execute(f"DROP TABLE {table}")
    old.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    old.commit()
    old.close()
    with Store.create(path) as migrated:
        assert migrated.schema_version == 3
        assert _said(migrated, "Orban") == {'"Budapest is ready to host the summit."'}


def test_punctuation_only_and_unknown_names(store):  # noqa: F811
    _fill(store)
    assert store.quotes(speaker="—") == [] and store.quotes(speaker="Nobody Atall") == []
    assert name_key("Zelenskyy’s") == name_key("ZELENSKIY") == "zelensky"


def test_in_memory_matching_keeps_other_first_names_apart():
    from storyline.store.names import key_matches

    assert not key_matches(["Melania Trump", "Trump"], "Donald Trump", set())
    assert key_matches(["Donald Trump", "Trump"], "Donald Trump", set())
    assert key_matches(["Trump"], "Donald Trump", set())
