"""The MAC-budget explorer in headless Chromium: what only a browser shows. A control changes the view, the URL
round-trips, the chart and the table reflect the view (against the Python domain core). The arithmetic (metrics at
any weights, ranks, the front, the URL's parsing) is explorer-core.js's, tested in Node against Python's golden
cases (test_explorer_core.py)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, REAL_DATA, real_rows, screenshot
from explorer_cases import best_sentence, count_sentence, note_text, parse_query, rank_caption, scope_rows, view_rows
from netscore_atlas import mine
from netscore_atlas.derive import derive_table
from netscore_atlas.metrics import NetScoreWeights
from netscore_atlas.pareto import pareto_front
from netscore_atlas.pipeline import load_valid_registry
from netscore_atlas.ranking import competition_ranks, ranked
from netscore_atlas.selection import Budget, Selection, select


def python_rows(data, alpha=2.0, beta=0.5, gamma=0.5):
    if data == REAL_DATA:
        return real_rows(alpha, beta, gamma)
    return derive_table(load_valid_registry(data).networks, NetScoreWeights(alpha, beta, gamma))


def python_view(data, metric="netscore", max_gmacs=None, max_params_m=None, min_top1=None, which="curated", **w):
    return ranked(select(python_rows(data, **w), Selection(which, Budget(max_gmacs, max_params_m, min_top1))), metric)


def open_explorer(page, site, query=""):
    page.goto(site["url"] + "explorer/" + query)
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)


def chart_points(page) -> dict[str, bool]:
    """Every point the ball chart draws: network id -> drawn grey and faint (outside the view)."""
    return dict(page.evaluate("""() => [...document.querySelectorAll('#ex-chart .scatterlayer .trace path.point')].map(node => {
        const trace = node.parentNode.closest('.trace').__data__[0].trace;
        return [trace.customdata[node.__data__.i][0], node.classList.contains('atlas-out')];
    })"""))


def bright_ids(page) -> set[str]:
    """The networks the chart draws in colour: those in the view."""
    return {nid for nid, faint in chart_points(page).items() if not faint}


def front_vertices(page) -> list[tuple[float, float]]:
    """The networks the Pareto-front step line runs through: its path is 'Mx,y' then 'HxVy' per network
    (a horizontal step to the next network's MACs, then up to its top-1)."""
    import re

    paths = page.evaluate("document.getElementById('ex-chart').layout.shapes.filter(s => s.type === 'path').map(s => s.path)")
    if not paths:
        return []
    number = r"[-+0-9.e]+"
    assert re.fullmatch(rf"M{number},{number}(H{number}V{number})*", paths[0]), paths[0]
    numbers = [float(x) for x in re.findall(number, paths[0])]
    return list(zip(numbers[0::2], numbers[1::2]))


def table_ids(page) -> list[str]:
    more = page.locator("#ex-more")
    if more.is_visible():
        more.click()  # a long table shows its first 50 rows until asked for all
    return page.eval_on_selector_all("#ex-table tbody tr", "rows => rows.map(r => r.dataset.id)")


def reference(page, query: str):
    """Python's reference (tests/explorer_cases.py) for a query, on the networks of the page's own payload: the view
    with what it ignored, every row at its weights, and the rows in view, ranked."""
    payload = page.evaluate("JSON.parse(document.getElementById('atlas-explorer').dataset.explorer)")
    view = parse_query(query, sorted(payload["styles"]), ("highlight",))
    everything, inside, _ = view_rows(payload["networks"], view)
    return view, everything, inside


SHOTS = Path("/tmp/honest-shots")


def shot(pg, name: str) -> None:
    """A screenshot for a person to look at: test-artifacts/ and /tmp/honest-shots/."""
    path = screenshot(pg, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def test_a_link_shows_pythons_view(page, real_site):
    """The table, its ranks, the sentence and the count of a view given by a link, on the real registry."""
    open_explorer(page, real_site, "?max_gmacs=5&max_params_m=30&metric=top1")
    expected = python_view(REAL_DATA, max_gmacs=5, max_params_m=30, metric="top1")
    assert table_ids(page) == [r["id"] for r in expected]
    ranks = page.eval_on_selector_all("#ex-table tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert ranks == [str(k) for k in competition_ranks(expected, "top1")]
    assert page.locator("#ex-best").inner_text() == best_sentence(expected)
    view, everything, inside = reference(page, "?max_gmacs=5&max_params_m=30&metric=top1")
    assert [r["id"] for r in inside] == [r["id"] for r in expected]
    assert page.locator("#ex-count").inner_text() == count_sentence(view, everything, inside)
    assert page.locator("#ex-count").inner_text().startswith(f"{len(expected)} of the ")


def test_budget_by_control_and_keyboard(page, real_site):
    open_explorer(page, real_site)
    page.get_by_label("Max G-MACs").fill("0.6")
    assert table_ids(page) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=0.6)]
    assert "max_gmacs=0.6" in page.url
    page.get_by_label("Max parameters (M)").fill("3")
    assert table_ids(page) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=0.6, max_params_m=3)]
    # keyboard: the slider moves with the arrow keys and changes the budget
    page.get_by_label("Max parameters (M)").fill("")
    slider = page.get_by_label("MAC budget (G-MACs, log scale)")
    slider.focus()
    before = page.get_by_label("Max G-MACs").input_value()
    for _ in range(20):
        page.keyboard.press("ArrowLeft")
    after = float(page.get_by_label("Max G-MACs").input_value())
    assert after < float(before)
    assert table_ids(page) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=after)]


