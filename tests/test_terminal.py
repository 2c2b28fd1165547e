"""The command line as a terminal sees it: text printed inert, numbers and addresses checked, every wrong option
named at once, exit status 1, never a traceback."""

from __future__ import annotations

import pytest

from conftest import run_build_py
from netscore_atlas.terminal import inert


def test_inert_shows_escapes():
    assert inert("a\x1b]0;title\x07b") == "a\\x1b]0;title\\x07b"
    assert inert("x\u202ey\u2066z\x9b\x00") == "x\\u202ey\\u2066z\\x9b\\x00"
    assert inert("MobileNetV2 (1.0) 😀 ünïcode") == "MobileNetV2 (1.0) 😀 ünïcode"


def test_rank_prints_names_of_yours_inert(fixture_registry):
    name = "\x1b]0;pwned\x07\x1b[2JNet\u202e"
    res = run_build_py("--data", str(fixture_registry), "rank", "--add", f"{name}:75:3:0.3")
    assert res.returncode == 0, res.stderr
    assert not any(c in res.stdout + res.stderr for c in "\x1b\x07\u202e")
    assert "\\x1b]0;pwned\\x07\\x1b[2JNet\\u202e (yours)" in res.stdout


BAD_OPTIONS = {
    "NaN budget": (["rank", "--max-gmacs", "nan"], "--max-gmacs: 'nan' refused: must be a number greater than 0 and at most 1,000,000"),
    "infinite budget": (["rank", "--max-params-m", "inf"], "--max-params-m: 'inf' refused: must be a number greater than 0 and at most 1,000,000"),
    "negative budget": (["rank", "--max-gmacs", "-1"], "--max-gmacs: '-1' refused: must be a number greater than 0 and at most 1,000,000"),
    "zero budget": (["rank", "--max-gmacs", "0"], "--max-gmacs: '0' refused: must be a number greater than 0 and at most 1,000,000"),  # the explorer ignores it, saying the same
    "top-1 over 100": (["rank", "--min-top1", "101"], "--min-top1: '101' refused: must be a number from 0 to 100"),
    "NaN weight": (["rank", "--alpha", "NaN"], "--alpha: 'NaN' refused: must be a number from 0 to 100"),
    "negative weight": (["rank", "--beta", "-0.5"], "--beta: '-0.5' refused: must be a number from 0 to 100"),
    "infinite weight": (["rank", "--gamma=-inf"], "--gamma: '-inf' refused: must be a number from 0 to 100"),
    "negative limit": (["rank", "--limit", "-1"], "--limit: '-1' is not a whole number from 0 to 1e+09"),
    "limit not whole": (["rank", "--limit", "2.5"], "--limit: '2.5' is not a whole number"),
    "javascript: site address": (["build", "--site-url", "javascript:alert(1)//"], "is not an http(s) address"),
    "file: site address": (["build", "--site-url", "file:///etc/"], "is not an http(s) address"),
    "site address with a space": (["build", "--site-url", "https://a b/"], "is not an http(s) address"),
    "port out of range": (["serve", "--port", "70000"], "--port: '70000' is not a whole number from 1 to 65535"),
    "unknown option": (["rank", "--max-macs", "1"], "unrecognized arguments: --max-macs 1"),
}


@pytest.mark.parametrize("name", sorted(BAD_OPTIONS))
def test_a_wrong_option_is_refused_clearly(fixture_registry, tmp_path, name):
    argv, words = BAD_OPTIONS[name]
    res = run_build_py("--data", str(fixture_registry), *argv)
    assert res.returncode == 1 and words in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert not (tmp_path / "site").exists()


def test_every_wrong_option_is_named_at_once(fixture_registry):
    res = run_build_py("--data", str(fixture_registry), "rank", "--max-gmacs", "nan", "--alpha", "-1", "--limit", "-3",
                       "--min-top1", "inf")
    errors = [line for line in res.stderr.splitlines() if "error:" in line]
    assert res.returncode == 1 and len(errors) == 4, res.stderr
    assert [e.split(": error: ")[1].split(":")[0] for e in errors] == ["--max-gmacs", "--min-top1", "--alpha", "--limit"]


def test_site_address_from_the_environment_is_checked(fixture_registry, tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    from conftest import ROOT
    env = dict(os.environ, ATLAS_SITE_URL="javascript:alert(1)//")
    res = subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(fixture_registry), "build", "--out",
                          str(tmp_path / "site"), "--no-figures"], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 1 and "$ATLAS_SITE_URL" in res.stderr and not (tmp_path / "site").exists()


def test_a_site_address_gets_its_final_slash(fixture_registry, tmp_path):
    res = run_build_py("--data", str(fixture_registry), "build", "--out", str(tmp_path / "site"), "--no-figures",
                       "--site-url", "https://example.org/atlas")
    assert res.returncode == 0, res.stderr
    page = (tmp_path / "site" / "charts" / "ball-macs" / "index.html").read_text()
    assert "https://example.org/atlas/charts/ball-macs/" in page and "atlascharts" not in page
