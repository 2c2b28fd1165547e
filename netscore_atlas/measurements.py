"""Measured speed and robustness: devices, benchmark tables, links to networks; their rules and their records.

Kept apart from a network's own top-1, parameters and MACs (data/networks/, data/imported/):

- data/devices.yaml: every device, declared once (kind, name, what the tables say of it);
- data/implementations.yaml: hand-written, which library architecture implements each curated network;
- data/measurements/<library>/: written by `build.py import timm-measurements` (netscore_atlas/measure_import.py):
  tables.yaml (what each table measured and how: device, measure and unit, precision, layout, software, source
  table and version), speed-<device>.csv (one row per implementation and resolution), robustness-<dataset>.csv
  (the library's evaluation of its weights on another test set) and links.csv (which implementation each
  network's speed comes from, exact or approximate, or why there is none). The rows are CSV (a table, read in
  milliseconds: the build stays within 20 % of its time without measurements); their columns are declared below.

A speed record is a table row joined with its table's conditions and its device: value and unit, device,
batch size, precision, memory layout, software, resolution, implementation, source table and version.
Shape is checked by the JSON schemas of data/schema/ (devices, implementations, tables.yaml) and by the column
declarations below (the CSV rows, read by tables.read_table); the rules below check meaning (known device, the unit
of the measure, latency only at batch 1, ranges, duplicates, links to networks that exist).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .problems import ERROR, WARNING, Problem
from .tables import INTEGER, NUMBER, Column, Table
from .yamlfile import YamlDoc, field_name

DEVICES_FILE = "devices.yaml"
IMPLEMENTATIONS_FILE = "implementations.yaml"
MEASUREMENTS_DIR = "measurements"

# What each measure is, its unit, and the range a value in that unit can take on a real device.
# A latency below 0.01 ms per image or a throughput above ten million images/s is a unit mistake
# (seconds for ms, a batch's images/s for a per-image figure, ...).
UNITS = {"throughput": "images/s", "latency": "ms/image"}
RANGES = {"throughput": (0.0, 1e7), "latency": (0.01, 600_000.0)}
MEASURE_LABELS = {"throughput": "Throughput", "latency": "Latency"}
PRECISION_LABELS = {"fp32": "FP32", "amp": "AMP (automatic mixed precision)", "fp16": "FP16", "bf16": "BF16"}
LAYOUT_LABELS = {"nchw": "NCHW (channels first)", "nhwc": "NHWC (channels last)"}


@dataclass(frozen=True)
class Dataset:
    key: str
    label: str
    column: str
    description: str


DATASETS = {d.key: d for d in [
    Dataset("imagenetv2", "ImageNetV2", "imagenetv2_top1",
            "ImageNetV2 matched frequency: 10,000 new images sampled like ImageNet's validation set (Recht et al. 2019)."),
    Dataset("real", "ImageNet-ReaL", "real_top1",
            "The ImageNet-1k validation images with the re-assessed ('Real') labels of Beyer et al. 2020."),
    Dataset("sketch", "ImageNet-Sketch", "sketch_top1",
            "50,000 sketches of the 1,000 ImageNet classes (Wang et al. 2019)."),
    Dataset("imagenet_r", "ImageNet-R", "imagenet_r_top1",
            "Renditions (art, cartoons, ...) of 200 ImageNet classes (Hendrycks et al. 2021): top-1 over those 200 classes."),
    Dataset("imagenet_a", "ImageNet-A", "imagenet_a_top1",
            "Naturally occurring adversarial examples of 200 ImageNet classes (Hendrycks et al. 2021): top-1 over those 200 classes."),
]}


SPEED_COLUMNS = (Column("implementation"), Column("resolution", INTEGER), Column("value", NUMBER), Column("batch_size", INTEGER),
                 Column("row", INTEGER), Column("params_m", NUMBER), Column("macs_g", NUMBER, optional=True))
ROBUSTNESS_COLUMNS = (Column("network"), Column("weights"), Column("resolution", INTEGER), Column("top1", NUMBER), Column("row", INTEGER))
LINK_COLUMNS = (Column("network"), Column("match"), Column("implementation", optional=True), Column("resolution", INTEGER, optional=True),
                Column("note", optional=True), Column("differs", optional=True), Column("reason", optional=True))
CSV_COLUMNS = {"speed": SPEED_COLUMNS, "robustness": ROBUSTNESS_COLUMNS, "links": LINK_COLUMNS}
MATCHES = ("exact", "approximate", "none")
# A curated network and an implementation are the same variant when the implementation's parameter count agrees within
# this fraction with one of the network's own counts (primary or alternative): the registry's threshold for
# parameter disagreements (disagree.py), so a difference of counters is not taken for a difference of networks.
PARAMS_TOLERANCE = 0.05
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class LibraryTables:
    """data/measurements/<library>/ as read: tables.yaml and the CSV tables it describes."""
    library: str
    header: YamlDoc | None = None
    speed: dict = field(default_factory=dict)  # device -> tables.Table (speed-<device>.csv)
    robustness: dict = field(default_factory=dict)  # dataset -> tables.Table (robustness-<dataset>.csv)
    links: Table | None = None
    folder: str = ""


@dataclass
class MeasurementDocs:
    """The measurement files as read (load stage)."""
    devices: YamlDoc | None = None
    implementations: YamlDoc | None = None
    libraries: list = field(default_factory=list)  # [LibraryTables]
    digests: dict = field(default_factory=dict)  # file of data/measurements/ -> SHA-256 of its bytes


def csv_kind(name: str) -> tuple[str, str]:
    """('speed', 'rtx4090') for speed-rtx4090.csv, ('links', '') for links.csv, ('', '') for anything else."""
    stem = name[:-4] if name.endswith(".csv") else ""
    if stem == "links":
        return "links", ""
    for kind in ("speed", "robustness"):
        if stem.startswith(kind + "-") and len(stem) > len(kind) + 1:
            return kind, stem[len(kind) + 1:]
    return "", ""


@dataclass
class Measurements:
    """The validated measurements, joined into records per network (derive stage input)."""
    devices: dict = field(default_factory=dict)  # device key -> declaration
    speed: dict = field(default_factory=dict)  # network id -> [speed record], exact and approximate, by device
    links: dict = field(default_factory=dict)  # network id -> link (match, implementation, resolution, ...)
    robustness: dict = field(default_factory=dict)  # network id -> {dataset: record}
    tables: list = field(default_factory=list)  # the speed tables' conditions, by device
    evaluations: list = field(default_factory=list)  # the robustness tables' headers, by dataset
    implementations: dict = field(default_factory=dict)  # (library, implementation, resolution) -> {device: record}
    matches: dict = field(default_factory=dict)  # curated id -> the hand-written entry of data/implementations.yaml
    digests: dict = field(default_factory=dict)  # file of data/measurements/ -> SHA-256 of its bytes

    def exact_speed(self, nid: str) -> dict:
        """device -> value, from exact matches only: what charts, budgets and ranks use."""
        return {r["device"]: r["value"] for r in self.speed.get(nid, []) if r["match"] == "exact"}

    def content(self) -> dict:
        """What the registry's content hash covers: the devices, the matches, and every measurement file by the hash of
        its bytes (as read and validated; hashing the records themselves would cost more than reading them)."""
        return {"devices": self.devices, "matches": self.matches, "files": self.digests}


def param_counts(net: dict) -> list[float]:
    """A network's parameter counts: the primary value and every alternative."""
    q = net.get("params_m") if isinstance(net.get("params_m"), dict) else {}
    values = [q.get("value")] + [a.get("value") for a in q.get("alternatives") or [] if isinstance(a, dict)]
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0]


