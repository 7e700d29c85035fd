"""Speaker phrases and their resolution to a canonical name: names, pronouns and role nouns
("the US president") are mapped to the person or organisation they stand for."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ... import lexicons
from ...model import Entity, Span
from ..entities import entity_at
from ..entities.lexicon import lexicon as entity_lexicon
from .lexicon import QuoteLexicon
from .repairs import names_the_object
from .sentences import Sentences

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "we"}
FIRST_PERSON = {"i", "me"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
GROUP_LABELS = {"ORG", "GPE", "NORP"}
PHRASE_DEPS = {"compound", "amod", "det", "poss", "nummod", "nmod", "case", "flat"}
NAME_DEPS = {"compound", "flat"}  # a proper name's phrase stops at its own words
_WORD = re.compile(r"\w+")
RECENT_SPEAKER_PARAGRAPHS = 2
_GENDERS = {"male": "m", "female": "f"}
# he/she and Mr/Ms by the gender the entity lexicon's pronoun and honorific tables give them
PRONOUN_GENDER = {word: _GENDERS[kind] for word, kind in lexicons.rows("entities_pronouns.tsv") if kind in _GENDERS}


@lru_cache(maxsize=1)
def _honorific_gender() -> dict[str, str]:
    """Mr/Ms → m/f, from the entity lexicon's honorific table."""
    return {word: _GENDERS[kind] for word, kind in entity_lexicon().honorifics.items() if kind in _GENDERS}


def honorific_gender(text: str, start: int, end: int | None = None) -> str | None:
    """The gender of an honorific right before ``start`` or opening ``text[start:end]`` ("Ms Corbett")."""
    before = text[max(0, start - 5) : start].split()
    gender = _honorific_gender().get(before[-1].lower()) if before else None
    words = text[start:end].split() if end is not None else []
    if gender is None and words:
        gender = _honorific_gender().get(words[0].lower())
    return gender


def title_fits(name: str, title: str | None, first_names: dict[str, str]) -> bool:
    """Whether a name's first name allows an honorific's gender ("Ms Corbett" is no "Jason Corbett")."""
    words = name.split()
    return title is None or not words or first_names.get(words[0].lower(), title) == title


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    """The entity lexicon's honorifics without their full stops: left out of the name words speakers are matched on."""
    return frozenset(word.rstrip(".") for word in entity_lexicon().honorifics)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """People and adjectives of countries in the entity lexicon ("Briton", "German", "Dutch" as in "Dutchman")."""
    return frozenset(word for word, country in entity_lexicon().countries.items()
                     if word[:1].isupper() and not word.isupper() and word != country)


def _name_words(text: str) -> list[str]:
    text = re.sub(r"['’]s?\b", "", text.strip())
    honorifics = _honorifics()
    return [w for w in _WORD.findall(text) if w.lower() not in honorifics and not w.isdigit()]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _WORD.findall(name) if w[0].isupper())


@dataclass
class RecentSpeaker:
    name: str
    end: int  # char offset of the quote it spoke
    paragraph: int
    is_person: bool


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # canonical
    label: str
    is_subject: bool


