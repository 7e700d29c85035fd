"""Sentence bounds of a parsed Doc, looked up by character offset in O(log n).

spaCy's ``Token.sent`` walks the document on every call; the quote stage asks it thousands of
times per article, so the bounds are collected once here.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc


class Sentences:
    """The (start, end) character spans of a Doc's sentences, in order."""

    def __init__(self, doc: Doc) -> None:
        self.spans = [(s.start_char, s.end_char) for s in doc.sents] or [(0, len(doc.text))]
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence holding character ``pos``."""
        return self.spans[self.index(pos)]

    def next_end(self, pos: int) -> int:
        """The end of the sentence after the one holding ``pos`` (or of that one if it is last)."""
        i = min(self.index(pos) + 1, len(self.spans) - 1)
        return self.spans[i][1]
