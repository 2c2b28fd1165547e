"""Measured speed and robustness: the importer on small fixture tables (malformed ones too), the matching rules,
the validation rules (each with its file, line and field), the records and the network pages."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REAL_DATA, ROOT, run_build_py
from netscore_atlas.load import read_registry
from netscore_atlas.measure_import import benchmark_file, match_curated
from netscore_atlas.measurements import PARAMS_TOLERANCE
from netscore_atlas.pipeline import load_valid_registry
from netscore_atlas.problems import ERROR, WARNING
from netscore_atlas.validate import validate

TABLES = Path(__file__).resolve().parent / "fixtures" / "timm_tables"
# ../shared beside the project (a helper's clone sits one level deeper: ../../shared)
SHARED_TIMM = next((p for p in (ROOT.parent / "shared" / "sources" / "timm", ROOT.parent.parent / "shared" / "sources" / "timm")
                    if p.is_dir()), ROOT.parent / "shared" / "sources" / "timm")
MEASURED = Path("measurements") / "timm"


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def import_fixture(data: Path, tables: Path = TABLES, version: str = "fixture1"):
    return run_build_py("--data", str(data), "import", "timm-measurements", "--tables", str(tables), "--version", version)


def csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


# --- the importer -------------------------------------------------------------------------------

def test_committed_fixture_measurements_are_what_the_importer_writes(fixture_registry):
    before = snapshot(fixture_registry / MEASURED)
    shutil.rmtree(fixture_registry / MEASURED)
    res = import_fixture(fixture_registry)
    assert res.returncode == 0, res.stderr
    assert snapshot(fixture_registry / MEASURED) == before  # deterministic, and the committed fixture is fresh
    assert "matched exactly: 2, approximately: 2, not at all: 1" in res.stdout


def test_import_copies_each_value_with_its_conditions(fixture_registry):
    folder = fixture_registry / MEASURED
    header = yaml.safe_load((folder / "tables.yaml").read_text())
    gpu, cpu = header["speed"]["fixture_gpu"], header["speed"]["fixture_cpu"]
    # The GPU table has rows at batch 1024 and 256: a throughput, images/s read from infer_samples_per_sec.
    assert (gpu["measure"], gpu["unit"], gpu["column"], gpu["precision"], gpu["layout"]) == ("throughput", "images/s", "infer_samples_per_sec", "amp", "nchw")
    assert gpu["software"] == {"pytorch": "2.9.1", "cuda": "12.8"}  # pt291, cu128 in the file name
    assert gpu["file"] == "results/benchmark-infer-amp-nchw-pt291-cu128-gpux.csv" and gpu["version"] == "fixture1"
    # The CPU table is all batch 1: a latency, ms per image read from infer_step_time.
    assert (cpu["measure"], cpu["unit"], cpu["column"], cpu["precision"]) == ("latency", "ms/image", "infer_step_time", "fp32")
    assert cpu["software"] == {"pytorch": "2.4.0", "compiler": "torch.compile (dynamo)"}
    rows = {(r["implementation"], r["resolution"]): r for r in csv_rows(folder / "speed-fixture_gpu.csv")}
    # big_arch is at batch 256 in row 5 of the source table; its value is the samples/s column, not the step time
    assert rows[("big_arch", "288")] == {"implementation": "big_arch", "resolution": "288", "value": "600.0", "batch_size": "256",
                                         "row": "5", "params_m": "61.0", "macs_g": "6.6"}
    assert ("unused_arch", "224") not in rows  # no network is that implementation
    assert ("mid_arch", "256") not in rows  # mid_c is at 224 px
    cpu_rows = {r["implementation"]: r for r in csv_rows(folder / "speed-fixture_cpu.csv")}
    assert cpu_rows["tiny_arch"]["value"] == "2.5" and cpu_rows["tiny_arch"]["batch_size"] == "1"
    assert cpu_rows["mid_wide"]["macs_g"] == ""  # the source cell was empty: left empty, not invented


def test_file_names_give_the_conditions():
    tokens = {"4090": "rtx4090", "i7_12700h": "i7_12700h"}
    b, found = benchmark_file(Path("benchmark-infer-amp-nchw-pt291-cu130-4090.csv"), tokens)
    assert found == [] and (b.device, b.precision, b.layout, b.software) == ("rtx4090", "amp", "nchw", {"pytorch": "2.9.1", "cuda": "13.0"})
    b, _ = benchmark_file(Path("benchmark-infer-fp32-nhwc-pt240-cpu-i7_12700h-dynamo.csv"), tokens)
    assert (b.layout, b.software) == ("nhwc", {"pytorch": "2.4.0", "compiler": "torch.compile (dynamo)"})
    _, found = benchmark_file(Path("benchmark-infer-amp-nchw-pt291-cu130-h100.csv"), tokens)
    assert "device 'h100' is not declared" in found[0].message and "data/devices.yaml" in found[0].message
    _, found = benchmark_file(Path("benchmark-infer-amp-nchw-pt2100-cu130-4090.csv"), tokens)
    assert "PyTorch version" in found[0].message


# --- the matching rules -------------------------------------------------------------------------

def net(res, params, *alternatives):
    return {"resolution": res, "params_m": {"value": params, "alternatives": [{"value": a} for a in alternatives]}}


# architecture -> {resolution: [each table's parameter count]}; 'split' is counted 10.0 M by one table, 14.0 M by another
MEASURED_ARCHS = {"a": {224: [10.0], 256: [10.0]}, "b": {192: [5.0], 256: [5.0]}, "wide": {224: [14.0]}, "split": {224: [10.0, 14.0]}}


def test_match_exact_at_the_networks_resolution_and_parameter_count():
    assert match_curated("n", net(224, 10.2), {"architecture": "a"}, MEASURED_ARCHS) == {"match": "exact", "implementation": "a", "resolution": 224}


def test_match_at_another_resolution_is_approximate_and_says_so():
    link = match_curated("n", net(160, 10.0), {"architecture": "a"}, MEASURED_ARCHS)
    assert (link["match"], link["resolution"]) == ("approximate", 224)  # the nearest measured resolution
    assert "at 224 and 256 px only, not at 160 px" in link["differs"]
    tie = match_curated("n", net(224, 5.0), {"architecture": "b"}, MEASURED_ARCHS)
    assert tie["resolution"] == 192  # 192 and 256 are both 32 px away: the lower one


def test_match_with_another_parameter_count_is_another_variant():
    # 14.0 M is 16.7 % more than 12.0 M, past PARAMS_TOLERANCE (5 %)
    link = match_curated("n", net(224, 12.0), {"architecture": "wide", "note": "n"}, MEASURED_ARCHS)
    assert link["match"] == "approximate" and "has 14 M parameters; this network's counts are 12 M" in link["differs"]
    assert link["note"] == "n"
    # ...but if one of the network's own counts (an alternative) agrees within 5 %, the counters differ, not the network:
    # |14.0 - 13.5| = 0.5 <= 0.05 * 13.5 = 0.675
    assert match_curated("n", net(224, 12.0, 13.5), {"architecture": "wide"}, MEASURED_ARCHS)["match"] == "exact"
    assert PARAMS_TOLERANCE == 0.05
    both = match_curated("n", net(160, 12.0), {"architecture": "wide"}, MEASURED_ARCHS)
    assert both["differs"].count(";") >= 1 and "160 px" in both["differs"] and "parameters" in both["differs"]


def test_an_exact_match_needs_every_tables_count_within_the_tolerance():
    # one table counts 10.0 M (the network's 10.2 M, within 5 %), another 14.0 M: the speeds of that table are of
    # another form of the architecture, so the match is approximate and says both counts
    link = match_curated("n", net(224, 10.2), {"architecture": "split"}, MEASURED_ARCHS)
    assert link["match"] == "approximate" and "its tables count 10 M or 14 M parameters" in link["differs"]
    # ...unless one of the network's own counts agrees with the other table's too
    assert match_curated("n", net(224, 10.2, 14.0), {"architecture": "split"}, MEASURED_ARCHS)["match"] == "exact"


def test_no_implementation_says_why():
    assert match_curated("n", net(224, 1.0), {"none": "no such architecture"}, MEASURED_ARCHS) == {"match": "none", "reason": "no such architecture"}
    unmatched = match_curated("n", net(224, 1.0), None, MEASURED_ARCHS)
    assert unmatched["match"] == "none" and "not matched to a timm architecture yet" in unmatched["reason"]


# --- malformed tables change nothing ------------------------------------------------------------

def broken_tables(tmp_path: Path, name: str, edit) -> Path:
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    path = tables / name
    path.write_bytes(edit(path.read_bytes()))
    return tables


GPU = "benchmark-infer-amp-nchw-pt291-cu128-gpux.csv"
CPU = "benchmark-infer-fp32-nchw-pt240-cpu-cpux-dynamo.csv"


@pytest.mark.parametrize("name,edit,expected", [
    (GPU, lambda b: b.replace(b",infer_batch_size", b",batch"), [GPU, "lacks column(s) infer_batch_size"]),
    (GPU, lambda b: b.replace(b"mid_arch,224,5000.0", b"mid_arch,224,5k"), [f"{GPU}:3", "infer_samples_per_sec", "row 2", "'5k' is not a number"]),
    (CPU, lambda b: b.replace(b"mid_arch,224,80.0,12.5,1,10.1,1.05,5.0", b"mid_arch,224,80.0"), [f"{CPU}:3", "row 2 is short"]),
    (GPU, lambda b: b"\xef\xbb\xbf" + b, [f"{GPU}:1", "byte-order mark"]),
    (GPU, lambda b: b.replace(b"tiny_arch,224,20000.0,51.2,1024", b"tiny_arch,224,20000.0,51.2,10x4"), [f"{GPU}:2", "infer_batch_size", "not a whole number"]),
    (CPU, lambda b: b + b"tiny_arch,224,400.0,2.5,1,1.02,0.21,1.0\n", [f"{CPU}:5", "row 4", "again (also row 1)"]),
    (GPU, lambda b: b.replace(b"tiny_arch,224,20000.0", b"tiny_arch,224,-20000.0"), [f"{GPU}:2", "row 1", "must be positive"]),
    ("results-imagenet-a.csv", lambda b: b.replace(b",50.0,50.0", b",150.0,50.0"), ["results-imagenet-a.csv:2", "not a percentage"]),
    ("results-sketch.csv", lambda b: b.replace(b"tiny_arch.fx_in1k,224,50.0", b"tiny_arch.fx_in1k,2x4,50.0"), ["results-sketch.csv:2", "img_size"]),
])
def test_malformed_table_gets_its_row_and_changes_nothing(fixture_registry, tmp_path, name, edit, expected):
    before = snapshot(fixture_registry)
    res = import_fixture(fixture_registry, broken_tables(tmp_path, name, edit))
    assert res.returncode == 1, res.stdout
    for words in expected:
        assert words in res.stderr, res.stderr
    assert "nothing was written" in res.stderr and "Traceback" not in res.stderr
    assert snapshot(fixture_registry) == before


def test_every_problem_of_every_table_at_once(fixture_registry, tmp_path):
    tables = broken_tables(tmp_path, GPU, lambda b: b.replace(b"mid_arch,224,5000.0", b"mid_arch,224,5k"))
    (tables / CPU).write_bytes(b"\xef\xbb\xbf" + (tables / CPU).read_bytes())
    (tables / "benchmark-infer-amp-nchw-pt291-cu128-nosuchgpu.csv").write_bytes((tables / GPU).read_bytes())
    res = import_fixture(fixture_registry, tables)
    assert res.returncode == 1
    assert f"{GPU}:3" in res.stderr and f"{CPU}:1" in res.stderr and "device 'nosuchgpu' is not declared" in res.stderr


def test_a_named_architecture_timm_never_measured_is_an_error(fixture_registry):
    p = fixture_registry / "implementations.yaml"
    p.write_text(p.read_text().replace("architecture: big_arch", "architecture: huge_arch"))
    before = snapshot(fixture_registry / MEASURED)
    res = import_fixture(fixture_registry)
    assert res.returncode == 1 and "no architecture 'huge_arch'" in res.stderr
    assert snapshot(fixture_registry / MEASURED) == before


# --- imported weights and robustness ------------------------------------------------------------

JOINED = """model,arch,pretrained_tag,img_size,top1,top5,param_count_M,crop_pct,interpolation,gmacs,macts_M,bench_param_count_M,tag_suggests_extra_data_or_distill
tiny_arch.fx_in1k,tiny_arch,fx_in1k,224,61.0,83.0,1.02,0.875,bicubic,0.21,1.0,1.02,False
mid_arch.fx_in1k,mid_arch,fx_in1k,256,75.5,92.0,10.1,1.0,bicubic,1.37,6.0,10.1,False
"""


@pytest.fixture
def with_imported(fixture_registry, tmp_path):
    """The fixture registry with two imported timm weights, and measurement tables that evaluate them."""
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    (tables / "timm_in1k_top1_gmacs_joined.csv").write_text(JOINED)
    head = "model,img_size,top1,top1_err,top5,top5_err,param_count,crop_pct,interpolation,top1_diff,top5_diff,rank_diff\n"
    for i, name in enumerate(["results-imagenetv2-matched-frequency.csv", "results-imagenet-real.csv", "results-sketch.csv",
                              "results-imagenet-r.csv", "results-imagenet-a.csv"]):
        (tables / name).write_text(head + f"mid_arch.fx_in1k,256,{60 + i}.5,0,0,0,10.1,1.0,bicubic,0,0,0\n"
                                          f"not_imported.x,224,33.0,0,0,0,1,1.0,bicubic,0,0,0\n")
    with open(fixture_registry / "sources.yaml", "a") as f:  # the imported entries cite the source key 'timm'
        f.write("timm:\n  kind: misc\n  title: timm results\n  year: 2026\n  url: https://github.com/huggingface/pytorch-image-models\n"
                "  licence: Apache-2.0\n  accessed: '2026-12-01'\n")
    (tables / "model_metadata-in1k.csv").write_text("model,pretrain\ntiny_arch,in1k\nmid_arch,in1k\n")
    res = run_build_py("--data", str(fixture_registry), "import", "timm", "--table", str(tables / "timm_in1k_top1_gmacs_joined.csv"),
                       "--metadata", str(tables / "model_metadata-in1k.csv"), "--version", "fixture1")
    assert res.returncode == 0, res.stderr
    res = import_fixture(fixture_registry, tables)
    assert res.returncode == 0, res.stderr
    return fixture_registry


def test_imported_weights_are_their_architecture_and_carry_robustness(with_imported):
    reg = load_valid_registry(with_imported)
    m = reg.measurements
    assert m.links["timm__mid_arch_fx_in1k_256"] == {"match": "exact", "implementation": "mid_arch", "resolution": 256, "note": None,
                                                     "differs": None, "reason": None, "library": "timm"}
    speed = m.speed["timm__mid_arch_fx_in1k_256"]
    assert [(r["device"], r["value"], r["batch_size"]) for r in speed] == [("fixture_gpu", 4000.0, 1024)]  # not on the CPU table
    assert {k: v["top1"] for k, v in m.robustness["timm__mid_arch_fx_in1k_256"].items()} == {
        "imagenetv2": 60.5, "real": 61.5, "sketch": 62.5, "imagenet_r": 63.5, "imagenet_a": 64.5}
    assert "not_imported" not in str(m.robustness)  # rows of weights that are not in the registry are left out
    from netscore_atlas.derive import derive_table
    row = next(r for r in derive_table(reg.networks, measurements=m) if r["id"] == "timm__mid_arch_fx_in1k_256")
    assert (row["imagenetv2_top1"], row["imagenet_a_top1"]) == (60.5, 64.5)
    assert row["speed"] == {"fixture_gpu": 4000.0} and row["speed_implementation"] == "timm:mid_arch@256"
    assert "weights mid_arch.fx_in1k" in row["robustness_evaluated_by"]


# --- validation rules ---------------------------------------------------------------------------

def problems(root: Path):
    registry, found = read_registry(root)
    if registry is not None:
        found += validate(registry)
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    """The line where `needle` (which may span lines) starts."""
    text = path.read_text()
    return text[:text.index(needle)].count("\n") + 1


def test_fixture_measurements_are_clean(fixture_registry):
    assert problems(fixture_registry) == []


M = "measurements/timm/"


@pytest.mark.parametrize("file,old,new,field,words,needle", [
    ("devices.yaml", "kind: cpu", "kind: tpu", "fixture_cpu.kind", "is not one of", "kind: tpu"),
    ("devices.yaml", "file_token: cpux", "file_token: gpux", "fixture_cpu.file_token", "also fixture_gpu's", "file_token: gpux\n  described_as: \"Invented: the file name token 'cpux'"),
    (M + "tables.yaml", "  fixture_cpu:\n", "  fixture_tpu:\n", "speed.fixture_tpu", "unknown device 'fixture_tpu': declare it once in data/devices.yaml", "fixture_tpu:"),
    (M + "tables.yaml", "unit: ms/image", "unit: images/s", "speed.fixture_cpu.unit", "a latency is in ms/image, not images/s", "unit: images/s\n    column: infer_step_time"),
    (M + "tables.yaml", "source: timm_benchmark", "source: nowhere", "speed.fixture_gpu.source", "unknown source 'nowhere'", "source: nowhere"),
    (M + "speed-fixture_cpu.csv", "tiny_arch,224,2.5,1,", "tiny_arch,224,2.5,8,", "batch_size", "row 3: a latency per image is measured at batch 1 (got batch 8)", "tiny_arch"),
    (M + "speed-fixture_cpu.csv", "tiny_arch,224,2.5,", "tiny_arch,224,0.0025,", "value", "0.0025 ms/image is outside what a device measures", "tiny_arch"),
    (M + "speed-fixture_gpu.csv", "tiny_arch,224,20000.0,", "tiny_arch,224,20000 images,", "value", "is not a number", "tiny_arch"),
    (M + "speed-fixture_gpu.csv", "mid_wide,224,4500.0,1024,4,15.0,1.5", "tiny_arch,224,4500.0,1024,4,15.0,1.5", "implementation", "tiny_arch at 224 px is measured twice", "tiny_arch,224,20000.0"),
    (M + "links.csv", "tiny_a,exact,tiny_arch,224", "tiny_z,exact,tiny_arch,224", "network", "unknown network 'tiny_z'", "tiny_z"),
    (M + "links.csv", "tiny_a,exact,tiny_arch,224", "tiny_a,exact,tiny_arch,256", "implementation", "tiny_arch at 256 px is in no speed table", "tiny_a,"),
    (M + "links.csv", "mid_d,approximate,mid_wide,224,,timm's", "mid_d,exact,mid_wide,224,,timm's", "match",
     "mid_wide has 15 M parameters in the speed tables, mid_d 12 M (not every table's count within 5%): another variant", "mid_d"),
    (M + "links.csv", "big_e,approximate,big_arch,288", "big_e,exact,big_arch,288", "match", "an exact match is at the network's resolution (224 px), not 288 px", "big_e"),
    (M + "links.csv", "big_e,approximate,big_arch,288,,\"timm measured big_arch at 288 px only, not at 224 px where this network's figures hold: these speeds are at 288 px.\"",
     "big_e,approximate,big_arch,288,,", "differs", "an approximate match says how", "big_e"),
    (M + "links.csv", "tiny_b,none,,,,,no Tiny B in the fixture tables", "tiny_b,none,,,,,", "reason", "says why", "tiny_b"),
    (M + "links.csv", "tiny_a,exact,tiny_arch,224,,,", "tiny_a,exact,mid_arch,224,,,", "implementation",
     "stale: data/implementations.yaml says tiny_arch, this file mid_arch", "tiny_a"),
    ("implementations.yaml", "  tiny_b: {none:", "  tiny_q: {none:", "timm.tiny_q", "unknown network 'tiny_q'", "tiny_q"),
    ("implementations.yaml", "  tiny_a: {architecture: tiny_arch}", "  tiny_a: {architecture: tiny_arch, none: also}", "timm.tiny_a", "is valid under each of", "tiny_a:"),
])
def test_measurement_rule(fixture_registry, file, old, new, field, words, needle):
    path = fixture_registry / file
    edit(path, old, new)
    found = [p for p in problems(fixture_registry) if p.level == ERROR]
    hits = [p for p in found if p.file.endswith(file) and p.field == field and words in p.message]
    assert hits, "no such problem in:\n" + "\n".join(map(str, found))
    assert hits[0].line == line_of(path, needle), str(hits[0])


def test_an_unmatched_curated_network_is_a_warning_and_its_page_says_so(fixture_registry):
    edit(fixture_registry / "implementations.yaml", "  tiny_b: {none: \"no Tiny B in the fixture tables\"}\n", "")
    found = problems(fixture_registry)
    assert [p.message for p in found if p.level == WARNING and "tiny_b" in p.message] == [
        "curated network tiny_b is not matched to a timm architecture yet: add it (or `none:` with the reason) and re-run "
        "`build.py import timm-measurements`"]
    assert [p for p in found if p.level == ERROR] == []  # the stale link says none, and so does the absence


def test_an_undescribed_or_stray_file_is_an_error(fixture_registry):
    folder = fixture_registry / MEASURED
    shutil.copy(folder / "speed-fixture_cpu.csv", folder / "speed-fixture_npu.csv")
    (folder / "notes.txt").write_text("x")
    messages = [str(p) for p in problems(fixture_registry) if p.level == ERROR]
    assert any("speed-fixture_npu.csv" in m and "not described in tables.yaml" in m for m in messages), messages
    assert any("notes.txt" in m and "unexpected file" in m for m in messages), messages


def test_measurements_without_devices_are_an_error(fixture_registry):
    (fixture_registry / "devices.yaml").unlink()
    messages = [str(p) for p in problems(fixture_registry) if p.level == ERROR]
    assert any("data/devices.yaml is missing" in m for m in messages)


def test_a_registry_without_measurements_is_valid_and_keeps_its_hash(fixture_registry):
    with_measurements = load_valid_registry(fixture_registry).content_hash
    shutil.rmtree(fixture_registry / "measurements")
    (fixture_registry / "devices.yaml").unlink()
    (fixture_registry / "implementations.yaml").unlink()
    reg = load_valid_registry(fixture_registry)
    assert reg.measurements.speed == {} and reg.content_hash != with_measurements


# --- records and pages --------------------------------------------------------------------------

def test_records_join_each_row_with_its_conditions(fixture_registry):
    m = load_valid_registry(fixture_registry).measurements
    gpu, cpu = m.speed["tiny_a"]  # devices in the order of devices.yaml
    assert gpu == {"device": "fixture_gpu", "measure": "throughput", "value": 20000.0, "unit": "images/s", "batch_size": 1024,
                   "precision": "amp", "layout": "nchw", "software": {"pytorch": "2.9.1", "cuda": "12.8", "compiler": None},
                   "resolution": 224, "implementation": "tiny_arch", "library": "timm", "source": "timm_benchmark",
                   "file": "results/benchmark-infer-amp-nchw-pt291-cu128-gpux.csv", "version": "fixture1", "row": 1, "params_m": 1.02, "macs_g": 0.21,
                   "network": "tiny_a", "match": "exact", "differs": None, "note": None}
    assert (cpu["device"], cpu["measure"], cpu["value"], cpu["unit"], cpu["batch_size"]) == ("fixture_cpu", "latency", 2.5, "ms/image", 1)
    assert m.exact_speed("tiny_a") == {"fixture_gpu": 20000.0, "fixture_cpu": 2.5}
    assert m.exact_speed("big_e") == {} and m.speed["big_e"][0]["match"] == "approximate"  # approximate: page only
    assert "tiny_b" not in m.speed and m.links["tiny_b"]["match"] == "none"


def test_network_pages_list_speeds_with_provenance_or_say_why_not(fixture_site):
    site = fixture_site["dir"]
    page = (site / "networks" / "tiny_a" / "index.html").read_text()
    assert 'id="speed-fixture_gpu"' in page and 'id="speed-fixture_cpu"' in page
    gpu = page.split('id="speed-fixture_gpu"')[1].split("</tr>")[0]
    assert "20,000.00 images/s" in gpu and "batch 1024" in gpu and "PyTorch 2.9.1" in gpu and "CUDA 12.8" in gpu
    assert "results/benchmark-infer-amp-nchw-pt291-cu128-gpux.csv at fixture1, row 1" in gpu and "#src-timm_benchmark" in gpu
    assert "0.050 ms" in gpu  # 1000 / 20,000 images/s
    cpu = page.split('id="speed-fixture_cpu"')[1].split("</tr>")[0]
    assert "2.50 ms/image" in cpu and "Latency at batch 1" in cpu and "torch.compile (dynamo)" in cpu
    assert "<code>tiny_arch</code> at 224 px" in page
    assert "No measured speed: no Tiny B in the fixture tables." in (site / "networks" / "tiny_b" / "index.html").read_text()
    big = (site / "networks" / "big_e" / "index.html").read_text()
    assert 'id="speed-approximate"' in big and "not at 224 px where this network" in big
    mid = (site / "networks" / "mid_c" / "index.html").read_text()
    assert "the fixture&#39;s mid_arch" in mid or "the fixture's mid_arch" in mid
    rows = csv_rows(site / "data" / "measurements.csv")
    assert {(r["network"], r["device"], r["match"]) for r in rows} == {
        ("tiny_a", "fixture_gpu", "exact"), ("tiny_a", "fixture_cpu", "exact"), ("mid_c", "fixture_gpu", "exact"),
        ("mid_c", "fixture_cpu", "exact"), ("mid_d", "fixture_gpu", "approximate"), ("mid_d", "fixture_cpu", "approximate"),
        ("big_e", "fixture_gpu", "approximate")}
    tiny_cpu = next(r for r in rows if r["network"] == "tiny_a" and r["device"] == "fixture_cpu")
    assert (tiny_cpu["value"], tiny_cpu["unit"], tiny_cpu["ms_per_image"], tiny_cpu["table_row"]) == ("2.5", "ms/image", "2.5", "1")


# --- the real registry --------------------------------------------------------------------------

def test_every_real_curated_network_is_matched_or_says_why():
    reg = load_valid_registry(REAL_DATA)
    curated = [n["id"] for n in reg.networks if not n.get("imported")]
    links = reg.measurements.links
    assert [n for n in curated if n not in links] == []
    none = [n for n in curated if links[n]["match"] == "none"]
    assert all(links[n]["reason"] for n in none)
    assert "squeezenet_v1_0" in none and links["resnet_50"] == dict(links["resnet_50"], match="exact", implementation="resnet50", resolution=224)
    assert [r["device"] for r in reg.measurements.speed["resnet_50"]] == ["i7_12700h", "i9_10940x", "rtx4090", "rtx5090", "rtx_pro_6000_maxq"]
    imported = [n["id"] for n in reg.networks if n.get("imported")]
    assert all(links[n]["match"] == "exact" for n in imported)


@pytest.mark.skipif(not SHARED_TIMM.is_dir(), reason="timm's raw tables (../shared/sources/timm) are not beside the project")
def test_real_values_are_the_source_tables_values():
    """Every 97th measurement checked against the raw table it names (the build itself never reads these tables)."""
    reg = load_valid_registry(REAL_DATA)
    records = [r for recs in reg.measurements.speed.values() for r in recs][::97]
    raw = {}
    for r in records:
        name = r["file"].split("/")[-1]
        if name not in raw:
            raw[name] = list(csv.DictReader(open(SHARED_TIMM / name, encoding="utf-8")))
        src = raw[name][r["row"] - 1]
        assert (src["model"], int(src["infer_img_size"]), int(src["infer_batch_size"])) == (r["implementation"], r["resolution"], r["batch_size"])
        column = "infer_step_time" if r["measure"] == "latency" else "infer_samples_per_sec"
        assert float(src[column]) == r["value"], (name, r["row"])
    assert len(records) > 50


def test_methodology_says_what_each_table_measured_and_why_they_do_not_compare(fixture_site):
    html = (fixture_site["dir"] / "methodology" / "index.html").read_text()
    section = html.split('id="measured-speed"')[1]
    gpu = section.split('id="table-fixture_gpu"')[1].split("</tr>")[0]
    assert "Throughput in images/s" in gpu and "infer_samples_per_sec" in gpu and "1024 for most rows; 1 row(s) at smaller batches, down to 256" in gpu
    assert "CUDA 12.8" in gpu and "results/benchmark-infer-amp-nchw-pt291-cu128-gpux.csv at fixture1" in gpu
    cpu = section.split('id="table-fixture_cpu"')[1].split("</tr>")[0]
    assert "Latency in ms/image" in cpu and "1 (every row)" in cpu and "torch.compile (dynamo)" in cpu
    why = section.split('id="why-a-throughput-at-batch-1024-and-a-latency-at-batch-1-cannot-be-compared"')[1]
    # The example is the first network (by id) measured both ways: Mid C (big_e has no CPU row, and is approximate).
    # 5,000 images/s at batch 1024 is 1000 / 5000 = 0.200 ms per image on average, but a batch takes
    # 1000 * 1024 / 5000 = 204.8 ms; on the CPU one image takes 12.50 ms.
    assert ">Mid C</a> runs at 5,000 images/s" in why
    assert "0.200 ms per" in why and "about 205 ms" in why and "one image takes 12.50 ms" in why
    text = " ".join(section.split())
    assert "2 exact matches, 2 approximate, 1 without an implementation" in text