def test_chart_greys_exactly_the_networks_outside_the_view(page, real_site):
    """The chart keeps every network; a budget change greys the ones outside it without a new plot, and the
    Pareto front runs through Python's front of the view. Checked on a link and after typing budgets."""
    open_explorer(page, real_site, "?max_gmacs=0.6")
    points = chart_points(page)
    assert len(points) == int(page.evaluate("document.getElementById('ex-chart').dataset.points"))
    assert not any(nid.startswith("timm__") for nid in points)  # the curated set: imported weights are not drawn
    for budget, params in [(None, None), ("5", "30"), ("", None)]:
        if budget is not None:
            page.get_by_label("Max G-MACs").fill(budget)
            page.get_by_label("Max parameters (M)").fill(params or "")
        gmacs = float(budget) if budget else (0.6 if budget is None else None)
        view = python_view(REAL_DATA, max_gmacs=gmacs, max_params_m=float(params) if params else None)
        assert bright_ids(page) == {r["id"] for r in view}, (budget, params)
        assert set(chart_points(page)) == set(points)  # nothing added or dropped
        front = pareto_front((r["id"], r["macs_g"], r["top1"]) for r in view)
        by_id = {r["id"]: r for r in view}
        corners = [(by_id[f]["macs_g"], by_id[f]["top1"]) for f in front]
        assert front_vertices(page) == pytest.approx(corners)
    page.get_by_label("Max G-MACs").fill("1")
    budget_lines = page.evaluate("document.getElementById('ex-chart').layout.shapes.filter(s => s.type === 'line').map(s => s.x0)")
    assert budget_lines == [1]


def test_url_round_trip(page, real_site):
    open_explorer(page, real_site)
    page.get_by_label("Max G-MACs").fill("4")
    page.get_by_label("Min top-1 (%)").fill("70")
    page.get_by_label("Rank by").select_option("info_density")
    page.get_by_label("α").fill("1.5")
    page.locator("summary", has_text="Families").click()
    page.get_by_label("MobileNetV1").check()
    page.get_by_label("ResNet", exact=True).check()
    page.get_by_label("Year from").fill("2015")
    ids = table_ids(page)
    sentence = page.locator("#ex-best").inner_text()
    page.get_by_role("button", name="Copy link").click()
    link = page.get_by_label("Link to this view").input_value()
    assert "family=MobileNetV1" in link and "family=ResNet" in link and "metric=info_density" in link
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null")
    assert table_ids(other) == ids and ids
    assert other.locator("#ex-best").inner_text() == sentence
    assert other.get_by_label("Max G-MACs").input_value() == "4"
    assert other.get_by_label("Rank by").input_value() == "info_density"
    assert other.get_by_label("α").input_value() == "1.5"
    assert other.get_by_label("MobileNetV1").is_checked()
    other.close()


def test_garbage_query_falls_back_to_defaults(page, real_site):
    open_explorer(page, real_site, "?max_gmacs=abc&max_params_m=-4&min_top1=500&metric=evil&alpha=NaN&beta=x"
                                   "&family=%3Cscript%3E&year_min=soon&year_max=&gamma=1e999")
    assert table_ids(page) == [r["id"] for r in python_view(REAL_DATA)]
    assert page.get_by_label("Rank by").input_value() == "netscore"
    assert page.get_by_label("α").input_value() == "2"
    assert page.errors == []


