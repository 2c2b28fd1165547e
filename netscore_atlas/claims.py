"""The NetScore paper's stated findings (Wong 2018, lines 200-206) beside what the registry's numbers give.

Each claim is split into conditions, each checked on the derived rows; where a claimed NetScore gap does
not follow, `implied_macs_factor` says how many times more MACs the second network would need for it.
"""

from __future__ import annotations

from collections.abc import Callable

from .metrics import DEFAULT_WEIGHTS
from .selection import REQUIRED, paper_set

Condition = tuple[str, Callable[[dict, dict], bool]]

PAPER_TOP3 = ["squeezenext_1_0_23v5", "condensenet_74_g8", "mobilenet_v2_1_0"]
TOP3_CLAIM = ("The top networks by NetScore are SqueezeNext (1.0-23v5), CondenseNet (G=C=8) and MobileNetV2 "
              "(lines 200-201).")


def claims(rows: list[dict]) -> list[dict]:
    """Every claim, in the order of the paper."""
    by_id = {r["id"]: r for r in rows}
    return [top3(rows, by_id), *(pair_claim(by_id, *pair) for pair in PAIRS)]


def top3(rows: list[dict], by_id: dict[str, dict]) -> dict:
    """The paper's top three by NetScore among its own networks, against ours."""
    members = paper_set(rows)
    scored = sorted((r for r in members if r["netscore"] is not None), key=lambda r: -r["netscore"])
    ours = [r["id"] for r in scored[:3]]
    return {"key": "top3", "claim": TOP3_CLAIM, "paper_ids": PAPER_TOP3, "ours": [by_id[i] for i in ours],
            "holds": ours == PAPER_TOP3, "unscored": sorted(r["name"] for r in members if r["netscore"] is None),
            "paper_rows": [by_id.get(i) for i in PAPER_TOP3]}


def implied_macs_factor(claimed_gap: float, netscore_diff: float) -> float | None:
    """How many times more MACs the second network would need for the claimed NetScore gap (None if the gap
    already holds): a factor of 10 in MACs moves NetScore by 20 gamma."""
    shortfall = claimed_gap - netscore_diff
    return 10 ** (shortfall / DEFAULT_WEIGHTS.macs_decade()) if shortfall > 0 else None


def pair_claim(by_id: dict[str, dict], a_id: str, b_id: str, claim: str, conditions: list[Condition],
               claimed_gap: float) -> dict:
    """A claim about two networks, split into its conditions, each checked on the registry's numbers."""
    a, b = by_id.get(a_id), by_id.get(b_id)
    usable = a is not None and b is not None and all(x[k] is not None for x in (a, b) for k in REQUIRED)
    checked = [{"label": label, "holds": bool(test(a, b))} for label, test in conditions] if usable else []
    out = {"key": f"{a_id}-vs-{b_id}", "claim": claim, "a": a, "b": b, "usable": usable, "conditions": checked,
           "holds": usable and all(c["holds"] for c in checked)}
    if usable:
        out.update(params_ratio=a["params_m"] / b["params_m"], macs_ratio=b["macs_g"] / a["macs_g"],
                   netscore_diff=a["netscore"] - b["netscore"])
        out["implied_macs_factor"] = implied_macs_factor(claimed_gap, out["netscore_diff"])
    return out


PAIRS: list[tuple[str, str, str, list[Condition], float]] = [
    ("condensenet_74_g8", "zynqnet",
     "CondenseNet (G=C=8) has slightly lower information density than ZynqNet, ~2x lower computational "
     "complexity and much higher accuracy; its NetScore is higher by more than 4 units (lines 202-204).",
     [("information density lower than ZynqNet's", lambda a, b: a["info_density"] < b["info_density"]),
      ("ZynqNet needs about 2x the MACs (at least 1.5x)", lambda a, b: b["macs_g"] / a["macs_g"] >= 1.5),
      ("higher top-1", lambda a, b: a["top1"] > b["top1"]),
      ("NetScore higher by more than 4", lambda a, b: a["netscore"] - b["netscore"] > 4)], 4.0),
    ("mobilenet_v1_0_75_224", "squeezenet_v1_0",
     "MobileNetV1 (0.75-224) has more than 2x the parameters of SqueezeNet, so a much lower information "
     "density; SqueezeNet needs more than 26x the computation, with lower accuracy; MobileNetV1 (0.75-224)'s "
     "NetScore is higher by more than 14 units (lines 204-206).",
     [("more than 2x SqueezeNet's parameters", lambda a, b: a["params_m"] / b["params_m"] > 2),
      ("lower information density", lambda a, b: a["info_density"] < b["info_density"]),
      ("SqueezeNet needs more than 26x the MACs", lambda a, b: b["macs_g"] / a["macs_g"] > 26),
      ("higher top-1", lambda a, b: a["top1"] > b["top1"]),
      ("NetScore higher by more than 14", lambda a, b: a["netscore"] - b["netscore"] > 14)], 14.0),
]
