"""The stages in order: load -> validate -> derive -> render -> write.

`write_output` is the only function that touches the output folder: it fills a
fresh temporary folder beside it and swaps it in only when everything
succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .derive import derive_table
from .export import dictionary_csv, measurements_csv, measurements_dictionary_csv, table_csv, table_json
from .load import read_registry
from .measurements import Measurements, collect
from .metrics import DEFAULT_WEIGHTS, NetScoreWeights
from .problems import ERROR, Problem, RegistryError
from .validate import validate
from .version import cited_version, read_changelog

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"


@dataclass
class ValidRegistry:
    networks: list[dict]  # sorted by id
    sources: dict
    warnings: list[Problem]
    root: Path
    release: dict  # {"version": "0.2.0", "date": "2026-11-22"} from data/CHANGELOG.md
    groups: dict  # family -> group, from data/families.yaml
    measurements: Measurements = dataclasses.field(default_factory=Measurements)  # devices, speeds, robustness

    @functools.cached_property
    def content_hash(self) -> str:
        """SHA-256 of the registry's content (networks, bibliography, families, measurements), independent of formatting."""
        content = {"networks": self.networks, "sources": self.sources, "families": self.groups}
        if self.measurements.devices or self.measurements.links:  # a registry without measurements keeps its hash
            content["measurements"] = self.measurements.content()
        blob = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def meta(self) -> dict:
        digest = self.content_hash
        return {
            "networks": len(self.networks),
            "sources": len(self.sources),
            "content_sha256": digest,
            "short_hash": digest[:12],
            "version": self.release["version"],
            "date": self.release["date"],
            "cited": cited_version(self.release["version"], digest),
        }


def load_valid_registry(root: Path = DEFAULT_DATA, today: dt.date | None = None) -> ValidRegistry:
    """Read and validate; raise RegistryError listing every problem if any is an error."""
    registry, problems = read_registry(Path(root))
    if registry is not None:
        problems += validate(registry, today)
    release, found = read_changelog(Path(root))
    problems += found
    if registry is None or release is None or any(p.level == ERROR for p in problems):
        raise RegistryError(problems)
    networks = sorted((doc.data for doc in registry.networks), key=lambda n: n["id"])
    return ValidRegistry(networks, registry.bibliography, problems, Path(root), release, registry.groups,
                         collect(registry.measurements))


def data_files(reg: ValidRegistry, weights: NetScoreWeights = DEFAULT_WEIGHTS) -> dict[str, str]:
    """The downloads: relative path -> text. Every row names the registry version."""
    rows = derive_table(reg.networks, weights, reg.groups, reg.measurements)
    cited = reg.meta()["cited"]
    for row in rows:
        row["registry_version"] = cited
    files = {
        "data/networks.csv": table_csv(rows),
        "data/networks.json": table_json(rows, reg.networks, reg.meta(), reg.measurements),
        "data/dictionary.csv": dictionary_csv(),
    }
    if reg.measurements.speed:
        files["data/measurements.csv"] = measurements_csv(reg.measurements, cited)
        files["data/measurements-dictionary.csv"] = measurements_dictionary_csv()
    return files


def write_output(out_dir: Path, fill: Callable[[Path], None]) -> None:
    """Run `fill` on a new temporary folder; replace out_dir with it only if fill succeeds."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        fill(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out_dir.parent / f".{out_dir.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    tmp.rename(out_dir)
    out_dir.chmod(0o755)  # mkdtemp makes it 0700
    shutil.rmtree(old, ignore_errors=True)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def docs_dir_for(out_dir: Path) -> Path:
    """Where the generated Markdown goes: build/docs beside the output folder (mkdocs.yml's docs_dir for site/)."""
    return Path(out_dir).resolve().parent / "build" / "docs"


@dataclass
class BuildReport:
    registry: ValidRegistry
    figure_message: str  # empty when every static figure was exported


def generate_docs(reg: ValidRegistry, docs_dir: Path, site_url: str | None = None, figures: bool = True) -> tuple[dict, str]:
    """Write the generated docs folder (pages, chart data, figures, downloads).
    Returns the registry version and the message about skipped static figures ('' if none)."""
    from .charts import charts_for
    from .figures import export_figures
    from .site import docs_files, site_url_of_config

    version = reg.meta()
    rows = derive_table(reg.networks, groups=reg.groups, measurements=reg.measurements)
    declared = charts_for(rows, reg.measurements)
    charts = {cid: chart.build(rows) for cid, chart in declared.items()}  # built once, for pages, data and exports
    exported = export_figures(charts, Path(docs_dir).parent / "figure-cache", enabled=figures)
    files = docs_files(reg, rows, version, data_files(reg), site_url or site_url_of_config(), exported.written, charts, declared)
    write_output(docs_dir, lambda tmp: write_files(tmp, files))
    return version, exported.message()


def build(data_dir: Path, out_dir: Path, site_url: str | None = None, figures: bool = True) -> BuildReport:
    """Validate, generate the pages and run MkDocs into out_dir. Raises RegistryError on bad input;
    on any failure the previous out_dir is left as it was."""
    from .site import run_mkdocs

    reg = load_valid_registry(data_dir)
    docs = docs_dir_for(out_dir)
    version, message = generate_docs(reg, docs, site_url, figures)
    write_output(out_dir, lambda tmp: run_mkdocs(docs, tmp, version, site_url))
    return BuildReport(reg, message)
