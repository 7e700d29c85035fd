"""Clean byline candidates into people's names: never a site name, a job title, a stamp or a date."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import load

_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b)\s*", re.I)
_PREFIX = re.compile(r"^(?:by|von|par|por|written by|words by|posted by|authors?\s*:?|autor(?:in)?\s*:?|texte?\s*:)\s+", re.I)
_PLACE_SUFFIX = re.compile(r"\s+(?:in|at|from)\s+[A-Z][\w .'-]*$")  # "Julian Linden in Sydney"
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$", re.UNICODE)


@cache
def _noise() -> frozenset[str]:
    return frozenset(load("author_noise"))


_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "or", "ne"}


def _spells_host(words: list[str], site_names: set[str]) -> bool:
    """Whether the words spell a host name given among ``site_names`` ("INFORM KZ", "Jungefreiheit De" for
    inform.kz and jungefreiheit.de): its label as one of the words, or its label and top-level domain."""
    lowered = [w.lower().strip(".") for w in words]
    for name in site_names:
        labels = name.split(".")
        if len(labels) < 2 or " " in name:
            continue
        # the registrable label: "ig" of ig.com.br, "inform" of inform.kz
        second_level = len(labels) >= 3 and labels[-2] in _SECOND_LEVEL
        label, top = (labels[-3], labels[-1]) if second_level else (labels[-2], labels[-1])
        if label in lowered or (lowered[-1] == top and "".join(lowered[:-1]) in label):
            return True
    return False


def _is_name(candidate: str, site_names: set[str], handles: bool = False) -> bool:
    words = candidate.split()
    # a byline names a person by two to five words; one word is a desk, an agency or a site (unless ``handles``:
    # an author link may give a user name)
    if not (1 if handles else 2) <= len(words) <= 5 or candidate.lower() in site_names or _spells_host(words, site_names):
        return False
    if any(w.lower().strip(".") in _noise() for w in words):
        return False
    # a name is a few capitalised words without digits (initials and particles allowed)
    if not all(_NAME_WORD.match(w) for w in words):
        return False
    return words[0][0].isupper() and sum(w[0].isupper() for w in words) >= max(1, len(words) - 2)


def clean_authors(candidates: list[str], *, site_names: set[str] | None = None, handles: bool = False) -> list[str]:
    """People's names from raw byline strings, split on "and"/commas, deduplicated, in order.

    ``handles``: the candidates are marked up as authors, so a one-word user name counts too.
    """
    sites = {s.lower() for s in (site_names or set()) if s}
    names: list[str] = []
    for raw in candidates:
        if not raw or raw.startswith(("http://", "https://")):
            continue
        for part in _SPLIT.split(_PREFIX.sub("", " ".join(raw.split()))):
            part = _PLACE_SUFFIX.sub("", part).strip(" .-–—:")
            if _is_name(part, sites, handles) and part.casefold() not in {n.casefold() for n in names}:
                names.append(part)
    return names
