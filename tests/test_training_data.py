"""The training-data vocabulary: one table (netscore_atlas/training.py) gives the schema's values, their meanings
and the three classes the explorer and the leaderboard filter by."""

from __future__ import annotations

from netscore_atlas.derive import COLUMNS, derive_table
from netscore_atlas.explorer import explorer_payload
from netscore_atlas.load import load_schema
from netscore_atlas.style import styles_of
from netscore_atlas.training import CLASSES, TRAINING_DATA, schema_description, training_class


def test_the_schema_lists_exactly_the_vocabulary_and_describes_every_value():
    spec = load_schema("network.schema.json")["properties"]["training_data"]
    assert spec["enum"] == list(TRAINING_DATA)
    assert spec["description"] == schema_description()
    for value, (cls, meaning) in TRAINING_DATA.items():
        assert f"'{value}' ({CLASSES[cls]}): {meaning}" in spec["description"]


def test_every_value_has_one_of_the_three_classes():
    assert set(CLASSES) == {"imagenet-1k", "extra-data", "distilled"}
    assert {cls for cls, _ in TRAINING_DATA.values()} == set(CLASSES)
    assert training_class("imagenet-1k") == "imagenet-1k" and training_class("distillation") == "distilled"
    assert {training_class(v) for v in ("imagenet-21k", "jft", "laion", "instagram", "other")} == {"extra-data"}
    assert training_class("imagenet-22k") is None and training_class(None) is None


def test_the_class_is_a_computed_column_in_the_downloads_and_the_explorer_data():
    nets = [{"id": "a", "name": "A", "family": "F", "paper": "p", "training_data": "instagram",
             "top1": {"value": 80.0}, "params_m": {"value": 10.0}, "macs_g": {"value": 1.0}}]
    (row,) = derive_table(nets)
    assert (row["training_data"], row["training_class"]) == ("instagram", "extra-data")
    assert next(c for c in COLUMNS if c.name == "training_class").kind == "computed"
    payload = explorer_payload([row], {"short_hash": "x"}, styles_of({"F": "G"}))
    assert payload["networks"][0]["training_class"] == "extra-data"


def test_every_value_has_the_words_a_table_shows():
    from netscore_atlas.training import LABELS, label

    assert set(LABELS) == set(TRAINING_DATA)
    assert label("imagenet-21k") == "ImageNet-21k" and label("distillation") == "ImageNet-1k, distilled"
    assert label(None) == "–" and label("imagenet-22k") == "–"