def same_variant(params_m: float, net: dict) -> bool:
    """Whether an implementation of params_m million parameters is this network's variant (see PARAMS_TOLERANCE);
    true when the network has no parameter count to compare with."""
    counts = param_counts(net)
    return not counts or any(abs(params_m - c) <= PARAMS_TOLERANCE * c for c in counts)


def table_conditions(table: dict) -> str:
    """'batch 1, FP32, NCHW, PyTorch 2.4.0, torch.compile (dynamo)': a speed table's conditions in one line."""
    sw = table["software"]
    batch = "batch 1" if table["measure"] == "latency" else f"the largest batch that fit ({table['usual_batch']} for most rows)"
    parts = [batch, table["precision"].upper(), table["layout"].upper(), f"PyTorch {sw['pytorch']}"]
    parts += [f"CUDA {sw['cuda']}"] if sw.get("cuda") else []
    parts += [sw["compiler"]] if sw.get("compiler") else []
    return ", ".join(parts)


def device_view(key: str, m: "Measurements") -> dict:
    """A device as the explorer and the command line name it: its names, what its table measured and how."""
    dev, table = m.devices[key], next(t for t in m.tables if t["device"] == key)
    return {"key": key, "label": dev["label"], "name": dev["name"], "kind": dev["kind"], "measure": table["measure"],
            "unit": table["unit"], "conditions": table_conditions(table),
            "source": f"{table['library']}'s inference benchmark at {table['version']}"}


