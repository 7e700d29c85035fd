"""Fetch one URL over HTTP(S) with timeouts, a size limit read in a stream, and a clear User-Agent."""

from __future__ import annotations

import httpx

from .errors import ReadError

USER_AGENT = "Storyline/0.1 (+https://github.com/storyline)"
DEFAULT_TIMEOUT = 20.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def fetch_url(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes, str, dict[str, str]]:
    """(body, final URL after redirects, response headers); raises ReadError on any failure or a body over ``max_bytes``."""
    if not url.lower().startswith(("http://", "https://")):
        raise ReadError(f"{url}: not an http(s) URL")
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers, max_redirects=10) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise ReadError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(f"{url}: {int(declared)} bytes, over the {max_bytes}-byte limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ReadError(f"{url}: more than {max_bytes} bytes, over the limit")
                chunks.append(chunk)
            return b"".join(chunks), str(response.url), dict(response.headers)
    except httpx.TimeoutException:
        raise ReadError(f"{url}: timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise ReadError(f"{url}: too many redirects") from None
    except httpx.HTTPError as error:
        raise ReadError(f"{url}: {type(error).__name__}: {error}") from None
