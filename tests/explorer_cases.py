"""Golden cases for the explorer's JavaScript core, written from the Python domain core.

`write(path)` writes every case as JSON; tests/js/explorer_core.test.js (run by `node --test` from
test_explorer_core.py) runs site_src/assets/javascripts/explorer-core.js on each input and compares with the
expected output computed here by netscore_atlas (metrics, ranking, pareto, selection, mine, rivals, charts,
export, markup). What the package has no reason to hold, the view's URL and its rows, is written below as the
reference: it composes the package's functions the way the explorer does.

Edge cases are the point: ties, missing values, out-of-range weights, empty views, a network of yours at either
extreme, and names JavaScript treats specially (constructor, __proto__, toString).
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl

from netscore_atlas import charts, limits, markup, mine, training
from netscore_atlas.explorer import EXPLORER_METRICS, REPEATED, UNKNOWN, VIEW_PARAMS, Param, fit_speed, spec
from netscore_atlas.export import csv_cell
from netscore_atlas.metrics import METRICS, NetScoreWeights
from netscore_atlas.pareto import dominates, pareto_front
from netscore_atlas.ranking import competition_ranks, percentile, rank_among, rank_values, ranked
from netscore_atlas.rivals import RIVALS, rivals, rivals_pool
from netscore_atlas.selection import PAPER_SET, SET_WORDS, Budget, Selection, SpeedBudget, in_set, paper_set, select
from netscore_atlas.training import training_class

# ---- The view and its URL: the reference for explorer-core.js's parseView, viewQuery and viewRows ------------

@dataclass
class View:
    """A view as the explorer holds it: every URL parameter by name, your networks checked; beside it, what the
    address held that the view does not take (`ignored`: param, value, reason)."""

    values: dict
    ignored: list[dict] = field(default_factory=list)
    mine_left_out: int = 0  # networks of yours past limits.MINE_MAX
    devices: list[dict] = field(default_factory=list)

    def device(self) -> dict | None:
        return next((d for d in self.devices if d["key"] == self.values["device"]), None)

    def selection(self) -> Selection:
        v, device = self.values, self.device()
        speed = SpeedBudget(v["device"], device and device["measure"], v["max_latency_ms"], v["min_throughput"])
        return Selection(v["set"], Budget(v["max_gmacs"], v["max_params_m"], v["min_top1"], speed), tuple(v["family"]),
                         v["year_min"], v["year_max"], tuple(v["training"]))

    def weights(self) -> NetScoreWeights:
        return NetScoreWeights(self.values["alpha"], self.values["beta"], self.values["gamma"])

    def as_json(self) -> dict:
        return dict(self.values, ignored=self.ignored, mine_left_out=self.mine_left_out)  # the devices are the page's, not the view's


def number_in(text: str | None, p: Param) -> float | None:
    """A number in decimal notation the parameter accepts (limits.Range: lo to hi, above lo when p.above), else None."""
    text = (text or "").strip(mine.SPACE)
    if not mine.NUMBER.match(text):
        return None
    x = float(text)
    return x if limits.Range(p.lo, p.hi, p.above).admits(x) else None


def _param(p: Param, values: list[str], families: Iterable[str], ignored: list[dict], devices: list[dict] = ()):
    """One parameter's value; what it does not take is noted on `ignored` with the reason (Param.rule, the checks'
    errors, or REPEATED), and the default holds. An empty value is as if not given."""
    def note(value: str, reason: str) -> None:
        ignored.append({"param": p.name, "value": value, "reason": reason})

    values = [v for v in values if v != ""]
    if p.kind in ("number", "year", "choice", "device"):
        if not values:
            return p.default
        if p.kind == "choice":
            x = values[0] if values[0] in p.choices else None
        elif p.kind == "device":
            x = values[0] if any(d["key"] == values[0] for d in devices) else None
        else:
            x = number_in(values[0], p)
            if x is not None and p.kind == "year":
                x = math.floor(x + 0.5)  # JavaScript's Math.round: halves up
        if x is None:
            note(values[0], p.rule())
        for v in values[1:]:
            note(v, REPEATED)
        return p.default if x is None else x
    if p.kind in ("families", "choices"):
        known = list(families) if p.kind == "families" else p.choices
        for v in values:
            if v not in known:
                note(v, p.rule())
        return sorted(set(values) & set(known)) if p.kind == "families" else [c for c in p.choices if c in values]
    nets = []
    for text in values:
        checked = mine.parse_spec(text)
        if checked.errors:
            note(text, "; ".join(f"{e.field}: {e.message}" for e in checked.errors))
        else:
            nets.append(checked.net)
    return nets


def parse_query(query: str, families: Iterable[str], others: Iterable[str] = (), params=VIEW_PARAMS,
                devices: list[dict] = ()) -> View:
    """The view a link's query holds ('?max_gmacs=0.6&metric=top1'); what is wrong falls back to the default and is
    listed as ignored with its reason (in `params`' order, then a speed bound that does not fit the device, then names
    no parameter has, unless the page reads them itself: `others`)."""
    pairs = parse_qsl(query.removeprefix("?"), keep_blank_values=True)
    ignored: list[dict] = []
    families, devices = list(families), list(devices)
    given = {p.name: [v for k, v in pairs if k == p.name] for p in params}
    left_out = 0
    if "mine" in given:
        left_out = max(0, len(given["mine"]) - limits.MINE_MAX)  # only the first MINE_MAX of yours are read
        given["mine"] = given["mine"][:limits.MINE_MAX]
    values = {p.name: _param(p, given[p.name], families, ignored, devices) for p in params}
    if "device" in values:
        fit_speed(values, devices, ignored, given)
    ignored += [{"param": k, "value": v, "reason": UNKNOWN} for k, v in pairs if k not in given and k not in others and v != ""]
    return View(values, ignored, left_out, devices)


NOTE_VALUE_MAX = 40  # code points of a value a note quotes


def note_text(ignored: list[dict]) -> str:
    """The note under the explorer's and the leaderboard's controls: each ignored value with its reason."""
    if not ignored:
        return ""
    def value(v: str) -> str:
        return v if len(v) <= NOTE_VALUE_MAX else v[:NOTE_VALUE_MAX] + "\u2026"
    return "Ignored in the address: " + "; ".join(f"{i['param']}={value(i['value'])} ({i['reason']})" for i in ignored) + "."


def js_number(x: float) -> str:
    """A number as JavaScript's String(x) writes it (shortest round-trip digits, ECMAScript's Number::toString)."""
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_number(-x)
    sign, digits, exponent = Decimal(repr(float(x))).normalize().as_tuple()
    d = "".join(map(str, digits))
    k, n = len(d), exponent + len(d)
    if k <= n <= 21:
        return d + "0" * (n - k)
    if 0 < n <= 21:
        return d[:n] + "." + d[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + d
    e = n - 1
    return (d if k == 1 else d[0] + "." + d[1:]) + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def form_encode(text: str) -> str:
    """As URLSearchParams writes a name or value: UTF-8, letters, digits and '*-._' kept, space as '+'."""
    keep = re.compile(rb"[A-Za-z0-9*._-]")
    return "".join("+" if b == 32 else chr(b) if keep.fullmatch(bytes([b])) else f"%{b:02X}" for b in text.encode("utf-8"))


def view_query(view: View) -> str:
    """The link's query of a view: every parameter that differs from its default, in VIEW_PARAMS order."""
    pairs: list[tuple[str, str]] = []
    for p in VIEW_PARAMS:
        value = view.values[p.name]
        if p.kind in ("families", "choices"):
            pairs += [(p.name, f) for f in value]
        elif p.kind == "mine":
            pairs += [(p.name, ":".join([m["name"]] + [js_number(m[k]) for k in ("top1", "params_m", "macs_g")])) for m in value]
        elif value != p.default:
            pairs.append((p.name, js_number(value) if isinstance(value, (int, float)) else value))
    return "?" + "&".join(f"{form_encode(k)}={form_encode(v)}" for k, v in pairs) if pairs else ""


