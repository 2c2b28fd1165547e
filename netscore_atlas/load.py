"""Load stage: read the registry folder (networks, bibliography, schemas).

Reads only; nothing is checked here beyond what it takes to parse a file.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .measurements import CSV_COLUMNS, DEVICES_FILE, IMPLEMENTATIONS_FILE, MEASUREMENTS_DIR, LibraryTables, MeasurementDocs, csv_kind
from .problems import Problem
from .tables import TableError, read_table
from .yamlfile import YamlDoc, read_yaml

NETWORKS_DIR = "networks"
IMPORTED_DIR = "imported"  # imported/<collection>/<id>.yaml, made by `build.py import`
SOURCES_FILE = "sources.yaml"
FAMILIES_FILE = "families.yaml"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"


@dataclass
class Registry:
    root: Path
    networks: list[YamlDoc]  # sorted by file name
    sources: YamlDoc
    families: YamlDoc
    measurements: MeasurementDocs = field(default_factory=MeasurementDocs)

    @property
    def bibliography(self) -> dict:
        return self.sources.data if isinstance(self.sources.data, dict) else {}

    @property
    def groups(self) -> dict:
        """family -> group, from families.yaml."""
        return self.families.data if isinstance(self.families.data, dict) else {}


def shown_path(path: Path, root: Path) -> str:
    """The path as a user should see it: relative to the registry's parent."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_registry(root: Path) -> tuple[Registry | None, list[Problem]]:
    root = Path(root)
    problems: list[Problem] = []
    net_dir = root / NETWORKS_DIR
    if not net_dir.is_dir():
        return None, [Problem(shown_path(net_dir, root), None, "", "registry folder has no networks/ folder")]
    docs: list[YamlDoc] = []
    imported = sorted(p for p in (root / IMPORTED_DIR).glob("*/*.yaml") if not p.parent.name.startswith(".")) \
        if (root / IMPORTED_DIR).is_dir() else []  # .<collection>.tmp-*: an import in progress or killed
    for path in sorted(net_dir.iterdir()) + imported:
        if path.name.startswith((".", "_")):
            continue
        if path.suffix != ".yaml":
            problems.append(Problem(shown_path(path, root), None, "", "unexpected file: network files end in .yaml"))
            continue
        doc, found = read_yaml(path, shown_path(path, root), root)
        problems += found
        if doc is not None:
            docs.append(doc)
    sources = _read_required(root / SOURCES_FILE, root, "the bibliography file is missing", problems)
    families = _read_required(root / FAMILIES_FILE, root, "the list of families is missing", problems)
    if sources is None or families is None:
        return None, problems
    return Registry(root, docs, sources, families, read_measurements(root, problems)), problems


def read_measurements(root: Path, problems: list[Problem]) -> MeasurementDocs:
    """devices.yaml, implementations.yaml and data/measurements/<library>/ (tables.yaml and its CSV tables); all
    optional (a registry may have no measurements); measurements.py says what must agree with what."""
    out = MeasurementDocs()
    for name, attr in ((DEVICES_FILE, "devices"), (IMPLEMENTATIONS_FILE, "implementations")):
        if (root / name).is_file():
            setattr(out, attr, _read_required(root / name, root, "", problems))
    folder = root / MEASUREMENTS_DIR
    for lib_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.is_dir() else []:
        lib = LibraryTables(lib_dir.name, folder=shown_path(lib_dir, root))
        for path in sorted(lib_dir.iterdir()):
            if path.name.startswith((".", "_")):
                continue
            shown = shown_path(path, root)
            out.digests[shown] = hashlib.sha256(path.read_bytes()).hexdigest()
            kind, key = csv_kind(path.name)
            if path.name == "tables.yaml":
                lib.header = _read_required(path, root, "", problems)
            elif kind:
                try:
                    table = read_table(path, CSV_COLUMNS[kind], shown_as=shown, allow_empty=True)
                except TableError as exc:
                    problems += exc.problems
                    continue
                if kind == "links":
                    lib.links = table
                else:
                    getattr(lib, kind)[key] = table
            else:
                problems.append(Problem(shown, None, "", "unexpected file: data/measurements/<library>/ holds tables.yaml, "
                                                         "speed-<device>.csv, robustness-<dataset>.csv and links.csv"))
        out.libraries.append(lib)
    return out


def _read_required(path: Path, root: Path, missing: str, problems: list[Problem]) -> YamlDoc | None:
    """Read a file the registry cannot do without; a missing or unreadable one adds to `problems`."""
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(shown_path(path, root), None, "", missing))
        return None
    doc, found = read_yaml(path, shown_path(path, root), root)
    problems += found
    return doc


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """A schema of data/schema/, read once (page rendering asks for it per network). Do not mutate it."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
