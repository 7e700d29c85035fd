"""Web filters over a store holding the seed article: stances
(beliefs, intentions, findings) are never shown or searched as quotes, the entity name filter
matches as ``--speaker`` does, and an unknown type is a 422 naming the valid ones."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storyline.serve import create_app
from storyline.store import Store


@pytest.fixture(scope="module")
def web(tmp_path_factory, seed_analysis):
    store = Store.create(tmp_path_factory.mktemp("web") / "seed.db")
    article_id = store.add(seed_analysis.article, seed_analysis).article_id
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        yield client, article_id
    store.close()


def _speech_and_stances(seed_analysis) -> tuple[list[str], list[str]]:
    quotes = seed_analysis.quotes
    return ([q.text for q in quotes if q.attribution != "stance"], [q.text for q in quotes if q.attribution == "stance"])


def test_search_hits_are_speech(web, seed_analysis):
    client, _ = web
    _, stances = _speech_and_stances(seed_analysis)
    hits = client.get("/api/search", params={"q": "Budapest", "limit": 50}).json()["items"]
    spoken = {str(q["position"]) for q in client.get("/api/quotes", params={"limit": 100}).json()["items"]}
    quote_hits = [h for h in hits if h["kind"] == "quote"]
    assert quote_hits and all(h["ref"] in spoken for h in quote_hits)
    assert all(h["snippet"].replace("[", "").replace("]", "") not in stances for h in hits)


def test_article_page_lists_speech_as_quotes_and_stances_apart(web, seed_analysis):
    client, article_id = web
    speech, stances = _speech_and_stances(seed_analysis)
    assert speech and stances
    html = client.get(f"/articles/{article_id}").text
    assert html.count('class="quote-row"') == len(speech)
    assert html.count('class="stance-row"') == len(stances)
    assert f"Quotes <small>{len(speech)}</small>" in html
    assert "not quotes" in html
    # a stance's words are marked as a stance, never as a speaker-coloured quote
    marked = re.findall(r'<span class="([^"]*)" data-refs="[^"]*">', html)
    assert any(c.split()[0] == "stance" for c in marked)
    assert not any("stance" in c.split() and "quote" in c.split() for c in marked)


def test_entity_name_filter_uses_name_matching(web):
    client, _ = web
    names = [e["name"] for e in client.get("/api/entities", params={"name": "Orban"}).json()["items"]]
    assert names == ["Victor Orbán"]
    names = [e["name"] for e in client.get("/api/entities", params={"name": "President Putin"}).json()["items"]]
    assert names == ["Vladimir Putin"]
    names = [e["name"] for e in client.get("/api/entities", params={"name": "US", "limit": 100}).json()["items"]]
    assert "Yuri Ushakov" not in names
    assert "Victor Orbán" in client.get("/entities", params={"name": "Orban"}).text


@pytest.mark.parametrize("path", ["/api/events", "/api/entities", "/entities"])
def test_an_unknown_type_is_refused_with_the_valid_ones(web, path):
    client, _ = web
    response = client.get(path, params={"type": "bogus"}, headers={"accept": "application/json"})
    assert response.status_code == 422
    valid = "PERSON" if "entit" in path else "meeting"
    assert "bogus" in response.text and valid in response.text
    assert client.get(path, params={"type": valid.lower()}).status_code == 200  # case does not matter


def test_a_search_of_only_left_out_words_is_refused(web):
    client, _ = web
    response = client.get("/api/search", params={"q": "-Moscow"})
    assert response.status_code == 422 and "must match" in response.text
    assert client.get("/api/search", params={"q": "Budapest OR Moscow"}).json()["items"]
