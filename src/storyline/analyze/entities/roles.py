"""Titles and role nouns: "US President Donald Trump", "Russia's foreign minister, Sergei Lavrov", "the
US president", "the company" — attached to the name they describe, or kept for later resolution."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mentions import Candidate

_DEFINITE = {"the", "this", "that"}
_INDEFINITE = {"a", "an", "another", "one"}
_AFTER_APPOSITION = {",", ".", ")", ";", ":", "’", "'", "”", '"', "and", "who", "said", "says"}


@dataclass
class RolePhrase:
    """A title with its modifiers: tokens ``[start, end)``, the title itself at ``[title_start, title_end)``."""

    start: int
    end: int
    title_start: int
    title_end: int
    title: str
    qualifier: str | None
    definite: bool


def _title_at(doc: Doc, i: int, lex: Lexicon, firsts: set[str]) -> int:
    """The end token of the longest title starting at token ``i``, or 0."""
    if doc[i].lower_ not in firsts:
        return 0
    for length in range(min(lex.longest_title, len(doc) - i), 0, -1):
        if tuple(t.lower_ for t in doc[i : i + length]) in lex.titles:
            return i + length
    return 0


def _qualifier(text: str, lex: Lexicon) -> str:
    return lex.country(text) or text


def _extend(doc: Doc, start: int, end: int, lex: Lexicon, names_at: dict[int, Candidate]) -> RolePhrase:
    """Grow a title leftwards over modifiers, possessors and a determiner, rightwards over "of <name>"."""
    key = tuple(t.lower_ for t in doc[start:end])
    phrase = RolePhrase(start, end, start, end, lex.titles[key], None, False)
    i = start - 1
    while i >= 0:
        token = doc[i]
        owner = names_at.get(i)
        if token.tag_ == "POS" and i - 1 in names_at:
            owner = names_at[i - 1]
            phrase.qualifier = _qualifier(doc[owner.name_start : owner.end].text, lex)
            phrase.start, phrase.definite = owner.start, True
            break
        if owner is not None and owner.end == i + 1 and owner.type in ("GPE", "NORP", "ORG"):
            phrase.qualifier = _qualifier(doc[owner.name_start : owner.end].text, lex)
            phrase.start, i = owner.start, owner.start - 1
            continue
        if lex.country(token.text) and token.text[0].isupper():
            phrase.qualifier = lex.country(token.text)
        elif token.lower_ not in lex.role_modifiers:
            if token.lower_ in _DEFINITE or token.lower_ in _INDEFINITE:
                phrase.start, phrase.definite = i, token.lower_ in _DEFINITE
            break
        phrase.start, i = i, i - 1
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ == "of":
        owner = names_at.get(end + 1) or names_at.get(end + 2)
        if owner is not None and owner.start <= end + 2 and owner.type in ("GPE", "ORG", "NORP"):
            phrase.qualifier = _qualifier(doc[owner.name_start : owner.end].text, lex)
            phrase.end = owner.end
        else:
            phrase.end = _portfolio_end(doc, end + 1, names_at)
    if phrase.qualifier and not phrase.definite and doc[phrase.start].lower_ not in _INDEFINITE:
        phrase.definite = True  # "US President said ..." names one office holder
    return phrase


def _portfolio_end(doc: Doc, start: int, names_at: dict[int, Candidate]) -> int:
    """The end of an unnamed portfolio after "of" ("Minister of Interior"), or the title's end."""
    end = start
    while end < len(doc) and doc[end].is_title and doc[end].is_alpha and end not in names_at:
        end += 1
    return end if end > start else start - 1


