"""The real registry: every network validated (one test per id), and the NetScore set complete."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

from conftest import REAL_DATA
from netscore_atlas.load import read_registry
from netscore_atlas.problems import ERROR
from netscore_atlas.validate import validate

IDS = sorted(p.stem for p in (REAL_DATA / "networks").glob("*.yaml"))


@functools.lru_cache(maxsize=1)
def real_problems():
    registry, found = read_registry(REAL_DATA)
    assert registry is not None, found
    return tuple(found + validate(registry))


@pytest.mark.parametrize("nid", IDS)
def test_network_is_valid(nid):
    mine = [p for p in real_problems() if Path(p.file).stem == nid and p.level == ERROR]
    assert not mine, "\n".join(map(str, mine))


@pytest.mark.parametrize("nid", IDS)
def test_every_value_carries_provenance(nid):
    net = yaml.safe_load((REAL_DATA / "networks" / f"{nid}.yaml").read_text(encoding="utf-8"))
    for q in ("top1", "top5", "params_m", "macs_g"):
        if q in net:
            entries = [net[q]] + list(net[q].get("alternatives") or [])
            for e in entries:
                assert e["source"] and e["locator"], (nid, q)
            if q in ("top1", "macs_g"):
                assert net.get("resolution") or net[q].get("resolution"), (nid, q)
    for q in ("top1", "params_m", "macs_g"):
        assert q in net or q in (net.get("missing") or {}), f"{nid}: {q} neither given nor explained"


def test_bibliography_is_valid():
    errors = [p for p in real_problems() if p.file.endswith("sources.yaml") and p.level == ERROR]
    assert not errors, "\n".join(map(str, errors))


def test_registry_has_no_error_at_all():
    errors = [p for p in real_problems() if p.level == ERROR]
    assert not errors, "\n".join(map(str, errors))


def test_netscore_paper_set_is_complete():
    # The NetScore paper's list (lines 74-88) names 59 distinct networks once IGC's duplicate
    # IGC-L100M2 is replaced by the IGC paper's third variant (IGC-L4M32); the paper says 60.
    nets = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REAL_DATA / "networks").glob("*.yaml")]
    in_set = [n for n in nets if "netscore2018" in (n.get("sets") or [])]
    assert len(in_set) == 59
    igc = sorted(n["id"] for n in in_set if n["family"] == "IGC")
    assert igc == ["igc_l100m2", "igc_l16m16", "igc_l4m32"]


def test_template_is_a_valid_network(tmp_path):
    # The copy-me template must itself pass validation.
    import shutil
    root = tmp_path / "data"
    (root / "networks").mkdir(parents=True)
    shutil.copy(REAL_DATA / "sources.yaml", root / "sources.yaml")
    shutil.copy(REAL_DATA / "families.yaml", root / "families.yaml")
    template = yaml.safe_load((REAL_DATA / "_template.yaml").read_text(encoding="utf-8"))
    shutil.copy(REAL_DATA / "_template.yaml", root / "networks" / f"{template['id']}.yaml")
    registry, found = read_registry(root)
    found += validate(registry)
    assert not [p for p in found if p.level == ERROR], found
