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
_HTML_TAGS = re.compile(
    r"</?(?:html|head|body|meta|link|style|title|p|div|span|a|br|hr|table|tr|td|th|article|section|script|noscript"
    r"|h[1-6]|img|ul|ol|li|form|input|iframe|font|b|i|center)\b[^>]{0,2000}>",
    re.I,
)
_SMART_ATTRIBUTE = re.compile(r"\w=[”“’‘]")
_STRAIGHT_ATTRIBUTE = re.compile(r"\w=[\"']")
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
    head = text[:20000]
    if _HTML_START.match(head):
        return "html"
    # a dump made by a smart-quoting scraper turns markup it leaked into <a href=”…”>; real HTML has straight quotes
    smart_quoted = len(_SMART_ATTRIBUTE.findall(head)) > len(_STRAIGHT_ATTRIBUTE.findall(head))
    if text.lstrip()[:1] == "<" and not smart_quoted:
        return "html"
    head_lines = [line for line in head.splitlines() if line.strip()]
    tagged = sum(1 for line in head_lines if _HTML_TAGS.search(line))
    # markup leaked into a dump (ads written by scripts) sits on a few lines; in HTML most lines carry tags
    if tagged >= 8 and tagged >= 0.3 * len(head_lines) and not smart_quoted:
        return "html"
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return "text"
    if _LEAKED_JSONLD.search(text) or sum(bool(_CODE_LINE.match(line)) for line in lines) >= 3:
        return "textdump"
    body = lines[1:] if not _HEADER_LINE.match(lines[0]) else [ln for ln in lines if not _HEADER_LINE.match(ln)]
    short = sum(len(line.split()) < 6 for line in body)
    # a clean text has paragraphs; a dump has every menu item and link on a line of its own, no blank lines
    many_fragments = len(body) >= 20 and short > 0.4 * len(body)
    no_paragraphs = len(body) >= 12 and "\n\n" not in text.strip() and short >= 0.2 * len(body)
    return "textdump" if many_fragments or no_paragraphs else "text"


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
