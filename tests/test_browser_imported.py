"""An imported collection in pages, used in Chromium as a reader does (issue #13, 4), on a 390 px phone and a 1440 px
desktop, light and dark: the index lists the pages; a page has its pager and a sortable, filterable table in its scroll
container; "Find a weight" finds a weight of any page and goes to its row; a weight's stable address
imported/timm/#<id> lands on its row; a curated network's page links its timm alternative to the imported row.
Screenshots go to /tmp/paginate-shots/ (and test-artifacts/) for a person to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import screenshot

SHOTS = Path("/tmp/paginate-shots")
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}
DEIT = "timm__deit_small_patch16_224_fb_in1k_224"  # deit_s's top-1 alternative: timm's deit_small_patch16_224.fb_in1k


def shot(pg, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(screenshot(pg, name), SHOTS / f"{name}.png")


def sideways(pg) -> int:
    return pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


ROW_IN_VIEW = """rid => { const r = document.getElementById(rid); if (!r || !r.matches(':target')) return false;
    const b = r.getBoundingClientRect(), h = document.querySelector('.md-header').getBoundingClientRect().bottom;
    return b.top >= h - 1 && b.bottom <= window.innerHeight; }"""


def row_in_view(pg, rid: str) -> bool:
    """The row is the page's target and comes to lie inside the window, below Material's header (within 10 s: the
    page scrolls to it once the page and its table are in; a fixed wait failed on a busy machine)."""
    pg.wait_for_function(ROW_IN_VIEW, arg=rid, timeout=10000)
    return pg.evaluate(ROW_IN_VIEW, rid)


@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_reader_finds_a_weight_in_the_paged_collection(browser, real_site, screen, scheme):
    url = real_site["url"]
    context = browser.new_context(viewport=SCREENS[screen], color_scheme=scheme)
    pg = context.new_page()
    errors, outside = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    tag = f"{screen}-{scheme}"

    # The index: the pages, each with its range of architectures
    pg.goto(url + "imported/timm/")
    pg.wait_for_load_state("load")
    links = pg.locator(".atlas-weight-pages tbody a")
    assert links.count() >= 10
    assert sideways(pg) == 0
    shot(pg, f"imported-index-{tag}")

    # A page, by its link in the index: the pager says which page it is; the table sorts and filters
    assert "convnext" in pg.text_content(".atlas-weight-pages tbody tr:first-child")  # page 1: bat... to convnext...
    links.first.click()
    pg.wait_for_url(lambda u: "/imported/timm/" in u and not u.rstrip("/").endswith("/timm"), wait_until="commit")
    pg.locator("#imported-table tbody tr").first.wait_for()
    assert pg.locator(".atlas-pager [aria-current='page']").first.text_content().strip().isdigit()
    assert sideways(pg) == 0
    total = pg.locator("#imported-table tbody tr").count()
    assert 0 < total <= 150
    pg.get_by_role("button", name="Top-1 accuracy (%)", exact=True).click()  # not the robustness columns
    top1 = pg.eval_on_selector_all("#imported-table tbody tr", "rows => rows.map(r => parseFloat(r.cells[3].dataset.sort))")
    top1 = [v for v in top1 if v == v]
    assert top1 == sorted(top1, reverse=True)  # higher is better: first click sorts best first
    pg.fill("input.atlas-filter[data-table='imported-table']", "convnext_tiny")
    shown = pg.eval_on_selector_all("#imported-table tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent)")
    assert shown and all("convnext_tiny" in n for n in shown)
    assert pg.text_content(".atlas-count[data-table='imported-table']").startswith(f"{len(shown)} ")
    if screen == "phone":  # the table is wider than the phone: it scrolls in its box, with the hint above it
        assert pg.evaluate("(() => { const b = document.querySelector('.atlas-scroll[data-label^=\"Imported\"]');"
                           " return b.scrollWidth > b.clientWidth && !b.previousElementSibling.hidden; })()")
    shot(pg, f"imported-page-filtered-{tag}")

    # Find a weight of another page (deit is not on the convnext page) and go to its row
    pg.fill(".atlas-weight-find input", "deit_small_patch16_224.fb")
    pg.locator(".atlas-weight-find-results a", has_text="deit_small_patch16_224.fb_in1k").first.wait_for()
    assert "match" in pg.text_content(".atlas-weight-find-status")
    shot(pg, f"imported-find-{tag}")
    pg.locator(".atlas-weight-find-results a", has_text="deit_small_patch16_224.fb_in1k").first.click()
    pg.wait_for_url(lambda u: u.endswith("#" + DEIT), wait_until="commit")
    pg.wait_for_function("rid => document.getElementById(rid) !== null", arg=DEIT)
    assert row_in_view(pg, DEIT)
    shot(pg, f"imported-found-row-{tag}")

    # The stable address imported/timm/#<id> (the explorer's links, older links) is sent on to the row
    pg.goto(url + "imported/timm/#" + DEIT)
    pg.wait_for_url(lambda u: "/imported/timm/" in u and "/timm/#" not in u and u.endswith("#" + DEIT), wait_until="commit")
    pg.wait_for_function("rid => document.getElementById(rid) !== null", arg=DEIT)
    assert row_in_view(pg, DEIT)

    # From the curated network's page: the alternative read from timm links to the imported row
    pg.goto(url + "networks/deit_s/")
    pg.wait_for_load_state("load")
    link = pg.locator(f".md-content a[href$='#{DEIT}']").first
    link.scroll_into_view_if_needed()
    shot(pg, f"network-alternative-link-{tag}")
    link.click()
    pg.wait_for_url(lambda u: u.endswith("#" + DEIT), wait_until="commit")
    pg.wait_for_function("rid => document.getElementById(rid) !== null", arg=DEIT)
    assert row_in_view(pg, DEIT)
    assert sideways(pg) == 0
    shot(pg, f"imported-from-network-{tag}")

    assert errors == [] and outside == []
    context.close()
