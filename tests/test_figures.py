"""Charts for papers: static figures, the standalone embed page, citations and registry versions."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET

import bibtexparser
import pytest

from conftest import FIXTURE_DATA, free_port, run_build_py, serve
from netscore_atlas import pipeline
from netscore_atlas.charts import CHARTS

IDS = sorted(CHARTS)


@pytest.fixture(scope="module")
def figure_site(tmp_path_factory):
    """The fixture registry built with its static figures (one kaleido run for all of them)."""
    root = tmp_path_factory.mktemp("figure_site")
    data = root / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    report = pipeline.build(data, root / "site", site_url="https://atlas.example.org/", figures=True)
    assert report.figure_message == "", report.figure_message
    return root / "site"


@pytest.mark.parametrize("cid", IDS)
def test_exported_files_are_valid_and_carry_the_data(figure_site, cid):
    folder = figure_site / "charts" / cid
    svg = ET.parse(folder / f"{cid}.svg").getroot()
    assert svg.tag.endswith("svg")
    text = (folder / f"{cid}.svg").read_text()
    marks = len(re.findall(r'class="point plotly-customdata"', text)) if cid.startswith("ball") else \
        len(re.findall(r'<g class="point">', text))
    assert marks == 5, f"one mark per network in {cid}.svg"  # the fixture registry has 5 networks
    assert "font-family: Arial" in text or "font-family:Arial" in text.replace(" ", "") or "Arial" in text
    pdf = (folder / f"{cid}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    png = (folder / f"{cid}.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width >= 2000, "high resolution"


def test_chart_page_links_downloads_embed_and_citation(figure_site):
    html = (figure_site / "charts" / "ball-macs" / "index.html").read_text()
    for f in ("ball-macs.svg", "ball-macs.pdf", "ball-macs.png"):
        assert f'href="{f}"' in html
    assert "https://atlas.example.org/charts/ball-macs/embed.html" in html  # the iframe snippet
    assert "1.2.3+sha." in html


def test_bibtex_parses_and_names_version_and_chart(figure_site):
    html = (figure_site / "charts" / "figure1-netscore" / "index.html").read_text()
    raw = re.search(r'<pre class="atlas-cite" id="cite-bibtex">(.*?)</pre>', html, re.S).group(1)
    import html as h
    db = bibtexparser.loads(h.unescape(raw))
    assert len(db.entries) == 1
    entry = db.entries[0]
    version = pipeline.load_valid_registry(FIXTURE_DATA).meta()["cited"]
    assert entry["ENTRYTYPE"] == "misc" and version in entry["note"] and "figure1-netscore" in entry["note"]
    assert "https://atlas.example.org/charts/figure1-netscore/" in entry["howpublished"]
    plain = re.search(r'<p id="cite-plain">(.*?)</p>', html, re.S).group(1)
    assert version in h.unescape(plain) and "figure1-netscore" in plain


def test_embed_page_renders_on_its_own(figure_site, browser):
    port = free_port()
    server = serve(figure_site, port)
    try:
        pg = browser.new_page()
        outside = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
        pg.goto(f"http://127.0.0.1:{port}/charts/ball-macs/embed.html")
        pg.wait_for_selector("#chart[data-rendered]", timeout=20000)
        assert pg.locator("#chart .scatterlayer .trace .points path.point").count() == 5
        assert pg.locator(".md-header").count() == 0  # no site shell: the chart alone
        assert outside == []
        pg.close()
    finally:
        server.shutdown()


def test_every_page_footer_shows_the_version(figure_site):
    version = pipeline.load_valid_registry(FIXTURE_DATA).meta()
    for page in ("index.html", "explorer/index.html", "networks/tiny_a/index.html", "charts/ball-macs/index.html"):
        text = (figure_site / page).read_text()
        footer = text[text.index('<footer'):]
        assert version["cited"] in footer and version["date"] in footer, page


def test_downloads_name_the_version(figure_site):
    version = pipeline.load_valid_registry(FIXTURE_DATA).meta()["cited"]
    csv_text = (figure_site / "data" / "networks.csv").read_text().splitlines()
    assert csv_text[0].endswith("registry_version") and all(line.endswith(version) for line in csv_text[1:])
    assert (figure_site / "data" / "charts" / "ball-macs.csv").read_text().splitlines()[1].endswith(version)
    assert f'"cited": "{version}"' in (figure_site / "data" / "networks.json").read_text()


def test_build_without_chromium_succeeds_and_says_so(tmp_path):
    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    env = dict(os.environ, BROWSER_PATH=str(tmp_path / "no-such-chromium"))
    import subprocess
    import sys

    from conftest import ROOT
    res = subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--out", str(tmp_path / "site")],
                         capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    notes = [line for line in res.stderr.splitlines() if "static figures skipped" in line]
    assert len(notes) == 1, res.stderr  # said once
    assert "no Chromium was found" in notes[0] and "apt-get install chromium" in notes[0]
    for cid in IDS:
        assert cid in notes[0]
        page = (tmp_path / "site" / "charts" / cid / "index.html").read_text()
        assert "not in this build" in page
        assert not (tmp_path / "site" / "charts" / cid / f"{cid}.svg").exists()


def test_same_registry_same_version_and_a_changed_value_changes_it(tmp_path):
    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    first = pipeline.load_valid_registry(data).meta()
    second = pipeline.load_valid_registry(data).meta()
    assert first["cited"] == second["cited"] and first["content_sha256"] == second["content_sha256"]
    p = data / "networks" / "tiny_a.yaml"
    p.write_text(p.read_text().replace("top1: {value: 60.0", "top1: {value: 60.1"))
    changed = pipeline.load_valid_registry(data).meta()
    assert changed["content_sha256"] != first["content_sha256"]
    assert changed["cited"] != first["cited"] and changed["version"] == first["version"]


def test_changelog_heading_is_checked(tmp_path):
    data = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "CHANGELOG.md").write_text("# Changes\n\n## version one\n")
    res = run_build_py("--data", str(data), "check")
    assert res.returncode == 1 and "registry/CHANGELOG.md:3: error: heading:" in res.stderr
