"""Exact and near-duplicate articles (syndicated copies): MinHash LSH over word shingles, then exact check.

A copy with another headline, outlet or a little boilerplate is still a duplicate: candidates from
the LSH index are confirmed by the containment of the smaller body's shingles in the larger one.
The earliest published article (then the first given) is kept; the others point to it with the
differences that matter to a reader (headline, outlet, date, address).
"""

from __future__ import annotations

import re
from typing import Any

from datasketch import MinHash, MinHashLSH

from ..model import Article, Duplicate

SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # loose: candidates only, containment decides
MIN_CONTAINMENT = 0.8
MIN_SHINGLES = 8  # a body shorter than this is too short to call a copy
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams of ``text``."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _minhash(features: set[str]) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    signature.update_batch([feature.encode("utf-8") for feature in features])
    return signature


def _fingerprint(features: set[str]):
    """The shingles as a sorted array of 64-bit hashes: a tenth of the memory of the strings, for the
    containment check against every kept article (hashes are only compared within this process)."""
    import numpy as np

    return np.unique(np.fromiter((hash(f) for f in features), dtype=np.int64, count=len(features)))


def _contained(a, b) -> float:
    """:func:`containment` of two fingerprints."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


_COMPARED = ("title", "publisher", "published", "url")


def differences(kept: Article, copy: Article) -> dict[str, list]:
    """Fields a reader would see differ between the kept article and its copy: {field: [kept, copy]}."""
    out: dict[str, list] = {}
    for name in _COMPARED:
        first, second = getattr(kept, name), getattr(copy, name)
        if name == "published":
            first, second = (first.value if first else None), (second.value if second else None)
        if first != second:
            out[name] = [first, second]
    return out


def _published(article: Article) -> str:
    return article.published.value if article.published else "9999"


def find_duplicates(articles: list[tuple[str, Article]]) -> list[Duplicate]:
    """Which articles copy an earlier one; ``articles`` are (id, Article) pairs, all compared."""
    order = sorted(range(len(articles)), key=lambda i: (_published(articles[i][1]), i))
    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    kept: dict[str, tuple[Article, Any]] = {}
    found: list[Duplicate] = []
    for i in order:
        article_id, article = articles[i]
        features = shingles(article.text)
        if len(features) < MIN_SHINGLES:
            continue
        signature = _minhash(features)
        fingerprint = _fingerprint(features)
        best: tuple[float, str] | None = None
        for candidate in sorted(index.query(signature)):
            score = _contained(fingerprint, kept[candidate][1])
            if score >= MIN_CONTAINMENT and (best is None or score > best[0]):
                best = (score, candidate)
        if best:
            score, of_id = best
            found.append(Duplicate(article_id, of_id, round(score, 3), differences(kept[of_id][0], article)))
            continue
        if article_id not in kept:
            index.insert(article_id, signature)
            kept[article_id] = (article, fingerprint)
    return found
