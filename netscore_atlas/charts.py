"""The charts registry: each chart declared once, built as a plain Plotly figure dict.

Figures use template "none" plus one small layout of ours (see TECH-NOTES), plain
lists (no numpy), fixed ids, and sorted iteration, so the same rows always give
the same JSON. Text from the registry is HTML-escaped before it reaches a hover
label (Plotly renders a subset of HTML there).

Why dicts and not plotly.graph_objects: the dict is exactly the JSON the page, the
embed and kaleido receive (graph_objects would add its default template, about 7 KB
and 12 ms per figure, unless stripped again, and would have to be turned back into
this JSON byte for byte). Property names are still checked by plotly's own
validators: tests/test_charts.py builds every chart, and its print style, into a
plotly.graph_objects.Figure, which refuses any unknown property.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from .labels import REACH, Frame, Label, Point, annotations, fit_range, place
from .metrics import DEFAULT_WEIGHTS, HIGHER, LOWER, METRICS
from .pareto import pareto_front
from .selection import curated, paper_set
from .style import BALL_OPACITY, FONT, FRONT_LINE, LINE_LIGHT, MARKER_PATHS, SITE_BALLS, SIZE_KEY, BallScale, Styles


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    caption: str
    build: Callable[[list[dict], Styles, "Chart"], dict]
    data_columns: tuple[str, ...]
    landmarks: tuple[str, ...] = ()  # ids of networks a ball chart labels besides its Pareto front
    labels: tuple[tuple[str, str], ...] = ()  # (column, label) for data columns that are not metrics

    def figure(self, rows: list[dict], styles: Styles) -> dict:
        return self.build(rows, styles, self)


def family_order(rows: list[dict], styles: Styles) -> list[tuple[str, str]]:
    """(group, family) pairs of the rows in key order: groups, then families, as families.yaml lists them."""
    present = {r["family"] for r in rows}
    listed = [(g, f) for g in styles.groups for f in styles.families[g] if f in present]
    unlisted = sorted((styles.group(r), r["family"]) for r in rows if r["family"] not in styles.group_of)
    return listed + sorted(set(unlisted))


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
        "showlegend": False,  # the key is beside the chart (chart_key), not Plotly's legend
    }
    layout.update(extra)
    return layout


def _axis(title: str, **extra) -> dict:
    axis = {"title": {"text": title}, "gridcolor": "rgba(128,128,128,0.25)", "zeroline": False, "automargin": True}
    axis.update(extra)
    return axis


def complete(rows: list[dict], *keys: str) -> list[dict]:
    return [r for r in rows if all(r.get(k) is not None for k in keys)]


@dataclass(frozen=True)
class SiteLayout:
    """How a chart is laid out at a range of chart widths (px of its element): atlas.js picks the layout whose
    range holds the element's width, and draws the labels placed for it. Margins are fixed (no automargin), so
    the plot area's size is known at build time."""
    name: str
    min_width: int
    max_width: int
    height: int
    margin: tuple[int, int, int, int]  # left, right, top, bottom
    font_px: int
    label_px: int
    title_px: int
    title_top: int  # px from the chart's top to the title's top; on narrow charts the modebar's row is above it

    def frame_size(self) -> tuple[tuple[float, float], float]:
        """The plot area's widths (narrowest, widest) and height, in px."""
        left, right, top, bottom = self.margin
        return (self.min_width - left - right, self.max_width - left - right), self.height - top - bottom


SITE_LAYOUTS = (
    SiteLayout("phone-small", 280, 340, 680, (44, 10, 62, 44), 11, 9, 14, 32),
    SiteLayout("phone", 340, 440, 680, (44, 10, 62, 44), 11, 9, 14, 32),
    SiteLayout("tablet", 440, 620, 616, (48, 12, 62, 48), 12, 10, 15, 32),
    SiteLayout("desktop", 620, 1000, 620, (58, 16, 44, 50), 13, 11, 16, 10),  # 620 px: every label of the front
    SiteLayout("wide", 1000, 2600, 620, (58, 16, 44, 50), 13, 11, 16, 10),     # and the landmarks finds room (182 networks)
)


def ball_points(figure: dict, balls: BallScale = SITE_BALLS) -> list[Point]:
    """Every ball of a ball chart, with its radius in px at the given scale (floor applied)."""
    out = []
    for trace in figure["data"]:
        if trace.get("mode") != "markers":
            continue
        for x, y, size, cd in zip(trace["x"], trace["y"], trace["marker"]["size"], trace["customdata"]):
            out.append(Point(cd[0], x, y, max(balls.floor_px, math.sqrt(2 * size / balls.sizeref())) / 2))
    return out


