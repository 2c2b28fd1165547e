"""The charts of the real registry as a reader sees them: in Chromium at 390x844 and 1440x900, light and dark.

Measured on the rendered page: no sideways scroll, the plot's share of each chart, the modebar clear of the title,
axes that fit the data, labels whose boxes never overlap and never cover a ball they do not name, labels that stay
with their ball when zoomed, one colour per family on every chart, and the "find a network" highlight.
Screenshots of every chart at both widths and in both schemes go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from conftest import screenshot
from netscore_atlas.charts import CHARTS, LANDMARKS

VIEWPORTS = {"phone": (390, 844), "desktop": (1440, 900)}
# The measured charts of the real registry (charts.charts_for): a latency and a throughput ball chart, time per image
# against MACs on a CPU and a GPU, and ImageNetV2 against ImageNet.
MEASURED = ["speed-i7_12700h", "speed-rtx4090", "macs-time-i7_12700h", "macs-time-rtx4090", "robustness-imagenetv2"]
CHART_PAGES = ["", "ball-charts/", "figure1/"] + [f"charts/{cid}/" for cid in sorted(CHARTS) + MEASURED]


@pytest.fixture(params=[(v, s) for v in VIEWPORTS for s in ("light", "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def view(request, browser):
    name, scheme = request.param
    w, h = VIEWPORTS[name]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg, name, scheme
    context.close()


def open_page(pg, site, path):
    pg.goto(site["url"] + path)
    count = pg.evaluate("document.querySelectorAll('.atlas-chart').length")
    pg.wait_for_function(f"document.querySelectorAll('.atlas-chart[data-rendered]').length >= {count}", timeout=30000)
    pg.wait_for_timeout(200)


GEOMETRY = """() => [...document.querySelectorAll('.atlas-chart[data-rendered]')].map(el => {
  const box = r => { const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const plot = el.querySelector('.nsewdrag');
  const title = el.querySelector('.gtitle');
  const modebar = el.querySelector('.modebar');
  const labels = [...el.querySelectorAll('g.annotation')].map(g => {
    const i = +g.getAttribute('data-index');
    return {id: el.layout.annotations[i].name, box: box(g.querySelector('.annotation-text-g rect.bg') || g)};
  }).concat([...el.querySelectorAll('g.atlas-label')].map(g => ({id: g.dataset.id, box: box(g.querySelector('text'))})));
  const points = [];
  el.querySelectorAll('.scatterlayer .trace').forEach(t => {
    const trace = t.__data__ && t.__data__[0] && t.__data__[0].trace;
    if (!trace || !trace.customdata || trace.mode !== 'markers') return;
    t.querySelectorAll('path.point').forEach(n => {
      const b = n.getBoundingClientRect();
      points.push({id: trace.customdata[n.__data__.i][0], cx: (b.left + b.right) / 2, cy: (b.top + b.bottom) / 2,
                   r: Math.min(b.width, b.height) / 2, w: b.width, h: b.height});
    });
  });
  return {id: el.dataset.chartId || el.id, layout: el.dataset.layout, chart: box(el), plot: plot && box(plot),
          title: title && box(title), modebar: modebar && box(modebar), labels, points,
          xrange: el._fullLayout.xaxis.range, xtype: el._fullLayout.xaxis.type,
          xdata: el.data.filter(t => t.mode === 'markers' && t.customdata).flatMap(t => t.x)};
})"""


def overlap(a, b, pad=0.0) -> bool:
    return a[0] < b[2] - pad and b[0] < a[2] - pad and a[1] < b[3] - pad and b[1] < a[3] - pad


def check_labels(chart):
    labels = chart["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not overlap(a["box"], b["box"], pad=0.5), f"{chart['id']} ({chart['layout']}): labels {a['id']} and {b['id']} overlap"
        for p in chart["points"]:
            if p["id"] == a["id"]:
                continue
            core = min(p["r"], 6.0)
            x0, y0, x1, y1 = a["box"]
            nearest = (min(max(p["cx"], x0), x1), min(max(p["cy"], y0), y1))
            assert math.dist(nearest, (p["cx"], p["cy"])) >= core - 0.5, \
                f"{chart['id']} ({chart['layout']}): the label of {a['id']} covers the ball of {p['id']}"
        assert overlap(a["box"], chart["plot"]) and a["box"][0] >= chart["plot"][0] - 1 and a["box"][2] <= chart["plot"][2] + 1, \
            f"{chart['id']}: label {a['id']} leaves the plot"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_pages_fit_and_read(view, real_site, path):
    pg, name, scheme = view
    open_page(pg, real_site, path)
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways"
    pg.hover(".atlas-chart[data-rendered] .nsewdrag")  # the modebar shows on hover
    for chart in pg.evaluate(GEOMETRY):
        cid = chart["id"]
        share = (chart["plot"][2] - chart["plot"][0]) / (chart["chart"][2] - chart["chart"][0])
        if name == "phone":
            assert share >= 0.60, f"{cid} on {path or 'home'}: the plot has {share:.0%} of the chart's width"
        if chart["title"] and chart["modebar"]:
            assert not overlap(chart["title"], chart["modebar"]), f"{cid}: the modebar covers the title"
        if cid.startswith(("ball", "speed-")):
            assert chart["xtype"] == "log"
            # the axes fit the data: every ball whole inside the plot, and the outermost ones near its edges (the
            # x axis used to run out to 10k); balls are measured by their drawn outline
            left, top, right, bottom = chart["plot"]
            edges = [(p["cx"] - p["w"] / 2, p["cy"] - p["h"] / 2, p["cx"] + p["w"] / 2, p["cy"] + p["h"] / 2) for p in chart["points"]]
            # (the range is fitted at the narrowest width its layout serves, so the margin grows a little with the width)
            room = max(16.0, 0.04 * (right - left))
            assert 0 <= min(e[0] for e in edges) - left <= room, "room left of the leftmost ball"
            assert 0 <= right - max(e[2] for e in edges) <= room, "room right of the rightmost ball"
            assert 0 <= bottom - max(e[3] for e in edges) <= room, "room below the lowest ball"
            assert min(e[1] for e in edges) >= top - 1
            check_labels(chart)
    assert pg.errors == []


@pytest.mark.parametrize("cid", sorted(CHARTS))
def test_every_chart_screenshot_and_labels_of_front_and_landmarks(view, real_site, cid):
    pg, name, scheme = view
    open_page(pg, real_site, f"charts/{cid}/")
    figure = pg.locator(f"#chart-{cid}")
    figure.scroll_into_view_if_needed()
    pg.evaluate(f"window.scrollTo(0, document.getElementById('chart-{cid}').getBoundingClientRect().top + window.scrollY - 56)")
    pg.wait_for_timeout(200)
    screenshot(pg, f"chart-{cid}-{name}-{scheme}")
    if not cid.startswith("ball"):
        return
    fig = json.loads(pg.get_attribute(f"#plot-{cid}", "data-plotly"))
    front = [cd[0] for t in fig["data"] if t["mode"] == "lines" for cd in t["customdata"]]
    drawn = {cd[0] for t in fig["data"] if t["mode"] == "markers" for cd in t["customdata"]}
    wanted = set(front) | (set(LANDMARKS) & drawn)
    assert wanted == {i for i, _ in fig["atlas"]["labels"]}
    shown = {a["name"] for a in pg.evaluate(f"document.getElementById('plot-{cid}').layout.annotations")}
    missing = wanted - shown
    # on a phone a label that finds no free place is left out rather than drawn over another: 27 or 28 labels share
    # a plot about 300 px wide there (182 curated networks), and at most three find no room
    assert len(missing) <= (3 if name == "phone" else 0), f"{cid}: no label for {sorted(missing)}"


def test_labels_stay_with_their_ball_when_zoomed(page, real_site):
    open_page(page, real_site, "charts/ball-macs/")
    offsets = """() => { const el = document.getElementById('plot-ball-macs');
      const pos = {};
      el.querySelectorAll('.scatterlayer .trace').forEach(t => { const tr = t.__data__[0].trace;
        if (tr.mode !== 'markers') return;
        t.querySelectorAll('path.point').forEach(n => { const b = n.getBoundingClientRect();
          pos[tr.customdata[n.__data__.i][0]] = [(b.left + b.right) / 2, (b.top + b.bottom) / 2]; }); });
      const plot = el.querySelector('.nsewdrag').getBoundingClientRect();
      return [...el.querySelectorAll('g.annotation')].filter(g => g.querySelector('rect.bg')).map(g => {
        const a = el.layout.annotations[+g.getAttribute('data-index')];
        const b = g.querySelector('rect.bg').getBoundingClientRect(); const p = pos[a.name];
        const inside = b.left >= plot.left && b.right <= plot.right && b.top >= plot.top && b.bottom <= plot.bottom;
        return p && inside ? [a.name, (b.left + b.right) / 2 - p[0], (b.top + b.bottom) / 2 - p[1], a.showarrow] : null;
      }).filter(Boolean); }"""
    before = {n: (dx, dy) for n, dx, dy, arrow in page.evaluate(offsets)}
    assert len(before) >= 20
    page.evaluate("Plotly.relayout('plot-ball-macs', {'xaxis.range': [-1.2, 1.6], 'yaxis.range': [60, 88]})")
    page.wait_for_timeout(300)
    after = {n: (dx, dy) for n, dx, dy, arrow in page.evaluate(offsets)}
    assert len(after) >= 10, "labels of the networks still in view are drawn"
    for n in after:  # each label keeps its pixel offset from its ball: it follows the ball (Plotly nudges a
        # label that would leave the chart; those are not counted)
        assert after[n] == pytest.approx(before[n], abs=1.0), n


def test_each_family_has_one_colour_on_every_chart(page, real_site):
    networks = json.loads((real_site["dir"] / "data" / "networks.json").read_text())
    family = {n["record"]["id"]: n["record"]["family"] for n in networks["networks"]}
    colours: dict[str, set] = {}
    for cid in CHARTS:
        fig = json.loads((real_site["dir"] / "assets" / "charts" / f"{cid}.json").read_text())
        for t in fig["data"]:
            if t.get("mode") == "lines" or "customdata" not in t:
                continue
            for cd in t["customdata"]:
                colours.setdefault(family[cd[0]], set()).add(t["marker"]["color"])
    page.goto(real_site["url"] + "explorer/")
    payload = json.loads(page.get_attribute("#atlas-explorer", "data-explorer"))
    for fam, (colour, _marker) in payload["styles"].items():
        colours.setdefault(fam, set()).add(colour)
    several = {f: c for f, c in colours.items() if len(c) != 1}
    assert not several, several
    assert len(colours) >= 40


def highlight_state(pg):
    return pg.evaluate("""() => [...document.querySelectorAll('.atlas-chart[data-rendered]')].map(el => {
      const out = {};
      el.data.forEach(t => { if (!t.customdata || t.mode === 'lines') return;
        const op = t.marker && t.marker.opacity;
        t.customdata.forEach((cd, i) => { out[cd[0]] = Array.isArray(op) ? op[i] : 1; }); });
      return [el.dataset.chartId, out, (el.layout.annotations || []).map(a => a.name)]; })""")


def test_find_a_network_highlights_it_on_every_chart_and_keeps_it_in_the_url(page, real_site):
    open_page(page, real_site, "figure1/?highlight=resnet_50,squeezenet_v1_0")
    for cid, opacity, _labels in highlight_state(page):
        assert opacity["resnet_50"] == 1 and opacity["squeezenet_v1_0"] == 1, cid
        assert all(v < 0.5 for k, v in opacity.items() if k not in ("resnet_50", "squeezenet_v1_0")), cid
    assert page.locator(".atlas-find .atlas-chip").all_inner_texts() == ["ResNet-50 ×", "SqueezeNet v1.0 ×"]
    # pick another one by name on a ball chart page: it joins the URL and every chart
    open_page(page, real_site, "ball-charts/")
    page.fill("#atlas-find-input", "MobileNetV2 (1.0)")
    page.press("#atlas-find-input", "Enter")
    page.wait_for_function("new URLSearchParams(location.search).get('highlight') === 'mobilenet_v2_1_0'")
    page.wait_for_timeout(300)
    for cid, opacity, labels in highlight_state(page):
        assert opacity["mobilenet_v2_1_0"] == 1 and sum(v == 1 for v in opacity.values()) == 1, cid
        assert labels == ["mobilenet_v2_1_0"], cid  # only the highlighted network is labelled
    rings = page.evaluate("[...document.querySelectorAll('.atlas-chart[data-rendered]')].map(el => el.data.filter(t => t.name === 'highlighted').length)")
    assert rings == [1, 1]
    screenshot(page, "ball-charts-highlight")
    page.click(".atlas-find-clear")
    page.wait_for_function("!location.search.includes('highlight')")


def test_group_key_hides_and_shows_a_group(page, real_site):
    open_page(page, real_site, "charts/ball-macs/")
    button = page.locator(".atlas-key button", has_text="Transformers and hybrids")
    visible = "document.getElementById('plot-ball-macs').querySelectorAll('.scatterlayer .trace path.point').length"
    before = page.evaluate(visible)
    button.click()
    page.wait_for_timeout(300)
    assert button.get_attribute("aria-pressed") == "false"
    hidden = page.evaluate(visible)
    fig = json.loads(page.get_attribute("#plot-ball-macs", "data-plotly"))
    group_points = sum(len(t["x"]) for t in fig["data"] if t.get("legendgroup") == "Transformers and hybrids")
    assert group_points > 10 and hidden == before - group_points
    button.click()
    page.wait_for_timeout(300)
    assert page.evaluate(visible) == before


def test_size_key_matches_the_balls(page, real_site):
    """The size key's reference balls are as wide as the chart's balls of that many parameters."""
    open_page(page, real_site, "charts/ball-macs/")
    key = page.evaluate("[...document.querySelectorAll('#chart-ball-macs .atlas-key-size')].map(s => [s.innerText, s.querySelector('circle').getBoundingClientRect().width])")
    assert [k[0] for k in key] == ["5 M", "25 M", "100 M"]
    widths = {text: w for text, w in key}
    # ball area proportional to parameters: diameters as the square root, 100 M twice as wide as 25 M
    assert widths["100 M"] == pytest.approx(2 * widths["25 M"], rel=0.05)
    assert widths["100 M"] == pytest.approx(math.sqrt(20) * widths["5 M"], rel=0.05)
    # and the chart's balls are on the same scale: the biggest circle (a circle's marker size is its parameters, in M)
    fig = json.loads(page.get_attribute("#plot-ball-macs", "data-plotly"))
    size, nid = max((size, cd[0]) for t in fig["data"] if t["mode"] == "markers" and t["marker"]["symbol"] == "circle"
                    for size, cd in zip(t["marker"]["size"], t["customdata"]))
    drawn = page.evaluate("""(id) => { let w = null;
      document.querySelectorAll('#plot-ball-macs .scatterlayer .trace').forEach(t => { const tr = t.__data__[0].trace;
        t.querySelectorAll('path.point').forEach(n => { if (tr.customdata[n.__data__.i][0] === id) w = n.getBoundingClientRect().width; }); });
      return w; }""", nid)
    assert drawn == pytest.approx(widths["100 M"] * math.sqrt(size / 100), rel=0.05), (nid, size)
    text = page.inner_text("#chart-ball-macs .atlas-key-sizes")
    assert re.search(r"under \d+(\.\d+)? M parameters are drawn at the smallest size, 3 px across", text)


def luminance(rgb) -> float:
    """WCAG relative luminance of an (r, g, b) in 0-255."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_explorer_fits_labels_its_front_and_fades_outside_points_below_the_data(view, real_site):
    pg, name, scheme = view
    pg.goto(real_site["url"] + "explorer/?max_gmacs=2&mine=MyNet:76:4:0.5")
    pg.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=30000)
    pg.wait_for_timeout(300)
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    chart = next(c for c in pg.evaluate(GEOMETRY) if c["id"] == "ex-chart")
    share = (chart["plot"][2] - chart["plot"][0]) / (chart["chart"][2] - chart["chart"][0])
    assert share >= (0.60 if name == "phone" else 0.80), f"the explorer's plot has {share:.0%} of the chart's width"
    check_labels(chart)
    labelled = {a["id"] for a in chart["labels"]}
    front = set(pg.evaluate("window.atlasExplorer.frontIds"))
    assert "mine-1" in labelled  # your network
    assert len(front - labelled) <= (1 if name == "phone" else 0), sorted(front - labelled)
    assert labelled <= front | {"mine-1"}
    # faded points (outside the budget) are dimmer than every colour of the data, on this scheme's background
    colours = pg.evaluate(r"""() => { const parse = s => s.match(/[\d.]+/g).map(Number);
      const bg = parse(getComputedStyle(document.querySelector('.md-main')).backgroundColor || 'rgb(255,255,255)');
      const page = bg.length === 4 && bg[3] === 0 ? parse(getComputedStyle(document.body).backgroundColor) : bg;
      const out = [], inside = [];
      document.querySelectorAll('#ex-chart .scatterlayer path.point').forEach(n => { const st = getComputedStyle(n);
        const fill = parse(st.fill), op = +st.opacity * (+st.fillOpacity || 1);
        const eff = fill.slice(0, 3).map((c, i) => c * op + page[i] * (1 - op));
        (n.classList.contains('atlas-out') ? out : inside).push(eff); });
      return {out, inside, page}; }""")
    assert colours["out"] and colours["inside"]
    brightest_out = max(luminance(c) for c in colours["out"])
    if scheme == "dark":
        assert brightest_out < min(luminance(c) for c in colours["inside"]), "faded points outshine the data"
    screenshot(pg, f"explorer-{name}-{scheme}")
    assert pg.errors == []


