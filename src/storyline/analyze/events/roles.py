"""An event's roles from the dependency parse: participants, theme (what is supplied, released…)
and place."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import EventLexicon
from .names import FIRST_PERSON, PLACE_TYPES, Name, NameResolver
from .triggers import Candidate

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Links a subjectless verb climbs to borrow a subject ("we have no choice but to go in and kill them").
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "prep", "dobj"})
OBJECT_DEPS = frozenset({"dobj", "dative"})
PARTICIPANT_PREPS = frozenset({"with", "between", "among", "to", "against", "by", "on"})
PLACE_PREPS = frozenset({"in", "at"})
# Types whose object places are where they happen ("visited China", "the quake hit Mexico").
TRAVEL_TYPES = frozenset({"visit", "disaster"})
THEME_PRONOUNS = frozenset({"them", "it", "they"})


@dataclass
class Roles:
    participants: list[Name] = field(default_factory=list)
    objects: list[Name] = field(default_factory=list)  # the participants that are objects
    theme: str | None = None
    theme_kinds: set[str] = field(default_factory=set)
    place: Name | None = None
    has_object: bool = False  # some object word, named or not ("charged the former chief")


class RoleFinder:
    """Fills roles for the candidates of one doc; remembers groups named so far ("the pair")."""

    def __init__(self, resolver: NameResolver, lexicon: EventLexicon):
        self.resolver = resolver
        self.lexicon = lexicon
        self.groups: list[tuple[int, list[Name]]] = []  # (token index, names) in document order
        self.themes: list[tuple[int, str, set[str]]] = []  # themes seen so far, for "supply them"
        self.weapons = set(lexicon.weapons)

    def learn_doc(self, doc) -> None:
        """Collect coordinated names ("Putin and Trump") and the doc's weapon names ("X missiles")."""
        for token in doc:
            if any(child.dep_ == "conj" for child in token.children) and token.dep_ != "conj":
                names = self.names_of(token, source=None)
                if len(names) >= 2:
                    self.groups.append((token.i, names))
            if token.dep_ == "compound" and token.head.lemma_.lower() in self.lexicon.weapons:
                self.weapons.add(token.lemma_.lower())
        self.groups.sort(key=lambda group: group[0])

    def remember(self, position: int, names: list[Name]) -> None:
        if len(names) >= 2:
            self.groups.append((position, names))
            self.groups.sort(key=lambda group: group[0])

    def roles(self, candidate: Candidate, source: Name | None) -> Roles:
        token = candidate.token
        roles = Roles()
        subjects, objects, themes, places = self._slots(candidate)
        roles.has_object = bool(objects)
        for slot, is_object in ((subjects, False), (objects, True)):
            for word in slot:
                if is_object and self._theme_kinds(word):
                    themes.append(word)
                    continue
                names = self.names_of(word, source)
                if not names and word.pos_ in ("NOUN", "PRON") and word.lower_ not in THEME_PRONOUNS | FIRST_PERSON:
                    continue
                if not names and is_object:
                    themes.append(word)
                for name in names:
                    if name not in roles.participants:
                        roles.participants.append(name)
                        if is_object:
                            roles.objects.append(name)
        for word in themes:
            kinds = self._theme_kinds(word)
            if kinds:
                roles.theme = roles.theme or self._theme_text(word)
                roles.theme_kinds |= kinds
        if roles.theme and roles.theme_kinds:
            self.themes.append((token.i, roles.theme, roles.theme_kinds))
        for word in places:
            place = self._place_of(word)
            if place:
                roles.place = place
                break
        if any(rule.type in TRAVEL_TYPES for rule in candidate.rules):
            self._travel_places(roles)
        return roles

    # ---------------------------------------------------------------- slots

    def _slots(self, candidate: Candidate):
        token = candidate.token
        subjects: list = []
        objects: list = []
        themes: list = []
        places: list = []
        if candidate.is_noun:
            for child in token.children:
                if child.dep_ == "poss":
                    subjects.append(child)
                elif child.dep_ in ("compound", "nmod") and child.i < token.i:
                    subjects.extend(_hyphen_parts(child))
                    themes.append(child)
                elif child.dep_ == "prep":
                    self._prep(child, objects, themes, places)
            if candidate.governor is not None and candidate.support:
                subjects.extend(_subjects(candidate.governor))
                for child in candidate.governor.children:
                    if child.dep_ == "dobj" and child.i != token.i and token.dep_ in ("nsubj", "nsubjpass"):
                        objects.extend(_conjuncts(child))  # "the quake hit central Mexico"
                    if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | PARTICIPANT_PREPS:
                        self._prep(child, objects, themes, places)
                    elif child.dep_ == "dative":
                        objects.append(child)
        else:
            found = _subjects(token)
            if any(c.dep_ == "auxpass" for c in token.children):
                # "the hostages were released", "tanks, missiles and drones were supplied": a
                # passive's subjects are what the event is done to; who did it is the by-agent below
                done_to = [w for c in token.children if c.dep_ == "nsubjpass" for w in _conjuncts(c)]
                objects.extend(done_to)
                found = [w for w in found if w not in done_to]
            subjects.extend(found)
            for child in token.children:
                if child.dep_ in OBJECT_DEPS:
                    objects.extend(_conjuncts(child))
                    # "arrested the minister in Paris": the place often hangs on the object
                    places.extend(c for p in child.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS
                                  for c in p.children if c.dep_ == "pobj")
                elif child.dep_ == "agent":
                    subjects.extend(w for c in child.children if c.dep_ == "pobj" for w in _conjuncts(c))
                elif child.dep_ == "prep":
                    self._prep(child, objects, themes, places)
            places.extend(_copula_places(token))
        return subjects, objects, themes, places

    def _prep(self, prep, objects: list, themes: list, places: list) -> None:
        word = prep.lower_
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if _collective_phrase(obj, self.lexicon):
                objects.append(obj)
            elif word in PLACE_PREPS:
                places.append(obj)
            elif word in PARTICIPANT_PREPS or word == "of":
                objects.extend(_conjuncts(obj))
            elif word in ("for", "about"):
                themes.append(obj)

    # ---------------------------------------------------------------- names

    def names_of(self, word, source: Name | None) -> list[Name]:
        lower = word.lower_
        if lower in FIRST_PERSON and word.pos_ == "PRON":
            return [source] if source else []
        kind = self.lexicon.collectives.get(lower) or self.lexicon.collectives.get(_phrase_key(word))
        resolved = self.resolver.name(word) if word.pos_ == "PRON" else None
        if resolved:
            return [resolved]  # the entities stage linked "them" to Hamas
        if kind:
            return self._group_before(word.i, persons_only=kind == "PERSON")
        names: list[Name] = []
        for part in _conjuncts(word) + _coordinated_modifiers(word):
            for name in self.resolver.phrase_names(part):
                if name not in names and not self._is_weapon(name.text):
                    names.append(name)  # "Tomahawks" is what is supplied, not who takes part
        return names

    def _is_weapon(self, text: str) -> bool:
        lower = text.lower()
        return lower in self.weapons or lower.removesuffix("s") in self.weapons

    def _group_before(self, position: int, persons_only: bool) -> list[Name]:
        """The group a plural stands for. "They", "both sides": the latest group. "The pair", "the
        two leaders": the pair of people named most often so far, the latest on a tie (the
        article's main pair beats a pair named once in passing)."""
        seen: dict[frozenset[Name], tuple[int, int, list[Name]]] = {}
        for start, names in self.groups:
            if start >= position or (persons_only and any(name.type != "PERSON" for name in names)):
                continue
            key = frozenset(names)
            count = seen[key][0] + 1 if key in seen and persons_only else 1
            seen[key] = (count, start, list(names))
        if not seen:
            return []
        return max(seen.values(), key=lambda item: (item[0], item[1]))[2]

    def _place_of(self, word) -> Name | None:
        for part in (word, *(c for c in word.children if c.dep_ == "appos")):
            name = self.resolver.name(part)
            if name and name.type in PLACE_TYPES:
                return name
        name = self.resolver.name(word)
        if name and name.type == "ORG" and word.pos_ == "PROPN" and word.head.lower_ in ("at", "in"):
            return name
        for prep in word.children:  # "at the summit in Kazan"
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                for obj in prep.children:
                    found = self.resolver.name(obj) if obj.dep_ == "pobj" else None
                    if found and found.type in PLACE_TYPES:
                        return found
        return None

    def _travel_places(self, roles: Roles) -> None:
        """A visit's destination country is its place, not a participant."""
        for name in list(roles.objects):
            if name.type in PLACE_TYPES:
                roles.objects.remove(name)
                roles.participants.remove(name)
                roles.place = roles.place or name

    # ---------------------------------------------------------------- themes

    def _theme_kinds(self, word) -> set[str]:
        if word.lower_ in THEME_PRONOUNS:
            for position, _, kinds in reversed(self.themes):
                if position < word.i and word.i - position < 120:
                    return set(kinds)
            return self._recent_weapon(word)
        lemmas = {word.lemma_.lower(), word.lower_, word.lower_.removesuffix("s")} | {
            child.lemma_.lower() for child in word.children if child.dep_ in ("compound", "amod")
        }
        kinds = set()
        if lemmas & self.weapons:
            kinds.add("weapon")
        if lemmas & self.lexicon.aid:
            kinds.add("aid")
        if lemmas & self.lexicon.agreement_nouns:
            kinds.add("agreement")
        if lemmas & self.lexicon.captives:
            kinds.add("person")
        return kinds

    def _theme_text(self, word) -> str:
        """A theme's words; for "them", the theme it stands for ("supply them" → "Tomahawks")."""
        if word.lower_ in THEME_PRONOUNS:
            for position, text, _ in reversed(self.themes):
                if position < word.i and word.i - position < 120:
                    return text
        return _phrase_text(word)

    def _recent_weapon(self, word) -> set[str]:
        """"Supply them": a pronoun theme is a weapon when a weapon was just named."""
        start = max(word.sent.start - 60, 0)
        for token in word.doc[start:word.i]:
            if token.lemma_.lower() in self.weapons or token.lower_ in self.weapons:
                return {"weapon"}
        return set()


