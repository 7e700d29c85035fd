"""The entities stage's word lists, read once from ``storyline/data/entities_*`` files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import lexicons


def _lines(name: str) -> list[str]:
    return list(lexicons.lines(name))


def _rows(name: str) -> list[list[str]]:
    return lexicons.rows(name)


@dataclass(frozen=True)
class Lexicon:
    titles: dict[tuple[str, ...], str]  # lower-case token sequence -> canonical title
    title_gender: dict[str, str]  # canonical title -> "male" | "female"
    honorifics: dict[str, str | None]  # lower-case honorific -> implied gender
    ranks: frozenset[str]  # dotless ranks ("det", "insp"), honorifics only before a person's name
    role_modifiers: frozenset[str]
    role_aliases: dict[str, tuple[str, str]]  # "POTUS" -> (title, country)
    platforms: dict[tuple[str, ...], bool]  # token sequence -> needs platform context
    platform_before: frozenset[str]
    platform_after: frozenset[str]
    known_types: dict[str, str]  # "Kremlin" -> "ORG"
    known_names: dict[tuple[str, ...], str]  # ("Downing", "Street") -> "ORG"
    countries: dict[str, str]  # surface ("Russian", "US") -> country ("Russia", "United States")
    credit_markers: frozenset[str]
    product_nouns: frozenset[str]
    org_nouns: frozenset[str]
    place_nouns: frozenset[str]
    pronouns: dict[str, str]  # "he" -> "male"
    corporate_suffixes: frozenset[str]
    speech_verbs: frozenset[str]
    new_entity_modifiers: frozenset[str]
    media_nouns: frozenset[str]  # last words of newspaper names ("telegraph")
    places: dict[str, str]  # big or capital city ("Kyiv", "Kiev") -> its country (GeoNames)
    first_names: frozenset[str]  # lower-case first names ("charlotte"): person evidence for a place name

    @property
    def longest_title(self) -> int:
        return max(len(key) for key in self.titles)

    def country(self, surface: str) -> str | None:
        """The country a name or demonym stands for ("Russian" -> "Russia"), if known."""
        return self.countries.get(surface) or self.countries.get(surface.removeprefix("the "))


def _title_key(title: str) -> tuple[str, ...]:
    # The tokenizer splits "president-elect" at the hyphen, so titles are compared token by token.
    return tuple(title.lower().replace("-", " - ").split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The loaded lexicon (read once per process)."""
    context = _lines("entities_platform_context.txt")
    titles = _rows("entities_titles.txt")
    return Lexicon(
        titles={_title_key(row[0]): row[0] for row in titles},
        title_gender={row[0]: row[1] for row in titles if len(row) > 1},
        honorifics={row[0]: (row[1] if len(row) > 1 and row[1] != "rank" else None)
                    for row in _rows("entities_honorifics.txt")},
        ranks=frozenset(row[0] for row in _rows("entities_honorifics.txt") if row[1:] == ["rank"]),
        role_modifiers=frozenset(_lines("entities_role_modifiers.txt")),
        role_aliases={row[0]: (row[1], row[2]) for row in _rows("entities_role_aliases.tsv")},
        platforms={tuple(p.lstrip("?").split()): p.startswith("?") for p in _lines("entities_platforms.txt")},
        platform_before=frozenset(c.split(":", 1)[1] for c in context if c.startswith("before:")),
        platform_after=frozenset(c.split(":", 1)[1] for c in context if c.startswith("after:")),
        known_types={row[0]: row[1] for row in _rows("entities_known_types.tsv")},
        known_names={tuple(row[0].split()): row[1] for row in _rows("entities_known_types.tsv")},
        countries={row[0]: row[1] for row in _rows("entities_countries.tsv")},
        credit_markers=frozenset(_lines("entities_credit_markers.txt")),
        product_nouns=frozenset(_lines("entities_product_nouns.txt")),
        org_nouns=frozenset(_lines("entities_org_nouns.txt")),
        place_nouns=frozenset(_lines("entities_place_nouns.txt")),
        pronouns={row[0]: row[1] for row in _rows("entities_pronouns.tsv")},
        corporate_suffixes=frozenset(_lines("entities_corporate_suffixes.txt")),
        speech_verbs=frozenset(row[0] for row in _rows("speech_lemmas.tsv") if "subject" in row[1].split()),
        new_entity_modifiers=frozenset(_lines("entities_new_entity_modifiers.txt")),
        media_nouns=frozenset(_lines("entities_media_nouns.txt")),
        places={row[0]: row[1] for row in _rows("entities_places.tsv")},
        first_names=frozenset(row[0] for row in _rows("first_names.tsv")),
    )
