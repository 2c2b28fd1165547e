"""The metrics registry.

Each metric is declared once: its label, unit, formula, which direction is
better and whom to cite. That one `better` field drives sorting, ranks, the
Pareto walk and the captions. Raw quantities (read from data/) and derived ones
(computed here, never written back) are both listed, with `derived` telling
which is which.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

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
Power = float | str  # a number, or a NetScore weight by name ("alpha"), negated by a leading "-"


@dataclass(frozen=True)
class Formula:
    """A computed metric as data, so that both languages evaluate the same declaration (the explorer receives it
    in its payload; explorer-core.js evaluates it the same way):

        value = factor · Π input^power               (log_scale None)
        value = log_scale · Σ power · log10(input)   (NetScore: 20 log10 of the product)

    A missing input gives no value; so does a non-positive one under a logarithm."""

    terms: tuple[tuple[str, Power], ...]
    factor: float = 1.0
    log_scale: float | None = None

    def inputs(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.terms)

    def __call__(self, row: Row, weights: NetScoreWeights = DEFAULT_WEIGHTS) -> float | None:
        values = [row.get(key) for key in self.inputs()]
        if any(v is None for v in values):
            return None
        powers = [power_of(p, weights) for _, p in self.terms]
        if self.log_scale is not None:
            if any(v <= 0 for v in values):
                return None
            return self.log_scale * sum(p * math.log10(v) for p, v in zip(powers, values))
        value = self.factor
        for p, v in zip(powers, values):
            value = value * v if p == 1 else value / v if p == -1 else value * v**p
        return value


def power_of(power: Power, weights: NetScoreWeights) -> float:
    """A term's power: a number, or a weight ("alpha"), negated by a leading "-" ("-beta")."""
    if isinstance(power, str):
        return -getattr(weights, power[1:]) if power.startswith("-") else getattr(weights, power)
    return power


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
    compute: Formula | None = None  # None: a raw quantity, read from data/
    digits: int = 2  # decimals to show
    short: str = ""  # its name inside a sentence ("by top-1, ..."); the label when empty

    @property
    def derived(self) -> bool:
        return self.compute is not None

    def __call__(self, row: Row, weights: NetScoreWeights = DEFAULT_WEIGHTS) -> float | None:
        return row.get(self.key) if self.compute is None else self.compute(row, weights)

    def sort_key(self, value: float | None) -> tuple[int, float]:
        """Sort key that puts the best first and missing values last."""
        if value is None:
            return (1, 0.0)
        return (0, -value if self.better == HIGHER else value)


NETSCORE = Formula((("top1", "alpha"), ("params_m", "-beta"), ("macs_g", "-gamma")), log_scale=20.0)


def netscore(a: float, p: float, m: float, weights: NetScoreWeights = DEFAULT_WEIGHTS) -> float:
    """Omega = 20 log10(a^alpha / (p^beta m^gamma)); a in %, p in M-params, m in G-MACs (Wong 2018, eq. 1)."""
    if a <= 0 or p <= 0 or m <= 0:
        raise ValueError("NetScore needs positive accuracy, parameters and MACs")
    return NETSCORE({"top1": a, "params_m": p, "macs_g": m}, weights)  # type: ignore[return-value]


METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric("top1", "Top-1 accuracy", "%", "a = top-1 accuracy", r"a", HIGHER, "russakovsky2015imagenet",
               "ImageNet-1k (ILSVRC 2012) validation accuracy of the single most likely class, single centre crop.",
               digits=2, short="top-1"),
        Metric("top5", "Top-5 accuracy", "%", "top-5 accuracy", r"a_5", HIGHER, "russakovsky2015imagenet",
               "ImageNet-1k validation accuracy where the true class is among the five most likely, single centre crop.",
               digits=2, short="top-5"),
        Metric("params_m", "Parameters", "M", "p = parameters / 10^6", r"p", LOWER, "wong2018netscore",
               "Number of learned parameters (weights and biases), in millions.",
               digits=2, short="parameters"),
        Metric("macs_g", "MACs", "G", "m = multiply-accumulates / 10^9", r"m", LOWER, "wong2018netscore",
               "Multiply-accumulate operations to classify one image at the stated resolution, in billions. "
               "One multiply-add is one MAC.",
               digits=3, short="MACs"),
        Metric("flops_g", "FLOPs", "G", "FLOPs = 2 × MACs", r"2m", LOWER, "wong2018netscore",
               "Floating-point operations, counting a multiply-add as two: exactly twice the MACs. "
               "Shown for readers who think in FLOPs; never read from a source.",
               Formula((("macs_g", 1),), factor=2.0), digits=3, short="FLOPs"),
        Metric("netscore", "NetScore Ω", "", f"Ω = 20 log10(a^α / (p^β m^γ)), {DEFAULT_WEIGHTS.text()}",
               r"\Omega = 20 \log_{10}\left(\frac{a^\alpha}{p^\beta\, m^\gamma}\right),\ " + DEFAULT_WEIGHTS.tex(),
               HIGHER, "wong2018netscore",
               "Balance of accuracy against architectural complexity (parameters) and computational complexity (MACs), "
               "on a logarithmic scale; a in %, p in M-params, m in G-MACs.",
               NETSCORE, digits=2, short="NetScore"),
        Metric("info_density", "Information density", "%/M-params", "top-1 / p", r"\frac{a}{p}", HIGHER,
               "canziani2016analysis",
               "Accuracy per million parameters: how well a network uses its parameters.",
               Formula((("top1", 1), ("params_m", -1))), digits=2, short="information density"),
        Metric("top1_per_gmac", "Accuracy per G-MAC", "%/G-MACs", "top-1 / m", r"\frac{a}{m}", HIGHER,
               "canziani2016analysis",
               "Accuracy per billion multiply-accumulates: how well a network uses its computation "
               "(after Canziani et al.'s accuracy against operations).",
               Formula((("top1", 1), ("macs_g", -1))), digits=1, short="accuracy per G-MAC"),
    ]
}

# Metrics a user may rank by (the explorer and `build.py rank`).
RANKABLE = ("netscore", "top1", "info_density", "top1_per_gmac", "top5", "params_m", "macs_g")

