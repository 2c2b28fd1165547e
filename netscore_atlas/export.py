"""Data downloads: the full table as CSV and JSON, and its data dictionary."""

from __future__ import annotations

import csv
import io
import json
import re

from .derive import COLUMNS

# What a spreadsheet may read as the start of a formula: =, +, - or @, also after leading spaces, tabs, carriage
# returns or line breaks (which spreadsheets skip), and a leading tab or carriage return itself (OWASP's list).
FORMULA_START = re.compile(r"[\t\r\n ]*[=+\-@]|[\t\r]")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value  # text, never a formula in a spreadsheet
    return str(value)


def table_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(row.get(c.name)) for c in COLUMNS])
    return out.getvalue()


def dictionary_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column", "unit", "kind", "description"])
    for c in COLUMNS:
        writer.writerow([c.name, c.unit, c.kind, c.description])
    return out.getvalue()


def table_json(rows: list[dict], networks: list[dict], meta: dict) -> str:
    """Rows with computed values, plus each network's full provenance (alternatives, quotes, gaps)."""
    by_id = {n["id"]: n for n in networks}
    doc = {
        "registry": meta,
        "columns": [{"name": c.name, "unit": c.unit, "kind": c.kind, "description": c.description} for c in COLUMNS],
        "networks": [{"computed": {c.name: row.get(c.name) for c in COLUMNS if c.kind == "computed"},
                      "record": by_id[row["id"]]} for row in rows],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"  # strict JSON: no NaN
