"""Citations of charts: BibTeX and plain text, naming the registry version and the chart id."""

from __future__ import annotations

import re


def bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def chart_key(chart_id: str, version: dict) -> str:
    return "netscore_atlas_" + re.sub(r"[^a-z0-9]+", "_", f"{chart_id}_{version['version']}_{version['short_hash']}")


def chart_bibtex(chart, version: dict, url: str) -> str:
    year = version["date"][:4]
    return (f"@misc{{{chart_key(chart.id, version)},\n"
            f"  title        = {{{{NetScore Atlas}}: {bibtex_escape(chart.title)} (chart {bibtex_escape(chart.id)})}},\n"
            f"  howpublished = {{\\url{{{url}}}}},\n"
            f"  year         = {{{year}}},\n"
            f"  note         = {{Registry version {bibtex_escape(version['cited'])} ({version['date']}), chart id {bibtex_escape(chart.id)}}},\n"
            f"}}\n")


def chart_plain(chart, version: dict, url: str) -> str:
    return (f"NetScore Atlas, \u201c{chart.title}\u201d (chart {chart.id}), registry version {version['cited']} "
            f"({version['date']}). {url}")