def test_explorer_find_a_network_keeps_it_in_the_url(page, real_site):
    page.goto(real_site["url"] + "explorer/?highlight=resnet_50")
    page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=30000)
    state = """() => { const el = document.getElementById('ex-chart'); const hl = [], dim = [];
      el.querySelectorAll('.scatterlayer .trace').forEach(t => { const tr = t.__data__[0].trace;
        t.querySelectorAll('path.point').forEach(n => { const id = tr.customdata[n.__data__.i][0];
          if (n.classList.contains('atlas-hl')) hl.push(id); if (n.classList.contains('atlas-dim')) dim.push(id); }); });
      return {hl, dim: dim.length, labels: [...el.querySelectorAll('g.atlas-label')].map(g => g.dataset.id)}; }"""
    got = page.evaluate(state)
    assert got["hl"] == ["resnet_50"] and got["dim"] > 50 and got["labels"] == ["resnet_50"]
    page.fill("#ex-find", "MobileNetV2 (1.0)")
    page.press("#ex-find", "Enter")
    page.wait_for_function("new URLSearchParams(location.search).get('highlight') === 'resnet_50,mobilenet_v2_1_0'")
    page.get_by_label("Max G-MACs").fill("3")  # a change of the view keeps the highlight in the address
    page.wait_for_function("new URLSearchParams(location.search).get('max_gmacs') === '3'")
    assert "highlight=resnet_50,mobilenet_v2_1_0" in page.url
    got = page.evaluate(state)
    assert sorted(got["hl"]) == ["mobilenet_v2_1_0", "resnet_50"] and sorted(got["labels"]) == ["mobilenet_v2_1_0", "resnet_50"]
    page.click(".atlas-find[data-explorer] .atlas-find-clear")
    page.wait_for_function("!location.search.includes('highlight')")
    assert page.evaluate(state)["dim"] == 0


