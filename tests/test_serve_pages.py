"""The web pages render from a real store, escape everything from articles, and show evidence."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from storyline.serve import create_app


def test_every_page_renders(sample):
    client, ids = sample
    for path in ("/", "/articles", f"/articles/{ids['summit']}", f"/articles/{ids['tsunami']}", "/entities",
                 "/entities?type=PERSON", f"/entities/{ids['trump']}", "/stories", "/stories/s1",
                 "/search?q=Budapest", "/search", "/read", "/static/style.css", "/static/app.js"):
        response = client.get(path)
        assert response.status_code == 200, path


def test_article_content_is_escaped_and_its_links_are_not_javascript(sample):
    client, ids = sample
    html = client.get(f"/articles/{ids['summit']}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']


def test_quotes_are_coloured_by_speaker_and_each_mark_has_its_evidence(sample):
    client, ids = sample
    html = client.get(f"/articles/{ids['summit']}").text
    assert 'class="quote speaker-0"' in html and 'class="quote speaker-1"' in html
    refs = set(re.findall(r'data-refs="([^"]+)"', html))
    for ref in {r for group in refs for r in group.split()}:
        assert f'<template id="ev-{ref}">' in html
    assert "quote then cue then name" in html  # the quote's evidence reason


def test_story_page_draws_planned_occurred_and_undated_events(sample):
    client, _ = sample
    html = client.get("/stories/s1").text
    assert 'class="dot status-occurred"' in html and 'class="dot status-planned"' in html
    assert "Undated, in reported order" in html and "threat" in html
    assert "&lt;img src=x onerror=" in html  # the story title is escaped too


def test_search_page_marks_hits_without_trusting_the_snippet(sample):
    client, _ = sample
    html = client.get("/search", params={"q": "Budapest"}).text
    assert "<mark>Budapest</mark>" in html
    html = client.get("/search", params={"q": "script"}).text
    assert "<script>alert" not in html


def test_paste_a_page_shows_the_digest_and_stores_nothing(sample):
    client, _ = sample
    before = client.get("/api/articles").json()["count"]
    response = client.post("/read", data={"page": "Putin said the talks were <b>useful</b>."})
    assert response.status_code == 200
    assert "&lt;b&gt;useful&lt;/b&gt;" in response.text and 'id="annotated-text"' in response.text
    assert client.get("/api/articles").json()["count"] == before


def test_unknown_pages_and_empty_paste_get_an_error_page(sample):
    client, _ = sample
    response = client.get("/articles/unknown-id", headers={"accept": "text/html"})
    assert response.status_code == 404 and "no article with id" in response.text
    assert "<html" in response.text
    response = client.post("/read", data={"page": "  "}, headers={"accept": "text/html"})
    assert response.status_code == 422
    response = client.post("/read", data={"url": "http://127.0.0.1/"}, headers={"accept": "text/html"})
    assert response.status_code == 403


def test_entity_page_lists_its_quotes_with_links_to_their_evidence(sample):
    client, ids = sample
    html = client.get(f"/entities/{ids['trump']}").text
    assert f'href="/articles/{ids["summit"]}#q0"' in html
    assert "Summit &lt;script&gt;alert(1)&lt;/script&gt; in Budapest</a></li>" in html  # its articles, by title


def test_an_article_stored_without_analysis_still_reads(tmp_path):
    from storyline.model import Article
    from storyline.store import Store

    store = Store.create(tmp_path / "plain.db")
    article_id = store.add(Article(title="Bare", text="First line <b>.\nSecond line.")).article_id
    client = TestClient(create_app(store))
    html = client.get(f"/articles/{article_id}").text
    assert "<p>First line &lt;b&gt;.</p>" in html and "<p>Second line.</p>" in html
    assert client.get(f"/api/articles/{article_id}").json()["flags"] == ["not_analysed"]
    store.close()


def test_a_quote_found_by_search_links_to_its_evidence(sample):
    client, ids = sample
    html = client.get("/search", params={"q": "frank"}).text
    assert f'href="/articles/{ids["summit"]}#q1"' in html
