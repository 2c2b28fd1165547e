"""The README stays true where it names facts the code also knows."""

from __future__ import annotations

import re

from conftest import REAL_DATA, ROOT
from netscore_atlas.version import read_changelog


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_names_the_registry_version_the_site_shows():
    """The site shows the newest heading of data/CHANGELOG.md; the README said 0.2.0 while the site said 0.3.0."""
    release, problems = read_changelog(REAL_DATA)
    assert problems == []
    named = re.findall(r"data/CHANGELOG\.md` \(now `(\d+\.\d+\.\d+)`\)", readme())
    assert named == [release["version"]], f"README names {named}, the changelog's newest entry is {release['version']}"


def test_readme_quick_start_is_the_two_commands():
    quick = readme().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.S).group(1)
    assert [line.split("#")[0].split()[:2] for line in block.strip().splitlines()] == [["./atlas", "site"], ["./atlas", "test"]]
