"""Captions: split a caption into its text and its credit ("(Picture: AFP/Getty Images)" → "AFP/Getty Images")."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import load


@cache
def _labelled_credit() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in sorted(load("credit_labels"), key=len, reverse=True))
    # "(Picture: X)" or "[Photo: X]" at the end, or "Photo: X" / "Credit - X" ending the caption
    return re.compile(
        rf"(?:\(\s*(?:{labels})\s*[:：-]\s*(?P<p>[^()]{{2,80}})\)|\[\s*(?:{labels})\s*[:：-]\s*(?P<b>[^\[\]]{{2,80}})\]"
        rf"|(?:^|[\s.|])(?:{labels})(?:\s+credit)?\s*[:：]\s*(?P<l>[^:]{{2,80}}))\s*\.?\s*$",
        re.I,
    )


@cache
def _agency_credit() -> re.Pattern[str]:
    agencies = "|".join(re.escape(a) for a in sorted(load("credit_agencies"), key=len, reverse=True))
    # "... in Alaska. AFP/Getty Images" or "... in Alaska (Reuters)" or "© Getty Images"
    return re.compile(
        rf"(?:[.,;|]\s+|\s+[-–—]\s+|\(|©\s*)(?P<a>(?:[\w .'&-]{{0,40}}/)?(?:{agencies})(?:/[\w .'&-]{{1,40}})?)\)?\s*\.?\s*$",
        re.I,
    )


def split_credit(text: str) -> tuple[str, str | None]:
    """(caption text, credit or None) for a caption line."""
    text = " ".join(text.split())
    match = _labelled_credit().search(text)
    if match:
        credit = next(g for g in match.group("p", "b", "l") if g)
        return text[: match.start()].rstrip(" .,-–—|"), credit.strip(" .")
    match = _agency_credit().search(text)
    if match:
        return text[: match.start()].rstrip(" .,-–—|("), match.group("a").strip(" .")
    if text.startswith("©"):
        return "", text.lstrip("© ").strip()
    return text, None


def has_credit(text: str) -> bool:
    """Whether a line carries a picture credit such as "(Picture: Getty Images)"."""
    return bool(_labelled_credit().search(" ".join(text.split())))
