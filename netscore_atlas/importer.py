"""Import a library's published results table as registry entries, kept apart from the curated set.

`python build.py import timm --table <csv> --version <commit>` writes one file per weight into
data/imported/timm/, each marked `imported:` with the table, its version and what counted the
MACs. The curated registry (data/networks/) is never touched. The output is deterministic:
the same table gives the same files, and entries no longer in the table are removed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .pipeline import write_files, write_output


@dataclass(frozen=True)
class Collection:
    name: str
    source: str  # bibliography key
    table: str  # what the table is, for `imported.table`
    macs_counted_by: str
    columns: dict  # registry field -> table column


COLLECTIONS = {
    "timm": Collection(
        name="timm", source="timm",
        table="results/results-imagenet.csv joined with results/benchmark-infer-amp-nchw-pt291-cu130-pro6000maxq.csv on (architecture, image size)",
        macs_counted_by="timm's inference benchmark (infer_gmacs: multiply-accumulates at img_size)",
        columns={"model": "model", "arch": "arch", "tag": "pretrained_tag", "resolution": "img_size", "top1": "top1",
                 "top5": "top5", "params_m": "param_count_M", "macs_g": "gmacs", "extra": "tag_suggests_extra_data_or_distill"},
    ),
}


class ImportError_(ValueError):
    pass


def training_data(tag: str, flagged: bool) -> str:
    """What the weight's tag says about its training data (a rough reading of the tag, as the table's flag is)."""
    tag = tag.lower()
    if not flagged:
        return "imagenet-1k"
    for needle, value in (("laion", "laion"), ("jft", "jft"), ("in22k", "imagenet-21k"), ("in21k", "imagenet-21k"),
                          ("in12k", "imagenet-21k"), ("dist", "distillation")):
        if needle in tag:
            return value
    return "other"


def family_of(arch: str) -> str:
    """timm's architecture name without sizes and variants: 'resnet50d' -> 'resnet', 'efficientnet_b0' -> 'efficientnet'."""
    head = re.split(r"[_.]", arch)[0]
    return re.sub(r"\d+[a-z]?$", "", head) or head


def entry(row: dict, spec: Collection, version: str) -> dict:
    c = spec.columns
    number = lambda key: float(str(row[c[key]]).replace(",", ""))  # noqa: E731 - the table may use thousands separators
    res = int(row[c["resolution"]])
    model = row[c["model"]]
    # the same weights are evaluated at several resolutions: the resolution is part of the id
    nid = f"{spec.name}__" + re.sub(r"[^a-z0-9]+", "_", model.lower()).strip("_") + f"_{res}"
    where = lambda what: f"{spec.name} table, row {model}: {what}"  # noqa: E731
    out = {
        "id": nid,
        "name": f"{model} ({spec.name}, {res} px)",
        "family": f"{spec.name}: {family_of(row[c['arch']])}",
        "paper": spec.source,
        "resolution": res,
        "training_data": training_data(row[c["tag"]], str(row[c["extra"]]).strip().lower() == "true"),
        "imported": {"collection": spec.name, "table": spec.table, "table_version": version,
                     "macs_counted_by": spec.macs_counted_by, "row": f"{model} at {res} px"},
        "top1": {"value": number("top1"), "source": spec.source, "locator": where("top1")},
    }
    if str(row.get(c["top5"], "")).strip():
        out["top5"] = {"value": number("top5"), "source": spec.source, "locator": where("top5")}
    out["params_m"] = {"value": number("params_m"), "source": spec.source, "locator": where("param_count")}
    out["macs_g"] = {"value": number("macs_g"), "source": spec.source, "locator": where("gmacs"), "counted_by": spec.macs_counted_by}
    return out


def import_table(collection: str, table: Path, version: str, data_dir: Path) -> int:
    """Write data/imported/<collection>/ from the table; return the number of entries."""
    if collection not in COLLECTIONS:
        raise ImportError_(f"unknown collection {collection!r}; known: {', '.join(sorted(COLLECTIONS))}")
    spec = COLLECTIONS[collection]
    with open(table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    missing = [col for col in spec.columns.values() if rows and col not in rows[0]]
    if missing:
        raise ImportError_(f"{table}: the table has no column {', '.join(missing)}")
    files = {}
    for row in rows:
        e = entry(row, spec, version)
        if e["id"] + ".yaml" in files:
            raise ImportError_(f"{table}: two rows give the id {e['id']}")
        header = (f"# Imported by `build.py import {collection}` from {spec.name}'s table at {version}: do not edit by hand;\n"
                  f"# re-run the import instead. Curated networks live in data/networks/.\n")
        files[e["id"] + ".yaml"] = header + yaml.safe_dump(e, sort_keys=False, allow_unicode=True, width=120)
    write_output(Path(data_dir) / "imported" / collection, lambda tmp: write_files(tmp, files))
    return len(files)
