"""Data downloads: the full table as CSV and JSON, and its data dictionary."""

from __future__ import annotations

import csv
import io
import json
import re

from .derive import COLUMNS

# What a spreadsheet may read as the start of a formula: =, +, - or @, also after leading spaces, tabs, carriage
# returns or line breaks (which spreadsheets skip), and a leading tab or carriage return itself (OWASP's list).
FORMULA_START = re.compile(r"[\t\r\n ]*[=+\-@]|[\t\r]")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value  # text, never a formula in a spreadsheet
    return str(value)


def table_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(row.get(c.name)) for c in COLUMNS])
    return out.getvalue()


def dictionary_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column", "unit", "kind", "description"])
    for c in COLUMNS:
        writer.writerow([c.name, c.unit, c.kind, c.description])
    return out.getvalue()


def table_json(rows: list[dict], networks: list[dict], meta: dict, measurements=None) -> str:
    """Rows with computed values, plus each network's full provenance (alternatives, quotes, gaps) and, where it has
    them, its measured speeds and robustness evaluations with theirs."""
    by_id = {n["id"]: n for n in networks}
    doc = {
        "registry": meta,
        "columns": [{"name": c.name, "unit": c.unit, "kind": c.kind, "description": c.description} for c in COLUMNS],
        "networks": [{"computed": {c.name: row.get(c.name) for c in COLUMNS if c.kind == "computed"},
                      "record": by_id[row["id"]]} | _measured(row["id"], measurements) for row in rows],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"  # strict JSON: no NaN


# One row per measured speed (curated and imported networks; exact and approximate matches): data/measurements.csv.
MEASUREMENT_COLUMNS = (
    ("network", "", "Id of the network (networks.csv)."),
    ("match", "", "exact: the implementation is this network at its resolution; approximate: it differs as `differs` says "
                  "(left out of charts and budgets)."),
    ("device", "", "Device key (data/devices.yaml)."),
    ("device_name", "", "The device as its maker names it."),
    ("device_kind", "", "cpu or gpu."),
    ("measure", "", "latency (per image, at batch 1) or throughput (images per second at batch_size)."),
    ("value", "", "The measured value, in `unit`."),
    ("unit", "", "ms/image for a latency, images/s for a throughput."),
    ("ms_per_image", "ms", "Time per image: the latency, or 1000 / throughput (amortised over the batch)."),
    ("batch_size", "images", "Images per batch in the run."),
    ("precision", "", "fp32, or amp (automatic mixed precision)."),
    ("layout", "", "Memory layout: nchw (channels first) or nhwc (channels last)."),
    ("pytorch", "", "PyTorch version."),
    ("cuda", "", "CUDA version (GPU runs)."),
    ("compiler", "", "How the model was compiled, if it was."),
    ("resolution", "px", "Input resolution of the run."),
    ("library", "", "The library whose implementation was measured."),
    ("implementation", "", "The implementation measured (the library's architecture name)."),
    ("differs", "", "For an approximate match: how the implementation differs from the network."),
    ("implementation_params_m", "M", "Parameters of the implementation, as the benchmark table counts them."),
    ("implementation_macs_g", "G", "MACs of the implementation at this resolution, as the benchmark table counts them."),
    ("source", "", "Bibliography key of the benchmark tables."),
    ("table", "", "The source table's path in its repository."),
    ("table_version", "", "Commit of the source table."),
    ("table_row", "", "Row of the source table (1 = first after the header)."),
)


def measurement_rows(measurements) -> list[dict]:
    from .measurements import per_image_ms

    out = []
    for nid, records in sorted(measurements.speed.items()):
        for r in records:
            dev = measurements.devices[r["device"]]
            out.append({"network": nid, "match": r["match"], "device": r["device"], "device_name": dev["name"], "device_kind": dev["kind"],
                        "measure": r["measure"], "value": r["value"], "unit": r["unit"], "ms_per_image": round(per_image_ms(r), 6),
                        "batch_size": r["batch_size"], "precision": r["precision"], "layout": r["layout"],
                        "pytorch": r["software"]["pytorch"], "cuda": r["software"].get("cuda"), "compiler": r["software"].get("compiler"),
                        "resolution": r["resolution"], "library": r["library"], "implementation": r["implementation"],
                        "differs": r.get("differs"), "implementation_params_m": r["params_m"], "implementation_macs_g": r["macs_g"], "source": r["source"], "table": r["file"],
                        "table_version": r["version"], "table_row": r["row"]})
    return out


def measurements_csv(measurements, cited: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in MEASUREMENT_COLUMNS] + ["registry_version"])
    for row in measurement_rows(measurements):
        writer.writerow([csv_cell(row[name]) for name, _, _ in MEASUREMENT_COLUMNS] + [cited])
    return out.getvalue()


def measurements_dictionary_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column", "unit", "description"])
    for name, unit, description in MEASUREMENT_COLUMNS:
        writer.writerow([name, unit, description])
    return out.getvalue()


def _measured(nid: str, measurements) -> dict:
    if measurements is None:
        return {}
    out = {}
    if nid in measurements.links:
        out["speed_link"] = measurements.links[nid]
    speed = measurements.exact_speed(nid)
    if speed:
        out["speed"] = speed  # device -> value; every record with its conditions is in measurements.csv
    if nid in measurements.robustness:  # top-1 and the source table's row; the tables are in robustness_evaluated_by
        out["robustness"] = {k: {"top1": e["top1"], "resolution": e["resolution"], "row": e["row"]} for k, e in measurements.robustness[nid].items()}
    return out
