"""Names of things that are no person or place: awards, works and characters (from their context),
streets, flights and page labels (from their shape), publishers (from "published by").

The word lists are kinds, never names (``data/entities_thing_kinds.tsv``, ``entities_street_suffixes.txt``,
``entities_flights.txt``, ``entities_page_labels.txt``): "won an Oscar", "the film Joker", "on Baker
Street", "Flight QZ8501". A name found to be a thing once is a thing wherever the article repeats it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ... import lexicons
from .lexicon import Lexicon
from .mentions import Candidate

_RULED = 3  # votes of a type set by a rule (see Cluster.add)
# Labels a thing is wrongly given; an organisation is a thing only by the telling contexts, not by "an X"
# or a noun after it ("a Netflix series" is the company's).
_MISTAKEN = frozenset({"PERSON", "GPE", "LOC", "FAC"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})  # "a Toronto-area adult"
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "ROOT"})
_COUNT_WORDS = frozenset({"a", "an", "another", "every", "each"})
_PUBLISHING = frozenset({"publish", "print"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Kinds:
    after: frozenset[str]
    before: frozenset[str]
    hyphen: frozenset[str]
    verbs: dict[str, frozenset[str]]  # preposition ("in", "for", "as") or "play" -> verb lemmas
    published: frozenset[str]  # what publishers publish ("memoir", "novel")
    streets: frozenset[str]
    page_labels: frozenset[str]
    flight_words: frozenset[str]
    flight_codes: tuple[re.Pattern[str], ...]
    designator: re.Pattern[str]


@lru_cache(maxsize=1)
def kinds() -> Kinds:
    """The kind word lists (read once per process)."""
    rows = lexicons.rows("entities_thing_kinds.tsv")
    where: dict[str, set[str]] = {}
    for word, _kind, place in rows:
        where.setdefault(place, set()).add(word)
    flights = lexicons.rows("entities_flights.txt")
    return Kinds(
        after=frozenset(where.get("after", ())),
        before=frozenset(where.get("before", ())),
        hyphen=frozenset(where.get("hyphen", ())),
        verbs={p: frozenset(where.get(p, ())) for p in ("in", "for", "as", "play")},
        published=frozenset(where.get("published", ())),
        streets=lexicons.words("entities_street_suffixes.txt"),
        page_labels=lexicons.words("entities_page_labels.txt", lower=True),
        flight_words=frozenset(value for key, value in flights if key == "word"),
        flight_codes=tuple(re.compile(value) for key, value in flights if key == "code"),
        designator=next(re.compile(value) for key, value in flights if key == "designator"),
    )


def sort_out_things(doc: Doc, lex: Lexicon, names: list[Candidate]) -> list[Candidate]:
    """``names`` without awards, works, characters, flights and page labels; streets become
    facilities and publishers organisations (ruled types, so they outvote the model in the cluster)."""
    k = kinds()
    names = [kept for c in names for kept in _without_flight(doc, c, k)]
    labels: dict[str, set[str]] = {}
    for c in names:
        if c.kind == "name" and c.type in _MISTAKEN | {"ORG"}:
            labels.setdefault(_text(doc, c), set()).add(c.type)
    # an organisation only by the telling contexts, not "X series" ("a Netflix series") nor "an X"
    things = {text for text, types in labels.items()
              if _names_a_thing(doc, _occurrences(doc, text), k, organisation=types == {"ORG"})}
    kept = []
    for c in names:
        if c.kind == "name" and c.type in _MISTAKEN | {"ORG"} and (
                _text(doc, c) in things or _is_page_label(doc, c, k)):
            continue
        if (c.type != "PLATFORM" and doc[c.end - 1].text.rstrip(".") in k.streets and c.end - c.name_start > 1
                and _text(doc, c) not in lex.known_types):  # "Downing Street" stands for the government
            c.type, c.type_votes = "FAC", _RULED
        elif c.type in _PLACE_LABELS | {"PERSON"} and c.kind == "name" and _is_publisher(doc, c, k):
            c.type, c.type_votes = "ORG", _RULED
        kept.append(c)
    return kept


def _text(doc: Doc, c: Candidate) -> str:
    return doc[c.name_start: c.end].text


def _occurrences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges where the words of ``text`` occur, named by the model or not."""
    words = text.split()
    n = len(words)
    return [(t.i, t.i + n) for t in doc if t.text == words[0] and [w.text for w in doc[t.i: t.i + n]] == words]


