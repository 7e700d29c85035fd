"""Article → Analysis: entities, quotes, time expressions and events, over one spaCy parse.

Stage order: parse (``nlp``) → entities → timexes → quotes → events; each stage is a plain
function over the ``Doc`` and the records made before it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from ..model import Analysis, Article, Entity, Quote, Timex
from ..read.language import guess_language
from . import entities as _entities
from . import events as _events
from . import quotes as _quotes
from . import timex as _timex
from .nlp import get_nlp, parse_many

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")
_WORD = re.compile(r"\w+")
_NAME_FILLERS = frozenset({"the", "of", "mr", "mrs", "ms", "dr"})

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


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(name.casefold()) if w not in _NAME_FILLERS)


def link_speakers(quotes: list[Quote], entities: list[Entity]) -> None:
    """Name each quote's speaker by its entity's canonical name ("Trump" → "Donald Trump")
    when exactly one entity carries all the speaker's name words."""
    names = [(e, [_name_words(n) for n in (e.name, *e.aliases)]) for e in entities]
    for quote in quotes:
        if not quote.speaker_entity:
            continue
        wanted = _name_words(quote.speaker_entity)
        if not wanted:
            continue
        found = {e.id: e for e, forms in names if any(wanted <= form for form in forms)}
        if len(found) == 1:
            quote.speaker_entity = next(iter(found.values())).name


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
    _run("quotes", flags, link_speakers, quotes, entities)
    events = _run("events", flags, _events.extract_events, doc, entities, timexes, quotes, anchor)
    caption_timexes = _run("captions", flags, _analyze_captions, article, anchor, entities) if article else []
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


def _analyze_captions(article: Article, anchor: str | None, entities: list[Entity]) -> list[Timex]:
    """Time expressions and entity mentions in captions and picture descriptions.

    Returns the time expressions; caption mentions join the body's entities (``Mention.where`` says
    which caption their offsets index), and people named only in captions become entities of their own.
    """
    places = [(f"caption {i}", c.text) for i, c in enumerate(article.captions)]
    places += [(f"media {i}", m.description) for i, m in enumerate(article.media)
               if m.type == "ImageObject" and m.description]
    timexes: list[Timex] = []
    for (where, _), doc in zip(places, parse_many(text for _, text in places), strict=True):
        for timex in _timex.tag_timexes(doc, anchor):
            timex.where = where
            timexes.append(timex)
        for found in _entities.extract_entities(doc):
            _merge_caption_entity(found, where, entities)
    return timexes


def _merge_caption_entity(found: Entity, where: str, entities: list[Entity]) -> None:
    for mention in found.mentions:
        mention.where = where
    target = _same_entity(found, entities)
    if target is None:
        found.id = f"e{len(entities) + 1}"
        entities.append(found)
    else:
        target.aliases += [a for a in [found.name, *found.aliases] if a != target.name and a not in target.aliases]
        target.roles += [r for r in found.roles if r not in target.roles]
    for mention in found.mentions:
        mention.entity_id = (target or found).id
        if target is not None:
            target.mentions.append(mention)


def _same_entity(found: Entity, entities: list[Entity]) -> Entity | None:
    """The body entity a caption entity names: same name or alias, or for people the same surname."""
    names = {n.casefold() for n in [found.name, *found.aliases]}
    for entity in entities:
        if names & {n.casefold() for n in [entity.name, *entity.aliases]}:
            return entity
    if found.type == "PERSON":
        surname = found.name.split()[-1].casefold()
        same = [e for e in entities if e.type == "PERSON" and e.name.split()[-1].casefold() == surname]
        if len(same) == 1:
            return same[0]
    return None


def analyze(item: Input, *, published: str | None = None) -> Analysis:
    """Analyse one Article (offsets index ``Article.text``) or one string (offsets index it)."""
    return next(analyze_many([item], published=published))
