"""Charts of measured speed and robustness, built with the shared chart functions of charts.py.

- speed-<device>: top-1 against the device's measured latency (CPU, batch 1) or throughput (GPU), one chart per
  device, with the ball conventions (area = parameters, colour = group, shape = family) and the Pareto front;
  curated networks with an exact match only.
- macs-time-<device>: how well MACs predict speed on that device: time per image against MACs, log-log, one point
  per implementation measured (MACs as the benchmark table counts them), with Spearman's rank correlation.
- robustness-imagenetv2: timm's top-1 on ImageNet against its top-1 on ImageNetV2, for the same weights.

Each chart is declared from the registry's devices (device_charts) beside the static charts of charts.py, and drawn
with its conventions: the speed charts are ball charts (charts.ball_chart: labelled Pareto front, size key, site
layouts per width, print variants); the two scatter charts take their colours from style.py (curated networks in
their group's colour, the library's other implementations grey, its weights as imported entries are drawn
everywhere) and carry
figure["atlas"] = {"kind": "scatter"}, so that the key below the chart and the printed key describe their traces.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from .charts import LANDMARKS, Chart, _axis, _layout, ball_chart, hover_text, merge, site_layouts
from .measurements import table_conditions
from .metrics import HIGHER, LOWER
from .style import FADED_COLOUR, FIT_LINE, IMPORTED_COLOUR, LINE_LIGHT, REFERENCE_LINE, Styles


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks 1..n of the values, ties sharing the mean of their positions (as Spearman's rho needs)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mean = (i + j) / 2.0 + 1.0  # positions i..j (0-based) share rank mean(i+1..j+1)
        for k in range(i, j + 1):
            ranks[order[k]] = mean
        i = j + 1
    return ranks


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation: Pearson's correlation of the average ranks (ties handled); None below 3 points."""
    return pearson(average_ranks(xs), average_ranks(ys))


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """Slope and intercept of the least-squares line y = a x + b."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return a, my - a * mx


def short_label(device: dict) -> str:
    """The device's label without its parenthesis ('Core i7-12700H (laptop CPU)' -> 'Core i7-12700H'): chart titles
    must fit a phone's width."""
    return device["label"].split(" (")[0]


def speed_axis(device: dict, measure: str) -> tuple[str, str]:
    """Axis title and which direction is better for a device's measure (the device is named in the chart's title)."""
    if measure == "latency":
        return "Latency, ms per image at batch 1 (log scale)", LOWER
    return "Throughput, images/s (log scale)", HIGHER


def implementation_points(rows: list[dict], device: str) -> list[dict]:
    """One point per implementation measured on the device (exact matches): its MACs as the benchmark counts them,
    its time per image, and the curated networks it stands for. Weights of one architecture share one point."""
    points: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        value = (r.get("speed") or {}).get(device)
        impl = r.get("speed_implementation")
        if value is None or impl is None or r.get("speed_macs_g") is None:
            continue
        p = points.setdefault(impl, {"implementation": impl, "macs_g": r["speed_macs_g"], "value": value, "networks": [], "curated": [],
                                     "curated_ids": [], "rows": []})
        p["networks"].append(r["id"])
        if r.get("collection", "curated") == "curated":
            p["curated"].append(r["name"])
            p["curated_ids"].append(r["id"])
            p["rows"].append(r)
    return [points[k] for k in sorted(points)]


def ms_per_image(value: float, measure: str) -> float:
    return value if measure == "latency" else 1000.0 / value


def scatter_figure(data: list[dict], title: str, x_title: str, y_title: str, x_log: bool) -> dict:
    """A scatter chart of the site's conventions: no Plotly legend (the key below it: charts.chart_key), one layout
    per width (charts.site_layouts), print variants (figures.print_style)."""
    log = {"type": "log", "dtick": 1} if x_log else {}  # log axes: decades only (the 2s and 5s between them crowd a phone)
    figure = {"data": data, "layout": _layout(title, xaxis=_axis(x_title, **log), yaxis=_axis(y_title, **log)),
              "atlas": {"kind": "scatter"}}
    figure["atlas"]["layouts"] = site_layouts(figure)
    figure["layout"] = merge(figure["layout"], figure["atlas"]["layouts"][-2]["layout"])  # atlas.js picks one by width
    return figure


def _points_trace(pts: list[dict], measure: str, name: str, group: str, marker: dict) -> dict:
    return {"type": "scatter", "mode": "markers", "name": html.escape(name), "legendgroup": html.escape(group),
            "x": [p["macs_g"] for p in pts], "y": [ms_per_image(p["value"], measure) for p in pts], "marker": marker,
            "text": [_hover(p, measure) for p in pts], "hovertemplate": "%{text}<extra></extra>",
            # the network named in the chart's CSV; a click opens a curated network's page
            "customdata": [[p["curated_ids"][0], f"networks/{p['curated_ids'][0]}/"] if p["curated_ids"] else [p["networks"][0], ""]
                           for p in pts]}


