"""Shared fixtures: the real registry, a small fixture registry, and a way to break a copy of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "registry"


@pytest.fixture
def fixture_registry(tmp_path: Path) -> Path:
    """A writable copy of the small fixture registry (tmp/registry)."""
    dest = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real command line, as a user does."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=600)
