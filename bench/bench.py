#!/usr/bin/env python3
"""Performance benchmark of the NetScore Atlas build and of the explorer page.

SYNTHETIC DATA: the registries this script writes are invented (seeded random values in
the real file format, one synthetic source). They measure speed and size, nothing else.

    .venv/bin/python bench/bench.py                       # 60, 2000, 10000 networks + browser part
    .venv/bin/python bench/bench.py --quick               # tiny smoke run
    .venv/bin/python bench/bench.py --sizes 60,2000 --runs 3 --out /tmp/atlas-bench --check

What it measures (see bench/README.md):
  * per size N: pipeline.build(figures=False) wall time (median of several runs, each in a fresh
    subprocess), the bare MkDocs build of the same generated docs folder (site.run_mkdocs alone,
    fresh subprocess), their ratio, one build with figures=True (cold figure cache) when Chromium
    exists, the peak RSS of each child process, the site size;
  * in headless Chromium (Playwright), on the site of --browser-size networks: the explorer's time
    to first chart, the redraw time after a budget change and the bytes of a cold load with gzip;
  * the label placement of a build of the real registry (data/), CPU and wall time (not with --quick);
  * PASS/FAIL against the targets. Exit code 0 unless --check is given and a target fails.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gzip
import http.server
import io
import json
import math
import os
import pstats
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
# The same arguments as tests/conftest.py.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
GENERATOR_VERSION = "3"  # 3: measured speeds on two synthetic devices
SOURCE_KEY = "synthetic_bench"

# Targets (checked at the sizes named; SKIP when that size was not measured).
TARGET_BUILD_OVER_BARE = 1.5   # build time at 2000 networks at most 1.5x the bare MkDocs build
TARGET_GROWTH = 6.0            # build time 10000 / 2000 at most 6x (linear would be 5x)
TARGET_FIRST_CHART_MS = 1500.0
TARGET_REDRAW_MS = 100.0
TARGET_COLD_GZIP_BYTES = 700 * 1024
TARGET_LABELS_S = 2.0          # label placement (netscore_atlas/labels.py) adds at most 2 s to a build of the real registry
TARGET_MEASUREMENTS_OVERHEAD = 1.20  # the real registry's build with its measurements at most 20 % slower than without
MEASUREMENT_PATHS = ("devices.yaml", "implementations.yaml", "measurements")  # what 'without measurements' removes
LOADAVG: list[float] = []  # 1-minute load average at the start, before the browser part, at the end
FINGERPRINTS: list[tuple[str, str]] = []  # (phase, package_fingerprint()) at the start of each phase and at the end


# ----------------------------------------------------------------------------------------------
# 1. Synthetic registries
# ----------------------------------------------------------------------------------------------

FAMILY_WORDS = ["Alpha", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Garnet", "Harbor", "Iris", "Juniper",
                "Kestrel", "Lumen", "Maple", "Nimbus", "Onyx", "Prism", "Quartz", "Raven", "Sable", "Tundra",
                "Umber", "Vortex", "Willow", "Xenon", "Yarrow", "Zephyr", "Aurora", "Basalt", "Cobalt", "Dune",
                "Echo", "Flint", "Glacier", "Helix", "Indigo", "Jasper", "Krypton", "Lotus", "Mica", "Nova"]
FAMILIES = [f"{w}Net" for w in FAMILY_WORDS]  # 40 families
GROUPS = ["Synthetic classic CNNs", "Synthetic residual CNNs", "Synthetic mobile CNNs", "Synthetic searched CNNs",
          "Synthetic modern CNNs", "Synthetic transformers"]  # families.yaml: family -> group
RESOLUTIONS = [128, 160, 192, 224, 224, 224, 240, 256, 288, 320, 384]
TRAINING = ["imagenet-1k"] * 8 + ["imagenet-21k", "distillation"]


def package_fingerprint() -> str:
    """Hash of what a build reads besides the registry (code, templates, hand-written assets, mkdocs.yml): the
    report says when it changed during the run (the figures are then a mix of two versions)."""
    import hashlib

    h = hashlib.sha256()
    files = [ROOT / "mkdocs.yml"] + sorted((ROOT / "netscore_atlas").glob("*.py")) + sorted((ROOT / "templates").rglob("*")) \
        + sorted((ROOT / "site_src").rglob("*"))
    for f in files:
        if f.is_file():
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


def _log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def synthetic_network(i: int, rng: random.Random, in_netscore_set: bool) -> dict:
    family = FAMILIES[rng.randrange(len(FAMILIES))]
    params = _log_uniform(rng, 0.5, 300.0)
    # MACs log-uniform in 0.05..200 G, restricted so that 1000 * macs / params stays in 5..2000
    # (the validator warns outside 2..3000).
    lo, hi = max(0.05, 0.005 * params), min(200.0, 2.0 * params)
    macs = _log_uniform(rng, lo, hi)
    # Accuracy grows with compute, with noise; resampled (not clipped) into 55..88.
    while True:
        top1 = 72.0 + 5.0 * math.log10(macs) + rng.gauss(0.0, 4.0)
        if 55.0 <= top1 <= 88.0:
            break
    top1, params, macs = round(top1, 2), round(params, 3), round(macs, 4)
    res = rng.choice(RESOLUTIONS)
    nid = f"{family.lower()}_{i:05d}"
    net: dict = {
        "id": nid,
        "name": f"{family} ({i:05d}-{res})",
        "family": family,
        "year": rng.randint(2012, 2025),
        "paper": SOURCE_KEY,
        "resolution": res,
        "training_data": rng.choice(TRAINING),
    }
    if in_netscore_set:
        net["sets"] = ["netscore2018"]
    net["top1"] = {"value": top1, "source": SOURCE_KEY, "locator": f"Table {1 + i % 9}",
                   "quote": f"| {family}-{i} | {top1}% |"}
    if rng.random() < 0.3:
        net["top1"]["alternatives"] = [
            {"value": round(min(99.0, max(50.0, top1 + rng.uniform(-1.0, 1.0))), 2), "source": SOURCE_KEY,
             "locator": f"Re-measurement table {1 + i % 5}", "note": "Synthetic re-measurement."}
            for _ in range(rng.randint(1, 2))]
    top5 = None
    if rng.random() < 0.5:
        top5 = round(min(99.5, top1 + rng.uniform(8.0, 18.0)), 2)
        net["top5"] = {"value": max(top5, top1), "source": SOURCE_KEY, "locator": f"Table {1 + i % 9}"}
    net["params_m"] = {"value": params, "source": SOURCE_KEY, "locator": f"Table {1 + i % 9}"}
    if rng.random() < 0.2:
        net["params_m"]["alternatives"] = [{"value": round(params * rng.uniform(0.97, 1.03), 3), "source": SOURCE_KEY,
                                            "locator": "Model zoo row"}]
    net["macs_g"] = {"value": macs, "source": SOURCE_KEY, "locator": f"Table {1 + i % 9}", "counted_by": "paper",
                     "as_reported": f"{macs * 1000:.1f}M Mult-Adds", "conversion": "millions / 1000"}
    if rng.random() < 0.2:
        net["macs_g"]["alternatives"] = [{"value": round(macs * rng.uniform(0.95, 1.05), 4), "source": SOURCE_KEY,
                                          "locator": "Model zoo row", "counted_by": "synthetic counter"}]
    if top5 is None and rng.random() < 0.5:
        net["missing"] = {"top5": "The synthetic source reports no top-5 accuracy."}
    net["notes"] = f"Synthetic benchmark entry {i} (invented values, not a real network)."
    return net


SPEED_SHARE = 0.7  # the share of synthetic networks measured on the synthetic devices (timm matches about 65 % of curated ones)


def write_measurements(dest: Path, nets: list[dict], rng: random.Random) -> None:
    """devices.yaml and measurements/timm/ in the real format: two invented devices, a CPU measured as a latency
    (ms per image, batch 1) and a GPU as a throughput (images/s at batch 1024), for SPEED_SHARE of the networks."""
    (dest / "devices.yaml").write_text(
        "# SYNTHETIC benchmark devices: invented.\n" + "".join(
            f"synthetic_{kind}:\n  kind: {kind}\n  name: Synthetic {kind.upper()}\n  label: Synthetic {kind.upper()}\n"
            f"  file_token: synth{kind}\n  described_as: Invented by bench/bench.py.\n  source: {SOURCE_KEY}\n" for kind in ("cpu", "gpu")),
        encoding="utf-8")
    folder = dest / "measurements" / "timm"
    folder.mkdir(parents=True)
    common = f"    source: {SOURCE_KEY}\n    version: synthetic\n    layout: nchw\n    batch: synthetic\n"
    (folder / "tables.yaml").write_text(
        "# SYNTHETIC benchmark tables: invented values.\nlibrary: timm\nversion: synthetic\nspeed:\n"
        "  synthetic_cpu:\n    file: results/synthetic-cpu.csv\n    measure: latency\n    unit: ms/image\n    column: infer_step_time\n"
        "    precision: fp32\n    software: {pytorch: 2.4.0, compiler: torch.compile (dynamo)}\n" + common +
        "  synthetic_gpu:\n    file: results/synthetic-gpu.csv\n    measure: throughput\n    unit: images/s\n"
        "    column: infer_samples_per_sec\n    precision: amp\n    software: {pytorch: 2.9.1, cuda: '12.8'}\n" + common +
        "robustness: {}\n", encoding="utf-8")
    cpu, gpu, links = [], [], ["network,match,implementation,resolution,note,differs,reason"]
    for row, net in enumerate(nets, 1):
        if rng.random() >= SPEED_SHARE:
            continue
        arch, res, macs, params = f"synthetic_{net['id']}", net["resolution"], net["macs_g"]["value"], net["params_m"]["value"]
        cpu.append(f"{arch},{res},{macs * rng.uniform(5.0, 20.0) + 0.5:.3f},1,{row},{params},{macs}")
        gpu.append(f"{arch},{res},{1000.0 / (macs * rng.uniform(0.02, 0.08) + 0.01):.2f},1024,{row},{params},{macs}")
        links.append(f"{net['id']},exact,{arch},{res},,,")
    head = "implementation,resolution,value,batch_size,row,params_m,macs_g\n"
    (folder / "speed-synthetic_cpu.csv").write_text(head + "".join(line + "\n" for line in sorted(cpu)), encoding="utf-8")
    (folder / "speed-synthetic_gpu.csv").write_text(head + "".join(line + "\n" for line in sorted(gpu)), encoding="utf-8")
    (folder / "links.csv").write_text("\n".join(links) + "\n", encoding="utf-8")


def write_registry(dest: Path, n: int, seed: int = 0) -> Path:
    """A registry folder of n synthetic networks; reused when already written with the same parameters."""
    import yaml

    stamp = f"n={n} seed={seed} generator={GENERATOR_VERSION}\n"
    marker = dest / ".bench-params"
    if marker.is_file() and marker.read_text() == stamp:
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "networks").mkdir(parents=True)
    rng = random.Random(seed * 1_000_003 + n)
    in_set = set(rng.sample(range(n), min(60, n)))
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    nets = []
    for i in range(n):
        net = synthetic_network(i, rng, i in in_set)
        nets.append(net)
        text = "# SYNTHETIC benchmark data: invented values, not a real network.\n" + \
            yaml.dump(net, Dumper=dumper, sort_keys=False, allow_unicode=True, width=110)
        (dest / "networks" / f"{net['id']}.yaml").write_text(text, encoding="utf-8")
    (dest / "sources.yaml").write_text(
        "# SYNTHETIC benchmark bibliography: one invented source.\n"
        f"{SOURCE_KEY}:\n  kind: misc\n  authors: [NetScore Atlas benchmark]\n"
        "  title: Synthetic registry for the NetScore Atlas performance benchmark\n"
        "  year: 2026\n  url: https://example.org/netscore-atlas-synthetic-benchmark\n  licence: CC0-1.0\n  accessed: \"2026-11-23\"\n"
        "  note: Invented values, generated by bench/bench.py. Not real measurements.\n", encoding="utf-8")
    (dest / "families.yaml").write_text(
        "# SYNTHETIC benchmark families and their groups.\n" +
        "".join(f"{f}: {GROUPS[i % len(GROUPS)]}\n" for i, f in enumerate(FAMILIES)), encoding="utf-8")
    (dest / "CHANGELOG.md").write_text(
        "# Synthetic registry changelog (benchmark only)\n\n## 0.0.1 (2026-01-01)\n\n"
        f"- {n} synthetic networks generated by bench/bench.py (seed {seed}).\n", encoding="utf-8")
    write_measurements(dest, nets, rng)
    marker.write_text(stamp)
    return dest


# ----------------------------------------------------------------------------------------------
# 2. Builds, each in a fresh child process
# ----------------------------------------------------------------------------------------------

def _stage_timers(stages: dict) -> None:
    """Wrap the pipeline's stages (when they exist) so the child can report where the time went.
    The wrappers only add a perf_counter pair per call; build() itself is unchanged."""
    from netscore_atlas import figures, pipeline, site

    def wrap(module, name, label):
        fn = getattr(module, name, None)
        if fn is None:
            return

        @functools.wraps(fn)
        def timed(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                dt = time.perf_counter() - t0
                stages[label] = stages.get(label, 0.0) + dt
                print(f"BENCH-STAGE {label} {dt:.6f}", flush=True)
        setattr(module, name, timed)

    wrap(pipeline, "load_valid_registry", "load+validate")
    wrap(pipeline, "generate_docs", "generate_docs")
    wrap(figures, "export_figures", "figures")
    wrap(site, "render_pages", "render_pages")
    wrap(site, "run_mkdocs", "mkdocs")


def child_main(spec: dict) -> None:
    """Run one build (or one bare MkDocs build) and print a JSON line with its figures."""
    out: dict = {}
    stages: dict = {}
    if spec["kind"] == "build":
        from netscore_atlas import pipeline

        _stage_timers(stages)
        prof = cProfile.Profile() if spec.get("profile") else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        try:
            report = pipeline.build(Path(spec["data"]), Path(spec["out"]), site_url=spec["site_url"], figures=spec["figures"])
        except Exception as exc:
            if hasattr(exc, "report"):  # RegistryError: the synthetic registry no longer fits the format
                print(exc.report(), file=sys.stderr)
            raise
        if prof:
            prof.disable()
        out["seconds"] = time.perf_counter() - t0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        out["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # the whole child: imports and the build
        out["figure_message"] = report.figure_message
        out["warnings"] = len(report.registry.warnings)
        if prof:
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(35)
            out["profile"] = buf.getvalue()
    elif spec["kind"] == "bare":
        from netscore_atlas import pipeline, site

        version = pipeline.load_valid_registry(Path(spec["data"])).meta()  # not timed: only the version string
        site_dir = Path(spec["out"])
        shutil.rmtree(site_dir, ignore_errors=True)
        t0 = time.perf_counter()
        site.run_mkdocs(Path(spec["docs"]), site_dir, version, spec["site_url"])
        out["seconds"] = time.perf_counter() - t0
    out["stages"] = stages
    out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    out["children_maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("BENCH-RESULT " + json.dumps(out))


class ChildFailed(RuntimeError):
    pass


RETRIES = {"count": 1, "pause": 30.0}  # set from --retries


def run_child(spec: dict, timeout: float | None = None) -> dict:
    """Run one child; on timeout kill its process group and return what it reported so far. A failed child is
    retried (--retries, after a pause: the package may be mid-edit); then ChildFailed."""
    for attempt in range(RETRIES["count"] + 1):
        try:
            return _run_child_once(spec, timeout)
        except ChildFailed as exc:
            if attempt == RETRIES["count"]:
                raise
            last = [ln for ln in str(exc).splitlines() if ln.strip()][-1:]
            print(f"  child failed ({spec['kind']}): {last[0] if last else '?'}; retrying in {RETRIES['pause']:.0f} s",
                  file=sys.stderr, flush=True)
            time.sleep(RETRIES["pause"])
    raise AssertionError("unreachable")


def _run_child_once(spec: dict, timeout: float | None) -> dict:
    import signal

    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT),
                            start_new_session=True)
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)  # the child leads its own session: this ends it and its browsers only
        out, err = proc.communicate()
    stages: dict = {}
    for line in out.splitlines():
        if line.startswith("BENCH-RESULT ") and not timed_out:
            return json.loads(line[len("BENCH-RESULT "):])
        if line.startswith("BENCH-STAGE "):
            _, label, secs = line.split()
            stages[label] = stages.get(label, 0.0) + float(secs)
    if timed_out:
        return {"timeout": True, "seconds": None, "limit": timeout, "stages": stages}
    raise ChildFailed(f"benchmark child failed ({spec['kind']}, exit {proc.returncode}):\n{err[-4000:]}")


def tree_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            files += 1
    return total, files


def largest_files(path: Path, k: int = 6) -> list[tuple[int, str]]:
    sizes = [(p.stat().st_size, str(p.relative_to(path))) for p in path.rglob("*") if p.is_file()]
    return sorted(sizes, reverse=True)[:k]


def bench_measurements(runs: int, work: Path, site_url: str, log, real: Path = ROOT / "data") -> dict:
    """The REAL registry (data/, or --measurement-data) built with its measurements and without them (a copy without
    devices.yaml, implementations.yaml and measurements/), alternating, each build in a fresh process, no static
    figures. Wall time is the target's measure; CPU time is shown too, as it varies less on a shared machine."""
    without = work / "registries" / "real-without-measurements"
    shutil.rmtree(without, ignore_errors=True)
    shutil.copytree(real, without, ignore=lambda folder, names: [n for n in names if Path(folder) == real and n in MEASUREMENT_PATHS])
    times: dict[str, list[dict]] = {"with": [], "without": []}
    for i in range(runs):
        for label, data in (("with", real), ("without", without)) if i % 2 == 0 else (("without", without), ("with", real)):
            res = run_child({"kind": "build", "data": str(data), "out": str(work / "builds" / f"real-{label}" / "site"),
                             "site_url": site_url, "figures": False})
            times[label].append(res)
            log(f"  real registry {label} measurements, run {i + 1}: {res['seconds']:.2f} s wall, {res['cpu_seconds']:.2f} s CPU")
    out = {"runs": runs, "data": str(real.relative_to(ROOT)) if real.is_relative_to(ROOT) else str(real)}
    for label, results in times.items():
        out[f"{label}_wall"] = statistics.median(r["seconds"] for r in results)
        out[f"{label}_cpu"] = statistics.median(r["cpu_seconds"] for r in results)
        out[f"{label}_load"] = statistics.median(r["stages"].get("load+validate", 0.0) for r in results)
        out[f"{label}_all_wall"] = [round(r["seconds"], 2) for r in results]
    out["ratio_wall"] = out["with_wall"] / out["without_wall"]
    out["ratio_cpu"] = out["with_cpu"] / out["without_cpu"]
    return out


