"""The charts registry: each chart declared once, built as a plain Plotly figure dict.

Figures use template "none" plus one small layout of ours (see TECH-NOTES), plain
lists (no numpy), fixed ids, and sorted iteration, so the same rows always give
the same JSON. Text from the registry is HTML-escaped before it reaches a hover
label (Plotly renders a subset of HTML there).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from .metrics import DEFAULT_WEIGHTS, HIGHER, LOWER, METRICS
from .pareto import pareto_front
from .selection import curated, paper_set

# Okabe & Ito's colour-blind-safe palette, and marker shapes so colour is never the only cue.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star")
FONT = "Helvetica, Arial, sans-serif"
MAX_BLOB_PX = 46


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    caption: str
    build: Callable[[list[dict]], dict]
    data_columns: tuple[str, ...]
    labels: tuple[tuple[str, str], ...] = ()  # (column, label) for data columns that are not metrics


def family_order(rows: list[dict]) -> list[tuple[str, str]]:
    """(group, family) pairs in legend order: groups by name, families by name within each."""
    return sorted({(r.get("group") or r["family"], r["family"]) for r in rows}, key=lambda gf: (gf[0].lower(), gf[1].lower()))


def family_styles(rows: list[dict]) -> dict[str, tuple[str, str]]:
    """A fixed (colour, symbol) per family: the colour tells the group, the shape the family within it."""
    styles, groups = {}, []
    for group, family in family_order(rows):
        if group not in groups:
            groups.append(group)
        members = [f for g, f in family_order(rows) if g == group]
        gi, fi = groups.index(group), members.index(family)
        styles[family] = (PALETTE[gi % len(PALETTE)], SYMBOLS[(fi + gi // len(PALETTE)) % len(SYMBOLS)] + ("" if fi < len(SYMBOLS) else "-open"))
    return styles


def page_url(nid: str) -> str:
    """Site-root-relative URL of a network's page."""
    return f"networks/{nid}/"


def _fmt(value, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def hover_text(r: dict) -> str:
    """A network's hover label (HTML: registry text escaped); explorer-core.js's hoverText writes the same."""
    family = html.escape(r["family"]) + ("" if r.get("year") is None else f", {r['year']}")
    return (f"<b>{html.escape(r['name'])}</b><br>{family}<br>"
            f"top-1 {_fmt(r['top1'], 2)} %<br>{_fmt(r['macs_g'], 3)} G-MACs<br>{_fmt(r['params_m'], 2)} M params<br>"
            f"NetScore {_fmt(r['netscore'], 2)}")


def _layout(title: str, **extra) -> dict:
    layout = {
        "title": {"text": html.escape(title), "x": 0.01, "xanchor": "left"},
        "font": {"family": FONT, "size": 13},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 55},
        "hovermode": "closest",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": True,
    }
    layout.update(extra)
    return layout


def _axis(title: str, **extra) -> dict:
    axis = {"title": {"text": title}, "gridcolor": "rgba(128,128,128,0.25)", "zeroline": False, "automargin": True}
    axis.update(extra)
    return axis


def complete(rows: list[dict], *keys: str) -> list[dict]:
    return [r for r in rows if all(r.get(k) is not None for k in keys)]


def ball_chart(rows: list[dict], x_key: str, title: str, x_label: str | None = None, x_better: str = LOWER,
               hover=None) -> dict:
    """Canziani-style ball chart: top-1 against x on a log axis, blob area proportional to parameters.
    x_better says which way along x is better (the Pareto front's direction); `hover` makes a row's hover label."""
    pts = complete(rows, "top1", "params_m", x_key)
    styles = family_styles(rows)
    max_params = max((r["params_m"] for r in pts), default=1.0)
    sizeref = 2.0 * max_params / MAX_BLOB_PX**2
    traces = []
    present = {r["family"] for r in pts}
    for group, family in family_order(rows):
        if family not in present:
            continue
        members = sorted((r for r in pts if r["family"] == family), key=lambda r: r["id"])
        colour, symbol = styles[family]
        traces.append({
            "type": "scatter", "mode": "markers", "name": html.escape(family), "legendgroup": html.escape(group),
            "legendgrouptitle": {"text": html.escape(group)},
            "x": [r[x_key] for r in members], "y": [r["top1"] for r in members],
            "marker": {"size": [r["params_m"] for r in members], "sizemode": "area", "sizeref": sizeref, "sizemin": 4,
                       "color": colour, "symbol": symbol, "opacity": 0.75, "line": {"width": 1, "color": "rgba(0,0,0,0.6)"}},
            "text": [(hover or hover_text)(r) for r in members],
            "customdata": [[r["id"], page_url(r["id"])] for r in members],
            "hovertemplate": "%{text}<extra></extra>",
        })
    front_ids = pareto_front([(r["id"], r[x_key], r["top1"]) for r in pts], x_better=x_better)
    by_id = {r["id"]: r for r in pts}
    traces.append({
        "type": "scatter", "mode": "lines", "name": "Pareto front", "line": {"color": "#888888", "dash": "dot", "width": 2, "shape": "hv"},
        "x": [by_id[i][x_key] for i in front_ids], "y": [by_id[i]["top1"] for i in front_ids],
        "hoverinfo": "skip", "customdata": [[i, page_url(i)] for i in front_ids],
    })
    x_label = x_label or ("G-MACs (log scale)" if x_key == "macs_g" else "M-params (log scale)")
    return {"data": traces, "layout": _layout(
        title, height=560,
        xaxis=_axis(x_label, type="log"), yaxis=_axis("Top-1 accuracy (%)"),
        legend={"title": {"text": "Family (click to hide or show)"}, "itemsizing": "constant",
                "font": {"size": 11}, "groupclick": "toggleitem", "tracegroupgap": 6},
    )}


