"""Chart data: traces, sorting, the Pareto front, links and escaping, on known rows."""

from __future__ import annotations

import json

import pytest

from netscore_atlas.charts import CHARTS, ball_chart, bar_chart, figure_json
from netscore_atlas.derive import derive_table
from netscore_atlas.style import MARKERS, PALETTE, SITE_BALLS, styles_of


def net(nid, family, top1, params, macs, name=None, sets=("netscore2018",)):
    return {"id": nid, "name": name or nid.upper(), "family": family, "year": 2018, "sets": list(sets),
            "top1": {"value": top1}, "params_m": {"value": params}, "macs_g": {"value": macs}}


NETS = [net("a", "F1", 60, 1, 0.2), net("b", "F1", 70, 3, 0.5), net("c", "F2", 75, 10, 1.0),
        net("d", "F2", 72, 12, 2.0), net("e", "F3", 80, 60, 10.0), net("z", "F3", 50, 5, 1.0, sets=())]


GROUPS = {"F1": "G1", "F2": "G1", "F3": "G2"}
STYLES = styles_of(GROUPS)


def rows():
    return derive_table(NETS, groups=GROUPS)


def test_ball_chart_has_one_trace_per_family_and_every_point():
    fig = ball_chart(rows(), "macs_g", "t", STYLES)
    markers = [t for t in fig["data"] if t["mode"] == "markers"]
    assert [t["name"] for t in markers] == ["F1", "F2", "F3"]
    assert sum(len(t["x"]) for t in markers) == 6
    assert fig["layout"]["xaxis"]["type"] == "log"


def test_ball_chart_ball_area_is_proportional_to_parameters():
    fig = ball_chart(rows(), "macs_g", "t", STYLES)
    f1, f3 = (next(t for t in fig["data"] if t["name"] == name) for name in ("F1", "F3"))
    assert f3["marker"]["sizemode"] == "area" and f3["marker"]["symbol"] == "circle"
    assert f3["marker"]["size"] == [60, 5]  # e, z: a circle's size is its parameter count
    # F1 is the first family of G1: a circle too; F2, the second, a square, whose area at the same `size` is
    # 1.291 times a circle's (measured), so its size is divided by that: b (3 M) in a square
    f2 = next(t for t in fig["data"] if t["name"] == "F2")
    assert f2["marker"]["symbol"] == "square" and f2["marker"]["size"] == [10 / 1.291, 12 / 1.291]
    assert f1["marker"]["size"] == [1, 3]
    # one scale for every chart: 100 M parameters make a circle 22 px across (plotly.js draws sizemode 'area'
    # markers sqrt(2 * size / sizeref) px across, measured) and no ball is less than 3 px across (2 * sizemin)
    assert (2 * 100 / f1["marker"]["sizeref"]) ** 0.5 == pytest.approx(SITE_BALLS.ref_px) and SITE_BALLS.ref_px == 22
    assert 2 * f1["marker"]["sizemin"] == SITE_BALLS.floor_px == 3


def test_ball_chart_draws_the_pareto_front():
    fig = ball_chart(rows(), "macs_g", "t", STYLES)
    front = next(t for t in fig["data"] if t["name"] == "Pareto front")
    # d (2.0 G, 72 %) is dominated by c (1.0 G, 75 %); z (1.0 G, 50 %) by c too
    assert [cd[0] for cd in front["customdata"]] == ["a", "b", "c", "e"]
    assert front["x"] == [0.2, 0.5, 1.0, 10.0]


def test_bar_chart_sorted_best_at_top_with_links():
    fig = bar_chart(rows(), "top1", STYLES)
    # Plotly draws the first category at the bottom: ascending list = best at the top
    assert fig["layout"]["yaxis"]["categoryarray"] == ["Z", "A", "B", "D", "C", "E"]
    g1, g2 = fig["data"]  # one trace per group, in families.yaml's order, each in its group's colour
    assert (g1["name"], g1["marker"]["color"], g2["name"], g2["marker"]["color"]) == ("G1", PALETTE[0], "G2", PALETTE[1])
    assert g1["x"] == [60, 70, 72, 75] and g2["x"] == [50, 80]
    assert g2["customdata"][-1] == ["e", "networks/e/"]


def test_lower_is_better_metric_sorts_the_other_way():
    fig = bar_chart(rows(), "macs_g", STYLES)
    assert fig["layout"]["yaxis"]["categoryarray"][-1] == "A"  # the cheapest network at the top


def test_figure1_charts_take_only_the_netscore_set():
    figure = CHARTS["figure1-netscore"].figure(rows(), STYLES)
    ids = [cd[0] for t in figure["data"] for cd in t["customdata"]]
    assert "z" not in ids and len(ids) == 5


