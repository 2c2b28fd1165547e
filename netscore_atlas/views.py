"""What the templates see: the registry's records with every optional field present, and the context every
page may need, computed once per build."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .chart_tables import chart_points, chart_table
from .charts import chart_key, charts_for, figure_json
from .derive import QUANTITIES, RANKED
from .load import load_schema
from .measurements import Measurements
from .searchnames import collection_family, model_name
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


PAGE_ROWS = 150  # weights per page of an imported collection: about 100 KB of HTML, far under the 300 KB a page may weigh


def family_key(row: dict) -> str:
    """An imported row's family without the collection's prefix ("convnext" of "timm: convnext")."""
    return collection_family(row)


def arch_of(row: dict) -> str:
    """The library's model name of an imported row: its name before the weight tag and the resolution
    ("convnext_tiny" of "convnext_tiny.fb_in22k_ft_in1k (timm, 224 px)"); another name whole."""
    return model_name(row["name"])


def slug(text: str) -> str:
    """A folder name made of a-z, 0-9 and '-' only (registry text never reaches a path as itself)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


@dataclass
class ImportedPage:
    """One page of an imported collection: imported/<collection>/<slug>/, whole families in alphabetical order."""
    collection: str
    number: int
    slug: str
    families: list[str]
    rows: list[dict] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"imported/{self.collection}/{self.slug}/"

    @property
    def archs(self) -> list[str]:
        return sorted({arch_of(r) for r in self.rows})

    @property
    def first_arch(self) -> str:
        return self.archs[0]

    @property
    def last_arch(self) -> str:
        return self.archs[-1]

    @property
    def title(self) -> str:
        return self.first_arch if self.first_arch == self.last_arch else f"{self.first_arch} to {self.last_arch}"


def paginate(collection: str, members: list[dict], limit: int = PAGE_ROWS) -> list[ImportedPage]:
    """The collection's pages: families sorted by name, packed whole into pages of at most `limit` weights (a family
    larger than that gets pages of its own, `limit` weights each); each page's rows sorted by name. Every weight is on
    exactly one page. The folder name is made from the page's first and last family."""
    by_family: dict[str, list[dict]] = defaultdict(list)
    for r in members:
        by_family[family_key(r)].append(r)
    chunks: list[tuple[list[str], list[dict], bool]] = []  # (families, rows, may take another family)
    for fam in sorted(by_family, key=lambda f: (f.lower(), f)):
        rows = by_family[fam]
        if chunks and chunks[-1][2] and len(chunks[-1][1]) + len(rows) <= limit:
            chunks[-1][0].append(fam)
            chunks[-1][1].extend(rows)
        elif len(rows) <= limit:
            chunks.append(([fam], list(rows), True))
        else:
            rows = sorted(rows, key=lambda r: (r["name"], r["id"]))
            chunks.extend(([fam], rows[i:i + limit], False) for i in range(0, len(rows), limit))
    pages: list[ImportedPage] = []
    used: set[str] = set()
    for number, (families, rows, _) in enumerate(chunks, 1):
        name = slug(families[0] if families[0] == families[-1] else f"{families[0]}-{families[-1]}") or "page"
        base, n = name, 2
        while name in used or name == "index":
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        pages.append(ImportedPage(collection, number, name, families, sorted(rows, key=lambda r: (r["name"], r["id"]))))
    return pages


INLINE_POINTS = 400  # a chart with more points is fetched from its JSON file (see SiteContext.chart)




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
        self.imported_pages = {c: paginate(c, v) for c, v in self.imported.items()}
        self.page_of = {r["id"]: p.path for pages in self.imported_pages.values() for p in pages for r in p.rows}
        # (source, weight name, resolution) -> imported id: a curated network's alternative read from a library's table
        # links to that library's imported row ("deit_small_patch16_224.fb_in1k" at 224 px)
        self.imported_weight = {}
        for r in rows:
            imp = (self.nets[r["id"]].get("imported") or {}) if r["id"] in self.nets else {}
            if imp.get("row"):
                self.imported_weight[(self.nets[r["id"]]["paper"], str(imp["row"]).split(" ")[0], r["resolution"])] = r["id"]
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
        pages = {} if external else {row[0]: self.address(self.by_id[row[0]]) for row in table["rows"]}
        return {"id": cid, "title": chart.title, "caption": chart.caption, "json": "" if external else figure_json(figure),
                "base": base, "table": table, "points": points, "external": external, "pages": pages,
                "key": chart_key(figure), "element": f"plot-{cid}"}

    def address(self, row: dict) -> str:
        """Site-root-relative address of a network: its page, or its row on its imported collection's page."""
        return f"networks/{row['id']}/" if is_curated(row) else f"{self.page_of[row['id']]}#{row['id']}"

    def alternative_of(self, alt: dict, net: dict) -> str | None:
        """The imported weight a curated network's alternative value was read from (the same library source, weight
        and resolution: "deit_small_patch16_224.fb_in1k" at 224 px), or None. Its row is at
        page_of[id] + "#" + id."""
        if not alt.get("recipe"):
            return None
        nid = self.imported_weight.get((alt["source"], alt["recipe"], alt.get("resolution") or net.get("resolution")))
        return nid if nid in self.page_of else None

    def missing(self) -> list[dict]:
        out = []
        for nid, net in sorted(self.nets.items()):
            for q, reason in sorted((net.get("missing") or {}).items()):
                out.append({"id": nid, "name": net["name"], "quantity": q, "reason": reason})
        return out
