"""The Pareto front on known points."""

from netscore_atlas.derive import derive_table
from netscore_atlas.metrics import HIGHER, LOWER
from netscore_atlas.pareto import pareto_front


def test_front_of_known_points():
    # (id, MACs, top-1): d (2.0, 72) is dominated by c (1.0, 75): cheaper and more accurate.
    pts = [("a", 0.2, 60), ("b", 0.5, 70), ("c", 1.0, 75), ("d", 2.0, 72), ("e", 10.0, 80)]
    assert pareto_front(pts) == ["a", "b", "c", "e"]


def test_equal_cost_keeps_only_the_more_accurate():
    assert pareto_front([("p", 1.0, 70), ("q", 1.0, 71)]) == ["q"]


def test_identical_points_both_stay():
    assert sorted(pareto_front([("p", 1.0, 70), ("q", 1.0, 70)])) == ["p", "q"]


def test_direction_is_a_parameter():
    # If higher x were better, the point with the largest x and best y dominates.
    assert pareto_front([("p", 1.0, 70), ("q", 2.0, 71)], x_better=HIGHER, y_better=HIGHER) == ["q"]
    assert pareto_front([("p", 1.0, 70), ("q", 2.0, 71)], x_better=LOWER, y_better=LOWER) == ["p"]


def _net(nid, top1, params, macs):
    return {"id": nid, "name": nid, "top1": {"value": top1}, "params_m": {"value": params}, "macs_g": {"value": macs}}


def test_table_marks_fronts_and_skips_networks_without_values():
    nets = [_net("a", 60, 1, 0.2), _net("b", 70, 3, 0.5), _net("d", 72, 12, 2.0),
            {"id": "x", "name": "x", "top1": {"value": 90}}]
    rows = {r["id"]: r for r in derive_table(nets)}
    assert rows["a"]["pareto_macs"] and rows["b"]["pareto_macs"] and rows["d"]["pareto_macs"]
    assert rows["x"]["pareto_macs"] is None and rows["x"]["netscore"] is None
    assert rows["x"]["rank_top1"] == 1 and rows["x"]["rank_netscore"] is None
