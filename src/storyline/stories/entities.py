"""Cross-document entities: merge per-article entities whose names are variants of one another.

Merges are made only on name evidence that a reader can check (same name, a shared alias, a
spelling variant of the first name with the same surname, an initial, an acronym) and, for the
weaker kinds, shared context (co-mentioned entities). Two people who share only a surname are
never merged. Every merge keeps its evidence, so ``storyline entities --explain NAME`` can show it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Entity
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
    context: frozenset[str]  # names of the other entities in the same article, and this one's roles


@dataclass
class CrossEntity:
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    article_ids: list[str]
    members: list[dict]
    evidence: list[dict] = field(default_factory=list)

    def to_row(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
                "roles": self.roles, "article_ids": self.article_ids, "members": self.members,
                "evidence": self.evidence, "mentions": sum(m["mentions"] for m in self.members)}


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


def name_match(a: Entity, b: Entity) -> tuple[str, float] | None:
    """Name evidence that ``a`` and ``b`` (per-article entities) are the same: (reason, strength)."""
    if _kind(a.type) != _kind(b.type):
        return None
    names_a, names_b = _names(a), _names(b)
    canonical_a, canonical_b = normalise(a.name), normalise(b.name)
    if a.type == "PERSON":
        match = person_match(canonical_a, canonical_b)
        if match:
            return match
        shared = {n for n in names_a & names_b if " " in n}  # a full name, never a bare surname
        return (f"shared alias '{sorted(shared)[0]}'", 0.9) if shared else None
    if canonical_a == canonical_b:
        return "same name", 1.0
    shared = names_a & names_b
    if shared:
        return f"shared alias '{sorted(shared)[0]}'", 0.9
    for short, long in ((canonical_a, b.name), (canonical_b, a.name)):
        if len(short) >= 2 and " " not in short and short == _acronym(long) and len(long.split()) > 1:
            return f"acronym {short.upper()} of {long}", 0.6
    ratio = fuzz.ratio(canonical_a, canonical_b)
    if ratio >= SAME_NAME:
        return f"names spelled alike ({ratio:.0f}%)", 0.8
    return None


MIN_STRENGTH_ALONE = 0.8  # weaker name evidence (acronyms) needs a co-mentioned entity as well


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


def _blocking_keys(entity: Entity) -> set[str]:
    """Cheap keys so that only plausible pairs are compared: last name words and acronyms."""
    keys = set()
    for name in _names(entity):
        words = name.split()
        keys.add(f"last:{words[-1]}")
        keys.add(f"first-last:{words[0]} {words[-1][:3]}")  # surname spelling variants
        keys.add(f"acr:{''.join(w[0] for w in words)}")
        if len(words) == 1:
            keys.add(f"acr:{words[0]}")
    return keys


def _persons_conflict(group: list[int], other: list[int], members: list[Member]) -> bool:
    """Two person groups conflict when any of their full names differ in the first name."""
    for i in group:
        for j in other:
            a, b = normalise(members[i].entity.name), normalise(members[j].entity.name)
            if " " in a and " " in b and person_match(a, b) is None:
                return True
    return False


def link_entities(articles: list[tuple[str, list[Entity]]]) -> list[CrossEntity]:
    """Cross-document entities over (article id, entities) pairs, each merge with its evidence."""
    members = [Member(article_id, entity, frozenset())
               for article_id, entities in articles for entity in entities]
    names_by_article: dict[str, set[str]] = {}
    for member in members:
        names_by_article.setdefault(member.article_id, set()).add(normalise(member.entity.name))
    for member in members:
        own = normalise(member.entity.name)
        roles = {f"role: {normalise(role)}" for role in member.entity.roles}  # "role: foreign minister"
        member.context = frozenset((names_by_article[member.article_id] - {own}) | roles)
    blocks: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        for key in _blocking_keys(member.entity):
            blocks.setdefault(key, []).append(i)
    pairs = sorted({(i, j) for block in blocks.values() for x, i in enumerate(block) for j in block[x + 1 :]
                    if members[i].article_id != members[j].article_id})
    union = _UnionFind(len(members))
    evidence: list[tuple[int, int, dict]] = []
    for i, j in pairs:
        a, b = members[i], members[j]
        match = name_match(a.entity, b.entity)
        if match is None:
            continue
        reason, strength = match
        shared_context = sorted(a.context & b.context)
        if strength < MIN_STRENGTH_ALONE and not shared_context:
            continue
        root_i, root_j = union.find(i), union.find(j)
        if root_i == root_j:
            continue
        if a.entity.type == "PERSON" and _persons_conflict(union.members[root_i], union.members[root_j],
                                                            members):
            continue
        union.union(i, j)
        evidence.append((i, j, {"names": [a.entity.name, b.entity.name], "articles": [a.article_id, b.article_id],
                                "reason": reason, "strength": strength, "shared_context": shared_context[:5]}))
    return _build(members, union, evidence)


def _build(members: list[Member], union: _UnionFind, evidence: list[tuple[int, int, dict]]) -> list[CrossEntity]:
    groups = union.members
    why: dict[int, list[dict]] = {}
    for i, _j, item in evidence:
        why.setdefault(union.find(i), []).append(item)
    out = []
    for root, indexes in groups.items():
        group = [members[i] for i in sorted(indexes)]
        name = _canonical_name(group)
        aliases = sorted({n for m in group for n in [m.entity.name, *m.entity.aliases]} - {name})
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
