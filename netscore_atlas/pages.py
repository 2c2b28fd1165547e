"""Pages stage: the Markdown of every generated page, as {relative path: text}.

Pure: takes the validated registry and derived rows, returns text. Templates
live in templates/ (Jinja2, autoescaped, StrictUndefined); registry text is
escaped for HTML there and for Markdown by the `md` filter.
"""

from __future__ import annotations

import bisect
import html
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .charts import CHARTS, curated, figure_json, log_distance
from .derive import COLUMNS, QUANTITIES, RANKED, is_curated
from .explorer import explorer_json, explorer_payload
from .disagree import THRESHOLDS, compare, disagreements
from .export import csv_cell
from .load import load_schema
from .metrics import HIGHER, METRICS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
QUANTITY_LABELS = {"top1": "Top-1 accuracy", "top5": "Top-5 accuracy", "params_m": "Parameters", "macs_g": "MACs"}
SET_NAMES = {"netscore2018": "NetScore paper's 60 (Wong 2018)"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text) -> Markup:
    """Escape text for a Markdown line: HTML first, then Markdown's own markup characters."""
    escaped = html.escape(str(text), quote=True)
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    return f"{value:,.{digits}f}"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md
    env.filters["fmt"] = fmt
    env.filters["nl2br"] = lambda text: Markup("<br>").join(str(text).splitlines())  # join escapes each line
    env.globals.update(METRICS=METRICS, QUANTITY_LABELS=QUANTITY_LABELS, SET_NAMES=SET_NAMES, HIGHER=HIGHER,
                       THRESHOLDS=THRESHOLDS, differ=compare)
    return env


def metric_value(row: dict, key: str) -> str:
    return fmt(row.get(key), METRICS[key].digits)


def percentile(rank: int | None, count: int) -> float | None:
    """100 for the best, 0 for the worst among `count` networks that have the metric."""
    if rank is None or count < 1:
        return None
    return 100.0 if count == 1 else 100.0 * (count - rank) / (count - 1)


class RivalPool(NamedTuple):
    """Curated rows with top-1 and MACs, sorted by MACs, and their MACs (for bisect): built once per build."""
    rows: list[dict]
    macs: list[float]


def rivals(row: dict, pool: RivalPool, n: int = 6) -> list[dict]:
    """The n networks nearest in MACs (log distance), each marked more or less accurate.
    Only a window of the MAC-sorted pool around the row is examined (see rivals_pool)."""
    if row["macs_g"] is None or row["top1"] is None:
        return []
    i = bisect.bisect_left(pool.macs, row["macs_g"])
    window = [r for r in pool.rows[max(0, i - n - 1):i + n + 2] if r["id"] != row["id"]]
    window.sort(key=lambda r: (log_distance(r["macs_g"], row["macs_g"]), r["id"]))
    return [dict(r, delta_top1=r["top1"] - row["top1"], macs_ratio=r["macs_g"] / row["macs_g"]) for r in window[:n]]


def rivals_pool(rows: list[dict]) -> RivalPool:
    """The candidates for rivals(): curated rows with top-1 and MACs, sorted by MACs."""
    pool = sorted((r for r in curated(rows) if r["macs_g"] is not None and r["top1"] is not None),
                  key=lambda r: (r["macs_g"], r["id"]))
    return RivalPool(pool, [r["macs_g"] for r in pool])


def _schema_keys(schema: dict, ref: str | None = None) -> list[str]:
    node = schema["$defs"][ref] if ref else schema
    return sorted(node.get("properties", {}))


def view_network(net: dict) -> dict:
    """The network with every optional field present (None when absent), for StrictUndefined templates."""
    schema = load_schema("network.schema.json")
    mkeys = _schema_keys(schema, "measurement_fields")
    out = {k: net.get(k) for k in _schema_keys(schema)}
    for q in QUANTITIES:
        if out.get(q) is not None:
            quantity = {k: out[q].get(k) for k in mkeys}
            quantity["alternatives"] = [{k: a.get(k) for k in mkeys} for a in out[q].get("alternatives") or []]
            out[q] = quantity
    out["missing"] = out.get("missing") or {}
    out["sets"] = out.get("sets") or []
    out["links"] = out.get("links") or []
    return out


def view_sources(sources: dict) -> dict:
    keys = sorted(load_schema("sources.schema.json")["additionalProperties"]["properties"])
    return {key: {k: entry.get(k) for k in keys} for key, entry in sources.items()}


