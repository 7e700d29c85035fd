"""Article → Analysis: entities, quotes, time expressions and events, over one spaCy parse.

Stage order: parse (``nlp``) → entities → timexes → quotes → events; each stage is a plain
function over the ``Doc`` and the records made before it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from ..model import Analysis, Article
from ..read.language import guess_language
from . import entities as _entities
from . import events as _events
from . import quotes as _quotes
from . import timex as _timex
from .captions import analyze_captions
from .nlp import get_nlp, parse_many

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")

log = logging.getLogger(__name__)

Input = Article | str


def _anchor(item: Input, published: str | None) -> str | None:
    if published:
        return published
    if isinstance(item, Article) and item.published:
        return item.published.value
    return None


def _text(item: Input) -> str:
    return item.text if isinstance(item, Article) else (item or "")


def _run(stage: str, flags: list[str], fn, *args):
    """Run one stage; a failure becomes a flag on the Analysis, not a traceback."""
    try:
        return fn(*args)
    except Exception:  # noqa: BLE001 - one bad article must not stop a batch
        log.exception("%s stage failed", stage)
        flags.append(f"{stage}_failed")
        return []


def analyze_many(
    items: Iterable[Input], *, published: str | None = None, batch_size: int = 16, n_process: int = 1
) -> Iterator[Analysis]:
    """Analyse many articles or strings, batching the spaCy parse; yields in input order."""
    buffered: list[Input] = []

    def texts() -> Iterator[str]:
        for item in items:
            buffered.append(item)
            yield _text(item)

    for i, doc in enumerate(parse_many(texts(), batch_size=batch_size, n_process=n_process)):
        item = buffered[i]
        buffered[i] = None  # type: ignore[call-overload]  # free memory as we go
        yield analyze_doc(doc, item, published=_anchor(item, published))


def _valid_anchor(published: str | None, flags: list[str]) -> str | None:
    """The publication date as an ISO anchor, or None (flagged) when it is not an ISO date."""
    if published and not _ISO_DATE.match(published):
        flags.append("bad_publication_date")
        return None
    return published


def _language(article: Article | None, text: str) -> str | None:
    if article and article.language:
        return article.language.split("-")[0].lower()
    guess = guess_language(text)
    return guess[0] if guess else None


def analyze_doc(doc, item: Input, *, published: str | None = None) -> Analysis:
    """Run every analysis stage over an already parsed ``doc`` of ``item``'s text."""
    article = item if isinstance(item, Article) else None
    flags: list[str] = []
    anchor = _valid_anchor(published, flags)
    language = _language(article, doc.text)
    if language and language != get_nlp().lang:
        # The rules and the model are English; other languages would only give junk.
        flags.append(f"language_not_supported:{language}")
        return Analysis(text=doc.text, article=article, published=anchor, language=language, flags=flags)
    entities = _run("entities", flags, _entities.extract_entities, doc)
    timexes = _run("timex", flags, _timex.tag_timexes, doc, anchor)
    quotes = _run("quotes", flags, _quotes.extract_quotes, doc, entities)
    _run("quotes", flags, _quotes.link_speakers, quotes, entities)
    events = _run("events", flags, _events.extract_events, doc, entities, timexes, quotes, anchor)
    caption_timexes = _run("captions", flags, analyze_captions, article, anchor, entities) if article else []
    phrases = _run("quotes", flags, _quotes.quoted_phrases, doc.text, quotes)
    if anchor is None:
        flags.append("no_publication_date")
    return Analysis(
        text=doc.text,
        article=article,
        published=anchor,
        language=language,
        entities=entities,
        quotes=quotes,
        timexes=timexes,
        events=events,
        flags=flags,
        caption_timexes=caption_timexes,
        quoted_phrases=phrases,
    )


def analyze(item: Input, *, published: str | None = None) -> Analysis:
    """Analyse one Article (offsets index ``Article.text``) or one string (offsets index it)."""
    return next(analyze_many([item], published=published))