class SpeakerResolver:
    """Resolves speaker head tokens of one Doc to canonical names."""

    def __init__(self, doc: Doc, entities: list[Entity], lexicon: QuoteLexicon,
                 paragraph_of: Callable[[int], int], sentences: Sentences) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access
        self.lexicon = lexicon
        self.paragraph_of = paragraph_of
        self.sentences = sentences
        self.entities = entities
        self.mentions = self._mentions(doc, entities)
        self.starts = [m.start for m in self.mentions]
        self.salience = Counter(m.name for m in self.mentions if m.label == "PERSON")
        self.roles = self._role_holders(doc)
        self.name_gender = self._name_genders()  # as first names suggest: rules people out
        self.gender = self._genders(doc)  # as the article shows it

    # ------------------------------------------------------------------ mentions and clusters

    def _mentions(self, doc: Doc, entities: list[Entity]) -> list[_Mention]:
        """Name mentions, clustered here; the entity stage's canonical name wins when it is the
        fuller name of the same kind of thing (its clusters are broader, so only names are taken)."""
        found = self._spacy_mentions(doc, self.text, self.lexicon.first_names)
        for m in found if entities else []:
            entity = entity_at(entities, m.start, m.end)
            if (entity is not None and entity.type == m.label
                    and set(m.name.split()) < set(_name_words(entity.name))
                    and title_fits(entity.name, honorific_gender(self.text, m.start, m.end), self.lexicon.first_names)):
                m.name = " ".join(_name_words(entity.name))
        for m in found:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            m.is_subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _spacy_mentions(doc: Doc, text: str, first_names: dict[str, str]) -> list[_Mention]:
        """Name mentions from spaCy's NER, people clustered on shared name words (a surname
        mention joins the longest full name containing it)."""
        # Upper-case names in parentheses are photo credits, not people in the story.
        # A "name" without a capitalised word ("the rookie defenceman" tagged ORG) is a description.
        ents = [e for e in doc.ents if e.label_ in NAME_LABELS
                and not (e.text.isupper() and "(" in text[max(0, e.start_char - 3) : e.start_char])
                and any(c.isupper() or c.isdigit() for t in e if t.pos_ != "DET" for c in t.text)]
        long_orgs = {_initials(e.text): " ".join(_name_words(e.text)) for e in ents
                     if e.label_ == "ORG" and len(_name_words(e.text)) > 1}
        full_names: list[list[str]] = []
        for ent in sorted(ents, key=lambda e: -len(e)):
            words = _name_words(ent.text)
            if ent.label_ == "PERSON" and words and not any(set(words) <= set(f) for f in full_names):
                full_names.append(words)
        mentions = []
        for ent in ents:
            words = _name_words(ent.text)
            if not words:
                continue
            name = " ".join(words)
            label = ent.label_
            # "Ms Corbett" is not the "Jason Corbett" named before her
            title = honorific_gender(text, ent.start_char, ent.end_char)
            owner = next((f for f in full_names if set(words) <= set(f)
                          and title_fits(" ".join(f), title, first_names)), None)
            if owner is not None and (label == "PERSON" or len(words) == 1):
                # a lone surname NER mislabelled as ORG or GPE still names the person
                name, label = " ".join(owner), "PERSON"
            elif ent.text.isupper() and ent.text in long_orgs:
                name = long_orgs[ent.text]  # IRCC → Immigration, Refugees and Citizenship Canada
            mentions.append(_Mention(ent.start_char, ent.end_char, name, label, False))
        return mentions

    def mention_at(self, start: int, end: int) -> _Mention | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.mentions[i].end > start - 200:
            m = self.mentions[i]
            if m.start < end and start < m.end:
                return m
            i -= 1
        return None

    def _genders(self, doc: Doc) -> dict[str, str]:
        """Each person's grammatical gender as the article itself uses it: an honorific (Mr., Ms.)
        or the first he/she-type pronoun after a mention, before any other person is named."""
        votes: dict[str, Counter] = {}
        people = [m for m in self.mentions if m.label == "PERSON"]
        pronouns = [(t.idx, PRONOUN_GENDER[t.lower_]) for t in doc if t.lower_ in PRONOUN_GENDER]
        positions = [p for p, _ in pronouns]
        for i, m in enumerate(people):
            title = honorific_gender(self.text, m.start, m.end)
            if title:
                votes.setdefault(m.name, Counter())[title] += 2
            limit = people[i + 1].start if i + 1 < len(people) else len(self.text)
            limit = min(limit, self.sentences.next_end(m.start))
            j = bisect.bisect_left(positions, m.end)
            if m.is_subject and j < len(pronouns) and pronouns[j][0] < limit:
                votes.setdefault(m.name, Counter())[pronouns[j][1]] += 1
        for name, counter in votes.items():  # a first name outweighs one pronoun that followed the name
            if name in self.name_gender:
                counter[self.name_gender[name]] += 1.5
        return {name: c.most_common(1)[0][0] for name, c in votes.items()}

    def _name_genders(self) -> dict[str, str]:
        """The gender a person's first name tells ("Rachel Harvey"), for names of two or more words."""
        genders = {}
        for m in self.mentions:
            words = m.name.split()
            if m.label == "PERSON" and len(words) > 1 and all(len(w) > 1 for w in words):
                gender = self.lexicon.first_names.get(words[0].lower())
                if gender:
                    genders[m.name] = gender
        return genders

    def _role_holders(self, doc: Doc) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """Role noun → [(person, modifiers)] from titles ("Hungarian president Victor Orbán") and
        appositions ("Karoline Leavitt, Trump's spokesperson")."""
        holders: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for m in self.mentions:
            if m.label != "PERSON":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            linked = [c for c in root.children if c.dep_ in ("compound", "appos") and c.i not in
                      range(span.start, span.end)]
            if root.dep_ == "appos" and not names_the_object(doc, span.start):
                linked.append(root.head)  # not "a spokeswoman for the governor, Andrew Cuomo"
            for tok in linked + [t for t in span if t.lemma_.lower() in self.lexicon.roles]:
                role = tok.lemma_.lower()
                if role in self.lexicon.roles:
                    holders.setdefault(role, []).append((m.name, self._modifiers(tok)))
        return holders

    @staticmethod
    def _modifiers(role: Token) -> frozenset[str]:
        return frozenset(c.lower_ for c in role.children
                         if c.dep_ in ("amod", "compound", "poss", "nmod") and c.pos_ != "DET")

    # ------------------------------------------------------------------ phrases

    def phrase(self, head: Token) -> Span:
        """The speaker's noun phrase: the name mention around ``head`` or its modifiers."""
        mention = self.mention_at(head.idx, head.idx + len(head))
        if mention is not None and head.pos_ == "PROPN":
            return Span(self.text[mention.start:mention.end], mention.start, mention.end)
        deps = NAME_DEPS if head.pos_ == "PROPN" else PHRASE_DEPS
        left = right = head.i
        for child in head.children:
            if child.dep_ in deps:
                left = min(left, child.left_edge.i)
                right = max(right, child.right_edge.i if child.i > head.i else right)
        span = self.doc[left : right + 1]
        return Span(span.text, span.start_char, span.end_char)

    def unresolved_name(self, head: Token) -> str | None:
        """What to call a speaker nothing resolved: none for a pronoun, the phrase otherwise, a
        name without its honorific ("Mr Farage" → "Farage")."""
        if head.pos_ == "PRON":
            return None
        phrase = self.phrase(head).text
        if head.pos_ == "PROPN":
            words = phrase.split()
            while len(words) > 1 and words[0].rstrip(".").lower() in _honorifics():
                words.pop(0)
            phrase = " ".join(words)
        return phrase

    def is_person(self, head: Token) -> bool:
        """Whether a speaker token stands for a person (not a named organisation or place)."""
        if head.lower_ in PERSON_PRONOUNS:
            return True
        if head.lower_ in GROUP_PRONOUNS or head.tag_ in ("NNS", "NNPS"):
            return False  # "officials", "experts": a group, never "the minister" or "he"
        if head.pos_ == "NOUN":
            return self._role_word(head) in self.lexicon.roles  # "the café said": no one "she" refers to
        mention = self.mention_at(head.idx, head.idx + len(head))
        return mention is None or mention.label == "PERSON"

    # ------------------------------------------------------------------ resolution

    def resolve(self, head: Token, recent: list[RecentSpeaker], continues: bool = False) -> str | None:
        """Canonical name for the speaker whose head token is ``head``, or None. ``continues``: the
        cue goes on from the quote before ("he added"), so a pronoun is that quote's speaker."""
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON:
            if continues:
                found = self._continued_speaker(head, recent)
                if found is not None:
                    return found
            return self._resolve_pronoun(head, recent)
        if self._is_demonym(head):
            # "the Dutchman told Sky Sports", "the Serbian said": the person the passage is about
            return self._nearest_person(head, recent)
        mention = self.mention_at(head.idx, head.idx + len(head))
        if mention is not None:
            return mention.name
        if head.pos_ == "PROPN":
            return self._person_named(_name_words(self.phrase(head).text))
        appos = next((c for c in head.children if c.dep_ == "appos"), None)
        if appos is not None and not names_the_object(self.doc, appos.left_edge.i):
            # "his lawyer, John Doe": the lawyer; not "a spokeswoman for the governor, Andrew Cuomo"
            mention = self.mention_at(appos.idx, appos.idx + len(appos))
            if mention is not None:
                return mention.name
        named = self._person_in_description(head)
        if named is not None:
            return named
        author = self._author_of(head)
        if author is not None:
            return author
        lemma = head.lemma_.lower()
        if lemma in self.lexicon.proxies or lemma in self.lexicon.documents:
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return self.resolve(owner, recent)
            author = self._named_in(head) or self._earlier_author(head)
            if author is not None or lemma in self.lexicon.documents:
                return author
            return self._recent_speaker(head, recent, None)
        if lemma in self.lexicon.org_nouns and self._is_definite(head):
            if any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in head.children):
                return None  # "the Nobel committee" names a body of its own, it refers to none
            if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children):
                return None  # "Li's team", "Trump's campaign": the phrase names whose it is
            # "the company" is never the White House the entity stage found to be a building; an
            # organisation that did something in the text ("ReOpenNC had told its members") beats one
            # only mentioned ("buses to Raleigh")
            labels = GROUP_LABELS - {"GPE"}
            return (self._recent_mention(head, labels, None, subject_only=True, organisation=True)
                    or self._recent_mention(head, labels, None, organisation=True))
        role = self._role_word(head)
        plural = head.tag_ in ("NNS", "NNPS") and role == head.lemma_.lower()  # not "sergeant-at-arms"
        if role in self.lexicon.roles and not plural:
            return self._resolve_role(head, recent)  # "analysts said": a group, never one analyst
        return None

    @staticmethod
    def _is_demonym(head: Token) -> bool:
        """ "the Dutchman", "the Briton", "the German": one person named by where they are from."""
        if head.tag_ not in ("NN", "NNP") or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return False
        word = head.text
        demonyms = _demonyms()
        return word in demonyms or (word.endswith("man") and word[:-3] in demonyms)

    def _role_word(self, head: Token) -> str:
        """The head's lemma, or for a hyphenated title ("the sergeant-at-arms", "editor-in-chief",
        parsed with its last piece as the head) the role word that opens it."""
        lemma = head.lemma_.lower()
        doc, i = head.doc, head.i
        while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
            i -= 2
        if i != head.i and lemma not in self.lexicon.roles:
            return doc[i].lemma_.lower()
        return lemma

    def _person_in_description(self, head: Token) -> str | None:
        """The one person a role description names: "former New Zealand coach and former test
        player John Bracewell" (the parser often makes the name a conjunct of the role)."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.lexicon.roles:
            return None
        found = set()
        for child in head.children:
            if child.dep_ not in ("conj", "appos", "compound", "npadvmod"):
                continue
            if child.dep_ == "appos" and child.i > head.i and names_the_object(self.doc, child.left_edge.i):
                continue  # "a spokeswoman for the governor, Andrew Cuomo": the governor's name
            if child.dep_ == "conj" and not any(t.pos_ == "NOUN" and t.lemma_.lower() in self.lexicon.roles
                                                for t in child.subtree):
                continue  # "the US president and Vladimir Putin": two people; "… and test player X": one
            for token in child.subtree:
                mention = self.mention_at(token.idx, token.idx + len(token))
                if mention is not None and mention.label == "PERSON":
                    found.add(mention.name)
        return found.pop() if len(found) == 1 else None

    def _named_in(self, head: Token) -> str | None:
        """'the Civic Action study', 'the White House statement': the organisation compounded on the
        noun (not a person: "the Trump campaign" speaks for itself, not as Trump)."""
        for child in head.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                mention = self.mention_at(child.idx, child.idx + len(child))
                if mention is not None and mention.label in ("ORG", "NORP"):
                    return mention.name
        return None

    def _earlier_author(self, head: Token) -> str | None:
        """'… the study said': the author of the same document where the article introduced it
        ("a study by Civic Action"), within the last few paragraphs."""
        if not self._is_definite(head):
            return None
        lemma = head.lemma_.lower()
        paragraph = self.paragraph_of(head.idx)
        for tok in reversed(self.doc[max(0, head.i - 400) : head.i]):
            if paragraph - self.paragraph_of(tok.idx) > RECENT_SPEAKER_PARAGRAPHS + 1:
                break
            if tok.lemma_.lower() == lemma and tok.pos_ == "NOUN":
                found = self._author_of(tok) or self._named_in(tok)
                if found is not None:
                    return found
        return None

    def _author_of(self, head: Token) -> str | None:
        """'a study by the Senate committee', 'a statement from Tesla', 'a statement e-mailed to
        The Globe by Reagan Ruslim': the named author."""
        preps = [c for c in head.children if c.dep_ == "prep"]
        preps += [c for acl in head.children if acl.dep_ in ("acl", "relcl")
                  for c in acl.children if c.dep_ == "agent"]  # "a study (which is) released by X"
        for prep in preps:
            if prep.lower_ in ("by", "from"):
                for pobj in prep.children:
                    mention = self.mention_at(pobj.idx, pobj.idx + len(pobj))
                    if pobj.dep_ == "pobj" and mention is not None and mention.label != "GPE":
                        return mention.name
        return None

    @staticmethod
    def _is_definite(head: Token) -> bool:
        return any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in head.children)

    def _has_gender(self, name: str, gender: str | None, known: bool) -> bool:
        """Whether ``name`` is of ``gender`` (any when None): shown to be by the article, or
        (``known`` False) neither shown nor named ("Rachel …") to be of the other."""
        if gender is None:
            return True
        if known:
            return self.gender.get(name) == gender
        return (self.gender.get(name) or self.name_gender.get(name) or gender) == gender

    def _continued_speaker(self, pronoun: Token, recent: list[RecentSpeaker]) -> str | None:
        """'“…,” he added': the speaker of the quote just before, in this or the previous paragraph,
        unless the article showed (or their first name tells) that speaker to be of the other gender
        or not a person."""
        if not recent or pronoun.lower_ in FIRST_PERSON:
            return None
        last = recent[-1]
        if self.paragraph_of(pronoun.idx) - last.paragraph > 1:
            return None
        if last.is_person != (pronoun.lower_ in PERSON_PRONOUNS):
            return None
        gender = PRONOUN_GENDER.get(pronoun.lower_)
        return last.name if self._has_gender(last.name, gender, known=False) else None

    def _recent_speaker(self, token: Token, recent: list[RecentSpeaker],
                        person: bool | None, gender: str | None = None, known: bool = True) -> str | None:
        """The latest speaker within a couple of paragraphs (a person or not, of a gender)."""
        found = self._latest_speaker(token, recent, person, gender, known)
        return found.name if found is not None else None

    def _latest_speaker(self, token: Token, recent: list[RecentSpeaker], person: bool | None,
                        gender: str | None = None, known: bool = True) -> RecentSpeaker | None:
        paragraph = self.paragraph_of(token.idx)
        for speaker in reversed(recent):
            if paragraph - speaker.paragraph > RECENT_SPEAKER_PARAGRAPHS:
                break
            if person is not None and speaker.is_person != person:
                continue
            if self._has_gender(speaker.name, gender, known):
                return speaker
        return None

    def _recent_mention(self, token: Token, labels: set[str], gender: str | None,
                        subject_only: bool = False, known: bool = True, organisation: bool = False) -> str | None:
        """The latest name of one of ``labels`` before ``token`` (of a known gender if given; an
        ``organisation`` the entity stage did not find to be a place or a person)."""
        found = self._latest_mention(token, labels, gender, subject_only, known, organisation)
        return found.name if found is not None else None

    def _latest_mention(self, token: Token, labels: set[str], gender: str | None, subject_only: bool = False,
                        known: bool = True, organisation: bool = False) -> _Mention | None:
        paragraph = self.paragraph_of(token.idx)
        for m in reversed(self.mentions[: bisect.bisect_left(self.starts, token.idx)]):
            if paragraph - self.paragraph_of(m.start) > RECENT_SPEAKER_PARAGRAPHS + 1:
                break
            if m.label not in labels or (subject_only and not m.is_subject):
                continue
            if organisation and self._typed_otherwise(m):
                continue
            if m.label == "NORP" and _is_modifier(token.doc, m):
                continue  # "the deportation of Palestinian refugees": an adjective names no speaker
            if self._has_gender(m.name, gender, known):
                return m
        return None

    def _typed_otherwise(self, mention: _Mention) -> bool:
        """Whether the entity stage typed the mention as something else than a group (the White
        House as a building, a name as a person)."""
        entity = entity_at(self.entities, mention.start, mention.end) if self.entities else None
        return entity is not None and entity.type not in GROUP_LABELS

    def _person_named(self, words: list[str]) -> str | None:
        """The most mentioned person whose canonical name contains all ``words``."""
        if not words:
            return None
        names = [n for n in self.salience if set(words) <= set(n.split())]
        return max(names, key=lambda n: self.salience[n]) if names else None

    def _resolve_pronoun(self, pronoun: Token, recent: list[RecentSpeaker]) -> str | None:
        lower = pronoun.lower_
        if lower in FIRST_PERSON:
            return None
        wants_person = lower in PERSON_PRONOUNS
        gender = PRONOUN_GENDER.get(lower)

        def fits(name: str) -> bool:
            return self._has_gender(name, gender, known=False)

        sent_start = self.sentences.around(pronoun.idx)[0]
        before = self.mentions[: bisect.bisect_left(self.starts, pronoun.idx)]
        # A name earlier in the same sentence ("Smith, who … , said she …") wins.
        for m in reversed(before):
            if m.start < sent_start:
                break
            if (m.label == "PERSON") == wants_person and m.is_subject and fits(m.name):
                return m.name
        if wants_person:
            described = self._role_subject_before(pronoun, sent_start, gender)
            if described is not None:  # "the director laughed. “Never,” he said.": the director
                name = self.resolve(described, recent)
                if name is None or fits(name):
                    return name or self.phrase(described).text
        if lower == "they":
            group = self._plural_subject_before(pronoun, sent_start)
            if group is not None:  # "members complained about what they said": the members
                return self.resolve(group, recent) or self.phrase(group).text
        labels = {"PERSON"} if wants_person else GROUP_LABELS
        # Someone known to be "she" beats someone whose gender the article never showed; someone
        # known to be "he" is never "she".
        for known in (True, False) if gender else (False,):
            found = (self._recent_speaker(pronoun, recent, wants_person, gender, known)
                     or self._recent_mention(pronoun, labels, gender, subject_only=True, known=known)
                     or self._recent_mention(pronoun, labels, gender, known=known))
            if found and fits(found):
                return found
        if wants_person:  # far from any name: the person the article is most about so far
            return self._most_mentioned_before(pronoun.idx, fits)
        return None

    def _role_subject_before(self, pronoun: Token, sent_start: int, gender: str | None) -> Token | None:
        """A definite singular person noun ("the director") that is the main subject of the sentence
        just before the pronoun's, in its paragraph, with no name between them and no clash with
        the pronoun's gender ("the mother … he said" is someone else)."""
        if sent_start <= 0 or self.paragraph_of(sent_start - 1) != self.paragraph_of(pronoun.idx):
            return None
        previous_start = self.sentences.around(sent_start - 1)[0]
        if self.mentions[bisect.bisect_left(self.starts, previous_start) : bisect.bisect_left(self.starts, pronoun.idx)]:
            return None
        for tok in self.doc[max(0, pronoun.i - 60) : pronoun.i]:
            if (previous_start <= tok.idx < sent_start and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT"
                    and tok.pos_ == "NOUN" and tok.tag_ == "NN" and self._is_definite(tok)):
                role = self._role_word(tok)
                said = self.lexicon.role_gender.get(role)
                if role in self.lexicon.roles and not (gender and said and said != gender):
                    return tok
                return None
        return None

    def _plural_subject_before(self, pronoun: Token, sent_start: int) -> Token | None:
        """The nearest plural common noun that is a subject earlier in the pronoun's sentence."""
        for tok in reversed(self.doc[max(0, pronoun.i - 40) : pronoun.i]):
            if tok.idx < sent_start:
                break
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NNS" and tok.pos_ == "NOUN":
                return tok
        return None

    def _most_mentioned_before(self, pos: int, fits: Callable[[str], bool] = lambda _name: True) -> str | None:
        """The person named most often before ``pos``: a speaker is never someone introduced later."""
        counts = Counter(m.name for m in self.mentions[: bisect.bisect_left(self.starts, pos)]
                         if m.label == "PERSON" and fits(m.name))
        return counts.most_common(1)[0][0] if counts else None

    def _resolve_role(self, role: Token, recent: list[RecentSpeaker]) -> str | None:
        """'the US president': a holder of the role with the same modifiers; failing that, when the
        description names a country, the most talked-about person not holding it elsewhere."""
        lemma = self._role_word(role)
        modifiers = self._modifiers(role)
        holders = self.roles.get(lemma, [])
        exact = [name for name, mods in holders if mods == modifiers]
        if exact:
            return max(exact, key=lambda n: self.salience[n])
        if not modifiers and holders:
            return max((n for n, _ in holders), key=lambda n: self.salience[n])
        if any(c.ent_type_ in ("GPE", "NORP") for c in role.children):
            taken = {name for name, mods in holders if mods and mods != modifiers}
            candidates = [(count, name) for name, count in self.salience.items() if name not in taken]
            return max(candidates)[1] if candidates else None
        if not self._is_definite(role):
            return None  # "a spokesperson said": someone unnamed
        if any(c.dep_ == "poss" for c in role.children):
            return None  # "the prime minister's spokesman", "his lawyer": someone else than the one named
        # "the 26-year-old forward said": the person the passage is about
        return (self._recent_speaker(role, recent, True)
                or self._recent_mention(role, {"PERSON"}, None, subject_only=True)
                or self._most_mentioned_before(role.idx))

    def _nearest_person(self, token: Token, recent: list[RecentSpeaker]) -> str | None:
        """The person last spoken of before ``token``: the latest quoted person or the latest person
        named as a subject (within a couple of paragraphs), whichever comes later."""
        speaker = self._latest_speaker(token, recent, True)
        subject = self._latest_mention(token, {"PERSON"}, None, subject_only=True)
        if subject is not None and (speaker is None or subject.start > speaker.end):
            return subject.name
        return speaker.name if speaker is not None else None


def _is_modifier(doc, mention: _Mention) -> bool:
    """Whether the mention is an adjective or compound modifying a noun ("Palestinian refugees")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("amod", "compound") and span.root.head.pos_ in ("NOUN", "PROPN")
