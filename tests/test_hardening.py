"""Broken and hostile registries through the real command line: every problem named with file, line and
field, a non-zero exit, and the previous site untouched. Plus: a build that never reaches the network."""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, run_build_py


def tree_hash(d: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A good registry built once; each case breaks a copy and builds into the same folder."""
    root = tmp_path_factory.mktemp("hardening")
    shutil.copytree(FIXTURE_DATA, root / "good")
    res = run_build_py("--data", str(root / "good"), "build", "--out", str(root / "site"), "--no-figures")
    assert res.returncode == 0, res.stderr
    return root


def net(reg: Path, nid: str) -> Path:
    return reg / "networks" / f"{nid}.yaml"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def bomb(reg):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    net(reg, "tiny_a").write_text("\n".join(lines) + "\n")


CASES = {
    # name: (break the registry, file shown, line or None, field, words)
    "yaml syntax error": (lambda r: replace(net(r, "mid_c"), "family: Mid", "family: [Mid"), "mid_c.yaml", 5, "(file)", "YAML syntax error"),
    "wrong type": (lambda r: replace(net(r, "mid_c"), "year: 2018", "year: twenty"), "mid_c.yaml", 5, "year", "is not of type 'integer'"),
    "missing field": (lambda r: replace(net(r, "mid_c"), "name: Mid C\n", ""), "mid_c.yaml", 2, "name", "'name' is a required property"),
    "unknown source": (lambda r: replace(net(r, "mid_c"), "paper: fixture", "paper: ghost2020"), "mid_c.yaml", 6, "paper", "unknown source 'ghost2020'"),
    "duplicate id": (lambda r: (r / "networks" / "zz_copy.yaml").write_text(net(r, "mid_c").read_text().replace("name: Mid C", "name: Mid Copy")),
                     "zz_copy.yaml", 2, "id", "duplicate id 'mid_c'"),
    "id not the file name": (lambda r: replace(net(r, "mid_c"), "id: mid_c", "id: mid_x"), "mid_c.yaml", 2, "id", "must equal the file name"),
    "negative value": (lambda r: replace(net(r, "mid_c"), "params_m: {value: 10.0", "params_m: {value: -10.0"), "mid_c.yaml", 11, "params_m.value", "greater than 0"),
    "zero value": (lambda r: replace(net(r, "mid_c"), "macs_g: {value: 1.0", "macs_g: {value: 0"), "mid_c.yaml", 12, "macs_g.value", "greater than 0"),
    "top-1 over 100": (lambda r: replace(net(r, "mid_c"), "top1: {value: 75.0", "top1: {value: 175.0"), "mid_c.yaml", 10, "top1.value", "(0, 100]"),
    "top-5 below top-1": (lambda r: replace(net(r, "mid_c"), "params_m:", "top5: {value: 70.0, source: fixture, locator: T1}\nparams_m:"),
                          "mid_c.yaml", 11, "top5.value", "below top-1"),
    "MACs given as FLOPs": (lambda r: replace(net(r, "mid_c"), "counted_by: paper}", "counted_by: paper, as_reported: 1.0 GFLOPs}"),
                            "mid_c.yaml", 12, "macs_g.value", "FLOPs figure the source reports"),
    "params in units": (lambda r: replace(net(r, "mid_c"), "params_m: {value: 10.0", "params_m: {value: 10000000"), "mid_c.yaml", 11, "params_m.value", "in millions"),
    "MACs in millions": (lambda r: replace(net(r, "mid_c"), "macs_g: {value: 1.0", "macs_g: {value: 1000000"), "mid_c.yaml", 12, "macs_g.value", "in billions"),
    "year in the future": (lambda r: replace(net(r, "mid_c"), "year: 2018", "year: 2999"), "mid_c.yaml", 5, "year", "in the future"),
    "empty registry": (lambda r: [p.unlink() for p in (r / "networks").glob("*.yaml")], "networks", None, "(file)", "no networks"),
    "10 MB file": (lambda r: net(r, "mid_c").write_bytes(net(r, "mid_c").read_bytes() + b"notes: '" + b"x" * 10_000_000 + b"'\n"),
                   "mid_c.yaml", None, "(file)", "the limit is"),
    "YAML bomb": (bomb, "tiny_a.yaml", 1, "b[0]", "alias uses in this file"),
    "non-UTF-8 bytes": (lambda r: net(r, "mid_c").write_bytes(net(r, "mid_c").read_bytes().replace(b"Mid C", b"Mid \xe9")), "mid_c.yaml", 3, "(file)", "not valid UTF-8"),
    "duplicate key": (lambda r: replace(net(r, "mid_c"), "family: Mid", "family: Mid\nfamily: Other"), "mid_c.yaml", 5, "family", "duplicate key"),
    "unknown field": (lambda r: replace(net(r, "mid_c"), "family: Mid", "family: Mid\nflops: 2"), "mid_c.yaml", 5, "flops", "unknown field"),
    "javascript link": (lambda r: replace(net(r, "mid_c"), "family: Mid", "family: Mid\nlinks: [{title: x, url: 'javascript:alert(1)'}]"),
                        "mid_c.yaml", 5, "links[0].url", "not an http(s) URL"),
    "source URL not http": (lambda r: replace(r / "sources.yaml", "https://example.org/fixture", "file:///etc/passwd"), "sources.yaml", 7, "fixture.url", "not an http(s) URL"),
    "network file not a mapping": (lambda r: net(r, "mid_c").write_text("- just\n- a list\n"), "mid_c.yaml", 1, "(file)", "is not of type 'object'"),
    "missing bibliography": (lambda r: (r / "sources.yaml").unlink(), "sources.yaml", None, "(file)", "bibliography file is missing"),
    "missing changelog": (lambda r: (r / "CHANGELOG.md").unlink(), "CHANGELOG.md", None, "(file)", "changelog is missing"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_registry_fails_clearly_and_leaves_the_site(built, tmp_path, name):
    breaker, file_end, line, field, words = CASES[name]
    reg = tmp_path / "registry"
    shutil.copytree(built / "good", reg)
    breaker(reg)
    before = tree_hash(built / "site")
    res = run_build_py("--data", str(reg), "build", "--out", str(built / "site"), "--no-figures")
    assert res.returncode != 0
    errors = [err for err in res.stderr.splitlines() if ": error: " in err]
    hits = [err for err in errors if file_end in err.split(": error: ")[0] and words in err and f": error: {field}:" in err]
    assert hits, f"expected {file_end}:{line} {field}: {words!r} in:\n{res.stderr[:3000]}"
    if line is not None:
        assert any(err.split(": error: ")[0].endswith(f"{file_end}:{line}") for err in hits), hits
    assert "nothing was written" in res.stderr
    assert tree_hash(built / "site") == before
    assert not [p for p in built.iterdir() if ".tmp-" in p.name]


def test_every_problem_is_reported_at_once(built, tmp_path):
    reg = tmp_path / "registry"
    shutil.copytree(built / "good", reg)
    for name in ("top-1 over 100", "year in the future", "unknown field", "duplicate key"):
        CASES[name][0](reg)
    replace(net(reg, "big_e"), "paper: fixture", "paper: nowhere")
    res = run_build_py("--data", str(reg), "check")
    errors = [err for err in res.stderr.splitlines() if ": error: " in err]
    # the duplicate key stops mid_c.yaml from being read further; big_e.yaml is still checked
    assert res.returncode == 1 and any("big_e.yaml:6" in err for err in errors) and any("mid_c.yaml" in err for err in errors)


def test_build_never_reaches_the_network(tmp_path):
    """The whole build, static figures included, inside a network namespace with no network at all."""
    reg = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, reg)
    for flags in (["-n"], ["-rn"]):
        probe = subprocess.run(["unshare", *flags, "true"], capture_output=True)
        if probe.returncode == 0:
            break
    else:
        pytest.fail("unshare cannot make a network namespace here: the no-network build cannot be tested")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    res = subprocess.run(["unshare", *flags, sys.executable, str(ROOT / "build.py"), "--data", str(reg), "build",
                          "--out", str(tmp_path / "site")], capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 0, res.stderr
    assert "static figures skipped" not in res.stderr
    assert (tmp_path / "site" / "charts" / "ball-macs" / "ball-macs.svg").is_file()


def test_build_opens_no_outside_connection_in_process(tmp_path, monkeypatch):
    """Belt and braces: every socket connection the Python side attempts is recorded."""
    from netscore_atlas import pipeline
    attempts = []
    real_connect = socket.socket.connect

    def record(self, address):
        attempts.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", record)
    reg = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, reg)
    pipeline.build(reg, tmp_path / "site", figures=False)
    assert [a for a in attempts if not (isinstance(a, tuple) and a[0] in ("127.0.0.1", "::1", "localhost"))] == []
