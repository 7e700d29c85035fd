"""Coreference metrics over {mention id: cluster label} maps: MUC, B³, CEAF-e and their mean (CoNLL F1).

Same definitions as the reference scorer used by ``bench/events.py``; singletons count, and a
gold mention missing from the system labels is its own singleton.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = list[set[str]]


def clusters_from(labels: dict[str, Hashable]) -> Clusters:
    grouped: dict[Hashable, set[str]] = defaultdict(set)
    for mention, label in labels.items():
        grouped[label].add(mention)
    return list(grouped.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, cluster in enumerate(response) for m in cluster}
    found = total = 0
    for cluster in key:
        parts = {where.get(m, ("singleton", m)) for m in cluster}
        found += len(cluster) - len(parts)
        total += len(cluster) - 1
    return found / total if total else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    r, p = _muc_recall(key, response), _muc_recall(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    key_of = {m: c for c in key for m in c}
    response_of = {m: c for c in response for m in c}
    mentions = list(key_of)
    r = sum(len(key_of[m] & response_of.get(m, {m})) / len(key_of[m]) for m in mentions) / len(mentions)
    p = sum(len(key_of[m] & response_of.get(m, {m})) / len(response_of.get(m, {m}))
            for m in mentions) / len(mentions)
    return p, r, _f1(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    similarity = np.zeros((len(key), len(response)))
    index: dict[str, list[int]] = defaultdict(list)
    for j, cluster in enumerate(response):
        for m in cluster:
            index[m].append(j)
    for i, cluster in enumerate(key):
        for j in {j for m in cluster for j in index[m]}:
            similarity[i, j] = 2 * len(cluster & response[j]) / (len(cluster) + len(response[j]))
    rows, columns = linear_sum_assignment(-similarity)
    total = similarity[rows, columns].sum()
    p, r = total / len(response), total / len(key)
    return p, r, _f1(p, r)


def score(gold: dict[str, Hashable], system: dict[str, Hashable]) -> dict:
    """``{"MUC": (p, r, f1), "B3": ..., "CEAFe": ..., "CoNLL": f1}``."""
    system = {m: system.get(m, ("singleton", m)) for m in gold}
    key, response = clusters_from(gold), clusters_from(system)
    out: dict = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAFe": ceaf_e(key, response)}
    out["CoNLL"] = sum(out[name][2] for name in ("MUC", "B3", "CEAFe")) / 3
    return out
