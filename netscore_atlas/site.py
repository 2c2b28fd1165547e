"""Site stage: the generated docs folder (pages, chart data, downloads) and the MkDocs run.

`docs_files` is pure (text and bytes in memory); `run_mkdocs` renders a docs
folder into a site folder with MkDocs in strict mode.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from pathlib import Path

from .chart_tables import chart_csv
from .charts import charts_for, figure_json
from .pages import render_pages

ROOT = Path(__file__).resolve().parent.parent
SITE_SRC = ROOT / "site_src"
MKDOCS_YML = ROOT / "mkdocs.yml"


PLOTLY_BUNDLE = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


class MissingAsset(RuntimeError):
    """A pinned front-end dependency is not installed."""


def plotly_js() -> bytes:
    """plotly.js's partial bundle (scatter and bar: all the site draws), pinned in package-lock.json and
    installed by `npm ci` (./atlas does it). Served from the site itself, never a CDN."""
    if not PLOTLY_BUNDLE.is_file():
        raise MissingAsset(f"{PLOTLY_BUNDLE.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} "
                           "(./atlas site and ./atlas test do it)")
    return PLOTLY_BUNDLE.read_bytes()


def hand_written() -> dict[str, bytes]:
    return {str(p.relative_to(SITE_SRC)): p.read_bytes() for p in sorted(SITE_SRC.rglob("*")) if p.is_file()}


def docs_files(reg, rows: list[dict], version: dict, data_files: dict[str, str], site_url: str,
               figures: dict[str, bytes], charts: dict[str, dict], declared: dict | None = None) -> dict[str, bytes]:
    """Every file of the docs folder: relative path -> bytes. `figures` are the exported static figures,
    `charts` the Plotly figure of each chart id, `declared` the charts themselves (charts.charts_for)."""
    declared = declared if declared is not None else charts_for(rows, getattr(reg, "measurements", None))
    files: dict[str, bytes] = dict(hand_written())
    exported = {path.split("/")[1] for path in figures}
    for path, text in render_pages(reg, rows, version, site_url, exported, charts, declared).items():
        files[path] = text.encode("utf-8")
    files.update(figures)
    for path, text in data_files.items():
        files[path] = text.encode("utf-8")
    for cid, chart in declared.items():
        figure = charts[cid]
        files[f"assets/charts/{cid}.json"] = figure_json(figure).encode("utf-8")
        files[f"data/charts/{cid}.csv"] = chart_csv(rows, figure, chart, version).encode("utf-8")
    files["assets/javascripts/plotly.min.js"] = plotly_js()
    return files


def footer(version: dict) -> str:
    return (f"NetScore Atlas registry {version['cited']} ({version['date']}): {version['networks']} networks, "
            f"{version['sources']} sources")


def site_url_of_config() -> str:
    import yaml

    return yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))["site_url"]


class SiteBuildError(RuntimeError):
    """MkDocs refused the generated pages (strict mode: any warning)."""


def _show_mkdocs_warnings() -> None:
    """MkDocs logs its warnings; outside its own command line nobody prints them: do."""
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    if not any(getattr(h, "_atlas", False) for h in log.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
        handler._atlas = True
        log.addHandler(handler)


GENERATORS = ("mkdocs", "properdocs")


def use_generator(name: str) -> None:
    """Render with MkDocs 1.6 (default) or ProperDocs, its maintained drop-in fork: the same mkdocs.yml, the same
    theme and plugins. ProperDocs redirects every `mkdocs.*` import (Material's too) to itself, so it must be chosen
    before anything imports MkDocs in this process."""
    import sys

    if name not in GENERATORS:
        raise SiteBuildError(f"unknown generator {name!r}: choose one of {', '.join(GENERATORS)}")
    if name == "properdocs":
        if "mkdocs" in sys.modules and getattr(sys.modules["mkdocs"], "__name__", "") != "properdocs":
            raise SiteBuildError("ProperDocs must be chosen before MkDocs is imported (start a new process)")
        try:
            import properdocs.replacement  # noqa: F401 - mkdocs.* now means properdocs.*
        except ImportError:
            raise SiteBuildError("ProperDocs is not installed: pip install properdocs (pinned in requirements.lock; "
                                 "./atlas installs it)") from None


def source_date_epoch(version: dict) -> str:
    """The registry's date (its changelog's newest heading) as seconds since 1970, midnight UTC."""
    day = dt.date.fromisoformat(version["date"])
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


@contextlib.contextmanager
def build_date(version: dict):
    """MkDocs dates the sitemap (and the gzip header of sitemap.xml.gz) with SOURCE_DATE_EPOCH, else today: set it
    to the registry's date, so the same registry gives the same bytes on any day."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(version)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def run_mkdocs(docs_dir: Path, site_dir: Path, version: dict, site_url: str | None = None) -> None:
    """Build docs_dir into site_dir with mkdocs.yml, strict: any warning fails the build (MkDocs, or ProperDocs
    after use_generator("properdocs")); dated by the registry."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    _show_mkdocs_warnings()
    overrides = {"docs_dir": str(docs_dir), "site_dir": str(site_dir), "strict": True,
                 "copyright": footer(version)}
    if site_url:
        overrides["site_url"] = site_url
    config = load_config(str(MKDOCS_YML), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with build_date(version):
            build(config)
    except Abort as exc:
        raise SiteBuildError(f"MkDocs stopped the build: {exc} (the warnings are above)") from None
    finally:
        config.plugins.on_shutdown()
