"""What the templates see: the registry's records with every optional field present, and the context every
page may need, computed once per build."""

from __future__ import annotations

from collections import defaultdict

from .chart_tables import chart_points, chart_table
from .charts import chart_key, charts_for, figure_json
from .derive import QUANTITIES, RANKED
from .load import load_schema
from .measurements import Measurements
from .selection import complete, curated, is_curated, paper_set
from .style import styles_of


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


INLINE_POINTS = 400  # a chart with more points is fetched from its JSON file (see SiteContext.chart)


def page_of(row: dict) -> str:
    """Site-root-relative address of a network: its page, or its row on its imported collection's page."""
    if is_curated(row):
        return f"networks/{row['id']}/"
    return f"imported/{row['collection'].split(':', 1)[1]}/#{row['id']}"


class SiteContext:
    """What every page may need, computed once."""

    def __init__(self, reg, rows: list[dict], version: dict, figures: dict[str, dict] | None = None, declared: dict | None = None):
        self.reg = reg
        self.rows = rows
        self.by_id = {r["id"]: r for r in rows}
        self.nets = {n["id"]: view_network(n) for n in reg.networks}
        self.sources = view_sources(reg.sources)
        self.version = version
        self.measurements = getattr(reg, "measurements", None) or Measurements()
        self.curated_rows = curated(rows)
        self.paper_incomplete = [r for r in paper_set(rows) if not complete(r)]
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
        self.styles = styles_of(reg.groups)
        self.declared = declared if declared is not None else charts_for(rows, self.measurements)
        self.figures = figures if figures is not None else {cid: chart.figure(rows, self.styles) for cid, chart in self.declared.items()}

    def chart(self, cid: str, base: str) -> dict:
        """A chart for a page. A chart of more than INLINE_POINTS points (timm's 1,000 implementations, its 1,500
        weights) loads its figure from assets/charts/<id>.json and leaves its data to the CSV: inlined, such a page
        is half a megabyte that MkDocs and the browser would parse for a table nobody reads."""
        chart, figure = self.declared[cid], self.figures[cid]
        points = len(chart_points(figure))
        external = points > INLINE_POINTS
        table = None if external else chart_table(figure, chart, self.by_id)
        pages = {} if external else {row[0]: page_of(self.by_id[row[0]]) for row in table["rows"]}
        return {"id": cid, "title": chart.title, "caption": chart.caption, "json": "" if external else figure_json(figure),
                "base": base, "table": table, "points": points, "external": external, "pages": pages,
                "key": chart_key(figure), "element": f"plot-{cid}"}

    def missing(self) -> list[dict]:
        out = []
        for nid, net in sorted(self.nets.items()):
            for q, reason in sorted((net.get("missing") or {}).items()):
                out.append({"id": nid, "name": net["name"], "quantity": q, "reason": reason})
        return out
