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