def role_phrases(doc: Doc, lex: Lexicon, names: list[Candidate]) -> list[RolePhrase]:
    """Every title in the doc with its modifiers, skipping words that are part of a longer name."""
    firsts = {key[0] for key in lex.titles}
    names_at = {i: c for c in names for i in range(c.start, c.end)}
    phrases = []
    i = 0
    while i < len(doc):
        end = _title_at(doc, i, lex, firsts)
        inside = names_at.get(i)
        # "General Motors" is a name, not a title; "State" inside "Secretary of State" is not a name.
        if end and inside is not None and inside.end > end and not _title_opens(inside, end, doc, lex):
            end = 0
        if not end:
            i += 1
            continue
        phrases.append(_extend(doc, i, end, lex, names_at))
        i = end
    return phrases


def _title_opens(name: Candidate, title_end: int, doc: Doc, lex: Lexicon) -> bool:
    """Whether a name starts with a title: "President Donald Trump", or "Spokeswoman Sandy Angers" that
    the model called an organisation (two capitalised words must follow and not end in a company form,
    so "General Motors" and "General Motors Corporation" stay names)."""
    if name.type == "PERSON":
        return True
    rest = doc[title_end : name.end]
    return (len(rest) >= 2 and all(t.is_title and t.is_alpha for t in rest)
            and rest[-1].lower_ not in lex.corporate_suffixes)


def _can_be_person(name: Candidate, doc: Doc, lex: Lexicon) -> bool:
    """Whether a name beside a title may be a person the model mislabelled ("the First Lady, Melania")."""
    if name.type == "NORP" or name.type == "PLATFORM":
        return False
    return name.type != "GPE" or lex.country(doc[name.name_start : name.end].text) is None


def _follows_apposition(doc: Doc, i: int) -> bool:
    return i >= len(doc) or doc[i].lower_ in _AFTER_APPOSITION or "\n" in doc[i - 1].whitespace_


def attach_roles(doc: Doc, lex: Lexicon, names: list[Candidate]) -> list[Candidate]:
    """Apply titles to the names they describe; return role-noun mentions (linked or standalone).

    Names inside a title phrase (``State`` in "Secretary of State") are removed from ``names``.
    """
    phrases = role_phrases(doc, lex, names)
    starts = {c.name_start: c for c in names}
    ends = {c.end: c for c in names}
    name_at = {i: c for c in names for i in range(c.start, c.end)}
    roles: list[Candidate] = []
    swallowed: set[int] = set()
    for phrase in phrases:
        gender = lex.title_gender.get(phrase.title)
        for i in range(phrase.title_start, phrase.title_end):
            c = name_at.get(i)
            if c is not None and phrase.title_start <= c.start and c.end <= phrase.title_end:
                swallowed.add(id(c))
        named = starts.get(phrase.title_end)
        if named is None:
            inside = name_at.get(phrase.title_start)
            if inside is not None and inside.end > phrase.title_end and _title_opens(inside, phrase.title_end, doc, lex):
                named = inside  # the model put the title inside the name: "President Donald Trump"
                named.name_start = phrase.title_end
        if named is not None and _can_be_person(named, doc, lex) and phrase.end <= named.name_start:
            _entitle(named, phrase, gender, doc)
            continue
        role = Candidate(phrase.start, phrase.end, "PERSON", "role", phrase.title_start, title=phrase.title,
                         qualifier=phrase.qualifier, gender=gender)
        after_comma = phrase.end + 1
        if after_comma < len(doc) and doc[phrase.end].text == ",":
            named = starts.get(after_comma) or starts.get(after_comma + 1)
            if named is not None and _can_be_person(named, doc, lex) and _follows_apposition(doc, named.end):
                role.link = named
        comma = phrase.start - 1
        while comma > 0 and doc[comma].tag_ == "RB":
            comma -= 1  # "Mark Papermaster, formerly an Apple executive"
        if role.link is None and comma >= 1 and doc[comma].text == ",":
            named = ends.get(comma)
            if named is not None and _can_be_person(named, doc, lex) and _follows_apposition(doc, phrase.end):
                role.link = named
        if role.link is not None:
            role.link.type, role.link.type_votes = "PERSON", 3
            roles.append(role)
        elif phrase.definite:
            roles.append(role)
    names[:] = [c for c in names if id(c) not in swallowed]
    return roles


