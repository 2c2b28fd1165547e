"""The real site on a 390 px phone and a 1440 px desktop, light and dark, as a person sees it (issue #13)."""

from __future__ import annotations

import pytest

from conftest import screenshot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}

# Every kind of page: the top-level pages, network pages with wide tables (sources, rivals, alternatives), an
# imported collection, a chart page.
PAGES = ["", "explorer/", "figure1/", "ball-charts/", "leaderboard/", "networks/", "methodology/", "claims/",
         "disagreements/", "data/", "charts/", "charts/ball-macs/", "networks/alexnet/", "networks/amoebanet_a_n4_f50/",
         "networks/resnet_50/", "networks/efficientnet_b0/", "imported/timm/"]


def open_page(browser, url: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(url)
    pg.wait_for_load_state("load")
    return pg


def sideways(pg) -> int:
    """How far the page itself scrolls sideways, in px (0: not at all)."""
    return pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


# Each scroll box: does its table overflow, is a hint shown just above it, and is it a named, focusable region.
SCROLL_BOXES = """() => [...document.querySelectorAll('.md-content .atlas-scroll')].filter(b => b.offsetParent !== null).map(b => {
  const hint = b.previousElementSibling;
  return {over: b.scrollWidth > b.clientWidth + 1, hint: !!hint && hint.classList.contains('atlas-scroll-hint') && !hint.hidden
            && hint.getBoundingClientRect().height > 0, tabindex: b.getAttribute('tabindex'), label: b.getAttribute('aria-label') || ''};
})"""

# Names of networks in table cells and lists that wrap onto a second line (broken inside the name).
BROKEN_NAMES = """() => [...document.querySelectorAll('.md-content a[href*="networks/"]')].filter(a => a.offsetParent !== null)
  .filter(a => { const r = a.getClientRects(); return r.length > 1 && Math.abs(r[0].top - r[r.length - 1].top) > 2; })
  .map(a => a.textContent)"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_on_a_phone(browser, real_site, scheme):
    pg = open_page(browser, real_site["url"], PHONE, scheme)
    problems = []
    try:
        for path in PAGES:
            pg.goto(real_site["url"] + path)
            pg.wait_for_load_state("load")
            pg.wait_for_timeout(300)  # charts and the explorer's table are drawn after load
            if sideways(pg) > 0:
                problems.append(f"{path or 'home'} scrolls sideways by {sideways(pg)} px")
            for box in pg.evaluate(SCROLL_BOXES):
                if box["over"] and not box["hint"]:
                    problems.append(f"{path}: a table wider than the screen has no visible hint above it")
                if box["over"] and not (box["tabindex"] == "0" and box["label"].endswith("scrolls sideways")):
                    problems.append(f"{path}: a scrolling table is not a named, focusable region: {box}")
            problems += [f"{path}: {name!r} breaks onto two lines" for name in pg.evaluate(BROKEN_NAMES)]
        assert problems == [] and pg.errors == []
    finally:
        pg.context.close()


def test_wide_tables_scroll_in_their_box_with_a_hint(browser, real_site):
    """AlexNet's page on a phone: the sources table is wider than the screen; it scrolls inside its box (the
    page does not move), and the hint above it says so. On a desktop the same table fits: no hint."""
    for scheme in ("light", "dark"):
        pg = open_page(browser, real_site["url"] + "networks/alexnet/", PHONE, scheme)
        box = pg.locator(".atlas-scroll", has=pg.locator("table.atlas-provenance"))
        hint = pg.locator(".atlas-scroll-hint").first
        hint.wait_for(state="visible")
        assert "sideways" in hint.inner_text()
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        box.scroll_into_view_if_needed()
        screenshot(pg, f"phone-network-table-{scheme}")
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert box.evaluate("b => b.scrollLeft") > 50 and sideways(pg) <= 0  # the box scrolled, the page did not
        screenshot(pg, f"phone-network-table-scrolled-{scheme}")
        pg.context.close()
    pg = open_page(browser, real_site["url"] + "networks/alexnet/", DESKTOP)
    pg.wait_for_timeout(300)
    assert pg.locator(".atlas-scroll-hint:visible").count() == 0
    assert pg.locator(".atlas-scroll[tabindex]").count() == 0
    screenshot(pg, "desktop-network-light")
    pg.context.close()


def test_leaderboard_names_stay_whole_on_a_phone(browser, real_site):
    """'AmoebaNet-A (N=4, F=50)' and 'ConvNeXt-B' used to break at the hyphen in a narrow column."""
    pg = open_page(browser, real_site["url"] + "leaderboard/", PHONE)
    names = pg.locator("#leaderboard-table a", has_text="AmoebaNet-A (N=4, F=50)")
    assert names.count() == 1
    assert names.evaluate("a => a.getClientRects().length") == 1
    assert pg.locator("#leaderboard-table a", has_text="ConvNeXt-B").first.evaluate("a => a.getClientRects().length") == 1
    assert sideways(pg) <= 0
    pg.context.close()
