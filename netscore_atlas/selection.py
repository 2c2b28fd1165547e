"""Selection: which networks a view holds. The sets, the budgets and the filters, on derived rows.

The command line (`build.py rank`), the pages, the charts, the leaderboard and the explorer (both through the
explorer's golden cases) choose networks with these, so a set, a budget or a filter means the same everywhere.
A user's own networks (rows marked `mine`) belong to every set and pass the family, training-data and year
filters, but not the budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CURATED = "curated"
PAPER_SET = "netscore2018"  # the NetScore paper's 60 networks (Wong 2018)
# The sets a view may show, in the order of the explorer's menu and `build.py rank --set`.
SETS = (CURATED, PAPER_SET, "imported", "all")
# Each set in words, after a count ("115 curated networks"): the explorer's and the leaderboard's counts say which set.
SET_WORDS = {CURATED: "curated networks", PAPER_SET: "networks of the NetScore paper's set",
             "imported": "imported library entries", "all": "networks, curated and imported"}
REQUIRED = ("top1", "params_m", "macs_g")  # what a network needs to be placed on a view


def is_curated(row: dict) -> bool:
    """A row of the curated registry (data/networks/), not an imported library table's entry. Rows of your own
    networks (build.py rank --add) carry no collection and count as curated."""
    return row.get("collection", CURATED) == CURATED


def in_paper_set(row: dict) -> bool:
    return PAPER_SET in row["sets"]


def in_set(row: dict, which: str) -> bool:
    """Whether a row belongs to one of SETS; your own networks belong to every set."""
    if which == "all" or row.get("mine"):
        return True
    if which == PAPER_SET:
        return in_paper_set(row)
    return is_curated(row) if which == CURATED else not is_curated(row)


def curated(rows: Iterable[dict]) -> list[dict]:
    """The curated registry (data/networks/); imported library tables are shown in the explorer."""
    return [r for r in rows if is_curated(r)]


def paper_set(rows: Iterable[dict]) -> list[dict]:
    return [r for r in rows if in_paper_set(r)]


def complete(row: dict) -> bool:
    """Has top-1, parameters and MACs: can be ranked on every metric and drawn on the ball chart."""
    return all(row.get(k) is not None for k in REQUIRED)


LATENCY, THROUGHPUT = "latency", "throughput"  # what a device's table measured (measurements.UNITS)


class SpeedBudgetError(ValueError):
    """A speed bound that does not fit the device (a latency bound on a throughput table, or the other way)."""


@dataclass(frozen=True)
class SpeedBudget:
    """A device and, for it, a bound on its measured speed: the networks measured on the device (exact matches,
    derive's row["speed"]) within the bound. A latency bound needs a device whose table measured latency (ms per
    image at batch 1), a throughput bound one that measured throughput (images/s): the two cannot stand for each
    other (see the methodology). No device: no speed budget."""

    device: str | None = None
    measure: str | None = None  # LATENCY or THROUGHPUT: what the device's table measured
    max_latency_ms: float | None = None
    min_throughput: float | None = None

    def __post_init__(self):
        if self.max_latency_ms is not None and self.measure != LATENCY:
            raise SpeedBudgetError(f"a latency budget (ms per image) needs a device measured as a latency; {self.device} "
                                   f"was measured as a {self.measure or 'nothing'}")
        if self.min_throughput is not None and self.measure != THROUGHPUT:
            raise SpeedBudgetError(f"a throughput budget (images/s) needs a device measured as a throughput; {self.device} "
                                   f"was measured as a {self.measure or 'nothing'}")

    def admits(self, row: dict) -> bool:
        if self.device is None:
            return True
        value = (row.get("speed") or {}).get(self.device)
        if value is None:
            return False  # not measured on the device (a network of yours never is)
        if self.max_latency_ms is not None and value > self.max_latency_ms:
            return False
        return self.min_throughput is None or value >= self.min_throughput


@dataclass(frozen=True)
class Budget:
    """Upper bounds on MACs and parameters, a lower bound on top-1, a speed budget on a device; None = no bound."""

    max_gmacs: float | None = None
    max_params_m: float | None = None
    min_top1: float | None = None
    speed: SpeedBudget = SpeedBudget()

    def admits(self, row: dict) -> bool:
        if self.max_gmacs is not None and row["macs_g"] > self.max_gmacs:
            return False
        if self.max_params_m is not None and row["params_m"] > self.max_params_m:
            return False
        if self.min_top1 is not None and row["top1"] < self.min_top1:
            return False
        return self.speed.admits(row)


@dataclass(frozen=True)
class Selection:
    """A set, a budget, and the families, training data and years to keep (empty families or training = all;
    None = no bound). `training` holds training classes (training.CLASSES: 'imagenet-1k', 'extra-data',
    'distilled'); a row of unknown training data passes only when there is no training filter."""

    which: str = CURATED
    budget: Budget = Budget()
    families: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None
    training: tuple[str, ...] = ()

    def admits(self, row: dict) -> bool:
        """For a complete row: in the set, within the budget and, unless it is yours, the families, the training
        data and the years."""
        if not in_set(row, self.which) or not self.budget.admits(row):
            return False
        if row.get("mine"):
            return True
        if self.families and row["family"] not in self.families:
            return False
        if self.training and row.get("training_class") not in self.training:
            return False
        return self.admits_year(row.get("year"))

    def admits_year(self, year: int | None) -> bool:
        """Within the years; a network of unknown year (imported entries) only when there is no year bound."""
        if self.year_min is None and self.year_max is None:
            return True
        if year is None:
            return False
        return (self.year_min is None or year >= self.year_min) and (self.year_max is None or year <= self.year_max)


def select(rows: Iterable[dict], selection: Selection) -> list[dict]:
    """The complete rows the selection admits, in their order."""
    return [r for r in rows if complete(r) and selection.admits(r)]
