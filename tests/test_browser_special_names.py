"""The explorer with names JavaScript treats specially and with far too many networks of yours, in Chromium.

The arithmetic with such names is in the Node golden cases (tests/explorer_cases.py); here the page: a network
with id `constructor` and families named `__proto__` and `toString` are listed and drawn like any other, and a
link with 10,000 networks of yours places the first limits.MINE_MAX and says how many it left out."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURE_DATA, build_site, free_port, screenshot, serve
from netscore_atlas import limits

SPECIAL = {"tiny_a": ("constructor", "__proto__"), "tiny_b": ("tostring", "toString"), "mid_c": ("hasownproperty", "valueOf")}


@pytest.fixture(scope="module")
def special_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("special")
    reg = root / "registry"
    shutil.copytree(FIXTURE_DATA, reg)
    # without the fixture's measurements: their links name the networks by the ids renamed below (the explorer's
    # devices with special names are golden cases of tests/explorer_cases.py)
    shutil.rmtree(reg / "measurements")
    (reg / "implementations.yaml").unlink()
    (reg / "devices.yaml").unlink()
    families = (reg / "families.yaml").read_text()
    for old, (nid, family) in SPECIAL.items():
        text = (reg / "networks" / f"{old}.yaml").read_text()
        name = old.replace("_", " ").title()
        text = text.replace(f"id: {old}", f"id: {nid}").replace("family: " + name.split()[0], f"family: '{family}'")
        (reg / "networks" / f"{old}.yaml").unlink()
        (reg / "networks" / f"{nid}.yaml").write_text(text)
        families += f"'{family}': Special things\n"
    (reg / "families.yaml").write_text(families)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(reg, root / "site", url)
    server = serve(root / "site", port)
    yield {"url": url, "dir": root / "site"}
    server.shutdown()


def open_explorer(page, site, query=""):
    page.goto(site["url"] + "explorer/" + query)
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=60000)


def test_special_names_are_listed_and_drawn(special_site, page):
    open_explorer(page, special_site, "?set=all")
    names = page.eval_on_selector_all("#ex-table tbody tr td:nth-child(2)", "tds => tds.map(t => t.textContent)")
    assert len(names) == 5 and {"Tiny A", "Tiny B", "Mid C"} <= set(names)
    traces = page.evaluate("document.getElementById('ex-chart').data.map(t => t.name)")
    assert {"__proto__", "toString", "valueOf"} <= set(traces)
    drawn = page.evaluate("document.getElementById('ex-chart').data.reduce((n, t) => n + (t.x ? t.x.length : 0), 0)")
    assert drawn >= 5
    page.locator("#ex-gmacs").fill("0.6")
    page.locator("#ex-gmacs").dispatch_event("change")
    page.wait_for_timeout(500)
    names = page.eval_on_selector_all("#ex-table tbody tr td:nth-child(2)", "tds => tds.map(t => t.textContent)")
    assert set(names) == {"Tiny A", "Tiny B"}  # constructor and toString: within 0.6 G-MACs
    assert page.errors == []


def test_a_link_with_ten_thousand_networks_of_yours(special_site, page):
    query = "?" + "&".join(f"mine=N{i}:{60 + i % 30}:{1 + i % 7}:{0.1 + i % 5 / 10}" for i in range(10_000))
    # a 200 KB address: longer than the test server (and most hosts) take in a request line, so the page itself is
    # handed to the browser for it; the explorer reads the address as it would on any host
    body = (special_site["dir"] / "explorer" / "index.html").read_bytes()
    page.route(re.compile(r".*/explorer/\?.*"), lambda route: route.fulfill(status=200, content_type="text/html", body=body))
    open_explorer(page, special_site, query)
    note = page.locator("#ex-mine-ignored").inner_text()
    assert f"at most {limits.MINE_MAX} networks of yours: 9,800 more were left out" in note
    assert page.locator(".atlas-mine-result").count() == limits.MINE_MAX
    page.locator("#ex-gmacs").fill("0.3")
    page.locator("#ex-gmacs").dispatch_event("change")
    page.wait_for_function("new URLSearchParams(location.search).get('max_gmacs') === '0.3'", timeout=30000)
    assert page.evaluate("new URLSearchParams(location.search).getAll('mine').length") == limits.MINE_MAX  # the link too
    page.locator("#ex-mine-ignored").scroll_into_view_if_needed()
    screenshot(page, "explorer-mine-capped")
    # the form refuses the 201st network, and says so
    for field, value in (("name", "One more"), ("top1", "75"), ("params_m", "3"), ("macs_g", "0.3")):
        page.locator(f"#ex-mine-{field}").fill(value)
    page.locator("#ex-mine-add").click()
    page.wait_for_timeout(300)
    assert page.locator(".atlas-mine-result").count() == limits.MINE_MAX
    assert "1 more were left out" in page.locator("#ex-mine-ignored").inner_text()
    assert page.errors == []
