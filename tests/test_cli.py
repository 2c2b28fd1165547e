"""The command line on the fixture registry: check, build, rank."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import run_build_py


def test_check_passes_on_fixture(fixture_registry):
    res = run_build_py("--data", str(fixture_registry), "check")
    assert res.returncode == 0, res.stderr
    assert "ok: 5 networks" in res.stdout


def test_check_fails_clearly_on_broken_copy(fixture_registry, tmp_path):
    p = fixture_registry / "networks" / "tiny_a.yaml"
    p.write_text(p.read_text().replace("top1: {value: 60.0", "top1: {value: 160.0"))
    q = fixture_registry / "networks" / "big_e.yaml"
    q.write_text(q.read_text().replace("paper: fixture", "paper: nowhere"))
    res = run_build_py("--data", str(fixture_registry), "check")
    assert res.returncode == 1
    assert "registry/networks/tiny_a.yaml:10: error: top1.value:" in res.stderr
    assert "registry/networks/big_e.yaml:6: error: paper: unknown source 'nowhere'" in res.stderr
    assert "2 error(s)" in res.stderr


def test_rank_within_budget(fixture_registry):
    res = run_build_py("--data", str(fixture_registry), "rank", "--max-gmacs", "0.6")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith("2 network(s) within MACs <= 0.6 G, ranked by NetScore")
    # Tiny A: 20 (2 log10 60 - 0.5 log10 1 - 0.5 log10 0.2) = 20 (3.556303 + 0.349485) = 78.12
    # Tiny B: 20 (2 log10 70 - 0.5 log10 3 - 0.5 log10 0.5) = 20 (3.690196 - 0.238561 + 0.150515) = 72.04
    assert lines[3].split()[:3] == ["1", "Tiny", "A"] and lines[3].endswith("78.12")
    assert lines[4].split()[:3] == ["2", "Tiny", "B"] and lines[4].endswith("72.04")


def test_rank_by_top1_with_params_and_accuracy_bounds(fixture_registry):
    res = run_build_py("--data", str(fixture_registry), "rank", "--metric", "top1", "--max-params-m", "12", "--min-top1", "65")
    assert res.returncode == 0, res.stderr
    names = [" ".join(line.split()[1:3]) for line in res.stdout.splitlines()[3:]]
    assert names == ["Mid C", "Mid D", "Tiny B"]  # 75 > 72 > 70; Tiny A (60) and Big E (60 M) are out


def test_rank_with_weights(fixture_registry):
    # alpha=1, beta=gamma=0: Omega = 20 log10(top1): Big E (80) first, 38.06
    res = run_build_py("--data", str(fixture_registry), "rank", "--alpha", "1", "--beta", "0", "--gamma", "0")
    first = res.stdout.splitlines()[3]
    assert "Big E" in first and first.endswith("38.06")


def test_build_writes_table_and_dictionary(fixture_registry, tmp_path):
    out = tmp_path / "out"
    res = run_build_py("--data", str(fixture_registry), "build", "--out", str(out), "--no-figures")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO((out / "data" / "networks.csv").read_text())))
    assert [r["id"] for r in rows] == ["big_e", "mid_c", "mid_d", "tiny_a", "tiny_b"]
    tiny_a = next(r for r in rows if r["id"] == "tiny_a")
    assert float(tiny_a["netscore"]) == 78.115759 or abs(float(tiny_a["netscore"]) - 78.1158) < 1e-3
    assert tiny_a["top1_source"] == "fixture" and tiny_a["top1_locator"] == "Table 1"
    assert next(r for r in rows if r["id"] == "mid_d")["pareto_macs"] == "false"  # dominated by Mid C
    dictionary = list(csv.DictReader(io.StringIO((out / "data" / "dictionary.csv").read_text())))
    assert {d["column"] for d in dictionary} == set(rows[0].keys())
    assert all(d["description"] for d in dictionary)
    doc = json.loads((out / "data" / "networks.json").read_text())
    assert doc["registry"]["networks"] == 5 and len(doc["networks"]) == 5


def test_failed_build_leaves_previous_output(fixture_registry, tmp_path):
    out = tmp_path / "out"
    assert run_build_py("--data", str(fixture_registry), "build", "--out", str(out), "--no-figures").returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    p = fixture_registry / "networks" / "tiny_a.yaml"
    p.write_text(p.read_text().replace("top1: {value: 60.0", "top1: {value: 160.0"))
    res = run_build_py("--data", str(fixture_registry), "build", "--out", str(out), "--no-figures")
    assert res.returncode == 1 and "nothing was written" in res.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_two_builds_are_byte_identical(fixture_registry, tmp_path):
    for name in ("one", "two"):
        assert run_build_py("--data", str(fixture_registry), "build", "--out", str(tmp_path / name), "--no-figures").returncode == 0

    def files(d):
        return {p.relative_to(d): p.read_bytes() for p in d.rglob("*") if p.is_file()}

    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_rank_on_a_device_with_a_latency_budget(fixture_registry):
    # Fixture CPU latencies (ms per image): tiny_a 2.5, mid_c 12.5 (exact matches); mid_d and big_e are approximate
    # matches, never budgeted; tiny_b has no implementation.
    res = run_build_py("--data", str(fixture_registry), "rank", "--device", "fixture_cpu", "--max-latency-ms", "5")
    assert res.returncode == 0, res.stderr
    head, *table = res.stdout.strip().splitlines()
    assert head.startswith("1 network(s) within latency <= 5 ms per image on the Fixture CPU (latency per image; batch 1, FP32, NCHW, "
                           "PyTorch 2.4.0, torch.compile (dynamo); timm's inference benchmark at fixture1)")
    assert "latency ms/image (fixture_cpu)" in table[0] and table[2].split()[1:3] == ["Tiny", "A"] and table[2].split()[-1] == "2.50"
    res = run_build_py("--data", str(fixture_registry), "rank", "--device", "fixture_cpu")
    assert [line.split()[1:3] for line in res.stdout.splitlines()[3:]] == [["Tiny", "A"], ["Mid", "C"]]  # measured: 2 of 5
    res = run_build_py("--data", str(fixture_registry), "rank", "--device", "fixture_gpu", "--min-throughput", "5000", "--metric", "top1")
    assert res.returncode == 0 and [line.split()[-1] for line in res.stdout.splitlines()[3:]] == ["5,000", "20,000"]  # 5,000 >= 5,000


@pytest.mark.parametrize("args,words", [
    (["--device", "fixture_gpu", "--max-latency-ms", "1"], "was measured as a throughput (images/s"),
    (["--device", "fixture_cpu", "--min-throughput", "1"], "use --max-latency-ms"),
    (["--device", "tpu"], "--device 'tpu' is not a device of the registry; known: fixture_gpu (Fixture GPU, throughput)"),
    (["--max-latency-ms", "3"], "a speed budget needs --device (one of: fixture_gpu, fixture_cpu)"),
])
def test_rank_refuses_a_speed_budget_that_does_not_fit(fixture_registry, args, words):
    res = run_build_py("--data", str(fixture_registry), "rank", *args)
    assert res.returncode == 1 and words in res.stderr and "Traceback" not in res.stderr