def per_image_ms(record: dict) -> float:
    """Milliseconds per image: a latency as it is, a throughput as 1000 / (images/s) (amortised over its batch)."""
    return record["value"] if record["measure"] == "latency" else 1000.0 / record["value"]


def conditions(record: dict, devices: dict) -> str:
    """One line naming a measurement's device and conditions, e.g. 'RTX 4090, batch 1024, AMP, NCHW, PyTorch 2.9.1, CUDA 12.8'."""
    sw = record["software"]
    parts = [devices[record["device"]]["label"], f"batch {record['batch_size']}", record["precision"].upper(), record["layout"].upper(),
             f"PyTorch {sw['pytorch']}"]
    if sw.get("cuda"):
        parts.append(f"CUDA {sw['cuda']}")
    if sw.get("compiler"):
        parts.append(sw["compiler"])
    parts.append(f"{record['resolution']} px")
    return ", ".join(parts)


# --- validation -----------------------------------------------------------------------------------

def _at(doc: YamlDoc, path: tuple, message: str, level: str = ERROR) -> Problem:
    return Problem(doc.file, doc.line(path), field_name(path), message, level)


def _cell(table: Table, row, column: str, message: str, level: str = ERROR) -> Problem:
    return Problem(table.shown_as, row.line, column, f"row {row.number}: {message}", level)


def device_rules(doc: YamlDoc, sources: dict) -> list[Problem]:
    out = []
    if not isinstance(doc.data, dict):
        return out
    tokens: dict[str, str] = {}
    for key, dev in doc.data.items():
        if not isinstance(dev, dict):
            continue
        if "source" in dev and dev["source"] not in sources:
            out.append(_at(doc, (key, "source"), f"unknown source {dev['source']!r}: add it to data/sources.yaml"))
        token = dev.get("file_token")
        if isinstance(token, str):
            if token in tokens:
                out.append(_at(doc, (key, "file_token"), f"file_token {token!r} is also {tokens[token]}'s: the importer could not tell them apart"))
            tokens.setdefault(token, key)
    return out


def header_rules(lib: LibraryTables, devices: dict, sources: dict) -> list[Problem]:
    """tables.yaml: known devices and sources, the unit of each measure, one CSV per entry and one entry per CSV."""
    out: list[Problem] = []
    doc = lib.header
    if doc is None:
        if lib.speed or lib.robustness or lib.links is not None:
            out.append(Problem(f"{lib.folder}/tables.yaml", None, "", "missing: it says what the tables of this folder measured and how"))
        return out
    data = doc.data if isinstance(doc.data, dict) else {}
    if data.get("library") != lib.library:
        out.append(_at(doc, ("library",), f"library {data.get('library')!r} must equal the folder name {lib.library!r}"))
    for device, table in (data.get("speed") or {}).items():
        if device not in devices:
            out.append(_at(doc, ("speed", device), f"unknown device {device!r}: declare it once in data/devices.yaml"))
        if table.get("source") not in sources:
            out.append(_at(doc, ("speed", device, "source"), f"unknown source {table.get('source')!r}: add it to data/sources.yaml"))
        measure = table.get("measure")
        if measure in UNITS and table.get("unit") != UNITS[measure]:
            out.append(_at(doc, ("speed", device, "unit"), f"a {measure} is in {UNITS[measure]}, not {table.get('unit')}"))
        if device not in lib.speed:
            out.append(_at(doc, ("speed", device), f"no rows: {lib.folder}/speed-{device}.csv is missing"))
    for dataset, table in (data.get("robustness") or {}).items():
        if table.get("source") not in sources:
            out.append(_at(doc, ("robustness", dataset, "source"), f"unknown source {table.get('source')!r}: add it to data/sources.yaml"))
        if dataset not in lib.robustness:
            out.append(_at(doc, ("robustness", dataset), f"no rows: {lib.folder}/robustness-{dataset}.csv is missing"))
    for kind, described in (("speed", data.get("speed") or {}), ("robustness", data.get("robustness") or {})):
        for key, table in getattr(lib, kind).items():
            if key not in described:
                out.append(Problem(table.shown_as, None, "", f"{kind}-{key}.csv is not described in tables.yaml (what it measured, how)"))
    return out


