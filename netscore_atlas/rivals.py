"""Rivals: the networks nearest to one in MACs (on a log scale), each more or less accurate."""

from __future__ import annotations

import bisect
import math
from typing import NamedTuple

RIVALS = 6  # how many a network page (and the explorer's comparison export) lists


class RivalPool(NamedTuple):
    """Rows with top-1 and MACs, sorted by MACs, and their MACs (for bisect): built once per build."""
    rows: list[dict]
    macs: list[float]


def log_distance(a: float, b: float) -> float:
    return abs(math.log10(a) - math.log10(b))


def rivals_pool(rows: list[dict]) -> RivalPool:
    """The candidates for rivals(): the rows with top-1 and MACs, sorted by MACs."""
    pool = sorted((r for r in rows if r["macs_g"] is not None and r["top1"] is not None),
                  key=lambda r: (r["macs_g"], r["id"]))
    return RivalPool(pool, [r["macs_g"] for r in pool])


def rivals(row: dict, pool: RivalPool, n: int = RIVALS) -> list[dict]:
    """The n networks nearest in MACs (log distance, then id), each marked more or less accurate.
    Only a window of the MAC-sorted pool around the row is examined (see rivals_pool)."""
    if row["macs_g"] is None or row["top1"] is None:
        return []
    i = bisect.bisect_left(pool.macs, row["macs_g"])
    window = [r for r in pool.rows[max(0, i - n - 1):i + n + 2] if r["id"] != row["id"]]
    window.sort(key=lambda r: (log_distance(r["macs_g"], row["macs_g"]), r["id"]))
    return [dict(r, delta_top1=r["top1"] - row["top1"], macs_ratio=r["macs_g"] / row["macs_g"]) for r in window[:n]]
