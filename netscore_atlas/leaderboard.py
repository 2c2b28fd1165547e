"""The leaderboard: its columns, the URL parameters of its view, and each network's NetScore rank in each set.

The page opens ranked by NetScore with the paper's weights (metrics.DEFAULT_WEIGHTS): the rank is a network's place
among the networks of the chosen set that have all three values, ties sharing a place (ranking.rank_values). Its
filters are the explorer's (family, training data, years, with the same URL parameters, from explorer.VIEW_PARAMS)
and the browser applies them with the explorer's core (AtlasCore.admits, held to selection.Selection by the golden
cases): filters hide rows, they do not rank again. Sorting by a column, the filters and the text box live in the URL,
so a reload or a shared link shows the same table (site_src/assets/javascripts/leaderboard.js).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import mine, training
from .explorer import REPEATED, UNKNOWN, VIEW_PARAMS, Param
from .metrics import HIGHER, METRICS
from .ranking import rank_values
from .selection import CURATED, PAPER_SET, SETS, in_set
from .selection import SET_WORDS as ALL_SET_WORDS

LEADERBOARD_SETS = (CURATED, PAPER_SET)  # imported tables have pages of their own (imported/<collection>/)
SET_WORDS = {w: ALL_SET_WORDS[w] for w in LEADERBOARD_SETS}
RANK_METRIC = "netscore"


@dataclass(frozen=True)
class Column:
    """One column: its key (a row's field, or 'rank' / 'training'), its heading, number or text, the direction a
    first click sorts it in (the better first, for a metric that has a better)."""

    key: str
    heading: str
    kind: str = "num"
    first: str = "asc"


def _metric(key: str, heading: str = "") -> Column:
    m = METRICS[key]
    label = heading or m.label
    return Column(key, f"{label} ({m.unit})" if m.unit else label, "num", "desc" if m.better == HIGHER else "asc")


# In the order of the table: what a phone shows first (rank, name, NetScore, accuracy and cost), then the rest.
COLUMNS = (
    Column("rank", "Rank"),
    Column("name", "Network", "text"),
    _metric("netscore"), _metric("top1", "Top-1"), _metric("macs_g"), _metric("params_m", "Params"),
    Column("resolution", "Resolution (px)"),
    Column("training", "Training data", "text"),
    Column("family", "Family", "text"),
    Column("year", "Year"),
    _metric("top5", "Top-5"), _metric("info_density"), _metric("top1_per_gmac"),
    Column("pareto_macs", "Pareto (MACs)", "text", "desc"),
)
# The explorer's parameters the leaderboard shares (same name, same meaning); `set` is narrowed to its two sets.
SHARED = ("family", "training", "year_min", "year_max")
PARAMS = (
    Param("set", "choice", choices=LEADERBOARD_SETS, default=CURATED),
    *(p for p in VIEW_PARAMS if p.name in SHARED),
    Param("sort", "choice", choices=tuple(c.key for c in COLUMNS), default="rank"),
    Param("order", "choice", choices=("asc", "desc")),  # None: the column's first direction
)


OWN = ("rank", "name", "family", "year")  # a network's own fields in the payload, not repeated in its values


def cell_value(row: dict, key: str):
    """What a column sorts on."""
    if key == "training":
        return training.label(row.get("training_data"))
    if key == "pareto_macs":
        return None if row["pareto_macs"] is None else ("yes" if row["pareto_macs"] else "no")
    return row.get(key)


def set_ranks(rows: list[dict]) -> dict[str, dict[str, int | None]]:
    """set -> network id -> NetScore rank among the set's networks (None: no NetScore)."""
    return {which: rank_values({r["id"]: r[RANK_METRIC] for r in rows if in_set(r, which)}, METRICS[RANK_METRIC])
            for which in LEADERBOARD_SETS}


def ranked_rows(rows: list[dict]) -> list[dict]:
    """The curated rows as the page opens: by NetScore rank among the curated networks, unranked last, ties by name."""
    ranks = set_ranks(rows)[CURATED]
    chosen = [r for r in rows if in_set(r, CURATED)]
    return sorted(chosen, key=lambda r: (ranks[r["id"]] is None, ranks[r["id"]] or 0, r["name"]))


def payload(rows: list[dict]) -> dict:
    """What leaderboard.js reads: the spec of the view and each row's fields, values and ranks."""
    ranks = set_ranks(rows)
    chosen = ranked_rows(rows)
    defaults = {p.name: p.default for p in VIEW_PARAMS}
    return {
        "spec": {
            "params": [p.spec() for p in PARAMS], "shared": list(SHARED), "reasons": {"repeated": REPEATED, "unknown": UNKNOWN},
            "sets": {"all": list(SETS), "curated": CURATED, "paper": PAPER_SET},
            "view_defaults": defaults,
            "columns": [{"key": c.key, "kind": c.kind, "first": c.first} for c in COLUMNS],
            "set_words": SET_WORDS,
            "counts": {w: {"all": sum(1 for r in rows if in_set(r, w)),
                           "ranked": sum(1 for v in ranks[w].values() if v is not None)} for w in LEADERBOARD_SETS},
            "training": training.CLASSES,
            "families": sorted({r["family"] for r in chosen}),
            "number_pattern": mine.NUMBER_PATTERN, "space": mine.SPACE,  # how AtlasCore reads a number
        },
        "networks": [{"id": r["id"], "name": r["name"], "family": r["family"], "year": r["year"], "sets": r["sets"],
                      "collection": r["collection"], "training_class": r["training_class"],
                      "rank": {w: ranks[w].get(r["id"]) for w in LEADERBOARD_SETS},
                      "values": {c.key: cell_value(r, c.key) for c in COLUMNS if c.key not in OWN}} for r in chosen],
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
