"""The leaderboard in headless Chromium, as a person uses it (issue #13, point 3; #17, point 6): it opens ranked by
NetScore with the paper's weights, sorts by a click on a heading, filters by family, training data and year, keeps
all of it in the address (reload, a shared link, the back button), and on a phone shows the essential columns first
with a heading that stays in view. Expected rows come from the Python domain core (selection, ranking)."""

from __future__ import annotations

import pytest

from conftest import REAL_DATA, screenshot
from netscore_atlas.derive import derive_table
from netscore_atlas.metrics import METRICS
from netscore_atlas.pipeline import load_valid_registry
from netscore_atlas.ranking import rank_values
from netscore_atlas.selection import Selection, in_set

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def rows(data=REAL_DATA):
    return derive_table(load_valid_registry(data).networks)


def by_netscore(data=REAL_DATA, which="curated", **filters) -> list[tuple[str, int | None]]:
    """(id, NetScore rank in the set) of the set's networks the filters admit, as the page opens: by rank, unranked
    last, ties by name. Filters are selection.Selection's (admits() alone: the leaderboard lists incomplete rows)."""
    everything = [r for r in rows(data) if in_set(r, which)]
    ranks = rank_values({r["id"]: r["netscore"] for r in everything}, METRICS["netscore"])
    view = Selection(which, **filters)
    kept = [r for r in everything if view.admits(r)]
    kept.sort(key=lambda r: (ranks[r["id"]] is None, ranks[r["id"]] or 0, r["name"]))
    return [(r["id"], ranks[r["id"]]) for r in kept]


def open_board(page, site, query=""):
    page.goto(site["url"] + "leaderboard/" + query)
    page.wait_for_selector("#leaderboard-table[data-wired]")


def shown(page) -> list[tuple[str, str]]:
    """(id, rank cell) of the rows shown, top to bottom."""
    cells = page.eval_on_selector_all("#leaderboard-table tbody tr:not([hidden])", "trs => trs.map(t => [t.dataset.id, t.cells[0].textContent])")
    return [tuple(c) for c in cells]


def shown_ids(page) -> list[str]:
    return [i for i, _ in shown(page)]


def names(page) -> list[str]:
    return page.eval_on_selector_all("#leaderboard-table tbody tr:not([hidden]) td:nth-child(2)", "tds => tds.map(t => t.innerText)")


def as_shown(expected) -> list[tuple[str, str]]:
    return [(i, "–" if k is None else str(k)) for i, k in expected]


def query(page) -> str:
    return page.evaluate("location.search")


def test_opens_ranked_by_netscore_with_the_papers_weights(page, real_site):
    open_board(page, real_site)
    expected = by_netscore()
    assert shown(page) == as_shown(expected)
    assert expected[0][1] == 1 and any(k is None for _, k in expected)  # unranked networks (a missing value) come last
    assert page.locator("#leaderboard-table th[aria-sort]").get_attribute("data-key") == "rank"
    status = page.locator("#lb-status").inner_text()
    ranked = sum(k is not None for _, k in expected)
    assert status.startswith(f"{len(expected)} curated networks, ranked by NetScore") and f"among the {ranked} " in status
    assert "α = 2, β = γ = 0.5" in page.locator("article p").first.inner_text()
    # the same order without JavaScript: the page is written ranked
    html = (real_site["dir"] / "leaderboard" / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'<tr data-id="{i}">') for i, _ in expected]
    assert positions == sorted(positions)
    assert page.errors == [] and page.outside == []


def test_sort_by_heading_reload_and_back(page, fixture_site):
    """Five fixture networks: a click sorts by a column (the better first), a second click reverses; the address
    holds it, a reload keeps it, and the back button walks back through each sort to the ranked table."""
    open_board(page, fixture_site)
    ranked = names(page)
    top1 = page.get_by_role("button", name="Top-1 (%)")
    top1.click()
    assert names(page) == ["Big E", "Mid C", "Mid D", "Tiny B", "Tiny A"]  # higher is better: best first
    assert query(page) == "?sort=top1"
    top1.click()
    assert names(page) == ["Tiny A", "Tiny B", "Mid D", "Mid C", "Big E"]
    assert query(page) == "?sort=top1&order=asc"
    page.get_by_role("button", name="MACs (G)").click()
    assert names(page)[0] == "Tiny A" and query(page) == "?sort=macs_g"  # lower is better: cheapest first
    page.reload()
    page.wait_for_selector("#leaderboard-table[data-wired]")
    assert names(page)[0] == "Tiny A"
    assert page.locator("#leaderboard-table th[data-key=macs_g]").get_attribute("aria-sort") == "ascending"
    page.go_back()
    page.wait_for_function("location.search === '?sort=top1&order=asc'")
    assert names(page) == ["Tiny A", "Tiny B", "Mid D", "Mid C", "Big E"]
    page.go_back()
    page.wait_for_function("location.search === '?sort=top1'")
    assert names(page)[0] == "Big E"
    page.go_back()
    page.wait_for_function("location.search === ''")
    assert names(page) == ranked
    assert page.locator("#leaderboard-table th[data-key=rank]").get_attribute("aria-sort") == "ascending"
    page.go_forward()
    page.wait_for_function("location.search === '?sort=top1'")
    assert names(page)[0] == "Big E"
    assert page.errors == []


