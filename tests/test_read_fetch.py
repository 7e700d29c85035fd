"""fetch_url against a local server: body, final URL, headers, the User-Agent, limits and clear errors."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.read import ReadError
from storyline.read.fetch import USER_AGENT, fetch_url


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path == "/page":
            body = f"<html><body><p>{self.headers.get('User-Agent')}</p></body></html>".encode()
        elif self.path == "/big":
            body = b"x" * 5000
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_follows_redirects_and_sends_the_user_agent(server):
    body, final_url, headers = fetch_url(server + "/redirect")
    assert final_url == server + "/page"
    assert USER_AGENT.encode() in body
    assert headers["content-type"].startswith("text/html")


def test_fetch_errors_are_clear(server):
    with pytest.raises(ReadError, match="HTTP 404"):
        fetch_url(server + "/missing")
    with pytest.raises(ReadError, match="over the limit"):
        fetch_url(server + "/big", max_bytes=1000)
    with pytest.raises(ReadError, match="not an http"):
        fetch_url("file:///etc/passwd")
