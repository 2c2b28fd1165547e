"""Speed and robustness charts: the statistics in their captions, computed by hand here."""

from __future__ import annotations

import pytest

from netscore_atlas.speed_charts import average_ranks, implementation_points, least_squares, spearman


def test_average_ranks_share_ties():
    # 10 is smallest (1); the two 20s take positions 2 and 3, so both get 2.5; 40 is 4
    assert average_ranks([20, 10, 40, 20]) == [2.5, 1.0, 4.0, 2.5]


def test_spearman_by_hand():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [9, 7, 5, 1]) == pytest.approx(-1.0)
    # x ranks 1 2 3 4 5, y = [2, 1, 4, 3, 5] has ranks 2 1 4 3 5: d = -1 1 -1 1 0, sum d^2 = 4,
    # rho = 1 - 6 * 4 / (5 * (25 - 1)) = 1 - 24/120 = 0.8
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    # monotone but not linear: Spearman is 1 where Pearson is not
    assert spearman([1, 2, 3, 4], [1, 8, 27, 1000]) == pytest.approx(1.0)
    assert spearman([1, 2], [3, 4]) is None  # too few points


def test_least_squares_by_hand():
    # points on y = 2x + 1
    assert least_squares([0, 1, 2], [1, 3, 5]) == pytest.approx((2.0, 1.0))


def test_one_point_per_implementation():
    rows = [
        {"id": "a_w1", "name": "a w1", "collection": "imported:timm", "speed": {"d": 10.0}, "speed_implementation": "timm:a@224", "speed_macs_g": 1.0},
        {"id": "a_w2", "name": "a w2", "collection": "imported:timm", "speed": {"d": 10.0}, "speed_implementation": "timm:a@224", "speed_macs_g": 1.0},
        {"id": "net_a", "name": "Net A", "collection": "curated", "speed": {"d": 10.0}, "speed_implementation": "timm:a@224", "speed_macs_g": 1.0},
        {"id": "b", "name": "b", "collection": "imported:timm", "speed": {"e": 3.0}, "speed_implementation": "timm:b@224", "speed_macs_g": 2.0},
    ]
    points = implementation_points(rows, "d")
    assert len(points) == 1 and points[0]["networks"] == ["a_w1", "a_w2", "net_a"] and points[0]["curated"] == ["Net A"]


# --- the declared charts, on the fixture registry and on the real one ----------------------------

import csv  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402

from conftest import FIXTURE_DATA, REAL_DATA  # noqa: E402
from netscore_atlas.charts import charts_for  # noqa: E402
from netscore_atlas.derive import derive_table  # noqa: E402
from netscore_atlas.pipeline import load_valid_registry  # noqa: E402
from netscore_atlas.style import styles_from_rows  # noqa: E402


def declared(data):
    reg = load_valid_registry(data)
    rows = derive_table(reg.networks, groups=reg.groups, measurements=reg.measurements)
    return rows, charts_for(rows, reg.measurements)


def draw(chart, rows):
    """The chart's figure, in the colours of the rows' groups."""
    return chart.figure(rows, styles_from_rows(rows))


def marks(figure):
    return {cd[0]: (x, y) for t in figure["data"] if t.get("mode") != "lines" for cd, x, y in zip(t["customdata"], t["x"], t["y"])}


def front(figure):
    return [cd[0] for t in figure["data"] if t.get("name") == "Pareto front" for cd in t["customdata"]]


def test_fixture_speed_charts_draw_exact_matches_with_the_front_in_the_measures_direction():
    rows, charts = declared(FIXTURE_DATA)
    assert [c for c in charts if c.startswith(("speed-", "macs-time-"))] == [
        "speed-fixture_gpu", "speed-fixture_cpu", "macs-time-fixture_gpu", "macs-time-fixture_cpu"]  # devices.yaml's order
    gpu = draw(charts["speed-fixture_gpu"], rows)
    # exact matches only: mid_d (another variant) and big_e (another resolution) are left out
    assert marks(gpu) == {"tiny_a": (20000.0, 60.0), "mid_c": (5000.0, 75.0)}
    assert front(gpu) == ["tiny_a", "mid_c"]  # higher throughput is better: neither beats the other on both
    assert gpu["layout"]["xaxis"]["type"] == "log" and "images/s" in gpu["layout"]["xaxis"]["title"]["text"]
    cpu = draw(charts["speed-fixture_cpu"], rows)
    assert marks(cpu) == {"tiny_a": (2.5, 60.0), "mid_c": (12.5, 75.0)}
    assert front(cpu) == ["tiny_a", "mid_c"] and "ms per image at batch 1" in cpu["layout"]["xaxis"]["title"]["text"]
    assert "(2 networks)" in charts["speed-fixture_cpu"].caption and "batch 1, FP32, NCHW, PyTorch 2.4.0" in charts["speed-fixture_cpu"].caption
    # time per image against MACs: 1000 / 20,000 images/s = 0.05 ms for tiny_arch (0.21 G-MACs)
    mt = draw(charts["macs-time-fixture_gpu"], rows)
    assert sorted(v for v in marks(mt).values()) == [(0.21, 0.05), (1.05, 0.2)]
    assert "ρ = not computed (fewer than 3 points)" in charts["macs-time-fixture_gpu"].caption
    assert "robustness-imagenetv2" not in charts  # the fixture has no evaluations
    dominated = dict(rows=[dict(r, top1=50.0) if r["id"] == "mid_c" else r for r in rows])
    assert front(draw(charts["speed-fixture_gpu"], dominated["rows"])) == ["tiny_a"]  # faster and more accurate


def test_real_macs_time_rho_agrees_with_the_measurements_download(real_site):
    """Spearman's rho in each caption, recomputed from site/data/measurements.csv (one row per network and device)."""
    from netscore_atlas.speed_charts import spearman
    rows = list(csv.DictReader(io.StringIO((real_site["dir"] / "data" / "measurements.csv").read_text())))
    html = {p.parent.name: p.read_text() for p in (real_site["dir"] / "charts").glob("macs-time-*/index.html")}
    assert len(html) == 5
    for page, text in html.items():
        device = page.removeprefix("macs-time-")
        impl = {(r["implementation"], r["resolution"]): (float(r["implementation_macs_g"]), float(r["ms_per_image"]))
                for r in rows if r["device"] == device and r["match"] == "exact" and r["implementation_macs_g"]}
        rho = spearman([m for m, _ in impl.values()], [t for _, t in impl.values()])
        shown = re.search(r"ρ = (-?\d\.\d\d)", text).group(1)
        assert shown == f"{rho:.2f}", device
        assert f"({len(impl)} implementations" in text


def test_real_robustness_chart_pairs_the_same_weights(real_site):
    reg = load_valid_registry(REAL_DATA)
    rows = derive_table(reg.networks, groups=reg.groups, measurements=reg.measurements)
    fig = draw(charts_for(rows, reg.measurements)["robustness-imagenetv2"], rows)
    points = marks(fig)
    evaluated = {nid for nid, e in reg.measurements.robustness.items() if "imagenetv2" in e}
    assert set(points) == evaluated  # every imported weight timm evaluated on ImageNetV2, nothing else
    nid = "timm__resnet50_a1_in1k_224"
    assert points[nid] == (next(r["top1"] for r in rows if r["id"] == nid), reg.measurements.robustness[nid]["imagenetv2"]["top1"])
    assert (real_site["dir"] / "charts" / "robustness-imagenetv2" / "index.html").is_file()
