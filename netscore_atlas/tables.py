"""Reading a library's CSV table (timm's results, benchmark and robustness files, ...) for an importer.

`read_table` reads the whole file first and checks it before anyone uses a row: UTF-8 without a
byte-order mark, a header with every column the importer needs (no blank or repeated names), every
row as long as the header, numbers where numbers are expected (finite; a thousands separator as in
timm's `"1,014.45"` is accepted), no control characters in text. Every problem is collected with the
file, its line and the column, and raised once as TableError, so an importer changes nothing when its
table is malformed. The csv module does the parsing (quoted cells may hold commas and newlines).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

MAX_BYTES = 64 * 1024 * 1024  # timm's largest results table is about 300 KB
MAX_PROBLEMS = 50  # shown in full; the rest are counted
TEXT, NUMBER, INTEGER = "text", "number", "integer"
_BOMS = ((codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
         (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"))
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)  # 1,014.45 (thousands separators)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)  # ASCII digits only (no Arabic-Indic digits)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its name in the header, what its cells hold, and whether a cell may be empty."""

    name: str
    kind: str = TEXT  # TEXT, NUMBER (float) or INTEGER
    optional: bool = False  # an empty cell is allowed (read as None)


@dataclass(frozen=True)
class Row:
    line: int  # line of the file where the row starts (the header is line 1)
    number: int  # 1 for the first row after the header
    cells: dict  # column -> value: str for text, float or int for declared numbers, None for an empty optional cell

    def __getitem__(self, column: str):
        return self.cells[column]

    def where(self) -> str:
        return f"row {self.number} (line {self.line})"


@dataclass
class Table:
    path: Path
    shown_as: str
    columns: tuple[str, ...]  # the header, in order
    rows: list[Row] = field(default_factory=list)


class TableError(ValueError):
    """Every problem of a table, raised once; nothing was read from it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {problems[0].file if problems else 'the table'}")

    def report(self) -> str:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(self.problems) - MAX_PROBLEMS:,} more problem(s)")
        return "\n".join(shown)


def read_table(path: Path, columns: Sequence[Column], shown_as: str | None = None, allow_empty: bool = False,
               row_check: Callable[[Row, str], list[Problem]] | None = None) -> Table:
    """Read and check a CSV table; raise TableError listing every problem (file, line, column).
    `row_check(row, shown_as)` adds an importer's own checks of each well-formed row to the same report."""
    path = Path(path)
    shown = shown_as or str(path)
    text = _decode(path, shown)
    problems: list[Problem] = []
    records = _records(text, shown, problems)
    if not records:
        raise TableError(problems or [Problem(shown, None, "", "the table is empty: no header, no rows")])
    header_line, header = records[0]
    problems += _header_problems(header, columns, shown, header_line)
    if problems:
        raise TableError(problems)
    table = Table(path, shown, tuple(header))
    spec = {c.name: c for c in columns}
    for number, (line, cells) in enumerate(records[1:], 1):
        row, found = _row(header, cells, spec, shown, line, number)
        if row is not None and row_check is not None:
            found = row_check(row, shown)
        problems += found
        if row is not None:
            table.rows.append(row)
    if not records[1:] and not allow_empty:
        problems.append(Problem(shown, header_line, "", "the table has a header but no rows"))
    if problems:
        raise TableError(problems)
    return table


def _decode(path: Path, shown: str) -> str:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise TableError([Problem(shown, None, "", "not a regular file")])
        if size > MAX_BYTES:
            raise TableError([Problem(shown, None, "", f"the file is {size:,} bytes; the limit is {MAX_BYTES:,}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError([Problem(shown, None, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise TableError([Problem(shown, 1, "", f"the file starts with a {encoding} byte-order mark (BOM): "
                                                    "save it as UTF-8 without a BOM")])
    problems = []
    for i, line in enumerate(raw.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start:exc.start + 1]
            problems.append(Problem(shown, i, "", f"not valid UTF-8 (byte {bad!r} at column {exc.start + 1}; "
                                                  "Latin-1 or another encoding?): save the table as UTF-8"))
    if problems:
        raise TableError(problems)
    return raw.decode("utf-8")


def _records(text: str, shown: str, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    """(line where the record starts, cells) for every non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out, start = [], 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return out
        except csv.Error as exc:
            problems.append(Problem(shown, reader.line_num or start, "", f"not a well-formed CSV record: {exc}"))
            return out
        if cells and not (len(cells) == 1 and cells[0] == ""):
            out.append((start, cells))
        start = reader.line_num + 1


def _header_problems(header: list[str], columns: Sequence[Column], shown: str, line: int) -> list[Problem]:
    out = []
    seen: set[str] = set()
    for i, name in enumerate(header, 1):
        if not name.strip():
            out.append(Problem(shown, line, "", f"header cell {i} is blank: every column needs a name"))
        elif name in seen:
            out.append(Problem(shown, line, name, f"column {name!r} appears twice in the header"))
        seen.add(name)
    missing = [c.name for c in columns if c.name not in seen]
    if missing:
        out.append(Problem(shown, line, "", f"the header lacks column(s) {', '.join(missing)} "
                                            f"(it has: {', '.join(header)})"))
    return out


def _row(header: list[str], cells: list[str], spec: dict, shown: str, line: int, number: int) -> tuple[Row | None, list[Problem]]:
    where = f"row {number}"
    if len(cells) != len(header):
        side = "short" if len(cells) < len(header) else "long"
        return None, [Problem(shown, line, "", f"{where} is {side}: {len(cells)} cell(s), the header has {len(header)}")]
    problems, values = [], {}
    for name, cell in zip(header, cells):
        column = spec.get(name)
        value, message = _cell(cell, column) if column else (cell, "")  # columns nobody reads stay as they are
        if message:
            problems.append(Problem(shown, line, name, f"{where}: {message}"))
        values[name] = value
    return (Row(line, number, values) if not problems else None), problems


def _cell(cell: str, column: Column) -> tuple[object, str]:
    """The cell's value and '', or None and what is wrong with it."""
    if _CONTROL.search(cell):
        return None, f"the cell {cell!r} holds a control character"
    text = cell.strip()
    if not text:
        return None, ("" if column.optional else "the cell is empty")
    if column.kind == TEXT:
        return text, ""
    return parse_number(text, column.kind)


def parse_number(text: str, kind: str = NUMBER) -> tuple[float | int | None, str]:
    """A table's number: '12.5', '1e-3', '1,014.45'; integers for INTEGER. Returns (value, '') or (None, why not)."""
    if kind == INTEGER:
        if _INTEGER.fullmatch(text):
            return int(text), ""
        return None, f"{text!r} is not a whole number"
    if _PLAIN_NUMBER.fullmatch(text) or _GROUPED_NUMBER.fullmatch(text):
        value = float(text.replace(",", ""))
        if math.isfinite(value):
            return value, ""
        return None, f"{text!r} is out of range"
    return None, f"{text!r} is not a number"
