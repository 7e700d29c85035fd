"""Names that are not entities: picture credits, products and weapons, common words tagged as names."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from spacy.tokens import Doc

from ..nlp import get_nlp
from .lexicon import Lexicon

_CLOSERS = {")", "]", "\n"}
_OPENING_QUOTES = {"‘", "“", "«"}
_CLOSING_QUOTES = {"’", "”", "»"}
_QUOTE_REACH = 400  # tokens to look back for an opening quote mark
_SENTENCE_ENDS = {".", "!", "?", ":", "\n", "\n\n"}
_PERSON_SUFFIXES = ("man", "men", "woman", "women")
_UNIT_LENGTH = 3
_SLANG_LENGTH = 2  # "lb", "kg", "mph": units are short
# tags of words that are never names, whatever their capital letter ("Albeit the low result ...")
_FUNCTION_TAGS = {"IN", "DT", "PDT", "CC", "RB", "RBR", "RBS", "WRB", "MD", "TO", "UH", "WDT", "WP", "EX"}
_COMMON_NOUN_TAGS = {"NN", "NNS"}
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")
_ZONE_LENGTH = 4  # "GMT", "CEST"
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def credit_tokens(doc: Doc, lex: Lexicon) -> set[int]:
    """Tokens inside picture credits such as "(Picture: AFP/Getty Images)"."""
    masked: set[int] = set()
    n = len(doc)
    for token in doc:
        if token.lower_ in lex.credit_markers and token.i + 1 < n and doc[token.i + 1].text == ":":
            i = token.i
            while i < n and doc[i].text not in _CLOSERS and "\n" not in doc[i].text:
                masked.add(i)
                i += 1
    return masked


def product_names(doc: Doc, lex: Lexicon) -> set[str]:
    """Names used for products or weapons ("Tomahawk missiles"), so not people or organisations."""
    products = {ent.text for ent in doc.ents if ent.label_ == "PRODUCT"}
    for ent in doc.ents:
        if ent.end < len(doc) and doc[ent.end].lower_ in lex.product_nouns:
            products.add(ent.text)
    return products | {p + "s" for p in products}


def short_forms_of_things(doc: Doc) -> dict[str, str]:
    """Last words of the article's longer names of things, with those names' commonest label ("Noise" of
    the film "White Noise", "Douglas" of "McDonnell Douglas"): the model may take them for a person when
    used alone. A surname of a named person is left out."""
    people = {ent[-1].text for ent in doc.ents if len(ent) > 1 and ent.label_ == "PERSON"}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in doc.ents:
        if len(ent) > 1 and ent.label_ != "PERSON" and ent[-1].text not in people:
            labels[ent[-1].text][ent.label_] += 1
    return {word: counts.most_common(1)[0][0] for word, counts in labels.items()}


@lru_cache(maxsize=1)
def _common_words() -> tuple[frozenset[str], frozenset[str]]:
    """English nouns, and adjectives or adverbs that are never nouns ("presidential"), from the
    pipeline's lemmatizer tables when it has them: one-word "names" among them are often tagging slips."""
    try:
        table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError, OSError, ImportError):  # no such pipe, table or model
        return frozenset(), frozenset()
    nouns = frozenset(table.get("noun", []))
    return nouns, frozenset((set(table.get("adj", [])) | set(table.get("adv", []))) - nouns)


def in_dictionary(word: str) -> bool:
    """Whether ``word`` (any case, perhaps plural) is an English noun, adjective or adverb in the
    pipeline's lemmatizer tables ("Court", "Motors", "Financial")."""
    nouns, modifiers = _common_words()
    lower = word.lower()
    return lower in nouns or lower in modifiers or (lower.endswith("s") and lower[:-1] in nouns)


def _inside_quote(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is inside a quotation opened earlier in its paragraph."""
    depth = 0
    j = i - 1
    stop = max(-1, i - _QUOTE_REACH)
    while j > stop and "\n" not in doc[j].whitespace_ and "\n" not in doc[j].text:
        text = doc[j].text
        if text in _OPENING_QUOTES or (text == '"' and doc[j].tag_ == "``"):
            depth += 1
        elif text in _CLOSING_QUOTES or (text == '"' and doc[j].tag_ == "''"):
            depth -= 1
        j -= 1
    return depth > 0


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` starts a sentence, perhaps after an opening quote, where every word is capitalised."""
    if doc[i].is_sent_start:
        return True
    while i > 0 and (doc[i - 1].is_quote or doc[i - 1].is_space):
        i -= 1
    return i == 0 or doc[i - 1].text in _SENTENCE_ENDS or "\n" in doc[i - 1].whitespace_


def _capitalised_mid_sentence(doc: Doc, word: str) -> bool:
    """Whether the article capitalises ``word`` somewhere a common word would not be."""
    return any(token.text == word and not _opens_sentence(doc, token.i) for token in doc)


def _after_number(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].like_num


def _is_demonym_person(lex: Lexicon, word: str) -> bool:
    """ "the Frenchman", "two Englishwomen": a nationality noun describes a person, it does not name one."""
    return any(word.endswith(suffix) and lex.country(word.removesuffix(suffix)) for suffix in _PERSON_SUFFIXES)


def is_common_word(doc: Doc, lex: Lexicon, start: int, end: int, counts: dict[str, int], label: str) -> bool:
    """A one-word name that is really a common word: a time zone after a clock time ("17:55 GMT"), a
    function word ("Albeit"), a nationality noun
    ("Frenchman"), a two-letter word named once inside a quote ("I love Ya"), an adjective
    ("Presidential"), a unit after a number ("28,950 Lb"), a noun taken for a place that the tagger
    calls a common noun or the article writes in lower case too ("In Soccer, …"), a noun used once
    inside a quote ("talking about Trade between Russia and ..."), or a noun capitalised only because it
    opens a sentence taken for a person ("Lunch was a barbecue"; the noun tables hold place names such
    as "hollywood" too)."""
    if end - start != 1:
        return False
    word = doc[start].text
    if word.isupper() and len(word) <= _ZONE_LENGTH and start > 0 and _CLOCK.fullmatch(doc[start - 1].text):
        return True  # "17:55 GMT": a time zone
    if lex.country(word) or word in lex.known_types or not word.istitle():
        return False
    if doc[start].tag_ in _FUNCTION_TAGS or _is_demonym_person(lex, word):
        return True
    if label == "PERSON" and len(word) <= _SLANG_LENGTH and counts[word] == 1 and _inside_quote(doc, start):
        return True  # "I love Ya, Big Guy": a two-letter "person" named once, inside a quote
    nouns, modifiers = _common_words()
    lower = word.lower()
    if lower in modifiers:
        return True
    if label in _PLACE_LABELS and lower in nouns and (
            doc[start].tag_ in _COMMON_NOUN_TAGS or any(token.text == lower for token in doc)):
        return True  # "In Soccer, Brazil won": tagged a common noun, or written in lower case elsewhere
    if lower not in nouns or counts[word] > 1:
        return False
    if _inside_quote(doc, start) or (_after_number(doc, start) and len(word) <= _UNIT_LENGTH):
        return True
    return label == "PERSON" and _opens_sentence(doc, start) and not _capitalised_mid_sentence(doc, word)
