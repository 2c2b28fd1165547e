"""The training-data filter (issue #17, point 6) in headless Chromium: ImageNet-1k only, extra data, distilled, in
the explorer and in its URL, against the Python domain core (selection.Selection.training)."""

from __future__ import annotations

from conftest import REAL_DATA, screenshot
from netscore_atlas.derive import derive_table
from netscore_atlas.pipeline import load_valid_registry
from netscore_atlas.ranking import ranked
from netscore_atlas.selection import Selection, select


def expected(which="curated", training=()):
    rows = derive_table(load_valid_registry(REAL_DATA).networks)
    return [r["id"] for r in ranked(select(rows, Selection(which, training=tuple(training))), "netscore")]


def open_explorer(page, site, query=""):
    page.goto(site["url"] + "explorer/" + query)
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)


def explorer_ids(page) -> list[str]:
    if page.locator("#ex-more").is_visible():
        page.locator("#ex-more").click()
    return page.eval_on_selector_all("#ex-table tbody tr", "rows => rows.map(r => r.dataset.id)")


def bright_ids(page) -> set[str]:
    return set(page.evaluate("""() => [...document.querySelectorAll('#ex-chart .scatterlayer .trace path.point')]
        .filter(n => !n.classList.contains('atlas-out'))
        .map(n => n.parentNode.closest('.trace').__data__[0].trace.customdata[n.__data__.i][0])"""))


def test_explorer_training_filter_by_checkbox_link_and_reload(page, real_site):
    open_explorer(page, real_site, "?set=all")
    everything = expected("all")
    assert explorer_ids(page) == everything
    group = page.get_by_role("group", name="Training data")
    group.get_by_label("ImageNet-1k only").check()
    in1k = expected("all", ["imagenet-1k"])
    assert explorer_ids(page) == in1k and 0 < len(in1k) < len(everything)
    assert "training=imagenet-1k" in page.url
    assert bright_ids(page) == set(in1k)  # the chart greys the rest
    group.get_by_label("distilled").check()  # 'no extra data': two classes
    no_extra = expected("all", ["imagenet-1k", "distilled"])
    assert explorer_ids(page) == no_extra and len(no_extra) > len(in1k)
    assert page.url.endswith("?training=imagenet-1k&training=distilled&set=all")  # in the order of VIEW_PARAMS
    page.reload()
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=20000)
    group = page.get_by_role("group", name="Training data")
    assert group.get_by_label("ImageNet-1k only").is_checked() and group.get_by_label("distilled").is_checked()
    assert not group.get_by_label("extra data").is_checked()
    assert explorer_ids(page) == no_extra
    screenshot(page, "explorer-training-filter")
    # a shared link with extra data only; unknown classes in it are dropped
    open_explorer(page, real_site, "?set=all&training=extra-data&training=bogus")
    assert page.get_by_role("group", name="Training data").get_by_label("extra data").is_checked()
    extra = expected("all", ["extra-data"])
    assert explorer_ids(page) == extra and extra and set(extra) <= {r for r in everything}
    assert set(extra).isdisjoint(no_extra)
    # unticking the last box shows every network again and leaves training= out of the address
    page.get_by_role("group", name="Training data").get_by_label("extra data").uncheck()
    assert explorer_ids(page) == everything and "training=" not in page.url
    assert page.errors == [] and page.outside == []
