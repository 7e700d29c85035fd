"""Name each quote's speaker by the canonical name of its entity in the article."""

from __future__ import annotations

import re

from ...model import Entity, Quote
from ...names import fold
from .lexicon import lexicon
from .speakers import honorific_gender, title_fits

_WORD = re.compile(r"\w+")
_NAME_FILLERS = frozenset({"the", "of", "mr", "mrs", "ms", "dr"})


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(fold(name)) if w not in _NAME_FILLERS)


def _title_gender(quote: Quote, text: str | None) -> str | None:
    """The gender of the honorific a speaker phrase opens with or follows ("Ms Corbett", "Mrs. Corbett")."""
    speaker = quote.speaker
    if speaker is None:
        return None
    if text is not None and text[speaker.start : speaker.end] == speaker.text:
        return honorific_gender(text, speaker.start, speaker.end)
    return honorific_gender(speaker.text, 0, len(speaker.text))


def link_speakers(quotes: list[Quote], entities: list[Entity], text: str | None = None) -> None:
    """Name each quote's speaker by its entity's canonical name ("Trump" → "Donald Trump")
    when exactly one entity carries all the speaker's name words."""
    names = [(e, [_name_words(n) for n in (e.name, *e.aliases)]) for e in entities]
    first_names = lexicon().first_names
    for quote in quotes:
        if not quote.speaker_entity:
            continue
        wanted = _name_words(quote.speaker_entity)
        if not wanted:
            continue
        # "Ms Corbett told the court" is not the "Jason Corbett" the article named first
        title = _title_gender(quote, text)
        found = {e.id: e for e, forms in names if any(wanted <= form for form in forms)
                 and title_fits(e.name, title, first_names)}
        if len(found) == 1:
            quote.speaker_entity = next(iter(found.values())).name
