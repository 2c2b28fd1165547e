"""No built page weighs more than 300 KB of HTML (issue #13, 4), and an imported collection split into pages still
holds every weight: on exactly one page, each page reachable from the collection's index, and every link the site
makes to an imported weight lands on its row."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REAL_DATA
from netscore_atlas.views import PAGE_ROWS, paginate, slug

MAX_PAGE_BYTES = 300_000


class Links(HTMLParser):
    """The hrefs of a page's links and the ids of the rows of its table #imported-table (or of any element)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.row_ids: list[str] = []
        self._in_table = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "table" and a.get("id") == "imported-table":
            self._in_table = 1
        elif tag == "tr" and self._in_table and a.get("id"):
            self.row_ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = 0


def parsed(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def page_dir(site: Path, html: Path, href: str) -> Path:
    """The folder a relative link of page `html` (a folder's index.html) points to."""
    return (html.parent / href.split("#", 1)[0]).resolve()


# Known to weigh more (build of 2026-12-02): the explorer carries its whole payload in an attribute (802 KB), the home
# page and the ball charts page their figures (346 KB, 310 KB). Strict: fixing one makes its case pass, which fails
# until it is taken off this list.
KNOWN_OVER = ["explorer/index.html", "index.html", "ball-charts/index.html"]


def page_sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def test_no_built_page_is_over_300_kb(real_site):
    sizes = page_sizes(real_site["dir"])
    assert len(sizes) > 100 and "imported/timm/index.html" in sizes
    assert {p: s for p, s in sizes.items() if s > MAX_PAGE_BYTES and p not in KNOWN_OVER} == {}


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="known: over 300 KB"))
                                  for p in KNOWN_OVER])
def test_known_heavy_pages(real_site, path):
    assert page_sizes(real_site["dir"])[path] <= MAX_PAGE_BYTES


def registry_ids(collection: str) -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (REAL_DATA / "imported" / collection).glob("*.yaml")}


def test_every_imported_weight_is_on_exactly_one_page_reachable_from_the_index(real_site):
    site = real_site["dir"]
    collections = sorted(p.name for p in (site / "imported").iterdir() if p.is_dir())
    assert collections == sorted(p.name for p in (REAL_DATA / "imported").iterdir() if p.is_dir()) == ["timm"]
    for collection in collections:
        root = site / "imported" / collection
        index = root / "index.html"
        linked = {page_dir(site, index, h) for h in parsed(index).hrefs if not h.startswith(("#", "http", "/"))}
        pages = sorted(p.parent for p in root.glob("*/index.html"))
        assert pages and set(pages) <= linked, set(pages) - linked  # every page is linked from the index
        seen: dict[str, list[str]] = {}
        for page in pages:
            rows = parsed(page / "index.html").row_ids
            assert 0 < len(rows) <= PAGE_ROWS, (page.name, len(rows))
            for rid in rows:
                seen.setdefault(rid, []).append(page.name)
        assert {rid: where for rid, where in seen.items() if len(where) > 1} == {}
        assert set(seen) == registry_ids(collection)
        # the finder's list and the forwarding of imported/<collection>/#<id> say the same page
        data = json.loads((root / "weights.json").read_text(encoding="utf-8"))
        assert {w[0]: data["pages"][w[2]] for w in data["weights"]} == {rid: where[0] for rid, where in seen.items()}


def test_links_to_imported_weights_land_on_their_rows(real_site):
    """Curated network pages link an alternative read from timm to its imported row (deit_s: the fb_in1k weight at
    224 px); every such link in the site names a row that is on the page it points to."""
    site = real_site["dir"]
    checked = 0
    rows_of: dict[Path, set[str]] = {}
    for html in sorted((site / "networks").glob("*/index.html")):
        for href in parsed(html).hrefs:
            if "imported/" not in href or "#" not in href:
                continue
            target = page_dir(site, html, href) / "index.html"
            if target not in rows_of:
                rows_of[target] = set(parsed(target).row_ids)
            assert href.split("#", 1)[1] in rows_of[target], (html, href)
            checked += 1
    deit = parsed(site / "networks" / "deit_s" / "index.html").hrefs
    assert any(h.endswith("#timm__deit_small_patch16_224_fb_in1k_224") for h in deit), deit
    assert checked > 50  # 112 curated networks have timm alternatives; most name the weight and the resolution


def rows(spec: dict[str, int]) -> list[dict]:
    """Imported rows: `spec` maps a family to how many weights it has."""
    return [{"id": f"t__{fam}_{i}", "name": f"{fam}_{i:02d}.tag (t, 224 px)", "family": f"t: {fam}", "collection": "imported:t"}
            for fam, n in spec.items() for i in range(n)]


def test_pages_hold_whole_families_in_alphabetical_order():
    # limit 5: a (3) + b (2) fill a page (5); c (4) does not fit beside them; d (1) joins c (5); e (2) a page of its own
    pages = paginate("t", rows({"d": 1, "c": 4, "a": 3, "e": 2, "b": 2}), limit=5)
    assert [(p.families, len(p.rows), p.slug) for p in pages] == [(["a", "b"], 5, "a-b"), (["c", "d"], 5, "c-d"), (["e"], 2, "e")]
    assert [p.title for p in pages] == ["a_00 to b_01", "c_00 to d_00", "e_00 to e_01"]
    assert pages[0].path == "imported/t/a-b/"


def test_a_family_larger_than_a_page_gets_pages_of_its_own():
    # 12 weights of z with limit 5: 5 + 5 + 2, named z, z-2, z-3; y (1) before it keeps a page of its own
    pages = paginate("t", rows({"z": 12, "y": 1}), limit=5)
    assert [(p.slug, len(p.rows)) for p in pages] == [("y", 1), ("z", 5), ("z-2", 5), ("z-3", 2)]
    assert sorted(r["id"] for p in pages for r in p.rows) == sorted(r["id"] for r in rows({"z": 12, "y": 1}))


@pytest.mark.parametrize("family, expected", [("ConvNeXt V2", "convnext-v2"), ("../../etc", "etc"), ("<b>x</b>", "b-x-b"),
                                               ("ÄÖ", ""), ("index", "index")])
def test_page_folders_are_plain(family, expected):
    assert slug(family) == expected


def test_a_family_without_a_plain_name_still_gets_a_page_folder():
    pages = paginate("t", rows({"ÄÖ": 1, "index": 1}), limit=1)
    assert [p.slug for p in pages] == ["index-2", "page"]  # never the collection's own index page
