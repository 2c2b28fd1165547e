"""Safe YAML reading that remembers the line of every field.

Only PyYAML's safe loader is used. Aliases are refused (they are never needed
in the registry, and a few nested aliases can expand to gigabytes), duplicate
keys are refused (PyYAML would silently keep the last), files must be UTF-8 and
at most MAX_BYTES long.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 256 * 1024
# libyaml's safe loader where PyYAML was built with it (it keeps line marks too), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a field path: ("top1", "alternatives", 0, "value")


@dataclass
class YamlDoc:
    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """Line of the field at `path`, or of its nearest parent that exists."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def field_name(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Read one YAML file. Returns the document or the problems that stop it."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown_as, None, "", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})")]
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str) -> tuple[YamlDoc | None, list[Problem]]:
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(shown_as, None, {(): 1}), []
        problems = _one_alias_problem(_check_nodes(node, shown_as, (), set()))
        if problems:
            return None, problems
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, [Problem(shown_as, line, "", f"YAML syntax error: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown_as, None, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    doc = YamlDoc(shown_as, data, {(): node.start_mark.line + 1})
    _record_lines(node, (), doc.lines)
    return doc, []


def _one_alias_problem(problems: list[Problem]) -> list[Problem]:
    """A file full of aliases (a YAML bomb) gets one message, at the first alias, not one per use."""
    aliases = [p for p in problems if "aliases" in p.message]
    if len(aliases) <= 1:
        return problems
    first = aliases[0]
    merged = Problem(first.file, first.line, first.field, f"{first.message} ({len(aliases)} alias uses in this file)")
    return [merged] + [p for p in problems if "aliases" not in p.message]


def _check_nodes(node: yaml.Node, file: str, path: Path_, seen: set[int], line: int | None = None) -> list[Problem]:
    """Refuse aliases (a node met twice) and duplicate keys; `line` is where the node is used."""
    if id(node) in seen:
        return [Problem(file, line or node.start_mark.line + 1, field_name(path), "YAML aliases (*name) are not allowed in the registry")]
    seen.add(id(node))
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key == "<<":
                problems.append(Problem(file, key_node.start_mark.line + 1, field_name(path), "YAML merge keys (<<) are not allowed"))
                continue
            if key in keys:
                problems.append(Problem(file, key_node.start_mark.line + 1, field_name(path + (key,)), "duplicate key"))
            keys.add(key)
            problems += _check_nodes(value_node, file, path + (key,), seen, key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _check_nodes(item, file, path + (i,), seen)
    return problems


def _record_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = path + (key_node.value,)
            lines[child] = key_node.start_mark.line + 1
            _record_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _record_lines(item, path + (i,), lines)