def test_csv_download_matches_table(page, real_site):
    open_explorer(page, real_site, "?max_gmacs=1&alpha=1")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download this view (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert [r["id"] for r in rows] == table_ids(page)
    expected = python_view(REAL_DATA, max_gmacs=1, alpha=1)
    for r, e in zip(rows, expected):
        assert float(r["netscore"]) == pytest.approx(e["netscore"], abs=1e-5)
        assert float(r["alpha"]) == 1 and r["registry"]


def test_phone_width_has_no_page_overflow(browser, real_site):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(real_site["url"] + "explorer/?max_gmacs=0.6")
    pg.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 392
    assert pg.get_by_label("Max G-MACs").is_visible()
    screenshot(pg, "explorer-phone")
    ctx.close()


def test_explorer_after_instant_navigation(page, fixture_site):
    page.goto(fixture_site["url"])
    page.evaluate("window.__atlasNoReload = 1")
    page.locator("nav.md-nav--primary a", has_text="Explorer").first.click()
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)
    assert page.evaluate("window.__atlasNoReload") == 1
    assert table_ids(page) == [r["id"] for r in python_view(FIXTURE_DATA)]
    screenshot(page, "fixture-explorer")


def test_imported_set_links_to_the_collections_page(page, real_site):
    open_explorer(page, real_site, "?set=imported&max_gmacs=1")
    expected = python_view(REAL_DATA, max_gmacs=1, which="imported")
    assert table_ids(page) == [r["id"] for r in expected]
    assert page.get_by_label("Networks", exact=True).input_value() == "imported"
    assert expected and all(r["collection"] == "imported:timm" for r in expected)
    href = page.locator("#ex-table tbody tr a").first.get_attribute("href")
    assert "imported/timm/#timm__" in href


def test_colour_by_year(page, real_site):
    open_explorer(page, real_site, "?colour=year&max_gmacs=2")
    traces = page.evaluate("document.getElementById('ex-chart').data.map(t => [t.name, Array.isArray(t.marker && t.marker.color) ? t.marker.color.length : 0])")
    coloured = [t for t in traces if t[0] == "networks (colour: year)"]
    curated = [r for r in python_rows(REAL_DATA) if r["collection"] == "curated" and r["macs_g"] is not None
               and r["params_m"] is not None and r["top1"] is not None]
    assert coloured and coloured[0][1] == len(curated)  # every curated network, coloured by its year
    assert bright_ids(page) == {r["id"] for r in python_view(REAL_DATA, max_gmacs=2)}
    assert page.get_by_label("Colour the chart by").input_value() == "year"
    page.get_by_label("Colour the chart by").select_option("family")
    assert "colour=year" not in page.url


