"""The output folder with real processes: folders a build must not replace, two builds at once, a build killed
half-way, a failed MkDocs run. A build replaces its output folder whole, so it only ever replaces one it made."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, run_build_py, tree_hash
from netscore_atlas import pipeline


def build_cmd(data: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--out", str(out), "--no-figures"]


@pytest.fixture
def registry(tmp_path) -> Path:
    dest = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


def victim(tmp_path: Path) -> Path:
    """A folder of someone's own files."""
    own = tmp_path / "mine"
    own.mkdir()
    (own / "thesis.tex").write_text("years of work\n")
    return own


REFUSED = {
    # --out: (folder, words of the message)
    "the registry itself": (lambda tmp, reg: reg, "holds the registry"),
    "the folder holding the registry": (lambda tmp, reg: reg.parent, "holds the registry"),
    "the repository": (lambda tmp, reg: ROOT, "holds the repository"),
    "the file system root": (lambda tmp, reg: Path("/"), "holds the registry"),
    "a folder inside the registry": (lambda tmp, reg: reg / "site", "inside the registry"),
    "a folder the build did not make": (lambda tmp, reg: victim(tmp), "was not made by build.py"),
    "a file": (lambda tmp, reg: (tmp / "notes.txt", (tmp / "notes.txt").write_text("x"))[0], "is not a folder"),
    "the folder of the docs": (lambda tmp, reg: tmp / "out" / "build", "would hold the generated docs folder"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refuses_an_output_folder_it_must_not_replace(tmp_path, registry, name):
    make, words = REFUSED[name]
    out = make(tmp_path, registry)
    watched = out if out.is_dir() and out != Path("/") and out != ROOT else registry
    before = tree_hash(watched)
    res = run_build_py("--data", str(registry), "build", "--out", str(out), "--no-figures")
    assert res.returncode == 1 and words in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert tree_hash(watched) == before


def test_refuses_a_docs_folder_it_did_not_make(tmp_path, registry):
    docs = tmp_path / "build" / "docs"
    docs.mkdir(parents=True)
    (docs / "mine.md").write_text("# my own page\n")
    res = run_build_py("--data", str(registry), "build", "--out", str(tmp_path / "site"), "--no-figures")
    assert res.returncode == 1 and "was not made by build.py" in res.stderr
    assert (docs / "mine.md").read_text() == "# my own page\n" and not (tmp_path / "site").exists()


def test_replaces_its_own_site_and_marks_it(tmp_path, registry):
    out = tmp_path / "site"
    out.mkdir()  # an empty folder is fine
    for _ in range(2):
        res = run_build_py("--data", str(registry), "build", "--out", str(out), "--no-figures")
        assert res.returncode == 0, res.stderr
        assert (out / pipeline.SITE_MARKER).is_file() and (tmp_path / "build" / "docs" / pipeline.DOCS_MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers, no lock files


def versions_cited(site: Path) -> set[str]:
    """Every registry version the site names: page footers, the CSV download, the explorer's data."""
    cited = set()
    for page in site.rglob("*.html"):
        cited |= set(re.findall(r"registry (\d+\.\d+\.\d+\+sha\.[0-9a-f]{12})", page.read_text(encoding="utf-8")))
    cited |= {line.rsplit(",", 1)[1] for line in (site / "data" / "networks.csv").read_text().splitlines()[1:]}
    cited.add(json.loads((site / "data" / "networks.json").read_text())["registry"]["cited"])
    return cited


def test_two_builds_at_once_never_mix(tmp_path, registry):
    other = tmp_path / "other"
    shutil.copytree(registry, other)
    log = other / "CHANGELOG.md"
    log.write_text(log.read_text().replace("## 1.2.3 (2020-01-02)", "## 9.9.9 (2021-01-02)\n\n- Renamed.\n\n## 1.2.3 (2020-01-02)"))
    net = other / "networks" / "mid_c.yaml"
    net.write_text(net.read_text().replace("name: Mid C", "name: Mid C Renamed"))
    out = tmp_path / "site"
    for _ in range(2):
        procs = [subprocess.Popen(build_cmd(reg, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for reg in (registry, other)]
        results = [p.communicate(timeout=600) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        cited = versions_cited(out)
        assert len(cited) == 1, f"one site citing {cited}"
        names = (out / "networks" / "mid_c" / "index.html").read_text()
        assert ("Mid C Renamed" in names) == cited.pop().startswith("9.9.9")


def test_a_build_waits_for_the_one_holding_the_lock(tmp_path, registry):
    """Another writer (here the test) holds the lock on build/, where the docs folder is written: the build waits."""
    out = tmp_path / "site"
    (tmp_path / "build").mkdir()
    fd = os.open(tmp_path / "build", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        proc = subprocess.Popen(build_cmd(registry, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = proc.stderr.readline()  # blocks until the build says it waits (however slow its start on a busy machine)
        assert "waiting for another build writing in" in first and str(tmp_path / "build") in first, first
        time.sleep(1)
        assert proc.poll() is None and not out.exists()  # still waiting, nothing written
    finally:
        os.close(fd)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, first + err


def test_a_killed_build_leaves_the_site_and_the_next_cleans_up(tmp_path, registry):
    out = tmp_path / "site"
    assert subprocess.run(build_cmd(registry, out), capture_output=True).returncode == 0
    before = tree_hash(out)
    proc = subprocess.Popen(build_cmd(registry, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 300
    while not list(tmp_path.glob(".site.tmp-*")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # MkDocs at work in the temporary folder
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    leftovers = list(tmp_path.glob(".site.tmp-*")) + list((tmp_path / "build").glob(".docs.tmp-*"))
    assert leftovers, "the build was killed before it started writing: nothing tested"
    assert tree_hash(out) == before  # the reader still has the previous site
    res = subprocess.run(build_cmd(registry, out), capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert not [p for p in leftovers if p.exists()]
    assert tree_hash(out) == before  # same registry, same bytes


def test_a_build_killed_between_its_renames_is_recovered_by_the_next_even_a_failing_one(tmp_path, registry):
    out = tmp_path / "site"
    assert subprocess.run(build_cmd(registry, out), capture_output=True).returncode == 0
    before = tree_hash(out)
    out.rename(tmp_path / ".site.old")  # the state a kill between the two renames leaves: no site/
    (tmp_path / ".site.tmp-x1y2z3").mkdir()
    (tmp_path / ".site.tmp-x1y2z3" / "index.html").write_text("half")
    bad = registry / "networks" / "mid_c.yaml"
    bad.write_text(bad.read_text().replace("year: 2018", "year: 2999"))
    res = subprocess.run(build_cmd(registry, out), capture_output=True, text=True)
    assert res.returncode == 1 and "in the future" in res.stderr
    assert tree_hash(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_leftovers_are_ignored_by_git():
    if not (ROOT / ".git").exists():
        pytest.fail("not a git checkout: cannot check .gitignore")
    names = [".site.tmp-k2j3h4/index.html", ".site.old/index.html", "build/.docs.tmp-k2j3/index.md",
             "data/imported/.timm.tmp-a1b2/timm__x.yaml", "data/imported/.timm.old/timm__x.yaml"]
    res = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", *names], capture_output=True, text=True)
    assert sorted(res.stdout.split()) == sorted(names)
    kept = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", "requirements.lock", "data/sources.yaml"],
                          capture_output=True, text=True)
    assert kept.stdout == ""


def test_a_failed_mkdocs_run_leaves_no_half_generated_docs(tmp_path, registry, monkeypatch):
    from netscore_atlas import site

    out = tmp_path / "site"
    pipeline.build(registry, out, figures=False)
    docs = tmp_path / "build" / "docs"
    before_docs, before_site = tree_hash(docs), tree_hash(out)
    net = registry / "networks" / "mid_c.yaml"
    net.write_text(net.read_text().replace("name: Mid C", "name: Mid C Changed"))  # new pages that must not stay

    def failing_mkdocs(docs_dir, site_dir, version, site_url=None):
        (Path(site_dir) / "index.html").write_text("half a site")
        raise site.SiteBuildError("MkDocs stopped the build (a test)")

    monkeypatch.setattr(site, "run_mkdocs", failing_mkdocs)
    with pytest.raises(site.SiteBuildError):
        pipeline.build(registry, out, figures=False)
    assert tree_hash(docs) == before_docs and tree_hash(out) == before_site
    assert not list(tmp_path.glob(".*.tmp-*")) and not list((tmp_path / "build").glob(".*.tmp-*"))


def test_an_import_in_progress_is_not_read_as_a_collection(registry):
    """A killed `build.py import` leaves data/imported/.<collection>.tmp-*/: never part of the registry."""
    half = registry / "imported" / ".lib.tmp-abc123"
    half.mkdir(parents=True)
    shutil.copy(registry / "networks" / "mid_c.yaml", half / "mid_c.yaml")
    res = run_build_py("--data", str(registry), "check")
    assert res.returncode == 0 and "ok: 5 networks" in res.stdout, res.stderr