def ball_frame(points: list[Point], x_log: bool, widths: tuple[float, float], height: float, font_px: float) -> Frame:
    """A frame whose axis ranges fit every ball whole at the narrowest width (and at the given height)."""
    reach = [p.radius * REACH for p in points]
    return Frame(fit_range([(p.x, r) for p, r in zip(points, reach)], widths[0], x_log, pad_px=4),
                 fit_range([(p.y, r) for p, r in zip(points, reach)], height, False, pad_px=4, extra_hi_px=2 * font_px + 8),
                 x_log, widths, height, font_px)


def labelled_layout(figure: dict, frame: Frame, balls: BallScale = SITE_BALLS) -> dict:
    """The axis ranges of a ball chart in one frame, and its labels placed there, each [index into
    figure['atlas']['labels'], dx, dy (px, up positive), 1 if drawn with a leader line]; labels that found no
    place are left out."""
    wanted = [(nid, html.unescape(text)) for nid, text in figure["atlas"]["labels"]]  # measured as shown
    index = {nid: i for i, (nid, _) in enumerate(wanted)}
    placed, _dropped = place(ball_points(figure, balls), wanted, frame)
    return {"xaxis": {"range": [round(v, 4) for v in frame.x_range]},
            "yaxis": {"range": [round(v, 3) for v in frame.y_range]},
            "labels": [[index[lab.id], round(lab.dx, 1), round(lab.dy, 1), int(lab.leader)] for lab in placed],
            "label_px": frame.font_px}


def label_annotations(figure: dict, layout: dict, balls: BallScale = SITE_BALLS) -> list[dict]:
    """Plotly annotations of the labels placed for one layout (what atlas.js builds in the browser)."""
    points = {p.id: p for p in ball_points(figure, balls)}
    wanted = figure["atlas"]["labels"]
    placed = [Label(wanted[i][0], html.unescape(wanted[i][1]), dx, dy, bool(leader)) for i, dx, dy, leader in layout["labels"]]
    return annotations(placed, points, figure["layout"]["xaxis"].get("type") == "log", layout["label_px"])


def site_layouts(figure: dict) -> list[dict]:
    """The chart's layout for each SiteLayout: what atlas.js merges into figure['layout'] at that width, and for
    ball charts the labels placed for it (see labelled_layout)."""
    out = []
    ball = figure["atlas"]["kind"] == "ball"
    points = ball_points(figure) if ball else []
    for spec in SITE_LAYOUTS:
        left, right, top, bottom = spec.margin
        layout = {"margin": {"l": left, "r": right, "t": top, "b": bottom}, "font": {"size": spec.font_px},
                  "title": {"font": {"size": spec.title_px}, "yref": "container", "yanchor": "top", "y": 1.0, "pad": {"t": spec.title_top}}}
        entry = {"name": spec.name, "min_width": spec.min_width, "max_width": spec.max_width, "layout": layout}
        if ball:
            layout["height"] = spec.height
            widths, height = spec.frame_size()
            frame = ball_frame(points, figure["layout"]["xaxis"].get("type") == "log", widths, height, spec.label_px)
            placed = labelled_layout(figure, frame)
            layout["xaxis"], layout["yaxis"] = placed.pop("xaxis"), placed.pop("yaxis")
            entry.update(placed)
        elif figure["atlas"]["kind"] == "scatter":  # no labels: the axes fit the data (autorange), their ticks the margins
            layout["height"] = spec.height
        else:  # bars: the names' width is added to the left margin by automargin
            layout["margin"].update(l=4, r=6 if spec.max_width <= 620 else 16)
            layout["yaxis"] = {"tickfont": {"size": spec.label_px}}
        out.append(entry)
    return out


def merge(base: dict, extra: dict) -> dict:
    """`base` with `extra` merged in, nested dicts merged key by key (lists replaced)."""
    out = dict(base)
    for k, v in extra.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


AXIS_LABELS = {"macs_g": "G-MACs (log scale)", "params_m": "M-params (log scale)"}


