"""The event stage's word lists, read once from ``storyline/data/events_*`` files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ... import lexicons


@dataclass(frozen=True)
class TriggerRule:
    """One way a word can name an event: its type, CAMEO code and the conditions it needs."""

    lemma: str
    pos: str  # "V" or "N"
    type: str
    cameo_code: str  # full CAMEO code, "" when CAMEO has no category for the type
    needs_object: bool = False
    needs_group: bool = False
    theme: str | None = None  # weapon | aid | agreement | person
    not_objects: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()
    not_compounds: frozenset[str] = frozenset()
    no_xcomp: bool = False
    preps: frozenset[str] = frozenset()
    not_preps: frozenset[str] = frozenset()
    not_particles: frozenset[str] = frozenset()
    needs_named_object: bool = False
    no_complement: bool = False
    after_preps: frozenset[str] = frozenset()
    particle: str | None = None  # "down" for "sit down"

    @property
    def cameo(self) -> str:
        """The two-digit CAMEO root code ("" when CAMEO has none)."""
        return self.cameo_code[:2]


@dataclass(frozen=True)
class EventLexicon:
    triggers: dict[tuple[str, str], tuple[TriggerRule, ...]]
    modality: dict[tuple[str, str], str]  # (word, where) -> status
    negations: frozenset[str]
    weapons: frozenset[str]
    aid: frozenset[str]
    collectives: dict[str, str]  # phrase -> PERSON | ANY
    reporting: frozenset[str]
    captives: frozenset[str]
    support_verbs: frozenset[str]
    subject_support_verbs: frozenset[str]
    distinct: frozenset[str]
    agreement_nouns: frozenset[str] = field(default_factory=frozenset)


def _lines(name: str) -> list[str]:
    return list(lexicons.lines(name))


def _rule(row: list[str]) -> TriggerRule:
    lemma, pos, type_, code = row[:4]
    conditions = dict.fromkeys(row[4].split(","), "") if len(row) > 4 else {}
    for item in list(conditions):
        if "=" in item:
            key, value = item.split("=", 1)
            del conditions[item]
            conditions[key] = value
    word, _, particle = lemma.partition(" ")
    return TriggerRule(
        lemma=word,
        pos=pos,
        type=type_,
        cameo_code="" if code == "-" else code,
        needs_object="obj" in conditions,
        needs_group="group" in conditions,
        theme=conditions.get("theme"),
        not_objects=_options(conditions, "not_obj"),
        compounds=_options(conditions, "compound"),
        not_compounds=_options(conditions, "not_compound"),
        no_xcomp="no_xcomp" in conditions,
        preps=_options(conditions, "prep"),
        not_preps=_options(conditions, "not_prep"),
        not_particles=_options(conditions, "not_prt"),
        needs_named_object="named_obj" in conditions,
        no_complement="no_complement" in conditions,
        after_preps=_options(conditions, "after"),
        particle=particle or None,
    )


def _options(conditions: dict[str, str], key: str) -> frozenset[str]:
    return frozenset(conditions.get(key, "").split("|")) - {""}


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    """The lexicon (loaded once per process)."""
    triggers: dict[tuple[str, str], list[TriggerRule]] = {}
    for line in _lines("events_triggers.tsv"):
        rule = _rule(line.split("\t"))
        triggers.setdefault((rule.lemma, rule.pos), []).append(rule)
    modality = {}
    for line in _lines("events_modality.tsv"):
        word, where, status = line.split("\t")
        modality[(word, where)] = status
    agreement_nouns = frozenset(
        rule.lemma for rules in triggers.values() for rule in rules
        if rule.type in ("agreement", "ceasefire") and rule.pos == "N"
    )
    return EventLexicon(
        triggers={key: tuple(rules) for key, rules in triggers.items()},
        modality=modality,
        negations=frozenset(_lines("events_negation.txt")),
        weapons=frozenset(_lines("events_weapons.txt")),
        aid=frozenset(_lines("events_aid.txt")),
        collectives=dict(line.split("\t") for line in _lines("events_collectives.txt")),
        reporting=frozenset(_lines("events_reporting.txt")),
        captives=frozenset(_lines("events_captives.txt")),
        support_verbs=frozenset(_lines("events_support_verbs.txt")),
        subject_support_verbs=frozenset(_lines("events_subject_support_verbs.txt")),
        distinct=frozenset(_lines("events_distinct.txt")),
        agreement_nouns=agreement_nouns,
    )
