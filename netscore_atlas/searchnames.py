"""The spellings people type for a network's name, for the site's search.

Material's search splits words at spaces and hyphens only, so "ResNet-50" is found by "resnet 50" but not by
"resnet50", and "MobileNetV2" not by "mobilenet v2". Each network page carries these spellings in a short line
of its own (its only section in the search index: the tables are left out of it).
"""

from __future__ import annotations

import re

_PAREN = re.compile(r"\s*\([^)]*\)")
_SEPARATORS = re.compile(r"[\s\-_./,:=+()]+")
_VERSION = re.compile(r"(?<=[a-z])(?=[Vv]\d)")  # MobileNetV2 -> MobileNet V2
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # MobileNetV2 -> Mobile Net V2


def spellings(name: str, nid: str) -> list[str]:
    """Lower-case spellings of a name beyond the name itself: run together, spaced, split at case and digit
    changes, and the id's words. "MobileNetV2" -> ["mobilenetv2", "mobilenet v2", "mobile net v2", ...]."""
    out: list[str] = []
    for base in dict.fromkeys([_PAREN.sub("", name).strip(), name]):
        words = [w for w in _SEPARATORS.split(base) if w]
        out += ["".join(words).lower(), " ".join(words).lower()]
        for split in (_VERSION, _CAMEL):
            out.append(" ".join(p for w in words for p in split.split(w) if p).lower())
    out += [nid, nid.replace("_", " ")]
    seen = {name.lower()}
    return [s for s in dict.fromkeys(out) if s and s not in seen and not seen.add(s)]
