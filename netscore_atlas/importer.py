"""Import a library's published results table as registry entries, kept apart from the curated set.

    python build.py import timm --table <joined results table> --metadata <model_metadata-in1k.csv> --version <commit>

writes one file per weight and resolution into data/imported/timm/, each marked `imported:` with the
table, its version, what counted the MACs and how its training data was read. The curated registry
(data/networks/) is never touched.

Safety: the tables are read whole and checked first (netscore_atlas/tables.py: encoding, header, row
lengths, numbers), then every row (names, ranges, ids); any problem stops the import with the row's line
and nothing is written. The collection's folder is replaced in one step (pipeline.write_output), so it
holds either the old entries or all the new ones. An import removes entries that are not in the new
table only with --replace (the table replaces the collection) and says how many. Library test models
(timm's `test_*`) are skipped. The output is deterministic: the same tables give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .pipeline import write_files, write_output
from .problems import Problem
from .tables import INTEGER, NUMBER, Column, Row, TableError, read_table

VERSION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")  # a commit, tag or version: no spaces, no control characters
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")  # a library's model, architecture or tag name


@dataclass(frozen=True)
class Collection:
    name: str
    source: str  # bibliography key
    table: str  # what the table is, for `imported.table`
    macs_counted_by: str
    columns: tuple[Column, ...]  # the table's columns the importer reads
    metadata_columns: tuple[Column, ...]  # the training-data metadata table's columns


COLLECTIONS = {
    "timm": Collection(
        name="timm", source="timm",
        table="results/results-imagenet.csv joined with results/benchmark-infer-amp-nchw-pt291-cu130-pro6000maxq.csv on (architecture, image size)",
        macs_counted_by="timm's inference benchmark (infer_gmacs: multiply-accumulates at img_size)",
        columns=(Column("model"), Column("arch"), Column("pretrained_tag"), Column("img_size", INTEGER), Column("top1", NUMBER),
                 Column("top5", NUMBER, optional=True), Column("param_count_M", NUMBER), Column("gmacs", NUMBER)),
        metadata_columns=(Column("model"), Column("pretrain")),
    ),
}


class ImportError_(ValueError):
    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        super().__init__(message)

    def report(self) -> str:
        return "\n".join([str(p) for p in self.problems] + [f"error: {self}"])


# --- What a timm weight was trained on ---------------------------------------------------------------
# timm names the data a weight saw in its tag, pre-training first ('laion2b_ft_in12k_in1k', 'fb_swsl_ig1b_ft_in1k');
# timm's model_metadata-in1k.csv says it per architecture (for the weights of an older timm). A few recipes
# need their own repository to say what they used; those readings cite it.
EXTRA_DATA_TOKENS = {  # tag token -> (training_data, what it means)
    "in22k": ("imagenet-21k", "ImageNet-22k"), "in21k": ("imagenet-21k", "ImageNet-21k"),
    "in12k": ("imagenet-21k", "ImageNet-12k (a subset of ImageNet-22k)"),
    "laion2b": ("laion", "LAION-2B"), "laiona": ("laion", "LAION (aesthetic subset)"),
    "jft": ("jft", "JFT-300M (Noisy Student)"),
    "swag": ("instagram", "SWAG: Instagram hashtags"), "seer": ("instagram", "SEER: Instagram images, self-supervised"),
    "ig1b": ("instagram", "Instagram IG-1B"),
    "openai": ("other", "OpenAI's CLIP data"), "webli": ("other", "WebLI"), "yfcc100m": ("other", "YFCC100M"),
    "m38m": ("other", "Merged-38M"), "m30m": ("other", "Merged-30M"),
    "clip": ("other", "CLIP image-text pre-training"),  # weakest: used only when no other token names the data
}
SSLD = ("imagenet-21k", "PaddleClas SSLD: distillation on ImageNet-1k plus about 4 million images mined from ImageNet-22k "
        "(PaddlePaddle/PaddleClas docs/zh_CN/training/advanced/ssld.md and models/ImageNet1k/PP-HGNetV2.md at d178931f)")
SSLD_6M = ("other", "Next-ViT's 'ImageNet-1K-6M' large-scale set, built following SSLD (bytedance/Next-ViT README.md at 922e771a)")
DISTILLATION_TOKENS = {"dist": "distilled", "distilled": "distilled",
                       "usi": "USI, a knowledge-distillation scheme (Alibaba-MIIL/Solving_ImageNet README; mmaaz60/EdgeNeXt README)"}
METADATA_EXTRA = {"in21k": "imagenet-21k", "in21k-selfsl": "imagenet-21k", "jft300m-ns": "jft", "ig1b-wsl": "instagram",
                  "ig1b-swsl": "instagram", "yfc-semisl": "other"}


def timm_training_data(arch: str, tag: str, pretrain: str | None) -> tuple[str, str]:
    """(training_data, how it was read) for one timm weight, from its tag and the architecture's metadata row."""
    tokens = tag.split("_")
    said = f"tag '{tag}'"
    meta = f"; model_metadata-in1k.csv: '{pretrain}'" if pretrain else "; not in model_metadata-in1k.csv"
    if "ssld" in tokens:
        value, what = SSLD_6M if "6m" in tokens else SSLD
        return value, f"{said}: {what}{meta}"
    named = [EXTRA_DATA_TOKENS[t] for t in tokens if t in EXTRA_DATA_TOKENS]
    strong = [n for n in named if n[1] != EXTRA_DATA_TOKENS["clip"][1]]
    if named:
        value, what = (strong or named)[0]
        return value, f"{said} names {', '.join(dict.fromkeys(n[1] for n in named))}{meta}"
    for token in tokens:
        if token in DISTILLATION_TOKENS:
            return "distillation", f"{said}: {DISTILLATION_TOKENS[token]}{meta}"
    if pretrain == "in1k-dist" or "distilled" in arch.split("_"):
        return "distillation", f"{said}; the architecture is distilled ('{arch}'){meta}"
    if arch.startswith("beitv2_"):
        return "distillation", (f"{said}: BEiT v2 pre-trains on ImageNet-1k against a tokenizer distilled from a CLIP ViT-B/16 "
                                f"teacher (microsoft/unilm beit2/TOKENIZER.md){meta}")
    if pretrain in METADATA_EXTRA:
        return "imagenet-1k", (f"{said} names ImageNet-1k only{meta}, which describes another weight of the architecture "
                               "(timm lists that one under its own tag): the tag is kept")
    return "imagenet-1k", f"{said} names ImageNet-1k only{meta}"


