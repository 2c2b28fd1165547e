"""Charts of measured speed and robustness, built with the shared chart functions of charts.py.

- speed-<device>: top-1 against the device's measured latency (CPU, batch 1) or throughput (GPU), one chart per
  device, with the ball conventions (area = parameters, colour = group, shape = family) and the Pareto front;
  curated networks with an exact match only.
- macs-time-<device>: how well MACs predict speed on that device: time per image against MACs, log-log, one point
  per implementation measured (MACs as the benchmark table counts them), with Spearman's rank correlation.
- robustness-imagenetv2: timm's top-1 on ImageNet against its top-1 on ImageNetV2, for the same weights.

Each chart is declared from the registry's devices (device_charts) beside the static charts of charts.py.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from .measurements import table_conditions
from .metrics import HIGHER, LOWER


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


def speed_axis(device: dict, measure: str) -> tuple[str, str]:
    """Axis title and which direction is better for a device's measure."""
    if measure == "latency":
        return f"Latency on the {device['label']}, ms per image at batch 1 (log scale)", LOWER
    return f"Throughput on the {device['label']}, images/s (log scale)", HIGHER


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
                                     "curated_ids": []})
        p["networks"].append(r["id"])
        if r.get("collection", "curated") == "curated":
            p["curated"].append(r["name"])
            p["curated_ids"].append(r["id"])
    return [points[k] for k in sorted(points)]


def ms_per_image(value: float, measure: str) -> float:
    return value if measure == "latency" else 1000.0 / value


def macs_time_figure(points: list[dict], device: dict, measure: str, rho: float | None, layout, axis) -> dict:
    """Time per image against MACs, log-log; curated networks' implementations ringed and named on hover."""
    def trace(pts, name, colour, size, line):
        return {"type": "scatter", "mode": "markers", "name": name,
                "x": [p["macs_g"] for p in pts], "y": [ms_per_image(p["value"], measure) for p in pts],
                "marker": {"size": size, "color": colour, "opacity": 0.7, "line": line},
                "text": [_hover(p, measure) for p in pts], "hovertemplate": "%{text}<extra></extra>",
                "customdata": [[(p["curated_ids"] or p["networks"])[0], ""] for p in pts]}  # the network named in its table
    others = [p for p in points if not p["curated"]]
    curated = [p for p in points if p["curated"]]
    unit = "ms per image at batch 1" if measure == "latency" else "ms per image (1000 / throughput, amortised over the batch)"
    rho_text = "–" if rho is None else f"{rho:.2f}"
    return {"data": [trace(others, "timm implementations", "rgba(120,120,120,0.55)", 6, {"width": 0}),
                     trace(curated, "the curated networks' implementations", "#0072B2", 9, {"width": 1.5, "color": "#000000"})],
            "layout": layout(f"Time per image against MACs, {device['label']} (ρ = {rho_text})", height=560,
                             xaxis=axis("G-MACs as timm's benchmark counts them (log scale)", type="log"),
                             yaxis=axis(f"{unit} (log scale)", type="log"),
                             legend={"orientation": "h", "y": -0.18, "x": 0})}


def _hover(p: dict, measure: str) -> str:
    impl = p["implementation"].split(":", 1)[-1]
    speed = f"{p['value']:.2f} ms/image" if measure == "latency" else f"{p['value']:,.0f} images/s"
    names = f"<br>{html.escape(', '.join(p['curated']))}" if p["curated"] else ""
    return f"<b>{html.escape(impl)}</b>{names}<br>{p['macs_g']:.2f} G-MACs<br>{speed}"


def speed_rows(rows: list[dict], device: str) -> list[dict]:
    """Curated rows with an exact measurement on the device, each with `speed_x` (its value there)."""
    return [dict(r, speed_x=r["speed"][device]) for r in rows
            if r.get("collection", "curated") == "curated" and (r.get("speed") or {}).get(device) is not None]


def speed_ball_chart(rows: list[dict], device: dict, device_key: str, measure: str, ball_chart, hover_text) -> dict:
    """Top-1 against the device's measured latency or throughput: the ball chart's conventions, its Pareto front
    in the measure's direction."""
    label, better = speed_axis(device, measure)
    unit = "ms/image" if measure == "latency" else "images/s"

    def hover(r: dict) -> str:
        speed = f"{r['speed_x']:.2f} ms per image" if measure == "latency" else f"{r['speed_x']:,.0f} images/s"
        return f"{hover_text(r)}<br>{speed} on the {html.escape(device['label'])}"

    title = f"Top-1 against {'latency' if measure == 'latency' else 'throughput'} ({unit}), {device['label']}"
    return ball_chart(speed_rows(rows, device_key), "speed_x", title, x_label=label, x_better=better, hover=hover)