def mine_network(net: dict, i: int) -> dict:
    """A network of yours as the explorer places it (explorer-core.js mineNetwork): the i-th, from 1."""
    return {"id": f"mine-{i}", "name": net["name"], "family": "Yours", "year": None, "top1": net["top1"],
            "top5": net.get("top5"), "params_m": net["params_m"], "macs_g": net["macs_g"],
            "resolution": net.get("resolution"), "sets": [], "mine": True}


def view_rows(networks: list[dict], view: View) -> tuple[list[dict], list[dict], list[int | None]]:
    """Every network with its metrics at the view's weights, those the view admits ranked by its metric, their ranks."""
    nets = networks + [mine_network(m, i) for i, m in enumerate(view.values["mine"], 1)]
    everything = [mine.with_metrics(n, view.weights()) for n in nets]
    inside = ranked(select(everything, view.selection()), view.values["metric"])
    return everything, inside, competition_ranks(inside, view.values["metric"])


SCOPES = ("all", "netscore2018", "budget")  # the explorer's 'Rank against' menu
OTHERS = ("highlight",)  # the explorer reads ?highlight= itself (find a network)


def scope_rows(scope: str, everything: list[dict], inside: list[dict], which: str) -> list[dict]:
    """The registry's rows a network of yours is compared with: the chosen set, the paper's set, or the view."""
    if scope == "budget":
        return [r for r in inside if not r.get("mine")]
    registry = [r for r in everything if not r.get("mine") and in_set(r, which)]
    return paper_set(registry) if scope == "netscore2018" else registry


