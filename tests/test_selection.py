"""Sets, budgets and filters on known rows (selection.py): what every view of the site and the terminal holds."""

from __future__ import annotations

import pytest

from netscore_atlas.selection import SETS, Budget, Selection, complete, in_set, select


def row(nid, top1=70.0, params=5.0, macs=0.5, family="F", year=2018, collection="curated", sets=(), mine=False):
    r = {"id": nid, "name": nid, "top1": top1, "params_m": params, "macs_g": macs, "family": family, "year": year,
         "collection": collection, "sets": list(sets)}
    return dict(r, mine=True) if mine else r


CURATED = row("c", sets=("netscore2018",))
IMPORTED = row("i", collection="imported:timm", year=None)
YOURS = {"id": "y", "name": "y", "top1": 71.0, "params_m": 3.0, "macs_g": 0.3, "family": "(yours)", "year": None, "mine": True}


def test_sets():
    assert [s for s in SETS if in_set(CURATED, s)] == ["curated", "netscore2018", "all"]
    assert [s for s in SETS if in_set(IMPORTED, s)] == ["imported", "all"]
    assert all(in_set(YOURS, s) for s in SETS)  # your networks are in every set


def test_budget_bounds_are_inclusive():
    r = row("r", top1=70.0, params=5.0, macs=0.5)
    assert Budget(0.5, 5.0, 70.0).admits(r)
    assert not Budget(max_gmacs=0.49).admits(r)
    assert not Budget(max_params_m=4.99).admits(r)
    assert not Budget(min_top1=70.01).admits(r)
    assert Budget().admits(r)


def test_families_and_years_do_not_filter_your_networks_but_the_budget_does():
    view = Selection("curated", Budget(max_gmacs=1.0), families=("G",), year_min=2019)
    assert not view.admits(CURATED)  # family F, 2018
    assert view.admits(YOURS)
    assert not Selection("curated", Budget(max_gmacs=0.1)).admits(YOURS)


def test_unknown_year_passes_only_when_there_is_no_year_bound():
    assert Selection("all").admits(IMPORTED)
    assert not Selection("all", year_min=2000).admits(IMPORTED)
    assert not Selection("all", year_max=2030).admits(IMPORTED)
    assert Selection("all", year_min=2018, year_max=2018).admits(CURATED)
    assert not Selection("all", year_max=2017).admits(CURATED)


def test_select_keeps_complete_rows_in_order():
    rows = [row("b"), row("a", params=None), row("c", macs=9.0), row("d")]
    assert not complete(rows[1])
    assert [r["id"] for r in select(rows, Selection("curated", Budget(max_gmacs=1.0)))] == ["b", "d"]


def test_training_data_filter_keeps_the_chosen_classes_and_never_filters_your_networks():
    in1k = dict(row("a"), training_class="imagenet-1k")
    extra = dict(row("b"), training_class="extra-data")
    distilled = dict(row("c"), training_class="distilled")
    unknown = row("d")  # no training_class: an entry whose training data is not known
    rows = [in1k, extra, distilled, unknown]
    assert [r["id"] for r in select(rows, Selection("curated"))] == ["a", "b", "c", "d"]  # no filter: all, unknown too
    assert [r["id"] for r in select(rows, Selection("curated", training=("imagenet-1k",)))] == ["a"]
    # 'no extra data': ImageNet-1k only or distilled
    assert [r["id"] for r in select(rows, Selection("curated", training=("imagenet-1k", "distilled")))] == ["a", "c"]
    assert Selection("curated", training=("extra-data",)).admits(YOURS)  # yours has no training class and passes
    assert not Selection("curated", Budget(max_gmacs=0.1), training=("extra-data",)).admits(YOURS)  # the budget still holds


# --- the speed budget on a device (selection.SpeedBudget) ----------------------------------------

from netscore_atlas.selection import LATENCY, THROUGHPUT, SpeedBudget, SpeedBudgetError  # noqa: E402


def speed_row(nid, **speed):
    return {"id": nid, "name": nid, "family": "F", "year": 2020, "top1": 70.0, "params_m": 5.0, "macs_g": 0.5, "sets": [],
            "collection": "curated", "speed": speed}


def test_a_device_keeps_the_networks_measured_on_it_within_its_bound():
    rows = [speed_row("fast", cpu=5.0, gpu=9000.0), speed_row("edge", cpu=10.0), speed_row("slow", cpu=20.0, gpu=100.0),
            speed_row("gpu_only", gpu=5000.0), speed_row("none")]
    ids = lambda budget: [r["id"] for r in select(rows, Selection("all", Budget(speed=budget)))]  # noqa: E731
    assert ids(SpeedBudget()) == ["fast", "edge", "slow", "gpu_only", "none"]  # no device: no speed budget
    assert ids(SpeedBudget("cpu", LATENCY)) == ["fast", "edge", "slow"]  # measured on the CPU
    assert ids(SpeedBudget("cpu", LATENCY, max_latency_ms=10.0)) == ["fast", "edge"]  # 10 ms is within 10 ms
    assert ids(SpeedBudget("gpu", THROUGHPUT, min_throughput=5000.0)) == ["fast", "gpu_only"]  # 5,000 is at least 5,000
    mine = dict(speed_row("yours"), mine=True, speed=None)
    assert select([mine], Selection("all", Budget(speed=SpeedBudget("cpu", LATENCY)))) == []  # yours is never measured


def test_a_latency_bound_needs_a_latency_device_and_the_other_way():
    with pytest.raises(SpeedBudgetError, match="latency budget"):
        SpeedBudget("gpu", THROUGHPUT, max_latency_ms=5.0)
    with pytest.raises(SpeedBudgetError, match="throughput budget"):
        SpeedBudget("cpu", LATENCY, min_throughput=100.0)
    with pytest.raises(SpeedBudgetError):
        SpeedBudget(None, None, max_latency_ms=5.0)