def macs_time_figure(points: list[dict], device: dict, measure: str, styles: Styles) -> dict:
    """Time per image against MACs, log-log: the curated networks' implementations in their group's colour and their
    family's marker, the library's other implementations as grey open circles (context, as faded points elsewhere)."""
    others = [p for p in points if not p["curated"]]
    data = [_points_trace(others, measure, "other timm implementations", "other timm implementations",
                          {"size": 6, "color": FADED_COLOUR, "symbol": "circle-open", "opacity": 0.8, "line": {"width": 1}})] if others else []
    by_group: dict[str, list[dict]] = {}
    for p in points:
        if p["curated"]:
            by_group.setdefault(styles.group(p["rows"][0]), []).append(p)
    for group in [g for g in styles.groups if g in by_group] + sorted(g for g in by_group if g not in styles.groups):
        pts = by_group[group]
        data.append(_points_trace(pts, measure, group, group, {
            "size": 9, "color": styles.colour(group), "opacity": 0.9, "line": {"width": 1, "color": LINE_LIGHT},
            "symbol": [styles.marker(p["rows"][0]["family"]) for p in pts]}))
    # (no one-character word in this rotated title: a printed figure's text size is measured by its words' boxes)
    unit = "ms per image, batch size one" if measure == "latency" else "ms per image, 1000/throughput"
    return scatter_figure(data, f"Time per image against MACs, {short_label(device)}",
                          "G-MACs as timm counts them (log scale)", f"{unit} (log scale)", True)


def _hover(p: dict, measure: str) -> str:
    impl = p["implementation"].split(":", 1)[-1]
    speed = f"{p['value']:.2f} ms/image" if measure == "latency" else f"{p['value']:,.0f} images/s"
    names = f"<br>{html.escape(', '.join(p['curated']))}" if p["curated"] else ""
    return f"<b>{html.escape(impl)}</b>{names}<br>{p['macs_g']:.2f} G-MACs<br>{speed}"


def speed_rows(rows: list[dict], device: str) -> list[dict]:
    """Curated rows with an exact measurement on the device, each with `speed_x` (its value there)."""
    return [dict(r, speed_x=r["speed"][device]) for r in rows
            if r.get("collection", "curated") == "curated" and (r.get("speed") or {}).get(device) is not None]


def speed_ball_chart(rows: list[dict], device: dict, device_key: str, measure: str, styles: Styles,
                     landmarks: tuple[str, ...] = LANDMARKS) -> dict:
    """Top-1 against the device's measured latency or throughput: the ball chart's conventions (labelled Pareto front
    in the measure's direction, landmarks, size key)."""
    label, better = speed_axis(device, measure)

    def hover(r: dict) -> str:
        speed = f"{r['speed_x']:.2f} ms per image" if measure == "latency" else f"{r['speed_x']:,.0f} images/s"
        return f"{hover_text(r)}<br>{speed} on the {html.escape(device['label'])}"

    title = f"Top-1 against {'latency' if measure == 'latency' else 'throughput'}, {short_label(device)}"
    return ball_chart(speed_rows(rows, device_key), "speed_x", title, styles, landmarks, x_label=label, x_better=better, hover=hover)


def robustness_points(rows: list[dict]) -> list[dict]:
    """Rows evaluated by the library on both ImageNet (their top-1: for imported weights, the library's own evaluation)
    and ImageNetV2."""
    return [r for r in rows if r.get("imagenetv2_top1") is not None and r.get("top1") is not None
            and r.get("collection", "curated") != "curated"]


def robustness_figure(rows: list[dict]) -> dict:
    pts = sorted(robustness_points(rows), key=lambda r: r["id"])
    xs, ys = [r["top1"] for r in pts], [r["imagenetv2_top1"] for r in pts]
    fit = least_squares(xs, ys)
    lo, hi = (min(xs + ys), max(xs + ys)) if pts else (0.0, 100.0)
    data = [{"type": "scatter", "mode": "markers", "name": "timm weights", "legendgroup": "timm weights",
             "x": xs, "y": ys, "marker": {"size": 5, "color": IMPORTED_COLOUR, "symbol": "circle-open", "line": {"width": 1}},
             "text": [f"<b>{html.escape(r['name'])}</b><br>ImageNet {r['top1']:.2f} %<br>ImageNetV2 {r['imagenetv2_top1']:.2f} %"
                      for r in pts],
             "hovertemplate": "%{text}<extra></extra>", "customdata": [[r["id"], ""] for r in pts]},
            {"type": "scatter", "mode": "lines", "name": "y = x (no drop)", "x": [lo, hi], "y": [lo, hi],
             "line": dict(REFERENCE_LINE), "hoverinfo": "skip"}]
    if fit:
        a, b = fit
        data.append({"type": "scatter", "mode": "lines", "name": f"least squares: y = {a:.3f} x {'+' if b >= 0 else '−'} {abs(b):.2f}",
                     "x": [min(xs), max(xs)], "y": [a * min(xs) + b, a * max(xs) + b],
                     "line": dict(FIT_LINE), "hoverinfo": "skip"})
    return scatter_figure(data, "ImageNetV2 against ImageNet top-1 (timm)", "ImageNet-1k validation top-1 (%)",
                          "ImageNetV2 (matched frequency) top-1 (%)", False)


