"""Pareto fronts: the networks no other network beats on both axes."""

from __future__ import annotations

from collections.abc import Iterable

from .metrics import HIGHER, LOWER


def pareto_front(points: Iterable[tuple[str, float, float]], x_better: str = LOWER, y_better: str = HIGHER) -> list[str]:
    """Ids of the non-dominated points, in order of increasing x.

    A point is dominated when another is at least as good on both axes and
    strictly better on one. Identical points do not dominate each other.
    """
    sx = 1.0 if x_better == LOWER else -1.0
    sy = 1.0 if y_better == HIGHER else -1.0
    # Normalise so that smaller x and larger y are better.
    pts = sorted(((sx * x, sy * y, pid) for pid, x, y in points), key=lambda t: (t[0], -t[1], t[2]))
    front: list[str] = []
    best_y: float | None = None
    best_x: float | None = None
    for x, y, pid in pts:
        if best_y is None or y > best_y:
            front.append(pid)
            best_y, best_x = y, x
        elif y == best_y and x == best_x:
            front.append(pid)  # an exact duplicate of a front point
    return front


def dominates(a: dict, b: dict) -> bool:
    """Row a dominates row b on top-1 against MACs: at least as accurate and at most as costly, strictly better on one."""
    return a["top1"] >= b["top1"] and a["macs_g"] <= b["macs_g"] and (a["top1"] > b["top1"] or a["macs_g"] < b["macs_g"])
