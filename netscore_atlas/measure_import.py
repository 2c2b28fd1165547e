"""Import timm's benchmark and robustness tables as measurements (data/measurements/timm/), with their provenance.

`python build.py import timm-measurements --tables <folder> --version <commit>` reads, from the folder:

- every `benchmark-infer-<precision>-<layout>-pt<torch>-<cuXYZ|cpu>-<device>[-dynamo].csv` (the file name gives the
  precision, memory layout, software versions and the device, which must be declared in data/devices.yaml by its
  `file_token`). A table whose rows are all at batch 1 is a latency: `infer_step_time`, milliseconds per image.
  Any other is a throughput: `infer_samples_per_sec`, images per second at each row's own `infer_batch_size`;
- `results-imagenetv2-matched-frequency.csv`, `results-imagenet-real.csv`, `results-sketch.csv`,
  `results-imagenet-r.csv`, `results-imagenet-a.csv`: timm's evaluation of its weights on other test sets;
- `timm_in1k_top1_gmacs_joined.csv`: which architecture each imported weight is (model, arch, img_size);

and writes tables.yaml (what each table measured and how), speed-<device>.csv, robustness-<dataset>.csv and links.csv. Every table is read and checked before
anything is written (tables.read_table: BOM, encoding, short rows, bad numbers, with the row and line); on any
problem nothing changes.

Matching rules (which measurements are a network's):

1. Imported weights (data/imported/timm/) are measured as the architecture they are weights of, at their
   resolution: `arch` and `img_size` of the joined table. Always exact (speed belongs to the architecture,
   not to the weights).
2. A curated network is matched through data/implementations.yaml, where a person names the timm architecture
   that implements it (or says why none does). The importer then checks:
   a. resolution: the architecture's rows at the network's resolution; if timm measured it at other resolutions
      only, the rows at the nearest one (ties: the lower), and the match is approximate ("measured at 256 px;
      this network's figures hold at 224 px");
   b. variant: timm's parameter count (param_count of those rows) must agree within PARAMS_TOLERANCE (5 %, the
      registry's threshold for parameter disagreements; measurements.same_variant) with one of the network's own
      parameter counts, primary or alternative; otherwise the match is approximate ("timm's X has 6.11 M parameters; this network's counts
      are 6.9 M: another variant or another count").
   An approximate match is kept with its statement and shown on the network's page only: charts, budgets and
   ranks use exact matches. A named architecture that timm never measured is an error.
3. A curated network not in data/implementations.yaml, or marked `none`, has no measured speed, and its page
   says why.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .importer import COLLECTIONS, entry_id
from .measurements import LINK_COLUMNS, PARAMS_TOLERANCE, ROBUSTNESS_COLUMNS, SPEED_COLUMNS, param_counts, same_variant
from .pipeline import write_files, write_output
from .problems import Problem
from .tables import INTEGER, NUMBER, Column, TableError, read_table
from .yamlfile import read_yaml

LIBRARY = "timm"
SOURCE = "timm_benchmark"
ROBUSTNESS_SOURCE = "timm_robustness"
JOINED = "timm_in1k_top1_gmacs_joined.csv"
ROBUSTNESS_FILES = {
    "imagenetv2": "results-imagenetv2-matched-frequency.csv",
    "real": "results-imagenet-real.csv",
    "sketch": "results-sketch.csv",
    "imagenet_r": "results-imagenet-r.csv",
    "imagenet_a": "results-imagenet-a.csv",
}
BENCH_RE = re.compile(r"^benchmark-infer-(?P<precision>amp|fp32|fp16|bf16)-(?P<layout>nchw|nhwc)-pt(?P<torch>\d+)-"
                      r"(?P<backend>cu\d+|cpu)-(?P<device>[a-z0-9_]+?)(?P<dynamo>-dynamo)?\.csv$")
# The columns read from timm's tables (the columns written are declared in measurements.py).
SOURCE_BENCH_COLUMNS = (Column("model"), Column("infer_img_size", INTEGER), Column("infer_samples_per_sec", NUMBER),
                        Column("infer_step_time", NUMBER), Column("infer_batch_size", INTEGER), Column("param_count", NUMBER),
                        Column("infer_gmacs", NUMBER, optional=True))
SOURCE_ROBUSTNESS_COLUMNS = (Column("model"), Column("img_size", INTEGER), Column("top1", NUMBER))
SOURCE_JOINED_COLUMNS = (Column("model"), Column("arch"), Column("img_size", INTEGER))
HEADER = ("# Imported by `build.py import timm-measurements` from timm's tables at {version}: do not edit by hand;\n"
          "# re-run the import instead. Which curated network is which architecture: data/implementations.yaml.\n"
          "# The rows are in the CSV files beside this one; their columns are declared in netscore_atlas/measurements.py.\n")


class MeasureImportError(ValueError):
    """Every problem found, raised once; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was written")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems) + f"\n{len(self.problems)} problem(s); nothing was written."


