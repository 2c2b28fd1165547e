"""The import path: a library's table becomes imported entries, with their provenance, apart from the curated set."""

from __future__ import annotations

import shutil

import yaml

from conftest import FIXTURE_DATA, REAL_DATA, run_build_py
from netscore_atlas.importer import family_of, training_data
from netscore_atlas.pipeline import load_valid_registry

TABLE = """model,arch,pretrained_tag,img_size,top1,top5,param_count_M,crop_pct,interpolation,gmacs,macts_M,bench_param_count_M,tag_suggests_extra_data_or_distill
resnet50.a1_in1k,resnet50,a1_in1k,288,81.24,95.112,25.56,1.0,bicubic,6.8,18.37,25.56,False
resnet50.a1_in1k,resnet50,a1_in1k,224,80.1,94.5,25.56,0.95,bicubic,4.11,11.11,25.56,False
vit_base_patch16_224.augreg_in21k_ft_in1k,vit_base_patch16_224,augreg_in21k_ft_in1k,224,81.1,96.2,"1,086.57",0.9,bicubic,16.87,16.5,86.57,True
"""


def test_import_writes_entries_with_provenance_and_they_validate(tmp_path):
    reg = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, reg)
    (tmp_path / "table.csv").write_text(TABLE)
    res = run_build_py("--data", str(reg), "import", "timm", "--table", str(tmp_path / "table.csv"), "--version", "abc123")
    assert res.returncode == 0, res.stderr
    files = sorted(p.name for p in (reg / "imported" / "timm").iterdir())
    assert files == ["timm__resnet50_a1_in1k_224.yaml", "timm__resnet50_a1_in1k_288.yaml",
                     "timm__vit_base_patch16_224_augreg_in21k_ft_in1k_224.yaml"]
    e = yaml.safe_load((reg / "imported" / "timm" / "timm__resnet50_a1_in1k_288.yaml").read_text())
    assert e["imported"] == {"collection": "timm", "table": e["imported"]["table"], "table_version": "abc123",
                             "macs_counted_by": e["macs_g"]["counted_by"], "row": "resnet50.a1_in1k at 288 px"}
    assert (e["top1"]["value"], e["params_m"]["value"], e["macs_g"]["value"], e["resolution"]) == (81.24, 25.56, 6.8, 288)
    assert e["training_data"] == "imagenet-1k" and e["paper"] == "timm"
    vit = yaml.safe_load((reg / "imported" / "timm" / "timm__vit_base_patch16_224_augreg_in21k_ft_in1k_224.yaml").read_text())
    assert vit["training_data"] == "imagenet-21k" and vit["params_m"]["value"] == 1086.57  # thousands separator read
    assert (reg / "networks" / "tiny_a.yaml").is_file()  # the curated set is untouched
    with open(reg / "sources.yaml", "a") as f:  # the entries cite the source key 'timm'
        f.write("timm:\n  kind: misc\n  title: timm results\n  year: 2026\n  url: https://github.com/huggingface/pytorch-image-models\n")
    loaded = load_valid_registry(reg)
    assert len(loaded.networks) == 8
    again = tmp_path / "again"
    shutil.copytree(reg, again)
    assert run_build_py("--data", str(again), "import", "timm", "--table", str(tmp_path / "table.csv"), "--version", "abc123").returncode == 0
    for p in (reg / "imported" / "timm").iterdir():
        assert p.read_bytes() == (again / "imported" / "timm" / p.name).read_bytes()  # deterministic


def test_curated_entries_cannot_claim_to_be_imported(fixture_registry):
    p = fixture_registry / "networks" / "tiny_a.yaml"
    p.write_text(p.read_text() + "imported: {collection: timm, table: t, table_version: v, macs_counted_by: m}\n")
    res = run_build_py("--data", str(fixture_registry), "check")
    assert res.returncode == 1 and "tiny_a.yaml" in res.stderr and "imported: curated networks" in res.stderr


def test_real_imported_entries_carry_their_provenance():
    files = sorted((REAL_DATA / "imported" / "timm").glob("*.yaml"))
    assert len(files) == 1556  # every row of timm's joined table at aa4b5850
    for p in files[::50]:
        e = yaml.safe_load(p.read_text())
        assert e["imported"]["collection"] == "timm" and e["imported"]["table_version"] == "aa4b5850"
        for q in ("top1", "params_m", "macs_g"):
            assert e[q]["source"] == "timm" and e[q]["locator"].startswith("timm table, row ")
        assert e["macs_g"]["counted_by"].startswith("timm's inference benchmark")


def test_reading_tags_and_families():
    assert training_data("augreg_in21k_ft_in1k", True) == "imagenet-21k"
    assert training_data("laion2b_ft_in12k_in1k", True) == "laion"
    assert training_data("a1_in1k", False) == "imagenet-1k"
    assert family_of("resnet50d") == "resnet" and family_of("efficientnet_b0") == "efficientnet"
