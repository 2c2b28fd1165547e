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
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("svg", "pdf", "png")
PRINT_WIDTH = 640  # px at scale 1: single-column width at about 180 dpi
PRINT_FONT = "Arial, Helvetica, sans-serif"  # named explicitly: SVG names fonts without embedding them
PNG_SCALE = 4
LEGEND_ENTRY = 110  # px per legend entry in the print style
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


def print_style(figure: dict) -> dict:
    """The figure as it should look in a paper: white, dark text, explicit fonts, legend below."""
    fig = copy.deepcopy(figure)
    layout = fig["layout"]
    layout.update(paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", width=PRINT_WIDTH)
    layout["font"] = {"family": PRINT_FONT, "size": 13, "color": "#111111"}
    layout["title"] = dict(layout.get("title") or {}, font={"family": PRINT_FONT, "size": 15, "color": "#111111"})
    for axis in ("xaxis", "yaxis"):
        if axis in layout:
            layout[axis] = dict(layout[axis], gridcolor="#dddddd", linecolor="#333333", showline=True,
                                tickfont={"family": PRINT_FONT, "size": 12, "color": "#111111"})
    if layout.get("showlegend", True) and len(fig["data"]) > 1:
        per_row = PRINT_WIDTH // (LEGEND_ENTRY + 100)  # Plotly adds about 100 px of symbol and gap to each entry
        rows = -(-len(fig["data"]) // per_row)
        layout["legend"] = {"orientation": "h", "x": 0, "y": -90, "yref": "paper", "yanchor": "top", "itemsizing": "constant",
                            "entrywidth": LEGEND_ENTRY, "entrywidthmode": "pixels",
                            "font": {"family": PRINT_FONT, "size": 10, "color": "#111111"}}
        plot_height = layout.get("height", 500) - 100
        layout["legend"]["y"] = -95.0 / plot_height  # below the x-axis title, in plot-height units
        layout["height"] = layout.get("height", 500) + 22 * rows
        layout["margin"] = dict(layout.get("margin") or {}, b=110 + 22 * rows)
    return fig


def _pin_pdf_dates(pdf: bytes) -> bytes:
    """Chromium stamps the build time into the PDF: replace it by a fixed date of the same length."""
    return re.sub(rb"\(D:\d{14}([+\-Z][^)]*)?\)", lambda m: b"(D:20000101000000" + (m.group(1) or b"") + b")", pdf)


def _key(figure: dict, fmt: str) -> str:
    blob = json.dumps({"figure": figure, "format": fmt, "scale": PNG_SCALE, "width": PRINT_WIDTH}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def export_figures(figures: dict[str, dict], cache_dir: Path, enabled: bool = True) -> ExportResult:
    """SVG, PDF and PNG of each figure, as {charts/<id>/<id>.<fmt>: bytes}."""
    result = ExportResult()
    if not enabled:
        result.skipped, result.reason = sorted(figures), "turned off for this build (--no-figures)"
        result.turned_off = True
        return result
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo = []
    for cid, figure in sorted(figures.items()):
        styled = print_style(figure)
        for fmt in FORMATS:
            cached = cache_dir / f"{_key(styled, fmt)}.{fmt}"
            rel = f"charts/{cid}/{cid}.{fmt}"
            if cached.is_file():
                result.written[rel] = cached.read_bytes()
            else:
                todo.append((cid, fmt, styled, cached, rel))
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
        for cid, fmt, styled, cached, rel in todo:
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

    items = [{"fig": styled, "path": str(cached), "opts": {"format": fmt, "width": PRINT_WIDTH,
                                                           "height": styled["layout"].get("height", 500),
                                                           "scale": PNG_SCALE if fmt == "png" else 1}}
             for cid, fmt, styled, cached, rel in todo]
    errors = kaleido.write_fig_from_object_sync(items, kopts={"mathjax": False, "browser_cls": offline_chromium()})
    if errors:
        raise RuntimeError("; ".join(str(e) for e in errors))
    missing = [str(cached) for cid, fmt, styled, cached, rel in todo if not cached.is_file()]
    if missing:
        raise RuntimeError(f"kaleido wrote no file for {missing[0]}")
