"""plotly.js only where a chart is drawn, loaded once per visit; no modebar button that reaches outside (issue #13, 5).

Fixture registry (5 networks), served on the port of its site_url so that Material's instant navigation works."""

from __future__ import annotations

from conftest import screenshot

PLOTLY = "/assets/javascripts/plotly.min.js"
# The buttons plotly.js shows for our charts, each of which acts inside the page (zoom, pan, reset, download
# the picture to the reader's own disk). "Share chart..." (sendChartToCloud) posts the figure to an outside
# service; plotly's logo links to plotly's site.
LOCAL_BUTTONS = {"toImage", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d",
                 "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines", "resetViews", "toggleHover"}


def plotly_requests(pg) -> list[str]:
    return [u for u in pg.requested if u.endswith(PLOTLY)]


def watch(pg):
    pg.requested = []
    pg.on("request", lambda r: pg.requested.append(r.url))
    return pg


def charts_ready(pg, count: int) -> None:
    pg.wait_for_function(f"document.querySelectorAll('.atlas-chart[data-rendered]').length >= {count}", timeout=20000)


def modebar(pg, selector: str) -> dict:
    """What a reader sees in the modebar(s) under selector: each button's title, and any link in it."""
    return pg.evaluate("""sel => ({
      titles: [...document.querySelectorAll(sel + ' .modebar-btn')].map(b => b.getAttribute('data-title')),
      links: [...document.querySelectorAll(sel + ' .modebar a[href]')].map(a => a.href)})""", selector)


def button_names(pg, selector: str) -> set[str]:
    """The internal names of the modebar's buttons, read from plotly's own list for the rendered graph."""
    return set(pg.evaluate("""sel => [...document.querySelectorAll(sel)].flatMap(gd =>
        gd._fullLayout && gd._fullLayout._modeBar ? gd._fullLayout._modeBar.buttons.flat().map(b => b.name) : [])""", selector))


def test_pages_without_charts_do_not_load_plotly(page, fixture_site):
    watch(page)
    for path in ("leaderboard/", "methodology/", "data/", "networks/", "claims/", "charts/"):
        page.goto(fixture_site["url"] + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert plotly_requests(page) == [], f"{path} loaded plotly.js without drawing a chart"
        assert page.evaluate("typeof window.Plotly") == "undefined"
    assert page.errors == [] and page.outside == []


def test_plotly_loads_once_and_stays_across_instant_navigation(page, fixture_site):
    watch(page)
    page.goto(fixture_site["url"] + "methodology/")
    page.wait_for_load_state("load")
    page.evaluate("window.__atlasNoReload = 1")
    assert plotly_requests(page) == []
    page.locator("nav.md-nav--primary a", has_text="Ball charts").first.click()  # instant navigation to a chart page
    page.wait_for_url("**/ball-charts/")
    charts_ready(page, 2)
    assert len(plotly_requests(page)) == 1
    for label, url, charts in (("Leaderboard", "**/leaderboard/", 0), ("Figure 1", "**/figure1/", 3), ("Home", "**/", 3)):
        page.locator("nav.md-nav--primary a", has_text=label).first.click()
        page.wait_for_url(url)
        if charts:
            charts_ready(page, charts)
    assert page.evaluate("window.__atlasNoReload") == 1, "a navigation reloaded the page: instant navigation is off"
    assert len(plotly_requests(page)) == 1, "plotly.js was requested again after an instant navigation"
    page.go_back()
    page.wait_for_url("**/figure1/")
    charts_ready(page, 3)
    assert len(plotly_requests(page)) == 1
    assert page.errors == [] and page.outside == []


def check_buttons(names: set[str], where: str) -> None:
    assert names, f"{where}: no modebar found"
    assert "sendChartToCloud" not in names, f"{where}: 'Share chart...' sends the chart to an outside service"
    assert names <= LOCAL_BUTTONS, f"{where}: buttons that are not known to stay inside the page: {names - LOCAL_BUTTONS}"


def test_no_modebar_button_reaches_outside(page, fixture_site):
    for path, selector, count in (("", ".atlas-chart", 3), ("figure1/", ".atlas-chart", 3), ("networks/tiny_b/", ".atlas-chart", 1),
                                  ("explorer/", "#ex-chart", 1), ("charts/ball-macs/embed.html", ".atlas-chart", 1),
                                  ("explorer/?mine=Mine%3A70%3A3%3A0.3", "#ex-figure1 .atlas-chart", 1)):
        page.goto(fixture_site["url"] + path)
        page.wait_for_function(f"document.querySelectorAll('{selector}[data-rendered]').length >= {count}", timeout=20000)
        names = button_names(page, selector)
        check_buttons(names, path or "home")
        seen = modebar(page, selector)
        assert not any("Share" in (t or "") for t in seen["titles"]), seen["titles"]
        assert seen["links"] == [], f"{path}: the modebar links to {seen['links']}"  # plotly's logo
        assert len(seen["titles"]) >= 3  # the modebar is there (zoom, pan, download, ...): we read real buttons
    page.goto(fixture_site["url"])
    charts_ready(page, 3)
    page.locator("#chart-ball-macs .atlas-chart").hover()
    screenshot(page, "modebar-home")
    assert page.errors == [] and page.outside == []
