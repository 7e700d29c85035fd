"""Jinja filters for the pages: safe links, search-snippet highlights (both without raw markup), and dates
for people: one day format, TIMEX values in words."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..timewords import in_words

_HIGHLIGHT = re.compile(r"\[([^\[\]]*)\]")


def safe_href(url: Any) -> str | None:
    """``url`` if it is an http(s) link, else None: a ``javascript:`` URL from a page never becomes a link."""
    if not isinstance(url, str):
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def highlight_parts(snippet: Any) -> list[dict[str, Any]]:
    """Split a store snippet, where matches are marked ``[like this]``, into plain and hit parts.

    The template escapes each part and wraps hits in ``<mark>``, so the snippet text never
    becomes markup.
    """
    text = str(snippet or "")
    parts, last = [], 0
    for match in _HIGHLIGHT.finditer(text):
        if match.start() > last:
            parts.append({"text": text[last:match.start()], "hit": False})
        parts.append({"text": match.group(1), "hit": True})
        last = match.end()
    if last < len(text):
        parts.append({"text": text[last:], "hit": False})
    return parts


_QUOTE_MARKS = "\"'“”‘’«»„"


def quoted(text: Any) -> str:
    """The text between curly quotes, unless it already starts or ends with a quote mark."""
    text = str(text or "").strip()
    if text[:1] in _QUOTE_MARKS or text[-1:] in _QUOTE_MARKS:
        return text
    return f"“{text}”"


def day(value: Any) -> str:
    """The day of a stored date or timestamp, as YYYY-MM-DD: every list shows dates the same way."""
    return str(value or "")[:10]


def when(value: Any) -> str:
    """A TIMEX3 value in words ("week 49 of 2004"); the raw value goes in the ``datetime`` attribute."""
    return in_words(str(value)) if value else ""


FILTERS = {"safe_href": safe_href, "highlight_parts": highlight_parts, "quoted": quoted, "day": day,
           "when": when}
