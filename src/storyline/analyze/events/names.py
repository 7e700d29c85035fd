"""Canonical names for the words that fill an event's roles (entities, pronouns, "the pair")."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Entity
from ..entities import entity_at

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
THIRD_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})
# Modifiers whose names stand for a group noun ("US officials", "Trump-Zelensky talks").
GROUP_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


@dataclass(frozen=True)
class Name:
    text: str
    type: str


class NameResolver:
    """Maps tokens of one parsed doc to canonical names, using the entities stage when it ran and
    spaCy's own entity spans otherwise."""

    def __init__(self, doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self._fallback = _spacy_names(doc)

    def name(self, token) -> Name | None:
        """The entity the token is part of, if any; spaCy's span when the entities stage has none."""
        if self.entities:
            entity = entity_at(self.entities, token.idx, token.idx + len(token.text))
            if entity:
                return Name(entity.name, entity.type)
            if token.pos_ == "PRON":
                return None
        elif token.lower_ in THIRD_PERSON:
            return self._last_person_before(token)
        return self._fallback.get(token.i)

    def _last_person_before(self, token) -> Name | None:
        """Without the entities stage, "he"/"she" is the last person named before it."""
        for i in range(token.i - 1, max(token.sent.start - 80, -1), -1):
            name = self._fallback.get(i)
            if name and name.type == "PERSON":
                return name
        return None

    def phrase_names(self, token, types: frozenset[str] = ACTOR_TYPES) -> list[Name]:
        """Names for the noun phrase headed by ``token``: the entity itself, an appositive
        ("the minister, Sergei Lavrov"), hyphenated pairs ("Trump-Zelensky"), or the
        countries and organisations modifying a group noun ("US officials")."""
        own = self.name(token)
        if own and own.type in types:
            return [own]
        if token.pos_ == "PRON":
            return []
        for child in token.children:
            if child.dep_ == "appos":
                found = self.name(child)
                if found and found.type in types:
                    return [found]
        names: list[Name] = []
        modifiers = [c for c in token.children if c.dep_ in GROUP_DEPS and c.i < token.i]
        modifiers += [c for m in modifiers for c in m.children if c.dep_ == "conj"]  # "US and Russian"
        for child in modifiers:
            for name in self.phrase_names(child, types):
                if name not in names:
                    names.append(name)
        definite = any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)
        if names and token.tag_ in ("NNS", "NNPS") and definite and token.pos_ != "PROPN":
            return []  # "the American and Russian presidents" refers back to people already named
        if names and (token.tag_ in ("NNS", "NNPS") or token.pos_ == "PROPN" or _hyphen_pair(token)):
            return names
        return names if token.dep_ == "compound" else []


def _hyphen_pair(token) -> bool:
    return any(child.dep_ == "compound" and child.nbor(1).text == "-" for child in token.children
               if child.i + 1 < len(child.doc))


def _spacy_names(doc) -> dict[int, Name]:
    """Token index → name from spaCy's entity spans; a surname maps to the longest full name."""
    full_names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            last = ent[-1].text
            if len(ent.text) > len(full_names.get(last, "")):
                full_names[last] = _clean(ent.text)
    names: dict[int, Name] = {}
    for ent in doc.ents:
        if ent.label_ not in ACTOR_TYPES | PLACE_TYPES | {"PRODUCT"}:
            continue
        name = Name(_clean(ent.text), ent.label_)
        if ent[-1].text in full_names and (ent.label_ == "PERSON" or len(ent) == 1):
            name = Name(full_names[ent[-1].text], "PERSON")  # "Trump" (even mislabelled) → "Donald Trump"
        for token in ent:
            names[token.i] = name
    return names


def _clean(text: str) -> str:
    text = text.strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.removesuffix("’s").removesuffix("'s")
