"""Shared fixtures: the real registry, a small fixture registry, and a way to break a copy of it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "registry"


@functools.cache
def real_registry():
    """The real registry, read and validated once per test session (seconds each time: 1,600+ files).
    Shared: a test must not change what it returns."""
    from netscore_atlas.pipeline import load_valid_registry

    return load_valid_registry(REAL_DATA)


@functools.cache
def real_rows(alpha: float = 2.0, beta: float = 0.5, gamma: float = 0.5) -> list[dict]:
    """The real registry's derived rows at these weights (computed once per weights; shared, read only)."""
    from netscore_atlas.derive import derive_table
    from netscore_atlas.metrics import NetScoreWeights

    return derive_table(real_registry().networks, NetScoreWeights(alpha, beta, gamma))


@pytest.fixture
def fixture_registry(tmp_path: Path) -> Path:
    """A writable copy of the small fixture registry (tmp/registry)."""
    dest = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


def tree_hash(d: Path) -> str:
    """One hash of a folder: every path in it, and every file's bytes."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        h.update(str(p.relative_to(d)).encode() + b"\0" + (p.read_bytes() if p.is_file() else b"/"))
    return h.hexdigest()


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real command line, as a user does."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=600)


# --- Built sites and a real browser -------------------------------------------------------

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_site(data: Path, out: Path, site_url: str, figures: bool = False) -> None:
    """Build a site; static figures only where a test is about them (they take a browser run)."""
    from netscore_atlas import pipeline

    pipeline.build(data, out, site_url=site_url, figures=figures)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The fixture registry built and served on localhost; site_url's port matches, so instant navigation works."""
    root = tmp_path_factory.mktemp("fixture_site")
    data = root / "registry"
    shutil.copytree(FIXTURE_DATA, data)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(data, root / "site", url)
    server = serve(root / "site", port)
    yield {"url": url, "dir": root / "site", "data": data}
    server.shutdown()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real registry built strictly and served on localhost."""
    root = tmp_path_factory.mktemp("real_site")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(REAL_DATA, root / "site", url)
    server = serve(root / "site", port)
    yield {"url": url, "dir": root / "site"}
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright. Missing Chromium is a failure, never a skip:
    `./atlas test` installs it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: browser tests need Debian's chromium (./atlas test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors and every request leaving localhost."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []
    pg.outside = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    yield pg
    context.close()


ARTIFACTS = ROOT / "test-artifacts"


def screenshot(pg, name: str) -> Path:
    """Save a screenshot for a person to look at (test-artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path
