"""Store queries on the seed article: search and --about share one
syntax (Budap*, OR, -word) and return speech, not stances; --speaker and the entity name filter find
a person by role, and a short word such as "US" never matches the start of a longer name."""

from __future__ import annotations

from storyline.store import Store
from storyline.store.search import fts5_query, parse_query, tsquery


def _filled(target: Store, seed_analysis) -> Store:
    target.add(seed_analysis.article, seed_analysis)
    return target


def test_search_returns_speech_quotes_and_never_a_stance(store, seed_analysis):  # noqa: F811
    stances = {q.text for q in seed_analysis.quotes if q.attribution == "stance"}
    assert stances, "the seed has beliefs and intentions to leave out"
    hits = _filled(store, seed_analysis).search("Budapest", limit=50)
    quotes = [h for h in hits if h["kind"] == "quote"]
    assert quotes and hits[0]["kind"] in ("article", "quote")
    spoken = {q["position"] for q in store.quotes(limit=100, speech_only=True)}
    assert all(int(h["ref"]) in spoken for h in quotes)
    assert "Budapest" in hits[0]["snippet"]


def test_search_or_and_not(store, seed_analysis):  # noqa: F811
    _filled(store, seed_analysis)
    assert store.search("Budapest OR Zzyzzx")  # one alternative is enough
    assert not store.search("Budapest Zzyzzx")  # every word must match
    assert len(store.search("Budapest -Moscow", limit=100)) < len(store.search("Budapest", limit=100))
    assert all("Moscow" not in h["snippet"] for h in store.search("Budapest -Moscow", limit=100))
    assert store.search("-Moscow") == []  # nothing that must match: nothing to search


def test_quotes_about_reads_the_search_syntax(store, seed_analysis):  # noqa: F811
    _filled(store, seed_analysis)
    starts = store.quotes(about="Budap*", speech_only=True)
    assert starts and all("Budapest" in q["text"] for q in starts)
    assert store.quotes(about="Budap", speech_only=True) == starts  # plain text still matches inside words
    either = store.quotes(about="Budapest OR Tomahawks", limit=100)
    assert len(either) > len(starts)
    assert all("Budapest" not in q["text"] for q in store.quotes(about="Tomahawks -Budapest", limit=100))


def test_query_parsing():
    first, second = parse_query('Budapest OR "White House" -Moscow Budap*')
    assert [t.text for t in first] == ["Budapest"] and [(t.negated, t.prefix) for t in second][1:] == [
        (True, False), (False, True)]
    assert fts5_query("Budapest -Moscow") == '(("Budapest") NOT "Moscow")'
    assert fts5_query("a OR b") == '("a") OR ("b")'
    assert tsquery("Budap* -Moscow OR \"White House\"") == "(('Budap':*) & !('Moscow')) | (('White' <-> 'House'))"
    assert fts5_query("-Moscow") == "" and tsquery("OR") == ""
    assert fts5_query('talks "..." -') == '("talks")'  # punctuation alone is no word to look for
    assert fts5_query("“White House”") == fts5_query('"White House"')


def test_speaker_by_role(store, seed_analysis):  # noqa: F811
    _filled(store, seed_analysis)
    said = {q["speaker_name"] for q in store.quotes(speaker="spokesperson")}
    assert said == {"Karoline Leavitt"}
    assert {q["speaker_name"] for q in store.quotes(speaker="aide")} == {"Yuri Ushakov"}
    assert store.events(entity="the Secretary of State")  # Rubio, who is quoted nowhere
    assert store.events(entity="foreign minister")


def test_a_short_word_is_not_the_start_of_a_name(store, seed_analysis):  # noqa: F811
    _filled(store, seed_analysis)
    assert "Yuri Ushakov" not in {q["speaker_name"] for q in store.quotes(speaker="US", limit=100)}
    assert {q["speaker_name"] for q in store.quotes(speaker="Ushak")} == {"Yuri Ushakov"}
    assert {q["speaker_name"] for q in store.quotes(speaker="Orb")} == {"Victor Orbán"}


def test_entity_name_filter_matches_as_speaker_does(store, seed_analysis):  # noqa: F811
    _filled(store, seed_analysis)
    assert [e["name"] for e in store.entities(name="Orban")] == ["Victor Orbán"]
    assert [e["name"] for e in store.entities(name="spokesperson")] == ["Karoline Leavitt"]
    assert [e["name"] for e in store.entities(name="President Putin")] == ["Vladimir Putin"]
    assert "Yuri Ushakov" not in [e["name"] for e in store.entities(name="US")]
    assert store.entities(name="Nobody Here") == []


def test_wildcard_characters_and_symbol_names_are_taken_literally(store, seed_analysis):  # noqa: F811
    _filled(store, seed_analysis)
    assert store.quotes(speaker="_") == [] and store.quotes(about="%") == []
    assert store.entities(name="_") == [] and store.entities(name="™") == []
    store.save_entities([{"id": "x1", "name": "Victor Orbán", "type": "PERSON", "aliases": [], "roles": [],
                          "article_ids": [], "members": [], "evidence": []}])
    assert store.entities(name="™") == []
