"""A user's own networks placed among the registry's: parsing, checks, ranks, dominance.

The explorer page does the same in the browser (explorer.js); `build.py rank --add`
uses this module, and a browser test checks that both agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .metrics import METRICS, NetScoreWeights
from .validate import MACS_PER_PARAM_MAX, MACS_PER_PARAM_MIN

COMPARED = ("netscore", "top1", "info_density", "top1_per_gmac", "params_m", "macs_g")


@dataclass(frozen=True)
class MineError(ValueError):
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _number(text: str, field: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise MineError(field, f"{text!r} is not a number") from None
    if not math.isfinite(x):
        raise MineError(field, f"{text!r} is not a finite number")
    if x <= 0:
        raise MineError(field, "must be greater than 0")
    return x


def parse_mine(spec: str) -> dict:
    """'Name:top1:params_m:macs_g' (the name may itself contain ':') -> a network row."""
    parts = spec.rsplit(":", 3)
    if len(parts) != 4 or not parts[0].strip():
        raise MineError("spec", f"{spec!r} is not NAME:TOP1:PARAMS_M:GMACS")
    name, top1, params, macs = parts
    row = {"name": name.strip(), "top1": _number(top1, "top1"), "params_m": _number(params, "params_m"),
           "macs_g": _number(macs, "macs_g")}
    if row["top1"] > 100:
        raise MineError("top1", "top-1 is a percentage: at most 100")
    return row


def warnings_for(row: dict) -> list[str]:
    """Plausibility warnings, with the registry validator's thresholds."""
    ratio = 1000.0 * row["macs_g"] / row["params_m"]
    if ratio > MACS_PER_PARAM_MAX:
        return [f"{ratio:,.0f} MACs per parameter is more than real networks show: are these FLOPs or millions of MACs?"]
    if ratio < MACS_PER_PARAM_MIN:
        return [f"{ratio:,.2f} MACs per parameter is less than real networks show: check the units (G-MACs, M-params)"]
    return []


def with_metrics(row: dict, weights: NetScoreWeights) -> dict:
    out = dict(row)
    for key in ("netscore", "info_density", "top1_per_gmac"):
        out[key] = METRICS[key](row, weights)
    return out


def rank_against(value: float, others: list[float], better: str) -> tuple[int, float]:
    """Competition rank of `value` among others + itself, and its percentile (100 = best)."""
    if better == "higher":
        ahead = sum(1 for o in others if o > value)
    else:
        ahead = sum(1 for o in others if o < value)
    rank = ahead + 1
    n = len(others) + 1
    return rank, (100.0 if n == 1 else 100.0 * (n - rank) / (n - 1))


def dominates(a: dict, b: dict) -> bool:
    """a is at least as accurate and at most as costly in MACs as b, and strictly better on one."""
    return a["top1"] >= b["top1"] and a["macs_g"] <= b["macs_g"] and (a["top1"] > b["top1"] or a["macs_g"] < b["macs_g"])


def compare(mine: dict, registry: list[dict]) -> dict:
    """Ranks and percentiles of one network against registry rows (which carry computed metrics)."""
    ranks = {}
    for key in COMPARED:
        metric = METRICS[key]
        ranks[key] = rank_against(mine[key], [r[key] for r in registry], metric.better)
    beaten = sorted(r["name"] for r in registry if dominates(mine, r))
    beaten_by = sorted(r["name"] for r in registry if dominates(r, mine))
    return {"ranks": ranks, "dominates": beaten, "dominated_by": beaten_by, "pareto": not beaten_by, "count": len(registry) + 1}
