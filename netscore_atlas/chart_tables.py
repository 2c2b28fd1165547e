"""Each chart's data as a table: the rows under a chart on its page, and its CSV download."""

from __future__ import annotations

import csv
import io

from .charts import Chart
from .export import csv_cell
from .metrics import METRICS

OTHER_LABELS = {"name": "Network", "family": "Family", "pareto_macs": "Pareto (MACs)", "pareto_params": "Pareto (params)"}


def chart_points(figure: dict) -> list[str]:
    """Ids of the networks drawn as marks (bars or blobs) in a figure, in drawing order."""
    ids = []
    for trace in figure["data"]:
        if trace.get("mode") == "lines":
            continue
        ids += [cd[0] for cd in trace.get("customdata", [])]
    return ids


def column_label(key: str) -> str:
    if key in METRICS:
        m = METRICS[key]
        return f"{m.label} ({m.unit})" if m.unit else m.label
    return OTHER_LABELS.get(key, key)


def chart_table(figure: dict, chart: Chart, by_id: dict) -> dict:
    """The networks a figure draws, by name, with the chart's data columns."""
    ids = chart_points(figure)
    labels = dict(chart.labels)
    return {"columns": [{"key": c, "label": labels.get(c) or column_label(c)} for c in chart.data_columns],
            "rows": [[by_id[i]["id"]] + [by_id[i][c] for c in chart.data_columns]
                     for i in sorted(ids, key=lambda i: by_id[i]["name"].lower())]}


def chart_csv(rows: list[dict], figure: dict, chart: Chart, version: dict) -> str:
    """data/charts/<id>.csv: the chart's table, every row naming the registry version."""
    table = chart_table(figure, chart, {r["id"]: r for r in rows})
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id"] + [c["key"] for c in table["columns"]] + ["registry_version"])
    for r in table["rows"]:
        w.writerow([csv_cell(v) for v in r] + [version["cited"]])
    return buf.getvalue()
