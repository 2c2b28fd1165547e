"""Known answers for every metric, with the arithmetic in comments."""

import math

import pytest

from netscore_atlas.metrics import HIGHER, LOWER, METRICS, NetScoreWeights, netscore
from netscore_atlas.ranking import rank_values


def test_netscore_mobilenet_v2_known_answer():
    # a = 72.0 %, p = 3.4 M, m = 0.300 G
    # 2*log10(72) = 3.714665, 0.5*log10(3.4) = 0.265739, 0.5*log10(0.3) = -0.261439
    # 20 * (3.714665 - 0.265739 + 0.261439) = 20 * 3.710365 = 74.2073
    assert netscore(72.0, 3.4, 0.300) == pytest.approx(74.2073, abs=1e-3)


def test_netscore_of_the_unit_network_is_accuracy_only():
    # p = 1 M and m = 1 G contribute log10(1) = 0: Omega = 20 * 2 * log10(a); a = 100 -> 80
    assert netscore(100.0, 1.0, 1.0) == pytest.approx(80.0)


def test_doubling_macs_costs_three_points():
    # The FLOPs-for-MACs mistake: 20 * 0.5 * log10(2) = 3.0103 points
    assert netscore(70.0, 5.0, 0.6) - netscore(70.0, 5.0, 1.2) == pytest.approx(3.0103, abs=1e-4)


def test_netscore_weights_are_parameters():
    # alpha=1, beta=gamma=0: Omega = 20 log10(a) = 20 log10(50) = 33.9794
    assert netscore(50.0, 7.0, 3.0, NetScoreWeights(1.0, 0.0, 0.0)) == pytest.approx(33.9794, abs=1e-4)
    # alpha=2, beta=1, gamma=0: 20 (2 log10(80) - log10(4)) = 20 (3.80618 - 0.60206) = 64.0824
    assert netscore(80.0, 4.0, 9.0, NetScoreWeights(2.0, 1.0, 0.0)) == pytest.approx(64.0824, abs=1e-4)


def test_netscore_rejects_non_positive_inputs():
    with pytest.raises(ValueError):
        netscore(70.0, 0.0, 1.0)


def test_information_density_resnet50():
    # Canziani's information density: top-1 per M-params; 75.3 / 25.56 = 2.94601
    assert METRICS["info_density"]({"top1": 75.3, "params_m": 25.56}) == pytest.approx(2.94601, abs=1e-5)


def test_accuracy_per_gmac_and_flops():
    # 72.0 / 0.3 = 240.0 ; FLOPs = 2 * 0.3 = 0.6
    assert METRICS["top1_per_gmac"]({"top1": 72.0, "macs_g": 0.3}) == pytest.approx(240.0)
    assert METRICS["flops_g"]({"macs_g": 0.3}) == pytest.approx(0.6)


def test_missing_inputs_give_none_not_zero():
    assert METRICS["netscore"]({"top1": 70.0, "params_m": None, "macs_g": 1.0}) is None
    assert METRICS["info_density"]({"top1": None, "params_m": 3.0}) is None


def test_every_metric_declares_its_meaning():
    for m in METRICS.values():
        assert m.better in (HIGHER, LOWER), m.key
        assert m.label and m.formula and m.description and m.citation, m.key


def test_direction_drives_ranks():
    values = {"a": 10.0, "b": 30.0, "c": 20.0, "d": None}
    # higher is better: b(30)=1, c(20)=2, a(10)=3, d missing
    assert rank_values(values, METRICS["netscore"]) == {"b": 1, "c": 2, "a": 3, "d": None}
    # lower is better (MACs): a=1, c=2, b=3
    assert rank_values(values, METRICS["macs_g"]) == {"a": 1, "c": 2, "b": 3, "d": None}


def test_ties_share_a_rank():
    assert rank_values({"x": 5.0, "y": 5.0, "z": 1.0}, METRICS["top1"]) == {"x": 1, "y": 1, "z": 3}


def test_sort_key_puts_missing_last():
    m = METRICS["top1"]
    assert sorted([None, 3.0, 9.0], key=m.sort_key) == [9.0, 3.0, None]
    assert math.isclose(METRICS["macs_g"].sort_key(2.0)[1], 2.0)