def speed_text(device: dict, value: float) -> str:
    return f"{markup.fmt(value, 2)} ms per image" if device["measure"] == "latency" else f"{markup.fmt(value, 0)} images/s"


def best_sentence(rows: list[dict], device: dict | None = None) -> str:
    """The sentence above the explorer's chart: the best network in view by each metric of the menu; with a device,
    the device, what was measured and how (its conditions and source), and each best network's speed there."""
    if not rows:
        return f"No network measured on the {device['name']} fits this budget." if device else "No network fits this budget."
    parts = []
    for key in EXPLORER_METRICS:
        m, best = METRICS[key], ranked(rows, key)[0]
        unit = f" {m.unit}" if m.unit else ""
        speed = f"; {speed_text(device, best['speed'][device['key']])}" if device else ""
        parts.append(f"by {m.short}, {best['name']}{' (yours)' if best.get('mine') else ''} ({best[key]:,.{m.digits}f}{unit}{speed})")
    where = (f" on the {device['name']} ({'latency per image' if device['measure'] == 'latency' else 'throughput'}; "
             f"{device['conditions']}; {device['source']})") if device else ""
    return f"Best within budget{where}: " + "; ".join(parts) + "."


def view_words(view: View) -> str:
    """What narrows a view beyond its set, in words ("within 0.6 G-MACs, top-1 at least 70 %, measured on the Core
    i7-12700H, at most 10 ms per image, 2 families"); "" when nothing does. Numbers as its link writes them."""
    v, parts = view.values, []
    budget = [f"{js_number(v['max_gmacs'])} G-MACs"] if v["max_gmacs"] is not None else []
    budget += [f"{js_number(v['max_params_m'])} M parameters"] if v["max_params_m"] is not None else []
    if budget:
        parts.append("within " + " and ".join(budget))
    if v["min_top1"] is not None:
        parts.append(f"top-1 at least {js_number(v['min_top1'])} %")
    device = view.device()
    if device is not None:
        parts.append(f"measured on the {device['label']}")
        if v["max_latency_ms"] is not None:
            parts.append(f"at most {js_number(v['max_latency_ms'])} ms per image")
        if v["min_throughput"] is not None:
            parts.append(f"at least {js_number(v['min_throughput'])} images/s")
    if v["family"]:
        parts.append(f"family {v['family'][0]}" if len(v["family"]) == 1 else f"{len(v['family'])} families")
    if v["training"]:
        parts.append("training data " + " or ".join(training.CLASSES[c] for c in v["training"]))
    if v["year_min"] is not None and v["year_max"] is not None:
        parts.append(f"years {v['year_min']} to {v['year_max']}")
    elif v["year_min"] is not None:
        parts.append(f"years from {v['year_min']}")
    elif v["year_max"] is not None:
        parts.append(f"years up to {v['year_max']}")
    return ", ".join(parts)