@dataclass(frozen=True)
class BenchmarkFile:
    path: Path
    device: str  # key of data/devices.yaml
    precision: str
    layout: str
    software: dict


def _version(digits: str, what: str) -> str | None:
    """'291' -> '2.9.1' (PyTorch, three digits); '128' -> '12.8', '130' -> '13.0' (CUDA: the last digit is the minor)."""
    if what == "pytorch":
        return ".".join(digits) if len(digits) == 3 else None
    return f"{digits[:-1]}.{digits[-1]}" if len(digits) >= 2 else None


def benchmark_file(path: Path, tokens: dict[str, str]) -> tuple[BenchmarkFile | None, list[Problem]]:
    """What a benchmark table's file name says: precision, layout, PyTorch and CUDA versions, compiler, device."""
    m = BENCH_RE.match(path.name)
    if m is None:
        return None, [Problem(path.name, None, "", "not a benchmark table name (benchmark-infer-<precision>-<layout>-pt<version>-<cuXYZ|cpu>-<device>[-dynamo].csv)")]
    torch = _version(m["torch"], "pytorch")
    if torch is None:
        return None, [Problem(path.name, None, "", f"cannot read the PyTorch version from 'pt{m['torch']}' (three digits expected, e.g. pt291)")]
    if m["device"] not in tokens:
        return None, [Problem(path.name, None, "", f"device {m['device']!r} is not declared: add it to data/devices.yaml "
                                                   f"with file_token: {m['device']} (its kind, name and what the table says of it)")]
    software = {"pytorch": torch}
    if m["backend"] != "cpu":
        software["cuda"] = _version(m["backend"][2:], "cuda")
    if m["dynamo"]:
        software["compiler"] = "torch.compile (dynamo)"
    return BenchmarkFile(path, tokens[m["device"]], m["precision"], m["layout"], software), []


def imported_id(collection: str, model: str, resolution: int) -> str:
    """The registry id of imported weights (importer.entry_id): 'timm__resnet50_a1_in1k_224'."""
    return entry_id(COLLECTIONS[collection], model, resolution)


def _read(path: Path, columns, problems: list[Problem]):
    try:
        return read_table(path, columns, shown_as=path.name)
    except TableError as exc:
        problems += exc.problems
        return None


def _duplicates(table, keys: tuple[str, ...], problems: list[Problem]) -> dict:
    """rows by key; a key met twice is a problem naming both rows."""
    out: dict = {}
    for row in table.rows:
        key = tuple(row[k] for k in keys)
        if key in out:
            problems.append(Problem(table.shown_as, row.line, "", f"row {row.number}: {' at '.join(map(str, key))} again "
                                                                  f"(also row {out[key].number}): which one holds?"))
            continue
        out[key] = row
    return out


def speed_table(bench: BenchmarkFile, rows: dict, wanted: set, version: str) -> tuple[dict, list[dict]]:
    """One benchmark table: its entry of tables.yaml (its conditions, once) and its rows, one per wanted
    (architecture, resolution)."""
    latency = all(r["infer_batch_size"] == 1 for r in rows.values())
    measure, column = ("latency", "infer_step_time") if latency else ("throughput", "infer_samples_per_sec")
    out_rows = [{"implementation": arch, "resolution": res, "value": r[column], "batch_size": r["infer_batch_size"], "row": r.number,
                 "params_m": r["param_count"], "macs_g": r["infer_gmacs"]} for (arch, res), r in sorted(rows.items()) if (arch, res) in wanted]
    batch = ("batch 1 for every row: infer_step_time is milliseconds per image" if latency else
             "the largest batch that fit on the device, per row (infer_batch_size); infer_samples_per_sec is images per second at that batch")
    entry = {"source": SOURCE, "file": f"results/{bench.path.name}", "version": version, "measure": measure,
             "unit": "ms/image" if latency else "images/s", "column": column, "precision": bench.precision, "layout": bench.layout,
             "software": bench.software, "batch": batch,
             "macs_counted_by": "timm's inference benchmark (infer_gmacs: multiply-accumulates at the row's resolution)"}
    return entry, out_rows