def test_styles_follow_families_yaml_order():
    styles = styles_of({"A": "G1", "B": "G2", "C": "G1", "D": "G3", "E": "G1"})
    assert [styles.colour(g) for g in ("G1", "G2", "G3")] == list(PALETTE[:3])
    assert [styles.marker(f) for f in "ACE"] == list(MARKERS[:3])  # the n-th family of its group
    assert styles.marker("B") == styles.marker("D") == "circle"  # first of their groups
    assert styles.family_colour("C") == PALETTE[0]


def test_a_family_has_one_colour_and_marker_on_every_chart():
    seen: dict[str, set] = {}
    for cid, chart in CHARTS.items():
        fig = chart.figure(rows(), STYLES)
        for t in fig["data"]:
            for cd in t.get("customdata", []):
                if t["type"] == "scatter" and t["mode"] == "lines":
                    continue
                family = next(n["family"] for n in NETS if n["id"] == cd[0])
                seen.setdefault(family, set()).add(t["marker"]["color"])
    assert seen == {"F1": {PALETTE[0]}, "F2": {PALETTE[0]}, "F3": {PALETTE[1]}}


def test_registry_text_is_escaped_in_hover_and_labels():
    hostile = [net("x", "<b>F</b>", 70, 3, 0.5, name='"><img src=x onerror=alert(1)>')]
    fig = ball_chart(derive_table(hostile), "macs_g", "t", styles_of({"<b>F</b>": "G"}))
    text = json.dumps(fig)
    assert "<img" not in text and "&lt;img" in text
    bars = bar_chart(derive_table(hostile), "top1", styles_of({"<b>F</b>": "G"}))
    assert bars["data"][0]["y"] == ["&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"]


def test_figure_json_is_deterministic_and_plain():
    a = figure_json(ball_chart(rows(), "macs_g", "t", STYLES))
    b = figure_json(ball_chart(list(reversed(rows())), "macs_g", "t", STYLES))
    assert a == b
    assert "bdata" not in a  # plain lists, no typed arrays


def test_rivals_window_equals_the_full_sort():
    # rivals() looks only at a window of the MAC-sorted list; it must find what a full sort finds.
    import random

    from netscore_atlas.rivals import log_distance, rivals, rivals_pool
    rng = random.Random(7)
    rows = [{"id": f"n{i:03d}", "collection": "curated", "top1": rng.uniform(50, 90),
             "macs_g": max(0.1, round(10 ** rng.uniform(-1.5, 2), 3 if i % 5 else 1))} for i in range(300)]
    pool = rivals_pool(rows)
    assert pool.macs == sorted(pool.macs) and len(pool.rows) == len(rows)
    for row in pool.rows[::7]:
        full = sorted((r for r in pool.rows if r["id"] != row["id"]), key=lambda r: (log_distance(r["macs_g"], row["macs_g"]), r["id"]))
        assert [r["id"] for r in rivals(row, pool)] == [r["id"] for r in full[:6]]


def test_every_figure_is_valid_plotly():
    """plotly's validators accept every chart and its print style: no misspelt property reaches a page."""
    import plotly.graph_objects as go

    from netscore_atlas.figures import VARIANTS, print_style

    for cid, chart in CHARTS.items():
        figure = chart.figure(rows(), STYLES)
        go.Figure(figure)  # raises ValueError on an unknown property
        for variant in VARIANTS:
            go.Figure(print_style(figure, variant))
    with pytest.raises(ValueError, match="xaxiss"):
        go.Figure({"data": [], "layout": {"xaxiss": {}}})


def test_every_landmark_is_a_curated_network_of_the_registry():
    """The landmarks are declared in the chart registry by id: a typo or a removed network would silently lose a
    label, so each must name a curated network with the values a ball chart needs."""
    from conftest import REAL_DATA
    from netscore_atlas.charts import LANDMARKS

    for nid in LANDMARKS:
        path = REAL_DATA / "networks" / f"{nid}.yaml"
        assert path.is_file(), nid
        text = path.read_text()
        assert all(f"\n{k}:" in text for k in ("top1", "params_m", "macs_g")), nid


def test_ball_chart_labels_its_front_then_its_landmarks():
    fig = ball_chart(rows(), "macs_g", "t", STYLES, landmarks=("d", "nope", "c"))
    # front a, b, c, e (see test_ball_chart_draws_the_pareto_front); then d; c is on the front already; 'nope' is not drawn
    assert [i for i, _ in fig["atlas"]["labels"]] == ["a", "b", "c", "e", "d"]
    for layout in fig["atlas"]["layouts"]:  # five networks far apart: every one labelled at every width
        assert sorted(k for k, *_ in layout["labels"]) == [0, 1, 2, 3, 4], layout["name"]