def count_sentence(view: View, everything: list[dict], inside: list[dict]) -> str:
    """The line above the explorer's chart: how many networks of which set the view holds, what narrows it, and by
    what the table ranks them."""
    which = view.values["set"]
    total = sum(1 for r in everything if not r.get("mine") and in_set(r, which))
    n = sum(1 for r in inside if not r.get("mine"))
    yours = sum(1 for r in everything if r.get("mine"))
    mine_part = f" (and {len(inside) - n:,} of your {yours:,})" if yours else ""
    narrowed = view_words(view)
    if narrowed:
        head = f"{n:,} of the {total:,} {SET_WORDS[which]} are in view{mine_part}: {narrowed}."
    else:
        head = f"All {total:,} {SET_WORDS[which]} are in view{mine_part} (no budget or filter)."
    return f"{head} Ranked by {METRICS[view.values['metric']].label}."


def rank_caption(scope: str, view: View, count: int) -> str:
    """Above a network of yours: what its ranks count (the 'Rank against' menu), yours included in `count`."""
    words = SET_WORDS[PAPER_SET if scope == PAPER_SET else view.values["set"]]
    narrowed = view_words(view) if scope == "budget" else ""
    return f"Ranks among {count:,}: this network and the {count - 1:,} {words}{f' in view ({narrowed})' if narrowed else ''}."


# ---- The cases ----------------------------------------------------------------------------------------------

SPECIAL = ("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf")


def net(nid, name, family, year, top1, params, macs, top5=None, sets=(), collection="curated", training="imagenet-1k",
        speed=None) -> dict:
    return {"id": nid, "name": name, "family": family, "year": year, "top1": top1, "top5": top5, "params_m": params,
            "macs_g": macs, "sets": list(sets), "training_data": training, "training_class": training_class(training),
            "collection": collection, "speed": speed or {}}


# Devices as the payload gives them (explorer.device_entries): invented; one measured as a latency, one as a throughput,
# and one whose key JavaScript treats specially.
DEVICES = [
    {"key": "cpu_x", "label": "CPU X", "name": "Invented CPU X", "kind": "cpu", "measure": "latency", "unit": "ms/image",
     "conditions": "batch 1, FP32, NCHW, PyTorch 2.4.0", "source": "timm's inference benchmark at fixture"},
    {"key": "gpu_y", "label": "GPU Y", "name": "Invented <GPU> Y & co", "kind": "gpu", "measure": "throughput", "unit": "images/s",
     "conditions": "the largest batch that fit (1024 for most rows), AMP, NCHW, PyTorch 2.9.1, CUDA 12.8",
     "source": "timm's inference benchmark at fixture"},
    {"key": "constructor", "label": "constructor", "name": "constructor", "kind": "gpu", "measure": "throughput",
     "unit": "images/s", "conditions": "AMP", "source": "x"},
]


P = ("netscore2018",)
NETWORKS = [
    net("alexnet", "AlexNet", "AlexNet", 2012, 57.1, 61.1, 0.72, 80.2, P, speed={"gpu_y": 30000.5}),
    net("resnet_50", "ResNet-50", "ResNet", 2015, 75.3, 25.56, 3.8, 92.2, P, speed={"cpu_x": 32.78, "gpu_y": 4302.84}),
    net("resnet_50_twin", "ResNet-50 (twin)", "ResNet", 2015, 75.3, 25.56, 3.8, speed={"cpu_x": 32.78, "gpu_y": 4302.84}),  # a tie on every metric
    net("mobilenet_v2", "MobileNetV2", "MobileNetV2", 2018, 72.0, 3.4, 0.3, 91.0, P, training="distillation",
        speed={"cpu_x": 6.591, "gpu_y": 10807.07, "constructor": 1.0}),
    net("squeezenet", "SqueezeNet", "SqueezeNet", 2016, 57.5, 1.25, 0.86, None, P),
    net("constructor", "constructor", "constructor", 2019, 70.0, 5.0, 0.6),
    net("__proto__", "__proto__", "__proto__", 2020, 71.0, 4.0, 0.5),
    net("tostring", "toString", "toString", 2021, 65.0, 2.0, 0.2),
    net("hasownproperty", "<b>hasOwnProperty</b> & 'quotes'", "valueOf", 2017, 68.0, 6.0, 0.9),
    net("efficient_b7", "EfficientNet-B7", "EfficientNet", 2019, 84.3, 66.0, 37.0, 97.0, training="jft",
        speed={"cpu_x": 478.281, "gpu_y": 203.87}),
    net("timm__a", "timm a", "ResNet", None, 79.0, 25.0, 4.1, collection="imported:timm", speed={"cpu_x": 10.0, "gpu_y": 4302.84}),
    net("timm__b", "=cmd|' /C calc'!A0", "ViT", None, 81.0, 86.0, 17.5, collection="imported:timm", training="imagenet-21k"),
    net("unknown_data", "Unknown data", "ResNet", 2016, 74.0, 20.0, 3.0, training=None),  # training data not known
]
FAMILIES = sorted({n["family"] for n in NETWORKS if n["collection"] == "curated"})

