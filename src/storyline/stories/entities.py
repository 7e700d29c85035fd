"""Cross-document entities, precision first: per-article entities merge on the same full name
(spelling, accents, transliteration: :func:`storyline.names.name_key`, and first-name or surname
spelling variants), or through a short alias ("BA", "Blair", "T. Blair") that an article ties to
exactly one full name. A short alias never links two different full names, and merges respect
cannot-link constraints, so no chain of aliases joins two names. Two people who share only a
surname are never merged. Every merge keeps its evidence for ``storyline entities --explain NAME``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .. import lexicons
from ..model import CrossEntity, Entity
from ..names import name_key

SAME_FIRST_NAME = 85  # rapidfuzz ratio: "Volodomyr" ~ "Volodymyr", not "Tony" ~ "Cherie"
SAME_SURNAME = 85  # "Zelensky" ~ "Zelenskyy" ~ "Zelenskiy", not "Blair" ~ "Blain"
SAME_NAME = 92  # whole-name ratio for organisations and places ("Organisation" ~ "Organization")
COMPATIBLE_TYPES = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass
class Member:
    """One per-article entity taking part in a cross-document entity."""

    article_id: str
    entity: Entity
    names: frozenset[str]  # the names of every entity in the same article (one set shared by them all)

    @property
    def context(self) -> frozenset[str]:
        """The names of the other entities in the same article, and this one's roles ("role: minister")."""
        roles = {f"role: {normalise(role)}" for role in self.entity.roles}
        return (self.names - {normalise(self.entity.name)}) | roles


def normalise(name: str) -> str:
    """A name's comparable key (:func:`storyline.names.name_key`): "The U.N." → "un"."""
    return name_key(name)


def _kind(entity_type: str) -> str:
    return COMPATIBLE_TYPES.get(entity_type, entity_type)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in normalise(name).split() if w not in {"of", "and", "for", "de"})


def _names(entity: Entity) -> set[str]:
    return {n for n in (normalise(x) for x in [entity.name, *entity.aliases]) if n}


def person_match(a: str, b: str) -> tuple[str, float] | None:
    """Why two normalised person names are one person and how strongly, or None; never on a shared
    surname alone. A lone name, or a surname spelled differently, needs shared context as well."""
    if a == b:
        return ("same name", 1.0) if " " in a else ("same single name", 0.6)
    if " " not in a or " " not in b:
        return None
    first_a, *_, last_a = a.split()
    first_b, *_, last_b = b.split()
    if last_a != last_b:
        # one spelling variant at a time: "Volodymyr Zelensky" ~ "Volodymyr Zelenskyy", never two
        surname_ratio = fuzz.ratio(last_a, last_b)
        if first_a == first_b and len(first_a) > 1 and surname_ratio >= SAME_SURNAME:
            return f"same first name, surnames spelled alike ({last_a}/{last_b}, {surname_ratio:.0f}%)", 0.7
        return None
    if len(first_a) == 1 or len(first_b) == 1:
        return ("same surname, matching initial", 1.0) if first_a[0] == first_b[0] else None
    ratio = fuzz.ratio(first_a, first_b)
    if ratio >= SAME_FIRST_NAME:
        return f"same surname, first names spelled alike ({first_a}/{first_b}, {ratio:.0f}%)", 1.0
    return None


class _UnionFind:
    """Disjoint sets that also list each set's members (for the person-conflict check)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        keep, gone = sorted((self.find(i), self.find(j)))
        self.parent[gone] = keep
        self.members[keep] += self.members.pop(gone)



def full_names_match(kind: str, a: str, b: str) -> tuple[str, float] | None:
    """Why two full names (name keys) name one entity — the same name, or a spelling variant of it."""
    if a == b:
        return "same name", 1.0
    if kind == "PERSON":
        match = person_match(a, b)
        return match if match and "initial" not in match[0] else None
    ratio = fuzz.ratio(a, b)
    if ratio >= SAME_NAME and len(a.split()) == len(b.split()):
        return f"names spelled alike ({ratio:.0f}%)", 0.8
    return None


MIN_STRENGTH_ALONE = 0.8  # weaker name evidence needs a co-mentioned name or a role in common as well
MAX_BLOCK = 50  # distinct full names compared for spelling variants within one block (cost stays linear)
MAX_EVIDENCE = 50  # merges kept as evidence per cross-document entity
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$|^[A-Z][A-Z0-9&.]{1,5}$")


def is_short_alias(entity_type: str, name: str) -> bool:
    """A name that cannot identify an entity on its own: an acronym ("BA", "U.N.", "DC"), an initial
    with a surname ("T. Blair"), or a person's single name ("Blair")."""
    key = normalise(name)
    if not key:
        return True
    if _ACRONYM.match(name.replace(" ", "")):
        return True
    if entity_type == "PERSON":
        words = key.split()
        return len(words) < 2 or len(words[0]) == 1
    return False


