"""Static figures for papers: SVG, PDF and PNG of every chart, exported with kaleido.

One kaleido browser renders every figure (its batch interface), with MathJax off
(kaleido would fetch it from a CDN), plotly.js from the pinned plotly package, and
Chromium's own traffic turned off (update checks, sign-in, the default-search set-up:
kaleido's launch leaves them on; tests/test_hardening.py watches with strace).
Exports are cached by the hash of the figure, and PDF dates are pinned, so the same
registry gives the same bytes. Without Chromium the build goes on and says, once,
which figures were skipped and what to install.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import math
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .charts import ball_frame, ball_points, chart_key, label_annotations, labelled_layout
from .labels import text_width
from .style import BallScale

FORMATS = ("svg", "pdf", "png")
PRINT_FONT = "Arial, Liberation Sans, Helvetica, sans-serif"  # named explicitly: SVG names fonts without embedding them
PRINT_TEXT = "#111111"
CSS_PX_PER_IN = 96  # Chromium prints a CSS pixel as 1/96 in: a figure W px wide is a PDF page W / 96 in wide
PDF_MARGIN_IN = 0.1  # kaleido prints with 0.1 in margins and shrinks the figure into what is left
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_HINT = "install Debian's chromium (apt-get install chromium) or set BROWSER_PATH to a Chromium binary"
# Added to kaleido's (choreographer's) Chromium switches: with its defaults Chromium looked up and called Google's
# update, sign-in and DNS hosts during a build. The last one makes any host name but localhost unresolvable, so
# a request that slipped through would fail here instead of leaving the machine.
OFFLINE_SWITCHES = (
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-domain-reliability", "--no-pings", "--disable-client-side-phishing-detection",
    "--disable-search-engine-choice-screen", "--no-default-browser-check", "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
)


@dataclass(frozen=True)
class Variant:
    """One printed size of every chart: its width on paper, the smallest text on it, its ball scale, its PNG's dpi."""
    name: str
    title: str
    width_in: float
    text_px: int  # the smallest text (labels, ticks, key), in CSS px of the figure
    title_px: int
    balls: BallScale
    dpi: int
    plot_ratio: float  # the plot area's height to its width (ball charts)
    bar_px: int  # px per bar (bar charts)

    @property
    def width_px(self) -> int:
        return math.ceil(self.width_in * CSS_PX_PER_IN)

    def points(self, px: float) -> float:
        """Size on paper, in points, of `px` CSS px of this figure (kaleido's margins shrink it a little)."""
        return px * 72 / CSS_PX_PER_IN * (self.width_in - 2 * PDF_MARGIN_IN) / self.width_in


# 3.5 in (89 mm) and 7.16 in (182 mm): one column and the full width of a two-column page (IEEE, ACM, CVPR).
# 9 px of the single-column figure print at 6.4 pt; 10 px of the double-column one at 7.3 pt.
VARIANTS = (
    Variant("single", "Single column", 3.5, 9, 11, BallScale(ref_px=15.0, floor_px=2.5), 600, 1.15, 11),
    Variant("double", "Double column", 7.16, 10, 13, BallScale(ref_px=20.0, floor_px=3.0), 300, 0.62, 12),
)
MIN_PRINT_PT = 6.0


@dataclass
class ExportResult:
    written: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes
    skipped: list[str] = field(default_factory=list)  # chart ids
    reason: str = ""
    turned_off: bool = False

    def message(self) -> str:
        if not self.skipped:
            return ""
        hint = "" if self.turned_off else f"; to include them, {INSTALL_HINT}"
        return f"static figures skipped for {len(self.skipped)} chart(s) ({', '.join(self.skipped)}): {self.reason}{hint}"