def family_of(arch: str) -> str:
    """timm's architecture name without sizes and variants: 'resnet50d' -> 'resnet', 'efficientnet_b0' -> 'efficientnet'."""
    head = re.split(r"[_.]", arch)[0]
    return re.sub(r"\d+[a-z]?$", "", head) or head


def is_test_model(row: Row) -> bool:
    """timm's `test_*` models: tiny networks for its own unit tests, not ImageNet models anyone would use."""
    return row["arch"].startswith("test_")


def entry_id(spec: Collection, model: str, resolution: int) -> str:
    # the same weights are evaluated at several resolutions: the resolution is part of the id
    return f"{spec.name}__" + re.sub(r"[^a-z0-9]+", "_", model.lower()).strip("_") + f"_{resolution}"


def row_problems(row: Row, shown: str) -> list[Problem]:
    """What is wrong with one row of a timm results table (after tables.py checked its cells)."""
    out = []

    def bad(column: str, message: str) -> None:
        out.append(Problem(shown, row.line, column, f"row {row.number}: {message}"))

    for column in ("model", "arch", "pretrained_tag"):
        if not NAME_RE.fullmatch(row[column]):
            bad(column, f"{row[column]!r} is not a model name (letters, digits, '_', '.', '-')")
    if not out and row["model"] != f"{row['arch']}.{row['pretrained_tag']}":
        bad("model", f"{row['model']!r} is not arch.pretrained_tag ({row['arch']}.{row['pretrained_tag']})")
    if not 16 <= row["img_size"] <= 2048:
        bad("img_size", f"{row['img_size']} px is not an input resolution (16 to 2048)")
    for column in ("top1", "top5"):
        if row[column] is not None and not 0 < row[column] <= 100:
            bad(column, f"{row[column]} is not an accuracy in % (0 to 100)")
    for column in ("param_count_M", "gmacs"):
        if not row[column] > 0:
            bad(column, f"{row[column]} must be greater than 0")
    return out