WEIGHTS = [(2.0, 0.5, 0.5), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), (100.0, 0.0, 100.0), (-1.0, 2.0, -0.5), (2.0, 1e-9, 3.7)]

QUERIES = [
    "", "?max_gmacs=0.6", "?max_gmacs=5&max_params_m=30&metric=top1", "?min_top1=75&metric=info_density",
    "?max_gmacs=0.000001", "?max_gmacs=abc&max_params_m=-4&min_top1=500&metric=evil&alpha=NaN&beta=x&gamma=1e999",
    "?alpha=0&beta=0&gamma=0", "?alpha=100&beta=100&gamma=100", "?alpha=101&beta=-1&gamma=0x10",
    "?family=constructor&family=__proto__&family=toString&family=Nope&family=constructor",
    "?family=ResNet&year_min=2015.5", "?year_min=2016&year_max=2019", "?year_max=2030&set=all",
    "?set=imported&metric=top1_per_gmac", "?set=netscore2018", "?set=all&colour=year", "?set=__proto__&colour=constructor",
    "?metric=constructor&metric=top1", "?max_gmacs=%200.6%20&max_params_m=1_000&min_top1=.5",
    "?mine=Mine:75.2:3.1:0.31", "?mine=Best:99.9:0.01:0.001&mine=Worst:0.01:19999:19999&max_gmacs=1e6",
    "?mine=constructor:70:5:0.6&mine=__proto__:70:5:0.6&mine=toString:1:1:1&set=netscore2018",
    "?mine=Flops:70:0.5:3000&mine=bad&mine=Neg:-1:2:3&mine=:1:2:3&mine=a:b:c:d&mine=Hex:0x10:1:1",
    "?mine=Tie:75.3:25.56:3.8&metric=top1&max_gmacs=4", "?mine=Out:60:5:0.5&max_gmacs=0.1&family=ResNet&year_min=2030",
    "?mine=%F0%9F%98%80%20Emoji:71:4:0.5&mine=a%3Ab:70:4:0.4", "?family=valueOf&metric=info_density&max_params_m=6",
    # more networks of yours than a view holds (limits.MINE_MAX): the first are read, three left out, one of them bad
    "?" + "&".join([f"mine=Many{i}:{60 + i % 30}:{1 + i % 7}:{0.1 + i % 5 / 10}" for i in range(limits.MINE_MAX - 1)]
                   + ["mine=bad", "mine=Past1:70:5:0.5", "mine=past2", "mine=Past3:70:5:0.5"]) + "&max_gmacs=0.4",
    "?training=imagenet-1k", "?training=distilled&training=imagenet-1k&training=bogus&training=distilled",
    "?training=extra-data&set=all&mine=Mine:75.2:3.1:0.31", "?training=__proto__&training=constructor",
    "?training=extra-data&family=ResNet&set=all", "?set=all&training=imagenet-1k&training=extra-data&training=distilled",
    # the notes: out-of-range values (issue 13), a budget of 0 (refused, as build.py rank refuses it), a value given
    # twice, empty values (a form's empty box: no note), names no parameter has, a long value cut in the note
    "?alpha=-3&max_gmacs=-5&min_top1=101", "?max_gmacs=0", "?max_params_m=0&max_gmacs=1e6&year_min=1899&year_max=2201",
    "?metric=top1&metric=netscore&max_gmacs=1&max_gmacs=2", "?max_gmacs=&metric=&family=&mine=&set=",
    "?highlight=resnet_50&bogus=1&q=x&empty=", "?max_gmacs=" + "9" * 60, "?max_gmacs=0.0000001&year_min=2015",
    "?max_gmacs=4&max_params_m=30&min_top1=70&family=ResNet&training=imagenet-1k&training=distilled&year_min=2015&year_max=2019",
    "?family=ResNet&family=AlexNet&year_max=2016&set=netscore2018", "?max_gmacs=0.6&mine=Mine:75.2:3.1:0.31&mine=Two:60:5:2",
    # the device budget: a device alone keeps the networks measured on it; the bound that fits its measure; the
    # other bound dropped; an unknown device (and its bound) ignored; a tie at the bound; yours never measured
    "?device=cpu_x", "?device=cpu_x&max_latency_ms=32.78", "?device=cpu_x&max_latency_ms=10&set=all",
    "?device=gpu_y&min_throughput=4302.84&metric=top1", "?device=gpu_y&min_throughput=5000&max_latency_ms=1&set=all",
    "?device=cpu_x&min_throughput=1", "?max_latency_ms=5&min_throughput=5", "?device=npu&max_latency_ms=5",
    "?device=constructor", "?device=__proto__&max_latency_ms=3", "?device=cpu_x&max_latency_ms=abc&max_gmacs=4",
    "?device=gpu_y&min_throughput=1e9", "?device=cpu_x&max_latency_ms=7&mine=Mine:75:3:0.3",
    "?device=gpu_y&min_throughput=-1", "?device=CPU_X&max_latency_ms=5",
]

