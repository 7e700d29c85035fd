"""Guess the publisher of a page without metadata from how the page names itself.

Self-references sit in boilerplate ("Follow Metro.co.uk on Twitter", "email webnews@metro.co.uk") and in
the hosts of its own media; the domain named most often gives the site, its first label the name.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

_DOMAIN = re.compile(r"(?<![\w.-])(?:[\w-]+\.)*?([\w-]+)\.((?:co|com|org|net|gov|ac)\.[a-z]{2}|[a-z]{2,6})(?![\w-]|\.\w)", re.I)
_SECOND_LEVEL = re.compile(r"^(?:co|com|org|net|gov|ac)\.[a-z]{2}$")
_NOT_SITES = {"twitter", "facebook", "instagram", "youtube", "google", "apple", "linkedin", "tiktok", "whatsapp", "schema"}


def _registrable(host: str) -> tuple[str, str] | None:
    labels = host.lower().strip(".").split(".")
    if len(labels) < 2:
        return None
    suffix_len = 2 if len(labels) >= 3 and _SECOND_LEVEL.match(".".join(labels[-2:])) else 1
    return labels[-suffix_len - 1], ".".join(labels[-suffix_len:])


def guess_site(self_references: list[str], media_urls: list[str]) -> tuple[str, str] | None:
    """(publisher name, reason) from lines where the page names itself and its media URLs; None if unclear."""
    votes: Counter[tuple[str, str]] = Counter()
    spelled: dict[str, str] = {}
    for line in self_references:
        for match in _DOMAIN.finditer(line):
            key = (match.group(1).lower(), match.group(2).lower())
            if key[0] in _NOT_SITES:
                continue
            votes[key] += 2
            if match.group(1)[:1].isupper():
                spelled.setdefault(key[0], match.group(1))
    for url in media_urls:
        key = _registrable(urlsplit(url).hostname or "")
        if key and key[0] not in _NOT_SITES:
            votes[key] += 1
    if not votes:
        return None
    (label, suffix), count = votes.most_common(1)[0]
    if count < 2:
        return None
    name = spelled.get(label) or label.capitalize()
    return name, f"the page names {label}.{suffix} most (weight {count}: boilerplate self-references 2, media hosts 1)"