def speed_rules(table: Table, measure: str | None) -> list[Problem]:
    """One speed table's rows: names, resolution, batch size, latency at batch 1, the value's range, duplicates."""
    out: list[Problem] = []
    low, high = RANGES.get(measure, (0.0, float("inf")))
    unit = UNITS.get(measure, "")
    seen: dict[tuple, int] = {}
    for row in table.rows:
        if not NAME_RE.match(row["implementation"]):
            out.append(_cell(table, row, "implementation", f"{row['implementation']!r} is not an architecture name"))
        if not 16 <= row["resolution"] <= 2048:
            out.append(_cell(table, row, "resolution", f"{row['resolution']} px is not an input resolution (16 to 2048)"))
        if row["batch_size"] < 1:
            out.append(_cell(table, row, "batch_size", f"batch size {row['batch_size']} must be at least 1"))
        elif measure == "latency" and row["batch_size"] != 1:
            out.append(_cell(table, row, "batch_size", f"a latency per image is measured at batch 1 (got batch {row['batch_size']}): "
                                                      "at a larger batch it is a time per batch; record a throughput instead"))
        if not low < row["value"] <= high:
            out.append(_cell(table, row, "value", f"{row['value']:g} {unit} is outside what a device measures ({low:g} to {high:,.0f} {unit}): check the unit"))
        if row["macs_g"] is not None and row["macs_g"] <= 0:
            out.append(_cell(table, row, "macs_g", f"{row['macs_g']:g} G-MACs must be positive"))
        if row["row"] < 1:
            out.append(_cell(table, row, "row", "the source table's row must be 1 or more"))
        if row["params_m"] <= 0:
            out.append(_cell(table, row, "params_m", f"{row['params_m']:g} M parameters must be positive"))
        key = (row["implementation"], row["resolution"])
        if key in seen:
            out.append(_cell(table, row, "implementation", f"{key[0]} at {key[1]} px is measured twice in this table (also row {seen[key]})"))
        seen.setdefault(key, row.number)
    return out


def robustness_rules(table: Table, networks: dict) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        nid, net = row["network"], networks.get(row["network"])
        if net is None:
            out.append(_cell(table, row, "network", f"unknown network {nid!r}: no such file in data/networks/ or data/imported/"))
        elif net.get("resolution") != row["resolution"]:
            out.append(_cell(table, row, "resolution", f"evaluated at {row['resolution']} px, but {nid} holds at {net.get('resolution')} px"))
        if not 0 < row["top1"] <= 100:
            out.append(_cell(table, row, "top1", f"top-1 {row['top1']:g} is a percentage: must be in (0, 100]"))
        if nid in seen:
            out.append(_cell(table, row, "network", f"{nid} is evaluated twice in this table (also row {seen[nid]})"))
        seen.setdefault(nid, row.number)
    return out


def links_rules(lib: LibraryTables, networks: dict, matches: dict) -> list[Problem]:
    """Links point at networks that exist and at implementations that were measured; an exact match is at the network's
    resolution; imported weights are exact; a curated network's link agrees with data/implementations.yaml (else the
    import is stale)."""
    table, out = lib.links, []
    measured: dict[tuple, list[float]] = {}  # every table's parameter count of an implementation (CPU and GPU may differ)
    for t in lib.speed.values():
        for r in t.rows:
            measured.setdefault((r["implementation"], r["resolution"]), []).append(r["params_m"])
    wanted = matches.get(lib.library) if isinstance(matches.get(lib.library), dict) else {}
    seen: dict[str, int] = {}
    for row in table.rows:
        nid, match, impl, res = row["network"], row["match"], row["implementation"], row["resolution"]
        net = networks.get(nid)
        if nid in seen:
            out.append(_cell(table, row, "network", f"{nid} is linked twice (also row {seen[nid]})"))
        seen.setdefault(nid, row.number)
        if net is None:
            out.append(_cell(table, row, "network", f"unknown network {nid!r}: no such file in data/networks/ or data/imported/"))
            continue
        if match not in MATCHES:
            out.append(_cell(table, row, "match", f"{match!r} is not one of {', '.join(MATCHES)}"))
            continue
        if match == "none":
            if not row["reason"]:
                out.append(_cell(table, row, "reason", "a network without an implementation says why (reason)"))
        else:
            if impl is None or res is None:
                out.append(_cell(table, row, "implementation", f"an {match} match names the implementation and its resolution"))
                continue
            if (impl, res) not in measured:
                out.append(_cell(table, row, "implementation", f"{impl} at {res} px is in no speed table of {lib.library}"))
            if match == "approximate" and not row["differs"]:
                out.append(_cell(table, row, "differs", "an approximate match says how the implementation differs (another resolution, another variant)"))
            if match == "exact" and net.get("resolution") != res:
                out.append(_cell(table, row, "match", f"an exact match is at the network's resolution ({net.get('resolution')} px), "
                                                      f"not {res} px: mark it approximate and say so"))
            elif match == "exact" and (impl, res) in measured and not net.get("imported") and not all(
                    same_variant(c, net) for c in measured[(impl, res)]):
                counts = ", ".join(f"{c:g} M" for c in param_counts(net))
                timm = " or ".join(f"{c:g} M" for c in sorted(set(measured[(impl, res)])))
                out.append(_cell(table, row, "match", f"{impl} has {timm} parameters in the speed tables, {nid} {counts} (not every "
                                                      f"table's count within {PARAMS_TOLERANCE:.0%}): another variant, not an exact match"))
        if net.get("imported"):
            if match != "exact":
                out.append(_cell(table, row, "match", "imported weights are measured as the architecture they are weights of: the match is exact"))
            continue
        entry = wanted.get(nid)
        linked = impl if match != "none" else None
        if isinstance(entry, dict) and entry.get("architecture") != linked:
            out.append(_cell(table, row, "implementation", f"stale: data/implementations.yaml says {entry.get('architecture') or 'none'}, "
                                                           f"this file {linked or 'none'}: re-run `build.py import timm-measurements`"))
    return out


