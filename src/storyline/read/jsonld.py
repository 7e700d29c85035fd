"""Tolerant JSON-LD: find objects in HTML scripts or leaked into text, repair them, turn them into records.

Scraped and CMS-mangled JSON-LD is common: WordPress "smart quotes" turn the JSON quotes into
“ ” and ″ (a prime after a digit), durations lose their ``P`` (``T3M54S``), offsets lose their colon.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# every character a smart-quoting CMS may have put where a JSON double quote was
_QUOTE_CHARS = "\"“”″„‟"
_OPENING = re.compile(r"\{\s*[" + _QUOTE_CHARS + r"]@(?:context|type|graph|id)[" + _QUOTE_CHARS + r"]")
_MAX_OBJECT = 500_000  # a JSON-LD object larger than this is not metadata


def _structural(text: str, i: int) -> bool:
    """Whether the quote-like character at ``i`` delimits a JSON string (next to : , { } [ ])."""
    j = i - 1
    while j >= 0 and text[j] in " \t\r\n":
        j -= 1
    if j < 0 or text[j] in "{[,:":
        return True
    k = i + 1
    while k < len(text) and text[k] in " \t\r\n":
        k += 1
    return k >= len(text) or text[k] in ":,}]"


def repair_quotes(text: str) -> str:
    """Turn smart quotes that delimit strings into ``"`` and escape the straight quotes left inside strings."""
    out = []
    for i, ch in enumerate(text):
        if ch in _QUOTE_CHARS:
            if _structural(text, i):
                out.append('"')
            elif ch == '"':
                out.append('\\"')
            else:
                out.append(ch)
        elif ch in "\r\n\t":
            out.append(" ")  # raw control characters are illegal inside JSON strings
        else:
            out.append(ch)
    return "".join(out)


_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def loads_tolerant(text: str) -> Any | None:
    """Parse JSON, repairing smart quotes, raw newlines and trailing commas; None when beyond repair."""
    text = text.strip().rstrip(";")
    if text.startswith("<!--"):
        text = text[4:].rstrip("->").strip()
    for attempt in (lambda s: s, repair_quotes, lambda s: _TRAILING_COMMA.sub(r"\1", repair_quotes(s))):
        try:
            return json.loads(attempt(text), strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _matching_brace(text: str, start: int) -> int | None:
    """Index just past the ``}`` closing the object opened at ``start`` (quote-aware, smart quotes too)."""
    depth = 0
    in_string = False
    i = start
    end = min(len(text), start + _MAX_OBJECT)
    while i < end:
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch in _QUOTE_CHARS and _structural(text, i):
                in_string = False
        elif ch in _QUOTE_CHARS:
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def find_objects(text: str) -> Iterator[tuple[int, int, Any]]:
    """Every JSON-LD object leaked into ``text``: (start, end, parsed data); unparseable ones are skipped."""
    pos = 0
    while True:
        match = _OPENING.search(text, pos)
        if not match:
            return
        end = _matching_brace(text, match.start())
        if end is None:
            pos = match.end()
            continue
        data = loads_tolerant(text[match.start():end])
        if data is not None:
            yield match.start(), end, data
            pos = end
        else:
            pos = match.end()


def flatten(data: Any) -> Iterator[dict[str, Any]]:
    """Every typed node of a JSON-LD document: top-level lists, ``@graph`` members and nested objects."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@type" in item:
                yield item
            for key, value in item.items():
                if key != "@context" and isinstance(value, (dict, list)):
                    stack.append(value)


def types_of(node: dict[str, Any]) -> set[str]:
    """The node's ``@type`` values without a schema.org prefix."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


_DURATION = re.compile(
    r"^P?(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T?(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)$",
    re.I,
)


def duration_seconds(value: Any) -> float | None:
    """ISO-8601 duration in seconds, tolerating a missing ``P`` (``T3M54S``) or plain seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    match = _DURATION.match(text)
    if not match or not any(match.groupdict().values()):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    return parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list, or an object with a name."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for item in value:
            found = text_value(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("@value") or value.get("url") or value.get("@id"))
    return None


def url_value(value: Any) -> str | None:
    """A URL from a string, a list, or an object with ``url``/``contentUrl``/``@id``."""
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    found = text_value(value)
    return found if found and re.match(r"(?:https?:)?//|/", found) else None


def int_value(value: Any) -> int | None:
    """An integer from 480, "480", "480px" or {"value": 480}."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    match = re.match(r"\s*(\d+)", str(value or ""))
    return int(match.group(1)) if match else None
