"""The HTTP API over a real store: lists page, unknown ids are 404, bad input is a 4xx JSON error."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from serve_sample_store import XSS_SCRIPT, build_sample_store
from storyline.serve import create_app


def test_articles_page_with_limit_and_offset(sample):
    client, ids = sample
    first = client.get("/api/articles", params={"limit": 1}).json()
    second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert first["count"] == 1 and first["next_offset"] == 1
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {ids["summit"], ids["tsunami"]}


def test_article_has_entities_quotes_timexes_events_and_evidence(sample):
    client, ids = sample
    body = client.get(f"/api/articles/{ids['summit']}").json()
    assert {e["name"] for e in body["entities"]} >= {"Donald Trump", "Vladimir Putin", "Budapest"}
    assert body["quotes"][0]["evidence"][0]["reason"] == "quote then cue then name"
    assert [t["value"] for t in body["timexes"]] == ["2025-10-16", "2025-10-30"]
    assert body["events"][0]["status"] == "planned"
    assert body["article"]["title"].startswith("Summit")


def test_unknown_ids_are_404_json(sample):
    client, _ = sample
    for path in ("/api/articles/nope", "/api/stories/nope", "/api/stories/nope/timeline", "/api/entities/X:nobody"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "nope" in response.json()["error"] or "nobody" in response.json()["error"]


def test_search_returns_highlighted_snippets(sample):
    client, ids = sample
    items = client.get("/api/search", params={"q": "Budapest"}).json()["items"]
    assert items[0]["id"] == ids["summit"] and "[Budapest]" in items[0]["snippet"]


def test_quotes_by_speaker_and_events_by_entity_and_date(sample):
    client, _ = sample
    quotes = client.get("/api/quotes", params={"speaker": "Putin"}).json()["items"]
    assert [q["text"] for q in quotes] == ["very frank"]
    assert client.get("/api/quotes", params={"q": "two weeks"}).json()["count"] == 1
    every = client.get("/api/quotes", params={"stance": "true", "limit": 200}).json()["items"]
    speech = client.get("/api/quotes", params={"limit": 200}).json()["items"]
    assert {q["attribution"] for q in speech} == {"speech"} and len(every) >= len(speech)
    events = client.get("/api/events", params={"entity": "Trump", "from": "2025-10", "to": "2025-12-31"}).json()
    assert [e["type"] for e in events["items"]] == ["meeting"]
    assert client.get("/api/events", params={"to": "2025-01-01"}).json()["items"] == []


def test_entity_with_roles_quotes_and_events(sample):
    client, ids = sample
    body = client.get(f"/api/entities/{ids['trump']}").json()
    assert body["entity"]["roles"] == ["president"]
    assert [q["text"] for q in body["quotes"]] == ["We will meet within two weeks,"]
    assert body["events"][0]["place"] == "Budapest"
    assert client.get("/api/entities", params={"type": "GPE"}).json()["items"][0]["name"] == "Budapest"


def test_story_and_timeline_put_dated_entries_first(sample):
    client, _ = sample
    assert client.get("/api/stories").json()["items"][0]["id"] == "s1"
    timeline = client.get("/api/stories/s1/timeline").json()["timeline"]
    assert [e["date"] for e in timeline] == ["2025-10-16", "2025-10-30", None]


def test_openapi_lists_the_endpoints(sample):
    client, _ = sample
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/search", "/api/quotes", "/api/events",
            "/api/entities/{entity_id}", "/api/stories", "/api/stories/{story_id}/timeline", "/api/read"} <= set(paths)


@pytest.mark.parametrize("method, path, kwargs, status", [
    ("get", "/api/articles", {"params": {"limit": "ten"}}, 422),
    ("get", "/api/articles", {"params": {"limit": 0}}, 422),
    ("get", "/api/articles", {"params": {"limit": 100000}}, 422),
    ("get", "/api/articles", {"params": {"offset": -1}}, 422),
    ("get", "/api/search", {}, 422),
    ("get", "/api/search", {"params": {"q": "   "}}, 422),
    ("get", "/api/search", {"params": {"q": "x" * 501}}, 422),
    ("get", "/api/search", {"params": {"q": 'AND OR NOT "unbalanced * ( NEAR'}}, 200),
    ("get", "/api/events", {"params": {"from": "yesterday"}}, 422),
    ("get", "/api/events", {"params": {"from": "2025-02-30"}}, 422),
    ("get", "/api/articles/%00", {}, 422),
    ("get", "/api/articles/" + "a" * 300, {}, 422),
    ("get", "/api/nothing-here", {}, 404),
    ("delete", "/api/articles", {}, 405),
    ("post", "/api/read", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ("post", "/api/read", {"content": b"\xff\xfe\x00garbage", "headers": {"content-type": "application/json"}}, 422),
    ("post", "/api/read", {"json": ["a", "list"]}, 422),
    ("post", "/api/read", {"json": {}}, 422),
    ("post", "/api/read", {"json": {"html": 42}}, 422),
    ("post", "/api/read", {"json": {"html": "<p>a</p>", "text": "a"}}, 422),
    ("post", "/api/read", {"json": {"text": "x", "extra": 1}}, 422),
    ("post", "/api/read", {"json": {"text": "   "}}, 422),
    ("post", "/api/read", {"json": {"text": "x", "published": "soon"}}, 422),
    ("post", "/api/read", {"json": {"text": "x", "published": "2025-99-99"}}, 422),
    ("post", "/api/read", {"json": {"text": "a\x00b\x01" * 40}}, 422),
    ("post", "/api/read", {"content": b"text=hello", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 422),
    ("post", "/api/read", {"json": {"url": "https://example.com/"}}, 403),
    ("post", "/api/read", {"content": b"{}", "headers": {"content-length": "abc"}}, 400),
])
def test_malformed_requests_get_a_4xx_json_error(sample, method, path, kwargs, status):
    client, _ = sample
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    if status >= 400:
        assert isinstance(response.json()["error"], str)


def test_oversized_body_is_413_before_it_is_parsed(tmp_path):
    store, _ = build_sample_store(tmp_path / "small.db")
    client = TestClient(create_app(store, max_body_bytes=1000))
    response = client.post("/api/read", json={"text": "word " * 1000})
    assert response.status_code == 413 and "larger than 1000" in response.json()["error"]
    store.close()


def test_read_analyses_without_storing_and_never_opens_server_files(sample):
    client, _ = sample
    before = client.get("/api/articles").json()["count"]
    body = client.post("/api/read", json={"text": "/etc/hostname"}).json()
    assert set(body) >= {"article", "entities", "quotes", "timexes", "events"}
    assert body["article"]["text"] == "/etc/hostname"
    html = f"<html><head><title>T</title></head><body><article><p>Putin met Orban in Budapest. {XSS_SCRIPT}</p></article></body></html>"
    assert client.post("/api/read", json={"html": html}).status_code == 200
    assert client.get("/api/articles").json()["count"] == before


def test_responses_carry_a_strict_content_security_policy(sample):
    client, ids = sample
    for path in ("/", f"/articles/{ids['summit']}", "/api/articles"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_a_locked_store_is_a_503_json_error_not_a_crash(tmp_path, monkeypatch):
    from storyline.store.errors import StoreBusy

    store, _ = build_sample_store(tmp_path / "busy.db")

    def busy(*args, **kwargs):
        raise StoreBusy("database busy: database is locked")

    monkeypatch.setattr(store, "articles", busy)
    response = TestClient(create_app(store)).get("/api/articles")
    assert response.status_code == 503 and response.headers["retry-after"] == "2"
    assert "unavailable" in response.json()["error"]
    store.close()


@settings(max_examples=60, deadline=None)
@given(path=st.sampled_from(["/api/articles/{}", "/api/entities/{}", "/api/stories/{}", "/api/stories/{}/timeline",
                             "/articles/{}", "/entities/{}", "/stories/{}"]),
       ident=st.text(min_size=1, max_size=40),
       params=st.dictionaries(st.sampled_from(["q", "limit", "offset", "speaker", "entity", "type", "from", "to",
                                               "name"]), st.text(max_size=30), max_size=4),
       listing=st.sampled_from(["/api/search", "/api/quotes", "/api/events", "/api/entities", "/api/articles",
                                "/search", "/entities", "/articles", "/stories"]))
def test_no_input_makes_the_server_fail(sample, path, ident, params, listing):
    client, _ = sample
    for response in (client.get(path.format(quote(ident, safe=""))), client.get(listing, params=params)):
        assert response.status_code < 500, (response.request.url, response.text[:200])


def test_the_app_is_read_only_apart_from_analysing_a_posted_page(sample):
    client, _ = sample
    routes = [r for top in client.app.routes for r in getattr(getattr(top, "original_router", None), "routes", [top])]
    writable = {(route.path_format, method) for route in routes for method in getattr(route, "methods", None) or ()
                if method not in {"GET", "HEAD"}}
    assert {"/api/articles", "/stories/{story_id}"} <= {route.path_format for route in routes}
    assert writable == {("/api/read", "POST"), ("/read", "POST")}
