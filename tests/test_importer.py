"""The import path, through the real command line: a library's table becomes imported entries with their provenance
and an honest training-data label, apart from the curated set; a malformed table, a bad --version or a table that would
silently drop entries changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_DATA, REAL_DATA, run_build_py
from netscore_atlas import importer
from netscore_atlas.importer import family_of, timm_training_data
from netscore_atlas.pipeline import load_valid_registry
from netscore_atlas.training import training_class

TABLES = Path(__file__).resolve().parent / "fixtures" / "timm"
RESULTS, METADATA = TABLES / "results.csv", TABLES / "metadata.csv"
TIMM_SOURCE = ("timm:\n  kind: misc\n  title: timm results\n  year: 2026\n  url: https://github.com/huggingface/pytorch-image-models\n"
               "  licence: Apache-2.0\n  accessed: \"2026-11-22\"\n")


def run_import(reg: Path, table: Path = RESULTS, *extra: str, version: str = "abc123", metadata: Path | None = METADATA):
    args = ["--data", str(reg), "import", "timm", "--table", str(table), f"--version={version}"]
    if metadata is not None:
        args += ["--metadata", str(metadata)]
    return run_build_py(*args, *extra)


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


@pytest.fixture
def imported(tmp_path) -> Path:
    """A copy of the fixture registry with the fixture table imported (7 entries) and the 'timm' source added."""
    reg = tmp_path / "registry"
    shutil.copytree(FIXTURE_DATA, reg)
    with open(reg / "sources.yaml", "a") as f:
        f.write(TIMM_SOURCE)
    res = run_import(reg)
    assert res.returncode == 0, res.stderr
    return reg


def entry(reg: Path, name: str) -> dict:
    return yaml.safe_load((reg / "imported" / "timm" / f"timm__{name}.yaml").read_text())


def test_import_writes_entries_with_provenance_and_they_validate(imported, tmp_path):
    files = sorted(p.name for p in (imported / "imported" / "timm").iterdir())
    assert files == ["timm__coatnet_0_rw_224_sw_in1k_224.yaml", "timm__deit_base_distilled_patch16_224_fb_in1k_224.yaml",
                     "timm__regnety_160_swag_ft_in1k_384.yaml", "timm__resnet50_a1_in1k_224.yaml", "timm__resnet50_a1_in1k_288.yaml",
                     "timm__vit_base_patch16_224_augreg_in1k_224.yaml", "timm__vit_base_patch16_224_augreg_in21k_ft_in1k_224.yaml"]
    e = entry(imported, "resnet50_a1_in1k_288")
    assert e["imported"] == {"collection": "timm", "table": e["imported"]["table"], "table_version": "abc123",
                             "macs_counted_by": e["macs_g"]["counted_by"], "row": "resnet50.a1_in1k at 288 px",
                             "training_data_from": "tag 'a1_in1k' names ImageNet-1k only; model_metadata-in1k.csv: 'in1k'"}
    assert (e["top1"]["value"], e["params_m"]["value"], e["macs_g"]["value"], e["resolution"]) == (81.24, 25.56, 6.8, 288)
    assert e["paper"] == "timm"
    assert entry(imported, "vit_base_patch16_224_augreg_in21k_ft_in1k_224")["params_m"]["value"] == 1086.57  # "1,086.57"
    assert (imported / "networks" / "tiny_a.yaml").is_file()  # the curated set is untouched
    curated = len(list((imported / "networks").glob("*.yaml")))
    assert len(load_valid_registry(imported).networks) == curated + 7  # every imported entry is valid
    again = tmp_path / "again"
    shutil.copytree(imported, again)
    res = run_import(again)
    assert res.returncode == 0, res.stderr
    assert "0 new, 0 changed, 7 unchanged, 0 removed" in res.stdout
    assert snapshot(again / "imported" / "timm") == snapshot(imported / "imported" / "timm")  # deterministic


def test_test_models_are_skipped_and_counted(imported):
    names = [p.name for p in (imported / "imported" / "timm").iterdir()]
    assert not [n for n in names if n.startswith("timm__test_")]
    res = run_import(imported)
    assert "skipped 1 library test model row(s) (test_*)" in res.stdout
    res = run_import(imported, TABLES / "malformed" / "test_models_only.csv")
    assert res.returncode == 1 and "no entries to import" in res.stderr


def test_training_data_is_read_from_the_tag_and_the_metadata_in_both_directions(imported):
    labels = {p.stem[len("timm__"):]: yaml.safe_load(p.read_text())["training_data"] for p in (imported / "imported" / "timm").iterdir()}
    assert labels == {
        "regnety_160_swag_ft_in1k_384": "instagram",  # metadata says in1k for the architecture; the tag names SWAG
        "coatnet_0_rw_224_sw_in1k_224": "imagenet-1k",  # the table's rough flag said extra data
        "deit_base_distilled_patch16_224_fb_in1k_224": "distillation",  # metadata: in1k-dist; the tag does not say
        "vit_base_patch16_224_augreg_in1k_224": "imagenet-1k",  # metadata's in21k is another weight of the architecture
        "vit_base_patch16_224_augreg_in21k_ft_in1k_224": "imagenet-21k",
        "resnet50_a1_in1k_224": "imagenet-1k", "resnet50_a1_in1k_288": "imagenet-1k"}


@pytest.mark.parametrize("arch, tag, pretrain, value", [
    ("regnety_1280", "seer_ft_in1k", None, "instagram"),
    ("resnext101_32x8d", "fb_swsl_ig1b_ft_in1k", None, "instagram"),
    ("vit_base_patch16_clip_224", "laion2b_ft_in12k_in1k", None, "laion"),
    ("vit_base_patch16_clip_224", "openai_ft_in12k_in1k", None, "other"),  # the pre-training data comes first in the tag
    ("eva_giant_patch14_224", "clip_ft_in1k", None, "other"),
    ("convnext_base", "clip_laion2b_augreg_ft_in12k_in1k", None, "laion"),  # 'clip' alone does not name the data
    ("tf_efficientnet_b0", "ns_jft_in1k", None, "jft"),
    ("eva02_large_patch14_448", "mim_m38m_ft_in22k_in1k", None, "other"),
    ("swin_base_patch4_window7_224", "ms_in22k_ft_in1k", "in21k", "imagenet-21k"),
    ("swin_base_patch4_window7_224", "ms_in1k", "in21k", "imagenet-1k"),
    ("hgnet_tiny", "ssld_in1k", None, "imagenet-21k"),  # SSLD adds images mined from ImageNet-22k
    ("hgnetv2_b0", "ssld_stage2_ft_in1k", None, "imagenet-21k"),
    ("nextvit_small", "bd_ssld_6m_in1k", None, "other"),
    ("tiny_vit_5m_224", "dist_in22k_ft_in1k", None, "imagenet-21k"),  # extra data wins over distillation
    ("levit_128", "fb_dist_in1k", "in1k-dist", "distillation"),
    ("resmlp_12_224", "fb_distilled_in1k", "in1k", "distillation"),
    ("pit_b_distilled_224", "in1k", "in1k-dist", "distillation"),
    ("edgenext_small", "usi_in1k", None, "distillation"),
    ("beitv2_base_patch16_224", "in1k_ft_in1k", None, "distillation"),
    ("cs3darknet_l", "c2ns_in1k", None, "imagenet-1k"),
    ("inception_resnet_v2", "tf_ens_adv_in1k", "in1k", "imagenet-1k"),
    ("hiera_base_224", "mae_in1k_ft_in1k", None, "imagenet-1k"),
])
def test_reading_a_timm_weight(arch, tag, pretrain, value):
    got, reading = timm_training_data(arch, tag, pretrain)
    assert got == value and f"tag '{tag}'" in reading


def test_families():
    assert family_of("resnet50d") == "resnet" and family_of("efficientnet_b0") == "efficientnet"


MALFORMED = {  # fixture -> what the error says (file, line, column)
    "empty.csv": "empty.csv: error: (file): the table is empty: no header, no rows",
    "header_only.csv": "header_only.csv:1: error: (file): the table has a header but no rows",
    "bom.csv": "bom.csv:1: error: (file): the file starts with a UTF-8 byte-order mark (BOM)",
    "latin1.csv": "latin1.csv:4: error: (file): not valid UTF-8 (byte b'\\xe9' at column 13",
    "missing_column.csv": "missing_column.csv:1: error: (file): the header lacks column(s) gmacs",
    "bad_numbers.csv": "bad_numbers.csv:5: error: top1: row 4: 812.0 is not an accuracy in % (0 to 100)",
    "short_row.csv": "short_row.csv:3: error: (file): row 2 is short: 6 cell(s), the header has 13",
    "bad_name.csv": "bad_name.csv:3: error: model: row 2: '[x](javascript:alert(1)).a1_in1k' is not a model name",
    "duplicate_id.csv": "duplicate_id.csv:3: error: model: row 2: gives the id timm__resnet50_a1_in1k_288 again (first given by row 1 (line 2))",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_table_is_refused_and_changes_nothing(imported, name):
    before = snapshot(imported / "imported" / "timm")
    res = run_import(imported, TABLES / "malformed" / name, "--replace")
    assert res.returncode == 1
    assert MALFORMED[name] in res.stderr and "nothing was written" in res.stderr
    assert "Traceback" not in res.stderr
    assert snapshot(imported / "imported" / "timm") == before


def test_every_bad_cell_is_reported_at_once(imported):
    res = run_import(imported, TABLES / "malformed" / "bad_numbers.csv")
    assert [line.split(": error: ")[1] for line in res.stderr.splitlines() if ": error: " in line] == [
        "top1: row 1: '81.2%' is not a number", "param_count_M: row 2: 'nan' is not a number",
        "img_size: row 3: '224.0' is not a whole number", "top1: row 4: 812.0 is not an accuracy in % (0 to 100)"]


def test_a_smaller_table_removes_entries_only_with_replace_and_says_how_many(imported, tmp_path):
    small = tmp_path / "small.csv"
    small.write_text("".join(RESULTS.read_text().splitlines(keepends=True)[:3]))  # header + the two resnet50 rows
    before = snapshot(imported / "imported" / "timm")
    res = run_import(imported, small)
    assert res.returncode == 1
    assert "the table would remove 5 of the 7 entries" in res.stderr and "--replace" in res.stderr
    assert snapshot(imported / "imported" / "timm") == before
    res = run_import(imported, small, "--replace")
    assert res.returncode == 0, res.stderr
    assert "imported 2 entries" in res.stdout and "5 removed (not in the new table)" in res.stdout
    assert sorted(snapshot(imported / "imported" / "timm")) == ["timm__resnet50_a1_in1k_224.yaml", "timm__resnet50_a1_in1k_288.yaml"]


@pytest.mark.parametrize("version", ["abc\nx: 1", "abc\rdef", "a b", "abc\x1b[2J", "", "-rf", "a" * 65, "v1.0;rm", "ab\u2028cd"])
def test_version_is_a_commit_or_version_string_only(imported, version):
    before = snapshot(imported / "imported" / "timm")
    res = run_import(imported, version=version)
    assert res.returncode == 1 and "--version must be a commit or version string" in res.stderr
    assert snapshot(imported / "imported" / "timm") == before


@pytest.mark.parametrize("version", ["aa4b5850", "v1.0.15", "1.0.0+local.2", "release_2026-08"])
def test_plain_versions_are_accepted(imported, version):
    res = run_import(imported, version=version)
    assert res.returncode == 0, res.stderr
    assert entry(imported, "resnet50_a1_in1k_224")["imported"]["table_version"] == version


def test_a_hand_edited_version_with_a_newline_fails_validation(imported):
    p = imported / "imported" / "timm" / "timm__resnet50_a1_in1k_224.yaml"
    p.write_text(p.read_text().replace("table_version: abc123", 'table_version: "abc\\nnotes: injected"'))
    res = run_build_py("--data", str(imported), "check")
    assert res.returncode == 1 and "imported.table_version" in res.stderr


def test_metadata_is_required_and_a_missing_table_is_an_error(imported, tmp_path):
    res = run_import(imported, metadata=None)
    assert res.returncode == 1 and "needs --metadata" in res.stderr
    res = run_import(imported, tmp_path / "absent.csv")
    assert res.returncode == 1 and "cannot read the file" in res.stderr and "Traceback" not in res.stderr
    res = run_build_py("--data", str(tmp_path), "import", "timm", "--table", str(RESULTS), "--metadata", str(METADATA), "--version", "a")
    assert res.returncode == 1 and "is not a registry folder" in res.stderr


def test_a_failure_while_writing_leaves_the_old_entries(imported, monkeypatch):
    before = snapshot(imported / "imported" / "timm")
    written = []

    def half_then_fail(root, files):
        for i, (rel, text) in enumerate(sorted(files.items())):
            if i == 3:
                raise OSError("disk full")
            (root / rel).write_text(text)
            written.append(rel)

    monkeypatch.setattr(importer, "write_files", half_then_fail)
    with pytest.raises(OSError):
        importer.import_table("timm", RESULTS, "other", imported, METADATA)
    assert written and snapshot(imported / "imported" / "timm") == before
    assert [p.name for p in (imported / "imported").iterdir()] == ["timm"]  # no temporary folder left behind


def test_curated_entries_cannot_claim_to_be_imported(fixture_registry):
    p = fixture_registry / "networks" / "tiny_a.yaml"
    p.write_text(p.read_text() + "imported: {collection: timm, table: t, table_version: v, macs_counted_by: m}\n")
    res = run_build_py("--data", str(fixture_registry), "check")
    assert res.returncode == 1 and "tiny_a.yaml" in res.stderr and "imported: curated networks" in res.stderr


# --- The registry's own import -------------------------------------------------------------------------

REAL = sorted((REAL_DATA / "imported" / "timm").glob("*.yaml"))


def test_real_imported_entries_carry_their_provenance():
    assert len(REAL) > 1000
    for p in REAL[::50]:
        e = yaml.safe_load(p.read_text())
        assert e["imported"]["collection"] == "timm" and e["imported"]["table_version"] == "aa4b5850"
        for q in ("top1", "params_m", "macs_g"):
            assert e[q]["source"] == "timm" and e[q]["locator"].startswith("timm table, row ")
        assert e["macs_g"]["counted_by"].startswith("timm's inference benchmark")


def test_real_imports_have_no_test_models_and_labels_that_follow_their_tags():
    extra_tokens = set(importer.EXTRA_DATA_TOKENS) | {"ssld"}
    for p in REAL:
        e = yaml.safe_load(p.read_text())
        model = e["imported"]["row"].split(" at ")[0]
        arch, tag = model.split(".", 1)
        assert not arch.startswith("test_"), p.name
        tokens = set(tag.split("_"))
        cls = training_class(e["training_data"])
        if tokens & extra_tokens:
            assert cls == "extra-data", p.name  # SWAG, SEER, IG-1B, in12k/21k/22k, LAION, CLIP, JFT, ... are extra data
        elif tokens & {"dist", "distilled"} or "distilled" in arch:
            assert cls == "distilled", p.name
        else:
            assert cls in ("imagenet-1k", "distilled"), p.name  # the tag names ImageNet-1k only
        assert e["imported"]["training_data_from"].startswith(f"tag '{tag}'")
