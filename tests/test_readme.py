"""The README stays true where it names facts the code also knows: its hardening table gives, for each kind of
attack, as many cases as the tests hold; the registry version; the two-command quick start."""

from __future__ import annotations

import re

import test_csv_cells
import test_escaping
import test_hardening
import test_output_safety
import test_site_build
import test_terminal

import explorer_cases
from conftest import REAL_DATA, ROOT
from netscore_atlas.version import read_changelog


def count_tests(module, *names: str) -> int:
    """How many of these tests the module has (all of them, or this fails)."""
    missing = [n for n in names if not callable(getattr(module, n, None))]
    assert not missing, f"{module.__name__} has no {missing}"
    return len(names)


EXPECTED = [  # one per row of the table, in order
    len(test_escaping.ALL),
    len(test_hardening.CASES),
    len(test_output_safety.REFUSED) + count_tests(test_output_safety, "test_refuses_a_docs_folder_it_did_not_make"),
    count_tests(test_output_safety, "test_two_builds_at_once_never_mix", "test_a_build_waits_for_the_one_holding_the_lock",
                "test_a_killed_build_leaves_the_site_and_the_next_cleans_up",
                "test_a_build_killed_between_its_renames_is_recovered_by_the_next_even_a_failing_one",
                "test_a_failed_mkdocs_run_leaves_no_half_generated_docs"),
    count_tests(test_hardening, "test_a_build_with_figures_sends_nothing_past_loopback", "test_build_never_reaches_the_network",
                "test_build_opens_no_outside_connection_in_process"),
    len(test_csv_cells.FORMULAS),
    len(test_terminal.BAD_OPTIONS),
    len(explorer_cases.SPECIAL),
    len(test_site_build.BUILD_DAYS),
]


def test_hardening_table_counts_what_the_tests_hold():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Hardening", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| attack")]
    counts = [int(re.split(r"\s*\|\s*", row.strip("|"))[1].replace(",", "")) for row in rows]
    assert counts == EXPECTED


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
