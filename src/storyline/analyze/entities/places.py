"""Big and capital cities the model took for people or organisations ("visit Kyiv" is no person): a cluster
whose every name is a listed place (``data/entities_places.tsv``, from GeoNames) becomes a place, unless the
article gives person evidence — many place names are people's names too (Charlotte, Jordan, Lincoln)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .clusters import Cluster, Clusterer
from .lexicon import Lexicon

_RULED = 3  # votes of a type set by a rule (see Cluster.add)
_MISTAKEN = frozenset({"PERSON", "ORG"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOT_REFERRED = frozenset({"compound", "amod", "nmod", "pobj"})


def places_called_people(doc: Doc, lex: Lexicon, clusterer: Clusterer) -> None:
    """Give GPE as a ruled type to each cluster of PERSON or ORG that only a listed place names, with no
    rule or context word already deciding its type and no person evidence (see :func:`_person_evidence`)."""
    longer = _longer_person_names(doc)
    for cluster in clusterer.clusters:
        if (
            cluster.ruled_votes
            or cluster.context_votes
            or cluster.fixed_type
            or cluster.type() not in _MISTAKEN
        ):
            continue  # a rule or the words around it ("the X company") settled its type
        names = [m for m in cluster.members if m.kind == "name"]
        texts = {doc[m.name_start : m.end].text for m in names}
        if not names or not all(text in lex.places for text in texts):
            continue
        if not _person_evidence(doc, lex, clusterer, cluster, texts, longer):
            cluster.ruled_votes["GPE"] += _RULED


def _longer_person_names(doc: Doc) -> list[set[str]]:
    """The words of each of the article's names of two or more words the model took for people."""
    return [{token.text for token in ent} for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1]


def _unlabelled_name_word(token: Token) -> bool:
    """A capitalised proper noun outside every entity: a first name the model left out."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and not token.ent_type_


def _inside(text: str, longer: list[set[str]]) -> bool:
    """Whether ``text`` is part of a longer name ("Jordan" of "Jordan Henderson")."""
    words = set(text.split())
    return any(words < name for name in longer)


def _person_evidence(
    doc: Doc, lex: Lexicon, clusterer: Clusterer, cluster: Cluster, texts: set[str], longer: list[set[str]]
) -> bool:
    """Whether the article treats the name as a person's: an honorific or title before it ("Mr Lincoln"),
    a capitalised word outside any entity before it ("Dahlys Hamilton"), a longer personal name it is part
    of ("Jordan Henderson" … "Jordan"), a first name ("Charlotte"), "he" or "she" that refers to it (the
    clusterer's test, as pronouns are resolved later), or a mention that is the subject of a speech verb
    ("Austin said")."""
    if any(_inside(text, longer) or text.lower() in lex.first_names for text in texts):
        return True
    for m in cluster.members:
        if m.kind == "title":
            return True
        if m.kind == "name":
            if m.name_start > 0 and _unlabelled_name_word(doc[m.name_start - 1]):
                return True  # "Dahlys Hamilton" with the model's name only "Hamilton"
            root = doc[m.name_start : m.end].root
            if root.dep_ in _SUBJECTS and root.head.lemma_.lower() in lex.speech_verbs:
                return True
            # "a Perth man … his brother", "Raj Chohan, of Queens, … her car": a name modifying a noun or
            # after a preposition is not what the pronoun refers to
            if root.dep_ not in _NOT_REFERRED and clusterer.followed_by_personal_pronoun(m):
                return True
    return False