def _full_key(member: Member) -> str | None:
    """The member's full name as a key: its own name, or for an acronym the expansion its article gives."""
    entity = member.entity
    if not is_short_alias(entity.type, entity.name):
        return normalise(entity.name)
    letters = normalise(entity.name).replace(" ", "")
    expansions = [normalise(a) for a in entity.aliases
                  if not is_short_alias(entity.type, a) and _acronym(a) == letters]
    return expansions[0] if expansions else None


def _tied_aliases(member: Member) -> set[str]:
    """The short names the member's article ties to its full name (its acronym, the surname after it)."""
    names = [member.entity.name, *member.entity.aliases]
    return {normalise(n) for n in names if is_short_alias(member.entity.type, n) and normalise(n)}


def _variant_blocks(keys: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Distinct (kind, full name) keys grouped by a cheap key: the surname, or the name's first letters."""
    blocks: dict[str, list[tuple[str, str]]] = {}
    for kind, key in keys:
        words = key.split()
        cheap = [f"{kind}|last:{words[-1]}", f"{kind}|first:{words[0]}"] if kind == "PERSON" else [f"{kind}|{key[:4]}"]
        for block in cheap:
            blocks.setdefault(block, []).append((kind, key))
    return blocks


def link_entities(articles: list[tuple[str, list[Entity]]]) -> list[CrossEntity]:
    """Cross-document entities over (article id, entities) pairs, each merge with its evidence.

    Precision first: entities link on the same full name (spelling, accents and transliteration
    allowed) or through a short alias that some article ties to exactly one full name, and no
    merge ever puts two different full names in one entity (cannot-link), so an alias chain
    ("BA": British Airways, Bush Administration) joins nothing.
    """
    members = [Member(article_id, entity, frozenset())
               for article_id, entities in articles for entity in entities]
    names_by_article: dict[str, frozenset[str]] = {}
    for article_id, entities in articles:
        names_by_article[article_id] = frozenset(normalise(e.name) for e in entities)
    for member in members:
        member.names = names_by_article[member.article_id]
    union = _UnionFind(len(members))
    evidence: list[tuple[int, int, dict]] = []
    full = {i: (_kind(m.entity.type), key) for i, m in enumerate(members) if (key := _full_key(m))}
    first_with: dict[tuple[str, str], int] = {}
    with_key: dict[tuple[str, str], list[int]] = {}
    for i, key in full.items():  # 1. the same full name
        with_key.setdefault(key, []).append(i)
        if key in first_with:
            _join(union, evidence, members, first_with[key], i, ("same name", 1.0))
        else:
            first_with[key] = i
    names_of = {union.find(i): {key} for key, i in first_with.items()}
    for block in _variant_blocks(list(first_with)).values():  # 2. spelling variants, never two names
        if len(block) > MAX_BLOCK:
            continue
        for x, a in enumerate(block):
            for b in block[x + 1:]:
                root_a, root_b = union.find(first_with[a]), union.find(first_with[b])
                match = full_names_match(a[0], a[1], b[1])
                if match is None or root_a == root_b:
                    continue
                if match[1] < MIN_STRENGTH_ALONE and not _context(with_key[a], members) & _context(with_key[b], members):
                    continue  # a weaker variant (a surname spelled otherwise) needs a name or role in common
                if any(full_names_match(a[0], n[1], m[1]) is None for n in names_of[root_a] for m in names_of[root_b]):
                    continue  # cannot-link: some name of one is not a variant of some name of the other
                _join(union, evidence, members, first_with[a], first_with[b], match)
                names_of[union.find(root_a)] = names_of.pop(root_a) | names_of.pop(root_b)
    _attach_short_aliases(members, full, union, evidence)  # 3. aliases tied to one full name
    return _build(members, union, evidence)


CONTEXT_MEMBERS = 50  # an entity's context is read from this many of its articles


def _context(indexes: list[int], members: list[Member]) -> frozenset[str]:
    """The names and roles around some of an entity's mentions (its first CONTEXT_MEMBERS articles)."""
    return frozenset().union(*(members[i].context for i in indexes[:CONTEXT_MEMBERS]))


def _join(union: _UnionFind, evidence: list, members: list[Member], i: int, j: int, match: tuple[str, float]) -> None:
    a, b = members[i], members[j]
    union.union(i, j)
    evidence.append((i, j, {"names": [a.entity.name, b.entity.name], "articles": [a.article_id, b.article_id],
                            "reason": match[0], "strength": match[1],
                            "shared_context": sorted(a.context & b.context)[:5]}))


def _attach_short_aliases(members: list[Member], full: dict[int, tuple[str, str]], union: _UnionFind,
                          evidence: list) -> None:
    """A member named only by a short alias joins the one entity whose articles tie that alias to its
    full name; an alias tied to two full names ("BA") is ambiguous and joins nothing. A one-word
    alias needs a name or role in common with that entity as well."""
    tied: dict[tuple[str, str], set[int]] = {}
    tied_by: dict[tuple[str, str, int], int] = {}
    for i, member in enumerate(members):
        if i not in full:
            continue
        root = union.find(i)
        for alias in _tied_aliases(member):
            tied.setdefault((full[i][0], alias), set()).add(root)
            tied_by.setdefault((full[i][0], alias, root), i)
    in_root: dict[int, list[int]] = {}
    for i in full:
        in_root.setdefault(union.find(i), []).append(i)
    context: dict[int, frozenset[str]] = {}
    for i, member in enumerate(members):
        if i in full:
            continue
        kind, alias = _kind(member.entity.type), normalise(member.entity.name)
        roots = tied.get((kind, alias), set())
        if len(roots) != 1:
            continue
        (root,) = roots
        if root not in context:
            context[root] = _context(in_root.get(root, []), members)
        shared = sorted(member.context & context[root])
        if " " not in alias and not shared:
            continue
        source = tied_by[(kind, alias, root)]
        union.union(root, i)
        a = members[source]
        evidence.append((source, i, {
            "names": [a.entity.name, member.entity.name], "articles": [a.article_id, member.article_id],
            "reason": f"alias '{member.entity.name}' tied to {a.entity.name} in {a.article_id}",
            "strength": 0.8, "shared_context": shared[:5]}))


def _build(members: list[Member], union: _UnionFind, evidence: list[tuple[int, int, dict]]) -> list[CrossEntity]:
    groups = union.members
    why: dict[int, list[dict]] = {}
    for i, _j, item in evidence:
        kept = why.setdefault(union.find(i), [])
        if len(kept) < MAX_EVIDENCE:
            kept.append(item)
    out = []
    for root, indexes in groups.items():
        group = [members[i] for i in sorted(indexes)]
        name = _canonical_name(group)
        aliases = sorted({n for m in group for n in [m.entity.name, *m.entity.aliases] if not _not_a_name(n)} - {name})
        roles = sorted({r for m in group for r in m.entity.roles})
        article_ids = sorted({m.article_id for m in group})
        entity_type = max((m.entity.type for m in group), key=[m.entity.type for m in group].count)
        key = "|".join(sorted(f"{m.article_id}/{m.entity.id}" for m in group))
        out.append(CrossEntity(
            id=f"{entity_type}:{hashlib.sha1(key.encode()).hexdigest()[:12]}", name=name, type=entity_type,
            aliases=aliases, roles=roles, article_ids=article_ids,
            members=[{"article_id": m.article_id, "entity_id": m.entity.id, "name": m.entity.name,
                      "mentions": len(m.entity.mentions)} for m in group],
            evidence=why.get(root, [])))
    out.sort(key=lambda e: (-len(e.article_ids), e.name))
    return out


def _not_a_name(alias: str) -> bool:
    """An alias made only of words that are no name ("Us", "President"), unless written in capitals."""
    words = set(normalise(alias).split())
    return not alias.isupper() and (not words or words <= _no_names())


@lru_cache(maxsize=1)
def _no_names() -> frozenset[str]:
    return lexicons.words("stories_name_stopwords.txt")


def _canonical_name(group: list[Member]) -> str:
    """The name most articles use; ties go to a name without a leading "the", then the fuller one."""
    counts: dict[str, int] = {}
    for member in group:
        counts[member.entity.name] = counts.get(member.entity.name, 0) + 1
    return max(sorted(counts), key=lambda n: (counts[n], not n.lower().startswith("the "), len(n)))


def explain(entities: list[dict], name: str) -> list[dict]:
    """The cross-document entities named (or aliased) ``name``, for ``storyline entities --explain``."""
    wanted = normalise(name)
    exact = [e for e in entities if wanted in {normalise(n) for n in [e["name"], *e.get("aliases", [])]}]
    if exact or not wanted:
        return exact
    words = set(wanted.split())  # "George Bush" finds "George W. Bush"
    return [e for e in entities
            if any(words <= set(normalise(n).split()) for n in [e["name"], *e.get("aliases", [])])]
