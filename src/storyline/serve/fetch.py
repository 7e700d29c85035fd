"""Fetch a public web page for ``/api/read``, refusing private, loopback and other non-public hosts.

Each hop (including redirects) is resolved once, every address is checked, and the connection is
pinned to a checked address, so a DNS answer that changes between check and connect cannot reach
an internal service.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import ApiError

MAX_REDIRECTS = 5
TIMEOUT_S = 10.0
USER_AGENT = "Storyline/0.1 (+https://github.com/storyline; news reader)"


@dataclass
class FetchedPage:
    url: str
    content: bytes
    content_type: str


def public_address(host: str, port: int) -> str:
    """The first address ``host`` resolves to, if every address it resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ApiError(400, f"cannot resolve host {host!r}") from exc
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        mapped = getattr(ip, "ipv4_mapped", None)
        if not (mapped or ip).is_global:
            raise ApiError(403, f"refusing to fetch a non-public address ({host})")
    if not addresses:
        raise ApiError(400, f"cannot resolve host {host!r}")
    return addresses[0]


def _check_url(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ApiError(400, "only http and https URLs with a host can be fetched")
    if parts.username or parts.password:
        raise ApiError(400, "URLs with credentials are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ApiError(400, "invalid port in URL") from exc
    return parts.scheme, parts.hostname, port


def _pinned_url(url: str, address: str) -> str:
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc).geturl()


def fetch_public_page(url: str, *, max_bytes: int, transport: httpx.BaseTransport | None = None) -> FetchedPage:
    """Download ``url`` (at most ``max_bytes``), following redirects only to public hosts."""
    with httpx.Client(timeout=TIMEOUT_S, follow_redirects=False, trust_env=False, transport=transport) as client:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port = _check_url(url)
            address = public_address(host, port)
            netloc = urlsplit(url).netloc.rsplit("@", 1)[-1]
            request = client.build_request(
                "GET", _pinned_url(url, address),
                headers={"Host": netloc, "User-Agent": USER_AGENT, "Accept": "text/html,text/plain"},
                extensions={"sni_hostname": host} if scheme == "https" else {},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise ApiError(502, f"could not fetch {url}: {type(exc).__name__}") from exc
            try:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise ApiError(502, f"{url} answered HTTP {response.status_code}")
                return FetchedPage(url, _read_capped(response, max_bytes),
                                   response.headers.get("content-type", ""))
            finally:
                response.close()
    raise ApiError(502, f"too many redirects from {url}")


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ApiError(413, f"page larger than {max_bytes} bytes")
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise ApiError(502, f"download failed: {type(exc).__name__}") from exc
    return b"".join(chunks)
