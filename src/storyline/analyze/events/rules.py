"""Which trigger rule a candidate meets: the conditions of the lexicon ("needs a weapon as
theme", "not with an object complement") checked against its parse and roles."""

from __future__ import annotations

from .lexicon import TriggerRule
from .roles import Roles
from .triggers import Candidate

# Object complements and clauses: "called the plan a hoax", "called it 'bold'".
COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp", "advcl"})


def is_generic(token) -> bool:
    """"It is tough to have meetings": a bare plural names no particular event."""
    return token.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in token.children)


def is_unresolved_group(candidate: Candidate, frame: Roles) -> bool:
    """"in our negotiation": a plural possessive names a group; an event noun no verb carries,
    whose group resolved to fewer than two names, says nothing about who takes part."""
    if not candidate.is_noun or candidate.support or len(frame.participants) >= 2:
        return False
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" and "Plur" in c.morph.get("Number")
               for c in candidate.token.children)


def _prepositions(word) -> set[str]:
    """The prepositions on a word, leaving out those of time ("on Friday")."""
    return {c.lower_ for c in word.children if c.dep_ == "prep"
            and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)}


def first_satisfied(candidate: Candidate, frame: Roles) -> TriggerRule | None:
    """The first of the candidate's rules whose conditions its roles meet."""
    token = candidate.token
    for rule in candidate.rules:
        if rule.needs_object and not (frame.has_object or frame.theme_kinds or frame.place):
            continue
        if rule.needs_group and len(frame.participants) < 2:
            continue
        if rule.theme and rule.theme not in frame.theme_kinds and not (
                rule.theme == "person" and any(o.type in ("PERSON", "NORP") for o in frame.objects)):
            continue
        objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        if objects & rule.not_objects:
            continue
        if rule.no_xcomp and any(c.dep_ == "xcomp" for c in token.children):
            continue
        preps = _prepositions(token)
        governing = candidate.governor if candidate.is_noun and candidate.governor is not None else token
        if rule.preps and not preps & rule.preps:
            continue
        if rule.not_preps and (preps | _prepositions(governing)) & rule.not_preps:
            continue
        if rule.not_particles and {c.lower_ for c in token.children if c.dep_ == "prt"} & rule.not_particles:
            continue
        if rule.needs_named_object and not frame.objects:
            continue
        if rule.no_complement and any(c.dep_ in COMPLEMENT_DEPS for c in token.children):
            continue
        if rule.after_preps and not (token.dep_ == "pobj" and token.head.lower_ in rule.after_preps):
            continue
        return rule
    return None