TEXT_PAIRS = [("a", "b"), ("B", "a"), ("ResNet-50", "ResNet-50 (twin)"), ("\uff21", "\U0001f600"), ("\U0001f600", "\ue000"),
              ("é", "f"), ("", "a"), ("same", "same"), ("constructor", "__proto__")]
NUMBERS = [70.125, 1234.5678, 0.0005, 1e6, None, 2.5, 3.5, -1.005, 0.0, 123456.5, 0.125, 99.995, 1e21, 1.005, 2.675, 1e-7,
           999.9995, 1234567.891, -0.001, 5e-324, 0.5, 1.5, 74.2073, 3.0103]
CELLS = [None, True, False, ["netscore2018", "x"], "plain", "=SUM(A1)", "+1", "-cmd", "@x", 'say "hi", twice', "a\nb",
         "constructor", 70.0, -1.5, 0.30000000000000004, 1e21,
         " =1+1", "\t=1+1", "\r=1+1", "\n-1", "  \t@x", "\t", "\rtext", ["=a", "b"], "a=b", "e-mail"]
FIELD_CASES = [
    {"name": "N", "top1": "75", "params_m": "3", "macs_g": "0.3"},
    {"name": " N ", "top1": " 75.5 ", "params_m": "\t3", "macs_g": "0.3\n", "top5": "92", "resolution": "224"},
    {"name": "", "top1": "", "params_m": "", "macs_g": ""},
    {"name": "N", "top1": "abc", "params_m": "0", "macs_g": "-1"},
    {"name": "N", "top1": "Infinity", "params_m": "NaN", "macs_g": "1e999"},
    {"name": "N", "top1": "0x10", "params_m": "1_000", "macs_g": "\u0665"},  # hex, underscore, an Arabic-Indic five
    {"name": "N", "top1": ".5", "params_m": "5.", "macs_g": "+0.3"},
    {"name": "N", "top1": "101", "params_m": "20001", "macs_g": "20001", "top5": "101"},
    {"name": "N", "top1": "80", "params_m": "3", "macs_g": "0.3", "top5": "79"},
    {"name": "N", "top1": "70", "params_m": "0.5", "macs_g": "3000"},
    {"name": "N", "top1": "70", "params_m": "1", "macs_g": "0.001"},
    {"name": "N", "top1": "70", "params_m": "0.009", "macs_g": "0.0009"},  # below the plausible floors (limits.py)
    {"name": "N", "top1": "70", "params_m": "1e-300", "macs_g": "1e-301"},
    {"name": "x" * 121, "top1": "70", "params_m": "1", "macs_g": "0.1"},
    {"name": "\U0001f600" * 120, "top1": "70", "params_m": "1", "macs_g": "0.1"},
    {"name": "constructor", "top1": "70", "params_m": "5", "macs_g": "0.6", "toString": "x"},
    {"name": "__proto__", "top1": "1e2", "params_m": "2E-1", "macs_g": "0.02"},
]
SPECS = ["MyNet:75.2:3.1:0.31", "My:Net:75.2:3.1:0.31", "MyNet:75", "::::", ":75:3:0.3", "N:75::0.3", "a:b:c:d",
         "N:101:0:0.3", "Flops:70:0.5:3000"]


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


