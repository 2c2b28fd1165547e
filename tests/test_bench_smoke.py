"""Smoke run of the performance benchmark (bench/bench.py): a tiny synthetic registry, one build,
the bare MkDocs build and, where Chromium exists, a short explorer measurement. Checks that the
benchmark runs and reports numbers, not the numbers themselves."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_run_prints_the_table(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--quick", "--sizes", "20", "--out", str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "SYNTHETIC" in out
    # the build table: networks, runs, build s, bare mkdocs s, build/bare, ...
    row = re.search(r"^20\s+1\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s", out, re.M)
    assert row, out
    build, bare, ratio = map(float, row.groups())
    assert build > 0 and bare > 0 and ratio > 0
    assert re.search(r"^20\s+(\d+\.\d\d\s+){4}\d+\.\d\d\s*$", out, re.M), out  # the stage breakdown
    assert "Targets" in out and re.search(r"build at 2000 within 1.5x of bare MkDocs\s+SKIP", out)
    if Path(CHROMIUM).exists():
        assert re.search(r"time to first chart .*?\s(\d+) ms", out), out
        assert re.search(r"redraw after a budget change .*?\s\d+\.\d ms", out), out
        assert re.search(r"cold load, gzip -6 bytes sent by the server\s+\d+(\.\d)? (KB|MB)", out), out
    # the synthetic registry is in the real format and lands in --out
    nets = list((tmp_path / "work" / "registries" / "n20" / "networks").glob("*.yaml"))
    assert len(nets) == 20


def test_bench_check_flag_fails_only_on_fail(tmp_path):
    """--check exits non-zero only for a FAIL; a run that judges no target (all SKIP) exits 0."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--quick", "--sizes", "10", "--no-browser", "--check",
                           "--out", str(tmp_path / "work")], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "FAIL" not in proc.stdout


def test_bench_times_the_label_placement(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--quick", "--labels", "--sizes", "10", "--no-browser",
                           "--out", str(tmp_path / "work")], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = re.search(r"Label placement on the real registry \((\d+) networks; median of 1\): (\d+\.\d\d) s wall clock, "
                     r"(\d+\.\d\d) s of CPU time .*? in (\d+) placements", proc.stdout)
    assert line, proc.stdout
    assert int(line.group(1)) > 100 and float(line.group(3)) > 0 and int(line.group(4)) >= 10
    assert re.search(r"label placement adds at most 2 s to a build of the real registry\s+(PASS|FAIL)", proc.stdout)


def test_bench_builds_a_registry_with_and_without_its_measurements(tmp_path):
    """The measurements phase on the small fixture registry (the target itself is judged on data/ only)."""
    fixture = ROOT / "tests" / "fixtures" / "registry"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--quick", "--sizes", "10", "--no-browser",
                           "--measurement-runs", "1", "--measurement-data", str(fixture), "--out", str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert re.search(r"^without\s+\d+\.\d\d\s+\d+\.\d\d", out, re.M) and re.search(r"^with\s+\d+\.\d\d\s+\d+\.\d\d", out, re.M), out
    assert re.search(r"^with / without\s+\d+\.\d{3}\s+\d+\.\d{3}", out, re.M), out
    assert re.search(r"real registry: build with measurements at most 1.2x without\s+SKIP", out), out  # not data/: not judged
    copy = tmp_path / "work" / "registries" / "real-without-measurements"
    assert (copy / "networks").is_dir() and not (copy / "measurements").exists() and not (copy / "devices.yaml").exists()
