"""Derive stage: one flat row per network, raw values beside computed ones.

Raw fields keep their names from data/ (`top1`, `params_m`, ...); computed
fields have names of their own (`netscore`, `rank_netscore`, `pareto_macs`, ...)
and never go back into data/.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .measurements import DATASETS, Measurements
from .metrics import DEFAULT_WEIGHTS, METRICS, NetScoreWeights
from .pareto import pareto_front
from .ranking import rank_values
from .selection import is_curated
from .training import training_class

QUANTITIES = ("top1", "top5", "params_m", "macs_g")
COMPUTED = ("flops_g", "netscore", "info_density", "top1_per_gmac")
RANKED = ("top1", "top5", "params_m", "macs_g", "netscore", "info_density", "top1_per_gmac")


@dataclass(frozen=True)
class Column:
    name: str
    unit: str
    kind: str  # "identity", "raw", "provenance", "computed"
    description: str


def _columns() -> list[Column]:
    cols = [
        Column("id", "", "identity", "Stable identifier of the network; its page is networks/<id>/."),
        Column("name", "", "identity", "Display name with the variant."),
        Column("family", "", "identity", "Architecture family."),
        Column("group", "", "identity", "Group of families (data/families.yaml): orders legends, gives chart colours."),
        Column("year", "year", "identity", "Year the network was first published."),
        Column("paper", "", "identity", "Bibliography key of the paper that introduced the network."),
        Column("resolution", "px", "identity", "Input resolution (square side) at which top-1 and MACs hold."),
        Column("training_data", "", "identity", "Training data of the reported weights (data/schema/network.schema.json lists the values)."),
        Column("training_class", "", "computed", "What the explorer and the leaderboard filter by, from training_data: "
                                                  "'imagenet-1k' (ImageNet-1k only), 'extra-data' or 'distilled'."),
        Column("sets", "", "identity", "Named collections, ';'-separated ('netscore2018' = the networks of the NetScore paper)."),
        Column("collection", "", "identity", "'curated' (data/networks/), or 'imported:<collection>' (data/imported/<collection>/, made by build.py import)."),
    ]
    for q in QUANTITIES:
        m = METRICS[q]
        cols.append(Column(q, m.unit, "raw", m.description + " Empty when not sourced (see `missing`)."))
        cols.append(Column(f"{q}_source", "", "provenance", f"Bibliography key of the source of {q}."))
        cols.append(Column(f"{q}_locator", "", "provenance", f"Where in that source {q} was read (table, page, file)."))
        cols.append(Column(f"{q}_resolution", "px", "provenance", f"Input resolution {q} holds for."))
    cols.append(Column("macs_g_counted_by", "", "provenance", "Who counted the MACs: 'paper' (the source's authors) or the tool or third party."))
    for d in DATASETS.values():
        cols.append(Column(d.column, "%", "raw", f"Top-1 on {d.label}: {d.description} The library's evaluation of its own weights "
                                                 "(timm's, for imported timm weights); empty for networks it did not evaluate."))
    cols.append(Column("robustness_evaluated_by", "", "provenance", "Whose evaluation the robustness columns are, and of which weights "
                                                                  "('timm results-*.csv at <version>, weights <architecture.tag>')."))
    cols.append(Column("speed_implementation", "", "provenance", "The implementation whose measured speeds are this network's "
                                                               "('timm:resnet50@224'); data/measurements.csv lists them, one row per device."))
    cols.append(Column("speed_macs_g", "G", "raw", "MACs of that implementation at its resolution as the benchmark table counts "
                                                  "them (timm's infer_gmacs), for comparing MACs with measured time on one counter."))
    cols.append(Column("speed_match", "", "provenance", "How that implementation matches the network: exact, approximate (another "
                                                      "resolution or variant: not used in charts or budgets) or none."))
    for key in COMPUTED:
        m = METRICS[key]
        cols.append(Column(key, m.unit, "computed", f"{m.description} Formula: {m.formula}. {m.better.capitalize()} is better."))
    cols.append(Column("pareto_macs", "bool", "computed", "On the Pareto front of top-1 against MACs (no network is both more accurate and cheaper)."))
    cols.append(Column("pareto_params", "bool", "computed", "On the Pareto front of top-1 against parameters."))
    for key in RANKED:
        m = METRICS[key]
        cols.append(Column(f"rank_{key}", "rank", "computed", f"Rank on {m.label} among networks that have it (1 = best; ties share a rank)."))
    cols.append(Column("missing", "", "provenance", "Quantities that could not be sourced, ';'-separated; the reasons are on the network's page."))
    cols.append(Column("registry_version", "", "provenance", "Version of the registry these values come from: '<version>+sha.<content hash>'."))
    return cols


COLUMNS = _columns()


def _round(x: float | None, digits: int = 6) -> float | None:
    """Rounded; None when missing or not finite (limits.py's floors keep metrics finite; downloads are strict JSON)."""
    return None if x is None or not math.isfinite(x) else round(x, digits)


def network_row(net: dict) -> dict:
    """The raw part of one network's row (no ranks, no fronts)."""
    row: dict = {k: net.get(k) for k in ("id", "name", "family", "year", "paper", "resolution", "training_data")}
    row["training_class"] = training_class(net.get("training_data"))
    row["sets"] = sorted(net.get("sets") or [])
    row["collection"] = f"imported:{net['imported']['collection']}" if net.get("imported") else "curated"
    for q in QUANTITIES:
        quantity = net.get(q) or {}
        row[q] = quantity.get("value")
        row[f"{q}_source"] = quantity.get("source")
        row[f"{q}_locator"] = quantity.get("locator")
        row[f"{q}_resolution"] = quantity.get("resolution", net.get("resolution")) if quantity else None
    row["macs_g_counted_by"] = (net.get("macs_g") or {}).get("counted_by")
    row["missing"] = sorted((net.get("missing") or {}).keys())
    return row


def measurement_columns(row: dict, measurements: Measurements) -> None:
    """Robustness columns, the speed link, and `speed` (device -> value of exact matches only: what charts, budgets
    and ranks use; approximate ones are listed on the network's page with what differs)."""
    evaluated = measurements.robustness.get(row["id"], {})
    for key, d in DATASETS.items():
        row[d.column] = evaluated[key]["top1"] if key in evaluated else None
    any_eval = next(iter(evaluated.values()), None)
    row["robustness_evaluated_by"] = (f"{any_eval['library']} {', '.join(sorted({e['file'] for e in evaluated.values()}))} at "
                                      f"{any_eval['version']}, weights {any_eval['weights']}") if any_eval else None
    link = measurements.links.get(row["id"])
    row["speed_match"] = link["match"] if link else None
    row["speed_implementation"] = (f"{link['library']}:{link['implementation']}@{link['resolution']}"
                                   if link and link["match"] != "none" else None)
    row["speed"] = measurements.exact_speed(row["id"])
    for device in measurements.devices:  # flat too, for chart tables and their CSV: speed_<device>
        row[f"speed_{device}"] = row["speed"].get(device)
    counted = [r["macs_g"] for r in measurements.speed.get(row["id"], []) if r["match"] == "exact" and r["macs_g"] is not None]
    row["speed_macs_g"] = counted[0] if counted else None


def derive_table(networks: list[dict], weights: NetScoreWeights = DEFAULT_WEIGHTS, groups: dict | None = None,
                 measurements: Measurements | None = None) -> list[dict]:
    """Rows for all networks, sorted by id, with every computed column."""
    rows = [network_row(n) for n in sorted(networks, key=lambda n: n["id"])]
    for row in rows:
        measurement_columns(row, measurements or Measurements())
    for row in rows:
        if is_curated(row):
            row["group"] = (groups or {}).get(row["family"], row["family"])
        else:
            row["group"] = f"Imported ({row['collection'].split(':', 1)[1]})"
    for row in rows:
        for key in COMPUTED:
            row[key] = _round(METRICS[key](row, weights))
    # Ranks and fronts are among the curated registry; imported entries are compared in the explorer.
    pool = [r for r in rows if is_curated(r)]
    for key in RANKED:
        ranks = rank_values({r["id"]: r[key] for r in pool}, METRICS[key])
        for row in rows:
            row[f"rank_{key}"] = ranks.get(row["id"])
    for axis, column in (("macs_g", "pareto_macs"), ("params_m", "pareto_params")):
        pts = [(r["id"], r[axis], r["top1"]) for r in pool if r[axis] is not None and r["top1"] is not None]
        front = set(pareto_front(pts))
        for row in rows:
            ok = is_curated(row) and row[axis] is not None and row["top1"] is not None
            row[column] = row["id"] in front if ok else None
    return rows
