"""Ordered body pieces → ``Article.text`` and ``Block`` records whose offsets index it exactly."""

from __future__ import annotations

import re

from ..model import Block

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
PARAGRAPH_SEPARATOR = "\n\n"


def clean_line(text: str) -> str:
    """Collapse runs of spaces (non-breaking ones too) and trim; keeps the words as they are."""
    return _SPACES.sub(" ", text).strip()


def assemble(pieces: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Join (kind, text) pieces with blank lines; each block's start/end index the joined text."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, raw in pieces:
        text = clean_line(raw.replace("\n", " "))
        if not text:
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            offset += len(PARAGRAPH_SEPARATOR)
        blocks.append(Block(kind=kind, text=text, start=offset, end=offset + len(text)))  # type: ignore[arg-type]
        parts.append(text)
        offset += len(text)
    return "".join(parts), blocks
