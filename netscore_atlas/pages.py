"""Pages stage: the Markdown of every generated page, as {relative path: text}.

Pure: takes the validated registry and derived rows, returns text. Templates
live in templates/ (Jinja2, StrictUndefined). Every `{{ ... }}` is escaped for HTML
and Markdown at once by markup.text, the environment's finalize (markup.py: the one
way registry text reaches a page). What a page shows is computed elsewhere: views.py
(the records and the site context), claims.py, rivals.py, ranking.py, chart_tables.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import leaderboard, limits, markup, training
from .claims import claims
from .derive import COLUMNS, QUANTITIES, RANKED
from .disagree import THRESHOLDS, compare, disagreements
from .explorer import explorer_json, explorer_key, explorer_payload
from .markup import fmt
from .measurements import DATASETS, LAYOUT_LABELS, MEASURE_LABELS, PRECISION_LABELS, methodology_view, per_image_ms
from .metrics import DEFAULT_WEIGHTS, HIGHER, METRICS
from .ranking import percentile
from .rivals import rivals, rivals_pool
from .searchnames import architectures, spellings
from .views import PAGE_ROWS, SiteContext

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
QUANTITY_LABELS = {"top1": "Top-1 accuracy", "top5": "Top-5 accuracy", "params_m": "Parameters", "macs_g": "MACs"}
# The same in running text ("no sourced parameter count or MAC count"), never the field names.
QUANTITY_NOUNS = {"top1": "top-1 accuracy", "top5": "top-5 accuracy", "params_m": "parameter count", "macs_g": "MAC count"}
SET_NAMES = {"netscore2018": "NetScore paper's set (Wong 2018)"}  # the paper lists 60; 59 of them are in the set
# The filters a template may use. Those returning Markup are markup.py's own (numbers, escaped lines, checked URLs,
# the front matter title, JSON for an attribute); tests/test_escaping.py keeps templates to this list.
FILTERS = {"fmt": markup.fmt, "signed": markup.signed, "lines": markup.text_lines, "href": markup.href,
           "front_matter": markup.front_matter, "attr_json": markup.attr_json}


def environment() -> Environment:
    """Autoescape is off on purpose: markup.text, as finalize, escapes every printed value for HTML and Markdown
    both (autoescape's filters such as join would hand back text escaped for HTML only)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, finalize=markup.text,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.globals.update(METRICS=METRICS, QUANTITY_LABELS=QUANTITY_LABELS, QUANTITY_NOUNS=QUANTITY_NOUNS, SET_NAMES=SET_NAMES, HIGHER=HIGHER,
                       THRESHOLDS=THRESHOLDS, differ=compare, WEIGHTS=DEFAULT_WEIGHTS, LIMITS=limits,
                       TRAINING_CLASSES=training.CLASSES, training_label=training.label, DATASETS=DATASETS,
                       MEASURE_LABELS=MEASURE_LABELS, PRECISION_LABELS=PRECISION_LABELS, LAYOUT_LABELS=LAYOUT_LABELS,
                       per_image_ms=per_image_ms)
    return env


def metric_value(row: dict, key: str) -> str:
    return fmt(row.get(key), METRICS[key].digits)


def render_chart_pages(env, ctx: SiteContext, version: dict, site_url: str, exported: set[str]) -> dict[str, str]:
    """charts/index.md, charts/<id>.md (figure, downloads, embed, citation) and the standalone charts/<id>/embed.html."""
    from .cite import chart_bibtex, chart_plain
    from .figures import PRINT_FONT, VARIANTS, png_scale
    from .siteurl import is_local

    out = {"charts/index.md": env.get_template("charts_index.md.j2").render(charts=list(ctx.declared.values()), version=version)}
    page_tpl, embed_tpl = env.get_template("chart.md.j2"), env.get_template("embed.html.j2")
    for cid, chart in ctx.declared.items():
        url = f"{site_url}charts/{cid}/"
        embed_url = f"{url}embed.html"
        snippet = (f'<iframe src="{embed_url}" width="720" height="600" style="border:0" '
                   f'title="NetScore Atlas: {chart.title} ({version["cited"]})" loading="lazy"></iframe>')
        out[f"charts/{cid}.md"] = page_tpl.render(
            base="../../", chart=ctx.chart(cid, "../../"), version=version, url=url, exported=cid in exported,
            font=PRINT_FONT, embed_snippet=snippet,
            variants=[{"name": v.name, "title": v.title, "width_in": v.width_in, "width_mm": round(v.width_in * 25.4),
                       "dpi": v.dpi, "png_px": round(v.width_px * png_scale(v)),
                       "smallest_pt": round(v.points(v.text_px), 1)} for v in VARIANTS],
            bibtex=chart_bibtex(chart, version, url), plain=chart_plain(chart, version, url), ctx=ctx,
            local_address=site_url if is_local(site_url) else None)
        out[f"charts/{cid}/embed.html"] = embed_tpl.render(chart=ctx.chart(cid, "../../"), version=version, url=url)
    return out


MAIN_PAGES = {  # path -> (template, depth below the site root)
    "index.md": ("home.md.j2", 0),
    "figure1.md": ("figure1.md.j2", 1),
    "ball-charts.md": ("ball_charts.md.j2", 1),
    "leaderboard.md": ("leaderboard.md.j2", 1),
    "networks/index.md": ("networks_index.md.j2", 1),
    "methodology.md": ("methodology.md.j2", 1),
    "claims.md": ("claims.md.j2", 1),
    "data.md": ("data.md.j2", 1),
    "explorer.md": ("explorer.md.j2", 1),
    "disagreements.md": ("disagreements.md.j2", 1),
}


