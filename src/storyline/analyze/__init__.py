"""Article → Analysis: entities, quotes, time expressions and events, over one spaCy parse.

Stage order: parse (``nlp``) → entities → timexes → quotes → events; each stage is a plain
function over the ``Doc`` and the records made before it.

Each text's analysis is capped (:func:`default_max_chars`): some stages cost more than linear time, so a page of
megabytes would take many minutes and gigabytes. Past the cap the text is cut at a paragraph end, only the
start is analysed, and the Analysis (and its Article) is flagged ``analysis_truncated``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator

from ..model import Analysis, Article
from ..read.language import guess_language, non_latin_share
from . import entities as _entities
from . import events as _events
from . import quotes as _quotes
from . import timex as _timex
from .captions import analyze_captions
from .nlp import get_nlp, parse_many

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")

log = logging.getLogger(__name__)

Input = Article | str
# About 16,000 words, longer than nearly every news article; on a 2-core machine a text this long is
# analysed in well under a minute and 1 GB. Change it with STORYLINE_MAX_ANALYSIS_CHARS or ``max_chars=``.
MAX_ANALYSIS_CHARS = 100_000
TRUNCATED_FLAG = "analysis_truncated"


def default_max_chars() -> int:
    """The cap on the characters analysed per text: ``STORYLINE_MAX_ANALYSIS_CHARS``, else the default."""
    value = os.environ.get("STORYLINE_MAX_ANALYSIS_CHARS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_ANALYSIS_CHARS


def cut_for_analysis(text: str, cap: int) -> str:
    """``text`` itself when it fits ``cap``, else its start up to a paragraph (or line, sentence, word) end."""
    if len(text) <= cap:
        return text
    for boundary in ("\n\n", "\n", ". ", " "):
        end = text.rfind(boundary, cap // 2, cap)
        if end > 0:
            return text[: end + len(boundary)]
    return text[:cap]


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
    items: Iterable[Input], *, published: str | None = None, batch_size: int = 16, n_process: int = 1,
    max_chars: int | None = None,
) -> Iterator[Analysis]:
    """Analyse many articles or strings, batching the spaCy parse; yields in input order.

    At most ``max_chars`` characters of each text are analysed (default: :func:`default_max_chars`)."""
    cap = max_chars or default_max_chars()
    buffered: list[Input] = []

    def texts() -> Iterator[str]:
        for item in items:
            buffered.append(item)
            yield cut_for_analysis(_text(item), cap)

    for i, doc in enumerate(parse_many(texts(), batch_size=batch_size, n_process=n_process)):
        item = buffered[i]
        buffered[i] = None  # type: ignore[call-overload]  # free memory as we go
        analysis = analyze_doc(doc, item, published=_anchor(item, published))
        full = _text(item)
        if len(full) > len(doc.text):
            _flag_truncated(analysis, full, len(doc.text))
        yield analysis


def _flag_truncated(analysis: Analysis, full: str, analysed: int) -> None:
    """Mark an analysis that covers only the start of its text; offsets still index the whole text."""
    analysis.text = full
    analysis.flags.append(TRUNCATED_FLAG)
    if analysis.article is not None and TRUNCATED_FLAG not in analysis.article.flags:
        analysis.article.flags.append(TRUNCATED_FLAG)
    log.info("analysed the first %d of %d characters", analysed, len(full))


def _valid_anchor(published: str | None, flags: list[str]) -> str | None:
    """The publication date as an ISO anchor, or None (flagged) when it is not an ISO date."""
    if published and not _ISO_DATE.match(published):
        flags.append("bad_publication_date")
        return None
    return published


def _language(article: Article | None, text: str, model_language: str) -> str | None:
    """The page's declared language, unless it claims the model's language for text mostly in another script
    (an English site template around a Japanese article); else the identified one."""
    declared = article.language.split("-")[0].lower() if article and article.language else None
    if declared and (declared != model_language or non_latin_share(text[:5000]) <= 0.5):
        return declared
    guess = guess_language(text)
    return guess[0] if guess else declared


def analyze_doc(doc, item: Input, *, published: str | None = None) -> Analysis:
    """Run every analysis stage over an already parsed ``doc`` of ``item``'s text."""
    article = item if isinstance(item, Article) else None
    flags: list[str] = []
    anchor = _valid_anchor(published, flags)
    language = _language(article, doc.text, get_nlp().lang)
    if language and language != get_nlp().lang:
        # The rules and the model are English; other languages would only give junk.
        flags.append(f"language_not_supported:{language}")
        return Analysis(text=doc.text, article=article, published=anchor, language=language, flags=flags)
    entities = _run("entities", flags, _entities.extract_entities, doc)
    timexes = _run("timex", flags, _timex.tag_timexes, doc, anchor)
    quotes = _run("quotes", flags, _quotes.extract_quotes, doc, entities)
    _run("quotes", flags, _quotes.link_speakers, quotes, entities, doc.text)
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


def analyze(item: Input, *, published: str | None = None, max_chars: int | None = None) -> Analysis:
    """Analyse one Article (offsets index ``Article.text``) or one string (offsets index it); at most
    ``max_chars`` characters of it (default: :func:`default_max_chars`), flagged ``analysis_truncated`` when cut."""
    return next(analyze_many([item], published=published, max_chars=max_chars))
