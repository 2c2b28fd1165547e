"""The registry's version: the newest entry of data/CHANGELOG.md plus the content hash.

The cited version is `<semver>+sha.<first 12 hex of the content hash>`, so two different
registries can never share a citation, even if someone forgets to bump the changelog.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .problems import Problem
from .yamlfile import read_text

CHANGELOG = "CHANGELOG.md"
HEADING = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)\s*$")


def read_changelog(root: Path) -> tuple[dict | None, list[Problem]]:
    """(version, date) of the newest entry, or the problem that prevents reading it."""
    path = Path(root) / CHANGELOG
    shown = f"{Path(root).name}/{CHANGELOG}"
    if not path.exists() and not path.is_symlink():
        return None, [Problem(shown, None, "", "the registry's changelog is missing (it gives the registry's version)")]
    text, problems = read_text(path, shown, root)
    if text is None:
        return None, problems
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            m = HEADING.match(line)
            if not m:
                return None, [Problem(shown, number, "heading", f"{line!r} is not '## <major>.<minor>.<patch> (<YYYY-MM-DD>)'")]
            try:
                dt.date.fromisoformat(m.group(2))
            except ValueError:
                return None, [Problem(shown, number, "heading", f"{m.group(2)} is not a date of the calendar")]
            return {"version": m.group(1), "date": m.group(2)}, []
    return None, [Problem(shown, None, "", "no version heading ('## 0.1.0 (2026-01-31)') found")]


def cited_version(semver: str, content_sha256: str) -> str:
    return f"{semver}+sha.{content_sha256[:12]}"
