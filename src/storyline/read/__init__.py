"""Page → Article: HTML, scraped text dumps and plain text, each field with its evidence.

``read(source)`` accepts a path, bytes or a string; it recognises what it was given (see ``detect``),
decodes bytes (``decode``), and hands the text to ``html``, ``textdump`` or ``plaintext``.
Unusable input raises :class:`ReadError`; input without an article gives a flagged Article.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from ..model import Article, Evidence
from .decode import decode_page
from .detect import binary_kind, text_kind
from .errors import ReadError
from .html import read_html
from .language import guess_language
from .plaintext import read_text
from .textdump import read_textdump

__all__ = ["ReadError", "read", "MAX_INPUT_BYTES"]

MAX_INPUT_BYTES = 32 * 1024 * 1024  # read at most this much of a file; the rest is flagged "truncated"
# past this, scripts (not JSON-LD), styles and inline data are stripped, then the rest is cut: body extraction
# costs seconds per megabyte of dense markup, and a news article never needs more
MAX_HTML_CHARS = 1024 * 1024
MAX_TEXT_CHARS = 2 * 1024 * 1024  # a text or dump longer than this is cut: no article is that long
_HEAVY_MARKUP = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<(style|svg)\b.*?</\1\s*>|data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+",
    re.I | re.S,
)
_PATH_LIKE = re.compile(r"^[^<>\n]{1,4096}$")


def _load(source: Any) -> tuple[bytes | str, str | None]:
    """The raw input and the path it came from."""
    if isinstance(source, os.PathLike):
        return _read_file(Path(source)), str(source)
    if isinstance(source, str) and _PATH_LIKE.match(source) and not source.lstrip().startswith("{"):
        path = Path(source)
        try:
            if path.is_file():
                return _read_file(path), source
        except OSError:
            pass  # a name too long for the file system is text, not a path
        if source.endswith((".html", ".htm", ".txt", ".xhtml")) and " " not in source:
            raise ReadError(f"{source}: no such file")
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    if isinstance(source, str):
        return source, None
    raise ReadError(f"cannot read a {type(source).__name__}: give a path, bytes or str")


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory (use storyline.read.sources to read many files)") from None
    except OSError as error:
        raise ReadError(f"{path}: {error.strerror or error}") from None


def _slim_html(html: str, flags: list[str]) -> str:
    """Very large pages: drop scripts, styles and inline data, then cut what is still too long."""
    if len(html) <= MAX_HTML_CHARS:
        return html
    html = _HEAVY_MARKUP.sub(" ", html)
    if len(html) > MAX_HTML_CHARS:
        flags.append("truncated")
        html = html[:MAX_HTML_CHARS]
    return html


def read(source: Any, *, url: str | None = None, fetched_at: str | None = None,
         path: str | None = None) -> Article:
    """Read one page (path, bytes or str: HTML, text dump or plain text) into an Article with evidence.

    ``path`` names the file that bytes or text came from (its name may carry the page's date)."""
    raw, loaded_from = _load(source)
    path = loaded_from or path
    name = path or "input"
    article = Article(url=url, fetched_at=fetched_at, source_path=path)
    if isinstance(raw, bytes):
        if len(raw) > MAX_INPUT_BYTES:
            raw = raw[:MAX_INPUT_BYTES]
            article.flags.append("truncated")
        article.content_hash = hashlib.sha256(raw).hexdigest()
        kind = binary_kind(raw)
        if kind:
            raise ReadError(f"{name}: {kind}, not a page")
        decoded = decode_page(raw)
        text = decoded.text
        article.evidence["encoding"] = Evidence(
            "html", 0.9 if decoded.how in ("bom", "declared", "utf-8") else 0.6,
            reason=f"{decoded.encoding} ({decoded.how})", alternatives=[{"encoding": e} for e in decoded.alternatives])
    else:
        text = raw
        article.content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    text = text.replace("\x00", "")
    if not text.strip():
        article.input_kind = "text"
        article.flags.extend(["empty", "no_article"])
        return article
    article.input_kind = text_kind(text)
    if article.input_kind == "html":
        read_html(_slim_html(text, article.flags), article, url=url, fetched_at=fetched_at)
    else:
        if len(text) > MAX_TEXT_CHARS:
            text = text[:MAX_TEXT_CHARS]
            article.flags.append("truncated")
        reader = read_textdump if article.input_kind == "textdump" else read_text
        reader(text, article, url=url, fetched_at=fetched_at)
    if not article.language and (guess := guess_language(article.text)):
        article.language = guess[0]
        article.evidence["language"] = Evidence("body", guess[1], reason="py3langid (language identifier) on the body")
    return article
