"""Name mentions: spaCy's entities, corrected by rules (platforms, known institutions, junk filters)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from .junk import credit_tokens, is_common_word, product_names, short_forms_of_things
from .lexicon import Lexicon
from .parts import name_parts

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_CLAUSE_ENDS = {".", ";", ")", "\n", "\n\n"}
_PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WP$", "WDT"}


@dataclass(eq=False)
class Candidate:
    """A mention before clustering: a token span ``[start, end)`` of the doc."""

    start: int
    end: int
    type: str
    kind: str  # name | title | role | pronoun
    name_start: int  # first token of the proper name inside a title mention
    title: str | None = None  # canonical title ("foreign minister")
    qualifier: str | None = None  # country or possessor that narrows the title ("Russia")
    gender: str | None = None
    link: Candidate | None = None  # the name a role noun stands in apposition to
    pronoun: str | None = None  # pronoun class from the lexicon
    cluster: int | None = None
    type_votes: int = 1  # how strongly this mention's type counts in its cluster's type


def _platform_at(doc: Doc, i: int, lex: Lexicon) -> int:
    """The end token of a platform name starting at token ``i``, or 0."""
    for key, needs_context in lex.platforms.items():
        end = i + len(key)
        if end > len(doc) or tuple(t.text for t in doc[i:end]) != key:
            continue
        if not needs_context:
            return end
        before = doc[i - 1].lower_ if i > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before in lex.platform_before or after in lex.platform_after:
            return end
    return 0


def _lexicon_names(doc: Doc, lex: Lexicon) -> list[Candidate]:
    """Platforms ("Truth Social", "on X") and known institutions ("Downing Street") found by name."""
    firsts = {key[0] for key in lex.platforms} | {key[0] for key in lex.known_names}
    found: list[Candidate] = []
    i = 0
    while i < len(doc):
        if doc[i].text not in firsts:
            i += 1
            continue
        end = _platform_at(doc, i, lex)
        type_ = "PLATFORM"
        if not end:
            key = next((k for k in lex.known_names if tuple(t.text for t in doc[i : i + len(k)]) == k), None)
            end, type_ = (i + len(key), lex.known_names[key]) if key else (0, "")
        if end:
            found.append(Candidate(i, end, type_, "name", i))
            i = end
        else:
            i += 1
    return found


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and anything after a line break from a name."""
    for i in range(start, end):
        if "\n" in doc[i].text or (i > start and "\n" in doc[i - 1].whitespace_):
            end = i
            break
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    return start, end


# Lower-case particles inside surnames: "Ursula von der Leyen", "Vincent van Gogh", "Ali bin Hassan".
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le",
                             "ten", "ter", "bin", "ibn", "al"})


def _entities_with_particles_joined(doc: Doc) -> list[tuple[str, int, int]]:
    """(label, start, end) of the model's entities, a person cut after a name particle joined to the
    entity right after it (the small model reads "Ursula von der" as a person and "Leyen" as a place)."""
    joined: list[tuple[str, int, int]] = []
    for ent in doc.ents:
        if (joined and joined[-1][0] == "PERSON" and joined[-1][2] == ent.start
                and doc[ent.start - 1].lower_ in _NAME_PARTICLES and doc[ent.start].is_title):
            joined[-1] = ("PERSON", joined[-1][1], ent.end)
        else:
            joined.append((ent.label_, ent.start, ent.end))
    return joined