def bench_size(n: int, runs: int, work: Path, site_url: str, figures: bool, seed: int, log,
               cutoff: float | None, may_repeat) -> dict:
    """Builds of n networks: `runs` x (pipeline.build, then bare MkDocs on the docs it wrote), then one build
    with static figures. A repeat happens only if may_repeat(seconds of the last run) says the time budget
    allows; a child running past `cutoff` seconds is stopped (and reported as such)."""
    data = write_registry(work / "registries" / f"n{n}", n, seed)
    base = work / "builds" / f"n{n}"
    site_dir = base / "site"
    docs = base / "build" / "docs"  # pipeline.docs_dir_for(site_dir)
    bare_dir = base / "bare-site"
    builds, bares = [], []
    res: dict = {"n": n, "planned_runs": runs, "cutoff": cutoff, "site_dir": str(site_dir)}
    for i in range(runs):
        if i and not may_repeat(builds[-1]["seconds"] + bares[-1]["seconds"]):
            log(f"  n={n}: no more runs (time budget)")
            break
        b = run_child({"kind": "build", "data": str(data), "out": str(site_dir), "site_url": site_url, "figures": False}, cutoff)
        if b.get("timeout"):
            log(f"  n={n}: build stopped after {cutoff:.0f} s (stages done: {b['stages']})")
            res.update(timeout=True, stages=b["stages"], runs=0)
            if "generate_docs" in b["stages"] and docs.is_dir():  # the docs folder was written: MkDocs alone can still run
                m = run_child({"kind": "bare", "data": str(data), "docs": str(docs), "out": str(bare_dir), "site_url": site_url}, cutoff)
                if not m.get("timeout"):
                    res.update(bare_s=[m["seconds"]], bare_median=m["seconds"], bare_rss_kb=m["maxrss_kb"])
                    log(f"  n={n}: bare mkdocs {m['seconds']:.2f} s")
            shutil.rmtree(bare_dir, ignore_errors=True)
            return res
        builds.append(b)
        m = run_child({"kind": "bare", "data": str(data), "docs": str(docs), "out": str(bare_dir), "site_url": site_url})
        bares.append(m)
        log(f"  n={n} run {i + 1}/{runs}: build {b['seconds']:.2f} s, bare mkdocs {m['seconds']:.2f} s")
    size, nfiles = tree_size(site_dir)
    docs_size, docs_files = tree_size(docs)
    res.update({
        "runs": len(builds),
        "build_s": [b["seconds"] for b in builds], "bare_s": [m["seconds"] for m in bares],
        "build_median": statistics.median(b["seconds"] for b in builds),
        "bare_median": statistics.median(m["seconds"] for m in bares),
        "build_rss_kb": max(b["maxrss_kb"] for b in builds), "bare_rss_kb": max(m["maxrss_kb"] for m in bares),
        "stages": {k: statistics.median(b["stages"].get(k, 0.0) for b in builds) for k in builds[0]["stages"]},
        "site_bytes": size, "site_files": nfiles, "docs_bytes": docs_size, "docs_files": docs_files,
        "largest": largest_files(site_dir), "warnings": builds[0].get("warnings"),
    })
    res["ratio"] = res["build_median"] / res["bare_median"]
    shutil.rmtree(bare_dir, ignore_errors=True)
    if figures:
        fig_base = work / "builds" / f"n{n}-figures"
        shutil.rmtree(fig_base / "build" / "figure-cache", ignore_errors=True)  # cold cache: every figure exported
        f = run_child({"kind": "build", "data": str(data), "out": str(fig_base / "site"), "site_url": site_url, "figures": True},
                      None if cutoff is None else max(cutoff, 1.5 * res["build_median"]))
        if f.get("timeout"):
            res["figures"] = {"timeout": True, "limit": f["limit"], "stages": f["stages"]}
            log(f"  n={n} with figures: stopped after {f['limit']:.0f} s")
        else:
            fsize, _ = tree_size(fig_base / "site")
            res["figures"] = {"seconds": f["seconds"], "rss_kb": f["maxrss_kb"], "children_rss_kb": f["children_maxrss_kb"],
                              "stages": f["stages"], "message": f["figure_message"], "site_bytes": fsize}
            log(f"  n={n} with figures (cold cache): {f['seconds']:.2f} s" + (f" [{f['figure_message']}]" if f["figure_message"] else ""))
        shutil.rmtree(fig_base, ignore_errors=True)
    return res


