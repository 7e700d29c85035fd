"""HTML → a naive text dump (every text node on a line), robust to markup that defeats a parser.

The reader's fallback when the main extractor finds no article: malformed pages (an unclosed comment or
script swallowing the body) still have their text between the tags.
"""

from __future__ import annotations

import html as html_entities
import re

_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^<>]{0,3000}>")
_BLANKS = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_dump(page: str) -> str:
    """The visible text of ``page``, one text node a line (what a naive scraper would save)."""
    text = _TAG.sub("\n", _INVISIBLE.sub("\n", page))
    lines = (_BLANKS.sub(" ", html_entities.unescape(line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
