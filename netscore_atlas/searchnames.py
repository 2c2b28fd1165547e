"""The spellings people type for a network's name, for the site's search.

Material's search splits words at spaces and hyphens only, so "ResNet-50" is found by "resnet 50" but not by
"resnet50". Each network page carries these spellings in a short line
of its own (its only section in the search index: the tables are left out of it).
"""

from __future__ import annotations

import re

_PAREN = re.compile(r"\s*\([^)]*\)")
_SEPARATORS = re.compile(r"[\s\-_./,:=+()]+")


def spellings(name: str, nid: str) -> list[str]:
    """Lower-case spellings of a name beyond the name itself: run together and spaced, without what is in
    parentheses. "ResNet-50" -> ["resnet50", "resnet 50"]; "MobileNetV2 1.0" -> ["mobilenetv210", "mobilenetv2 1 0"].

    Kept to these two on purpose: with more spellings (split at case changes, the id), Material's search
    worker (lunr 2.3.9) threw "Cannot read properties of undefined (reading '_index')" on every query starting
    with "c", "co" or "v" (found by running the worker in Node over the built index; the cause looks like
    lunr's token automaton, whose node keys join edge labels and node ids without a separator, so words mixing
    letters and digits can merge states). tests/test_browser_search.py probes the built index with that worker."""
    words = [w for w in _SEPARATORS.split(_PAREN.sub("", name)) if w]
    seen = {name.lower(), nid}
    out = ["".join(words).lower(), " ".join(words).lower()]
    return [s for s in dict.fromkeys(out) if s and s not in seen]


# A library row or an imported entry's name as the importers write them: "<model name>[.<weight tag>]" and then
# " at <n> px" (the table's row) or " (<library>, <n> px)" (the entry's name); timm's model names.
MODEL_ROW = re.compile(r"([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]+)?(?: at \d+ px| \([^()]*, \d+ px\))?$")


def model_name(text: str) -> str:
    """The library's model name in an imported row's text ("convnext_tiny" of "convnext_tiny.fb_in22k_ft_in1k at
    224 px"); any other text is returned whole, to be shown as it stands."""
    model = MODEL_ROW.match(text)
    return model.group(1) if model else text


def collection_family(row: dict) -> str:
    """An imported row's family without its collection's prefix ("convnext" of "timm: convnext" in imported:timm)."""
    prefix = row["collection"].split(":", 1)[-1] + ": "
    return row["family"][len(prefix):] if row["family"].startswith(prefix) else row["family"]


def architectures(members: list[dict], nets: dict) -> list[tuple[str, list[str]]]:
    """An imported collection's architectures by family: [(family, [architecture, ...])], sorted. The
    architecture is the library's model name, the row's name before its weight tag ("convnext_tiny" of
    "convnext_tiny.fb_in22k_ft_in1k"), so that search finds the weights of an architecture."""
    by_family: dict[str, set[str]] = {}
    for row in members:
        imported = nets[row["id"]].get("imported") or {}
        by_family.setdefault(collection_family(row), set()).add(model_name(str(imported.get("row") or row["name"])))
    return [(family, sorted(archs)) for family, archs in sorted(by_family.items())]
