"""Readable web pages: an HTML 404 for every page route, search grouped by article with one date format,
TIMEX values in words (raw in the ``datetime`` attribute and in the API)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from readable_store import build_readable_store
from serve_sample_store import build_sample_store
from storyline.serve import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_readable_store(tmp_path_factory.mktemp("web") / "s.db")
    with TestClient(create_app(str(db))) as client:
        yield client


@pytest.mark.parametrize("path", ["/articles/unknown-id", "/stories/unknown", "/entities/PERSON:Nobody",
                                  "/no-such-page"])
def test_a_missing_web_page_is_an_html_404_whatever_the_client_accepts(client, path):
    for accept in (None, "*/*", "text/html"):
        response = client.get(path, headers={"accept": accept} if accept else {})
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>404</h1>" in response.text


def test_the_api_and_json_clients_still_get_json(client):
    assert client.get("/api/articles/unknown-id").headers["content-type"].startswith("application/json")
    response = client.get("/articles/unknown-id", headers={"accept": "application/json"})
    assert response.status_code == 404 and "error" in response.json()


def test_search_groups_results_by_article_with_one_date_format(client):
    page = client.get("/search", params={"q": "dam", "limit": 2}).text
    assert page.count('<li>\n      <a href="/articles/') == 2  # both articles, though one has nine hits
    assert "Council meets on the dam" in page and "Dam holds as river floods" in page
    assert "more in this article" in page
    assert ">2014-12-28</time>" in page and "T09:15" not in page.split("<h2>Quotes</h2>")[0]


def test_event_times_read_in_words_with_the_raw_value_kept(tmp_path):
    store, ids = build_sample_store(tmp_path / "sample.db")
    with TestClient(create_app(store)) as client:
        page = client.get(f"/stories/{ids['story']}").text
    assert '<time datetime="2025-10-30">30 October 2025</time>' in page
    store.close()
