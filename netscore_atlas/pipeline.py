"""The stages in order: load -> validate -> derive -> render -> write.

`staged` is the only way a folder is written: it fills a fresh temporary folder
beside the target and swaps it in only when everything succeeded, so a failed
build leaves the previous folder as it was. A build holds a lock on its docs and
output folders from start to end (two builds never mix), writes a marker into
each, and refuses an output folder that holds the registry or the repository or
that it did not make. A build killed half-way leaves the previous folder (or its
copy, put back by the next build) and temporary folders that the next build removes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
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


SITE_MARKER = ".netscore-atlas-site"  # in every site a build writes: only such a folder is ever replaced
DOCS_MARKER = ".netscore-atlas-docs"  # the same for the generated docs folder (MkDocs skips dot files)
MARKER_TEXT = "Written by NetScore Atlas's build.py, which replaces this whole folder on every build.\n"
# The repository's own output folders (mkdocs.yml names them, git ignores them): accepted without a marker,
# as builds made before markers existed left them so.
OWN_FOLDERS = {ROOT / "site": SITE_MARKER, ROOT / "build" / "docs": DOCS_MARKER}


class OutputError(RuntimeError):
    """The output folder cannot be used: it holds the registry or the repository, or the build did not make it."""


def _leftovers(target: Path) -> tuple[Path, list[Path]]:
    return target.parent / f".{target.name}.old", sorted(target.parent.glob(f".{target.name}.tmp-*"))


def recover(target: Path) -> None:
    """Undo what a killed writer left beside `target`: put the previous copy back if the target is missing (killed
    between its two renames), and remove temporary and old copies. Only under the target's lock."""
    old, temporary = _leftovers(target)
    if old.is_dir() and not target.exists() and not target.is_symlink():
        old.rename(target)
    for path in temporary + [old]:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def folder_lock(target: Path) -> Iterator[None]:
    """Hold a lock on the folder that holds `target` (flock on the folder itself: no lock file is left anywhere):
    one writer at a time there. Waits, and says so, when another holds it; the kernel releases it when its holder
    dies, so a killed build never blocks the next one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build writing in {target.parent} to finish...", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new temporary folder beside `target`, swapped in for it when the block succeeds, removed when it fails.
    The caller holds folder_lock(target)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    tmp.chmod(0o755)  # mkdtemp makes it 0700
    old, _ = _leftovers(target)
    if target.exists():
        target.rename(old)  # killed between this rename and the next: the next build puts `old` back
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_output(out_dir: Path, fill: Callable[[Path], None]) -> None:
    """Run `fill` on a new temporary folder; replace out_dir with it only if fill succeeds."""
    out_dir = Path(out_dir).resolve()
    with folder_lock(out_dir), staged(out_dir) as tmp:
        fill(tmp)


def output_problem(target: Path, marker: str, data_dir: Path) -> str | None:
    """Why the build must not replace `target`, or None."""
    target, data, repo = target.resolve(), Path(data_dir).resolve(), ROOT.resolve()
    for folder, what in ((data, "the registry"), (repo, "the repository")):
        if target == folder or target in folder.parents:
            return f"{target} holds {what} ({folder}): a build replaces its output folder whole; choose a folder of its own, such as site/"
    if data in target.parents:
        return f"{target} is inside the registry ({data}): choose a folder outside it, such as site/"
    if target in docs_dir_for(target).parents:
        return f"{target} would hold the generated docs folder ({docs_dir_for(target)}): choose another folder, such as site/"
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return f"{target} is not a folder: choose a folder of its own, such as site/"
    if target.is_dir() and any(target.iterdir()) and not (target / marker).is_file() and OWN_FOLDERS.get(target) != marker:
        return (f"{target} exists and was not made by build.py (it has no {marker} file): a build replaces its output "
                "folder whole; remove the folder yourself or choose another")
    return None


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
    """Write the generated docs (pages, chart data, figures, downloads) into the new folder docs_dir; static figures
    are cached in figure-cache/ beside it. Returns the registry version and the message about skipped static
    figures ('' if none)."""
    from .charts import charts_for
    from .figures import export_figures
    from .site import docs_files, site_url_of_config
    from .style import styles_of

    version = reg.meta()
    rows = derive_table(reg.networks, groups=reg.groups, measurements=reg.measurements)
    styles = styles_of(reg.groups)
    declared = charts_for(rows, reg.measurements)
    charts = {cid: chart.figure(rows, styles) for cid, chart in declared.items()}  # built once, for pages, data and exports
    exported = export_figures(charts, Path(docs_dir).parent / "figure-cache", enabled=figures)
    files = docs_files(reg, rows, version, data_files(reg), site_url or site_url_of_config(), exported.written, charts, declared)
    write_files(Path(docs_dir), {**files, DOCS_MARKER: MARKER_TEXT})
    return version, exported.message()


def build(data_dir: Path, out_dir: Path, site_url: str | None = None, figures: bool = True) -> BuildReport:
    """Validate, generate the pages and run MkDocs into out_dir. Raises RegistryError on bad input and OutputError
    on an output folder it must not replace; on any failure the previous out_dir and docs folder are left as they were."""
    from .site import run_mkdocs

    out = Path(out_dir).resolve()
    docs = docs_dir_for(out)
    for target, marker in ((out, SITE_MARKER), (docs, DOCS_MARKER)):
        if problem := output_problem(target, marker, data_dir):
            raise OutputError(problem)
    with folder_lock(docs), folder_lock(out):
        recover(docs)  # what a killed build left, even if this one fails
        recover(out)
        reg = load_valid_registry(data_dir)
        with staged(docs) as docs_tmp, staged(out) as site_tmp:
            version, message = generate_docs(reg, docs_tmp, site_url, figures)
            run_mkdocs(docs_tmp, site_tmp, version, site_url)
            (site_tmp / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return BuildReport(reg, message)