def _entitle(named: Candidate, phrase: RolePhrase, gender: str | None, doc: Doc) -> None:
    """Make ``named`` a title mention: "Hungarian president Victor Orbán"."""
    start = phrase.start
    while start < phrase.title_start and (doc[start].lower_ in _DEFINITE or doc[start].lower_ in _INDEFINITE):
        start += 1
    named.start = min(named.start, start)
    named.kind, named.type, named.type_votes = "title", "PERSON", 3
    named.title, named.gender = phrase.title, named.gender or gender
    named.qualifier = named.qualifier or phrase.qualifier


def definite_descriptions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Definite descriptions of organisations and places ("the company", "the armed group", "the country")."""
    found = []
    for token in doc:
        type_ = "ORG" if token.lower_ in lex.org_nouns else "GPE" if token.lower_ in lex.place_nouns else None
        if type_ is None or token.tag_ != "NN" or token.dep_ == "compound" or token.i in taken:
            continue
        det = next((c for c in token.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the":
            continue
        if any(c.ent_type_ or c.dep_ == "poss" or c.lower_ in lex.new_entity_modifiers for c in token.lefts):
            continue  # "the Boeing company" is a name; "its parent company", "the new company" are others
        found.append(Candidate(det.i, token.i + 1, type_, "role", token.i))
    return found


def org_descriptions(doc: Doc, lex: Lexicon, names: list[Candidate]) -> list[Candidate]:
    """Names described as organisations become ORG: "automaker Chrysler" (type only), "Irish airline,
    Ryanair" and "NPD Group, a market research firm" (also a role mention in the name's cluster)."""
    name_at = {i: c for c in names for i in range(c.name_start, c.end)}
    roles = []
    for token in doc:
        if token.lower_ not in lex.org_nouns or token.tag_ != "NN" or token.i in name_at:
            continue
        described = name_at.get(token.head.i) if token.dep_ in ("compound", "appos") else None
        if described is None:
            described = next((name_at[c.i] for c in token.children if c.dep_ == "appos" and c.i in name_at), None)
        if described is None or described.type in ("GPE", "NORP", "PLATFORM"):
            continue
        if described.type == "PERSON" and described.end - described.name_start > 1:
            continue  # a full personal name is a person even beside "company"
        described.type, described.type_votes = "ORG", 3
        if token.dep_ != "compound":
            start = min(t.i for t in token.lefts) if token.n_lefts else token.i
            roles.append(Candidate(start, token.i + 1, "ORG", "role", token.i, link=described))
    return roles


def _followed_by_age(doc: Doc, end: int) -> bool:
    """ "<name>, 49," gives a person's age."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text != ",":
        return False
    age = doc[end + 1].text
    return age.isdigit() and 0 < int(age) < 120


def name_qualifiers(doc: Doc, lex: Lexicon, names: list[Candidate]) -> None:
    """Record the country a name is tied to ("Ukraine's Zelensky", "Vladimir Putin, of Russia"), and
    that a name with an age is a person."""
    starts = {c.start: c for c in names}
    for c in names:
        if c.type in ("GPE", "NORP") and c.end + 1 < len(doc) and doc[c.end].tag_ == "POS":
            owned = starts.get(c.end + 1)
            if owned is not None and owned.type == "PERSON" and owned.qualifier is None:
                owned.qualifier = _qualifier(doc[c.name_start : c.end].text, lex)
        if _followed_by_age(doc, c.end):
            c.type, c.type_votes = "PERSON", 3  # "Papermaster, 49, had left"
        if c.type == "PERSON" and c.end + 2 < len(doc) and doc[c.end].text == "," and doc[c.end + 1].lower_ == "of":
            place = starts.get(c.end + 2)
            if place is not None and place.type == "GPE" and c.qualifier is None:
                c.qualifier = _qualifier(doc[place.name_start : place.end].text, lex)