class SiteContext:
    """What every page may need, computed once."""

    def __init__(self, reg, rows: list[dict], version: dict, figures: dict[str, dict] | None = None):
        self.reg = reg
        self.rows = rows
        self.by_id = {r["id"]: r for r in rows}
        self.nets = {n["id"]: view_network(n) for n in reg.networks}
        self.sources = view_sources(reg.sources)
        self.version = version
        self.curated_rows = curated(rows)
        self.counts = {k: sum(r[k] is not None for r in self.curated_rows) for k in RANKED}
        families: dict[str, list[dict]] = defaultdict(list)
        imported: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            if is_curated(r):
                families[r["family"]].append(r)
            else:
                imported[r["collection"].split(":", 1)[1]].append(r)
        self.curated_families = {f: sorted(v, key=lambda r: (r["year"], r["name"]))
                                 for f, v in sorted(families.items(), key=lambda kv: kv[0].lower())}
        self.imported = {c: sorted(v, key=lambda r: r["name"]) for c, v in sorted(imported.items())}
        self.figures = figures if figures is not None else {cid: chart.build(rows) for cid, chart in CHARTS.items()}

    def chart(self, cid: str, base: str) -> dict:
        chart = CHARTS[cid]
        return {"id": cid, "title": chart.title, "caption": chart.caption, "json": figure_json(self.figures[cid]),
                "base": base, "table": chart_table(self.figures[cid], chart, self.by_id)}

    def missing(self) -> list[dict]:
        out = []
        for nid, net in sorted(self.nets.items()):
            for q, reason in sorted((net.get("missing") or {}).items()):
                out.append({"id": nid, "name": net["name"], "quantity": q, "reason": reason})
        return out


def chart_points(figure: dict) -> list[str]:
    """Ids of the networks drawn as marks (bars or blobs) in a figure, in drawing order."""
    ids = []
    for trace in figure["data"]:
        if trace.get("mode") == "lines":
            continue
        ids += [cd[0] for cd in trace.get("customdata", [])]
    return ids


def chart_table(figure: dict, chart, by_id: dict) -> dict:
    ids = chart_points(figure)
    columns = [c for c in chart.data_columns]
    return {"columns": [{"key": c, "label": _column_label(c)} for c in columns],
            "rows": [[by_id[i]["id"]] + [by_id[i][c] for c in columns] for i in sorted(ids, key=lambda i: by_id[i]["name"].lower())]}


def _column_label(key: str) -> str:
    if key in METRICS:
        m = METRICS[key]
        return f"{m.label} ({m.unit})" if m.unit else m.label
    return {"name": "Network", "family": "Family", "pareto_macs": "Pareto (MACs)", "pareto_params": "Pareto (params)"}.get(key, key)


def claims(ctx: SiteContext) -> list[dict]:
    """The NetScore paper's stated findings beside what the registry's numbers give."""
    rows = [r for r in ctx.rows if "netscore2018" in r["sets"]]
    scored = sorted((r for r in rows if r["netscore"] is not None), key=lambda r: -r["netscore"])
    paper_top3 = ["squeezenext_1_0_23v5", "condensenet_74_g8", "mobilenet_v2_1_0"]
    ours = [r["id"] for r in scored[:3]]
    out = [{
        "key": "top3",
        "claim": "The top networks by NetScore are SqueezeNext (1.0-23v5), CondenseNet (G=C=8) and MobileNetV2 (lines 200-201).",
        "paper_ids": paper_top3,
        "ours": [ctx.by_id[i] for i in ours],
        "holds": ours == paper_top3,
        "unscored": sorted(r["name"] for r in rows if r["netscore"] is None),
        "paper_rows": [ctx.by_id.get(i) for i in paper_top3],
    }]
    out.append(_pair_claim(ctx, "condensenet_74_g8", "zynqnet",
                           "CondenseNet (G=C=8) has slightly lower information density than ZynqNet, ~2x lower computational "
                           "complexity and much higher accuracy; its NetScore is higher by more than 4 units (lines 202-204).",
                           [("information density lower than ZynqNet's", lambda a, b: a["info_density"] < b["info_density"]),
                            ("ZynqNet needs about 2x the MACs (at least 1.5x)", lambda a, b: b["macs_g"] / a["macs_g"] >= 1.5),
                            ("higher top-1", lambda a, b: a["top1"] > b["top1"]),
                            ("NetScore higher by more than 4", lambda a, b: a["netscore"] - b["netscore"] > 4)], 4.0))
    out.append(_pair_claim(ctx, "mobilenet_v1_0_75_224", "squeezenet_v1_0",
                           "MobileNetV1 (0.75-224) has more than 2x the parameters of SqueezeNet, so a much lower information "
                           "density; SqueezeNet needs more than 26x the computation, with lower accuracy; MobileNetV1 (0.75-224)'s "
                           "NetScore is higher by more than 14 units (lines 204-206).",
                           [("more than 2x SqueezeNet's parameters", lambda a, b: a["params_m"] / b["params_m"] > 2),
                            ("lower information density", lambda a, b: a["info_density"] < b["info_density"]),
                            ("SqueezeNet needs more than 26x the MACs", lambda a, b: b["macs_g"] / a["macs_g"] > 26),
                            ("higher top-1", lambda a, b: a["top1"] > b["top1"]),
                            ("NetScore higher by more than 14", lambda a, b: a["netscore"] - b["netscore"] > 14)], 14.0))
    return out


