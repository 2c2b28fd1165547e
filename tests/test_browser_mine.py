"""Your network on the map: added by form, by paste and by URL, shown beside the registry's. The checks and the
comparison's arithmetic are explorer-core.js's, tested in Node against Python's (test_explorer_core.py); here the
page shows them (against the Python domain core)."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest

from conftest import real_registry, real_rows, screenshot
from netscore_atlas import mine
from netscore_atlas.metrics import DEFAULT_WEIGHTS
from netscore_atlas.selection import Selection, select

MYNET = "MyNet:75.2:3.1:0.31"


def python_compare(spec: str):
    registry = select(real_rows(), Selection("curated"))
    row = mine.with_metrics(mine.parse_spec(spec).net, DEFAULT_WEIGHTS)
    return row, mine.compare(row, registry)


def open_with(page, site, query=""):
    page.goto(site["url"] + "explorer/" + query)
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)


def browser_ranks(page, index=0) -> dict:
    section = page.locator(".atlas-mine-result").nth(index)
    out = {}
    for row in section.locator("tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        rank, count = re.match(r"(\d+) of (\d+)", cells[2]).groups()
        out[row.get_attribute("data-metric")] = (int(rank), int(count), float(cells[3]))
    return out


def assert_agrees(page, spec, index=0):
    row, expected = python_compare(spec)
    got = browser_ranks(page, index)
    for key, (rank, pct) in expected["ranks"].items():
        assert got[key][:2] == (rank, expected["count"]), key
        assert got[key][2] == pytest.approx(round(pct), abs=0.5), key
    text = page.locator(".atlas-mine-result").nth(index).locator(".atlas-mine-pareto").inner_text()
    assert text.startswith("On the Pareto front" if expected["pareto"] else "Not on the Pareto front")
    assert ("Dominates: " + (", ".join(expected["dominates"]) or "none") + ".") in text
    assert ("Dominated by: " + (", ".join(expected["dominated_by"]) or "none") + ".") in text


def add_by_form(page, name, top1, params, macs):
    """Type a network into the form as a person does, and press Add."""
    page.locator("summary", has_text="Your networks").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Top-1 (%)", exact=True).fill(top1)
    page.get_by_label("Parameters (M)", exact=True).fill(params)
    page.get_by_label("MACs (G)", exact=True).fill(macs)
    page.get_by_role("button", name="Add network").click()


def test_add_by_form(page, real_site):
    open_with(page, real_site)
    add_by_form(page, "MyNet", "75.2", "3.1", "0.31")
    page.wait_for_selector(".atlas-mine-result")
    assert_agrees(page, MYNET)
    assert "mine=MyNet%3A75.2%3A3.1%3A0.31" in page.url
    mine_row = page.locator("#ex-table tr.atlas-mine")
    assert mine_row.count() == 1 and "yours" in mine_row.inner_text()
    # drawn on the ball chart (a star trace) and on Figure 1's three bar charts
    assert page.evaluate("document.getElementById('ex-chart').data.some(t => t.name === 'Your networks')")
    page.wait_for_function("document.querySelectorAll('#ex-figure1 .atlas-chart[data-rendered]').length === 3")
    labels = page.evaluate("[...document.querySelectorAll('#ex-figure1 .atlas-chart')].map(d => d.data[0].y.filter(y => y.startsWith('★')))")
    assert labels == [["★ MyNet"]] * 3
    screenshot(page, "explorer-mine-form")


def test_add_by_paste_reports_bad_lines(page, real_site):
    open_with(page, real_site)
    page.locator("summary", has_text="Your networks").click()
    page.get_by_label(re.compile("Or paste CSV")).fill("name,top1,params_m,macs_g\nNetA,74,4,0.4\nNetB,abc,4,0.4\nNetC,71,2.5,0.2\n")
    page.get_by_role("button", name="Add from CSV").click()
    page.wait_for_selector(".atlas-mine-result")
    assert page.locator(".atlas-mine-result h3").all_inner_texts() == ["NetA (yours)", "NetC (yours)"]
    assert "line 3: top1: \"abc\" is not a number" in page.locator("#ex-mine-csv-error").inner_text()
    assert_agrees(page, "NetA:74:4:0.4", 0)
    assert_agrees(page, "NetC:71:2.5:0.2", 1)


def test_add_by_url(page, real_site):
    open_with(page, real_site, "?mine=" + quote(MYNET, safe=""))
    assert_agrees(page, MYNET)


def test_hostile_name_in_url_stays_text(page, real_site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    name = '<img src=x onerror=alert(1)>"</script>'
    open_with(page, real_site, "?mine=" + quote(f"{name}:70:2:0.4", safe=""))
    page.wait_for_selector(".atlas-mine-result")
    assert page.locator(".atlas-mine-result h3").inner_text() == f"{name} (yours)"
    assert page.locator("#ex-table tr.atlas-mine td").nth(1).inner_text().startswith(name)
    page.mouse.move(300, 300)
    page.wait_for_timeout(300)
    assert dialogs == [] and page.errors == []
    assert page.locator("img[src=x]").count() == 0


@pytest.mark.parametrize("field,value,words", [
    ("Top-1 (%)", "120", "top-1 is a percentage: at most 100"),
    ("MACs (G)", "-1", "must be greater than 0"),
])
def test_bad_input_is_explained_beside_the_field(page, real_site, field, value, words):
    open_with(page, real_site)
    page.locator("summary", has_text="Your networks").click()
    page.get_by_label("Name", exact=True).fill("X")
    for label, v in (("Top-1 (%)", "70"), ("Parameters (M)", "3"), ("MACs (G)", "0.3")):
        page.get_by_label(label, exact=True).fill(v)
    page.get_by_label(field, exact=True).fill(value)
    page.get_by_role("button", name="Add network").click()
    slot = {"Top-1 (%)": "#ex-mine-top1-error", "Parameters (M)": "#ex-mine-params_m-error", "MACs (G)": "#ex-mine-macs_g-error"}[field]
    assert words in page.locator(slot).inner_text()
    assert page.locator(".atlas-mine-result").count() == 0
    assert page.errors == []


def test_macs_that_look_like_flops_are_placed_with_a_warning(page, real_site):
    """6,000,000 MACs per parameter: past what real networks show (3,000), so a warning beside the field, as the
    registry's validator and `build.py rank --add` give; the network is placed all the same."""
    open_with(page, real_site)
    add_by_form(page, "Flops", "70", "0.5", "3000")
    assert "are these FLOPs" in page.locator("#ex-mine-macs_g-error").inner_text()
    page.wait_for_selector(".atlas-mine-result")
    assert_agrees(page, "Flops:70:0.5:3000")


def test_export_comparison(page, real_site):
    open_with(page, real_site, "?mine=" + quote(MYNET, safe=""))
    page.wait_for_selector(".atlas-mine-result")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export this comparison (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert rows[0]["kind"] == "yours" and rows[0]["name"] == "MyNet"
    assert [r["kind"] for r in rows[1:]] == ["rival"] * 6
    row, expected = python_compare(MYNET)
    assert int(rows[0]["rank_netscore"]) == expected["ranks"]["netscore"][0]
    assert rows[0]["registry"] == real_registry().meta()["short_hash"]