def to_csv(columns, rows: list[dict]) -> str:
    """Rows as CSV with the declared columns (measurements.py), an empty cell for None."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow(["" if row.get(c.name) is None else row[c.name] for c in columns])
    return out.getvalue()


def _list(items) -> str:
    """'224', '224 and 256', '160, 224 and 256'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def match_curated(nid: str, net: dict, entry: dict | None, measured: dict) -> dict:
    """The link of one curated network (rules 2 and 3 of the module docstring). `measured` maps an architecture to
    {resolution: timm's parameter count}, over every benchmark table."""
    if entry is None:
        return {"match": "none", "reason": "not matched to a timm architecture yet (data/implementations.yaml has no entry for it)"}
    if entry.get("none"):
        return {"match": "none", "reason": entry["none"]}
    arch = entry["architecture"]
    resolutions = measured[arch]
    res = net.get("resolution")
    differs = []
    if res in resolutions:
        chosen = res
    else:
        chosen = min(resolutions, key=lambda r: (abs(r - res), r)) if isinstance(res, int) else min(resolutions)
        differs.append(f"timm measured {arch} at {_list(sorted(resolutions))} px only, not at {res} px where this network's "
                       f"figures hold: these speeds are at {chosen} px")
    timm_counts = sorted(resolutions[chosen])  # one per table that counts differently
    if not all(same_variant(c, net) for c in timm_counts):
        shown = ", ".join(f"{c:g} M" for c in param_counts(net))
        counted = " or ".join(f"{c:g} M" for c in timm_counts)
        what = "its tables count" if len(timm_counts) > 1 else "has"
        differs.append(f"timm's {arch} {what} {counted} parameters; this network's counts are {shown} "
                       f"(not every table's count within {PARAMS_TOLERANCE:.0%}): another variant or another count")
    link = {"match": "approximate" if differs else "exact", "implementation": arch, "resolution": chosen}
    if entry.get("note"):
        link["note"] = entry["note"]
    if differs:
        link["differs"] = "; ".join(differs) + "."
    return link


def _load_registry_parts(data_dir: Path, problems: list[Problem]) -> tuple[dict, dict, set, dict]:
    """devices (key -> entry), the hand-written matches, the imported timm ids, and the curated networks (id -> data)."""
    docs = {}
    for name in ("devices.yaml", "implementations.yaml"):
        path = data_dir / name
        if not path.is_file():
            problems.append(Problem(f"data/{name}", None, "", "missing: the importer needs it"))
            continue
        doc, found = read_yaml(path, f"data/{name}")
        problems += found
        docs[name] = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    curated = {}
    for path in sorted((data_dir / "networks").glob("*.yaml")):
        doc, found = read_yaml(path, f"data/networks/{path.name}")
        problems += found
        if doc is not None and isinstance(doc.data, dict):
            curated[path.stem] = doc.data
    imported = {p.stem for p in (data_dir / "imported" / LIBRARY).glob("*.yaml")}
    return docs.get("devices.yaml", {}), (docs.get("implementations.yaml") or {}).get(LIBRARY) or {}, imported, curated