def test_explorer_labels_stay_with_their_ball_when_zoomed(page, real_site):
    page.goto(real_site["url"] + "explorer/")
    page.wait_for_function("document.querySelector('#ex-chart g.atlas-label') !== null", timeout=30000)
    offsets = """() => { const el = document.getElementById('ex-chart'); const pos = {};
      el.querySelectorAll('.scatterlayer .trace').forEach(t => { const tr = t.__data__[0].trace;
        t.querySelectorAll('path.point').forEach(n => { const b = n.getBoundingClientRect();
          pos[tr.customdata[n.__data__.i][0]] = [(b.left + b.right) / 2, (b.top + b.bottom) / 2]; }); });
      const out = {};
      el.querySelectorAll('g.atlas-label').forEach(g => { const b = g.querySelector('text').getBoundingClientRect(), p = pos[g.dataset.id];
        if (p) out[g.dataset.id] = [(b.left + b.right) / 2 - p[0], (b.top + b.bottom) / 2 - p[1]]; });
      return out; }"""
    before = page.evaluate(offsets)
    assert len(before) >= 10
    page.evaluate("Plotly.relayout('ex-chart', {'xaxis.range': [-1.3, 1.0], 'yaxis.range': [58, 86]})")
    page.wait_for_timeout(300)
    after = page.evaluate(offsets)
    assert len(after) >= 5
    for nid, off in after.items():
        assert off == pytest.approx(before[nid], abs=1.0), nid