def test_table_rows_kept_between_redraws_show_the_new_values(page, real_site):
    """Rows are reused across redraws: after a change of budget and of weights every cell must be the new value."""
    open_explorer(page, real_site, "?max_gmacs=5")
    page.get_by_label("Max G-MACs").fill("1")
    page.get_by_label("α").fill("1")
    page.get_by_label("γ").fill("1")
    expected = python_view(REAL_DATA, max_gmacs=1, alpha=1, gamma=1)
    cells = page.eval_on_selector_all("#ex-table tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    assert [c[0] for c in cells] == [str(i + 1) for i in range(len(cells))]
    assert len(cells) == min(50, len(expected))
    for got, row in zip(cells, expected):
        assert got[1] == row["name"]
        assert got[7] == f"{row['netscore']:,.2f}", row["id"]
        assert got[4] == f"{row['top1']:,.2f}" and got[6] == f"{row['macs_g']:,.3f}"


def test_key_lists_every_family_drawn_and_imported_points_only_in_their_sets(page, real_site):
    """The key below the chart names every family the chart draws, under its group, by the colour and marker of its
    trace; Plotly's legend is off (it took most of the chart on a phone). Imported weights are drawn only when the
    chosen set includes them."""
    open_explorer(page, real_site)
    traces = page.evaluate("document.getElementById('ex-chart').data.map(t => [t.name, t.legendgroup, t.marker.color, t.marker.symbol])")
    assert page.evaluate("document.getElementById('ex-chart')._fullLayout.showlegend") is False
    families = page.eval_on_selector_all("#atlas-explorer .atlas-key-family", "fs => fs.map(f => [f.innerText.trim(), f.querySelector('path').getAttribute('fill')])")
    drawn = {name: colour for name, group, colour, symbol in traces}
    assert drawn and {f: c for f, c in families if f in drawn} == drawn
    groups = page.eval_on_selector_all("#atlas-explorer .atlas-key button", "bs => bs.map(b => b.dataset.legendgroup)")
    assert {g for _, g, _, _ in traces} <= set(groups)
    assert not page.locator('.atlas-key-extra[data-kind="imported"]').is_visible()
    curated = int(page.evaluate("document.getElementById('ex-chart').dataset.points"))
    page.get_by_label("Networks", exact=True).select_option("all")
    page.wait_for_function(f"+document.getElementById('ex-chart').dataset.points > {curated}")
    points = chart_points(page)
    assert any(nid.startswith("timm__") for nid in points) and len(points) > curated
    assert page.locator('.atlas-key-extra[data-kind="imported"]').is_visible()


# ---- honesty (#13 point 7): notes on what is ignored, counts that name their set, the back button ---------------

BAD = "?alpha=-3&max_gmacs=-5&min_top1=101&metric=top1&metric=netscore&colour=plaid"


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_address_with_bad_values_says_what_it_ignored(browser, real_site, width, scheme):
    """Every ignored value of the address is named with the reason, above the form, in Python's words; the view is
    the default one; a change writes a clean address and the note goes."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, is_mobile=width < 500)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    open_explorer(pg, real_site, BAD)
    note = pg.locator("#ex-notes")
    assert note.is_visible()
    view, everything, inside = reference(pg, BAD)
    assert note.inner_text() == note_text(view.ignored)
    for said in ("max_gmacs=-5 (must be a number greater than 0 and at most 1,000,000)", "min_top1=101 (must be a number from 0 to 100)",
                 "alpha=-3 (must be a number from 0 to 100)", "metric=netscore (given more than once: the first counts)",
                 "colour=plaid (must be one of family, year)"):
        assert said in note.inner_text()
    assert table_ids(pg) == [r["id"] for r in python_view(REAL_DATA, metric="top1")]
    assert pg.locator("#ex-count").inner_text() == count_sentence(view, everything, inside)
    assert pg.evaluate("document.documentElement.scrollWidth") <= width + 2
    note.scroll_into_view_if_needed()
    shot(pg, f"explorer-notes-{width}-{scheme}")
    pg.get_by_label("Max G-MACs").fill("2")
    assert not note.is_visible() and pg.evaluate("location.search") == "?max_gmacs=2&metric=top1"
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("width", [390, 1440])
def test_a_budget_of_0_is_ignored_with_a_note_as_the_command_line_refuses_it(browser, real_site, width):
    """build.py rank refuses --max-gmacs 0 (test_explorer_core); the explorer ignores 0 with the same reason, in a
    link or typed in the box, and shows every network of the set, saying so."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    pg = ctx.new_page()
    open_explorer(pg, real_site, "?max_gmacs=0")
    view, everything, inside = reference(pg, "?max_gmacs=0")
    assert pg.locator("#ex-notes").inner_text() == "Ignored in the address: max_gmacs=0 (must be a number greater than 0 and at most 1,000,000)."
    assert table_ids(pg) == [r["id"] for r in python_view(REAL_DATA)]
    count = pg.locator("#ex-count").inner_text()
    assert count == count_sentence(view, everything, inside) and count.startswith("All ") and "(no budget or filter)" in count
    box = pg.get_by_label("Max G-MACs")
    box.fill("0.6")
    box.fill("0")
    assert pg.locator("#ex-gmacs-note").inner_text() == "0 ignored: must be a number greater than 0 and at most 1,000,000"
    assert box.get_attribute("aria-invalid") == "true" and pg.evaluate("location.search") == ""
    assert table_ids(pg) == [r["id"] for r in python_view(REAL_DATA)]
    pg.get_by_label("Min top-1 (%)").fill("101")
    assert pg.locator("#ex-top1-note").inner_text() == "101 ignored: must be a number from 0 to 100"
    pg.evaluate("document.getElementById('ex-gmacs').scrollIntoView({block: 'center'})")
    shot(pg, f"explorer-budget-0-{width}")
    box.fill("0.6")
    assert pg.locator("#ex-gmacs-note").inner_text() == "" and box.get_attribute("aria-invalid") is None
    assert table_ids(pg) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=0.6)]
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_counts_and_ranks_name_their_set_and_budget(browser, real_site, scheme):
    """The count line says how many of which set the view holds and what narrows it; each network of yours says
    what its ranks count, for each choice of 'Rank against', with Python's ranks."""
    query = "?max_gmacs=0.6&mine=Mine:75.2:3.1:0.31"
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, color_scheme=scheme)
    pg = ctx.new_page()
    open_explorer(pg, real_site, query)
    view, everything, inside = reference(pg, query)
    count = pg.locator("#ex-count").inner_text()
    assert count == count_sentence(view, everything, inside)
    curated = sum(1 for r in everything if not r.get("mine") and r["collection"] == "curated")
    assert count.startswith(f"{len(inside) - 1} of the {curated} curated networks are in view (and 1 of your 1): within 0.6 G-MACs.")
    [yours] = [r for r in everything if r.get("mine")]
    for scope in ("all", "budget", "netscore2018"):
        pg.get_by_label("Rank against").select_option(scope)
        c = mine.compare(yours, scope_rows(scope, everything, inside, "curated"))
        result = pg.locator(".atlas-mine-result")
        assert result.locator(".atlas-mine-scope").inner_text() == rank_caption(scope, view, c["count"])
        cell = result.locator("tr[data-metric=netscore] td").nth(2).inner_text()
        assert cell == f"{c['ranks']['netscore'][0]} of {c['count']}"
    assert "in view (within 0.6 G-MACs)" not in result.locator(".atlas-mine-scope").inner_text()  # the paper's set
    pg.get_by_label("Rank against").select_option("budget")
    assert result.locator(".atlas-mine-scope").inner_text().endswith("curated networks in view (within 0.6 G-MACs).")
    result.scroll_into_view_if_needed()
    shot(pg, f"explorer-yours-ranked-{scheme}")
    ctx.close()