# ----------------------------------------------------------------------------------------------
# 3. The explorer in headless Chromium, served with gzip
# ----------------------------------------------------------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                "application/x-javascript", "application/manifest+json")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip level 6 (Content-Encoding: gzip) for text types when the client accepts it.
    Every response is logged (path, raw bytes, bytes sent) on the server object."""

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _serve(self, head: bool):
        url_path = unquote(urlsplit(self.path).path)
        fs = Path(self.translate_path(self.path))
        if fs.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.server.record(url_path, 301, "", 0, 0)
                return
            fs = fs / "index.html"
        if not fs.is_file():
            self.send_error(404)
            self.server.record(url_path, 404, "", 0, 0)
            return
        ctype = self.guess_type(str(fs))
        raw, gz = self.server.content(fs)
        use_gz = "gzip" in (self.headers.get("Accept-Encoding") or "") and ctype.startswith(COMPRESSIBLE)
        body = gz if use_gz else raw
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if use_gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.server.record(url_path, 200, ctype, len(raw), len(body))


class GzipServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, directory: Path, port: int):
        super().__init__(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(directory)))
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self._cache: dict[str, tuple[bytes, bytes]] = {}

    def content(self, path: Path) -> tuple[bytes, bytes]:
        key = str(path)
        with self.lock:
            hit = self._cache.get(key)
        if hit is None:
            raw = path.read_bytes()
            hit = (raw, gzip.compress(raw, compresslevel=6, mtime=0))
            with self.lock:
                self._cache[key] = hit
        return hit

    def record(self, path, status, ctype, raw, sent):
        with self.lock:
            self.log.append({"path": path, "status": status, "type": ctype, "raw": raw, "sent": sent, "t": time.monotonic()})

    def take_log(self) -> list[dict]:
        with self.lock:
            out, self.log = self.log, []
        return out

    def prewarm(self, root: Path) -> None:
        """Compress every servable text file now, so compression time never shows in the page timings."""
        for p in root.rglob("*"):
            if p.is_file() and p.suffix in (".html", ".js", ".css", ".json", ".svg", ".xml", ".csv", ".txt", ".map"):
                self.content(p)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Installed before any page script: records when #ex-chart first gets data-rendered, in the
# page's own clock (performance.now(), 0 = navigation start), and the first frame after it.
INIT_SCRIPT = """
(() => {
  window.__bench = {};
  const seen = () => {
    const el = document.querySelector('#ex-chart[data-rendered]');
    if (el && window.__bench.firstChart === undefined) {
      window.__bench.firstChart = performance.now();
      requestAnimationFrame(() => setTimeout(() => { window.__bench.firstChartFrame = performance.now(); }, 0));
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rendered'] });
})();
"""

REDRAW_SCRIPT = """
async (values) => {
  const input = document.querySelector('#ex-gmacs');
  const chart = document.querySelector('#ex-chart');
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = [];
  for (const v of values) {
    await frame();
    const t0 = performance.now();
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = performance.now();
    await frame();
    const t2 = performance.now();
    out.push({ value: v, handler: t1 - t0, frame: t2 - t0, plotly: Number(chart.dataset.redrawMs),
               inside: document.querySelectorAll('#ex-table tbody tr').length });
  }
  return out;
}
"""


def settle(server: GzipServer, quiet_s: float = 1.0, limit_s: float = 15.0) -> None:
    """Wait until the server has seen no request for quiet_s (catches web-worker fetches too)."""
    t_end = time.monotonic() + limit_s
    while time.monotonic() < t_end:
        with server.lock:
            last = server.log[-1]["t"] if server.log else None
        if last is not None and time.monotonic() - last >= quiet_s:
            return
        time.sleep(0.1)


def bench_browser(site_dir: Path, port: int, loads: int, redraws: int, log) -> dict:
    from playwright.sync_api import sync_playwright

    server = GzipServer(site_dir, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.prewarm(site_dir)
    url = f"http://127.0.0.1:{port}/explorer/"
    res: dict = {"url": url}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # Warm-up load (Chromium's own start-up, the OS file cache); not counted.
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                page.goto(url)
                page.wait_for_function("document.querySelector('#ex-chart[data-rendered]') !== null", timeout=60000)
                ctx.close()
                settle(server)
                server.take_log()
                first, first_frame, dcl, load_ev, cold_logs, errors = [], [], [], [], [], []
                redraw = []
                for i in range(loads):
                    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # fresh: empty HTTP cache
                    page = ctx.new_page()
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.add_init_script(INIT_SCRIPT)
                    page.goto(url, wait_until="load")
                    page.wait_for_function("window.__bench && window.__bench.firstChartFrame !== undefined", timeout=60000)
                    try:
                        page.wait_for_load_state("networkidle", timeout=15000)
                    except Exception:
                        pass
                    settle(server)
                    cold_logs.append(server.take_log())
                    b = page.evaluate("""() => {
                        const nav = performance.getEntriesByType('navigation')[0];
                        return Object.assign({}, window.__bench, {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                          points: document.querySelector('#ex-chart').dataset.points});
                    }""")
                    first.append(b["firstChart"])
                    first_frame.append(b["firstChartFrame"])
                    dcl.append(b["dcl"])
                    load_ev.append(b["load"])
                    res["points"] = b["points"]
                    if i == 0:
                        # Redraws after budget changes, on this loaded page: log-spaced values, shuffled.
                        vals = [round(10 ** (-1.3 + 3.6 * k / max(1, redraws - 1)), 3) for k in range(redraws)]
                        random.Random(7).shuffle(vals)
                        page.evaluate(REDRAW_SCRIPT, [0.5, 5.0])  # warm-up (JIT), not counted
                        redraw = page.evaluate(REDRAW_SCRIPT, vals)
                    ctx.close()
                    log(f"  explorer load {i + 1}/{loads}: first chart {b['firstChart']:.0f} ms")
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    cold = cold_logs[0]
    res.update({
        "loads": loads,
        "first_chart_ms": statistics.median(first), "first_chart_all": first,
        "first_frame_ms": statistics.median(first_frame),
        "dcl_ms": statistics.median(dcl), "load_ms": statistics.median(load_ev),
        "redraw": redraw,
        "redraw_frame_median": statistics.median(r["frame"] for r in redraw) if redraw else None,
        "redraw_handler_median": statistics.median(r["handler"] for r in redraw) if redraw else None,
        "redraw_plotly_median": statistics.median(r["plotly"] for r in redraw) if redraw else None,
        "redraw_frame_max": max(r["frame"] for r in redraw) if redraw else None,
        "cold_requests": len(cold),
        "cold_sent": sum(r["sent"] for r in cold), "cold_raw": sum(r["raw"] for r in cold),
        "cold_resources": sorted(cold, key=lambda r: -r["sent"]),
        "page_errors": errors,
    })
    return res


# ----------------------------------------------------------------------------------------------
# 4. Report
# ----------------------------------------------------------------------------------------------

def human(nbytes: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(nbytes) < 1024 or unit == "GB":
            return f"{nbytes:.0f} {unit}" if unit == "B" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return ""


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def report(results: list[dict], browser: dict | None, browser_n: int | None, notes: list[str], labels: dict | None,
           failed: list[tuple[int, str]] = (), measured: dict | None = None) -> list[tuple[str, str, str]]:
    print()
    print("NetScore Atlas benchmark (SYNTHETIC registries: invented values, real file format)")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; load average (1 min) at start / before the "
          f"browser part / at the end: {' / '.join(f'{x:.1f}' for x in LOADAVG)} (other work on the machine slows every figure)")
    if FINGERPRINTS:
        if len({fp for _, fp in FINGERPRINTS}) == 1:
            print(f"package state (hash of code, templates, assets, mkdocs.yml): {FINGERPRINTS[0][1]}, unchanged during the run")
        else:
            print("package state (hash of code, templates, assets, mkdocs.yml) CHANGED DURING THE RUN, the figures mix "
                  "versions: " + ", ".join(f"{phase} {fp}" for phase, fp in FINGERPRINTS))
    for note in notes:
        print(note)
    print()
    print("Build (seconds: median of the runs; each build and each bare MkDocs build in its own fresh process)")
    rows = []
    for r in results:
        f = r.get("figures")
        fig = "-" if not f else (f"> {f['limit']:.0f} (stopped)" if f.get("timeout") else f"{f['seconds']:.2f}")
        bare = f"{r['bare_median']:.2f}" if "bare_median" in r else "-"
        if r.get("timeout"):
            rows.append([str(r["n"]), "0", f"> {r['cutoff']:.0f} (stopped)", bare, "-", fig, "-",
                         f"{r['bare_rss_kb'] / 1024:.0f}" if "bare_rss_kb" in r else "-", "-", "-"])
            continue
        runs = str(r["runs"]) + ("" if r["runs"] == r["planned_runs"] else f" of {r['planned_runs']}")
        rows.append([str(r["n"]), runs, f"{r['build_median']:.2f}", bare, f"{r['ratio']:.2f}", fig,
                     f"{r['build_rss_kb'] / 1024:.0f}", f"{r['bare_rss_kb'] / 1024:.0f}", human(r["site_bytes"]), str(r["site_files"])])
    print(table(["networks", "runs", "build s", "bare mkdocs s", "build/bare", "build+figures s", "build RSS MB",
                 "bare RSS MB", "site size", "files"], rows))
    if any(not r.get("timeout") and r["runs"] < r["planned_runs"] for r in results):
        print("('k of m' runs: the other repeats were left out to keep the benchmark within its --budget)")
    if any(r.get("timeout") for r in results):
        print("(stopped: the build ran past its cutoff -- above 2000 networks, 1.1 x the growth target extrapolated from "
              "the 2000-network build, so the target has failed; else --build-timeout. The stages it finished are below.)")
    print()
    print("Where the build's time goes (median seconds; generate_docs includes render_pages and figures; "
          "'other' = build minus the three top-level stages)")
    keys = ["load+validate", "generate_docs", "render_pages", "mkdocs"]
    rows = []
    for r in results:
        st = r["stages"]
        if r.get("timeout"):
            rows.append([str(r["n"]) + " (stopped)"] + [f"{st[k]:.2f}" if k in st else "not done" for k in keys] + ["-"])
            continue
        other = r["build_median"] - st.get("load+validate", 0) - st.get("generate_docs", 0) - st.get("mkdocs", 0)
        rows.append([str(r["n"])] + [f"{st.get(k, 0):.2f}" for k in keys] + [f"{other:.2f}"])
    print(table(["networks"] + keys + ["other"], rows))
    figs = [r for r in results if r.get("figures") and not r["figures"].get("timeout")]
    if figs:
        print()
        print("One build with static figures (figures=True, cold figure cache)")
        rows = []
        for r in figs:
            f = r["figures"]
            rows.append([str(r["n"]), f"{f['seconds']:.2f}", f"{f['stages'].get('figures', 0):.2f}",
                         f"{f['rss_kb'] / 1024:.0f}", f"{f['children_rss_kb'] / 1024:.0f}", human(f["site_bytes"]),
                         f["message"] or "all figures exported"])
        print(table(["networks", "build s", "figure export s", "python RSS MB", "largest child RSS MB", "site size", "figures"], rows))
    done = [r for r in results if not r.get("timeout")]
    if not results:
        print("(no size was measured)")
    if done:
        big = done[-1]
        print()
        print(f"Largest files of the {big['n']}-network site: " + ", ".join(f"{p} {human(s)}" for s, p in big["largest"]))
        print(f"Generated docs folder at {big['n']}: {human(big['docs_bytes'])} in {big['docs_files']} files; "
              f"validator warnings: {big['warnings']}")

    if browser:
        print()
        print(f"Explorer in headless Chromium ({browser_n} networks, {browser['points']} points; served on localhost, "
              "no network throttling)")
        rows = [
            ["time to first chart (nav start -> #ex-chart[data-rendered])", f"{browser['first_chart_ms']:.0f} ms",
             f"median of {browser['loads']} cold loads: " + ", ".join(f"{x:.0f}" for x in browser["first_chart_all"])],
            ["  first frame after it", f"{browser['first_frame_ms']:.0f} ms", ""],
            ["  DOMContentLoaded / load event", f"{browser['dcl_ms']:.0f} / {browser['load_ms']:.0f} ms", ""],
        ]
        if browser["redraw"]:
            rows += [
                ["redraw after a budget change (input -> next frame)", f"{browser['redraw_frame_median']:.1f} ms",
                 f"median of {len(browser['redraw'])}; max {browser['redraw_frame_max']:.1f} ms"],
                ["  the input handler (table + chart + URL)", f"{browser['redraw_handler_median']:.1f} ms", "median"],
                ["  the chart's own update (data-redraw-ms)", f"{browser['redraw_plotly_median']:.1f} ms", "median"],
            ]
        rows.append(["cold load, gzip -6 bytes sent by the server", human(browser["cold_sent"]),
                     f"{browser['cold_requests']} requests; {human(browser['cold_raw'])} uncompressed"])
        print(table(["explorer", "value", "detail"], rows))
        print("Cold-load bytes: counted by the benchmark's own HTTP server, which gzips text responses at level 6 "
              "(Content-Encoding: gzip) and logs the body bytes it sends for every request of a fresh browser context "
              "(page and web workers) until the network is idle; headers not counted.")
        print("Largest resources of the cold load:")
        rows = [[r["path"], human(r["sent"]), human(r["raw"]), f"{100 * r['sent'] / max(1, browser['cold_sent']):.0f} %"]
                for r in browser["cold_resources"][:8]]
        print(table(["resource", "gzip", "raw", "share"], rows))
        if browser["page_errors"]:
            print("page errors: " + "; ".join(browser["page_errors"][:5]))

    if labels:
        print()
        print(f"Label placement on the real registry ({labels['networks']} networks; median of {labels['runs']}): "
              f"{labels['total_s']:.2f} s wall clock, {labels['cpu_s']:.2f} s of CPU time (load average {labels['load']:.1f} "
              f"on {os.cpu_count()} cores), in {labels['placements']} placements (site layouts {labels['site_s']:.2f} s, "
              f"printed sizes {labels['print_s']:.2f} s); {labels['placed']} labels placed, {labels['dropped']} left out "
              "for want of room.")
    if measured:
        print()
        print(f"The registry {measured['data']} with and without its measurements (devices.yaml, implementations.yaml, "
              f"measurements/): median of {measured['runs']} builds each, alternating, fresh processes, no figures")
        rows = [[label, f"{measured[label + '_wall']:.2f}", f"{measured[label + '_cpu']:.2f}", f"{measured[label + '_load']:.2f}",
                 ", ".join(f"{x:.2f}" for x in measured[label + "_all_wall"])] for label in ("without", "with")]
        rows.append(["with / without", f"{measured['ratio_wall']:.3f}", f"{measured['ratio_cpu']:.3f}", "", ""])
        print(table(["measurements", "build s (wall)", "CPU s", "load+validate s", "every run (wall s)"], rows))

    by_n = {r["n"]: r for r in results}
    verdicts: list[tuple[str, str, str]] = []

    def verdict(name, ok, detail):
        verdicts.append((name, "SKIP" if ok is None else ("PASS" if ok else "FAIL"), detail))

    r2 = by_n.get(2000)
    r2 = r2 if r2 and not r2.get("timeout") else None
    verdict("build at 2000 within 1.5x of bare MkDocs", None if not r2 else r2["ratio"] <= TARGET_BUILD_OVER_BARE,
            f"{r2['build_median']:.2f} s / {r2['bare_median']:.2f} s = {r2['ratio']:.2f}x" if r2 else "2000 not measured")
    r10 = by_n.get(10000)
    if r2 and r10 and r10.get("timeout"):
        bound = r10["cutoff"] / r2["build_median"]
        verdict("build 10000 / 2000 at most 6x", False if bound > TARGET_GROWTH else None,
                f"> {r10['cutoff']:.0f} s (stopped) / {r2['build_median']:.2f} s = more than {bound:.2f}x (linear: 5x)")
    else:
        growth = r10["build_median"] / r2["build_median"] if r2 and r10 else None
        verdict("build 10000 / 2000 at most 6x", None if growth is None else growth <= TARGET_GROWTH,
                f"{r10['build_median']:.2f} s / {r2['build_median']:.2f} s = {growth:.2f}x (linear: 5x)" if growth else "not measured")
    at2000 = browser is not None and browser_n == 2000
    verdict("explorer first chart within 1.5 s (2000)", None if not at2000 else browser["first_chart_ms"] <= TARGET_FIRST_CHART_MS,
            f"{browser['first_chart_ms']:.0f} ms" if browser else "not measured")
    ok_redraw = None if not at2000 or not browser["redraw"] else browser["redraw_frame_median"] <= TARGET_REDRAW_MS
    verdict("explorer redraw within 100 ms (2000)", ok_redraw,
            f"median {browser['redraw_frame_median']:.1f} ms input -> next frame" if browser and browser["redraw"] else "not measured")
    verdict("explorer cold load at most 700 KB gzip", None if not at2000 else browser["cold_sent"] <= TARGET_COLD_GZIP_BYTES,
            f"{human(browser['cold_sent'])} ({browser['cold_sent']:,} bytes)" if browser else "not measured")
    # judged on CPU time: the work the placement adds; wall clock on a shared machine also counts other processes
    verdict("label placement adds at most 2 s to a build of the real registry",
            None if not labels else labels["cpu_s"] <= TARGET_LABELS_S,
            f"{labels['cpu_s']:.2f} s CPU ({labels['total_s']:.2f} s wall)" if labels else "not measured")
    verdict("real registry: build with measurements at most 1.2x without", None if not measured or measured["data"] != "data" else
            measured["ratio_wall"] <= TARGET_MEASUREMENTS_OVERHEAD,
            f"{measured['with_wall']:.2f} s / {measured['without_wall']:.2f} s = {measured['ratio_wall']:.3f}x wall "
            f"(CPU {measured['ratio_cpu']:.3f}x)" if measured else "not measured (--measurement-runs 0)")
    if failed:
        verdict("every build completed", False, ", ".join(str(n) for n, _ in failed) + " networks: build failed")
    if browser and not at2000:
        verdicts.append(("(browser figures above are for %d networks, not 2000: targets not judged)" % browser_n, "SKIP", ""))
    print()
    print("Targets")
    print(table(["target", "result", "measured"], [[a, b, c] for a, b, c in verdicts]))
    return verdicts


# ----------------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------------

def bench_labels(runs: int, log) -> dict:
    """Time the label placement of a build of the real registry (data/): every call of labels.place made while the
    charts are built (each site layout of each ball chart) and while the printed sizes are laid out (each variant),
    as the build makes them. Median of `runs` rounds; the placement is all the labels add to a build."""
    sys.path.insert(0, str(ROOT))
    from netscore_atlas import charts, figures
    from netscore_atlas.derive import derive_table
    from netscore_atlas.pipeline import load_valid_registry
    from netscore_atlas.style import styles_of

    reg = load_valid_registry(ROOT / "data")
    rows, styles = derive_table(reg.networks, groups=reg.groups), styles_of(reg.groups)
    calls: list[tuple[float, int, int]] = []
    original = charts.place

    def timed(*args, **kwargs):
        t0, c0 = time.perf_counter(), time.process_time()
        placed, dropped = original(*args, **kwargs)
        calls.append((time.perf_counter() - t0, len(placed), len(dropped), time.process_time() - c0))
        return placed, dropped

    totals, site, printed, cpu = [], [], [], []
    charts.place = timed
    try:
        for _ in range(runs):
            calls.clear()
            figs = {cid: chart.figure(rows, styles) for cid, chart in charts.CHARTS.items()}
            n_site = len(calls)
            for fig in figs.values():
                for variant in figures.VARIANTS:
                    figures.print_style(fig, variant)
            totals.append(sum(c[0] for c in calls))
            cpu.append(sum(c[3] for c in calls))
            site.append(sum(c[0] for c in calls[:n_site]))
            printed.append(sum(c[0] for c in calls[n_site:]))
    finally:
        charts.place = original
    log(f"labels: {len(calls)} placements per build, median {statistics.median(totals):.2f} s")
    return {"total_s": statistics.median(totals), "cpu_s": statistics.median(cpu), "load": os.getloadavg()[0], "site_s": statistics.median(site), "print_s": statistics.median(printed),
            "placements": len(calls), "placed": sum(c[1] for c in calls), "dropped": sum(c[2] for c in calls),
            "runs": runs, "networks": len(reg.networks)}


def default_runs(n: int) -> int:
    return 5 if n <= 100 else (3 if n <= 2000 else 2 if n <= 5000 else 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", help="comma-separated registry sizes (default 60,2000,10000; --quick: 12,40)")
    ap.add_argument("--runs", help="runs per size: one number for all, or one per size (default 5 / 3 / 1 by size)")
    ap.add_argument("--out", help="work folder (registries, sites); default a temporary folder, removed afterwards")
    ap.add_argument("--quick", action="store_true", help="tiny sizes, one run, no static figures, short browser part")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium part")
    ap.add_argument("--no-figures", action="store_true", help="skip the builds with static figures")
    ap.add_argument("--no-labels", action="store_true", help="skip timing the label placement on the real registry")
    ap.add_argument("--labels", action="store_true", help="time the label placement even with --quick (one round)")
    ap.add_argument("--browser-size", type=int, help="registry size whose site the browser part loads (default 2000 if measured, else the largest)")
    ap.add_argument("--loads", type=int, help="cold loads of the explorer (default 5; --quick 1)")
    ap.add_argument("--redraws", type=int, help="budget changes timed (default 15; --quick 5)")
    ap.add_argument("--budget", type=float, default=600.0, metavar="SECONDS",
                    help="time budget: repeats of a size are left out when they would push the projected total past it "
                         "(default 600; at least one run per size always happens)")
    ap.add_argument("--build-timeout", type=float, default=1800.0, metavar="SECONDS",
                    help="stop any single build after this long (default 1800)")
    ap.add_argument("--no-cutoff", action="store_true",
                    help="let builds above 2000 networks run to the end (by default they stop at 1.1 x the growth "
                         "target extrapolated from the 2000-network build: past that, the target has failed)")
    ap.add_argument("--retries", type=int, default=1, help="retries of a failed build, 30 s apart (default 1)")
    ap.add_argument("--measurement-runs", type=int, help="builds of the real registry with and without its measurements, "
                                                         "each (default 3; --quick 0; 0 skips them)")
    ap.add_argument("--measurement-data", type=Path, default=ROOT / "data",
                    help="the registry built with and without its measurements (default data/: the target is about it)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profile", type=int, metavar="N", help="also print a cProfile of one build of N networks")
    ap.add_argument("--json", help="write every figure to this JSON file")
    ap.add_argument("--check", action="store_true", help="exit non-zero when a target fails")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child_main(json.loads(args.child))
        return 0

    sizes = [int(s) for s in (args.sizes or ("12,40" if args.quick else "60,2000,10000")).split(",") if s.strip()]
    if args.runs:
        rl = [int(x) for x in args.runs.split(",")]
        runs = rl * len(sizes) if len(rl) == 1 else rl
        if len(runs) != len(sizes):
            ap.error("--runs: give one number, or one per size")
    else:
        runs = [1 if args.quick else default_runs(n) for n in sizes]
    have_chromium = Path(CHROMIUM).exists()
    figures = have_chromium and not args.no_figures and not args.quick
    do_browser = have_chromium and not args.no_browser
    loads = args.loads or (1 if args.quick else 5)
    redraws = args.redraws or (5 if args.quick else 15)
    browser_n = args.browser_size or (2000 if 2000 in sizes else max(sizes))
    if browser_n not in sizes:
        sizes.append(browser_n)
        runs.append(1)
    pairs = sorted(zip(sizes, runs))  # ascending: larger sizes are extrapolated from smaller ones
    sizes, runs = [p[0] for p in pairs], [p[1] for p in pairs]

    RETRIES["count"] = max(0, args.retries)
    temp = args.out is None
    work = Path(args.out or tempfile.mkdtemp(prefix="atlas-bench-")).resolve()
    work.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"  # the browser part serves on this port, so site_url matches
    notes = [f"sizes {sizes}, runs {runs}, work folder {work}" + (" (temporary)" if temp else "")]
    if not have_chromium:
        notes.append(f"{CHROMIUM} not found: builds with figures and the browser part skipped")
    t_start = time.monotonic()
    LOADAVG.append(os.getloadavg()[0])
    results, browser, failed, labels = [], None, [], None
    try:
        if args.labels or not (args.no_labels or args.quick):
            FINGERPRINTS.append(("labels", package_fingerprint()))
            labels = bench_labels(1 if args.quick else 3, log)
        for idx, (n, r) in enumerate(zip(sizes, runs)):
            later = sizes[idx + 1:]

            def may_repeat(last_run_s, n=n, later=later):
                # projected: this repeat, then one run of each larger size, scaled linearly from this size
                # (a cheap repeat, at most 2 % of the budget, always happens: linear extrapolation from a small
                # size overestimates, since a build's fixed cost dominates there)
                projected = last_run_s * (1 + sum(m / n for m in later))
                return last_run_s <= 0.02 * args.budget or time.monotonic() - t_start + projected <= args.budget

            cutoff = args.build_timeout
            ref = next((x for x in results if x["n"] == 2000 and not x.get("timeout")), None)
            if ref and n > 2000 and not args.no_cutoff:
                cutoff = min(cutoff, max(60.0, 1.1 * TARGET_GROWTH * (n / 10000) * ref["build_median"]))
            FINGERPRINTS.append((f"n={n}", package_fingerprint()))
            log(f"n={n}: writing the synthetic registry, then up to {r} build(s)" +
                (f" (cutoff {cutoff:.0f} s)" if cutoff != args.build_timeout else ""))
            try:
                results.append(bench_size(n, r, work, site_url, figures, args.seed, log, cutoff, may_repeat))
            except ChildFailed as exc:
                log(str(exc))
                last = [ln for ln in str(exc).splitlines() if ln.strip()][-1]
                failed.append((n, last))
        measured = None
        m_runs = args.measurement_runs if args.measurement_runs is not None else (0 if args.quick else 3)
        if m_runs > 0:
            FINGERPRINTS.append(("real registry", package_fingerprint()))
            log(f"{args.measurement_data}: {m_runs} build(s) with and {m_runs} without its measurements")
            try:
                measured = bench_measurements(m_runs, work, site_url, log, args.measurement_data.resolve())
            except ChildFailed as exc:
                log(str(exc))
                failed.append(("real registry", [ln for ln in str(exc).splitlines() if ln.strip()][-1]))
        LOADAVG.append(os.getloadavg()[0])
        if do_browser:
            FINGERPRINTS.append(("browser", package_fingerprint()))
            log(f"browser: explorer of the {browser_n}-network site")
            target = next((r for r in results if r["n"] == browser_n), None)
            if target is None:
                notes.append(f"browser part skipped: the {browser_n}-network build failed")
            elif target.get("timeout"):
                notes.append(f"browser part skipped: the {browser_n}-network build was stopped")
            else:
                browser = bench_browser(Path(target["site_dir"]), port, loads, redraws, log)
        if args.profile:
            data = write_registry(work / "registries" / f"n{args.profile}", args.profile, args.seed)
            prof = run_child({"kind": "build", "data": str(data), "out": str(work / "builds" / f"profile-n{args.profile}" / "site"),
                              "site_url": site_url, "figures": False, "profile": True})
        LOADAVG.append(os.getloadavg()[0])
        FINGERPRINTS.append(("end", package_fingerprint()))
        for n, why in failed:
            notes.append(f"FAILED: the build of {n} networks failed (after {RETRIES['count']} retry): {why}")
        verdicts = report(results, browser, browser_n if browser else None, notes, labels, failed, measured)
        if args.profile:
            print()
            print(f"cProfile of one build of {args.profile} networks (figures=False), by cumulative time:")
            print(prof["profile"])
        print(f"\nbenchmark wall time: {time.monotonic() - t_start:.0f} s")
        if args.json:
            Path(args.json).write_text(json.dumps({"results": results, "browser": browser, "measurements": measured,
                                                   "verdicts": verdicts}, indent=1, default=str))
    finally:
        if temp:
            shutil.rmtree(work, ignore_errors=True)
    failed = [v for v in verdicts if v[1] == "FAIL"]
    return 1 if (args.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