def test_text_filter_is_one_history_entry_and_in_the_address(page, fixture_site):
    open_board(page, fixture_site)
    page.get_by_label("Filter the table by name, family or year").press_sequentially("mid")
    assert sorted(names(page)) == ["Mid C", "Mid D"] and query(page) == "?q=mid"
    assert page.locator("#lb-status").inner_text().startswith("2 of the 5 curated networks shown")
    page.go_back()  # the three keystrokes made one entry
    page.wait_for_function("location.search === ''")
    assert len(names(page)) == 5 and page.get_by_label("Filter the table by name, family or year").input_value() == ""


def test_filters_by_family_training_data_and_year_restore_from_a_link(page, real_site):
    open_board(page, real_site)
    page.get_by_role("group", name="Training data").get_by_label("distilled").check()
    distilled = by_netscore(training=("distilled",))
    assert shown(page) == as_shown(distilled) and 0 < len(distilled) < 20
    assert query(page) == "?training=distilled"
    page.get_by_role("group", name="Training data").get_by_label("ImageNet-1k only").check()
    page.get_by_label("Years from").fill("2019")
    page.get_by_label("to", exact=True).fill("2021")
    page.locator("summary", has_text="Families").click()
    families = page.get_by_role("group", name="Families to include")
    families.get_by_label("EfficientNet", exact=True).check()
    families.get_by_label("DeiT", exact=True).check()
    families.get_by_label("ResNet", exact=True).check()
    chosen = ("DeiT", "EfficientNet", "ResNet")
    expected = by_netscore(training=("imagenet-1k", "distilled"), year_min=2019, year_max=2021, families=chosen)
    assert shown(page) == as_shown(expected) and len(expected) > 3
    assert not {r for r, _ in by_netscore(families=chosen)} <= {r for r, _ in expected}  # the years cut some (ResNet)
    link = page.url
    assert "family=DeiT&family=EfficientNet&family=ResNet" in link and "training=imagenet-1k&training=distilled" in link
    assert "year_min=2019&year_max=2021" in link
    assert page.locator("#lb-family-count").inner_text() == "3"
    page.get_by_role("button", name="NetScore Ω").click()
    ranked_view = shown(page)
    screenshot(page, "leaderboard-filtered-desktop")
    other = page.context.new_page()  # a shared link shows the same table and the same controls
    other.goto(page.url)
    other.wait_for_selector("#leaderboard-table[data-wired]")
    assert shown(other) == ranked_view
    assert other.get_by_role("group", name="Training data").get_by_label("distilled").is_checked()
    assert other.get_by_label("Years from").input_value() == "2019"
    assert other.get_by_role("group", name="Families to include").get_by_label("DeiT", exact=True).is_checked()
    # the explorer link carries the same selection (same parameters, same meaning)
    href = other.locator("#lb-explorer").get_attribute("href")
    assert href.endswith("explorer/?family=DeiT&family=EfficientNet&family=ResNet&training=imagenet-1k&training=distilled&year_min=2019"
                         "&year_max=2021")
    other.get_by_role("button", name="Clear the filters").click()
    assert sorted(shown_ids(other)) == sorted(i for i, _ in by_netscore())  # every network again, sorted by NetScore
    assert "family=" not in other.url and "sort=netscore" in other.url  # the sort is kept
    other.close()
    assert page.errors == [] and page.outside == []


def test_the_papers_set_shows_its_own_ranks(page, real_site):
    open_board(page, real_site, "?set=netscore2018")
    expected = by_netscore(which="netscore2018")
    assert shown(page) == as_shown(expected) and len(expected) == 59
    assert page.get_by_label("Show").input_value() == "netscore2018"
    assert page.locator("#lb-status").inner_text().startswith("59 networks of the NetScore paper's set")
    page.get_by_label("Show").select_option("curated")
    assert shown(page) == as_shown(by_netscore()) and query(page) == ""


@pytest.mark.parametrize("bad, said", [
    ("?sort=evil&order=up&set=imported&year_min=abc&year_max=&training=bogus&family=%3Cscript%3E&max_gmacs=0.6",
     ["set=imported (must be one of curated, netscore2018)", "family=<script> (not a family of the registry)",
      "year_min=abc (must be a year from 1900 to 2200)", "max_gmacs=0.6 (not a setting of this page)"]),
    ("?sort=constructor&order=__proto__&set=__proto__&family=toString&training=valueOf", ["order=__proto__ (must be one of asc, desc)"])])
