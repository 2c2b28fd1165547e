"""A user's own networks: the checks on what they typed, their metrics, and their place among the registry's.

One checker: `build.py rank --add` uses `parse_spec`, and the explorer's JavaScript checks a form, a pasted
line or a link with the same rules and the same messages (tested against golden cases written from here).
The rules are the registry validator's, with its limits (limits.py): what the validator refuses is an
error, what it warns about is a warning. So more than 3,000 MACs per parameter is a warning, the network
is still placed: the registry admits such networks too (a small network at a high resolution).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .limits import MACS_PER_PARAM_MAX, MACS_PER_PARAM_MIN, MAX_ACCURACY, MAX_MACS_G, MAX_PARAMS_M, MIN_MACS_G, MIN_PARAMS_M, NAME_MAX, macs_per_param
from .metrics import METRICS, NetScoreWeights
from .pareto import dominates
from .ranking import percentile, rank_among

# The metrics on which a network of yours is ranked against the registry's, in the order they are shown.
COMPARED = ("netscore", "top1", "info_density", "top1_per_gmac", "params_m", "macs_g")
# The fields of a network of yours: (key, what a message calls it, required).
FIELDS = (("top1", "top-1", True), ("params_m", "parameters", True), ("macs_g", "MACs", True),
          ("top5", "top-5", False), ("resolution", "resolution", False))
ACCURACIES = ("top1", "top5")  # percentages
# Numbers in decimal notation only: what Python's float() and JavaScript's Number() read alike
# (no '0x10', '1_000', 'Infinity'). The explorer receives this pattern in its payload.
NUMBER_PATTERN = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
NUMBER = re.compile(NUMBER_PATTERN)
SPACE = " \t\r\n"  # trimmed from both ends of every field
SPEC_FORMAT = "NAME:TOP1:PARAMS_M:GMACS"


@dataclass(frozen=True)
class Finding:
    """One problem with one field, said to the user beside that field."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Checked:
    """A network of yours as typed: its values (None where absent or wrong) and what is wrong or odd."""

    net: dict
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


def _number(raw: str | None, key: str, label: str, required: bool, errors: list[Finding]) -> float | None:
    text = (raw or "").strip(SPACE)
    if not text:
        if required:
            errors.append(Finding(key, f"{label} is needed"))
        return None
    if not NUMBER.match(text):
        errors.append(Finding(key, f"{json.dumps(text, ensure_ascii=False)} is not a number"))
        return None
    x = float(text)
    if not math.isfinite(x):
        errors.append(Finding(key, f"{json.dumps(text, ensure_ascii=False)} is not a finite number"))
        return None
    if x <= 0:
        errors.append(Finding(key, f"{label} must be greater than 0"))
        return None
    return x


def _ranges(net: dict) -> list[Finding]:
    """Errors where a value cannot be in its unit (the validator's errors)."""
    out = []
    labels = {key: label for key, label, _ in FIELDS}
    for key in ACCURACIES:
        if net[key] is not None and net[key] > MAX_ACCURACY:
            out.append(Finding(key, f"{labels[key]} is a percentage: at most {MAX_ACCURACY:,.0f}"))
    if net["top5"] is not None and net["top1"] is not None and net["top5"] < net["top1"]:
        out.append(Finding("top5", "top-5 cannot be below top-1"))
    if net["params_m"] is not None and net["params_m"] > MAX_PARAMS_M:
        out.append(Finding("params_m", f"more than {MAX_PARAMS_M:,.0f} M parameters: parameters are in millions"))
    if net["macs_g"] is not None and net["macs_g"] > MAX_MACS_G:
        out.append(Finding("macs_g", f"more than {MAX_MACS_G:,.0f} G-MACs: MACs are in billions"))
    if net["params_m"] is not None and net["params_m"] < MIN_PARAMS_M:
        out.append(Finding("params_m", f"fewer than {MIN_PARAMS_M:g} M parameters: parameters are in millions"))
    if net["macs_g"] is not None and net["macs_g"] < MIN_MACS_G:
        out.append(Finding("macs_g", f"fewer than {MIN_MACS_G:g} G-MACs: MACs are in billions"))
    return out


def _plausibility(net: dict) -> list[Finding]:
    """Warnings where the units are probably off (the validator's warnings)."""
    ratio = macs_per_param(net["params_m"], net["macs_g"])
    if ratio > MACS_PER_PARAM_MAX:
        return [Finding("macs_g", f"{ratio:,.0f} MACs per parameter is more than real networks show: "
                                  "are these FLOPs (2 per multiply-add) or millions of MACs?")]
    if ratio < MACS_PER_PARAM_MIN:
        return [Finding("macs_g", f"{ratio:,.2f} MACs per parameter is less than real networks show: check the units")]
    return []


def check(fields: Mapping[str, str | None]) -> Checked:
    """Check one network given as text: name, top1, params_m, macs_g, and optionally top5 and resolution."""
    errors: list[Finding] = []
    name = (fields.get("name") or "").strip(SPACE)
    if not name:
        errors.append(Finding("name", "give a name"))
    if len(name) > NAME_MAX:
        errors.append(Finding("name", f"at most {NAME_MAX} characters"))
    net: dict = {"name": name[:NAME_MAX]}
    for key, label, required in FIELDS:
        net[key] = _number(fields.get(key), key, label, required, errors)
    errors += _ranges(net)
    warnings = [] if errors else _plausibility(net)
    return Checked(net, errors, warnings)


def parse_spec(spec: str) -> Checked:
    """'Name:top1:params_m:macs_g' (the name may itself contain ':'), as in `--add` and the explorer's `mine=`."""
    parts = spec.split(":")
    if len(parts) < 4:
        return Checked({"name": None}, [Finding("spec", f"expected {SPEC_FORMAT}")])
    return check({"name": ":".join(parts[:-3]), "top1": parts[-3], "params_m": parts[-2], "macs_g": parts[-1]})


def with_metrics(row: dict, weights: NetScoreWeights) -> dict:
    """The row with every computed metric, at these weights."""
    return dict(row, **{key: m(row, weights) for key, m in METRICS.items() if m.derived})


def compare(mine: dict, registry: Iterable[dict]) -> dict:
    """Ranks and percentiles of one network against registry rows (which carry computed metrics), and the
    networks it dominates and is dominated by on top-1 against MACs."""
    registry = list(registry)
    count = len(registry) + 1
    ranks = {}
    for key in COMPARED:
        rank = rank_among(mine[key], (r[key] for r in registry), METRICS[key].better)
        ranks[key] = (rank, percentile(rank, count))
    beaten = sorted(r["name"] for r in registry if dominates(mine, r))
    beaten_by = sorted(r["name"] for r in registry if dominates(r, mine))
    return {"ranks": ranks, "dominates": beaten, "dominated_by": beaten_by, "pareto": not beaten_by, "count": count}
