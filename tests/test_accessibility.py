"""axe-core (pinned in package-lock.json) on the main pages: no serious or critical violation."""

from __future__ import annotations

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "explorer/", "explorer/?mine=Mine%3A70%3A3%3A0.3", "figure1/", "ball-charts/", "leaderboard/", "networks/",
         "networks/resnet_50/", "methodology/", "claims/", "data/", "charts/", "charts/ball-macs/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page, real_site, path):
    assert AXE.is_file(), "axe-core is missing: run npm ci (./atlas test does it)"
    page.goto(real_site["url"] + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_charts_have_text_alternatives(page, real_site):
    page.goto(real_site["url"])
    page.wait_for_function("document.querySelectorAll('.atlas-chart[data-rendered]').length >= 3")
    for el in page.locator(".atlas-chart").all():
        assert el.get_attribute("role") == "figure" and len(el.get_attribute("aria-label") or "") > 20
    assert page.locator("details.atlas-chart-data table").count() >= 3  # every chart's data as a table beside it
