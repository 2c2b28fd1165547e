"""The MAC-budget explorer: the data the page embeds, and the defaults its controls start from.

The browser recomputes every metric from these raw values with the same formulas
as metrics.py (site_src/assets/javascripts/explorer.js); a browser test checks
that both agree for several alpha, beta, gamma.
"""

from __future__ import annotations

import json

from .charts import family_styles
from .limits import MACS_PER_PARAM_MAX, MACS_PER_PARAM_MIN
from .metrics import DEFAULT_WEIGHTS
from .selection import curated

# The metrics a user may rank by on the explorer, in the order of the menu.
EXPLORER_METRICS = ("netscore", "top1", "info_density", "top1_per_gmac")


def explorer_payload(rows: list[dict], version: dict) -> dict:
    usable = [r for r in rows if r["top1"] is not None and r["params_m"] is not None and r["macs_g"] is not None]
    return {
        "version": version["short_hash"],
        "networks": [{k: r[k] for k in ("id", "name", "family", "year", "top1", "top5", "params_m", "macs_g", "sets",
                                        "training_data", "collection")}
                     for r in usable],
        "collections": sorted({r["collection"] for r in usable}),
        "incomplete": len(rows) - len(usable),
        "styles": {f: list(s) for f, s in family_styles(curated(rows)).items()},
        "groups": {r["family"]: r.get("group") or r["family"] for r in rows},
        "defaults": {"metric": "netscore", "alpha": DEFAULT_WEIGHTS.alpha, "beta": DEFAULT_WEIGHTS.beta, "gamma": DEFAULT_WEIGHTS.gamma},
        "metrics": list(EXPLORER_METRICS),
        "limits": {"macs_per_param_min": MACS_PER_PARAM_MIN, "macs_per_param_max": MACS_PER_PARAM_MAX},
    }


def explorer_json(rows: list[dict], version: dict) -> str:
    return json.dumps(explorer_payload(rows, version), ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
