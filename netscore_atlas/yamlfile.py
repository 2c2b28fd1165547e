"""Safe YAML reading that remembers the line of every field.

Only PyYAML's safe loader is used. Aliases are refused (they are never needed
in the registry, and a few nested aliases can expand to gigabytes), duplicate
keys are refused (PyYAML would silently keep the last), and so are keys that are
not text. Files must be regular files inside the registry (a symbolic link may
point within it), UTF-8, at most MAX_BYTES long (checked before reading) and
nested at most MAX_DEPTH deep (checked before the document is built: libyaml
builds it recursively and crashes the interpreter at about 50,000 levels).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32  # a network file nests 5 deep (top1 > alternatives > item > field)
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


def read_text(path: Path, shown_as: str, root: Path | None = None) -> tuple[str | None, list[Problem]]:
    """The text of one registry file, or the problem that stops it: a missing file, a folder, a pipe or device
    (reading one would hang or never end), a symbolic link that leads nowhere, in a loop or out of `root`,
    a file over MAX_BYTES (never read whole), bytes that are not UTF-8."""
    def problem(message: str, line: int | None = None):
        return None, [Problem(shown_as, line, "", message)]

    try:
        info = path.lstat()
    except FileNotFoundError:
        return problem("the file is missing")
    except OSError as exc:
        return problem(f"cannot be read: {exc.strerror}")
    target = path
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return problem(f"a symbolic link to {os.readlink(path)!r}, which does not exist")
        except (RuntimeError, OSError):
            return problem("a symbolic link in a loop (it leads back to itself)")
        if root is not None and not target.is_relative_to(Path(root).resolve()):
            return problem(f"a symbolic link to {target}, outside the registry folder: refused")
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return problem(f"cannot be read: {exc.strerror}")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return problem("a folder where a file was expected")
        if not stat.S_ISREG(info.st_mode):
            return problem("not a regular file (a pipe, device or socket): refused")
        if info.st_size > MAX_BYTES:
            return problem(f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}")
        chunks, size = [], 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        return problem(f"file is over {MAX_BYTES:,} bytes, the limit")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return problem(f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})", line)


def read_yaml(path: Path, shown_as: str, root: Path | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    """Read one YAML file of the registry folder `root`. Returns the document or the problems that stop it."""
    text, problems = read_text(path, shown_as, root)
    if text is None:
        return None, problems
    return parse_yaml(text, shown_as)


_CHAIN = re.compile(r"^[ \t]*((?:[-?:](?:[ \t]+|$))+)", re.MULTILINE)


def _depth_bound(text: str) -> int:
    """A cheap upper bound of a document's nesting: every flow level needs a bracket, every block level more
    indentation or one more indicator at the start of a line."""
    indent = max((len(line) - len(line.lstrip(" \t")) for line in text.split("\n")), default=0)
    chain = max((chain.count("-") + chain.count("?") + chain.count(":") for chain in _CHAIN.findall(text)), default=0)
    return text.count("[") + text.count("{") + 2 * indent + 2 * chain + 4


def _too_deep(text: str) -> int | None:
    """The line where nesting first goes past MAX_DEPTH, or None. Reads parser events (libyaml keeps its own
    stack for them), never builds the document."""
    if _depth_bound(text) <= MAX_DEPTH:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def parse_yaml(text: str, shown_as: str) -> tuple[YamlDoc | None, list[Problem]]:
    loader = SAFE_LOADER(text)
    try:
        deep = _too_deep(text)
        if deep is not None:
            return None, [Problem(shown_as, deep, "", f"nested more than {MAX_DEPTH} levels deep: the registry never needs that")]
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
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = key if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                kind = key_node.tag.rsplit(":", 1)[-1] if isinstance(key_node, yaml.ScalarNode) else "a collection"
                problems.append(Problem(file, key_node.start_mark.line + 1, field_name(path),
                                        f"the key {shown!r} is read as {kind}, not text: keys must be text (quote it)"))
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
