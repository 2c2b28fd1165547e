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
    """Competition ranks by key (1 = best; ties share a rank; missing values get None)."""
    keys = sorted(values, key=lambda k: metric.sort_key(values[k]))
    return dict(zip(keys, _competition([values[k] for k in keys])))


def competition_ranks(ordered: list[dict], metric_key: str) -> list[int | None]:
    """Ranks of rows already ranked by one metric: equal values share a rank (1, 1, 3); missing values None."""
    return _competition([row[metric_key] for row in ordered])


def _competition(values: list[float | None]) -> list[int | None]:
    """Competition ranks of values ordered best first (missing ones last)."""
    out: list[int | None] = []
    previous, rank = None, 0
    for position, value in enumerate(values, start=1):
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