def bar_chart(rows: list[dict], key: str) -> dict:
    """Horizontal bars sorted best-first (best at the top), one bar per network."""
    metric = METRICS[key]
    pts = complete(rows, key)
    pts.sort(key=lambda r: (metric.sort_key(r[key]), r["name"]))
    pts.reverse()  # Plotly draws the first category at the bottom
    styles = family_styles(rows)
    unit = f" ({metric.unit})" if metric.unit else ""
    return {"data": [{
        "type": "bar", "orientation": "h", "name": html.escape(metric.label),
        "y": [html.escape(r["name"]) for r in pts], "x": [r[key] for r in pts],
        "marker": {"color": [styles[r["family"]][0] for r in pts], "line": {"width": 0}},
        "text": [hover_text(r) for r in pts],
        "customdata": [[r["id"], page_url(r["id"])] for r in pts],
        "hovertemplate": "%{text}<extra></extra>", "textposition": "none",
    }], "layout": _layout(
        f"{metric.label}{unit}", height=max(320, 18 * len(pts) + 90), showlegend=False,
        margin={"l": 10, "r": 20, "t": 50, "b": 45},
        xaxis=_axis(f"{'higher' if metric.better == HIGHER else 'lower'} is better"),
        yaxis=_axis("", type="category", tickfont={"size": 10}),
        bargap=0.25,
    )}


CHARTS: dict[str, Chart] = {c.id: c for c in [
    Chart("ball-macs", "Top-1 accuracy against MACs",
          "Each blob is a network: top-1 accuracy against G-MACs (log scale); blob area is proportional to the "
          "number of parameters; colour gives the group of families and shape the family. The dotted line is the Pareto front: no network "
          "is both cheaper and more accurate than a network on it. Up and to the left is better.",
          lambda rows: ball_chart(curated(rows), "macs_g", "Top-1 accuracy against G-MACs (blob area ∝ parameters)"),
          ("name", "family", "top1", "macs_g", "params_m", "pareto_macs")),
    Chart("ball-params", "Top-1 accuracy against parameters",
          "Top-1 accuracy against M-params (log scale); blob area is proportional to the parameters too. The dotted "
          "line is the Pareto front of accuracy against parameters. Up and to the left is better.",
          lambda rows: ball_chart(curated(rows), "params_m", "Top-1 accuracy against M-params (blob area ∝ parameters)"),
          ("name", "family", "top1", "params_m", "macs_g", "pareto_params")),
    Chart("figure1-top1", "Figure 1 (left): top-1 accuracy",
          "The NetScore paper's networks sorted by top-1 accuracy (%), rebuilt from this registry's sourced numbers.",
          lambda rows: bar_chart(paper_set(rows), "top1"), ("name", "top1")),
    Chart("figure1-density", "Figure 1 (middle): information density",
          "The NetScore paper's networks sorted by information density (top-1 % per million parameters).",
          lambda rows: bar_chart(paper_set(rows), "info_density"), ("name", "top1", "params_m", "info_density")),
    Chart("figure1-netscore", "Figure 1 (right): NetScore",
          f"The NetScore paper's networks sorted by NetScore Ω ({DEFAULT_WEIGHTS.text()}).",
          lambda rows: bar_chart(paper_set(rows), "netscore"), ("name", "top1", "params_m", "macs_g", "netscore")),
]}


def figure_json(figure: dict) -> str:
    """Deterministic, compact JSON of a figure (no NaN: missing values are never plotted)."""
    return json.dumps(figure, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)



def charts_for(rows: list[dict], measurements=None) -> dict[str, Chart]:
    """Every chart of a build: the static charts above, then those the registry's measurements declare (one speed
    chart and one MACs-against-time chart per device, and the robustness chart), in the order of data/devices.yaml.
    Their captions carry what depends on the data (counts, Spearman's rho), so they are declared per build."""
    from . import speed_charts as sc

    out = dict(CHARTS)
    if measurements is None:
        return out
    measures = {t["device"]: t for t in measurements.tables}
    per_device = [sc.device_charts(rows, key, device, measures[key], ball_chart, hover_text, _layout, _axis, Chart)
                  for key, device in measurements.devices.items() if key in measures]
    for kind in range(2):  # every device's speed chart, then every device's MACs-against-time chart
        out.update({charts[kind].id: charts[kind] for charts in per_device})
    robust = sc.robustness_chart(rows, _layout, _axis, Chart)
    if robust is not None:
        out[robust.id] = robust
    return out
