"""Page → Article: HTML, scraped text dumps and plain text. (Minimal until issue 2 lands.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Article, Block


def read(source: Any, *, url: str | None = None, fetched_at: str | None = None) -> Article:
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and Path(source).is_file()):
        source = Path(source).read_text(encoding="utf-8", errors="replace")
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="replace")
    text = source.strip()
    return Article(text=text, url=url, fetched_at=fetched_at, input_kind="text",
                   blocks=[Block("paragraph", text, 0, len(text))] if text else [])