def test_bad_values_in_the_address_fall_back_to_the_ranked_table_and_say_so(page, real_site, bad, said):
    """The note is the explorer's (AtlasCore.ignoredNote), each value with its reason: Python's reference gives it."""
    from explorer_cases import note_text, parse_query
    from netscore_atlas.leaderboard import PARAMS, ranked_rows

    open_board(page, real_site, bad)
    assert shown(page) == as_shown(by_netscore())
    assert page.locator("#leaderboard-table th[data-key=rank]").get_attribute("aria-sort") == "ascending"
    families = sorted({r["family"] for r in ranked_rows(rows())})
    note = page.locator("#lb-notes").inner_text()
    assert note == note_text(parse_query(bad, families, ("q",), PARAMS).ignored)
    assert note.startswith("Ignored in the address: ") and all(s in note for s in said), note
    page.get_by_role("button", name="Top-1 (%)").click()  # a change writes a clean address: the note goes with the old one
    assert query(page) == "?sort=top1" and page.locator("#lb-notes").inner_text() == ""
    assert page.errors == []


def test_good_values_get_no_note(page, fixture_site):
    open_board(page, fixture_site, "?set=curated&family=Mid&training=imagenet-1k&year_min=2018&year_max=2018.4&sort=top1&order=asc&q=mid")
    assert names(page) == ["Mid D", "Mid C"]
    assert page.locator("#lb-notes").inner_text() == ""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_shows_the_essential_columns_first_and_a_sticky_heading(browser, real_site, scheme):
    ctx = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(real_site["url"] + "leaderboard/")
    pg.wait_for_selector("#leaderboard-table[data-wired]")
    assert pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    box = pg.locator(".atlas-lb-box")
    box.scroll_into_view_if_needed()
    right = pg.evaluate("document.querySelector('.atlas-lb-box').getBoundingClientRect().right")
    heads = pg.eval_on_selector_all("#leaderboard-table thead th", "ths => ths.map(t => [t.dataset.key, t.getBoundingClientRect().right])")
    visible = [key for key, r in heads if r <= right + 1]
    assert visible[:4] == ["rank", "name", "netscore", "top1"], visible  # rank, name, NetScore and top-1 at a glance
    assert pg.locator(".atlas-scroll-hint").first.is_visible()  # and a hint that there is more to the side
    screenshot(pg, f"leaderboard-phone-{scheme}")
    # a person scrolls the page to the table, then the rows with the wheel over them: the heading stays at the box's
    # top, below the site's header and not covered by it, and the whole box fits on the screen
    pg.evaluate("window.scrollBy(0, document.querySelector('.atlas-lb-box').getBoundingClientRect().top"
                " - document.querySelector('.md-header').getBoundingClientRect().bottom - 4)")
    pg.mouse.move(200, 400)
    pg.mouse.wheel(0, 1500)
    pg.wait_for_function("document.querySelector('.atlas-lb-box').scrollTop > 1000")
    top, bottom = box.evaluate("b => [b.getBoundingClientRect().top, b.getBoundingClientRect().bottom]")
    assert bottom <= PHONE["height"]
    head = pg.locator("#leaderboard-table thead th[data-key=netscore]")
    assert abs(head.evaluate("t => t.getBoundingClientRect().top") - top) <= 1
    assert head.evaluate("t => { const r = t.getBoundingClientRect();"
                         " return t.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); }")
    # the page scrolled up to the table, so Material shows "Back to top": over the table's sticky cells, not under them
    pg.wait_for_selector(".md-top:not([hidden])")
    pg.wait_for_timeout(400)  # its fade-in
    assert pg.evaluate("(() => { const b = document.querySelector('.md-top'), r = b.getBoundingClientRect();"
                       " return [[0.1, 0.5], [0.5, 0.5], [0.9, 0.5]].every(([x, y]) =>"
                       " b.contains(document.elementFromPoint(r.left + x * r.width, r.top + y * r.height))); })()")
    screenshot(pg, f"leaderboard-phone-rows-{scheme}")
    # scrolled sideways: the rank and the name stay at the left
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    first = pg.locator("#leaderboard-table tbody tr:not([hidden])").nth(40)
    left = box.evaluate("b => b.getBoundingClientRect().left")
    assert abs(first.locator("td").nth(0).evaluate("c => c.getBoundingClientRect().left") - left) <= 1
    assert first.locator("td").nth(1).evaluate("c => c.getBoundingClientRect().left") < left + 80
    screenshot(pg, f"leaderboard-phone-scrolled-{scheme}")
    assert errors == []
    ctx.close()


