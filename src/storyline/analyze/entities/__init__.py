"""Entity mentions, in-article clusters, canonical names and roles (the ``entities`` stage).

Steps: names (spaCy NER corrected by rules) → awards, works, flights and page labels dropped, streets
and publishers retyped (``kinds``) → titles and appositions → clusters of names → role nouns and
big cities the model took for people or organisations made places (``places``) → role nouns and pronouns
resolved where the antecedent is clear and of a compatible kind → :class:`Entity` records.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ...model import Entity, Evidence, Mention
from .clusters import Cluster, Clusterer
from .kinds import sort_out_things
from .lexicon import Lexicon, lexicon
from .mentions import Candidate, name_mentions, pronoun_mentions, role_alias_mentions
from .orgs import retype_organisations
from .people import people_called_organisations
from .places import places_called_people
from .resolve import Resolver
from .roles import attach_roles, definite_descriptions, name_qualifiers, org_descriptions

_CONFIDENCE = {"name": 0.9, "title": 0.95, "role": 0.7, "pronoun": 0.6}


def _tokens(candidates: list[Candidate]) -> set[int]:
    return {i for c in candidates for i in range(c.start, c.end)}


def extract_entities(doc: Doc) -> list[Entity]:
    """The entities of a parsed ``doc``; mention offsets index ``doc.text``."""
    lex = lexicon()
    names = sort_out_things(doc, lex, name_mentions(doc, lex))
    names += retype_organisations(doc, lex, names)
    names.sort(key=lambda c: c.start)
    people_called_organisations(doc, lex, names)
    roles = attach_roles(doc, lex, names)
    roles += org_descriptions(doc, lex, names)
    name_qualifiers(doc, lex, names)
    clusterer = Clusterer(doc, lex)
    clusterer.add_names(names)
    names += clusterer.propagate(_tokens(names) | _tokens(roles))
    places_called_people(doc, lex, clusterer)  # before pronouns, which would take "visit Kyiv. He …" for Kyiv
    resolver = Resolver(doc, clusterer)
    resolver.resolve_linked(roles)
    covered = _tokens(names) | _tokens(roles)
    pending = [r for r in roles if r.cluster is None]
    pending += role_alias_mentions(doc, lex, covered)
    pending += definite_descriptions(doc, lex, covered)
    pending += pronoun_mentions(doc, lex, covered)
    resolver.resolve_in_order(pending, names + roles)
    clusters = sorted(clusterer.clusters, key=lambda cl: min(m.start for m in cl.members))
    entities = [_entity(doc, lex, cluster) for cluster in clusters]
    for number, entity in enumerate(entities, 1):
        entity.id = f"e{number}"
        for mention in entity.mentions:
            mention.entity_id = entity.id
    return entities


def _canonical_name(doc: Doc, names: list[Candidate]) -> str:
    """The fullest proper name used, without title or article: most words, then most frequent, then first."""
    def text(c: Candidate) -> str:
        return doc[c.name_start : c.end].text

    counts = Counter(text(c) for c in names)
    best = min(names, key=lambda c: (-(c.end - c.name_start), -counts[text(c)], c.start))
    return text(best)


def _entity(doc: Doc, lex: Lexicon, cluster: Cluster) -> Entity:
    type_ = cluster.type()
    members = sorted({(c.start, c.end): c for c in cluster.members}.values(), key=lambda c: c.start)
    names = [c for c in members if c.kind in ("name", "title")]
    name = _canonical_name(doc, [c for c in names if c.type_votes] or names)
    mentions = []
    aliases: list[str] = []
    roles: list[str] = []
    for c in members:
        span = doc[c.start : c.end]
        mentions.append(Mention(span.text, span.start_char, span.end_char, type_, c.kind,
                                head=doc[c.end - 1].text, confidence=_CONFIDENCE[c.kind]))
        is_alias = (c.kind in ("name", "title") and c.type_votes) or span.text in lex.role_aliases  # not "Russian"
        if is_alias and span.text not in aliases:
            aliases.append(span.text)
        if c.title and c.title not in roles:
            roles.append(c.title)
    first = names[0]
    evidence = Evidence("model", confidence=0.9, start=doc[first.start].idx, end=doc[first.end - 1].idx
                        + len(doc[first.end - 1].text), reason="spaCy NER with Storyline's name and title rules")
    aliases = [a for a in aliases if _without_article(a) != name]  # "the White House" is not another name
    return Entity("", name, type_, aliases=aliases, roles=roles,
                  mentions=mentions, confidence=0.9, evidence=[evidence])


def _without_article(text: str) -> str:
    return text.removeprefix("the ").removeprefix("The ")


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)``: the largest overlap, then the tightest mention.

    An empty span (``start == end``) asks for the mention containing that character position.
    """
    end = max(end, start + 1)
    best: Entity | None = None
    best_rank = (0, 0)
    for entity in entities:
        for mention in entity.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            rank = (overlap, -(mention.end - mention.start))
            if overlap > 0 and (best is None or rank > best_rank):
                best, best_rank = entity, rank
    return best
