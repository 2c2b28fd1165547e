"""The built site in headless Chromium, as a person uses it (fixture registry of 5 networks)."""

from __future__ import annotations

from conftest import screenshot


def charts_ready(pg, count: int) -> None:
    pg.wait_for_function(f"document.querySelectorAll('.atlas-chart[data-rendered]').length >= {count}", timeout=20000)


def test_home_charts_render_on_direct_load(page, fixture_site):
    page.goto(fixture_site["url"])
    charts_ready(page, 3)
    ball = page.locator('#chart-ball-macs .atlas-chart')
    assert ball.locator("svg.main-svg").count() >= 1
    # one blob per network: 5 points in the scatter layer (the Pareto line draws no points)
    assert ball.locator(".scatterlayer .trace .points path.point").count() == 5
    bars = page.locator('#chart-figure1-netscore .atlas-chart .bars path')
    assert bars.count() == 5
    screenshot(page, "fixture-home")
    assert page.errors == [] and page.outside == []


def test_instant_navigation_and_back_still_render(page, fixture_site):
    page.goto(fixture_site["url"])
    charts_ready(page, 3)
    page.evaluate("window.__atlasNoReload = 1")
    page.locator("nav.md-nav--primary a", has_text="Ball charts").first.click()
    page.wait_for_url("**/ball-charts/")
    charts_ready(page, 2)
    assert page.evaluate("window.__atlasNoReload") == 1, "navigation reloaded the page: instant navigation is off"
    assert page.locator(".atlas-chart[data-rendered] .scatterlayer .trace .points path.point").count() == 10
    page.go_back()
    page.wait_for_url(fixture_site["url"])
    charts_ready(page, 3)
    assert page.locator("#chart-ball-macs .atlas-chart .scatterlayer .trace .points path.point").count() == 5
    assert page.errors == []


def test_dark_mode_recolours_charts(page, fixture_site):
    page.goto(fixture_site["url"] + "ball-charts/")
    charts_ready(page, 2)
    light = page.evaluate("document.querySelector('.atlas-chart[data-rendered]')._fullLayout.font.color")
    page.locator("label[title='Switch to dark mode']").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(f"document.querySelector('.atlas-chart[data-rendered]')._fullLayout.font.color !== '{light}'")
    dark = page.evaluate("document.querySelector('.atlas-chart[data-rendered]')._fullLayout.font.color")
    assert dark != light
    screenshot(page, "fixture-ball-charts-dark")


def test_bar_click_opens_network_page(page, fixture_site):
    page.goto(fixture_site["url"] + "figure1/")
    charts_ready(page, 3)
    bar = page.locator("#chart-figure1-top1 .atlas-chart .bars path").last  # drawn first = bottom; last = top = best
    bar.click(force=True)
    page.wait_for_url("**/networks/big_e/")  # Big E has the best top-1 (80.0)
    assert page.locator("h1").inner_text().rstrip("¶") == "Big E"


def test_network_page_links_its_sources_and_highlights_itself(page, fixture_site):
    page.goto(fixture_site["url"] + "networks/tiny_b/")
    charts_ready(page, 1)
    row = page.locator("#q-top1")
    assert row.locator("a", has_text="fixture").get_attribute("href").endswith("/data/#src-fixture")
    assert row.locator("a.atlas-ext").get_attribute("href") == "https://example.org/fixture"
    # 5 networks plus the ring around this one
    assert page.locator(".atlas-chart .scatterlayer .trace .points path.point").count() == 6
    page.locator("#q-top1 a", has_text="fixture").click()
    page.wait_for_url("**/data/#src-fixture")
    # instant navigation changes the URL before it swaps the content in: wait for the entry (fails after 5 s)
    page.locator("#src-fixture").wait_for(state="visible", timeout=5000)
    assert page.errors == [] and page.outside == []