def _pair_claim(ctx: SiteContext, a_id: str, b_id: str, claim: str, conditions, claimed_gap: float) -> dict:
    """A claim about two networks, split into its conditions, each checked on the registry's numbers."""
    a, b = ctx.by_id.get(a_id), ctx.by_id.get(b_id)
    usable = a is not None and b is not None and all(x[k] is not None for x in (a, b) for k in ("top1", "params_m", "macs_g"))
    checked = [{"label": label, "holds": bool(test(a, b))} for label, test in conditions] if usable else []
    out = {"key": f"{a_id}-vs-{b_id}", "claim": claim, "a": a, "b": b, "usable": usable, "conditions": checked,
           "holds": usable and all(c["holds"] for c in checked)}
    if usable:
        out.update(params_ratio=a["params_m"] / b["params_m"], macs_ratio=b["macs_g"] / a["macs_g"],
                   netscore_diff=a["netscore"] - b["netscore"])
        # How many times more MACs the second network would need for the claimed NetScore gap:
        # each factor of 10 in m moves Omega by 20 * gamma = 10 units (gamma = 0.5).
        shortfall = claimed_gap - out["netscore_diff"]
        out["implied_macs_factor"] = 10 ** (shortfall / 10.0) if shortfall > 0 else None
    return out


def render_chart_pages(env, ctx: SiteContext, version: dict, site_url: str, exported: set[str]) -> dict[str, str]:
    """charts/index.md, charts/<id>.md (figure, downloads, embed, citation) and the standalone charts/<id>/embed.html."""
    from .cite import chart_bibtex, chart_plain
    from .figures import PNG_SCALE, PRINT_FONT, PRINT_WIDTH

    out = {"charts/index.md": env.get_template("charts_index.md.j2").render(charts=list(CHARTS.values()), version=version)}
    page_tpl, embed_tpl = env.get_template("chart.md.j2"), env.get_template("embed.html.j2")
    for cid, chart in CHARTS.items():
        url = f"{site_url}charts/{cid}/"
        embed_url = f"{url}embed.html"
        snippet = (f'<iframe src="{embed_url}" width="720" height="600" style="border:0" '
                   f'title="NetScore Atlas: {chart.title} ({version["cited"]})" loading="lazy"></iframe>')
        out[f"charts/{cid}.md"] = page_tpl.render(
            base="../../", chart=ctx.chart(cid, "../../"), version=version, url=url, exported=cid in exported,
            font=PRINT_FONT, png_width=PRINT_WIDTH * PNG_SCALE, embed_snippet=snippet,
            bibtex=chart_bibtex(chart, version, url), plain=chart_plain(chart, version, url), ctx=ctx)
        out[f"charts/{cid}/embed.html"] = embed_tpl.render(chart=chart, version=version, url=url,
                                                           figure_json=figure_json(ctx.figures[cid]))
    return out


def render_pages(reg, rows: list[dict], version: dict, site_url: str = "http://127.0.0.1:8000/",
                 exported: set[str] = frozenset(), figures: dict[str, dict] | None = None) -> dict[str, str]:
    env = environment()
    ctx = SiteContext(reg, rows, version, figures)
    common = {"ctx": ctx, "version": version, "COLUMNS": COLUMNS}
    pages = {
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
    extra = {"claims.md": {"claims": claims(ctx)},
             "disagreements.md": {"items": disagreements(reg.networks), "thresholds": THRESHOLDS},
             "explorer.md": {"payload": explorer_payload(rows, version), "payload_json": explorer_json(rows, version)}}
    out = {path: env.get_template(tpl).render(base="../" * depth, page=path, **extra.get(path, {}), **common)
           for path, (tpl, depth) in pages.items()}
    out.update(render_chart_pages(env, ctx, version, site_url, set(exported)))
    coll_tpl = env.get_template("imported.md.j2")
    for collection, members in ctx.imported.items():
        nets = {r["id"]: ctx.nets[r["id"]] for r in members}
        out[f"imported/{collection}.md"] = coll_tpl.render(base="../../", collection=collection, members=members, nets=nets, **common)
    net_tpl = env.get_template("network.md.j2")
    pool = rivals_pool(rows)
    for row in rows:
        if not is_curated(row):
            continue  # imported entries are listed on their collection's page
        nid = row["id"]
        ranks = [{"metric": METRICS[k], "value": metric_value(row, k), "rank": row[f"rank_{k}"], "count": ctx.counts[k],
                  "percentile": percentile(row[f"rank_{k}"], ctx.counts[k])} for k in RANKED]
        out[f"networks/{nid}.md"] = net_tpl.render(base="../../", page=f"networks/{nid}.md", net=ctx.nets[nid], row=row, ranks=ranks,
                                                  rivals=rivals(row, pool), quantities=QUANTITIES, **common)
    return out


def chart_csv(ctx_rows: list[dict], figure: dict, chart, version: dict) -> str:
    import csv
    import io
    by_id = {r["id"]: r for r in ctx_rows}
    table = chart_table(figure, chart, by_id)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id"] + [c["key"] for c in table["columns"]] + ["registry_version"])
    for r in table["rows"]:
        w.writerow([csv_cell(v) for v in r] + [version["cited"]])
    return buf.getvalue()
