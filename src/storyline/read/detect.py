"""Recognise what the reader was given: binary data, HTML, a scraped text dump or plain text."""

from __future__ import annotations

import re

_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip data"), (b"RIFF", "RIFF media"), (b"\x00\x00\x00", "binary media"),
    (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"), (b"ID3", "MP3 audio"), (b"wOFF", "web font"), (b"WARC/", "WARC archive"),
)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|span|a|br|table|td|article|section|script|h[1-6]|img|ul|li)\b[^>]*>", re.I)
_LEAKED_JSONLD = re.compile(r"\{\s*[\"“”″]@(?:context|type)")
_CODE_LINE = re.compile(r"^\s*(?:var |let |const |function\b|window\.|document\.|if \(|return\b|\}\)?;?\s*$|\$\(|<!--)")
_HEADER_LINE = re.compile(r"^(?:title|date|url|licen[cs]e|author|source|published|language|byline)\s*:\s*\S", re.I)


def binary_kind(data: bytes) -> str | None:
    """A name for binary (non-text) data such as "PNG image", or None for text."""
    head = data[:2048]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return "binary data" if head and controls > 0.05 * len(head) else None


def text_kind(text: str) -> str:
    """``html``, ``textdump`` (a scraped page: leaked JSON-LD, scripts, many short fragments) or ``text``."""
    head = text[:5000]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 5:
        return "html"
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return "text"
    if _LEAKED_JSONLD.search(text) or sum(bool(_CODE_LINE.match(line)) for line in lines) >= 3:
        return "textdump"
    body = lines[1:] if not _HEADER_LINE.match(lines[0]) else [ln for ln in lines if not _HEADER_LINE.match(ln)]
    short = sum(len(line.split()) < 6 for line in body)
    # a clean text has paragraphs; a dump has every menu item and link on a line of its own
    return "textdump" if len(body) >= 20 and short > 0.4 * len(body) else "text"


def header_block(text: str) -> tuple[dict[str, str], int]:
    """The leading ``Key: value`` lines (Title, Date, URL, Licence...) and the offset where the body starts."""
    headers: dict[str, str] = {}
    offset = 0
    for line in text.splitlines(keepends=True):
        if not line.strip():
            if headers:
                offset += len(line)
                break
            offset += len(line)
            continue
        if not _HEADER_LINE.match(line):
            break
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
        offset += len(line)
    return (headers, offset) if headers else ({}, 0)
