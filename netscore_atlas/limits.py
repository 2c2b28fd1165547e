"""Limits, declared once: what real networks show, and what a value may be.

The registry's validator, the checks on a user's network (mine.py) and the explorer's view (through its
payload) all read these; nothing else states them.
"""

from __future__ import annotations

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

# What a view (the explorer's URL and controls) accepts; a value outside is ignored, as if not given.
BUDGET_RANGE = (1e-9, 1e6)  # max G-MACs, max M-params
ACCURACY_RANGE = (0.0, MAX_ACCURACY)  # min top-1
WEIGHT_RANGE = (0.0, 100.0)  # NetScore's alpha, beta, gamma
YEAR_RANGE = (1900, 2200)
LATENCY_BUDGET_RANGE = (1e-6, 1e7)  # max ms per image on a device measured as a latency
THROUGHPUT_BUDGET_RANGE = (0.0, 1e9)  # min images/s on a device measured as a throughput


def macs_per_param(params_m: float, macs_g: float) -> float:
    """MACs per parameter of a network: 1000 * G-MACs / M-params."""
    return 1000.0 * macs_g / params_m