def find_chromium() -> str | None:
    """BROWSER_PATH if it names a file, else Debian's chromium; None when there is none."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit is not None:
        return explicit if Path(explicit).is_file() else None
    for path in CANDIDATES:
        if Path(path).is_file():
            return path
    return shutil.which("chromium")


def print_style(figure: dict, variant: Variant) -> dict:
    """The figure as printed at the variant's size: white, dark text in one font, its own layout and labels, and a
    key drawn inside the figure (the site's key is HTML beside the chart)."""
    fig = {"data": copy.deepcopy(figure["data"]), "layout": copy.deepcopy(figure["layout"])}
    layout, t = fig["layout"], variant.text_px
    font = {"family": PRINT_FONT, "size": t, "color": PRINT_TEXT}
    layout.update(paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", width=variant.width_px, font=font, showlegend=False)
    layout["title"] = {"text": layout.get("title", {}).get("text", ""), "x": 0, "xref": "paper", "xanchor": "left",
                       "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 6},
                       "font": dict(font, size=variant.title_px)}
    for axis in ("xaxis", "yaxis"):
        layout[axis] = dict(layout[axis], gridcolor="#dddddd", linecolor="#333333", showline=True, automargin=False,
                            tickfont=dict(font), title=dict(layout[axis].get("title") or {}, font=dict(font)))
        if layout[axis].get("type") == "log":
            layout[axis]["dtick"] = 1  # decades only: plotly.js prints the 2s and 5s between them smaller than the rest
    kind = figure["atlas"]["kind"]
    for trace in fig["data"]:
        if kind == "ball" and trace.get("type") == "scatter" and trace.get("mode") == "markers":
            trace["marker"].update(  # sizes are parameters: the printed scale is in sizeref and sizemin
                sizeref=variant.balls.sizeref(), sizemin=variant.balls.sizemin())
    margin = {"l": 3 * t + 8, "r": 8, "t": variant.title_px + 14, "b": 4}
    if kind == "bar":  # bars: the names' column
        names = [html.unescape(n) for n in layout["yaxis"].get("categoryarray", [])]
        margin["l"] = round(max((text_width(n, t) for n in names), default=0)) + 8
    elif kind == "scatter":  # the y axis's title and its widest tick label
        margin["l"] = round(t + 6 + max(text_width(tick, t) for tick in y_ticks(fig)) + 8)
    plot_w = variant.width_px - margin["l"] - margin["r"]
    key = key_rows(figure, variant, plot_w)
    key_h = len(key) * (t + 6) + 4
    x_space = 2 * t + 16  # below the plot: the x axis's ticks and title, then the key
    if kind == "scatter":
        plot_h = round(plot_w * variant.plot_ratio)
        layout["annotations"] = []
    elif kind == "ball":
        plot_h = round(plot_w * variant.plot_ratio)
        frame = ball_frame(ball_points(fig, variant.balls), layout["xaxis"].get("type") == "log", (plot_w, plot_w), plot_h, t)
        placed = labelled_layout(dict(fig, atlas=figure["atlas"]), frame, variant.balls)
        layout["xaxis"]["range"], layout["yaxis"]["range"] = placed["xaxis"]["range"], placed["yaxis"]["range"]
        layout["annotations"] = label_annotations(dict(fig, atlas=figure["atlas"]), placed, variant.balls)
    else:
        plot_h = variant.bar_px * len(layout["yaxis"].get("categoryarray", []))
        layout["annotations"] = []
    inner_h = plot_h + x_space + key_h
    layout.update(margin=margin, height=inner_h + margin["t"] + margin["b"])
    layout["xaxis"]["title"]["standoff"] = 2
    layout["yaxis"]["domain"] = [(x_space + key_h) / inner_h, 1]
    draw_key(fig, key, key_h / inner_h, variant)
    return fig


def y_ticks(figure: dict) -> list[str]:
    """The tick labels plotly.js may print on a scatter chart's y axis: the decades of its values on a log axis
    (dtick 1), else whole numbers of their range."""
    ys = [y for trace in figure["data"] for y in trace.get("y", []) if isinstance(y, (int, float))]
    if not ys:
        return ["0"]
    if figure["layout"]["yaxis"].get("type") == "log":
        lo, hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
        return [f"{10.0 ** k:g}" for k in range(lo, hi + 1)]
    return [f"{v:g}" for v in (math.floor(min(ys)), math.ceil(max(ys)))]


def key_rows(figure: dict, variant: Variant, width: float) -> list[list[tuple]]:
    """The printed key, laid out in rows that fit `width` (the plot's): per group a colour swatch and its name, then
    its families (marker and name), then a row for the size key. Items are (kind, text, colour, symbol, width)."""
    key = chart_key(figure, variant.balls)
    t = variant.text_px
    items = []
    for g in key["groups"]:
        items.append(("group", g["name"] + (":" if g["families"] else ""), g["colour"], "square", t + 4 + text_width(g["name"] + ":", t)))
        for f in g["families"]:
            items.append(("family", f["name"], g["colour"], f["symbol"], t + 3 + text_width(f["name"], t)))
    rows: list[list[tuple]] = [[]]
    used = 0.0
    for item in items:
        # a ball chart's groups each start a row (their families follow); a bar chart's groups flow on
        if rows[-1] and (used + item[4] > width or (item[0] == "group" and figure["atlas"]["kind"] == "ball")):
            rows.append([])
            used = 0.0
        rows[-1].append(item)
        used += item[4] + t
    for x in key["extras"]:  # a scatter chart's lines
        text = f"{'dotted' if x['dash'] != 'solid' else 'solid'} line: {x['label']}"
        rows.append([("text", text, "", "", text_width(text, t))])
    if key["sizes"]:
        text = "Ball area proportional to parameters:"
        row = [("text", text, "", "", text_width(text, t))]
        row += [("size", f"{s['params']:g} M", s["diameter"], "circle", s["diameter"] + 3 + text_width(f"{s['params']:g} M", t))
                for s in key["sizes"]]
        rows.append(row)
        floor = f"(balls under {key['floor_params']:g} M parameters are drawn at the smallest size)"
        rows.append([("text", floor, "", "", text_width(floor, t))])
    return [r for r in rows if r]


def draw_key(fig: dict, rows: list[list[tuple]], key_frac: float, variant: Variant) -> None:
    """Draw the key's rows in the bottom `key_frac` of the figure's inner height, on axes of its own whose units are
    px (x from the plot's left edge, y down from the key's top): markers as points of one scatter, names as
    annotations."""
    t, layout = variant.text_px, fig["layout"]
    margin = layout["margin"]
    inner_w = variant.width_px - margin["l"] - margin["r"]
    key_h = len(rows) * (t + 6) + 4
    layout["xaxis2"] = {"domain": [0, 1], "range": [0, inner_w], "visible": False, "fixedrange": True, "anchor": "y2"}
    layout["yaxis2"] = {"domain": [0, key_frac], "range": [key_h, 0], "visible": False, "fixedrange": True, "anchor": "x2"}
    points: dict[str, list] = {"x": [], "y": [], "color": [], "symbol": [], "size": []}
    x0 = 0.0  # at the plot's left edge (an annotation left of its axes' range would be hidden)
    for r, row in enumerate(rows):
        y, x = 2 + r * (t + 6) + (t + 6) / 2, float(x0)
        for kind, text, colour, symbol, width in row:
            if kind in ("group", "family", "size"):
                size = colour if kind == "size" else (t if kind == "group" else t - 1)
                points["x"].append(x + size / 2)
                points["y"].append(y)
                points["color"].append("rgba(0,0,0,0.1)" if kind == "size" else colour)
                points["symbol"].append(symbol)
                points["size"].append(size)
                x, width = x + size + 3, width - size - 3
            layout["annotations"].append({"x": x, "y": y, "xref": "x2", "yref": "y2", "text": html.escape(text), "showarrow": False,
                                          "xanchor": "left", "yanchor": "middle", "xshift": -2,
                                          "font": {"size": t, "family": PRINT_FONT, "color": PRINT_TEXT}})
            x += width + t
    fig["data"].append({"type": "scatter", "mode": "markers", "xaxis": "x2", "yaxis": "y2", "x": points["x"], "y": points["y"],
                        "hoverinfo": "skip", "showlegend": False, "cliponaxis": False,
                        "marker": {"color": points["color"], "symbol": points["symbol"], "size": points["size"],
                                   "line": {"width": 0.6, "color": "rgba(0,0,0,0.6)"}}})


def _pin_pdf_dates(pdf: bytes) -> bytes:
    """Chromium stamps the build time into the PDF: replace it by a fixed date of the same length."""
    return re.sub(rb"\(D:\d{14}([+\-Z][^)]*)?\)", lambda m: b"(D:20000101000000" + (m.group(1) or b"") + b")", pdf)


def _key(figure: dict, fmt: str, variant: Variant) -> str:
    blob = json.dumps({"figure": figure, "format": fmt, "scale": png_scale(variant), "width": variant.width_px}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def png_scale(variant: Variant) -> float:
    """Kaleido's scale for a PNG at the variant's dpi (a CSS px is 1/96 in)."""
    return variant.dpi / CSS_PX_PER_IN


def figure_files(cid: str) -> list[tuple[Variant, str, str]]:
    """(variant, format, path under the site) of every static file of a chart: charts/<id>/<id>-<variant>.<format>."""
    return [(v, fmt, f"charts/{cid}/{cid}-{v.name}.{fmt}") for v in VARIANTS for fmt in FORMATS]


def export_figures(figures: dict[str, dict], cache_dir: Path, enabled: bool = True) -> ExportResult:
    """SVG, PDF and PNG of each figure in each printed size (VARIANTS), as {charts/<id>/<id>-<variant>.<fmt>: bytes}."""
    result = ExportResult()
    if not enabled:
        result.skipped, result.reason = sorted(figures), "turned off for this build (--no-figures)"
        result.turned_off = True
        return result
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo = []
    for cid, figure in sorted(figures.items()):
        styled = {v.name: print_style(figure, v) for v in VARIANTS}
        for variant, fmt, rel in figure_files(cid):
            cached = cache_dir / f"{_key(styled[variant.name], fmt, variant)}.{fmt}"
            if cached.is_file():
                result.written[rel] = cached.read_bytes()
            else:
                todo.append((cid, fmt, styled[variant.name], cached, rel, variant))
    if todo:
        browser = find_chromium()
        if browser is None:
            result.skipped, result.reason = sorted({t[0] for t in todo}), "no Chromium was found"
            return result
        os.environ.setdefault("BROWSER_PATH", browser)
        try:
            _render(todo)
        except Exception as exc:  # kaleido raises RuntimeError (no browser), choreographer its own errors
            result.skipped, result.reason = sorted({t[0] for t in todo}), f"kaleido could not render them ({type(exc).__name__}: {exc})"
            return result
        for cid, fmt, styled, cached, rel, variant in todo:
            data = cached.read_bytes()
            if fmt == "pdf":
                data = _pin_pdf_dates(data)
                cached.write_bytes(data)
            result.written[rel] = data
    return result


def offline_chromium():
    """choreographer's Chromium, launched with OFFLINE_SWITCHES too (kaleido passes `browser_cls` through)."""
    from choreographer.browsers.chromium import Chromium

    class OfflineChromium(Chromium):
        def get_cli(self) -> list[str]:
            return [*super().get_cli(), *OFFLINE_SWITCHES]

    return OfflineChromium


def _render(todo: list) -> None:
    import kaleido

    items = [{"fig": styled, "path": str(cached), "opts": {"format": fmt, "width": variant.width_px,
                                                           "height": styled["layout"]["height"],
                                                           "scale": png_scale(variant) if fmt == "png" else 1}}
             for cid, fmt, styled, cached, rel, variant in todo]
    errors = kaleido.write_fig_from_object_sync(items, kopts={"mathjax": False, "browser_cls": offline_chromium()})
    if errors:
        raise RuntimeError("; ".join(str(e) for e in errors))
    missing = [str(cached) for cid, fmt, styled, cached, rel, variant in todo if not cached.is_file()]
    if missing:
        raise RuntimeError(f"kaleido wrote no file for {missing[0]}")