def implementations_rules(doc: YamlDoc, networks: dict, linked: dict) -> list[Problem]:
    """The hand-written matches name curated networks; each curated network is matched or said to have no implementation."""
    out: list[Problem] = []
    if not isinstance(doc.data, dict):
        return out
    for library, entries in doc.data.items():
        if not isinstance(entries, dict):
            continue
        for nid in entries:
            net = networks.get(nid)
            if net is None:
                out.append(_at(doc, (library, nid), f"unknown network {nid!r}: no such file in data/networks/"))
            elif net.get("imported"):
                out.append(_at(doc, (library, nid), "imported weights are linked by the importer; this file is for curated networks"))
            elif library in linked and nid not in linked[library]:
                out.append(_at(doc, (library, nid), f"{nid} is not in data/measurements/{library}/links.csv yet: "
                                                    "re-run `build.py import timm-measurements`", WARNING))
        for nid, net in sorted(networks.items()):
            if not net.get("imported") and nid not in entries:
                out.append(_at(doc, (library,), f"curated network {nid} is not matched to a {library} architecture yet: add it "
                                                "(or `none:` with the reason) and re-run `build.py import timm-measurements`", WARNING))
    return out


def validate_measurements(docs: MeasurementDocs, networks: dict, sources: dict) -> list[Problem]:
    """Rules beyond the schemas; `networks` is id -> network data (curated and imported)."""
    out: list[Problem] = []
    devices = docs.devices.data if docs.devices is not None and isinstance(docs.devices.data, dict) else {}
    if docs.devices is not None:
        out += device_rules(docs.devices, sources)
    elif any(lib.speed for lib in docs.libraries):
        out.append(Problem("data/devices.yaml", None, "", "the measurements name devices, but data/devices.yaml is missing"))
    matches = docs.implementations.data if docs.implementations is not None and isinstance(docs.implementations.data, dict) else {}
    linked: dict[str, set] = {}
    for lib in docs.libraries:
        out += header_rules(lib, devices, sources)
        described = lib.header.data if lib.header is not None and isinstance(lib.header.data, dict) else {}
        for device, table in sorted(lib.speed.items()):
            out += speed_rules(table, ((described.get("speed") or {}).get(device) or {}).get("measure"))
        for table in lib.robustness.values():
            out += robustness_rules(table, networks)
        if lib.links is not None:
            out += links_rules(lib, networks, matches)
            linked[lib.library] = {r["network"] for r in lib.links.rows}
    if docs.implementations is not None:
        out += implementations_rules(docs.implementations, networks, linked)
    return out


# --- records --------------------------------------------------------------------------------------

