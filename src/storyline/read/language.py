"""A text's language (py3langid, whose model ships with the package) and its word count in any script."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .boilerplate import word_count

MIN_WORDS = 20  # below this, Latin-script text is too short to tell English from its neighbours
MIN_CONFIDENCE = 0.6  # py3langid's normalised probability under which a Latin-script guess is left out
_SAMPLE_CHARS = 2000  # a few paragraphs are enough (the same language as with 5000 on all 1,428 dev bodies and dumps), and fast
# Thai, Lao, Khmer, Myanmar and Tibetan are written without spaces between words: a run of them counts one
# word per this many characters (their average word length); Chinese and Japanese are counted by
# boilerplate.word_count, two characters a word.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f\u0f00-\u0fff]+")
_UNSPACED_WORD_CHARS = 6  # vowel and tone marks included
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def count_words(text: str) -> int:
    """Words in ``text`` in any script: the reader's own count (spaces; Chinese and Japanese two characters a
    word), where a run of a script without spaces (Thai…) counts by its average word length, not as one word."""
    unspaced = sum(-(-len(run) // _UNSPACED_WORD_CHARS) for run in _UNSPACED.findall(text))
    return word_count(_UNSPACED.sub(" ", text)) + unspaced


@cache
def _is_latin(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith("LATIN")


def non_latin_share(text: str) -> float:
    """The share of the letters in ``text`` that are not in the Latin script (ASCII letters are; others are looked up once)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for c in letters if c >= "\x80" and not _is_latin(c)) / len(letters)


def guess_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) of ``text``, or None when it is too short or too mixed to tell.

    Text mostly in another script than Latin is identified however short it is: a line of Japanese or
    Russian is plainly not English, whereas twenty Latin-script words may be needed."""
    sample = _sample(text)
    non_latin = non_latin_share(sample) > 0.5
    if not non_latin and count_words(sample) < MIN_WORDS:
        return None
    if not _LETTER.search(sample):
        return None
    code, probability = identify(sample)
    if probability < MIN_CONFIDENCE and not non_latin:
        return None
    return code, round(probability, 2)


def identify(text: str) -> tuple[str, float]:
    """py3langid's best language for ``text`` and its probability, however short or unsure."""
    code, probability = _identifier().classify(_sample(text))
    return code, float(probability)


def _sample(text: str) -> str:
    """The start of a long text plus a piece of its middle, so a foreign preamble does not decide alone."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    half = _SAMPLE_CHARS // 2
    middle = len(text) // 2
    # at most _SAMPLE_CHARS long, so sampling a sample (identify after guess_language) changes nothing
    return text[:half] + "\n" + text[middle:middle + half - 1]
