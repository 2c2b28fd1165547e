"""The metrics registry.

Each metric is declared once: its label, unit, formula, which direction is
better and whom to cite. That one `better` field drives sorting, ranks, the
Pareto walk and the captions. Raw quantities (read from data/) and derived ones
(computed here, never written back) are both listed, with `derived` telling
which is which.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class NetScoreWeights:
    """NetScore's control coefficients; the paper sets alpha=2, beta=gamma=0.5."""

    alpha: float = 2.0
    beta: float = 0.5
    gamma: float = 0.5

    def text(self) -> str:
        """'α = 2, β = γ = 0.5' (β and γ named together when equal)."""
        tail = f"β = γ = {self.beta:g}" if self.beta == self.gamma else f"β = {self.beta:g}, γ = {self.gamma:g}"
        return f"α = {self.alpha:g}, {tail}"

    def tex(self) -> str:
        r"""'\alpha=2,\ \beta=\gamma=0.5' for the methodology page's formula."""
        tail = rf"\beta=\gamma={self.beta:g}" if self.beta == self.gamma else rf"\beta={self.beta:g},\ \gamma={self.gamma:g}"
        return rf"\alpha={self.alpha:g},\ {tail}"

    def macs_decade(self) -> float:
        """How much NetScore moves when the MACs change tenfold: 20 gamma."""
        return 20.0 * self.gamma

    def macs_doubling(self) -> float:
        """How much NetScore drops when the MACs double (FLOPs taken for MACs): 20 gamma log10 2."""
        return self.macs_decade() * math.log10(2)


DEFAULT_WEIGHTS = NetScoreWeights()

Row = Mapping[str, float | None]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    formula: str  # plain text; `formula_tex` for the methodology page
    formula_tex: str
    better: str  # HIGHER or LOWER
    citation: str  # a key of data/sources.yaml
    description: str
    compute: Callable[[Row, NetScoreWeights], float | None] = field(repr=False)
    derived: bool = True
    digits: int = 2  # decimals to show

    def __call__(self, row: Row, weights: NetScoreWeights = DEFAULT_WEIGHTS) -> float | None:
        return self.compute(row, weights)

    def sort_key(self, value: float | None) -> tuple[int, float]:
        """Sort key that puts the best first and missing values last."""
        if value is None:
            return (1, 0.0)
        return (0, -value if self.better == HIGHER else value)


def netscore(a: float, p: float, m: float, weights: NetScoreWeights = DEFAULT_WEIGHTS) -> float:
    """Omega = 20 log10(a^alpha / (p^beta m^gamma)); a in %, p in M-params, m in G-MACs (Wong 2018, eq. 1)."""
    if a <= 0 or p <= 0 or m <= 0:
        raise ValueError("NetScore needs positive accuracy, parameters and MACs")
    return 20.0 * (weights.alpha * math.log10(a) - weights.beta * math.log10(p) - weights.gamma * math.log10(m))


def _need(row: Row, *keys: str) -> tuple[float, ...] | None:
    values = tuple(row.get(k) for k in keys)
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


def _raw(key: str) -> Callable[[Row, NetScoreWeights], float | None]:
    return lambda row, _w: row.get(key)


def _netscore(row: Row, w: NetScoreWeights) -> float | None:
    v = _need(row, "top1", "params_m", "macs_g")
    return None if v is None else netscore(*v, weights=w)


def _info_density(row: Row, _w: NetScoreWeights) -> float | None:
    v = _need(row, "top1", "params_m")
    return None if v is None else v[0] / v[1]


def _top1_per_gmac(row: Row, _w: NetScoreWeights) -> float | None:
    v = _need(row, "top1", "macs_g")
    return None if v is None else v[0] / v[1]


def _flops(row: Row, _w: NetScoreWeights) -> float | None:
    v = _need(row, "macs_g")
    return None if v is None else 2.0 * v[0]


METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric("top1", "Top-1 accuracy", "%", "a = top-1 accuracy", r"a", HIGHER, "russakovsky2015imagenet",
               "ImageNet-1k (ILSVRC 2012) validation accuracy of the single most likely class, single centre crop.",
               _raw("top1"), derived=False, digits=2),
        Metric("top5", "Top-5 accuracy", "%", "top-5 accuracy", r"a_5", HIGHER, "russakovsky2015imagenet",
               "ImageNet-1k validation accuracy where the true class is among the five most likely, single centre crop.",
               _raw("top5"), derived=False, digits=2),
        Metric("params_m", "Parameters", "M", "p = parameters / 10^6", r"p", LOWER, "wong2018netscore",
               "Number of learned parameters (weights and biases), in millions.",
               _raw("params_m"), derived=False, digits=2),
        Metric("macs_g", "MACs", "G", "m = multiply-accumulates / 10^9", r"m", LOWER, "wong2018netscore",
               "Multiply-accumulate operations to classify one image at the stated resolution, in billions. "
               "One multiply-add is one MAC.",
               _raw("macs_g"), derived=False, digits=3),
        Metric("flops_g", "FLOPs", "G", "FLOPs = 2 × MACs", r"2m", LOWER, "wong2018netscore",
               "Floating-point operations, counting a multiply-add as two: exactly twice the MACs. "
               "Shown for readers who think in FLOPs; never read from a source.",
               _flops, digits=3),
        Metric("netscore", "NetScore Ω", "", f"Ω = 20 log10(a^α / (p^β m^γ)), {DEFAULT_WEIGHTS.text()}",
               r"\Omega = 20 \log_{10}\left(\frac{a^\alpha}{p^\beta\, m^\gamma}\right),\ " + DEFAULT_WEIGHTS.tex(),
               HIGHER, "wong2018netscore",
               "Balance of accuracy against architectural complexity (parameters) and computational complexity (MACs), "
               "on a logarithmic scale; a in %, p in M-params, m in G-MACs.",
               _netscore, digits=2),
        Metric("info_density", "Information density", "%/M-params", "top-1 / p", r"\frac{a}{p}", HIGHER,
               "canziani2016analysis",
               "Accuracy per million parameters: how well a network uses its parameters.",
               _info_density, digits=2),
        Metric("top1_per_gmac", "Accuracy per G-MAC", "%/G-MACs", "top-1 / m", r"\frac{a}{m}", HIGHER,
               "canziani2016analysis",
               "Accuracy per billion multiply-accumulates: how well a network uses its computation "
               "(after Canziani et al.'s accuracy against operations).",
               _top1_per_gmac, digits=1),
    ]
}

# Metrics a user may rank by (the explorer and `build.py rank`).
RANKABLE = ("netscore", "top1", "info_density", "top1_per_gmac", "top5", "params_m", "macs_g")

