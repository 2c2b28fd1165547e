"""Strict end-to-end builds of the fixture registry: pages, navigation, determinism, escaping, offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, REAL_DATA, ROOT, run_build_py
from netscore_atlas import pipeline


def files(d: Path) -> dict:
    return {p.relative_to(d): p.read_bytes() for p in d.rglob("*") if p.is_file()}


def test_fixture_site_has_every_page(fixture_site):
    site = fixture_site["dir"]
    for page in ("index.html", "figure1/index.html", "ball-charts/index.html", "leaderboard/index.html",
                 "networks/index.html", "methodology/index.html", "claims/index.html", "data/index.html"):
        assert (site / page).is_file(), page
    for nid in ("tiny_a", "tiny_b", "mid_c", "mid_d", "big_e"):
        assert (site / "networks" / nid / "index.html").is_file()
    for name in ("networks.csv", "networks.json", "dictionary.csv", "charts/ball-macs.csv"):
        assert (site / "data" / name).is_file(), name


def test_network_pages_stay_out_of_the_navigation(fixture_site):
    html = (fixture_site["dir"] / "index.html").read_text()
    nav_links = re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link', html)
    assert "networks/" in nav_links  # the family index is in the navigation...
    assert not [h for h in nav_links if re.search(r"networks/[a-z]", h)]  # ...the network pages are not


def test_networks_index_groups_by_family(fixture_site):
    html = (fixture_site["dir"] / "networks" / "index.html").read_text()
    assert [h for h in re.findall(r'<h2 id="[^"]*">([^<]+)', html)] == ["Big", "Mid", "Tiny"]


def test_no_outside_references(fixture_site):
    for path in fixture_site["dir"].rglob("*.html"):
        text = path.read_text()
        # Nothing is loaded from outside: no script, image, frame or stylesheet with an outside address.
        loads = re.findall(r'<(?:script|img|iframe|source|video|audio)[^>]*\ssrc="([^"]+)"', text)
        loads += re.findall(r'<link[^>]*\shref="([^"]+)"', text)
        assert [u for u in loads if re.match(r"(https?:)?//", u) and not u.startswith("http://127.0.0.1")] == [], path
        assert "fonts.googleapis" not in text and "cdn." not in text


def test_methodology_documents_every_metric(fixture_site):
    from netscore_atlas.metrics import METRICS
    html = (fixture_site["dir"] / "methodology" / "index.html").read_text()
    for key, m in METRICS.items():
        assert f'id="metric-{key}"' in html and m.label in html.replace("&Omega;", "Ω")


def test_two_site_builds_are_byte_identical(tmp_path):
    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    pipeline.build(data, tmp_path / "one", figures=False)
    pipeline.build(data, tmp_path / "two", figures=False)
    a, b = files(tmp_path / "one"), files(tmp_path / "two")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


BUILD_DAYS = (("today", None), ("2001-09-09", "1000000000"), ("2033-05-18", "2000000000"))  # SOURCE_DATE_EPOCH


def test_same_registry_same_bytes_on_any_day(tmp_path):
    """The sitemap and its .gz are dated by the registry (its changelog's 2020-01-02), not by the day of the build:
    builds on three different days (what MkDocs reads as today: SOURCE_DATE_EPOCH, else the clock) give the same bytes."""
    import os
    import subprocess
    import sys

    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    sites = {}
    for day, epoch in BUILD_DAYS:
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        out = tmp_path / f"site-{day}"
        res = subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--out", str(out),
                              "--no-figures"], capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, res.stderr
        sites[day] = files(out)
    assert sites["today"] == sites["2001-09-09"] == sites["2033-05-18"]
    sitemap = sites["today"][Path("sitemap.xml")].decode()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2020-01-02"}
    import gzip
    gz = sites["today"][Path("sitemap.xml.gz")]
    assert int.from_bytes(gz[4:8], "little") == 1577923200  # the gzip header's time: 2020-01-02 00:00 UTC
    assert gzip.decompress(gz).decode() == sitemap


def test_build_command_is_strict_and_fails_without_touching_site(tmp_path):
    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    out = tmp_path / "site"
    assert run_build_py("--data", str(data), "build", "--out", str(out), "--no-figures").returncode == 0
    before = files(out)
    bad = data / "networks" / "mid_c.yaml"
    bad.write_text(bad.read_text().replace("year: 2018", "year: 2999"))
    res = run_build_py("--data", str(data), "build", "--out", str(out), "--no-figures")
    assert res.returncode == 1 and "mid_c.yaml:5: error: year" in res.stderr
    assert files(out) == before


HOSTILE_NAME = '</script><script>alert("name")</script>'
HOSTILE_NOTE = '"><img src=x onerror=alert("note")>'


@pytest.fixture
def hostile_site(tmp_path):
    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    p = data / "networks" / "tiny_a.yaml"
    text = p.read_text().replace("name: Tiny A", f"name: '{HOSTILE_NAME}'").replace("family: Tiny", "family: '<b>Tiny</b>'")
    text = text.replace("locator: Table 1}", "locator: '<svg onload=alert(1)>'}", 1)
    p.write_text(text + f"notes: '{HOSTILE_NOTE}'\n")
    with open(data / "families.yaml", "a") as f:
        f.write("'<b>Tiny</b>': '<i onmouseover=alert(2)>group</i>'\n")
    pipeline.build(data, tmp_path / "site", figures=False)
    return tmp_path / "site"


def test_hostile_text_in_downloads_is_text(hostile_site):
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO((hostile_site / "data" / "networks.csv").read_text())))
    assert next(r for r in rows if r["id"] == "tiny_a")["name"] == HOSTILE_NAME


def test_hostile_text_is_escaped_in_every_page(hostile_site):
    for path in hostile_site.rglob("*.html"):
        text = path.read_text()
        assert '<script>alert("name")' not in text, path
        assert "<img src=x onerror" not in text, path
        assert "<svg onload" not in text, path
        assert "<b>Tiny</b>" not in text, path
        assert "<i onmouseover" not in text, path
    page = (hostile_site / "networks" / "tiny_a" / "index.html").read_text()
    assert "&lt;img src=x onerror=alert(&#34;note&#34;)&gt;" in page or "&lt;img src=x onerror=alert(&quot;note&quot;)&gt;" in page


def test_hostile_text_runs_no_script_in_the_browser(hostile_site, browser):
    from conftest import free_port, serve
    port = free_port()
    server = serve(hostile_site, port)
    try:
        ctx = browser.new_context()
        pg = ctx.new_page()
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "networks/tiny_a/", "leaderboard/", "figure1/", "ball-charts/", "data/", "networks/",
                     "explorer/", "charts/ball-macs/", "charts/figure1-top1/", "charts/ball-macs/embed.html", "claims/"):
            pg.goto(f"http://127.0.0.1:{port}/{path}")
            pg.wait_for_timeout(400)
            # hover over every drawn mark, so that every hover label is rendered
            for mark in pg.locator(".atlas-chart .point, #chart .point").all()[:40]:
                mark.hover(force=True)
        assert dialogs == []
        pg.goto(f"http://127.0.0.1:{port}/explorer/")
        pg.wait_for_selector("#ex-chart[data-rendered]")
        names = pg.eval_on_selector_all("#ex-table tbody td:nth-child(2)", "tds => tds.map(t => t.textContent)")
        assert HOSTILE_NAME in names  # shown as text
        hover_texts = pg.evaluate("document.getElementById('ex-chart').data.flatMap(t => t.text || [])")
        assert not [h for h in hover_texts if "<script" in h or "<img" in h]
        ctx.close()
    finally:
        server.shutdown()


def test_real_registry_builds_strictly(real_site):
    site = real_site["dir"]
    ids = sorted(p.stem for p in (REAL_DATA / "networks").glob("*.yaml"))
    assert all((site / "networks" / i / "index.html").is_file() for i in ids)
    imported = sorted(p.stem for p in (REAL_DATA / "imported").glob("*/*.yaml"))
    rows = (site / "data" / "networks.csv").read_text().splitlines()
    assert len(rows) == len(ids) + len(imported) + 1
    assert (site / "imported" / "timm" / "index.html").is_file()
    assert not (site / "networks" / imported[0]).exists()  # imported entries are rows of their collection's page


def _bibliography(site: Path) -> dict[str, str]:
    html = (site / "data" / "index.html").read_text()
    return dict(re.findall(r'<dt id="src-([a-z0-9_-]+)"><code>[^<]*</code></dt>\s*<dd>(.*?)</dd>', html, re.S))


def test_sources_listing_shows_licence_and_reading_date_and_the_licence_gaps(fixture_site):
    bib = _bibliography(fixture_site["dir"])
    assert sorted(bib) == ["fixture", "other", "timm_benchmark", "timm_robustness"]  # the last two: the measurements
    assert 'Licence: <span class="atlas-licence">CC BY 4.0</span>' in bib["fixture"]
    assert '<time datetime="2020-01-02">2020-01-02</time>' in bib["fixture"]
    assert "licence unknown" in bib["other"] and "Licence:" not in bib["other"]
    html = (fixture_site["dir"] / "data" / "index.html").read_text()
    assert "For 1 of the 4 sources no licence could be found" in html


def test_real_sources_listing_names_every_licence_and_date(real_site):
    import yaml
    sources = yaml.safe_load((REAL_DATA / "sources.yaml").read_text())
    bib = _bibliography(real_site["dir"])
    assert sorted(bib) == sorted(sources)
    for key, s in sources.items():
        assert f'<time datetime="{s["accessed"]}">' in bib[key], key
        shown = "licence unknown" if s["licence"] == "unknown" else '<span class="atlas-licence">'
        assert shown in bib[key], key
    unknown = sum(s["licence"] == "unknown" for s in sources.values())
    assert f"For {unknown} of the {len(sources)} sources no licence could be found" in (real_site["dir"] / "data" / "index.html").read_text()
