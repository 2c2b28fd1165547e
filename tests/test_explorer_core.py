"""The explorer's JavaScript core (explorer-core.js) against Python's golden cases, in Node's own test runner.

Python writes the cases (tests/explorer_cases.py: metrics at many weights, ranks with ties, the Pareto front,
the checks on your networks, views from links, comparisons, rivals, hover text, CSV cells, number formats);
`node --test tests/js/` runs the core on each input. Node is required (npm needs it too): without it this fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import explorer_cases
from conftest import ROOT
from netscore_atlas import limits


def test_javascript_core_agrees_with_python(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: the explorer's JavaScript core is tested with `node --test` (Debian: apt-get install nodejs)")
    golden = explorer_cases.write(tmp_path / "golden.json")
    res = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, ATLAS_GOLDEN=str(golden)))
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr[-2000:]
    assert "# fail 0" in res.stdout and "# pass 0" not in res.stdout


def test_golden_cases_cover_the_edges():
    """The cases hold what they claim to: ties, missing values, weights out of the usual range, empty views,
    networks of yours at both extremes, and names special to JavaScript."""
    cases = explorer_cases.golden_cases()
    views = {v["query"]: v for v in cases["views"]}
    assert any(len(set(r["rank"] for r in v["inside"])) < len(v["inside"]) for v in cases["views"])  # a shared rank
    assert any(v is None for c in cases["metrics"] for v in c["values"].values())  # a missing value
    assert any(c["weights"]["alpha"] < 0 for c in cases["metrics"])
    assert views["?max_gmacs=0.000001"]["inside"] == [] and views["?max_gmacs=0.000001"]["best"] == "No network fits this budget."
    extremes = views["?mine=Best:99.9:0.01:0.001&mine=Worst:0.01:19999:19999&max_gmacs=1e6"]["inside"]
    assert extremes[0]["id"] == "mine-1" and extremes[-1]["id"] == "mine-2"
    many = next(v for q, v in views.items() if q.count("mine=") > limits.MINE_MAX)
    assert len(many["view"]["mine"]) == limits.MINE_MAX - 1 and many["view"]["mine_left_out"] == 3  # one bad, three past
    assert len(many["view"]["ignored"]) == 1 and many["link"].count("mine=") == limits.MINE_MAX - 1
    special = views["?family=constructor&family=__proto__&family=toString&family=Nope&family=constructor"]
    assert special["view"]["family"] == ["__proto__", "constructor", "toString"]


def test_golden_cases_hold_the_training_data_filter():
    """training= keeps the named classes (in the spec's order, unknown names dropped); a network whose training data
    is not known passes only without the filter; yours always pass it (the budget still holds)."""
    views = {v["query"]: v for v in explorer_cases.golden_cases()["views"]}
    ids = lambda q: {r["id"] for r in views[q]["inside"]}  # noqa: E731
    assert {"mobilenet_v2", "efficient_b7", "unknown_data"} <= ids("")
    assert not {"mobilenet_v2", "efficient_b7", "unknown_data"} & ids("?training=imagenet-1k")
    assert "alexnet" in ids("?training=imagenet-1k")
    both = views["?training=distilled&training=imagenet-1k&training=bogus&training=distilled"]
    assert both["view"]["training"] == ["imagenet-1k", "distilled"] and both["link"] == "?training=imagenet-1k&training=distilled"
    assert "mobilenet_v2" in ids(both["query"]) and "efficient_b7" not in ids(both["query"])
    assert ids("?training=extra-data&set=all&mine=Mine:75.2:3.1:0.31") == {"efficient_b7", "timm__b", "mine-1"}
    assert views["?training=__proto__&training=constructor"]["view"]["training"] == []
    everything = ids("?set=all&training=imagenet-1k&training=extra-data&training=distilled")
    assert "unknown_data" not in everything and ids("?year_max=2030&set=all") - everything == {"unknown_data"}


def test_the_notes_name_every_ignored_value_with_its_reason():
    """Issue 13's address: each out-of-range value is named with what the parameter accepts; a value given twice, a
    name no parameter has and a network of yours that fails the checks are named too; an empty box is not."""
    views = {v["query"]: v for v in explorer_cases.golden_cases()["views"]}
    issue = views["?alpha=-3&max_gmacs=-5&min_top1=101"]
    assert [(i["param"], i["value"]) for i in issue["view"]["ignored"]] == [("max_gmacs", "-5"), ("min_top1", "101"), ("alpha", "-3")]
    assert "max_gmacs=-5 (must be a number greater than 0" in issue["note"] and "min_top1=101 (must be a number from 0 to 100)" in issue["note"]
    assert issue["view"]["max_gmacs"] is None and issue["view"]["alpha"] == 2.0  # the defaults hold
    assert views["?max_gmacs=&metric=&family=&mine=&set="]["note"] == ""
    assert views["?highlight=resnet_50&bogus=1&q=x&empty="]["note"].count("not a setting of this page") == 2  # highlight is the page's own
    assert "metric=netscore (given more than once" in views["?metric=top1&metric=netscore&max_gmacs=1&max_gmacs=2"]["note"]
    assert "mine=bad (spec: expected NAME:TOP1:PARAMS_M:GMACS)" in views[next(q for q in views if "mine=bad&" in q)]["note"]


def test_a_budget_of_0_is_refused_by_the_command_line_and_ignored_by_the_view_with_the_same_reason(fixture_registry):
    """build.py rank refuses --max-gmacs 0 (a budget must be greater than 0); the explorer's view ignores max_gmacs=0
    and its note gives the same reason, from the same declaration (limits.BUDGET_RANGE)."""
    from conftest import run_build_py

    zero = {v["query"]: v for v in explorer_cases.golden_cases()["views"]}["?max_gmacs=0"]
    [ignored] = zero["view"]["ignored"]
    assert zero["view"]["max_gmacs"] is None and ignored["value"] == "0"
    res = run_build_py("--data", str(fixture_registry), "rank", "--max-gmacs", "0")
    assert res.returncode == 1 and f"--max-gmacs: '0' refused: {ignored['reason']}" in res.stderr, res.stderr


def test_golden_cases_hold_the_device_budget():
    """The device cases mean what they say (latencies of the cases' CPU X: MobileNetV2 6.591 ms, both ResNet-50s
    32.78 ms, EfficientNet-B7 478.281 ms, the imported 'timm a' 10 ms; AlexNet has no CPU X measurement)."""
    views = {v["query"]: v for v in explorer_cases.golden_cases()["views"]}
    ids = lambda q: [r["id"] for r in views[q]["inside"]]  # noqa: E731
    assert sorted(ids("?device=cpu_x")) == ["efficient_b7", "mobilenet_v2", "resnet_50", "resnet_50_twin"]
    assert sorted(ids("?device=cpu_x&max_latency_ms=32.78")) == ["mobilenet_v2", "resnet_50", "resnet_50_twin"]  # at the bound
    assert sorted(ids("?device=cpu_x&max_latency_ms=10&set=all")) == ["mobilenet_v2", "timm__a"]
    dropped = views["?device=gpu_y&min_throughput=5000&max_latency_ms=1&set=all"]
    assert dropped["view"]["max_latency_ms"] is None and dropped["link"] == "?set=all&device=gpu_y&min_throughput=5000"
    assert views["?device=npu&max_latency_ms=5"]["view"]["device"] is None and views["?device=npu&max_latency_ms=5"]["link"] == ""
    assert "mine-1" not in ids("?device=cpu_x&max_latency_ms=7&mine=Mine:75:3:0.3")  # yours has no measured speed
    assert views["?device=gpu_y&min_throughput=1e9"]["best"] == "No network measured on the Invented <GPU> Y & co fits this budget."
    assert views["?device=cpu_x&max_latency_ms=32.78"]["best"].startswith(
        "Best within budget on the Invented CPU X (latency per image; batch 1, FP32, NCHW, PyTorch 2.4.0; timm's inference benchmark "
        "at fixture): by NetScore, MobileNetV2 (74.21; 6.59 ms per image)")
    assert views["?device=__proto__&max_latency_ms=3"]["view"]["device"] is None
