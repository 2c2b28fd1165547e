"""What the reported weights were trained on: the registry's `training_data` values and the three classes
the explorer and the leaderboard filter by.

`training_data` says which data (a small controlled vocabulary, in data/schema/network.schema.json);
its class says what a reader filters on:

- `imagenet-1k`: ImageNet-1k only: the ImageNet-1k training set, its labels, no teacher.
- `distilled`: ImageNet-1k images only, but trained on a teacher network's outputs (knowledge distillation).
- `extra-data`: images or labels beyond ImageNet-1k were used (pre-training, semi-supervised data,
  image-text pairs); this wins over `distilled` when both hold.

The schema's enum and its description are checked against this table (tests/test_training_data.py).
"""

from __future__ import annotations

IMAGENET_1K, DISTILLED, EXTRA_DATA = "imagenet-1k", "distilled", "extra-data"

# class -> label shown by filters, in the order filters list them
CLASSES = {IMAGENET_1K: "ImageNet-1k only", EXTRA_DATA: "extra data", DISTILLED: "distilled"}

# training_data value -> (class, what the value means)
TRAINING_DATA = {
    "imagenet-1k": (IMAGENET_1K, "ImageNet-1k's training set and labels alone (self-supervised pre-training on those images included), no teacher"),
    "distillation": (DISTILLED, "ImageNet-1k images only, trained on a teacher network's outputs (knowledge distillation; the teacher's own data named in notes where known)"),
    "imagenet-21k": (EXTRA_DATA, "ImageNet-21k (ImageNet-22k), its ImageNet-12k subset, or images mined from it"),
    "jft": (EXTRA_DATA, "Google's JFT-300M or JFT-3B"),
    "laion": (EXTRA_DATA, "LAION-400M or LAION-2B image-text pairs"),
    "instagram": (EXTRA_DATA, "Instagram images (IG-1B/IG-3.5B weakly supervised, SWAG, SEER)"),
    "other": (EXTRA_DATA, "other data beyond ImageNet-1k (OpenAI's CLIP data, WebLI, YFCC100M, merged sets): named in notes or the import's reading"),
}

# training_data value -> the words a table cell shows
LABELS = {"imagenet-1k": "ImageNet-1k", "distillation": "ImageNet-1k, distilled", "imagenet-21k": "ImageNet-21k",
          "jft": "JFT", "laion": "LAION", "instagram": "Instagram", "other": "other data"}


def training_class(training_data: str | None) -> str | None:
    """The filter class of a training_data value: 'imagenet-1k', 'distilled' or 'extra-data' (None if unknown)."""
    entry = TRAINING_DATA.get(training_data) if isinstance(training_data, str) else None
    return entry[0] if entry else None


def schema_description() -> str:
    """The schema's description of training_data, written from this table."""
    values = "; ".join(f"'{value}' ({CLASSES[cls]}): {meaning}" for value, (cls, meaning) in TRAINING_DATA.items())
    return ("Data the reported weights were trained on, so the site can filter by it. Each value belongs to one of three "
            "classes the explorer and the leaderboard filter by: ImageNet-1k only, extra data, distilled (extra data wins "
            f"when both hold). Values: {values}.")


def label(training_data: str | None) -> str:
    """The words a table shows for a training_data value ('ImageNet-21k'); a dash when unknown."""
    return LABELS.get(training_data, "–") if isinstance(training_data, str) else "–"
