"""The server fetches URLs only when allowed, and never private, loopback or other non-public hosts."""

from __future__ import annotations

import socket

import httpx
import pytest
from fastapi.testclient import TestClient

from serve_sample_store import build_sample_store
from storyline.serve import create_app
from storyline.serve.errors import ApiError
from storyline.serve.fetch import fetch_public_page

PUBLIC_IP = "93.184.216.34"
FAKE_DNS = {"news.example": PUBLIC_IP, "intranet.example": "10.1.2.3", "mixed.example": "192.168.0.9"}


@pytest.fixture
def fake_dns(monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in FAKE_DNS:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (FAKE_DNS[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:8000/admin", "http://[::1]/", "http://0.0.0.0/",
    "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data",
    "http://2130706433/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]/", "http://intranet.example/",
])
def test_private_and_loopback_addresses_are_refused(fake_dns, url):
    with pytest.raises(ApiError) as refused:
        fetch_public_page(url, max_bytes=1000)
    assert refused.value.status in (400, 403)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/", "gopher://x/", "http://user:pw@news.example/",
                                 "http://news.example:99999/", "not a url"])
def test_only_plain_http_urls_are_fetched(fake_dns, url):
    with pytest.raises(ApiError) as refused:
        fetch_public_page(url, max_bytes=1000)
    assert refused.value.status == 400


def test_connection_is_pinned_to_the_checked_address_and_redirects_are_checked(fake_dns):
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers["host"]))
        if request.url.path == "/start":
            return httpx.Response(302, headers={"location": "http://intranet.example/secret"})
        return httpx.Response(200, text="<p>ok</p>")

    with pytest.raises(ApiError) as refused:
        fetch_public_page("http://news.example/start", max_bytes=1000, transport=httpx.MockTransport(handler))
    assert refused.value.status == 403
    assert seen == [(PUBLIC_IP, "news.example")]  # the internal host was never contacted

    page = fetch_public_page("http://news.example/story", max_bytes=1000, transport=httpx.MockTransport(handler))
    assert page.content == b"<p>ok</p>" and page.url == "http://news.example/story"


def test_a_page_over_the_size_limit_is_refused(fake_dns):
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"x" * 5000))
    with pytest.raises(ApiError) as refused:
        fetch_public_page("http://news.example/big", max_bytes=1000, transport=transport)
    assert refused.value.status == 413


def test_api_refuses_urls_unless_allowed_and_then_refuses_loopback(tmp_path):
    store, _ = build_sample_store(tmp_path / "fetch.db")
    closed = TestClient(create_app(store))
    assert closed.post("/api/read", json={"url": "https://news.example/"}).status_code == 403
    open_client = TestClient(create_app(store, allow_fetch=True))
    response = open_client.post("/api/read", json={"url": "http://127.0.0.1:8000/api/articles"})
    assert response.status_code == 403 and "non-public" in response.json()["error"]
    store.close()
