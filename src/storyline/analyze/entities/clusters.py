"""Group name mentions into in-article clusters (exact names, surnames, first names, acronyms) and
settle each cluster's type from its mentions' labels and the words around them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc

from ...names import fold
from .lexicon import Lexicon
from .mentions import Candidate
from .people import _shaped_like_a_personal_name

_SAME_FIRST_NAME = 75  # rapidfuzz ratio: "Volodomyr" ~ "Volodymyr", "Victor" ~ "Viktor"
_JOINERS = {"of", "and", "the", "for", "&", "de"}
_RELATIVE_PERSON = {"who", "whom", "whose"}
_PERSONAL_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_THING_PRONOUNS = {"it", "its", "itself", "they", "their", "them", "which"}
_DESCRIPTION_WORDS = 4  # "(Petrobras, government oil company, …)": a short description after a comma
_DESCRIPTION_ENDS = {",", ")", ".", ";", "\n"}
_LIST_TYPES = ("ORG", "GPE")  # types a list of names passes on to a name of another type in it
_LIST_VOTES = 2
_DASHES = {"—", "–", "-"}


@dataclass
class Cluster:
    """One entity under construction."""

    index: int
    members: list[Candidate] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # name words of its longest PERSON/ORG names
    fixed_type: str | None = None  # from the platform or institution lexicon

    # a type set by a rule (a title, "the airline, Ryanair") outweighs any number of model labels;
    # the words around a mention ("the ruling Frelimo party") outweigh the model's labels too
    ruled_votes: Counter[str] = field(default_factory=Counter)
    context_votes: Counter[str] = field(default_factory=Counter)
    model_votes: Counter[str] = field(default_factory=Counter)

    def add(self, c: Candidate) -> None:
        self.members.append(c)
        if c.kind in ("name", "title"):
            if c.type_votes > 1:
                self.ruled_votes[c.type] += c.type_votes
            else:  # the model labels a full name more reliably than a lone surname
                self.model_votes[c.type] += c.type_votes * (c.end - c.name_start)

    def type(self) -> str:
        if self.fixed_type:
            return self.fixed_type
        winner = (self.ruled_votes or self.context_votes or self.model_votes).most_common(1)
        return winner[0][0] if winner else self.members[0].type


def name_key(text: str, type_: str, lex: Lexicon) -> str:
    """A comparable form of a name: no article, accents, honorific or company suffix; countries merged."""
    text = text.removeprefix("the ").removeprefix("The ")
    country = lex.country(text) if type_ in ("GPE", "LOC", "ORG") else None
    if country:
        return "place:" + fold(country)
    words = fold(text).replace(".", "").split()
    if words and words[0] in lex.honorifics and len(words) > 1 and (words[0] not in lex.ranks or type_ == "PERSON"):
        words = words[1:]
    if type_ == "ORG":
        while len(words) > 1 and words[-1] in lex.corporate_suffixes:
            words.pop()
    family = "group:" if type_ == "NORP" else ""
    return family + " ".join(words)


def _is_word(word: str) -> bool:
    """Letters, perhaps with hyphens or apostrophes ("O'Neill"), not "2" from "Vancouver 2"."""
    return word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def _looks_like_name(word: str) -> bool:
    """A word worth finding again on its own: a capitalised word."""
    return len(word) > 1 and word[0].isupper() and _is_word(word)


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in _JOINERS)


class Clusterer:
    """Assigns name mentions to clusters, longest names first so short forms find their full name."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.by_word: dict[str, list[Cluster]] = defaultdict(list)  # person-name word -> clusters
        self.by_acronym: dict[str, Cluster] = {}

    def name_text(self, c: Candidate) -> str:
        return self.doc[c.name_start : c.end].text

    def add_names(self, names: list[Candidate]) -> None:
        demonyms = [c for c in names if c.type == "NORP" and self.lex.country(self.name_text(c))]
        for c in sorted(names, key=lambda c: (-(c.end - c.name_start), c.start)):
            if c not in demonyms:
                self.add(c)
        for c in demonyms:
            self._add_demonym(c)
        self._find_people_called_organisations()

    def _find_people_called_organisations(self) -> None:
        for cluster in self.clusters:
            if self._is_person_called_organisation(cluster):
                cluster.context_votes["PERSON"] += len(cluster.members)

    def _add_demonym(self, c: Candidate) -> None:
        """ "Russian" joins Russia when the article names the country; else it stays a group."""
        text = self.name_text(c)
        country = self.by_key.get(name_key(text, "GPE", self.lex))
        if country is None:
            self.add(c)
            return
        c.type, c.type_votes = "GPE", 0  # a demonym neither votes on the type nor names the country
        self._join(country, c, name_key(text, "NORP", self.lex), text)

    def add(self, c: Candidate) -> Cluster:
        text = self.name_text(c)
        key = name_key(text, c.type, self.lex)
        cluster = self.by_key.get(key) or self._partial_match(c, key)
        if cluster is None:
            cluster = Cluster(len(self.clusters))
            self.clusters.append(cluster)
        self._join(cluster, c, key, text)
        return cluster

    def _join(self, cluster: Cluster, c: Candidate, key: str, text: str) -> None:
        c.cluster = cluster.index
        cluster.add(c)
        if c.kind in ("name", "title") and c.type_votes <= 1:
            context = self._context_type(c)
            if context:
                cluster.context_votes[context] += 1
            listed = self._list_type(c)
            if listed:  # weighs like a labelled mention or two: "Israel, Egypt and Hamas" leaves Hamas be
                cluster.model_votes[listed] += _LIST_VOTES
        self.by_key.setdefault(key, cluster)
        fixed = self.lex.known_types.get(text) or ("PLATFORM" if c.type == "PLATFORM" else None)
        cluster.fixed_type = cluster.fixed_type or fixed
        words = key.split()
        if c.type in ("PERSON", "ORG") and len(words) > 1:
            for word in words:
                if word not in cluster.words and word not in _JOINERS and _is_word(word):
                    cluster.words.add(word)
                    self.by_word[word].append(cluster)
        if c.type == "ORG" and len(words) > 1:
            self.by_acronym.setdefault(_acronym(words), cluster)

    def _context_type(self, c: Candidate) -> str | None:
        """The type the words around a mention give it: "the ruling Frelimo party" and "Petrobras,
        government oil company" an organisation, "the nation Mozambique" and "OSLO — …" a place."""
        doc, lex = self.doc, self.lex
        root = doc[c.name_start : c.end].root
        head = root.head.lower_ if root.head != root else ""
        # a place beside an organisation noun is where it is from ("the US company"), and a full
        # personal name stays a person; a one-word "person" is open to doubt
        lone_person = c.type == "PERSON" and c.end - c.name_start == 1
        if lone_person and (root.dep_ == "compound" and head in lex.org_nouns or self._described_as_org(c)):
            return "ORG"
        if root.dep_ == "appos" and head in lex.place_nouns or self._opens_dateline(c):
            return "GPE"
        return None

    def _opens_dateline(self, c: Candidate) -> bool:
        """ "OSLO — The 2004 Nobel Peace Prize …": a capitalised place opening a paragraph before a dash."""
        doc = self.doc
        at_paragraph_start = c.start == 0 or "\n" in doc[c.start - 1].text or "\n" in doc[c.start - 1].whitespace_
        return at_paragraph_start and doc[c.start : c.end].text.isupper() and c.end < len(doc) \
            and doc[c.end].text in _DASHES

    def _described_as_org(self, c: Candidate) -> bool:
        """ "Petrobras, government oil company": a comma, then a few lower-case words ending in an
        organisation noun."""
        doc = self.doc
        if c.end >= len(doc) or doc[c.end].text != ",":
            return False
        words = []
        for token in doc[c.end + 1 : c.end + 2 + _DESCRIPTION_WORDS]:
            if token.text in _DESCRIPTION_ENDS:
                break
            words.append(token)
        return bool(words) and len(words) <= _DESCRIPTION_WORDS and words[-1].lower_ in self.lex.org_nouns \
            and all(w.is_lower and w.is_alpha for w in words)

    def _list_type(self, c: Candidate) -> str | None:
        """ "Apple Computer, Microsoft, Cisco, eBay and AOL": a one-word name listed among at least two
        names of one other type (organisations or places) leans to theirs; a country stays a place."""
        root = self.doc[c.name_start : c.end].root
        if c.end - c.name_start != 1 or not root.is_title or self.lex.country(root.text):
            return None
        first = root
        while first.dep_ == "conj" and first.head != first:
            first = first.head
        listed = [first] + [t for t in first.subtree if t.dep_ == "conj" and t.head.i != t.i]
        others = {t.ent_type_ for t in listed if t.i != root.i}
        if len(listed) < 3 or len(others) != 1 or "" in others:
            return None
        other = others.pop()
        return other if other in _LIST_TYPES and other != c.type else None

    def _is_person_called_organisation(self, cluster: Cluster) -> bool:
        """ "Milan Hejduk … Hejduk, who has 12 goals": a person-shaped name the model took for an
        organisation is a person when "who" or "he"/"she" refers to it or to its last word alone."""
        if cluster.ruled_votes or cluster.type() != "ORG":
            return False
        doc = self.doc
        names = [m for m in cluster.members if m.kind == "name"]
        full = [m for m in names if _shaped_like_a_personal_name(doc, self.lex, m)]
        if not full:
            return False
        surnames = {doc[m.end - 1].text for m in full}
        alone = [token for token in doc if token.text in surnames and token.dep_ != "compound"]
        return any(self._has_who_clause(doc[m.name_start : m.end].root) or self.followed_by_personal_pronoun(m)
                   for m in names) or any(self._has_who_clause(token) for token in alone)

    @staticmethod
    def _has_who_clause(token) -> bool:
        return any(child.dep_ == "relcl" and child.left_edge.lower_ in _RELATIVE_PERSON for child in token.children)

    def followed_by_personal_pronoun(self, c: Candidate) -> bool:
        """ "he" or "her" later in the name's sentence with no person named and no "it"/"they" between,
        or opening the next ("Goldman Sachs raised its forecast, and the analyst cut his" is no person)."""
        doc = self.doc
        sentence = doc[c.start].sent
        for token in doc[c.end : sentence.end]:
            if token.ent_type_ == "PERSON" or token.lower_ in _THING_PRONOUNS:
                return False
            if token.lower_ in _PERSONAL_PRONOUNS:
                return True
        # "Milan Hejduk scored twice. He …": the subject of a sentence naming nobody else
        if doc[c.name_start : c.end].root.dep_ != "nsubj" or any(
                token.ent_type_ == "PERSON" for token in sentence if not c.start <= token.i < c.end):
            return False
        return any(token.lower_ in _PERSONAL_PRONOUNS for token in doc[sentence.end : sentence.end + 2])

    def _partial_match(self, c: Candidate, key: str) -> Cluster | None:
        if c.type in ("NORP", "PLATFORM") or key.startswith("place:"):
            return None
        words = key.split()
        if len(words) == 1:
            if c.type == "ORG" and self.name_text(c).isupper() and key in self.by_acronym:
                return self.by_acronym[key]
            return self._nearest(c, self.by_word.get(key, []))
        if c.type == "ORG":
            # "China Eastern" is short for "China Eastern Airlines"
            longer = [cl for cl in self.by_word.get(words[0], []) if cl.type() == "ORG" and any(
                name_key(self.name_text(m), "ORG", self.lex).split()[: len(words)] == words for m in cl.members)]
            return self._nearest(c, longer)
        same_last = [
            cl for cl in self.by_word.get(words[-1], [])
            if cl.type() == c.type and any(self._compatible(words, m) for m in cl.members)
        ]
        return self._nearest(c, same_last)

    def _compatible(self, words: list[str], member: Candidate) -> bool:
        """Two multi-word names of one person: same surname, similar or missing first name."""
        other = name_key(self.name_text(member), member.type, self.lex).split()
        if len(other) < 2 or other[-1] != words[-1]:
            return False
        return set(words) <= set(other) or fuzz.ratio(words[0], other[0]) >= _SAME_FIRST_NAME

    def _nearest(self, c: Candidate, clusters: list[Cluster]) -> Cluster | None:
        """Of several clusters sharing a word, the one mentioned last before ``c`` (else the biggest)."""
        if not clusters:
            return None
        if len(clusters) == 1:
            return clusters[0]
        before = [(max((m.start for m in cl.members if m.start < c.start), default=-1), cl) for cl in clusters]
        best_start, best = max(before, key=lambda pair: pair[0])
        return best if best_start >= 0 else max(clusters, key=lambda cl: len(cl.members))

    def propagate(self, covered: set[int]) -> list[Candidate]:
        """Mentions the model missed of names already found ("Zelensky" in "Trump-Zelensky talks")."""
        known: dict[str, Cluster] = {}
        for cluster in self.clusters:
            kind = cluster.type()
            for m in cluster.members:
                if m.end - m.name_start == 1 and kind in ("PERSON", "ORG"):
                    word = self.doc[m.name_start].text
                elif m.end - m.name_start > 1 and kind == "PERSON":
                    word = self.doc[m.end - 1].text  # the surname
                else:
                    continue
                if _looks_like_name(word):
                    known.setdefault(word, cluster)
        added = []
        for token in self.doc:
            cluster = known.get(token.text)
            if cluster is not None and token.i not in covered:
                c = Candidate(token.i, token.i + 1, cluster.type(), "name", token.i)
                self._join(cluster, c, name_key(token.text, c.type, self.lex), token.text)
                added.append(c)
        self._find_people_called_organisations()  # the mentions found here may carry "who"
        return added
