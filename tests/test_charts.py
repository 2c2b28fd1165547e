"""Chart data: traces, sorting, the Pareto front, links and escaping, on known rows."""

from __future__ import annotations

import json

import pytest

from netscore_atlas.charts import CHARTS, PALETTE, ball_chart, bar_chart, family_styles, figure_json
from netscore_atlas.derive import derive_table


def net(nid, family, top1, params, macs, name=None, sets=("netscore2018",)):
    return {"id": nid, "name": name or nid.upper(), "family": family, "year": 2018, "sets": list(sets),
            "top1": {"value": top1}, "params_m": {"value": params}, "macs_g": {"value": macs}}


NETS = [net("a", "F1", 60, 1, 0.2), net("b", "F1", 70, 3, 0.5), net("c", "F2", 75, 10, 1.0),
        net("d", "F2", 72, 12, 2.0), net("e", "F3", 80, 60, 10.0), net("z", "F3", 50, 5, 1.0, sets=())]


def rows():
    return derive_table(NETS)


def test_ball_chart_has_one_trace_per_family_and_every_point():
    fig = ball_chart(rows(), "macs_g", "t")
    markers = [t for t in fig["data"] if t["mode"] == "markers"]
    assert [t["name"] for t in markers] == ["F1", "F2", "F3"]
    assert sum(len(t["x"]) for t in markers) == 6
    assert fig["layout"]["xaxis"]["type"] == "log"


def test_ball_chart_blob_area_is_proportional_to_parameters():
    fig = ball_chart(rows(), "macs_g", "t")
    f3 = next(t for t in fig["data"] if t["name"] == "F3")
    assert f3["marker"]["sizemode"] == "area"
    assert f3["marker"]["size"] == [60, 5]  # e, z: the sizes are the parameter counts


def test_ball_chart_draws_the_pareto_front():
    fig = ball_chart(rows(), "macs_g", "t")
    front = next(t for t in fig["data"] if t["name"] == "Pareto front")
    # d (2.0 G, 72 %) is dominated by c (1.0 G, 75 %); z (1.0 G, 50 %) by c too
    assert [cd[0] for cd in front["customdata"]] == ["a", "b", "c", "e"]
    assert front["x"] == [0.2, 0.5, 1.0, 10.0]


def test_bar_chart_sorted_best_at_top_with_links():
    fig = bar_chart(rows(), "top1")
    trace = fig["data"][0]
    # Plotly draws the first category at the bottom: ascending list = best at the top
    assert trace["x"] == [50, 60, 70, 72, 75, 80]
    assert trace["customdata"][-1] == ["e", "networks/e/"]


def test_lower_is_better_metric_sorts_the_other_way():
    trace = bar_chart(rows(), "macs_g")["data"][0]
    assert trace["x"][-1] == 0.2  # the cheapest network at the top


def test_figure1_charts_take_only_the_netscore_set():
    figure = CHARTS["figure1-netscore"].build(rows())
    assert "z" not in [cd[0] for cd in figure["data"][0]["customdata"]]
    assert len(figure["data"][0]["x"]) == 5


def test_families_get_distinct_colour_and_shape():
    many = [dict(r, family=f"F{i:02d}") for i, r in enumerate(rows() * 3)]
    styles = family_styles(many)
    assert len(set(styles.values())) == len(styles)
    assert styles["F00"][0] == PALETTE[0]


def test_registry_text_is_escaped_in_hover_and_labels():
    hostile = [net("x", "<b>F</b>", 70, 3, 0.5, name='"><img src=x onerror=alert(1)>')]
    fig = ball_chart(derive_table(hostile), "macs_g", "t")
    text = json.dumps(fig)
    assert "<img" not in text and "&lt;img" in text
    bars = bar_chart(derive_table(hostile), "top1")
    assert bars["data"][0]["y"] == ["&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"]


def test_figure_json_is_deterministic_and_plain():
    a = figure_json(ball_chart(rows(), "macs_g", "t"))
    b = figure_json(ball_chart(list(reversed(rows())), "macs_g", "t"))
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

    from netscore_atlas.figures import print_style

    for cid, chart in CHARTS.items():
        figure = chart.build(rows())
        go.Figure(figure)  # raises ValueError on an unknown property
        go.Figure(print_style(figure))
    with pytest.raises(ValueError, match="xaxiss"):
        go.Figure({"data": [], "layout": {"xaxiss": {}}})