def device_charts(rows: list[dict], key: str, device: dict, table: dict) -> list[Chart]:
    """The two charts of one device: top-1 against its speed, and its time per image against MACs."""
    measure = table["measure"]
    n_curated = len(speed_rows(rows, key))
    points = implementation_points(rows, key)
    xs, ys = [p["macs_g"] for p in points], [ms_per_image(p["value"], measure) for p in points]
    rho = spearman(xs, ys)
    rho_text = "not computed (fewer than 3 points)" if rho is None else f"{rho:.2f}"
    what = "latency (ms per image at batch 1)" if measure == "latency" else "throughput (images/s)"
    direction = ("Up and to the left is better: no network on the front is both faster and more accurate than another."
                 if measure == "latency" else
                 "Up and to the right is better: no network on the front is both faster and more accurate than another.")
    speed_key = f"speed_{key}"
    speed_label = f"{'Latency' if measure == 'latency' else 'Throughput'} on the {device['label']} ({table['unit']})"
    time_note = ("the latency itself" if measure == "latency" else
                 "1000 / throughput, a time per image amortised over the batch, not a latency")
    return [
        Chart(f"speed-{key}", f"Top-1 accuracy against {what.split(' (')[0]} on the {device['label']}",
              f"Each ball is a curated network with an exact match to one of timm's implementations ({n_curated} networks): "
              f"its top-1 accuracy (the paper's) against timm's measured {what} on the {device['name']} "
              f"({table_conditions(table)}), log scale; ball area is proportional to the parameters (see the size key); colour "
              f"gives the group of families and shape the family. The dotted line is the Pareto front; the networks on it and "
              f"a few landmarks are labelled. {direction} Speeds belong to timm's implementations, accuracies to the papers' weights.",
              lambda rows, styles, chart, key=key: speed_ball_chart(rows, device, key, measure, styles, chart.landmarks),
              ("name", "family", "top1", "params_m", speed_key, "speed_implementation"), LANDMARKS,
              ((speed_key, speed_label), ("speed_implementation", "Implementation measured"))),
        Chart(f"macs-time-{key}", f"How well MACs predict speed on the {device['label']}",
              f"Each point is one of timm's implementations measured on the {device['name']} ({len(points)} implementations at "
              f"their resolutions; {table_conditions(table)}): its time per image ({time_note}) against its MACs as timm's "
              f"benchmark counts them, both on log scales. Filled, in their group's colour and family's shape: the "
              f"implementations of curated networks; grey open circles: timm's other implementations. "
              f"Spearman's rank correlation between MACs and time per image: ρ = {rho_text} (1 would mean MACs order "
              f"the implementations exactly as their measured times do).",
              lambda rows, styles, chart, key=key: macs_time_figure(implementation_points(rows, key), device, measure, styles),
              ("name", "speed_implementation", "speed_macs_g", speed_key), (),
              ((speed_key, speed_label), ("speed_implementation", "Implementation measured"),
               ("speed_macs_g", "MACs as timm's benchmark counts them (G)"))),
    ]


def robustness_chart(rows: list[dict]) -> Chart | None:
    pts = robustness_points(rows)
    if not pts:
        return None
    fit = least_squares([r["top1"] for r in pts], [r["imagenetv2_top1"] for r in pts])
    gaps = sorted(r["top1"] - r["imagenetv2_top1"] for r in pts)
    median_gap = gaps[len(gaps) // 2] if len(gaps) % 2 else (gaps[len(gaps) // 2 - 1] + gaps[len(gaps) // 2]) / 2
    below = sum(1 for g in gaps if g > 0)
    fit_text = "" if fit is None else f" The solid line is the least-squares fit, ImageNetV2 = {fit[0]:.3f} × ImageNet {'+' if fit[1] >= 0 else '−'} {abs(fit[1]):.2f}."
    return Chart("robustness-imagenetv2", "Top-1 on ImageNetV2 against top-1 on ImageNet",
                 f"Each point is one of timm's weights ({len(pts)}): timm's top-1 on the ImageNet-1k validation set against its "
                 f"top-1 on ImageNetV2 (matched frequency), both timm's evaluations of its own weights, not the papers'. "
                 f"The dotted line is y = x: {below} of the {len(pts)} weights lie below it (a median drop of {median_gap:.1f} "
                 f"points from ImageNet to ImageNetV2).{fit_text}",
                 lambda rows, styles, chart: robustness_figure(rows),
                 ("name", "top1", "imagenetv2_top1", "real_top1", "sketch_top1", "imagenet_r_top1", "imagenet_a_top1"), (),
                 (("top1", "ImageNet top-1, timm's evaluation (%)"), ("imagenetv2_top1", "ImageNetV2 top-1 (%)"),
                  ("real_top1", "ImageNet-ReaL top-1 (%)"), ("sketch_top1", "ImageNet-Sketch top-1 (%)"),
                  ("imagenet_r_top1", "ImageNet-R top-1, 200 classes (%)"), ("imagenet_a_top1", "ImageNet-A top-1, 200 classes (%)")))