def robustness_points(rows: list[dict]) -> list[dict]:
    """Rows evaluated by the library on both ImageNet (their top-1: for imported weights, the library's own evaluation)
    and ImageNetV2."""
    return [r for r in rows if r.get("imagenetv2_top1") is not None and r.get("top1") is not None
            and r.get("collection", "curated") != "curated"]


def robustness_figure(rows: list[dict], layout, axis) -> dict:
    pts = sorted(robustness_points(rows), key=lambda r: r["id"])
    xs, ys = [r["top1"] for r in pts], [r["imagenetv2_top1"] for r in pts]
    fit = least_squares(xs, ys)
    lo, hi = (min(xs + ys), max(xs + ys)) if pts else (0.0, 100.0)
    data = [{"type": "scatter", "mode": "markers", "name": "timm weights",
             "x": xs, "y": ys, "marker": {"size": 6, "color": "#0072B2", "opacity": 0.6},
             "text": [f"<b>{html.escape(r['name'])}</b><br>ImageNet {r['top1']:.2f} %<br>ImageNetV2 {r['imagenetv2_top1']:.2f} %"
                      for r in pts],
             "hovertemplate": "%{text}<extra></extra>", "customdata": [[r["id"], ""] for r in pts]},
            {"type": "scatter", "mode": "lines", "name": "y = x (no drop)", "x": [lo, hi], "y": [lo, hi],
             "line": {"color": "#888888", "dash": "dot", "width": 1.5}, "hoverinfo": "skip"}]
    if fit:
        a, b = fit
        data.append({"type": "scatter", "mode": "lines", "name": f"least squares: y = {a:.3f} x {'+' if b >= 0 else '−'} {abs(b):.2f}",
                     "x": [min(xs), max(xs)], "y": [a * min(xs) + b, a * max(xs) + b],
                     "line": {"color": "#D55E00", "width": 2}, "hoverinfo": "skip"})
    return {"data": data, "layout": layout("ImageNetV2 against ImageNet top-1 (timm's evaluations)", height=560,
                                           xaxis=axis("ImageNet-1k validation top-1 (%)"), yaxis=axis("ImageNetV2 (matched frequency) top-1 (%)"),
                                           legend={"orientation": "h", "y": -0.18, "x": 0})}


def device_charts(rows: list[dict], key: str, device: dict, table: dict, ball_chart, hover_text, layout, axis, Chart) -> list:
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
              f"Each blob is a curated network with an exact match to one of timm's implementations ({n_curated} networks): "
              f"its top-1 accuracy (the paper's) against timm's measured {what} on the {device['name']} "
              f"({table_conditions(table)}), log scale; blob area is proportional to the parameters; colour gives the group "
              f"of families and shape the family. The dotted line is the Pareto front. {direction} Speeds belong to timm's "
              f"implementations, accuracies to the papers' weights.",
              lambda rows, key=key: speed_ball_chart(rows, device, key, measure, ball_chart, hover_text),
              ("name", "family", "top1", "params_m", speed_key, "speed_implementation"),
              ((speed_key, speed_label), ("speed_implementation", "Implementation measured"))),
        Chart(f"macs-time-{key}", f"How well MACs predict speed on the {device['label']}",
              f"Each point is one of timm's implementations measured on the {device['name']} ({len(points)} implementations at "
              f"their resolutions; {table_conditions(table)}): its time per image ({time_note}) against its MACs as timm's "
              f"benchmark counts them, both on log scales. Ringed: the implementations of curated networks. "
              f"Spearman's rank correlation between MACs and time per image: ρ = {rho_text} (1 would mean MACs order "
              f"the implementations exactly as their measured times do).",
              lambda rows, key=key: macs_time_figure(implementation_points(rows, key), device, measure, rho, layout, axis),
              ("name", "speed_implementation", "speed_macs_g", speed_key),
              ((speed_key, speed_label), ("speed_implementation", "Implementation measured"),
               ("speed_macs_g", "MACs as timm's benchmark counts them (G)"))),
    ]


def robustness_chart(rows: list[dict], layout, axis, Chart):
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
                 lambda rows: robustness_figure(rows, layout, axis),
                 ("name", "top1", "imagenetv2_top1", "real_top1", "sketch_top1", "imagenet_r_top1", "imagenet_a_top1"),
                 (("top1", "ImageNet top-1, timm's evaluation (%)"), ("imagenetv2_top1", "ImageNetV2 top-1 (%)"),
                  ("real_top1", "ImageNet-ReaL top-1 (%)"), ("sketch_top1", "ImageNet-Sketch top-1 (%)"),
                  ("imagenet_r_top1", "ImageNet-R top-1, 200 classes (%)"), ("imagenet_a_top1", "ImageNet-A top-1, 200 classes (%)")))
