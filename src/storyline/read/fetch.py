"""Fetch one URL over HTTP(S) with timeouts, a size limit read in a stream, and a clear User-Agent."""

from __future__ import annotations

import time

import httpx

from .errors import ReadError

USER_AGENT = "Storyline/0.1 (+https://github.com/storyline)"
DEFAULT_TIMEOUT = 20.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_SECONDS = 120.0  # for the whole download: a server that trickles bytes must not hold an ingest


class FetchError(ReadError):
    """A URL that could not be fetched; ``reason`` says why without repeating the URL."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


def fetch_url(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float = DEFAULT_MAX_SECONDS,
) -> tuple[bytes, str, dict[str, str]]:
    """(body, final URL after redirects, response headers); raises FetchError on any failure, a body over
    ``max_bytes`` or a download longer than ``max_seconds``."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(url, "not an http(s) URL")
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    deadline = time.monotonic() + max_seconds
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers, max_redirects=10) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"{int(declared)} bytes, over the {max_bytes}-byte limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, f"more than {max_bytes} bytes, over the limit")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"download took longer than {max_seconds:g} s")
                chunks.append(chunk)
            return b"".join(chunks), str(response.url), dict(response.headers)
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchError(url, "too many redirects") from None
    except httpx.InvalidURL as error:
        raise FetchError(url, f"invalid URL: {error}") from None
    except httpx.HTTPError as error:
        raise FetchError(url, f"{type(error).__name__}: {error}") from None
