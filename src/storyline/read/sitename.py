"""Guess the publisher of a page without metadata from how the page names itself.

Self-references sit in boilerplate ("Follow Metro.co.uk on Twitter", "© 2022 Example Gazette",
"email webnews@metro.co.uk"), in the site segment of the title and in the hosts of its own media;
the name or domain named most often gives the site.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

_DOMAIN = re.compile(r"(?<![\w.-])(?:[\w-]+\.)*?([\w-]+)\.((?:co|com|org|net|gov|ac)\.[a-z]{2}|[a-z]{2,6})(?![\w-]|\.\w)", re.I)
_SECOND_LEVEL = re.compile(r"^(?:co|com|org|net|gov|ac)\.[a-z]{2}$")
_NAME = r"([A-Z][\w'&.-]*(?:\s+(?:[A-Z][\w'&.-]*|of|the|and|&)){0,4})"
# only the cue words ignore case: a name must start with a capital ("Copyright and Trade Mark Notice" names nothing)
_NAMED = (
    re.compile(rf"\b(?i:follow)\s+{_NAME}\s+(?i:on\s+(?:twitter|facebook|instagram|x|threads|bluesky))\b"),
    re.compile(rf"(?:(?i:©|\(c\)|copyright)\s*)+(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?{_NAME}"),
)
_RIGHTS = re.compile(r"^(?:copyright|©)\s*|\s*\b(?:all(?:\s+rights)?|rights\s+reserved|ltd|limited|inc|llc|plc)\b.*$", re.I)
_NOT_SITES = {"copyright", "all", "the", "twitter", "facebook", "instagram", "youtube", "google", "apple", "linkedin", "tiktok", "whatsapp", "schema"}
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:»·-]\s+")


def _registrable(host: str) -> tuple[str, str] | None:
    labels = host.lower().strip(".").split(".")
    if len(labels) < 2:
        return None
    suffix_len = 2 if len(labels) >= 3 and _SECOND_LEVEL.match(".".join(labels[-2:])) else 1
    return labels[-suffix_len - 1], ".".join(labels[-suffix_len:])


def _site_key(name: str) -> str:
    """A name and a domain label meet on this key: "Metro.co.uk", "metro" and "Metro" → "metro"."""
    domain = _DOMAIN.fullmatch(name.strip(" ."))
    base = domain.group(1) if domain else name
    return re.sub(r"\W+", "", base.lower().removeprefix("the "))


def guess_site(self_references: list[str], media_urls: list[str], title: str | None = None) -> tuple[str, str] | None:
    """(publisher name, reason) from lines where the page names itself, its title and media URLs; None if unclear."""
    votes: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for line in self_references:
        for pattern in _NAMED:
            for match in pattern.finditer(line):
                name = _RIGHTS.sub("", match.group(1)).strip(" .,")
                key = _site_key(name)
                if key and key not in _NOT_SITES:
                    votes[key] += 2
                    domain = _DOMAIN.fullmatch(name)
                    spelled.setdefault(key, domain.group(1) if domain else name)
        for match in _DOMAIN.finditer(line):
            key = _site_key(match.group(1))
            if key not in _NOT_SITES:
                votes[key] += 1
    for url in media_urls:
        found = _registrable(urlsplit(url).hostname or "")
        if found and found[0] not in _NOT_SITES:
            votes[_site_key(found[0])] += 1
    segments = _TITLE_SEPARATORS.split(title or "")
    for segment in segments[1:] if len(segments) > 1 else []:
        key = _site_key(segment)
        if key in votes:  # the title's site segment confirms a self-reference
            votes[key] += 1
            spelled.setdefault(key, segment.strip())
    if not votes:
        return None
    key, weight = votes.most_common(1)[0]
    if weight < 2:
        return None
    name = spelled.get(key) or key.capitalize()
    return name, f"the page names itself {name!r} most (weight {weight}: named self-references 2, domains and media hosts 1)"