def entry(row: Row, spec: Collection, version: str, pretrain: dict) -> dict:
    model, res = row["model"], row["img_size"]

    def where(what: str) -> str:
        return f"{spec.name} table, row {model}: {what}"

    training, reading = timm_training_data(row["arch"], row["pretrained_tag"], pretrain.get(row["arch"]))
    out = {
        "id": entry_id(spec, model, res),
        "name": f"{model} ({spec.name}, {res} px)",
        "family": f"{spec.name}: {family_of(row['arch'])}",
        "paper": spec.source,
        "resolution": res,
        "training_data": training,
        "imported": {"collection": spec.name, "table": spec.table, "table_version": version,
                     "macs_counted_by": spec.macs_counted_by, "row": f"{model} at {res} px", "training_data_from": reading},
        "top1": {"value": row["top1"], "source": spec.source, "locator": where("top1")},
    }
    if row["top5"] is not None:
        out["top5"] = {"value": row["top5"], "source": spec.source, "locator": where("top5")}
    out["params_m"] = {"value": row["param_count_M"], "source": spec.source, "locator": where("param_count")}
    out["macs_g"] = {"value": row["gmacs"], "source": spec.source, "locator": where("gmacs"), "counted_by": spec.macs_counted_by}
    return out


@dataclass
class ImportReport:
    folder: Path
    written: int
    new: int
    changed: int
    unchanged: int
    removed: list[str]  # ids of entries no longer in the table
    skipped: list[str]  # models skipped (library test models)

    def summary(self) -> str:
        return (f"imported {self.written:,} entries into {self.folder}/: {self.new:,} new, {self.changed:,} changed, "
                f"{self.unchanged:,} unchanged, {len(self.removed):,} removed (not in the new table); "
                f"skipped {len(self.skipped):,} library test model row(s) (test_*)")


def check_version(version: str) -> None:
    if not VERSION_RE.fullmatch(version):
        raise ImportError_(f"--version must be a commit or version string (letters, digits, '.', '_', '+', '-'; "
                           f"at most 64 characters), got {version!r}")


def import_table(collection: str, table: Path, version: str, data_dir: Path, metadata: Path | None = None,
                 replace: bool = False) -> ImportReport:
    """Write data/imported/<collection>/ from the table; all or nothing. Raises ImportError_ or TableError."""
    if collection not in COLLECTIONS:
        raise ImportError_(f"unknown collection {collection!r}; known: {', '.join(sorted(COLLECTIONS))}")
    check_version(version)
    data_dir = Path(data_dir)
    if not (data_dir / "networks").is_dir():
        raise ImportError_(f"{data_dir} is not a registry folder (it has no networks/ folder)")
    if metadata is None:
        raise ImportError_(f"the {collection} import needs --metadata (timm's results/model_metadata-in1k.csv): "
                           "it says what each architecture's weights were trained on")
    spec = COLLECTIONS[collection]
    rows = read_table(table, spec.columns, row_check=row_problems)
    pretrain = {r["model"]: r["pretrain"] for r in read_table(metadata, spec.metadata_columns).rows}
    files, skipped, problems, first_row = {}, [], [], {}
    for row in rows.rows:
        if is_test_model(row):
            skipped.append(row["model"])
            continue
        e = entry(row, spec, version, pretrain)
        if e["id"] in first_row:
            problems.append(Problem(rows.shown_as, row.line, "model", f"row {row.number}: gives the id {e['id']} again "
                                                                      f"(first given by {first_row[e['id']].where()})"))
            continue
        first_row[e["id"]] = row
        header = (f"# Imported by `build.py import {collection}` from {spec.name}'s table at {version}: do not edit by hand;\n"
                  f"# re-run the import instead. Curated networks live in data/networks/.\n")
        files[e["id"] + ".yaml"] = header + yaml.safe_dump(e, sort_keys=False, allow_unicode=True, width=120)
    if problems:
        raise TableError(problems)
    if not files:
        raise ImportError_(f"{rows.shown_as}: no entries to import (every row was a library test model): nothing was written")
    folder = data_dir / "imported" / collection
    old = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}
    removed = sorted(name[: -len(".yaml")] for name in old if name not in files)
    if removed and not replace:
        raise ImportError_(f"the table would remove {len(removed):,} of the {len(old):,} entries in {folder}/ "
                           f"(e.g. {', '.join(removed[:3])}): nothing was written. If this table replaces the collection, "
                           "run the import again with --replace")
    write_output(folder, lambda tmp: write_files(tmp, files))
    new = sum(name not in old for name in files)
    unchanged = sum(old.get(name) == text for name, text in files.items())
    return ImportReport(folder, len(files), new, len(files) - new - unchanged, unchanged, removed, skipped)
