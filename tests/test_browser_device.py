"""The explorer's device budget in headless Chromium, against the Python domain core: a device and a latency or
throughput bound, from a link and from the controls; the table, the speed column, the chart, the sentence naming the
device and its conditions, and the URL. (The arithmetic is explorer-core.js's, tested in Node against Python's
golden cases, test_explorer_core.py.)"""

from __future__ import annotations

from test_browser_explorer import bright_ids, open_explorer, table_ids

from conftest import REAL_DATA, screenshot
from explorer_cases import best_sentence
from netscore_atlas.derive import derive_table
from netscore_atlas.explorer import device_entries
from netscore_atlas.pipeline import load_valid_registry
from netscore_atlas.ranking import ranked
from netscore_atlas.selection import Budget, Selection, SpeedBudget, select


def python_device_view(data, device, which="curated", metric="netscore", max_latency_ms=None, min_throughput=None, max_gmacs=None):
    """What Python's domain core makes of the view: the rows, ranked, and the device as the payload gives it."""
    reg = load_valid_registry(data)
    rows = derive_table(reg.networks, measurements=reg.measurements)
    entry = next(d for d in device_entries(reg.measurements) if d["key"] == device)
    speed = SpeedBudget(device, entry["measure"], max_latency_ms, min_throughput)
    return ranked(select(rows, Selection(which, Budget(max_gmacs, speed=speed))), metric), entry


def speed_cells(page) -> list[str]:
    return page.eval_on_selector_all("#ex-table tbody tr", "rows => rows.map(r => r.cells[r.cells.length - 1].textContent)")


def test_a_device_budget_from_a_link_is_pythons(page, real_site):
    open_explorer(page, real_site, "?device=i7_12700h&max_latency_ms=10")
    expected, device = python_device_view(REAL_DATA, "i7_12700h", max_latency_ms=10.0)
    assert 3 <= len(expected) < 30  # a real budget: some curated networks run within 10 ms per image on it, most do not
    assert table_ids(page) == [r["id"] for r in expected]
    assert speed_cells(page) == [f"{r['speed']['i7_12700h']:,.2f}" for r in expected]
    assert page.locator("#ex-speed-head").inner_text() == "Latency on the Core i7-12700H (laptop CPU) (ms/image)"
    sentence = page.locator("#ex-best").inner_text()
    assert sentence == best_sentence(expected, device)
    assert sentence.startswith("Best within budget on the Intel Core i7-12700H (latency per image; batch 1, FP32, NCHW, "
                               "PyTorch 2.4.0, torch.compile (dynamo); timm's inference benchmark at aa4b5850): by NetScore, ")
    assert bright_ids(page) == {r["id"] for r in expected}
    assert page.locator("#ex-latency-box").is_visible() and not page.locator("#ex-throughput-box").is_visible()
    assert page.errors == [] and page.outside == []


def test_a_throughput_budget_on_a_gpu_over_everything(page, real_site):
    open_explorer(page, real_site, "?device=rtx4090&min_throughput=5000&max_gmacs=2&set=all&metric=top1&max_latency_ms=3")
    expected, device = python_device_view(REAL_DATA, "rtx4090", which="all", metric="top1", min_throughput=5000.0, max_gmacs=2.0)
    assert len(expected) > 50 and any(r["collection"] != "curated" for r in expected)  # imported weights have speeds too
    assert table_ids(page) == [r["id"] for r in expected]
    assert page.locator("#ex-best").inner_text() == best_sentence(expected, device)
    link = page.locator("#ex-link").input_value()  # the view's link (a first load leaves the address as it came)
    assert "device=rtx4090" in link and "max_latency_ms" not in link  # a latency bound does not fit a throughput device
    assert not page.locator("#ex-latency-box").is_visible()


def test_the_controls_set_a_device_budget_and_the_url_keeps_it(page, fixture_site):
    # Fixture CPU latencies: tiny_a 2.5 ms, mid_c 12.5 ms; GPU throughputs: tiny_a 20,000, mid_c 5,000 images/s.
    open_explorer(page, fixture_site)
    assert not page.locator("#ex-latency-box").is_visible() and not page.locator("#ex-throughput-box").is_visible()
    assert len(table_ids(page)) == 5
    page.select_option("#ex-device", "fixture_cpu")
    page.wait_for_function("location.search.includes('device=fixture_cpu')")
    assert table_ids(page) == ["tiny_a", "mid_c"]  # measured on the device (exact matches), ranked by NetScore
    page.fill("#ex-latency", "5")
    page.wait_for_function("location.search.includes('max_latency_ms=5')")
    expected, device = python_device_view(fixture_site["data"], "fixture_cpu", max_latency_ms=5.0)
    assert table_ids(page) == [r["id"] for r in expected] == ["tiny_a"]
    assert speed_cells(page) == ["2.50"]
    assert page.locator("#ex-best").inner_text() == best_sentence(expected, device)
    screenshot(page, "explorer-device-fixture-1400")
    page.select_option("#ex-device", "fixture_gpu")  # a throughput device: the latency bound no longer applies
    page.wait_for_function("location.search.includes('device=fixture_gpu') && !location.search.includes('max_latency_ms')")
    assert page.locator("#ex-throughput-box").is_visible() and not page.locator("#ex-latency-box").is_visible()
    page.fill("#ex-throughput", "10000")
    page.wait_for_function("location.search.includes('min_throughput=10000')")
    assert table_ids(page) == ["tiny_a"] and speed_cells(page) == ["20,000"]
    page.reload()
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null")
    assert page.locator("#ex-device").input_value() == "fixture_gpu" and page.locator("#ex-throughput").input_value() == "10000"
    assert table_ids(page) == ["tiny_a"]
    page.select_option("#ex-device", "")
    page.wait_for_function("!location.search.includes('device')")
    assert len(table_ids(page)) == 5 and not page.locator("#ex-speed-head").is_visible()
    assert page.errors == []
