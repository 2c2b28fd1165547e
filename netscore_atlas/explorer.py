"""The explorer: its payload, and the declarations its JavaScript reads instead of restating them.

The payload carries the registry's raw values and `spec`: the metrics (label, unit, digits, direction and
formula, from metrics.py), the default weights, the limits (limits.py), the sets (selection.py), the checks'
number pattern (mine.py) and the view's URL parameters (VIEW_PARAMS below). The browser's pure core
(site_src/assets/javascripts/explorer-core.js) computes with these, and is tested against this package's
functions (golden cases written by tests/explorer_cases.py, run by `node --test`).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from . import limits, mine, training
from .measurements import device_view
from .metrics import DEFAULT_WEIGHTS, METRICS, Metric
from .rivals import RIVALS
from .selection import CURATED, LATENCY, PAPER_SET, SET_WORDS, SETS, THROUGHPUT, complete, curated
from .style import FADED_COLOUR, FRONT_LINE, IMPORTED_COLOUR, MARKER_AREA, MINE_COLOUR, SITE_BALLS, Styles

# The metrics a user may rank by on the explorer, in the order of the menu 'Rank by'.
EXPLORER_METRICS = ("netscore", "top1", "info_density", "top1_per_gmac")
# The number columns of the explorer's table, in order.
TABLE_METRICS = ("top1", "params_m", "macs_g", "netscore", "info_density", "top1_per_gmac")
# Figure 1's three bar charts, redrawn with your networks.
FIGURE1_METRICS = ("top1", "info_density", "netscore")
NETWORK_FIELDS = ("id", "name", "family", "year", "top1", "top5", "params_m", "macs_g", "sets", "training_data",
                  "training_class", "collection",
                  "speed")  # speed: device -> measured value, exact matches only (derive.measurement_columns)


@dataclass(frozen=True)
class Param:
    """One URL parameter of a view. The view holds it under the same name. Kinds: 'number' (lo to hi, lo left out
    when `above`), 'year' (a number rounded to a whole year), 'choice' (one of `choices`), 'families' (repeated; the
    registry's curated families), 'choices' (repeated; each one of `choices`, kept in their order), 'mine'
    (repeated: NAME:TOP1:PARAMS_M:GMACS), 'device' (a key of the payload's devices). A value it does not accept is
    ignored (the default holds) and named in a note with `rule()`; an empty value is as if not given. A speed bound
    that does not fit the device's measure (a latency bound on a throughput device, any bound without a device) is
    dropped (fit_speed)."""

    name: str
    kind: str
    lo: float | None = None
    hi: float | None = None
    above: bool = False
    choices: tuple[str, ...] = ()
    default: object = None

    def rule(self) -> str:
        """Why a value was ignored, after 'must be' or as a whole reason: what the parameter accepts."""
        if self.kind in ("number", "year"):
            year = self.kind == "year"
            return "must be " + limits.Range(self.lo, self.hi, self.above).rule("a year" if year else "a number", grouped=not year)
        if self.kind in ("choice", "choices"):
            return "must be one of " + ", ".join(self.choices)
        if self.kind == "families":
            return "not a family of the registry"
        if self.kind == "device":
            return "not a device measured on this site"
        return "not a network: " + mine.SPEC_FORMAT

    def spec(self) -> dict:
        return {"name": self.name, "kind": self.kind, "lo": self.lo, "hi": self.hi, "above": self.above,
                "choices": list(self.choices), "default": self.default, "rule": self.rule()}


# Why a value is ignored that is not about its parameter's range (the notes' wording, with Param.rule).
REPEATED = "given more than once: the first counts"
UNKNOWN = "not a setting of this page"
NO_DEVICE = "a speed bound needs a device (device=)"
OTHER_MEASURE = "the chosen device is measured by its {measure}"  # {measure}: latency or throughput


def _weight(name: str) -> Param:
    return Param(name, "number", *limits.WEIGHT_RANGE, default=getattr(DEFAULT_WEIGHTS, name))


# Every URL parameter of a view, in the order a link writes them. A new control adds its parameter here.
VIEW_PARAMS = (
    Param("max_gmacs", "number", *limits.BUDGET_RANGE),
    Param("max_params_m", "number", *limits.BUDGET_RANGE),
    Param("min_top1", "number", *limits.ACCURACY_RANGE),
    Param("metric", "choice", choices=EXPLORER_METRICS, default=EXPLORER_METRICS[0]),
    _weight("alpha"), _weight("beta"), _weight("gamma"),
    Param("family", "families", default=[]),
    Param("training", "choices", choices=tuple(training.CLASSES), default=[]),  # training classes; none = all
    Param("year_min", "year", *limits.YEAR_RANGE),
    Param("year_max", "year", *limits.YEAR_RANGE),
    Param("set", "choice", choices=SETS, default=CURATED),
    Param("colour", "choice", choices=("family", "year"), default="family"),
    Param("mine", "mine", default=[]),
    Param("device", "device"),
    Param("max_latency_ms", "number", *limits.LATENCY_BUDGET_RANGE),
    Param("min_throughput", "number", *limits.THROUGHPUT_BUDGET_RANGE),
)
# Which bound goes with which measure: the bound parameter of a device measured as a latency or a throughput.
SPEED_BOUNDS = {LATENCY: "max_latency_ms", THROUGHPUT: "min_throughput"}


def metric_spec(m: Metric) -> dict:
    formula = None if m.compute is None else {"terms": [list(t) for t in m.compute.terms], "factor": m.compute.factor,
                                              "log_scale": m.compute.log_scale}
    return {"label": m.label, "short": m.short or m.label, "unit": m.unit, "digits": m.digits, "better": m.better,
            "formula": formula}


def spec() -> dict:
    """What the explorer's JavaScript knows, all of it declared in Python."""
    return {
        "metrics": {key: metric_spec(m) for key, m in METRICS.items()},
        "rank_by": list(EXPLORER_METRICS), "table": list(TABLE_METRICS), "compared": list(mine.COMPARED),
        "figure1": list(FIGURE1_METRICS),
        "weights": {"alpha": DEFAULT_WEIGHTS.alpha, "beta": DEFAULT_WEIGHTS.beta, "gamma": DEFAULT_WEIGHTS.gamma},
        "limits": {"macs_per_param_min": limits.MACS_PER_PARAM_MIN, "macs_per_param_max": limits.MACS_PER_PARAM_MAX,
                   "max_params_m": limits.MAX_PARAMS_M, "max_macs_g": limits.MAX_MACS_G,
                   "min_params_m": limits.MIN_PARAMS_M, "min_macs_g": limits.MIN_MACS_G, "mine_max": limits.MINE_MAX,
                   "max_accuracy": limits.MAX_ACCURACY, "name_max": limits.NAME_MAX},
        "sets": {"all": list(SETS), "curated": CURATED, "paper": PAPER_SET, "words": SET_WORDS},
        "params": [p.spec() for p in VIEW_PARAMS], "reasons": {"repeated": REPEATED, "unknown": UNKNOWN, "no_device": NO_DEVICE, "other_measure": OTHER_MEASURE},
        "training_labels": training.CLASSES, "fields": [list(f) for f in mine.FIELDS], "accuracies": list(mine.ACCURACIES), "number_pattern": mine.NUMBER_PATTERN, "space": mine.SPACE,
        "spec_format": mine.SPEC_FORMAT, "rivals": RIVALS, "speed_bounds": SPEED_BOUNDS,
    }


def fit_speed(values: dict, devices: list[dict], ignored: list[dict] | None = None, given: dict | None = None) -> dict:
    """Keep only the speed bound that fits the view's device (its measure's, SPEED_BOUNDS); none without a device.
    The command line refuses such a bound instead (selection.SpeedBudget); a link or a control drops it, and a bound
    the link gave is noted on `ignored` (its first value in `given`) with the reason."""
    device = next((d for d in devices if d["key"] == values.get("device")), None)
    for measure, name in SPEED_BOUNDS.items():
        if device is not None and device["measure"] == measure:
            continue
        if ignored is not None and values[name] is not None:
            raw = next(v for v in given[name] if v != "")
            ignored.append({"param": name, "value": raw,
                            "reason": NO_DEVICE if device is None else OTHER_MEASURE.format(measure=device["measure"])})
        values[name] = None
    return values


def device_entries(measurements) -> list[dict]:
    """The devices a view may budget on, in the order of data/devices.yaml: what the explorer's menu and its
    best-under-budget sentence say of each (measurements.device_view)."""
    if measurements is None:
        return []
    return [device_view(key, measurements) for key in measurements.devices if any(t["device"] == key for t in measurements.tables)]


def explorer_payload(rows: list[dict], version: dict, styles: Styles, measurements=None) -> dict:
    usable = [r for r in rows if complete(r)]
    return {
        "devices": device_entries(measurements),
        "version": version["short_hash"],
        "networks": [{k: r[k] for k in NETWORK_FIELDS} for r in usable],
        "collections": sorted({r["collection"] for r in usable}),
        "incomplete": len(rows) - len(usable),
        "styles": {f: [styles.family_colour(f), styles.marker(f)] for f in sorted({r["family"] for r in curated(usable)})},
        "groups": {r["family"]: r.get("group") or r["family"] for r in rows},
        "spec": spec(),
        "chart": chart_style(),
    }


def chart_style() -> dict:
    """How the explorer's ball chart draws, from style.py: the ball scale, each marker's area, the colours of
    imported entries, your networks, faded points and the front."""
    return {"sizeref": SITE_BALLS.sizeref(), "sizemin": SITE_BALLS.sizemin(), "areas": MARKER_AREA,
            "imported": IMPORTED_COLOUR, "mine": MINE_COLOUR, "faded": FADED_COLOUR, "front": FRONT_LINE}


def explorer_key(rows: list[dict], styles: Styles) -> dict:
    """The key below the explorer's chart (templates/_key.html.j2): the curated families by group, the size key,
    and what the explorer adds (imported entries, your networks, faded points, the front)."""
    from .charts import chart_key, family_order
    from .style import MARKER_PATHS

    groups: dict[str, dict] = {}
    for group, family in family_order(curated([r for r in rows if complete(r)]), styles):
        g = groups.setdefault(group, {"legendgroup": html.escape(group), "name": group, "colour": styles.colour(group), "families": []})
        symbol = styles.marker(family)
        g["families"].append({"name": family, "symbol": symbol, "path": MARKER_PATHS.get(symbol, "")})
    sizes = chart_key({"data": [], "atlas": {"kind": "ball"}})
    return dict(sizes, groups=list(groups.values()), extras=[
        {"kind": "imported", "label": "imported library tables (open circles, when the set includes them)", "colour": IMPORTED_COLOUR},
        {"kind": "mine", "label": "your networks", "colour": MINE_COLOUR},
        {"kind": "faded", "label": "outside the view (grey, faint)", "colour": FADED_COLOUR},
        {"kind": "front", "label": "Pareto front of the view", "colour": FRONT_LINE["color"]},
    ])


def explorer_json(rows: list[dict], version: dict, styles: Styles, measurements=None) -> str:
    return json.dumps(explorer_payload(rows, version, styles, measurements), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), allow_nan=False)
