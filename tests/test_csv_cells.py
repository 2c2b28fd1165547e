"""CSV downloads never hold a formula: a cell a spreadsheet would read as one starts with an apostrophe."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from conftest import FIXTURE_DATA, run_build_py
from netscore_atlas.export import FORMULA_START, csv_cell


def is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", " =1+1", "\t=1+1", "\r=1+1", "\n=1+1", "  \t\r @x", "\t", "\rtext",
            '=HYPERLINK("https://evil.example","click")', " -2+3"]
TEXT = ["MobileNetV1 (0.75-224)", "a=b", "x+y", "e-mail", "text @ home", "1.5", "", "(=)"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_starts_are_neutralised(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", TEXT)
def test_other_text_is_unchanged(value):
    assert csv_cell(value) == value


def test_numbers_and_lists():
    assert csv_cell(-1.5) == "-1.5"  # a number stays a number
    assert csv_cell(["=a", "b"]) == "'=a;b"  # a list joined, then checked as text
    assert csv_cell(None) == "" and csv_cell(True) == "true"


def test_downloads_of_a_built_site_hold_no_formula(tmp_path):
    """Names and families that start like formulas, through the real command line; every cell of every CSV is checked."""
    reg = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, reg)
    for nid, name in (("tiny_a", " =1+1"), ("tiny_b", "@SUM(A1:A9)"), ("mid_c", "-2+3 net")):
        path = reg / "networks" / f"{nid}.yaml"
        path.write_text(path.read_text().replace(f"name: {nid.replace('_', ' ').title()}", f"name: '{name}'"))
    path = reg / "networks" / "big_e.yaml"
    path.write_text(path.read_text().replace("family: Big", "family: '+Big'"))
    (reg / "families.yaml").write_text((reg / "families.yaml").read_text() + "'+Big': Large things\n")
    res = run_build_py("--data", str(reg), "build", "--out", str(tmp_path / "site"), "--no-figures")
    assert res.returncode == 0, res.stderr
    seen = 0
    for path in (tmp_path / "site" / "data").rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                assert not FORMULA_START.match(cell) or is_number(cell), (path.name, cell)
                seen += cell.startswith("'")
    assert seen >= 4  # the names and the family, each written as text