def _names_a_thing(doc: Doc, occurrences: list[tuple[int, int]], k: Kinds, *, organisation: bool = False) -> bool:
    """Whether the words at ``occurrences`` name an award, work or character: one occurrence in a telling
    context ("SAG award", "starred in Joker"), or, counted like a thing ("an Oscar", "two Golden Globes"),
    with no bare use as a subject or object elsewhere ("a Europe without Britain" … "Europe must")."""
    if any(_is_thing(doc, start, end, k, organisation) for start, end in occurrences):
        return True
    if organisation:
        return False
    counted = [(start, end) for start, end in occurrences if _is_counted(doc, start, end)]
    return bool(counted) and not any(_is_bare(doc, start, end) for start, end in occurrences)


def _is_counted(doc: Doc, start: int, end: int) -> bool:
    """ "an Oscar", "two Golden Globes": a name right after "a(n)" or a number, as a head noun."""
    root = doc[start:end].root
    before = doc[start - 1] if start > 0 else None
    return before is not None and before.head == root and root.dep_ not in _MODIFIER_DEPS and (
        (before.dep_ == "det" and before.lower_ in _COUNT_WORDS)
        or (before.dep_ == "nummod" and before.tag_ == "CD" and root.tag_ == "NNPS"))


def _is_bare(doc: Doc, start: int, end: int) -> bool:
    """A name used as a name: a subject, object or possessor with no determiner ("Europe must", "Europe's")."""
    root = doc[start:end].root
    return root.dep_ in _ARGUMENT_DEPS and not any(c.dep_ in ("det", "nummod") for c in root.children)


def _is_thing(doc: Doc, start: int, end: int, k: Kinds, organisation: bool = False) -> bool:
    """An award, work or character by its context: "SAG award", "the film Joker", "Oscar-winning",
    "starred in Joker", "nominated for an Emmy", "plays Maisel in the show"."""
    root = doc[start:end].root
    before = doc[start - 1] if start > 0 else None
    if not organisation and end < len(doc) and doc[end].lower_ in k.after and root.dep_ == "compound":
        return True
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in k.hyphen:
        return True
    if before is not None and before.lower_ in k.before and before.pos_ == "NOUN" and (
            before.dep_ in ("compound", "appos") or root.head == before or before.head == root):
        return True  # "the film Joker", not "polls show Clinton"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("in", "for", "as") and head.head != head:
        return head.head.lemma_.lower() in k.verbs[head.lower_]
    if root.dep_ == "dobj" and head.lemma_.lower() in k.verbs["play"]:
        return any(t.lower_ in k.before or t.ent_type_ == "WORK_OF_ART" for t in head.subtree
                   if t.dep_ == "pobj" and t.head.lower_ == "in" and not start <= t.i < end)
    return False


def _is_page_label(doc: Doc, c: Candidate, k: Kinds) -> bool:
    """ "Slideshow", "Photo gallery": a name made only of page-furniture words."""
    return all(t.lower_ in k.page_labels for t in doc[c.name_start: c.end])


def _is_publisher(doc: Doc, c: Candidate, k: Kinds) -> bool:
    """ "published by Granta": the agent of publishing is an organisation, not a place; one named like a
    person too when what it published is a book or the like ("the memoir was published by Jonathan Cape")."""
    root = doc[c.name_start: c.end].root
    by = root.head
    if root.dep_ != "pobj" or by.lower_ != "by" or by.head.lemma_.lower() not in _PUBLISHING:
        return False
    if c.type != "PERSON":
        return True
    return any(t.dep_ == "nsubjpass" and t.lemma_.lower() in k.published for t in by.head.children)


def _without_flight(doc: Doc, c: Candidate, k: Kinds) -> list[Candidate]:
    """A name with "Flight QZ8501" in it keeps only what comes before ("AirAsia"); a flight code
    after "flight" alone ("flight MH370") is no name."""
    for i in range(c.name_start, c.end):
        if doc[i].text in k.flight_words and _code_at(doc, i + 1, k):
            if i > c.name_start:
                c.end = i
                return [c]
            return []
    if c.name_start > 0 and doc[c.name_start - 1].lower_ == "flight" and _code_at(doc, c.name_start, k):
        return []
    return [c]


def _code_at(doc: Doc, i: int, k: Kinds) -> bool:
    if i >= len(doc):
        return False
    text = doc[i].text
    if any(code.match(text) for code in k.flight_codes):
        return True
    return bool(k.designator.match(text)) and i + 1 < len(doc) and doc[i + 1].text.isdigit()