def build_files(tables_dir: Path, version: str, data_dir: Path) -> tuple[dict[str, str], dict]:
    """The files of data/measurements/timm/ (name -> text) and what they hold (counts);
    raise MeasureImportError listing every problem."""
    tables_dir, data_dir = Path(tables_dir), Path(data_dir)
    problems: list[Problem] = []
    if not tables_dir.is_dir():
        raise MeasureImportError([Problem(str(tables_dir), None, "", "not a folder: give the folder holding timm's results tables")])
    devices, matches, imported, curated = _load_registry_parts(data_dir, problems)
    tokens = {d["file_token"]: key for key, d in devices.items() if isinstance(d, dict) and d.get("file_token")}
    benches = []
    for path in sorted(tables_dir.glob("benchmark-infer-*.csv")):
        bench, found = benchmark_file(path, tokens)
        problems += found
        table = _read(path, SOURCE_BENCH_COLUMNS, problems) if bench else None
        if bench and table:
            benches.append((bench, _duplicates(table, ("model", "infer_img_size"), problems)))
    if not benches and not problems:
        problems.append(Problem(str(tables_dir), None, "", "no benchmark table (benchmark-infer-*.csv) in this folder"))
    joined = _read(tables_dir / JOINED, SOURCE_JOINED_COLUMNS, problems) if (tables_dir / JOINED).is_file() else None
    if joined is None and not any(p.file == JOINED for p in problems):
        problems.append(Problem(str(tables_dir / JOINED), None, "", "missing: it says which architecture each imported weight is"))
    robustness = {}
    for dataset, name in ROBUSTNESS_FILES.items():
        if not (tables_dir / name).is_file():
            problems.append(Problem(str(tables_dir / name), None, "", f"missing: timm's evaluation on {dataset}"))
            continue
        table = _read(tables_dir / name, SOURCE_ROBUSTNESS_COLUMNS, problems)
        if table is not None:
            robustness[dataset] = _duplicates(table, ("model", "img_size"), problems)
            problems += [Problem(name, r.line, "top1", f"row {r.number}: top-1 {r['top1']} is not a percentage in (0, 100]")
                         for r in robustness[dataset].values() if not 0 < r["top1"] <= 100]
    for bench, rows in benches:
        for r in rows.values():
            for column in ("infer_samples_per_sec", "infer_step_time", "param_count"):
                if r[column] <= 0:
                    problems.append(Problem(bench.path.name, r.line, column, f"row {r.number}: {r[column]} must be positive"))
            if r["infer_batch_size"] < 1:
                problems.append(Problem(bench.path.name, r.line, "infer_batch_size", f"row {r.number}: batch size {r['infer_batch_size']} must be at least 1"))
    if problems:
        raise MeasureImportError(problems)

    measured: dict[str, dict[int, list[float]]] = {}  # every table's count: the CPU and GPU tables may differ
    for _, rows in benches:
        for (arch, res), r in rows.items():
            counts = measured.setdefault(arch, {}).setdefault(res, [])
            if r["param_count"] not in counts:
                counts.append(r["param_count"])
    links: dict[str, dict] = {}
    for row in joined.rows:
        nid = imported_id(LIBRARY, row["model"], row["img_size"])
        if nid in imported and row["arch"] in measured and row["img_size"] in measured[row["arch"]]:
            links[nid] = {"match": "exact", "implementation": row["arch"], "resolution": row["img_size"]}
    for nid, entry in sorted(matches.items()):
        if nid not in curated:
            problems.append(Problem("data/implementations.yaml", None, f"{LIBRARY}.{nid}", f"unknown curated network {nid!r}"))
        elif isinstance(entry, dict) and entry.get("architecture") and entry["architecture"] not in measured:
            problems.append(Problem("data/implementations.yaml", None, f"{LIBRARY}.{nid}.architecture",
                                    f"timm's benchmark tables have no architecture {entry['architecture']!r}"))
    if problems:
        raise MeasureImportError(problems)
    for nid, net in sorted(curated.items()):
        links[nid] = match_curated(nid, net, matches.get(nid), measured)
    wanted = {(link["implementation"], link["resolution"]) for link in links.values() if link["match"] != "none"}

    speed, speed_rows = {}, {}
    for bench, rows in benches:
        speed[bench.device], speed_rows[bench.device] = speed_table(bench, rows, wanted, version)
    robustness_tables, robustness_rows = {}, {}
    for dataset, rows in robustness.items():
        robustness_rows[dataset] = [{"network": imported_id(LIBRARY, model, res), "weights": model, "resolution": res, "top1": r["top1"],
                                     "row": r.number} for (model, res), r in sorted(rows.items()) if imported_id(LIBRARY, model, res) in imported]
        robustness_tables[dataset] = {"source": ROBUSTNESS_SOURCE, "file": f"results/{ROBUSTNESS_FILES[dataset]}", "version": version,
                                      "column": "top1", "evaluated": "timm's evaluation of its own weights"}
    header = {"library": LIBRARY, "version": version, "speed": speed, "robustness": robustness_tables}
    files = {"tables.yaml": HEADER.format(version=version) + yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=120)}
    for device, rows in speed_rows.items():
        files[f"speed-{device}.csv"] = to_csv(SPEED_COLUMNS, rows)
    for dataset, rows in robustness_rows.items():
        files[f"robustness-{dataset}.csv"] = to_csv(ROBUSTNESS_COLUMNS, rows)
    files["links.csv"] = to_csv(LINK_COLUMNS, [dict(link, network=nid) for nid, link in sorted(links.items())])
    counts = {"speed": sum(len(rows) for rows in speed_rows.values()), "robustness": sum(len(rows) for rows in robustness_rows.values()),
              "imported_linked": sum(1 for nid in links if nid not in curated)}
    for kind in ("exact", "approximate", "none"):
        counts[f"curated_{kind}"] = sum(1 for nid in curated if links[nid]["match"] == kind)
    return files, counts


def import_measurements(tables_dir: Path, version: str, data_dir: Path) -> dict:
    """Write data/measurements/timm/ from the tables (all or nothing); return what was written, counted."""
    files, counts = build_files(tables_dir, version, data_dir)
    write_output(Path(data_dir) / "measurements" / LIBRARY, lambda tmp: write_files(tmp, files))
    return counts
