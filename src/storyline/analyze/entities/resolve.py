"""Resolve role nouns and pronouns (third-person, relative, first-person in quotes) to a cluster when the
antecedent is clear."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from functools import cache

from spacy.tokens import Doc, Token

from ... import lexicons
from .clusters import Clusterer, name_key
from .mentions import Candidate

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_CLAUSES = {"xcomp", "ccomp", "csubj"}
_EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "make"}
_PRONOUN_TYPES = {"male": ("PERSON",), "female": ("PERSON",), "thing": ("ORG", "GPE", "FAC"), "plural": ("ORG",),
                  "speaker-person": ("PERSON",), "speaker-group": ("ORG", "GPE"),
                  "relative-person": ("PERSON", "ORG"), "relative-thing": ("ORG", "GPE", "LOC", "FAC", "PLATFORM"),
                  "relative-any": ("PERSON", "ORG", "GPE", "LOC", "FAC", "PLATFORM")}
_SENTENCES_BACK = 3  # how far back a pronoun may look for its antecedent
_ORG_NOUN_REACH = 5  # how many sentences back "the company" may look


class Resolver:
    """Holds what is known about each cluster (titles, qualifiers, gender) while reading in order."""

    def __init__(self, doc: Doc, clusterer: Clusterer) -> None:
        self.doc, self.clusterer = doc, clusterer
        # a pipeline without a parser or sentencizer gives no sentences: treat the text as one
        self.sentence_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        self.titles: dict[int, set[tuple[str, str | None]]] = defaultdict(set)
        self.holders: dict[str, set[int]] = defaultdict(set)  # title -> clusters holding it
        self.qualifiers: dict[int, set[str]] = defaultdict(set)
        self.gender: dict[int, str] = {}
        self.at_token: dict[int, Candidate] = {}  # token -> the resolved mention covering it
        self.first_seen: dict[int, int] = {}
        self.roots: dict[int, Token] = {}  # id(mention) -> its head token
        for cluster in clusterer.clusters:
            kind = cluster.type()
            self.first_seen[cluster.index] = min(c.start for c in cluster.members)
            for c in cluster.members:
                c.type = kind  # the cluster's vote overrides a mislabelled mention ("Trump" as ORG)
                self._learn(cluster.index, c)
                self._cover(c)
        self.org_kinds, self.org_nouns = _org_kinds(doc, clusterer)
        self.untitled = [cl.index for cl in clusterer.clusters if cl.type() == "PERSON" and not self.titles[cl.index]]
        self.untitled.sort(key=self.first_seen.__getitem__)

    def _root(self, m: Candidate) -> Token:
        """The syntactic head of a mention ("boss" in "Aston Villa boss Martin O'Neill")."""
        root = self.roots.get(id(m))
        if root is None:
            root = self.roots[id(m)] = self.doc[m.start : m.end].root
        return root

    def _cover(self, c: Candidate) -> None:
        for i in range(c.start, c.end):
            self.at_token.setdefault(i, c)

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.sentence_starts, token) - 1

    def _qualifier(self, qualifier: str | None) -> str | None:
        """A qualifier that names a cluster ("Trump's spokesperson") is compared by cluster."""
        if qualifier is None:
            return None
        for type_ in ("PERSON", "ORG", "GPE"):
            cluster = self.clusterer.by_key.get(name_key(qualifier, type_, self.clusterer.lex))
            if cluster is not None:
                return f"#{cluster.index}"
        return qualifier.casefold()

    def _learn(self, cluster: int, c: Candidate) -> None:
        qualifier = self._qualifier(c.qualifier)
        if c.title:
            self.titles[cluster].add((c.title, qualifier))
            self.holders[c.title].add(cluster)
        if qualifier:
            self.qualifiers[cluster].add(qualifier)
        if c.gender and cluster not in self.gender:
            self.gender[cluster] = c.gender

    def assign(self, c: Candidate, cluster: int) -> None:
        if c.pronoun in ("male", "female"):
            c.gender = c.pronoun  # what "he"/"she" resolved to tells later pronouns its gender
        c.cluster = cluster
        c.type = self.clusterer.clusters[cluster].type()
        self.clusterer.clusters[cluster].add(c)
        self._learn(cluster, c)
        self._cover(c)
        noun = self.doc[c.name_start].lower_
        if c.kind == "role" and c.type == "ORG" and noun in _org_kind_table():
            self.org_nouns[cluster].add(noun)  # "the airline" now tells what kind this cluster is
            self.org_kinds.setdefault(cluster, _org_kind_table()[noun])

    def resolve_linked(self, roles: list[Candidate]) -> None:
        """Appositions: "Russia's foreign minister, Sergei Lavrov" — the role joins the name's cluster."""
        for role in roles:
            if role.link is not None and role.link.cluster is not None:
                self.assign(role, role.link.cluster)

    def resolve_in_order(self, pending: list[Candidate], mentions: list[Candidate]) -> None:
        """Resolve role nouns and pronouns left to right, so later ones can build on earlier ones."""
        resolved = sorted((m for m in mentions if m.cluster is not None), key=lambda m: m.start)
        starts = [m.start for m in resolved]
        for c in sorted(pending, key=lambda m: m.start):
            if c.cluster is not None:
                continue
            if c.kind == "pronoun":
                cluster = self._pronoun(c, self._recent(resolved, bisect_right(starts, c.start - 1), c))
            elif c.type in ("ORG", "GPE"):
                cluster = self._description(c, self._recent(resolved, bisect_right(starts, c.start - 1), c))
            else:
                cluster = self._person_role(c)
            if cluster is not None:
                self.assign(c, cluster)
                at = bisect_right(starts, c.start)
                resolved.insert(at, c)
                starts.insert(at, c.start)

    def _recent(self, resolved: list[Candidate], end: int, c: Candidate) -> list[Candidate]:
        """The resolved mentions before ``c`` within reach, nearest first."""
        reach = _SENTENCES_BACK if c.kind == "pronoun" else _ORG_NOUN_REACH
        first_sentence = self.sentence_of(c.start) - reach
        recent = []
        for i in range(end - 1, -1, -1):
            if self.sentence_of(resolved[i].start) < first_sentence:
                break
            recent.append(resolved[i])
        return recent

    def _person_role(self, role: Candidate) -> int | None:
        """ "The US president" → the one person titled president and tied to the United States."""
        qualifier = self._qualifier(role.qualifier)
        holders = [
            cluster for cluster in self.holders.get(role.title or "", ())
            if self.clusterer.clusters[cluster].type() == "PERSON"
            and (qualifier is None or (role.title, qualifier) in self.titles[cluster]
                 or qualifier in self.qualifiers[cluster])
        ]
        if len(holders) > 1:
            # of several holders, the only one the article has named so far
            holders = [cluster for cluster in holders if self.first_seen[cluster] < role.start]
        if holders:
            return holders[0] if len(holders) == 1 else None
        if role.qualifier is None or not self.clusterer.lex.country(role.qualifier):
            return None  # only "the US president" (a country's office) is clear without a titled holder
        return self._only_untitled_person(role, qualifier)

    def _is_place(self, qualifier: str) -> bool:
        """Whether a qualifier is a country or place (not a possessor such as "Trump's")."""
        if not qualifier.startswith("#"):
            return True
        return self.clusterer.clusters[int(qualifier[1:])].type() in ("GPE", "LOC")

    def _only_untitled_person(self, role: Candidate, qualifier: str | None) -> int | None:
        """ "The US president" when nobody is titled president: the one person seen so far with no
        title and no other country, if there is exactly one."""
        found = None
        for cluster in self.untitled:
            if self.first_seen[cluster] >= role.start:
                break
            if self.titles[cluster]:
                continue  # it gained a title since
            countries = {q for q in self.qualifiers[cluster] if self._is_place(q)}
            if qualifier is not None and countries - {qualifier}:
                continue
            if found is not None:
                return None
            found = cluster
        return found

    def _description(self, c: Candidate, recent: list[Candidate]) -> int | None:
        """ "The company" → the organisation named last (a subject first), within a few sentences;
        "the country" → the place named last."""
        named = [m for m in recent if m.type == c.type and m.kind != "pronoun"]
        kind = _org_kind_table().get(self.doc[c.name_start].lower_) if c.type == "ORG" else None
        if kind:  # "the online retailer" is no newspaper: an antecedent of its kind, else of no known kind
            same = [m for m in named if self.org_kinds.get(m.cluster) == kind]
            named = same or [m for m in named if m.cluster not in self.org_kinds]
            # one already called a retailer beats another company
            named = [m for m in named if self.doc[c.name_start].lower_ in self.org_nouns[m.cluster]] or named
        subjects = [m for m in named if c.type == "ORG" and self._root(m).dep_ in _SUBJECT_DEPS]
        return (subjects or named)[0].cluster if named else None

    def _is_expletive(self, token) -> bool:
        """ "It is possible to ..." has no antecedent (but "it is profitable" has one)."""
        head = token.head
        if token.lower_ != "it" or head.lemma_ not in _EXPLETIVE_HEADS:
            return False
        complements = [c for c in head.children if c.dep_ in ("acomp", "attr")] + [head]
        return any(child.dep_ in _CLAUSES for word in complements for child in word.children)

    def _coordinated_owner(self, token) -> int | None:
        """ "Airbus and its CEO": a possessive inside a conjunct belongs to the first conjunct."""
        noun = token.head
        if token.tag_ != "PRP$" or noun.dep_ != "conj":
            return None
        owner = self.at_token.get(noun.head.i)
        return owner.cluster if owner is not None else None

    def _compatible(self, pronoun: Candidate, m: Candidate) -> bool:
        if m.type not in _PRONOUN_TYPES[pronoun.pronoun or ""]:
            return False
        gender = self.gender.get(m.cluster) if m.cluster is not None else None
        return pronoun.pronoun not in ("male", "female") or gender in (None, pronoun.pronoun)

    def _relative(self, pronoun: Candidate, token: Token) -> int | None:
        """ "Zelensky, who was mid-air": the noun the relative clause attaches to ("which" is not a person)."""
        clause = token.head
        noun = clause.head if clause.dep_ == "relcl" else None
        owner = self.at_token.get(noun.i) if noun is not None else None
        if owner is None or owner.type not in _PRONOUN_TYPES[pronoun.pronoun or ""]:
            return None
        return owner.cluster

    def _sentence(self, number: int):
        end = self.sentence_starts[number + 1] if number + 1 < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[number] : end]

    def _speaker(self, pronoun: Candidate, token) -> int | None:
        """ "We will ...," Boeing said: first person inside a quote is the speech verb's subject, in
        its sentence or in the sentences a quote runs over; "we" said by a company's chief is the company."""
        number = self.sentence_of(token.i)
        for near in (number, number + 1, number - 1, number + 2):
            if not 0 <= near < len(self.sentence_starts):
                continue
            speaker = self._speech_subject(self._sentence(near))
            if speaker is None:
                continue
            if pronoun.pronoun == "speaker-group" and speaker.type == "PERSON":
                return self._organisation_of(speaker.cluster)
            return speaker.cluster if speaker.type in _PRONOUN_TYPES[pronoun.pronoun] else None
        return None

    def _speech_subject(self, sentence) -> Candidate | None:
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.lemma_ not in self.clusterer.lex.speech_verbs:
                continue
            for child in verb.children:
                owner = self.at_token.get(child.i) if child.dep_ in _SUBJECT_DEPS else None
                if owner is not None and owner.cluster is not None:
                    return owner
        return None

    def _organisation_of(self, person: int | None) -> int | None:
        """The one organisation a person is tied to by a title ("Ryanair CEO Michael O'Leary")."""
        orgs = {
            int(q[1:]) for q in self.qualifiers.get(person, ())
            if q.startswith("#") and self.clusterer.clusters[int(q[1:])].type() == "ORG"
        }
        return orgs.pop() if len(orgs) == 1 else None

    def _pronoun(self, pronoun: Candidate, recent: list[Candidate]) -> int | None:
        token = self.doc[pronoun.start]
        if (pronoun.pronoun or "").startswith("relative"):
            return self._relative(pronoun, token)
        if pronoun.pronoun in ("speaker-person", "speaker-group"):
            return self._speaker(pronoun, token)
        if self._is_expletive(token):
            return None
        owner = self._coordinated_owner(token)
        if owner is not None and self.clusterer.clusters[owner].type() in _PRONOUN_TYPES[pronoun.pronoun or ""]:
            return owner
        sentence = self.sentence_of(pronoun.start)
        reflexive_or_possessive = token.tag_ == "PRP$" or token.lower_.endswith("self")
        for back in range(_SENTENCES_BACK + 1):
            window = [
                m for m in reversed(recent)
                if self.sentence_of(m.start) == sentence - back and self._compatible(pronoun, m)
                # "Trump told him": an object pronoun is not the subject of its own verb
                and (back or reflexive_or_possessive or self._root(m).head != token.head)
            ]
            if not window:
                continue
            gendered = [m for m in window if self.gender.get(m.cluster) == pronoun.pronoun]
            window = gendered or window  # "her" prefers the one person known to be female
            subjects = [m for m in window if self._root(m).dep_ in _SUBJECT_DEPS]
            if subjects and back == 0:
                return subjects[-1].cluster  # the nearest subject before the pronoun
            if subjects:
                # in an earlier sentence, the person who is most often its subject
                counts = Counter(m.cluster for m in subjects)
                return max(subjects, key=lambda m: counts[m.cluster]).cluster
            if back == 0 and pronoun.pronoun == "thing":
                return window[-1].cluster  # "it" in its own sentence: the nearest organisation or place
            distinct = {m.cluster for m in window}
            return distinct.pop() if len(distinct) == 1 else None
        return None


