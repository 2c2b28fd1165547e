"""Limits, declared once: what real networks show, and what a value may be.

The registry's validator, the checks on a user's network (mine.py) and the explorer's view (through its
payload) all read these; nothing else states them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# What real ImageNet networks show: MACs per parameter (1000 * G-MACs / M-params).
# AlexNet has about 12, MobileNetV3-Small about 22, SqueezeNet about 690, high-resolution
# fine-tuned networks go past 1,000. Outside [MACS_PER_PARAM_MIN, MACS_PER_PARAM_MAX] a
# unit is probably off (FLOPs taken as MACs double it; millions taken as billions x1000):
# a warning, for the registry and for a user's network alike, since a real design can
# pass it (a small network at a high resolution).
MACS_PER_PARAM_MIN = 2.0
MACS_PER_PARAM_MAX = 3000.0
# A value this large cannot be in the registry's unit: it is 1000x off. An error.
MAX_PARAMS_M = 20_000.0  # 20 billion parameters
MAX_MACS_G = 20_000.0  # 20 trillion MACs per image
MAX_ACCURACY = 100.0  # top-1 and top-5 are percentages
# A value this small cannot be a real ImageNet classifier (its last layer alone has 1,000 outputs): an error, so that
# NetScore and the per-parameter and per-MAC metrics cannot explode (1e-300 parameters topped the leaderboard).
# The smallest networks in the registry have 0.27 M parameters and 0.03 G-MACs (timm's test models).
MIN_PARAMS_M = 0.01  # 10,000 parameters
MIN_MACS_G = 0.001  # 1 million MACs per image

# A user's network: the longest name kept.
NAME_MAX = 120
# Networks of yours in one view (mine= in a link, the form, pasted CSV): the first MINE_MAX are placed, the rest
# left out with a note (a link with 10,000 of them froze the explorer for 30 s at every change).
MINE_MAX = 200



@dataclass(frozen=True)
class Range:
    """The numbers an option or a URL parameter accepts: lo to hi, lo itself left out when `above` (a budget of 0
    admits no network, so it is refused like a negative one). `rule()` says it in words; the command line's errors
    and the explorer's and leaderboard's notes on an ignored value all use it (through the payload's spec)."""

    lo: float
    hi: float
    above: bool = False  # lo is not accepted, only numbers greater than it

    def __iter__(self):
        """lo, hi, above: a Range spreads into explorer.Param(name, kind, *RANGE)."""
        return iter((self.lo, self.hi, self.above))

    def admits(self, x: float) -> bool:
        return math.isfinite(x) and (x > self.lo if self.above else x >= self.lo) and x <= self.hi

    def rule(self, what: str = "a number", grouped: bool = True) -> str:
        """'a number from 0 to 100', 'a number greater than 0 and at most 1,000,000', 'a year from 1900 to 2200'."""
        lo, hi = number_words(self.lo, grouped), number_words(self.hi, grouped)
        return f"{what} greater than {lo} and at most {hi}" if self.above else f"{what} from {lo} to {hi}"


def number_words(x: float, grouped: bool = True) -> str:
    """A bound as a rule writes it: whole numbers with thousands separators (1,000,000; not years), others as g."""
    return (f"{int(x):,}" if grouped else str(int(x))) if float(x).is_integer() else f"{x:g}"


# What a view (the explorer's URL and controls) and `build.py rank` accept; a view ignores a value outside (with a
# note that names it and this rule), the command line refuses it.
BUDGET_RANGE = Range(0.0, 1e6, above=True)  # max G-MACs, max M-params
ACCURACY_RANGE = Range(0.0, MAX_ACCURACY)  # min top-1
WEIGHT_RANGE = Range(0.0, 100.0)  # NetScore's alpha, beta, gamma
YEAR_RANGE = Range(1900, 2200)
LATENCY_BUDGET_RANGE = Range(0.0, 1e7, above=True)  # max ms per image on a device measured as a latency
THROUGHPUT_BUDGET_RANGE = Range(0.0, 1e9)  # min images/s on a device measured as a throughput


def macs_per_param(params_m: float, macs_g: float) -> float:
    """MACs per parameter of a network: 1000 * G-MACs / M-params."""
    return 1000.0 * macs_g / params_m
