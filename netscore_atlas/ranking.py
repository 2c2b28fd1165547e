"""Ranking: order by a metric, competition ranks (ties share a rank) and percentiles.

The one direction a metric declares (metrics.Metric.better) decides what comes first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .metrics import HIGHER, METRICS, Metric


def ranked(rows: Iterable[dict], metric_key: str) -> list[dict]:
    """Rows best first by one metric; missing values last, ties by name."""
    metric = METRICS[metric_key]
    return sorted(rows, key=lambda r: (metric.sort_key(r[metric_key]), r["name"]))


def rank_values(values: Mapping[str, float | None], metric: Metric) -> dict[str, int | None]:
    """Competition ranks (1 = best; ties share a rank; missing values get None)."""
    present = sorted((v, k) for k, v in values.items() if v is not None)
    if metric.better == HIGHER:
        present.reverse()
    ranks: dict[str, int | None] = {k: None for k in values}
    previous, previous_rank = None, 0
    for position, (v, k) in enumerate(present, start=1):
        if v != previous:
            previous, previous_rank = v, position
        ranks[k] = previous_rank
    return ranks


def competition_ranks(ordered: list[dict], metric_key: str) -> list[int | None]:
    """Ranks of rows already ranked by one metric: equal values share a rank (1, 1, 3); missing values None."""
    out: list[int | None] = []
    previous, rank = None, 0
    for position, row in enumerate(ordered, start=1):
        value = row[metric_key]
        if value is not None and (position == 1 or value != previous):
            previous, rank = value, position
        out.append(None if value is None else rank)
    return out


def rank_among(value: float, others: Iterable[float], better: str) -> int:
    """Competition rank of `value` among the others and itself: 1 + how many others are strictly better."""
    if better == HIGHER:
        return 1 + sum(1 for o in others if o > value)
    return 1 + sum(1 for o in others if o < value)


def percentile(rank: int | None, count: int) -> float | None:
    """100 for the best, 0 for the worst among `count` networks that have the metric."""
    if rank is None or count < 1:
        return None
    return 100.0 if count == 1 else 100.0 * (count - rank) / (count - 1)
