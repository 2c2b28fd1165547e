"""Material's search finds every curated network by its name and the ways people spell it, and imported weights by
architecture (issue #13, 2), typed into the search box in Chromium as a reader does, on a desktop and a phone.

Network pages are in the search index with their name, spellings and summary only (their tables are excluded), and
stay out of the navigation (Material writes the nav into every page: quadratic)."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import REAL_DATA, screenshot

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def search(pg, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links (hrefs, relative to the site)."""
    box = pg.locator("input.md-search__input")
    if not box.is_visible():
        pg.locator("label.md-header__button[for='__search']").click()  # the phone's search icon
    box.fill("")
    box.type(query, delay=10)
    pg.wait_for_function("document.querySelector('.md-search-result__meta') && "
                         "!/Type to start searching|Initializing search/i.test(document.querySelector('.md-search-result__meta').textContent)",
                         timeout=20000)
    links = None
    for _ in range(40):  # the list is redrawn as the worker answers: wait until it holds still for 400 ms
        pg.wait_for_timeout(400)
        now = pg.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                      "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
        if now == links:
            break
        links = now
    return links


def open_site(browser, url: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    pg = context.new_page()
    pg.goto(url + "methodology/")
    pg.wait_for_load_state("load")
    return pg


@pytest.mark.parametrize("query", ["ResNet-50", "resnet50", "resnet 50", "Resnet 50"])
def test_common_spellings_find_resnet_50(browser, real_site, query):
    pg = open_site(browser, real_site["url"], DESKTOP)
    links = search(pg, query)
    assert "/networks/resnet_50/" in links[:3], (query, links[:8])
    pg.context.close()


@pytest.mark.parametrize("query, page", [("mobilenet v2", "/networks/mobilenet_v2_1_0/"), ("mobilenetv2", "/networks/mobilenet_v2_1_0/"),
                                         ("efficientnet b0", "/networks/efficientnet_b0/"), ("efficientnetb0", "/networks/efficientnet_b0/"),
                                         ("squeezenet", "/networks/squeezenet_v1_0/")])
def test_other_spellings(browser, real_site, query, page):
    pg = open_site(browser, real_site["url"], DESKTOP)
    links = search(pg, query)
    assert page in links, (query, links[:10])
    pg.context.close()


def worker_results(real_site, queries: list[str]) -> dict:
    """Material's own search worker (lunr), run in Node over the built index (tests/tools/search-probe.cjs): the
    prefixes it refuses, and each query's result locations in order."""
    import shutil
    import subprocess

    from conftest import ROOT

    workers = sorted((real_site["dir"] / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert len(workers) == 1
    r = subprocess.run([shutil.which("node"), str(ROOT / "tests" / "tools" / "search-probe.cjs"), str(workers[0]),
                        str(real_site["dir"] / "search" / "search_index.json"), *queries],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_every_curated_network_is_found_by_its_name(browser, real_site):
    """Every curated network's name, as it is written, lists its page among the results: all of them through
    Material's search worker in Node, and every twelfth typed into the page's search box, where the same worker
    answers (typing all 182 took four minutes of the test command)."""
    nets = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REAL_DATA / "networks").glob("*.yaml"))]
    results = worker_results(real_site, [n["name"] for n in nets])["results"]
    missing = [(n["name"], results[n["name"]][:5]) for n in nets if f"networks/{n['id']}/" not in results[n["name"]]]
    assert missing == []
    pg = open_site(browser, real_site["url"], DESKTOP)
    for net in nets[::12]:
        links = search(pg, net["name"])
        assert f"/networks/{net['id']}/" in links, (net["name"], links[:5])
        # the page lists what the worker found, in its order (the page shows a document's sections under it)
        pages = list(dict.fromkeys(link.split("#")[0] for link in links))
        worker = list(dict.fromkeys("/" + loc.split("#")[0] for loc in results[net["name"]]))
        assert pages == worker[:len(pages)], net["name"]
    pg.context.close()


@pytest.mark.parametrize("query", ["convnext_tiny", "efficientvit"])
def test_imported_weights_found_by_architecture(browser, real_site, query):
    pg = open_site(browser, real_site["url"], DESKTOP)
    links = search(pg, query)
    assert any(link.startswith("/imported/timm/") for link in links), (query, links[:8])
    pg.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_on_a_phone(browser, real_site, scheme):
    pg = open_site(browser, real_site["url"], PHONE, scheme)
    links = search(pg, "resnet50")
    assert "/networks/resnet_50/" in links[:3]
    screenshot(pg, f"phone-search-resnet50-{scheme}")
    pg.locator(".md-search-result__item > a[href*='networks/resnet_50/']").first.click()  # Material adds ?q=
    pg.wait_for_url(lambda url: "/networks/resnet_50/" in url)
    pg.locator(".md-content h1", has_text="ResNet-50").wait_for()
    pg.context.close()


def test_network_pages_stay_out_of_the_navigation_and_their_tables_out_of_the_index(real_site):
    site = real_site["dir"]
    page = (site / "networks" / "resnet_50" / "index.html").read_text(encoding="utf-8")
    nav = page.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "resnet_50/" not in nav and "alexnet/" not in nav
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = [d for d in docs if d["location"].startswith("networks/resnet_50/")]
    assert [d["location"] for d in entries] == ["networks/resnet_50/"]  # one section: no table, no notes
    assert "resnet50" in entries[0]["text"] and len(entries[0]["text"]) < 600


def test_material_search_worker_accepts_every_prefix(real_site):
    """Material's own search worker (lunr), run in Node over the built index: no one- or two-character prefix
    makes it throw (with more spellings per network it threw on every query starting with "c", "co" or "v",
    and the page showed "No matching documents")."""
    out = worker_results(real_site, ["resnet50", "convnext_tiny"])
    assert out["failing"] == []
    assert "networks/resnet_50/" in out["results"]["resnet50"]
    assert any(loc.startswith("imported/timm/") for loc in out["results"]["convnext_tiny"])