def leaderboard_context(rows: list[dict]) -> dict:
    """The leaderboard's rows in the order it opens (by NetScore rank), their ranks, its columns and its payload."""
    data = leaderboard.payload(rows)
    return {"lb": data, "lb_json": leaderboard.to_json(data), "lb_rows": leaderboard.ranked_rows(rows),
            "lb_ranks": leaderboard.set_ranks(rows)[leaderboard.CURATED], "lb_columns": leaderboard.COLUMNS,
            "lb_sets": leaderboard.LEADERBOARD_SETS}


def render_main_pages(env, ctx: SiteContext, common: dict) -> dict[str, str]:
    """The pages of the navigation; some with data of their own."""
    rows, version = ctx.rows, ctx.version
    extra = {"claims.md": {"claims": claims(rows)},
             "methodology.md": {"measured": methodology_view(ctx.measurements, {r["id"]: r["name"] for r in ctx.curated_rows})},
             "disagreements.md": {"items": disagreements(ctx.reg.networks), "thresholds": THRESHOLDS},
             "explorer.md": {"payload": explorer_payload(rows, version, ctx.styles, ctx.measurements),
                             "payload_json": explorer_json(rows, version, ctx.styles, ctx.measurements),
                             "chart": {"id": "explorer", "element": "ex-chart", "key": explorer_key(rows, ctx.styles)}},
              "leaderboard.md": leaderboard_context(rows)}
    return {path: env.get_template(tpl).render(base="../" * depth, page=path, **extra.get(path, {}), **common)
            for path, (tpl, depth) in MAIN_PAGES.items()}


def render_imported_pages(env, ctx: SiteContext, common: dict) -> dict[str, str]:
    """Each imported library table: imported/<collection>/ (the index: the pages, a finder over every weight, and the
    forwarding of imported/<collection>/#<id> to the weight's row), imported/<collection>/<page>/ (whole families,
    at most views.PAGE_ROWS weights) and imported/<collection>/weights.json (every weight's id, name and page)."""
    index_tpl, page_tpl = env.get_template("imported.md.j2"), env.get_template("imported_page.md.j2")
    out = {}
    for collection, members in ctx.imported.items():
        nets = {r["id"]: ctx.nets[r["id"]] for r in members}
        pages = ctx.imported_pages[collection]
        out[f"imported/{collection}/index.md"] = index_tpl.render(
            base="../../", collection=collection, members=members, nets=nets, pages=pages, page_rows=PAGE_ROWS,
            architectures=architectures(members, nets), pages_of_family={f: [p for p in pages if f in p.families] for f in {f for p in pages for f in p.families}}, **common)
        for i, page in enumerate(pages):
            out[f"imported/{collection}/{page.slug}.md"] = page_tpl.render(
                base="../../../", collection=collection, page=page, pages=pages, total=len(members),
                prev=pages[i - 1] if i else None, next=pages[i + 1] if i + 1 < len(pages) else None,
                architectures=architectures(page.rows, nets), **common)
        out[f"imported/{collection}/weights.json"] = weights_json(pages)
    return out


def weights_json(pages) -> str:
    """Every weight of a collection for the finder and the forwarding: {"pages": [folder, ...], "weights": [[id, name,
    page index], ...]}, in page order. JSON (registry text is data here, never markup: the script sets textContent)."""
    return json.dumps({"pages": [p.slug for p in pages],
                       "weights": [[r["id"], r["name"], i] for i, p in enumerate(pages) for r in p.rows]},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def render_network_pages(env, ctx: SiteContext, common: dict) -> dict[str, str]:
    """networks/<id>.md for each curated network: its sources, ranks, place on the chart and rivals."""
    tpl = env.get_template("network.md.j2")
    pool = rivals_pool(ctx.curated_rows)
    out = {}
    for row in ctx.curated_rows:  # imported entries are listed on their collection's page
        nid = row["id"]
        ranks = [{"metric": METRICS[k], "value": metric_value(row, k), "rank": row[f"rank_{k}"], "count": ctx.counts[k],
                  "percentile": percentile(row[f"rank_{k}"], ctx.counts[k])} for k in RANKED]
        out[f"networks/{nid}.md"] = tpl.render(base="../../", page=f"networks/{nid}.md", net=ctx.nets[nid], row=row,
                                               ranks=ranks, rivals=rivals(row, pool), quantities=QUANTITIES,
                                               spellings=spellings(row["name"], nid),
                                               speed=ctx.measurements.speed.get(nid, []), link=ctx.measurements.links.get(nid),
                                               devices=ctx.measurements.devices, **common)
    return out


def render_pages(reg, rows: list[dict], version: dict, site_url: str = "http://127.0.0.1:8000/",
                 exported: set[str] = frozenset(), figures: dict[str, dict] | None = None,
                 declared: dict | None = None) -> dict[str, str]:
    """Every generated page: path -> text. `declared`: the charts of this build (charts.charts_for)."""
    env = environment()
    ctx = SiteContext(reg, rows, version, figures, declared)
    common = {"ctx": ctx, "version": version, "COLUMNS": COLUMNS}
    out = render_main_pages(env, ctx, common)
    out.update(render_chart_pages(env, ctx, version, site_url, set(exported)))
    out.update(render_imported_pages(env, ctx, common))
    out.update(render_network_pages(env, ctx, common))
    return out