def ball_chart(rows: list[dict], x_key: str, title: str, styles: Styles, landmarks: tuple[str, ...] = (),
               x_label: str | None = None, x_better: str = LOWER, hover: Callable[[dict], str] | None = None) -> dict:
    """Canziani-style ball chart: top-1 against `x_key` on a log axis, ball area proportional to parameters.
    `x_better` says which way along x is better (a cost: LOWER; a throughput: HIGHER), the Pareto front's direction;
    `hover` makes a row's hover label (default hover_text). Labelled: the networks on the Pareto front, then the
    `landmarks` drawn."""
    pts = complete(rows, "top1", "params_m", x_key)
    balls = SITE_BALLS
    traces = []
    for group, family in family_order(pts, styles):
        members = sorted((r for r in pts if r["family"] == family), key=lambda r: r["id"])
        symbol = styles.marker(family)
        traces.append({
            "type": "scatter", "mode": "markers", "name": html.escape(family), "legendgroup": html.escape(group),
            "x": [r[x_key] for r in members], "y": [r["top1"] for r in members],
            "marker": {"size": [balls.marker_size(r["params_m"], symbol) for r in members], "sizemode": "area",
                       "sizeref": balls.sizeref(), "sizemin": balls.sizemin(), "color": styles.colour(group), "symbol": symbol,
                       "opacity": BALL_OPACITY, "line": {"width": 1, "color": LINE_LIGHT}},
            "text": [(hover or hover_text)(r) for r in members],
            "customdata": [[r["id"], page_url(r["id"])] for r in members],
            "hovertemplate": "%{text}<extra></extra>", "cliponaxis": False,
        })
    front_ids = pareto_front([(r["id"], r[x_key], r["top1"]) for r in pts], x_better=x_better)
    by_id = {r["id"]: r for r in pts}
    traces.append({
        "type": "scatter", "mode": "lines", "name": "Pareto front", "line": dict(FRONT_LINE, shape="hv"),
        "x": [by_id[i][x_key] for i in front_ids], "y": [by_id[i]["top1"] for i in front_ids],
        "hoverinfo": "skip", "customdata": [[i, page_url(i)] for i in front_ids],
    })
    labelled = list(front_ids) + [i for i in landmarks if i in by_id and i not in front_ids]
    if x_label is None:
        metric = METRICS[x_key]
        x_label = AXIS_LABELS.get(x_key) or (f"{metric.label} ({metric.unit}, log scale)" if metric.unit else f"{metric.label} (log scale)")
    figure = {"data": traces, "layout": _layout(
        title, xaxis=_axis(x_label, type="log", automargin=False), yaxis=_axis("Top-1 accuracy (%)", automargin=False),
    ), "atlas": {"kind": "ball", "labels": [[i, html.escape(by_id[i]["name"])] for i in labelled]}}
    figure["atlas"]["layouts"] = site_layouts(figure)
    figure["layout"] = merge(figure["layout"], figure["atlas"]["layouts"][-2]["layout"])  # atlas.js picks one by width
    return figure


def bar_chart(rows: list[dict], key: str, styles: Styles) -> dict:
    """Horizontal bars sorted best-first (best at the top), one bar per network, coloured by group: one trace
    per group (its legend entry), all on one category axis in the sorted order."""
    metric = METRICS[key]
    pts = complete(rows, key)
    pts.sort(key=lambda r: (metric.sort_key(r[key]), r["name"]))
    pts.reverse()  # Plotly draws the first category at the bottom
    unit = f" ({metric.unit})" if metric.unit else ""
    traces = []
    for group in dict.fromkeys(g for g, _ in family_order(pts, styles)):
        members = [r for r in pts if styles.group(r) == group]
        traces.append({
            "type": "bar", "orientation": "h", "name": html.escape(group), "legendgroup": html.escape(group),
            "y": [html.escape(r["name"]) for r in members], "x": [r[key] for r in members],
            "marker": {"color": styles.colour(group), "line": {"width": 0}},
            "text": [hover_text(r) for r in members],
            "customdata": [[r["id"], page_url(r["id"])] for r in members],
            "hovertemplate": "%{text}<extra></extra>", "textposition": "none",
        })
    figure = {"data": traces, "layout": _layout(
        f"{metric.label}{unit}", height=max(320, 16 * len(pts) + 100),
        margin={"l": 8, "r": 16, "t": 44, "b": 45},
        xaxis=_axis(f"{'higher' if metric.better == HIGHER else 'lower'} is better"),
        yaxis=_axis("", type="category", categoryorder="array", categoryarray=[html.escape(r["name"]) for r in pts],
                    tickfont={"size": 10}),
        bargap=0.25, barmode="overlay",
    ), "atlas": {"kind": "bar"}}
    figure["atlas"]["layouts"] = site_layouts(figure)
    figure["layout"] = merge(figure["layout"], figure["atlas"]["layouts"][-2]["layout"])
    return figure