@cache
def _org_kind_table() -> dict[str, str]:
    """Describing noun → kind of organisation ("airline" → company)."""
    return dict(lexicons.rows("entities_org_kinds.tsv"))


def _org_kinds(doc: Doc, clusterer: Clusterer) -> tuple[dict[int, str], defaultdict[int, set[str]]]:
    """Cluster → the kind of organisation it is known to be: described by a kind noun ("automaker
    Chrysler", "Ryanair, the Irish airline"), a newspaper's last word, or a corporate suffix; and
    cluster → the kind nouns that described it."""
    table = _org_kind_table()
    lex = clusterer.lex
    found: dict[int, str] = {}
    nouns: defaultdict[int, set[str]] = defaultdict(set)
    for cluster in clusterer.clusters:
        if cluster.type() != "ORG":
            continue
        for c in cluster.members:
            last = doc[c.end - 1].lower_
            if c.kind == "role" and doc[c.name_start].lower_ in table:
                found.setdefault(cluster.index, table[doc[c.name_start].lower_])
                nouns[cluster.index].add(doc[c.name_start].lower_)
            elif c.end - c.name_start > 1 and last in lex.media_nouns:
                found.setdefault(cluster.index, "media")
            elif last.rstrip(".") in lex.corporate_suffixes:
                found.setdefault(cluster.index, "company")
            root = doc[c.name_start: c.end].root
            described = [t for t in root.children if t.dep_ in ("compound", "appos") and t.lower_ in table]
            if root.dep_ in ("compound", "appos") and root.head.lower_ in table:
                described.append(root.head)
            if described:
                found.setdefault(cluster.index, table[described[0].lower_])
                nouns[cluster.index].update(t.lower_ for t in described)
    return found, nouns
