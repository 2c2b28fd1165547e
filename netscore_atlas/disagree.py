"""Where sources disagree: each alternative value against the primary, flagged past a threshold.

Accuracies differ in percentage points; parameters and MACs relatively. The thresholds are
declared once here and shown on the site.
"""

from __future__ import annotations

from dataclasses import dataclass

# quantity -> (kind, threshold): "points" = absolute difference in percentage points,
# "relative" = |alternative / primary - 1|.
THRESHOLDS = {"top1": ("points", 1.0), "top5": ("points", 1.0), "params_m": ("relative", 0.05), "macs_g": ("relative", 0.05)}


@dataclass(frozen=True)
class Disagreement:
    network: str
    name: str
    quantity: str
    primary: float
    primary_source: str
    alternative: float
    source: str
    recipe: str | None
    resolution: int | None
    same_resolution: bool
    difference: float  # points for accuracies, relative (0.05 = 5 %) for params and MACs

    @property
    def flagged(self) -> bool:
        return abs(self.difference) > THRESHOLDS[self.quantity][1]

    @property
    def magnitude(self) -> float:
        """Comparable size: percentage points, or percent for relative differences."""
        return abs(self.difference) * (100.0 if THRESHOLDS[self.quantity][0] == "relative" else 1.0)


def compare(primary: float, alternative: float, quantity: str) -> float:
    kind = THRESHOLDS[quantity][0]
    return alternative - primary if kind == "points" else alternative / primary - 1.0


def disagreements(networks: list[dict]) -> list[Disagreement]:
    out = []
    for net in networks:
        for q in THRESHOLDS:
            quantity = net.get(q)
            if not quantity:
                continue
            res = quantity.get("resolution", net.get("resolution"))
            for alt in quantity.get("alternatives") or []:
                alt_res = alt.get("resolution", net.get("resolution"))
                out.append(Disagreement(net["id"], net["name"], q, quantity["value"], quantity["source"], alt["value"],
                                        alt["source"], alt.get("recipe"), alt_res, alt_res == res,
                                        compare(quantity["value"], alt["value"], q)))
    return sorted(out, key=lambda d: (-d.magnitude, d.network, d.quantity, d.source, d.alternative))