# Networks readers look for, labelled on both ball charts besides the Pareto front (where the chart draws them).
LANDMARKS = ("alexnet", "vgg_16", "googlenet", "resnet_50", "squeezenet_v1_0",
             "mobilenet_v1_1_0_224", "mobilenet_v2_1_0", "vit_b_16", "swin_t")

CHARTS: dict[str, Chart] = {c.id: c for c in [
    Chart("ball-macs", "Top-1 accuracy against MACs",
          "Each ball is a network: top-1 accuracy against G-MACs (log scale); ball area is proportional to the "
          "number of parameters (see the size key); colour gives the group of families and shape the family. The dotted line is the "
          "Pareto front: no network is both cheaper and more accurate than a network on it. The networks on it and a few landmarks "
          "are labelled. Up and to the left is better.",
          lambda rows, styles, chart: ball_chart(curated(rows), "macs_g", "Top-1 accuracy against G-MACs", styles, chart.landmarks),
          ("name", "family", "top1", "macs_g", "params_m", "pareto_macs"), LANDMARKS),
    Chart("ball-params", "Top-1 accuracy against parameters",
          "Top-1 accuracy against M-params (log scale); ball area is proportional to the parameters too. The dotted "
          "line is the Pareto front of accuracy against parameters; the networks on it and a few landmarks are labelled. "
          "Up and to the left is better.",
          lambda rows, styles, chart: ball_chart(curated(rows), "params_m", "Top-1 accuracy against M-params", styles,
                                               chart.landmarks),
          ("name", "family", "top1", "params_m", "macs_g", "pareto_params"), LANDMARKS),
    Chart("figure1-top1", "Figure 1 (left): top-1 accuracy",
          "The NetScore paper's networks sorted by top-1 accuracy (%), rebuilt from this registry's sourced numbers.",
          lambda rows, styles, chart: bar_chart(paper_set(rows), "top1", styles), ("name", "top1")),
    Chart("figure1-density", "Figure 1 (middle): information density",
          "The NetScore paper's networks sorted by information density (top-1 % per million parameters).",
          lambda rows, styles, chart: bar_chart(paper_set(rows), "info_density", styles), ("name", "top1", "params_m", "info_density")),
    Chart("figure1-netscore", "Figure 1 (right): NetScore",
          f"The NetScore paper's networks sorted by NetScore Ω ({DEFAULT_WEIGHTS.text()}).",
          lambda rows, styles, chart: bar_chart(paper_set(rows), "netscore", styles), ("name", "top1", "params_m", "macs_g", "netscore")),
]}


def chart_key(figure: dict, balls: BallScale = SITE_BALLS) -> dict:
    """What the key beside a chart shows: its groups (colour, and the families with their marker shapes, on ball
    charts) and, on ball charts, reference balls for the size key. Names are plain text (templates escape them)."""
    groups: dict[str, dict] = {}
    for trace in figure["data"]:
        if trace.get("mode") == "lines" or "legendgroup" not in trace:
            continue
        g = groups.setdefault(trace["legendgroup"], {"legendgroup": trace["legendgroup"], "name": html.unescape(trace["legendgroup"]),
                                                     "colour": trace["marker"]["color"], "families": []})
        if trace["type"] == "scatter" and figure["atlas"]["kind"] == "ball":
            symbol = trace["marker"]["symbol"]
            g["families"].append({"name": html.unescape(trace["name"]), "symbol": symbol, "path": MARKER_PATHS.get(symbol, "")})
    key = {"groups": list(groups.values()), "sizes": [], "extras": []}
    if figure["atlas"]["kind"] == "scatter":  # its lines (y = x, a fit) are explained beside the groups
        key["extras"] = [{"kind": "line", "label": html.unescape(t["name"]), "colour": t["line"]["color"], "dash": t["line"].get("dash", "solid")}
                         for t in figure["data"] if t.get("mode") == "lines"]
    if figure["atlas"]["kind"] == "ball":
        key["sizes"] = [{"params": p, "diameter": round(balls.diameter(p), 1)} for p in SIZE_KEY]
        key["floor_px"], key["floor_params"] = balls.floor_px, round(balls.floor_params, 1)
    return key


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
    per_device = [sc.device_charts(rows, key, device, measures[key]) for key, device in measurements.devices.items() if key in measures]
    for kind in range(2):  # every device's speed chart, then every device's MACs-against-time chart
        out.update({charts[kind].id: charts[kind] for charts in per_device})
    robust = sc.robustness_chart(rows)
    if robust is not None:
        out[robust.id] = robust
    return out