def name_mentions(doc: Doc, lex: Lexicon) -> list[Candidate]:
    """Names of people, organisations, places, groups and platforms, without junk."""
    masked = credit_tokens(doc, lex)
    products = product_names(doc, lex)
    listed = _lexicon_names(doc, lex)
    platforms = [c for c in listed if c.type == "PLATFORM"]
    taken = {i for p in platforms for i in range(p.start, p.end)}
    found = list(platforms)
    things = short_forms_of_things(doc)
    counts = Counter(token.text for ent in doc.ents for token in ent)  # "Apple" counts in "Apple Inc." too
    for label_, ent_start, ent_end in _entities_with_particles_joined(doc):
        if label_ not in NAME_LABELS:
            continue
        for part_start, part_end in name_parts(doc, ent_start, ent_end):
            start, end = _trim(doc, part_start, part_end)
            if start >= end or any(i in masked or i in taken for i in range(start, end)):
                continue
            text = doc[start:end].text
            first = doc[start].text
            if text in products or len(text) < 2 or not (first[0].isupper() or first[0].isdigit()):
                continue  # the small model sometimes tags lower-case common nouns and products ("iPod")
            if not any(c.isupper() for c in text):
                continue  # "410s"
            if all(t.lower_ in lex.honorifics for t in doc[start:end]):
                continue  # a rank alone ("Det." tagged as a place) names nobody
            if is_common_word(doc, lex, start, end, counts, label_):
                continue
            label = lex.known_types.get(text, label_)
            if label == "PERSON" and end - start == 1 and text in things:
                label = things[text]  # "Noise" alone is the film "White Noise", not a person
                if label not in NAME_LABELS:
                    continue
            found.append(_with_honorific(doc, lex, Candidate(
                part_start if doc[part_start].lower_ == "the" else start, end, label, "name", start)))
    # a listed institution the model missed ("Downing Street said ...")
    covered = {i for c in found for i in range(c.start, c.end)} | masked
    found += [c for c in listed if c.type != "PLATFORM" and not covered.intersection(range(c.start, c.end))]
    found.sort(key=lambda c: c.start)
    _place_appositions(doc, found)
    return _merge_company_suffixes(doc, lex, found)


def _place_appositions(doc: Doc, names: list[Candidate]) -> None:
    """ "in Almería, Andalucía." and "Brasilia, Brasil.": a name closing a clause after a place and a
    comma is the wider place, whatever the model called it."""
    for place, name in zip(names, names[1:], strict=False):
        if (place.type == "GPE" and name.type in ("PERSON", "ORG") and name.start == place.end + 1
                and doc[place.end].text == "," and (name.end == len(doc) or doc[name.end].text in _CLAUSE_ENDS)):
            name.type, name.type_votes = "GPE", 3


def _with_honorific(doc: Doc, lex: Lexicon, c: Candidate) -> Candidate:
    """ "Mrs Meloni", "Mr. Lula": the honorific joins the mention, not the name, and gives a gender."""
    def honorific(i: int) -> bool:
        # a rank without its full stop only before a person ("Det Insp Jane Rowe", not "Det Norske Veritas")
        word = doc[i].lower_
        return word in lex.honorifics and (word not in lex.ranks or c.type == "PERSON")

    if c.end - c.name_start > 1 and honorific(c.name_start):
        while c.end - c.name_start > 1 and honorific(c.name_start):
            c.name_start += 1  # "Det Insp Jane Rowe": every rank before the name
    elif c.start > 0 and honorific(c.start - 1) and doc[c.start - 1].text[0].isupper():
        c.start -= 1
    else:
        return c
    c.kind, c.type = "title", "PERSON"
    c.gender = lex.honorifics[doc[c.name_start - 1].lower_]
    return c


def _merge_company_suffixes(doc: Doc, lex: Lexicon, names: list[Candidate]) -> list[Candidate]:
    """ "Chrysler" + "LLC", tagged as two names, are one organisation."""
    merged: list[Candidate] = []
    for c in names:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.end == c.start and c.end - c.start == 1
                and doc[c.start].lower_ in lex.corporate_suffixes):
            previous.end, previous.type = c.end, "ORG"
        else:
            merged.append(c)
    return merged


def role_alias_mentions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Capitalised role names such as POTUS, which stand for a person."""
    found = []
    for token in doc:
        alias = lex.role_aliases.get(token.text)
        if alias and token.i not in taken:
            title, country = alias
            found.append(Candidate(token.i, token.i + 1, "PERSON", "role", token.i, title=title,
                                   qualifier=country, gender=lex.title_gender.get(title)))
    return found


def pronoun_mentions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Third-person, relative and first-person pronouns, to be resolved against the clusters."""
    found = []
    for token in doc:
        pronoun_class = lex.pronouns.get(token.lower_)
        if token.text.isupper() and len(token.text) > 1:
            continue  # "US" is a country, not "us"
        if pronoun_class and token.tag_ in _PRONOUN_TAGS and token.i not in taken:
            found.append(Candidate(token.i, token.i + 1, "", "pronoun", token.i, pronoun=pronoun_class))
    return found