def collect(docs: MeasurementDocs) -> Measurements:
    """Join valid measurement files into records per network (run only after validation passed)."""
    m = Measurements(digests=dict(docs.digests))
    m.devices = dict(docs.devices.data) if docs.devices is not None and isinstance(docs.devices.data, dict) else {}
    m.matches = dict((docs.implementations.data or {}).get("timm") or {}) if docs.implementations is not None else {}
    order = {d: i for i, d in enumerate(m.devices)}
    by_impl: dict[tuple, dict] = defaultdict(dict)
    for lib in sorted(docs.libraries, key=lambda lib: lib.library):
        header = lib.header.data
        for device, table in sorted(lib.speed.items(), key=lambda kv: order.get(kv[0], len(order))):
            cond = header["speed"][device]
            software = {k: cond["software"].get(k) for k in ("pytorch", "cuda", "compiler")}  # every key, None when absent
            batches = sorted(r["batch_size"] for r in table.rows)
            usual = max(set(batches), key=lambda b: (batches.count(b), b)) if batches else None  # the most frequent
            m.tables.append(dict(cond, software=software, device=device, library=lib.library, rows=len(table.rows), usual_batch=usual,
                                 smallest_batch=batches[0] if batches else None,
                                 smaller_rows=sum(1 for b in batches if usual is not None and b < usual)))
            for row in table.rows:
                by_impl[(lib.library, row["implementation"], row["resolution"])][device] = {
                    "device": device, "measure": cond["measure"], "value": row["value"], "unit": cond["unit"],
                    "batch_size": row["batch_size"], "precision": cond["precision"], "layout": cond["layout"],
                    "software": software, "resolution": row["resolution"], "implementation": row["implementation"],
                    "library": lib.library, "source": cond["source"], "file": cond["file"], "version": cond["version"],
                    "row": row["row"], "params_m": row["params_m"], "macs_g": row["macs_g"]}
        for dataset in DATASETS:
            if dataset not in lib.robustness:
                continue
            cond = header["robustness"][dataset]
            m.evaluations.append(dict(cond, dataset=dataset, library=lib.library, rows=len(lib.robustness[dataset].rows)))
            for row in lib.robustness[dataset].rows:
                m.robustness.setdefault(row["network"], {})[dataset] = {
                    "dataset": dataset, "top1": row["top1"], "weights": row["weights"], "resolution": row["resolution"],
                    "library": lib.library, "source": cond["source"], "file": cond["file"], "version": cond["version"], "row": row["row"],
                    "evaluated": cond["evaluated"]}
        for row in (lib.links.rows if lib.links is not None else []):
            link = {c.name: row[c.name] for c in LINK_COLUMNS if c.name != "network"}  # every field, None when empty
            m.links[row["network"]] = dict(link, library=lib.library)
            if row["match"] == "none":
                continue
            found = by_impl.get((lib.library, row["implementation"], row["resolution"]), {})
            m.speed[row["network"]] = [dict(rec, network=row["network"], match=row["match"], differs=row["differs"], note=row["note"])
                                       for _, rec in sorted(found.items(), key=lambda kv: order.get(kv[0], len(order)))]
    m.implementations = dict(by_impl)
    return m


# --- the methodology page -----------------------------------------------------------------------

def methodology_view(m: Measurements, names: dict) -> dict:
    """What the methodology page says about the measurements, computed from them: each table's conditions, how many of
    its rows are below its usual batch size, the matches, and one network measured both ways as a worked example.
    `names` maps network ids to display names."""
    tables = []
    for t in m.tables:
        dev = m.devices[t["device"]]
        tables.append(dict(t, device_name=dev["name"], device_kind=dev["kind"], described_as=dev["described_as"],
                           smaller=t["smaller_rows"], smallest=t["smallest_batch"]))
    curated = {nid: link for nid, link in m.links.items() if nid in names}
    counts = {kind: sum(1 for link in curated.values() if link["match"] == kind) for kind in MATCHES}
    return {"tables": tables, "evaluations": m.evaluations, "counts": counts, "example": _example(m, names)}


def _example(m: Measurements, names: dict) -> dict | None:
    """A network with exact measurements as a latency and as a throughput: ResNet-50 if it has them, else the first."""
    candidates = ["resnet_50"] + sorted(m.speed)
    for nid in candidates:
        records = [r for r in m.speed.get(nid, []) if r["match"] == "exact"]
        latency = next((r for r in records if r["measure"] == "latency"), None)
        throughput = next((r for r in records if r["measure"] == "throughput"), None)
        if latency and throughput and nid in names:
            return {"id": nid, "name": names[nid], "latency": latency, "throughput": throughput,
                    "latency_device": m.devices[latency["device"]]["name"], "throughput_device": m.devices[throughput["device"]]["name"],
                    "amortised_ms": 1000.0 / throughput["value"],
                    "batch_ms": 1000.0 * throughput["batch_size"] / throughput["value"]}
    return None