def test_the_back_button_undoes_a_change_of_view(page, real_site):
    """Each change of the view is a history entry: back shows the view before it (controls, table, address), without
    reloading the page; a run of keystrokes in one box is one entry; forward redoes."""
    open_explorer(page, real_site)
    page.evaluate("window.__noReload = 1")
    budget = page.get_by_label("Max G-MACs")
    budget.press_sequentially("0.6", delay=50)  # three keystrokes: one entry
    page.get_by_label("Rank by").select_option("top1")
    page.get_by_label("Networks", exact=True).select_option("netscore2018")
    assert page.evaluate("location.search") == "?max_gmacs=0.6&metric=top1&set=netscore2018"
    page.go_back()
    page.wait_for_function("location.search === '?max_gmacs=0.6&metric=top1'")
    assert page.get_by_label("Networks", exact=True).input_value() == "curated"
    assert table_ids(page) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=0.6, metric="top1")]
    page.go_back()
    page.wait_for_function("location.search === '?max_gmacs=0.6'")
    assert page.get_by_label("Rank by").input_value() == "netscore" and budget.input_value() == "0.6"
    assert table_ids(page) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=0.6)]
    page.go_back()
    page.wait_for_function("location.search === ''")
    assert budget.input_value() == "" and table_ids(page) == [r["id"] for r in python_view(REAL_DATA)]
    page.go_forward()
    page.wait_for_function("location.search === '?max_gmacs=0.6'")
    assert budget.input_value() == "0.6" and table_ids(page) == [r["id"] for r in python_view(REAL_DATA, max_gmacs=0.6)]
    assert page.evaluate("window.__noReload") == 1  # the same page throughout
    page.go_back()
    page.wait_for_function("location.search === ''")
    page.goto(real_site["url"] + "explorer/" + BAD)  # back to an address with bad values shows its note again
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)
    page.get_by_label("Rank by").select_option("info_density")
    assert not page.locator("#ex-notes").is_visible()
    page.go_back()
    page.wait_for_function("document.getElementById('ex-notes').hidden === false")
    assert "max_gmacs=-5" in page.locator("#ex-notes").inner_text()
    assert page.errors == []