def test_desktop_heading_stays_in_view(browser, real_site):
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        pg = ctx.new_page()
        pg.goto(real_site["url"] + "leaderboard/?training=imagenet-1k&sort=top1")
        pg.wait_for_selector("#leaderboard-table[data-wired]")
        screenshot(pg, f"leaderboard-desktop-{scheme}")
        box = pg.locator(".atlas-lb-box")
        box.evaluate("b => { b.scrollIntoView(); window.scrollBy(0, -60); b.scrollTop = 800; }")
        top = box.evaluate("b => b.getBoundingClientRect().top")
        assert abs(pg.locator("#leaderboard-table thead th[data-key=top1]").evaluate("t => t.getBoundingClientRect().top") - top) <= 1
        assert pg.locator("#leaderboard-table thead th[data-key=top1]").get_attribute("aria-sort") == "descending"
        screenshot(pg, f"leaderboard-desktop-scrolled-{scheme}")
        ctx.close()


def test_back_from_a_network_page_restores_the_view(page, fixture_site):
    """Sort, filter, open a network (Material's instant navigation), come back: the same rows, controls and address."""
    open_board(page, fixture_site)
    page.get_by_role("button", name="Top-1 (%)").click()
    page.get_by_label("Filter the table by name, family or year").press_sequentially("mid")
    assert names(page) == ["Mid C", "Mid D"] and query(page) == "?sort=top1&q=mid"
    page.get_by_role("link", name="Mid D").click()
    page.wait_for_function("location.pathname.endsWith('/networks/mid_d/')")
    assert page.locator("h1").inner_text().rstrip("¶") == "Mid D"
    page.go_back()
    page.wait_for_function("location.pathname.endsWith('/leaderboard/')")
    page.wait_for_selector("#leaderboard-table[data-wired]")
    assert names(page) == ["Mid C", "Mid D"] and query(page) == "?sort=top1&q=mid"
    assert page.get_by_label("Filter the table by name, family or year").input_value() == "mid"
    assert page.locator("#leaderboard-table th[data-key=top1]").get_attribute("aria-sort") == "descending"
    assert page.errors == [] and page.outside == []


HOSTILE_NAME = '</script><script>alert("name")</script>'
HOSTILE_FAMILY = "<b>Tiny</b>"


@pytest.fixture(scope="module")
def hostile_board(tmp_path_factory):
    """The fixture registry with markup in a name and a family, built and served."""
    import shutil

    from conftest import FIXTURE_DATA, build_site, free_port, serve

    root = tmp_path_factory.mktemp("hostile_board")
    data = root / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    p = data / "networks" / "tiny_a.yaml"
    p.write_text(p.read_text().replace("name: Tiny A", f"name: '{HOSTILE_NAME}'").replace("family: Tiny", f"family: '{HOSTILE_FAMILY}'"))
    with open(data / "families.yaml", "a") as f:
        f.write(f"'{HOSTILE_FAMILY}': markup in a family\n")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(data, root / "site", url)
    server = serve(root / "site", port)
    yield {"url": url, "dir": root / "site"}
    server.shutdown()


def test_registry_text_is_text_in_the_table_the_filters_and_the_address(page, hostile_board):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_board(page, hostile_board)
    assert HOSTILE_NAME in names(page)  # shown as its characters, not run
    assert page.locator("#leaderboard-table b, #lb-families b").count() == 0
    families = page.get_by_role("group", name="Families to include")
    page.locator("summary", has_text="Families").click()
    families.get_by_label(HOSTILE_FAMILY, exact=True).check()
    assert names(page) == [HOSTILE_NAME]
    link = page.url
    other = page.context.new_page()
    other.goto(link)  # the family, percent-encoded in the link, comes back as the same text
    other.wait_for_selector("#leaderboard-table[data-wired]")
    assert names(other) == [HOSTILE_NAME]
    assert other.get_by_role("group", name="Families to include").get_by_label(HOSTILE_FAMILY, exact=True).is_checked()
    other.close()
    assert dialogs == [] and page.errors == []


def test_typing_a_year_is_one_entry_and_back_stays_on_the_page(page, fixture_site):
    """A year's first digits ('2', '20', '201') change no view; the run of keystrokes still makes an entry of its own,
    so back shows the table before it instead of leaving the page (it replaced the page's first entry before)."""
    open_board(page, fixture_site)
    page.evaluate("window.__noReload = 1")
    page.locator("#lb-year-min").press_sequentially("2018")
    page.wait_for_function("location.search === '?year_min=2018'")
    page.go_back()
    page.wait_for_function("location.search === ''")
    assert page.evaluate("window.__noReload") == 1 and page.locator("#lb-year-min").input_value() == ""
    assert len(names(page)) == 5
