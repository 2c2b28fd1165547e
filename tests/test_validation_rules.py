"""One failing example per validation rule: each message names the file, the line and the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netscore_atlas.load import read_registry
from netscore_atlas.problems import ERROR, WARNING
from netscore_atlas.validate import validate

TODAY = dt.date(2026, 11, 22)


def problems(root: Path):
    registry, found = read_registry(root)
    if registry is not None:
        found += validate(registry, TODAY)
    return found


def edit(root: Path, nid: str, old: str, new: str) -> None:
    path = root / "networks" / f"{nid}.yaml"
    text = path.read_text()
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1))


def line_of(root: Path, nid: str, needle: str) -> int:
    lines = (root / "networks" / f"{nid}.yaml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def only(found, level=ERROR):
    return [p for p in found if p.level == level]


def test_fixture_registry_is_clean(fixture_registry):
    assert problems(fixture_registry) == []


def assert_one(found, file_end: str, field: str, words: str, line: int | None = None, level=ERROR):
    hits = [p for p in found if p.level == level and p.file.endswith(file_end) and p.field == field and words in p.message]
    assert hits, "no such problem in:\n" + "\n".join(map(str, found))
    if line is not None:
        assert hits[0].line == line, str(hits[0])
    text = str(hits[0])
    assert file_end in text and field in text


@pytest.mark.parametrize("old,new,field,words", [
    ("top1: {value: 60.0", "top1: {value: 101.0", "top1.value", "(0, 100]"),
    ("top1: {value: 60.0", "top1: {value: 0", "top1.value", "greater than 0"),
    ("params_m: {value: 1.0", "params_m: {value: -1.0", "params_m.value", "greater than 0"),
    ("macs_g: {value: 0.2", "macs_g: {value: 0", "macs_g.value", "greater than 0"),
    ("year: 2016", "year: 2031", "year", "in the future"),
    ("year: 2016", "year: '2016'", "year", "is not of type 'integer'"),
    ("id: tiny_a", "id: tiny_z", "id", "must equal the file name"),
    ("paper: fixture", "paper: nosuch", "paper", "unknown source 'nosuch'"),
    ("top1: {value: 60.0, source: fixture", "top1: {value: 60.0, source: nosuch", "top1.source", "unknown source"),
    ("training_data: imagenet-1k", "training_data: imagenet-22k", "training_data", "is not one of"),
    ("params_m: {value: 1.0", "params_m: {value: 25000000", "params_m.value", "params_m is in millions"),
    ("macs_g: {value: 0.2", "macs_g: {value: 200000", "macs_g.value", "in billions"),
    ("family: Tiny", "family: Tiny\ncolour: red", "colour", "unknown field"),
    ("resolution: 224\n", "", "resolution", "resolution is required"),
    ("top1: {value: 60.0, source: fixture, locator: Table 1}\n", "", "top1", "give a sourced value, or say why"),
])
def test_rule(fixture_registry, old, new, field, words):
    edit(fixture_registry, "tiny_a", old, new)
    found = problems(fixture_registry)
    assert_one(found, "networks/tiny_a.yaml", field, words)
    assert all(p.file for p in found)


def test_error_names_the_line(fixture_registry):
    edit(fixture_registry, "tiny_a", "top1: {value: 60.0", "top1: {value: 101.0")
    assert_one(problems(fixture_registry), "tiny_a.yaml", "top1.value", "(0, 100]", line=line_of(fixture_registry, "tiny_a", "top1:"))


def test_top5_below_top1(fixture_registry):
    edit(fixture_registry, "tiny_b", "params_m:", "top5: {value: 65.0, source: fixture, locator: T1}\nparams_m:")
    assert_one(problems(fixture_registry), "tiny_b.yaml", "top5.value", "below top-1", line=line_of(fixture_registry, "tiny_b", "top5:"))


def test_top5_over_100(fixture_registry):
    edit(fixture_registry, "tiny_b", "params_m:", "top5: {value: 100.5, source: fixture, locator: T1}\nparams_m:")
    assert_one(problems(fixture_registry), "tiny_b.yaml", "top5.value", "(0, 100]")


def test_duplicate_id_across_files(fixture_registry):
    text = (fixture_registry / "networks" / "tiny_a.yaml").read_text().replace('name: Tiny A', 'name: Tiny Copy')
    (fixture_registry / "networks" / "tiny_copy.yaml").write_text(text)
    found = problems(fixture_registry)
    assert_one(found, "tiny_copy.yaml", "id", "duplicate id 'tiny_a'")
    assert_one(found, "tiny_copy.yaml", "id", "must equal the file name")


def test_duplicate_name(fixture_registry):
    edit(fixture_registry, "tiny_b", "name: Tiny B", "name: tiny  a")
    assert_one(problems(fixture_registry), "tiny_b.yaml", "name", "duplicate name")


def test_yaml_syntax_error_names_line(fixture_registry):
    edit(fixture_registry, "mid_c", "family: Mid", "family: [Mid")
    found = problems(fixture_registry)
    hits = [p for p in found if p.file.endswith("mid_c.yaml") and "YAML syntax error" in p.message]
    assert hits and hits[0].line is not None


def test_problems_in_several_files_are_all_reported(fixture_registry):
    edit(fixture_registry, "tiny_a", "top1: {value: 60.0", "top1: {value: 101.0")
    edit(fixture_registry, "big_e", "year: 2019", "year: 2099")
    edit(fixture_registry, "mid_c", "family: Mid", "family: [Mid")
    files = {Path(p.file).name for p in only(problems(fixture_registry))}
    assert {"tiny_a.yaml", "big_e.yaml", "mid_c.yaml"} <= files


def test_aliases_are_refused(fixture_registry):
    (fixture_registry / "networks" / "tiny_a.yaml").write_text(
        "id: &x tiny_a\nname: *x\nfamily: T\nyear: 2016\npaper: fixture\ntraining_data: imagenet-1k\n")
    assert_one(problems(fixture_registry), "tiny_a.yaml", "name", "aliases", line=2)


def test_yaml_bomb_is_refused_quickly(fixture_registry):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    (fixture_registry / "networks" / "tiny_a.yaml").write_text(bomb)
    assert any("aliases" in p.message for p in problems(fixture_registry))


def test_duplicate_key(fixture_registry):
    edit(fixture_registry, "tiny_a", "family: Tiny", "family: Tiny\nfamily: Other")
    assert_one(problems(fixture_registry), "tiny_a.yaml", "family", "duplicate key")


def test_non_utf8_bytes(fixture_registry):
    path = fixture_registry / "networks" / "tiny_a.yaml"
    path.write_bytes(path.read_bytes().replace(b"Tiny A", b"Tiny \xff"))
    found = problems(fixture_registry)
    assert any(p.file.endswith("tiny_a.yaml") and "UTF-8" in p.message and p.line == 3 for p in found), found


def test_oversized_file(fixture_registry):
    path = fixture_registry / "networks" / "tiny_a.yaml"
    path.write_text(path.read_text() + "notes: '" + "x" * 300_000 + "'\n")
    assert any(p.file.endswith("tiny_a.yaml") and "limit" in p.message for p in problems(fixture_registry))


def test_empty_registry(fixture_registry):
    for path in (fixture_registry / "networks").iterdir():
        path.unlink()
    assert any("no networks" in p.message for p in problems(fixture_registry))


def test_link_must_be_http(fixture_registry):
    edit(fixture_registry, "tiny_a", "family: Tiny", "family: Tiny\nlinks:\n  - {title: x, url: 'javascript:alert(1)'}")
    assert_one(problems(fixture_registry), "tiny_a.yaml", "links[0].url", "not an http(s) URL")


def test_source_url_must_be_http(fixture_registry):
    path = fixture_registry / "sources.yaml"
    path.write_text(path.read_text().replace("https://example.org/fixture", "javascript:alert(1)"))
    assert_one(problems(fixture_registry), "sources.yaml", "fixture.url", "not an http(s) URL")


def test_missing_and_present_at_once(fixture_registry):
    edit(fixture_registry, "tiny_a", "family: Tiny", "family: Tiny\nmissing:\n  top1: The paper gives none at all.")
    assert_one(problems(fixture_registry), "tiny_a.yaml", "missing.top1", "also listed as missing")


def test_warning_macs_per_parameter_out_of_range(fixture_registry):
    # 1000 * 200 G / 1 M = 200,000 MACs per parameter: far beyond real networks (AlexNet ~12, SqueezeNet ~690)
    edit(fixture_registry, "tiny_a", "macs_g: {value: 0.2", "macs_g: {value: 200")
    found = problems(fixture_registry)
    assert_one(found, "tiny_a.yaml", "macs_g.value", "MACs per parameter", level=WARNING)
    assert not only(found)  # a warning, not an error


def test_warning_alternative_twice_the_primary(fixture_registry):
    edit(fixture_registry, "mid_c", "macs_g: {value: 1.0, source: fixture, locator: Table 1, counted_by: paper}",
         "macs_g:\n  value: 1.0\n  source: fixture\n  locator: Table 1\n  counted_by: paper\n"
         "  alternatives:\n    - {value: 2.0, source: other, locator: T2}")
    assert_one(problems(fixture_registry), "mid_c.yaml", "macs_g.alternatives[0].value", "may be FLOPs", level=WARNING)


def test_warning_flops_reported_without_conversion(fixture_registry):
    edit(fixture_registry, "mid_c", "counted_by: paper}", "counted_by: paper, as_reported: 2.0 GFLOPs}")
    assert_one(problems(fixture_registry), "mid_c.yaml", "macs_g.as_reported", "reports FLOPs", level=WARNING)


def test_unknown_family(fixture_registry):
    edit(fixture_registry, "tiny_a", "family: Tiny", "family: Teeny")
    assert_one(problems(fixture_registry), "tiny_a.yaml", "family", "unknown family 'Teeny'", line=4)


def test_source_counting_two_flops_per_mac_needs_a_conversion(fixture_registry):
    path = fixture_registry / "sources.yaml"
    path.write_text(path.read_text().replace("  url: https://example.org/fixture", "  url: https://example.org/fixture\n  macs_convention: two-per-multiply-add"))
    found = problems(fixture_registry)
    assert_one(found, "tiny_a.yaml", "macs_g.conversion", "counts two FLOPs per multiply-add")
    edit(fixture_registry, "tiny_b", "counted_by: paper}", "counted_by: paper, conversion: FLOPs / 2}")
    assert not [p for p in problems(fixture_registry) if p.file.endswith("tiny_b.yaml")]


def test_every_mac_alternative_says_what_counted_it(fixture_registry):
    edit(fixture_registry, "mid_c", "macs_g: {value: 1.0, source: fixture, locator: Table 1, counted_by: paper}",
         "macs_g:\n  value: 1.0\n  source: fixture\n  locator: Table 1\n  counted_by: paper\n"
         "  alternatives:\n    - {value: 1.1, source: other, locator: T2}")
    assert_one(problems(fixture_registry), "mid_c.yaml", "macs_g.alternatives[0].counted_by", "'counted_by' is a required property")


# --- One resolution for a scored network (the PreResNet case: top-1 on a 320 px crop, MACs counted at 224 px) ---

def test_top1_and_macs_at_different_resolutions_is_an_error_that_names_the_fix(fixture_registry):
    edit(fixture_registry, "tiny_a", "counted_by: paper}", "counted_by: paper, resolution: 320}")
    found = only(problems(fixture_registry))
    assert_one(found, "tiny_a.yaml", "macs_g.resolution", "macs_g holds at 320 px but top1 at 224 px",
               line=line_of(fixture_registry, "tiny_a", "macs_g:"))
    (problem,) = [p for p in found if p.field == "macs_g.resolution"]
    assert "give macs_g at 224 px, or top1 at 320 px, from a source" in problem.message
    assert "record the quantity at the other resolution under missing" in problem.message


def test_a_top1_at_its_own_resolution_puts_parameters_and_macs_out_of_step(fixture_registry):
    # top1 states 320 px; params and MACs hold at the network's 224 px: both are named, each at its own line
    edit(fixture_registry, "tiny_a", "locator: Table 1}", "locator: Table 1, resolution: 320}")
    found = [p for p in only(problems(fixture_registry)) if "must hold at one resolution" in p.message]
    assert [(p.field, p.line) for p in found] == [("params_m", line_of(fixture_registry, "tiny_a", "params_m:")),
                                                  ("macs_g", line_of(fixture_registry, "tiny_a", "macs_g:"))]


def test_one_resolution_everywhere_or_an_unscored_network_passes(fixture_registry):
    edit(fixture_registry, "tiny_a", "locator: Table 1}", "locator: Table 1, resolution: 320}")
    edit(fixture_registry, "tiny_a", "params_m: {value: 1.0, source: fixture, locator: Table 1}",
         "params_m: {value: 1.0, source: fixture, locator: Table 1, resolution: 320}")
    edit(fixture_registry, "tiny_a", "counted_by: paper}", "counted_by: paper, resolution: 320}")
    assert [p for p in problems(fixture_registry) if "one resolution" in p.message] == []
    # an alternative at another resolution is fine: only the primaries are scored
    edit(fixture_registry, "tiny_a", "counted_by: paper, resolution: 320}",
         "counted_by: paper, resolution: 320, alternatives: [{value: 0.1, source: fixture, locator: T2, counted_by: x, resolution: 160}]}")
    assert [p for p in problems(fixture_registry) if "one resolution" in p.message] == []



# --- Every source records its licence and the date it was read ---

def _source(fixture_registry, old: str, new: str) -> None:
    path = fixture_registry / "sources.yaml"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))


@pytest.mark.parametrize("old, new, field, words", [
    ('  licence: CC BY 4.0\n', '', "fixture.licence", "'licence' is a required property"),
    ('  accessed: "2020-01-02"\n', '', "fixture.accessed", "'accessed' is a required property"),
    ('accessed: "2020-01-02"', 'accessed: "2020-02-30"', "fixture.accessed", "'2020-02-30' is not a date"),
    ('accessed: "2020-01-02"', 'accessed: "02/01/2020"', "fixture.accessed", "does not match the pattern"),
    ('accessed: "2020-01-02"', 'accessed: "2031-01-01"', "fixture.accessed", "2031-01-01 is in the future"),
    ('accessed: "2020-01-02"', 'accessed: 2020-01-02', "fixture.accessed", 'write the date in quotes ("2020-01-02")'),
    ('licence: CC BY 4.0', 'licence: ""', "fixture.licence", "is too short"),
])
def test_a_source_without_licence_or_reading_date_is_an_error(fixture_registry, old, new, field, words):
    _source(fixture_registry, old, new)
    assert_one(problems(fixture_registry), "sources.yaml", field, words)


def test_more_groups_than_chart_colours(fixture_registry):
    path = fixture_registry / "families.yaml"
    path.write_text(path.read_text() + "".join(f"Extra{i}: Group {i}\n" for i in range(1, 7)))  # 3 + 6 = 9 groups
    lines = path.read_text().splitlines()
    found = only(problems(fixture_registry))
    assert len(found) == 1 and found[0].file.endswith("families.yaml") and found[0].field == "Extra6"
    assert found[0].line == lines.index("Extra6: Group 6") + 1
    assert "9 groups, but the charts have colours for 8" in found[0].message


def test_more_families_in_a_group_than_marker_shapes(fixture_registry):
    path = fixture_registry / "families.yaml"
    path.write_text(path.read_text() + "".join(f"Extra{i}: Small things\n" for i in range(1, 11)))  # Tiny + 10
    found = only(problems(fixture_registry))
    assert len(found) == 1 and found[0].field == "Extra10" and "has 11 families" in found[0].message
