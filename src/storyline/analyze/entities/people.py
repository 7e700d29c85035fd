"""Names the model called organisations that are people: "Marc-Andre Bergeron got his second goal" (a
possessive or reflexive pronoun in the name's clause takes the name as antecedent), or a name listed
among people ("Glen Murray, P.J Axelsson, Patrice Bergeron"), or one that opens with a known first name
("Nikki Haley")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .junk import in_dictionary
from .lexicon import Lexicon
from .mentions import Candidate

# possessive and reflexive pronouns, which take their own clause's subject as antecedent
_BOUND = {"his", "himself", "herself"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_LIST_SEPARATORS = {",", "and", ";"}
_RULED = 3  # votes of a type set by a rule (see Cluster.add)
_LONGEST_PERSON_NAME = 3


def _shaped_like_a_personal_name(doc: Doc, lex: Lexicon, c: Candidate, first_name: bool = False) -> bool:
    """Two or three capitalised words ("Milan Hejduk", "Marc-Andre Bergeron"), no "the", no company form;
    after a known first name the last may be a dictionary word ("Nikki Haley", "Gordon Brown")."""
    words = [t for t in doc[c.name_start : c.end] if t.text != "-"]
    if not 2 <= len(words) <= _LONGEST_PERSON_NAME or c.start != c.name_start:
        return False
    if (c.start > 0 and doc[c.start - 1].lower_ == "the") or (in_dictionary(words[-1].text) and not first_name):
        return False  # "the Colorado Avalanche", "Supreme Court"
    return all(t.is_title and t.text.replace(".", "").isalpha() and t.lower_ not in lex.corporate_suffixes
               and t.lower_ not in lex.org_nouns and t.lower_ not in lex.media_nouns for t in words)


def _surname_alone(doc: Doc, c: Candidate) -> bool:
    """Whether the name's last word also stands alone as a name elsewhere ("Nikki Haley" … "Haley said"),
    as a person's surname does and a company's last word ("Austin Energy") does not."""
    last = doc[c.end - 1]
    return any(t.text == last.text and t.i != last.i and (t.i == 0 or doc[t.i - 1].text != doc[c.name_start].text)
               and t.pos_ == "PROPN" for t in doc)


def _own_clause(pronoun: Token, verb: Token) -> bool:
    """Whether ``pronoun`` hangs under ``verb`` with no other subject on the way ("and Y lost his")."""
    token = pronoun
    while token.i != verb.i:
        if token.head.i == token.i:
            return False  # reached the sentence root without meeting the verb
        token = token.head
        if token.i != verb.i and any(child.dep_ in _SUBJECTS for child in token.children):
            return False
    return True


def _refers_back(verb: Token, after: int) -> bool:
    """Whether "his"/"her"/"himself" after token ``after`` belongs to ``verb``'s clause, no person between."""
    for token in verb.subtree:
        if token.i <= after:
            continue
        if token.ent_type_ == "PERSON":
            return False
        if token.lower_ in _BOUND and _own_clause(token, verb):
            return True
    return False


def _only_list_separators(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` only separate list items: commas, "and", bracketed notes."""
    depth, separated = 0, False
    for token in doc[start:end]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0:
            if token.text not in _LIST_SEPARATORS:
                return False
            separated = True
    return separated and depth == 0


def _listed_among_people(doc: Doc, names: list[Candidate], at: int) -> bool:
    """ "Luiz Fernando Furlan (Development), Celso Amorim (Exterior Relations)": the list neighbour of
    ``names[at]`` is a person with a full name."""
    c = names[at]
    neighbours = [(names[at - 1], names[at - 1].end, c.start)] if at > 0 else []
    if at + 1 < len(names):
        neighbours.append((names[at + 1], c.end, names[at + 1].start))
    return any(n.type == "PERSON" and n.end - n.name_start > 1 and n.start != c.start
               and _only_list_separators(doc, start, end) for n, start, end in neighbours)


def people_called_organisations(doc: Doc, lex: Lexicon, names: list[Candidate]) -> None:
    """Make person-shaped organisation names people (a ruled type) when a pronoun refers back to them and
    no person named earlier in the sentence could own it instead, or when they are listed among people."""
    for at, c in enumerate(names):
        if c.type != "ORG" or c.type_votes > 1:
            continue
        # "Nikki Haley" tagged ORG: a person-shaped name that opens with a known first name
        first_name = (doc[c.name_start].lower_ in lex.first_names and _shaped_like_a_personal_name(doc, lex, c, True)
                      and (not in_dictionary(doc[c.end - 1].text) or _surname_alone(doc, c)))
        if not first_name and not _shaped_like_a_personal_name(doc, lex, c):
            continue
        root = doc[c.name_start : c.end].root
        earlier_person = any(t.ent_type_ == "PERSON" for t in doc[root.sent.start : c.start])
        owns_pronoun = root.dep_ in _SUBJECTS and not earlier_person and _refers_back(root.head, c.end - 1)
        # "General Motors and Berkshire Hathaway": a list may mix companies and people
        listed = _listed_among_people(doc, names, at) and not any(
            in_dictionary(t.text) for t in doc[c.name_start : c.end])
        if owns_pronoun or listed or first_name:
            c.type, c.type_votes = "PERSON", _RULED
