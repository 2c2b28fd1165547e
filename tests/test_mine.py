"""The checks on a user's network (mine.py) and its place among the registry's networks, on known values."""

from __future__ import annotations

import pytest

from conftest import run_build_py
from netscore_atlas import mine
from netscore_atlas.metrics import DEFAULT_WEIGHTS


def findings(checked) -> list[tuple[str, str]]:
    return [(f.field, f.message) for f in checked.errors]


def test_spec_with_a_colon_in_the_name():
    checked = mine.parse_spec("My:Net:75.2:3.1:0.31")
    assert checked.errors == [] and checked.warnings == []
    assert checked.net == {"name": "My:Net", "top1": 75.2, "params_m": 3.1, "macs_g": 0.31, "top5": None, "resolution": None}


@pytest.mark.parametrize("spec,expected", [
    ("MyNet:75", [("spec", "expected NAME:TOP1:PARAMS_M:GMACS")]),
    (":75:3:0.3", [("name", "give a name")]),
    ("N:abc:3:0.3", [("top1", '"abc" is not a number')]),
    ("N:0x10:3:0.3", [("top1", '"0x10" is not a number')]),  # JavaScript's Number() reads hex, Python's float() not
    ("N:1_0:3:0.3", [("top1", '"1_0" is not a number')]),  # Python's float() reads underscores, Number() not
    ("N:75:1e999:0.3", [("params_m", '"1e999" is not a finite number')]),
    ("N:75:0:0.3", [("params_m", "parameters must be greater than 0")]),
    ("N:101:3:0.3", [("top1", "top-1 is a percentage: at most 100")]),
    ("N:75:20001:30", [("params_m", "more than 20,000 M parameters: parameters are in millions")]),
    ("N:75::0.3", [("params_m", "parameters is needed")]),
])
def test_errors_name_the_field(spec, expected):
    checked = mine.parse_spec(spec)
    assert findings(checked) == expected


def test_top5_is_checked_against_top1():
    checked = mine.check({"name": "N", "top1": "75", "params_m": "3", "macs_g": "0.3", "top5": "74"})
    assert findings(checked) == [("top5", "top-5 cannot be below top-1")]


def test_name_longer_than_the_limit():
    checked = mine.check({"name": "n" * 121, "top1": "75", "params_m": "3", "macs_g": "0.3"})
    assert findings(checked) == [("name", "at most 120 characters")]


def test_units_that_look_off_are_warnings_not_errors():
    # 1000 * 3000 G-MACs / 0.5 M-params = 6,000,000 MACs per parameter: past 3,000, probably FLOPs or M-MACs
    flops = mine.parse_spec("Flops:70:0.5:3000")
    assert flops.errors == []
    assert [(w.field, w.message) for w in flops.warnings] == [
        ("macs_g", "6,000,000 MACs per parameter is more than real networks show: are these FLOPs (2 per multiply-add) "
                   "or millions of MACs?")]
    # 1000 * 0.001 / 1 = 1 MAC per parameter: below 2
    assert [w.message for w in mine.parse_spec("Tiny:70:1:0.001").warnings] == [
        "1.00 MACs per parameter is less than real networks show: check the units"]


def test_compare_ranks_percentiles_and_dominance():
    registry = [mine.with_metrics({"name": n, "top1": a, "params_m": p, "macs_g": m}, DEFAULT_WEIGHTS)
                for n, a, p, m in (("A", 80.0, 20.0, 4.0), ("B", 70.0, 3.0, 0.3), ("C", 60.0, 5.0, 1.0))]
    yours = mine.with_metrics(mine.parse_spec("Y:72:4:0.5").net, DEFAULT_WEIGHTS)
    c = mine.compare(yours, registry)
    # top-1 72: A (80) better -> rank 2 of 4, percentile 100 * (4 - 2) / 3 = 66.7
    assert c["ranks"]["top1"] == (2, pytest.approx(66.6667, abs=1e-3))
    # MACs 0.5 (lower is better): B (0.3) better -> rank 2
    assert c["ranks"]["macs_g"][0] == 2
    # Y (72 %, 0.5 G) dominates C (60 %, 1.0 G); nobody is both more accurate and cheaper than Y
    assert c["dominates"] == ["C"] and c["dominated_by"] == [] and c["pareto"] and c["count"] == 4


def test_terminal_places_a_network_with_a_warning(fixture_registry):
    res = run_build_py("--data", str(fixture_registry), "rank", "--add", "Flops:70:0.5:3000")
    assert res.returncode == 0, res.stderr
    assert "warning: Flops: 6,000,000 MACs per parameter is more than real networks show" in res.stderr
    assert "Flops (yours)" in res.stdout


def test_terminal_refuses_a_wrong_network_with_every_reason(fixture_registry):
    res = run_build_py("--data", str(fixture_registry), "rank", "--add", "N:101:0:0.3")
    assert res.returncode == 1
    assert "--add 'N:101:0:0.3': params_m: parameters must be greater than 0; top1: top-1 is a percentage: at most 100" in res.stderr
