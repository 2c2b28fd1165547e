"""The small items of issue #13 (8): set badges, field names in text, the rank header, copy buttons, the embed favicon."""

from __future__ import annotations

import re

from conftest import run_build_py, screenshot


def test_set_badge_does_not_claim_sixty(page, real_site):
    """The set has 59 networks of the paper's 60 (IGC-L100M2 could not be sourced): no badge says 60."""
    page.goto(real_site["url"] + "networks/alexnet/")
    badge = page.locator(".atlas-badge", has_text="NetScore paper").first
    assert badge.inner_text() == "NetScore paper's set (Wong 2018)"


def test_figure1_names_quantities_not_fields(page, real_site):
    page.goto(real_site["url"] + "figure1/")
    items = page.locator(".atlas-missing-list li").all_inner_texts()
    assert items, "the real registry has NetScore-paper networks without a sourced value"
    for text in items:
        assert not re.search(r"\b(macs_g|params_m|top1|top5)\b", text), text
        assert re.search(r"no sourced (top-1 accuracy|top-5 accuracy|parameter count|MAC count)", text), text


def test_rank_header_has_no_empty_unit():
    r = run_build_py("rank", "--max-gmacs", "0.3", "--limit", "2")
    assert r.returncode == 0, r.stderr
    header = r.stdout.splitlines()[1]
    assert header.rstrip().endswith("NetScore Ω") and "()" not in r.stdout


def test_copy_buttons_copy_the_snippet_and_the_citations(browser, fixture_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=fixture_site["url"].rstrip("/"))
    pg = context.new_page()
    pg.goto(fixture_site["url"] + "charts/ball-macs/")
    for label, source in (("Copy the iframe snippet", "#embed-snippet"), ("Copy BibTeX", "#cite-bibtex"), ("Copy the citation", "#cite-plain")):
        button = pg.get_by_role("button", name=label)
        button.click()
        pg.locator(".atlas-copy-status", has_text="Copied.").first.wait_for()
        copied = pg.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == pg.locator(source).inner_text().strip()
        assert copied.strip()
    assert pg.evaluate("navigator.clipboard.readText()").startswith("NetScore Atlas, ")
    pg.get_by_role("button", name="Copy BibTeX").scroll_into_view_if_needed()
    screenshot(pg, "phone-chart-copy-buttons")
    context.close()


def test_embed_page_requests_nothing_missing(page, fixture_site):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(fixture_site["url"] + "charts/ball-macs/embed.html")
    page.wait_for_function("document.querySelector('.atlas-chart[data-rendered]')", timeout=20000)
    page.wait_for_timeout(500)
    assert missing == [] and page.outside == [] and page.errors == []
