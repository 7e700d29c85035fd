"""Figure captions inside the article: the extractor drops figures, but a ``<figcaption>`` that sits between the
article's first and last paragraphs describes the article's own picture and is read with it (Readability and
the browsers' reader views keep it). Captions above the article (a lead image of a teaser) or below it (a gallery
of other stories) stay out, and so do captions that are links (teasers) or belong to a player (embedded players
are media, not text). Each caption is placed where it stands in the page, after the paragraph before it."""

from __future__ import annotations

from lxml.etree import _Element, iterwalk

from .blocks import clean_line
from .boilerplate import normalise
from .captions import split_credit

KEY_CHARS = 40  # a block is found in the page's text by its first characters (spaces ignored)
MAX_CAPTION_CHARS = 1000  # longer "captions" are layout, not a picture's line


def _squeeze(text: str) -> str:
    """Text without any spaces: the extractor and the page's markup space words differently (inline tags, breaks)."""
    return "".join(text.split())


_PLAYERS = ("iframe", "video", "audio", "object", "embed")


def _is_player(caption: _Element) -> bool:
    """A caption of a figure that holds a player (video, audio, an embedded frame): the media's line, not the text's."""
    figure = next((a for a in caption.iterancestors("figure")), None)
    return figure is not None and any(True for _ in figure.iter(*_PLAYERS))


def _is_link(caption: _Element) -> bool:
    """A caption that is a link (or mostly links) titles a teaser of another page, not the article's picture."""
    if any(a.tag == "a" for a in caption.iterancestors()):
        return True
    linked = sum(len(_squeeze(a.text_content())) for a in caption.iter("a"))
    return linked * 2 > len(_squeeze(caption.text_content()))


def _stream(tree: _Element) -> tuple[str, list[tuple[int, str]]]:
    """The page's visible text without spaces, and each outermost figcaption's offset in it with its text."""
    parts: list[str] = []
    captions: list[tuple[int, str]] = []
    size = 0
    depth = 0  # figcaptions open around the current node
    for event, node in iterwalk(tree, events=("start", "end")):
        if event == "start":
            if node.tag == "figcaption":
                if depth == 0:
                    captions.append((size, "" if _is_link(node) or _is_player(node) else split_credit(clean_line(node.text_content()))[0] or ""))
                depth += 1
            text = node.text if isinstance(node.tag, str) else None
        else:
            depth -= node.tag == "figcaption"
            text = node.tail if node is not tree else None
        if text:
            squeezed = _squeeze(text)
            parts.append(squeezed)
            size += len(squeezed)
    return "".join(parts), captions


def with_captions(tree: _Element, kept: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``kept`` with the figure captions that stand between its first and last blocks inserted in page order."""
    if len(kept) < 2 or next(tree.iter("figcaption"), None) is None:
        return kept
    stream, captions = _stream(tree)
    starts: list[int] = []  # each kept block's offset in the stream, -1 when not found
    cursor = 0
    for _, text in kept:
        key = _squeeze(text)[:KEY_CHARS]
        found = stream.find(key, cursor) if key else -1
        starts.append(found)
        if found >= 0:
            cursor = found + len(key)
    located = [(start, i) for i, start in enumerate(starts) if start >= 0]
    if len(located) < 2:
        return kept
    first, last = located[0][0], located[-1][0]
    present = "\n".join(normalise(text) for _, text in kept)
    after: dict[int, list[str]] = {}  # index of the block a caption follows → captions
    for offset, text in captions:
        if not (first < offset < last) or not text or len(text) > MAX_CAPTION_CHARS or normalise(text) in present:
            continue
        present += "\n" + normalise(text)
        block = max(i for start, i in located if start <= offset)
        after.setdefault(block, []).append(text)
    if not after:
        return kept
    out: list[tuple[str, str]] = []
    for i, block in enumerate(kept):
        out.append(block)
        out.extend(("paragraph", text) for text in after.get(i, []))
    return out
