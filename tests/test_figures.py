"""Charts for papers: static figures, the standalone embed page, citations and registry versions."""

from __future__ import annotations

import html as h
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import bibtexparser
import pytest

from conftest import FIXTURE_DATA, free_port, run_build_py, serve
from netscore_atlas import pipeline
from netscore_atlas.charts import CHARTS
from netscore_atlas.figures import MIN_PRINT_PT, VARIANTS

IDS = sorted(CHARTS)
# The fixture registry's measured charts (charts.charts_for): a throughput and a latency ball chart, and time per
# image against MACs (the scatter kind).
MEASURED_IDS = ["speed-fixture_gpu", "speed-fixture_cpu", "macs-time-fixture_gpu", "macs-time-fixture_cpu"]


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
@pytest.mark.parametrize("variant", [v.name for v in VARIANTS])
def test_exported_files_are_valid_and_carry_the_data(figure_site, cid, variant):
    folder = figure_site / "charts" / cid
    stem = f"{cid}-{variant}"
    svg = ET.parse(folder / f"{stem}.svg").getroot()
    assert svg.tag.endswith("svg")
    text = (folder / f"{stem}.svg").read_text()
    marks = len(re.findall(r'class="point plotly-customdata"', text)) if cid.startswith("ball") else \
        len(re.findall(r'<g class="point">', text))
    assert marks == 5, f"one mark per network in {stem}.svg"  # the fixture registry has 5 networks
    assert "Arial" in text
    pdf = (folder / f"{stem}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    png = (folder / f"{stem}.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width >= 2000, "high resolution"


def pdf_words(path) -> tuple[tuple[float, float], list[tuple[str, float, float, float, float]]]:
    """The page size (pt) and every word with its box, as poppler's pdftotext -bbox reads them from the file."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)">', out)
    words = [(h.unescape(m.group(5)), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)]
    return (float(page.group(1)), float(page.group(2))), words


def pdf_fonts(path) -> list[dict]:
    """pdffonts' table: one row per font, with its name and whether it is embedded."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [{"name": line.split()[0], "embedded": line.split()[-5] == "yes"} for line in lines if line.strip()]


def text_height_per_point(pdf: bytes) -> float:
    """pdftotext's word boxes run from the font's ascent to its descent: their height is the font size times
    (Ascent - Descent) / 1000, both read from the font descriptors in the file (the largest, to be safe)."""
    spans = [(float(a) - float(d)) / 1000 for a, d in re.findall(rb"/Ascent ([\d.]+)\s*/Descent (-?[\d.]+)", pdf)]
    assert spans, "no font descriptor in the PDF"
    return max(spans)


@pytest.mark.parametrize("cid", IDS + MEASURED_IDS)
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_printed_figure_size_text_and_font_measured_from_the_pdf(figure_site, cid, variant):
    path = figure_site / "charts" / cid / f"{cid}-{variant.name}.pdf"
    (width, height), words = pdf_words(path)
    # the page is as wide as the column it is for: 3.5 in (89 mm) or 7.16 in (182 mm), within 1 %
    assert width / 72 == pytest.approx(variant.width_in, rel=0.01)
    # the smallest text on paper, measured: word box height over the font's ascent-to-descent span
    span = text_height_per_point(path.read_bytes())
    smallest = min(y1 - y0 for _, _, y0, _, y1 in words) / span
    assert smallest >= MIN_PRINT_PT, f"text of {smallest:.2f} pt in {path.name}"
    # one font family, embedded (LiberationSans and perhaps LiberationSans-Bold: the same family)
    fonts = pdf_fonts(path)
    families = {re.sub(r"^[A-Z]{6}\+", "", f["name"]).split("-")[0] for f in fonts}
    assert len(families) == 1 and all(f["embedded"] for f in fonts), fonts
    # nothing clipped: every word inside the page, and the key names every group drawn
    for word, x0, y0, x1, y1 in words:
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, word
    text = " ".join(w for w, *_ in words)
    if cid in MEASURED_IDS:  # only tiny_a and mid_c have exact matches; the others are left out of speed charts
        for group in ("Small things", "Middle things"):
            assert group in text, f"{group} missing from the key of {path.name}"
        assert "Large things" not in text
        assert ("proportional to parameters" in text) == cid.startswith("speed-")  # ball charts have a size key
        return
    for group in ("Small things", "Middle things", "Large things"):  # the fixture registry's groups
        assert group in text, f"{group} missing from the key of {path.name}"
    if cid.startswith("ball"):
        for family in ("Tiny", "Mid", "Big"):
            assert family in text
        assert "proportional to parameters" in text


def test_chart_page_links_downloads_embed_and_citation(figure_site):
    html = (figure_site / "charts" / "ball-macs" / "index.html").read_text()
    for variant in ("single", "double"):
        for fmt in ("svg", "pdf", "png"):
            assert f'href="ball-macs-{variant}.{fmt}"' in html
        assert f'src="ball-macs-{variant}.svg"' in html  # previewed on the page (the vector file: light)
    assert "3.5 in (89 mm)" in html and "7.16 in (182 mm)" in html and "one column" in html
    assert "https://atlas.example.org/charts/ball-macs/embed.html" in html  # the iframe snippet
    assert "1.2.3+sha." in html


def test_bibtex_parses_and_names_version_and_chart(figure_site):
    html = (figure_site / "charts" / "figure1-netscore" / "index.html").read_text()
    raw = re.search(r'<pre class="atlas-cite" id="cite-bibtex">(.*?)</pre>', html, re.S).group(1)
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
        pg.wait_for_selector("#plot-ball-macs[data-rendered]", timeout=20000)
        assert pg.locator("#plot-ball-macs .scatterlayer .trace .points path.point").count() == 5
        assert pg.locator("#plot-ball-macs g.annotation").count() >= 1  # labelled, as on the site
        assert pg.locator(".atlas-key button").count() == 3  # the key: the fixture's three groups
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
        assert not list((tmp_path / "site" / "charts" / cid).glob("*.svg"))


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