def _subjects(verb) -> list:
    """The subjects of a verb, borrowed from the governing verb for infinitives and conjuncts."""
    seen = 0
    while seen < 6:
        found = [w for c in verb.children if c.dep_ in SUBJECT_DEPS for w in _conjuncts(c)]
        if found:
            return found
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [verb.head]
        if verb.dep_ in CONTROL_DEPS and verb.head != verb:
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def _coordinated_modifiers(word) -> list:
    """"Trump and Ukraine's Zelensky" is often parsed with "Trump" as a modifier of "Zelensky"."""
    return [child for child in word.children
            if child.dep_ in ("nmod", "compound") and any(c.dep_ == "cc" for c in child.children)]


def _conjuncts(word) -> list:
    """A word and the words coordinated with it ("Putin and Trump")."""
    found = [word]
    for child in word.children:
        if child.dep_ == "conj":
            found.extend(_conjuncts(child))
    return found


def _hyphen_parts(word) -> list:
    """The names in a hyphenated modifier ("Trump-Zelensky talks") or a plain compound."""
    parts = [word]
    parts.extend(c for c in word.subtree if c != word and c.dep_ in ("compound", "nmod", "conj")
                 and c.pos_ == "PROPN")
    return parts


def _phrase_key(word) -> str:
    """"The two leaders" → "the two leaders": the head with its determiners and numbers."""
    return " ".join(t.lower_ for t in word.subtree if t.dep_ in ("det", "nummod", "predet") or t == word)


def _collective_phrase(word, lexicon: EventLexicon) -> bool:
    return _phrase_key(word) in lexicon.collectives


def _copula_places(verb) -> list:
    """"The last time they met was in Alaska": a relative clause's place sits on the copula."""
    head = verb.head
    if verb.dep_ == "relcl" and head.dep_ == "nsubj" and head.head.lemma_ == "be":
        return [c for p in head.head.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS
                for c in p.children if c.dep_ == "pobj"]
    return []


def _phrase_text(word) -> str:
    """A noun with its modifiers before it and the nouns joined to it ("long-range Tomahawk
    missiles", "hostages and prisoners")."""
    start = min([word.i] + [c.left_edge.i for c in word.lefts if c.dep_ in ("compound", "amod", "nummod", "nmod")])
    end = max([word.i] + [c.i for c in word.children if c.dep_ == "conj" and c.pos_ == word.pos_])
    return word.doc[start: end + 1].text