def _cell(value) -> str:
    """What Python's csv writer makes of export.csv_cell(value), quoting a carriage return as it does with a line
    break (as the explorer's CSV does: a bare one splits the row in many readers); a number as JavaScript writes it."""
    text = js_number(value) if isinstance(value, float) else csv_cell(value)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([text, ""])
    return buf.getvalue()[:-3]


def text_cases() -> dict:
    return {
        "compare": [{"a": a, "b": b, "sign": _sign((a > b) - (a < b))} for a, b in TEXT_PAIRS],
        "escape": [{"text": t, "html": html.escape(t)} for t in ("<b>x</b>", "a & 'b' \"c\"", "plain")],
        "fmt": [{"x": x, "digits": d, "grouped": markup.fmt(x, d), "fixed": charts._fmt(x, d) if x is None or math.isfinite(x) else "–"}
                for x in NUMBERS for d in (0, 1, 2, 3)],
        "csv": [{"value": v, "cell": _cell(v)} for v in CELLS],
    }


def _json_number(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else x


def metric_cases() -> list[dict]:
    nets = NETWORKS + [net("missing", "Missing", "M", 2020, 70.0, None, 0.5), net("zero", "Zero", "Z", 2020, 0.0, 1.0, 1.0)]
    out = []
    for w in WEIGHTS:
        weights = NetScoreWeights(*w)
        for n in nets:
            out.append({"net": n, "weights": {"alpha": w[0], "beta": w[1], "gamma": w[2]},
                        "values": {k: _json_number(m(n, weights)) for k, m in METRICS.items()}})
    return out


def ranking_cases() -> list[dict]:
    rows = [mine.with_metrics(n, NetScoreWeights()) for n in NETWORKS]
    rows.append({"id": "no_top5", "name": "No top-5", "top1": 70.0, "top5": None, "params_m": 1.0, "macs_g": 1.0,
                 "netscore": None, "info_density": None, "top1_per_gmac": None, "flops_g": None})
    out = []
    for key in METRICS:
        order = ranked(rows, key)
        ranks = rank_values({r["id"]: r[key] for r in rows}, METRICS[key])
        assert competition_ranks(order, key) == [ranks[r["id"]] for r in order]  # the two ways agree
        out.append({"metric": key, "rows": rows, "order": [r["id"] for r in order], "ranks": competition_ranks(order, key)})
    return out


def rank_cases() -> list[dict]:
    others = [80.0, 70.0, 70.0, 60.0]
    out = [{"value": v, "others": others, "better": b, "rank": rank_among(v, others, b)}
           for v in (90.0, 80.0, 70.0, 65.0, 50.0) for b in ("higher", "lower")]
    out.append({"value": 1.0, "others": [], "better": "higher", "rank": 1})
    return out


def pareto_cases() -> list[dict]:
    sets = [
        [("a", 0.2, 60), ("b", 0.5, 70), ("c", 1.0, 75), ("d", 2.0, 72), ("e", 10.0, 80)],
        [("p", 1.0, 70), ("q", 1.0, 71)], [("p", 1.0, 70), ("q", 1.0, 70)], [("z", 1.0, 70), ("y", 1.0, 70), ("x", 2.0, 60)],
        [], [("only", 3.0, 50.0)], [("constructor", 1.0, 60), ("__proto__", 0.5, 60)],
    ]
    return [{"nets": [{"id": i, "macs_g": x, "top1": y} for i, x, y in pts], "front": pareto_front(pts),
             "dominates": [[a[0], b[0], dominates({"top1": a[2], "macs_g": a[1]}, {"top1": b[2], "macs_g": b[1]})]
                           for a in pts for b in pts]} for pts in sets]


def _checked(checked: mine.Checked) -> dict:
    return {"net": checked.net, "errors": [vars(e) for e in checked.errors], "warnings": [vars(e) for e in checked.warnings]}


def check_cases() -> dict:
    return {"fields": [{"fields": f, "checked": _checked(mine.check(f))} for f in FIELD_CASES],
            "specs": [{"spec": s, "checked": _checked(mine.parse_spec(s))} for s in SPECS]}


def rival_cases() -> list[dict]:
    nets = [n for n in NETWORKS]
    pool = rivals_pool(nets)
    probes = [mine_network({"name": "x", "top1": 70.0, "params_m": 3.0, "macs_g": m}, 1) for m in (0.5, 1e-6, 1e4, 3.8)]
    return [{"net": p, "candidates": nets, "n": n, "rivals": [r["id"] for r in rivals(p, pool, n)]}
            for p in probes + nets[:3] for n in (RIVALS, 2, 50)]


def hover_cases() -> list[dict]:
    rows = [mine.with_metrics(n, NetScoreWeights()) for n in NETWORKS]
    rows.append(mine.with_metrics(mine_network({"name": "<i>yours</i>", "top1": 70.125, "params_m": 1234.5, "macs_g": 0.0005}, 1),
                                  NetScoreWeights()))
    return [{"row": r, "text": charts.hover_text(r)} for r in rows]


def _compared(row: dict, others: list[dict], n: int) -> dict:
    c = mine.compare(row, others)
    return {"ranks": {k: {"rank": r, "percentile": p} for k, (r, p) in c["ranks"].items()}, "dominates": c["dominates"],
            "dominated_by": c["dominated_by"], "pareto": c["pareto"], "count": c["count"],
            "rivals": [r["id"] for r in rivals(row, rivals_pool(others), n)]}


def view_case(query: str) -> dict:
    view = parse_query(query, FAMILIES, OTHERS, devices=DEVICES)
    everything, inside, ranks = view_rows(NETWORKS, view)
    metric = view.values["metric"]
    comparisons = {scope: [_compared(r, scope_rows(scope, everything, inside, view.values["set"]), RIVALS)
                           for r in everything if r.get("mine")] for scope in SCOPES}
    front = pareto_front([(r["id"], r["macs_g"], r["top1"]) for r in inside])
    return {"query": query, "others": list(OTHERS), "view": view.as_json(), "link": view_query(view), "note": note_text(view.ignored),
            "count": count_sentence(view, everything, inside),
            "captions": {scope: [rank_caption(scope, view, c["count"]) for c in comparisons[scope]] for scope in SCOPES},
            "inside": [{"id": r["id"], "rank": k, "value": _json_number(r[metric])} for r, k in zip(inside, ranks)],
            "front": front, "best": best_sentence(inside, view.device()), "comparisons": comparisons}


def golden_cases() -> dict:
    return {"spec": spec(), "networks": NETWORKS, "families": FAMILIES, "devices": DEVICES, "text": text_cases(), "metrics": metric_cases(),
            "ranking": ranking_cases(), "rank_among": rank_cases(),
            "percentile": [{"rank": r, "count": c, "percentile": percentile(r, c)} for r, c in ((1, 5), (5, 5), (2, 5), (1, 1), (None, 3))],
            "pareto": pareto_cases(), "checks": check_cases(), "rivals": rival_cases(), "hover": hover_cases(),
            "views": [view_case(q) for q in QUERIES]}


def write(path: Path) -> Path:
    path.write_text(json.dumps(golden_cases(), ensure_ascii=False, indent=1, allow_nan=False), encoding="utf-8")
    return path
