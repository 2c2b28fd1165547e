"""Validate stage: shape by JSON Schema, meaning by the rules below.

Every problem is collected with its file, line and field; nothing raises until
the caller decides (see pipeline.load_valid_registry).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import jsonschema

from .limits import MACS_PER_PARAM_MAX, MACS_PER_PARAM_MIN, MAX_ACCURACY, MAX_MACS_G, MAX_PARAMS_M, MIN_MACS_G, MIN_PARAMS_M, macs_per_param
from .load import Registry, load_schema
from .markup import URL_RE
from .measurements import validate_measurements
from .problems import ERROR, WARNING, Problem
from .yamlfile import YamlDoc, field_name

QUANTITIES = ("top1", "top5", "params_m", "macs_g")
REQUIRED_OR_MISSING = ("top1", "params_m", "macs_g")


def _schema_validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _schema_problems(doc: YamlDoc, validator) -> list[Problem]:
    problems = []
    errors = list(validator.iter_errors(doc.data))
    failed = {tuple(e.absolute_path)[:-1] for e in errors if e.validator not in ("additionalProperties", "unevaluatedProperties")}
    for err in errors:
        path = tuple(err.absolute_path)
        if err.validator in ("additionalProperties", "unevaluatedProperties"):
            extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
            if err.validator == "unevaluatedProperties" and path in failed:
                # a field that failed its own check leaves its siblings "unevaluated": only report real strangers
                extra = [key for key in extra if key not in _known_fields(validator.schema)]
                if not extra:
                    continue
            for key in extra or ["?"]:
                problems.append(Problem(doc.file, doc.line(path + (key,)), field_name(path + (key,)), "unknown field (not in the schema)"))
            continue
        message = err.message
        if err.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", err.message)
            if missing:
                path = path + (missing[0],)
        if err.validator == "exclusiveMinimum":
            message = f"must be greater than {err.validator_value} (got {err.instance!r})"
        elif err.validator == "pattern":
            message = f"{err.instance!r} does not match the pattern {err.validator_value}"
        elif err.validator == "type" and isinstance(err.instance, dt.date):
            message = (f"write the date in quotes (\"{err.instance.isoformat()}\"): YAML reads an unquoted "
                       f"{err.instance.isoformat()} as a date, and the registry keeps it as text")
        problems.append(Problem(doc.file, doc.line(path), field_name(path), message))
    return problems


@functools.lru_cache(maxsize=None)
def _known_fields_of(schema_json: str) -> frozenset[str]:
    names: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(schema_json))
    return frozenset(names)


def _known_fields(schema: dict) -> frozenset[str]:
    """Every property name the schema defines anywhere."""
    return _known_fields_of(json.dumps(schema, sort_keys=True))


def _measurements(net: dict, quantity: str) -> Iterator[tuple[tuple, dict]]:
    q = net.get(quantity)
    if not isinstance(q, dict):
        return
    yield (quantity,), q
    for i, alt in enumerate(q.get("alternatives") or []):
        if isinstance(alt, dict):
            yield (quantity, "alternatives", i), alt


def _rules_for_network(doc: YamlDoc, sources: dict, today: dt.date) -> list[Problem]:
    net = doc.data
    out: list[Problem] = []

    def add(path: tuple, message: str, level: str = ERROR) -> None:
        out.append(Problem(doc.file, doc.line(path), field_name(path), message, level))

    stem = Path(doc.file).stem
    if net.get("id") != stem:
        add(("id",), f"id {net.get('id')!r} must equal the file name {stem!r}")
    folder = Path(doc.file).parent
    imported = net.get("imported")
    if folder.name == "networks" and imported is not None:
        add(("imported",), "curated networks (data/networks/) cannot be marked imported: imported entries live in data/imported/<collection>/")
    if folder.parent.name == "imported":
        if not isinstance(imported, dict):
            add(("id",), "entries under data/imported/ must say where they were imported from (`imported:`)")
        elif imported.get("collection") != folder.name:
            add(("imported", "collection"), f"collection {imported.get('collection')!r} must equal the folder name {folder.name!r}")
    elif "year" not in net:
        add(("year",), "year is required for curated networks")
    if isinstance(net.get("year"), int) and net["year"] > today.year:
        add(("year",), f"year {net['year']} is in the future (today is {today.isoformat()})")
    if net.get("paper") not in sources:
        add(("paper",), f"unknown source {net.get('paper')!r}: add it to data/sources.yaml")
    missing = net.get("missing") or {}
    if "resolution" not in net and ("top1" in net or "macs_g" in net):
        add(("resolution",), "resolution is required when top1 or macs_g is given")
    for q in REQUIRED_OR_MISSING:
        if q not in net and q not in missing:
            add((q,), f"{q} is absent: give a sourced value, or say why under missing.{q}")
    for q in missing:
        if q in net:
            add(("missing", q), f"{q} has a value and is also listed as missing")
    for q in QUANTITIES:
        for path, m in _measurements(net, q):
            out += _measurement_rules(doc, path, q, m, sources)
    out += _cross_quantity_rules(doc, net) + _one_resolution_rule(doc, net)
    for i, link in enumerate(net.get("links") or []):
        if isinstance(link, dict) and not URL_RE.match(str(link.get("url", ""))):
            add(("links", i, "url"), f"{link.get('url')!r} is not an http(s) URL")
    return out


def _measurement_rules(doc: YamlDoc, path: tuple, quantity: str, m: dict, sources: dict) -> list[Problem]:
    out: list[Problem] = []

    def add(sub: str, message: str, level: str = ERROR) -> None:
        p = path + (sub,)
        out.append(Problem(doc.file, doc.line(p), field_name(p), message, level))

    if "source" in m and m["source"] not in sources:
        add("source", f"unknown source {m['source']!r}: add it to data/sources.yaml")
    value = m.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return out
    if quantity in ("top1", "top5") and not 0 < value <= MAX_ACCURACY:
        add("value", f"{quantity} is a percentage: must be in (0, {MAX_ACCURACY:g}] (got {value})")
    if quantity == "params_m" and value > MAX_PARAMS_M:
        add("value", f"{value} M parameters is {value / 1000:,.0f} billion: params_m is in millions (units given?)")
    if quantity == "macs_g" and value > MAX_MACS_G:
        add("value", f"{value} G-MACs is beyond any real network: macs_g is in billions (millions given?)")
    if quantity == "params_m" and value < MIN_PARAMS_M:
        add("value", f"{value:g} M parameters is fewer than any real ImageNet network has (at least {MIN_PARAMS_M:g} M): "
                     "params_m is in millions (billions given?)")
    if quantity == "macs_g" and value < MIN_MACS_G:
        add("value", f"{value:g} G-MACs is fewer than any real ImageNet network needs (at least {MIN_MACS_G:g} G): "
                     "macs_g is in billions (trillions given?)")
    convention = (sources.get(m.get("source")) or {}).get("macs_convention") if isinstance(sources.get(m.get("source")), dict) else None
    if quantity == "macs_g" and convention == "two-per-multiply-add" and not m.get("conversion"):
        add("conversion", f"source {m.get('source')!r} counts two FLOPs per multiply-add: halve its figure and say so in `conversion`")
    if quantity == "macs_g" and convention == "convolutions-only" and not m.get("note"):
        add("note", f"source {m.get('source')!r} counts only convolutions: say what that leaves out in `note`", WARNING)
    if quantity == "macs_g":
        reported = (m.get("as_reported") or "").lower()
        if "flop" in reported and not m.get("conversion"):
            if round(value, 9) in reported_flops(reported):
                add("value", f"{value} is the FLOPs figure the source reports ({m['as_reported']!r}), taken as MACs: "
                             "give MACs (FLOPs / 2), or say in `conversion` that the source's FLOPs are multiply-adds")
            else:
                add("as_reported", "the source reports FLOPs: state in `conversion` whether they were halved or are multiply-adds already", WARNING)
    return out


def reported_flops(text: str) -> set[float]:
    """The numbers in an as_reported text such as '1.72 GFLOPS' or '300M FLOPs', in billions."""
    out = set()
    for number, unit in re.findall(r"(\d[\d,]*\.?\d*)\s*(million|billion|g|b|m)?", text):
        x = float(number.replace(",", ""))
        scale = 1e-3 if unit in ("m", "million") else 1.0
        out.add(round(x * scale, 9))
        if not unit:
            out.add(round(x * 1e-3, 9))
    return out


def _cross_quantity_rules(doc: YamlDoc, net: dict) -> list[Problem]:
    out: list[Problem] = []

    def value(q: str):
        return (net.get(q) or {}).get("value") if isinstance(net.get(q), dict) else None

    top1, top5, params, macs = (value(q) for q in QUANTITIES)
    if _num(top1) and _num(top5) and top5 < top1:
        out.append(Problem(doc.file, doc.line(("top5", "value")), "top5.value", f"top-5 ({top5}) is below top-1 ({top1})"))
    if _num(params) and _num(macs) and params > 0 and macs > 0:
        ratio = macs_per_param(params, macs)
        if not MACS_PER_PARAM_MIN <= ratio <= MACS_PER_PARAM_MAX:
            out.append(Problem(doc.file, doc.line(("macs_g", "value")), "macs_g.value",
                               f"{ratio:,.1f} MACs per parameter is outside what real networks show "
                               f"({MACS_PER_PARAM_MIN:g} to {MACS_PER_PARAM_MAX:,.0f}): check the units of macs_g and params_m "
                               "(FLOPs taken as MACs, millions as billions)", WARNING))
    macs_q = net.get("macs_g") if isinstance(net.get("macs_g"), dict) else {}
    for i, alt in enumerate(macs_q.get("alternatives") or []):
        a = alt.get("value") if isinstance(alt, dict) else None
        same_res = alt.get("resolution", net.get("resolution")) == macs_q.get("resolution", net.get("resolution")) if isinstance(alt, dict) else False
        if _num(a) and _num(macs) and macs > 0 and same_res and 1.8 <= max(a, macs) / min(a, macs) <= 2.2:
            p = ("macs_g", "alternatives", i, "value")
            out.append(Problem(doc.file, doc.line(p), field_name(p),
                               f"{a} and the primary {macs} G-MACs differ by about 2x at the same resolution: one of them may be FLOPs", WARNING))
    return out


SCORED = ("top1", "params_m", "macs_g")  # what NetScore and the other metrics divide and multiply


def _one_resolution_rule(doc: YamlDoc, net: dict) -> list[Problem]:
    """A scored network's top-1, parameters and MACs hold at one resolution: a 320 px top-1 over 224 px MACs
    is a better score than the network has at either size. The top-1's resolution is the reference."""
    if not all(isinstance(net.get(q), dict) for q in SCORED):
        return []
    at = {q: net[q].get("resolution", net.get("resolution")) for q in SCORED}
    out = []
    for q in SCORED[1:]:
        if at[q] == at["top1"]:
            continue
        path = (q, "resolution") if "resolution" in net[q] else ((q,) if "resolution" in net["top1"] else ("resolution",))
        out.append(Problem(doc.file, doc.line(path), field_name(path),
                           f"{q} holds at {at[q]} px but top1 at {at['top1']} px: a scored network's top-1, parameters and MACs "
                           f"must hold at one resolution. Fix: give {q} at {at['top1']} px, or top1 at {at[q]} px, from a source "
                           f"(the paper or official repository); if the sources have neither, record the quantity at the other "
                           f"resolution under missing, quoting its value there and saying what was searched"))
    return out


def _num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# The site's own page and folder names. A network's page is networks/<id>/ and networks/index is the networks index
# itself; the others would give addresses that read as the site's own pages. tests/test_hardening.py checks that
# every top-level page and folder the build writes is here.
RESERVED_IDS = frozenset({"index", "figure1", "ball_charts", "leaderboard", "networks", "methodology", "claims", "data",
                          "explorer", "disagreements", "charts", "imported", "assets", "search", "sitemap", "404"})
# Characters that show nothing (zero-width, joiners, direction marks and overrides, the byte order mark, soft hyphen).
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                       "\u3164\ufe00-\ufe0f\ufeff\uffa0]")
# Letters of other scripts drawn like Latin ones (Cyrillic, Greek): 'Mid С' with a Cyrillic С reads as 'Mid C'.
LOOK_ALIKES = str.maketrans("аԁеһіјӏорԛѕсսѵԝхуАВЕНІЈКМОРЅСТХУҮԌαβεηικνορτυχϲΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹ",
                            "adehijlopqscuvwxyABEHIJKMOPSCTXYYGaBenikvoptuxcABEZHIKMNOPTYXC")


def name_key(name: str) -> str:
    """What a reader sees of a name: compatibility forms folded (NFKC), invisible characters dropped, look-alike
    letters read as Latin, case and runs of spaces ignored."""
    shown = INVISIBLE.sub("", unicodedata.normalize("NFKC", name)).translate(LOOK_ALIKES)
    return " ".join(shown.casefold().split())


def _name_rules(doc: YamlDoc) -> list[Problem]:
    """A name must show something, and nothing invisible."""
    out = []
    for key in ("name", "family"):
        value = doc.data.get(key)
        if not isinstance(value, str):
            continue
        if not INVISIBLE.sub("", value).strip():
            out.append(Problem(doc.file, doc.line((key,)), key, f"the {key} is blank"))
        elif m := INVISIBLE.search(value):
            out.append(Problem(doc.file, doc.line((key,)), key, f"invisible character U+{ord(m.group()):04X} "
                                                                f"({unicodedata.name(m.group(), 'unnamed')}) at character {m.start() + 1}"))
    return out


def _registry_rules(registry: Registry) -> list[Problem]:
    out: list[Problem] = []
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, tuple[str, str]] = {}
    for doc in registry.networks:
        if not isinstance(doc.data, dict):
            continue
        out += _name_rules(doc)
        nid, name = doc.data.get("id"), doc.data.get("name")
        if isinstance(nid, str):
            if nid in seen_ids:
                out.append(Problem(doc.file, doc.line(("id",)), "id", f"duplicate id {nid!r} (also in {seen_ids[nid]})"))
            seen_ids.setdefault(nid, doc.file)
            if nid in RESERVED_IDS:
                out.append(Problem(doc.file, doc.line(("id",)), "id", f"{nid!r} is the name of one of the site's own pages: "
                                                                      "choose another id (and file name)"))
        if isinstance(name, str) and name.strip():
            key = name_key(name)
            if key in seen_names:
                other, file = seen_names[key]
                if " ".join(other.lower().split()) == " ".join(name.lower().split()):
                    out.append(Problem(doc.file, doc.line(("name",)), "name", f"duplicate name {name!r} (also in {file})"))
                else:
                    out.append(Problem(doc.file, doc.line(("name",)), "name", f"{name!r} looks the same as {other!r} (in {file}): "
                                                                          "they differ only by invisible or look-alike characters"))
            seen_names.setdefault(key, (name, doc.file))
    if not registry.networks:
        out.append(Problem(str(Path(registry.sources.file).parent / "networks"), None, "", "the registry has no networks"))
    return out


def _source_rules(doc: YamlDoc, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    if not isinstance(doc.data, dict):
        return out
    for key, entry in doc.data.items():
        if not isinstance(entry, dict):
            continue
        if "url" in entry and not URL_RE.match(str(entry["url"])):
            out.append(Problem(doc.file, doc.line((key, "url")), f"{key}.url", f"{entry['url']!r} is not an http(s) URL"))
        accessed = entry.get("accessed")
        if isinstance(accessed, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", accessed):
            try:
                day = dt.date.fromisoformat(accessed)
            except ValueError:
                out.append(Problem(doc.file, doc.line((key, "accessed")), f"{key}.accessed", f"{accessed!r} is not a date"))
                continue
            if day > today:
                out.append(Problem(doc.file, doc.line((key, "accessed")), f"{key}.accessed",
                                   f"{accessed} is in the future (today is {today.isoformat()}): the date the source was read"))
    return out


def _family_rules(registry: Registry) -> list[Problem]:
    doc, out = registry.families, []
    if not isinstance(doc.data, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in doc.data.items()):
        return [Problem(doc.file, doc.line(()), "", "families.yaml must map each family name to its group name")]
    out += _style_limits(doc)
    for net in registry.networks:
        family = net.data.get("family") if isinstance(net.data, dict) else None
        if isinstance(net.data, dict) and "imported" in net.data:
            continue  # imported entries are grouped by their collection
        if isinstance(family, str) and family not in doc.data:
            out.append(Problem(net.file, net.line(("family",)), "family", f"unknown family {family!r}: add it, with its group, to families.yaml"))
    return out


# Fields whose text may span lines (shown with <br> or in a quote); every other string of the registry is one line.
MULTILINE_FIELDS = frozenset({"notes", "quote", "note"})
_ODD_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str, multiline: bool) -> str | None:
    """Why a registry string cannot be shown as it stands (a control character, an escape sequence that would
    drive a terminal, a broken character), or None. Line breaks and tabs only in multi-line fields."""
    for match in _ODD_CHARACTERS.finditer(value):
        ch = match.group()
        if multiline and ch in "\n\t":
            continue
        if ch in "\n\r\u2028\u2029":
            return f"a line break at character {match.start() + 1}: this field is one line (notes, quote and note may span lines)"
        if "\ud800" <= ch <= "\udfff":
            return f"a broken character (lone surrogate U+{ord(ch):04X}) at character {match.start() + 1}"
        return f"control character U+{ord(ch):04X} at character {match.start() + 1}: text in the registry is shown on pages and in terminals"
    return None


def _value_rules(doc: YamlDoc) -> list[Problem]:
    """Every value of a file, keys included: text without control characters (line breaks only in multi-line
    fields); numbers finite (YAML reads .inf, .nan and 1e999 as floats)."""
    out: list[Problem] = []

    def walk(node, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and (message := text_problem(key, False)):
                    out.append(Problem(doc.file, doc.line(path + (key,)), field_name(path + (key,)), f"key: {message}"))
                walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, path + (i,))
        elif isinstance(node, str):
            name = next((p for p in reversed(path) if isinstance(p, str)), "")
            if message := text_problem(node, name in MULTILINE_FIELDS):
                out.append(Problem(doc.file, doc.line(path), field_name(path), message))
        elif isinstance(node, float) and not math.isfinite(node):
            out.append(Problem(doc.file, doc.line(path), field_name(path), f"{node} is not a finite number"))

    walk(doc.data, ())
    return out


def _style_limits(doc) -> list[Problem]:
    """The charts have a colour per group and a marker shape per family of a group (style.py): no more."""
    from .style import MARKERS, PALETTE, styles_of

    styles, out = styles_of(doc.data), []
    if len(styles.groups) > len(PALETTE):
        extra = styles.groups[len(PALETTE)]
        first = styles.families[extra][0]
        out.append(Problem(doc.file, doc.line((first,)), first, f"{len(styles.groups)} groups, but the charts have colours for "
                           f"{len(PALETTE)} (netscore_atlas/style.py PALETTE): put {extra!r}'s families in another group"))
    for group, families in styles.families.items():
        if len(families) > len(MARKERS):
            out.append(Problem(doc.file, doc.line((families[len(MARKERS)],)), families[len(MARKERS)],
                               f"group {group!r} has {len(families)} families, but the charts have {len(MARKERS)} marker shapes "
                               "(netscore_atlas/style.py MARKERS): split the group"))
    return out


def validate(registry: Registry, today: dt.date | None = None) -> list[Problem]:
    """All problems of the registry, errors and warnings, sorted by file and line."""
    today = today or dt.date.today()
    net_validator = _schema_validator("network.schema.json")
    src_validator = _schema_validator("sources.schema.json")
    problems = _schema_problems(registry.sources, src_validator) + _source_rules(registry.sources, today)
    sources = registry.bibliography
    for doc in registry.networks:
        shape = _schema_problems(doc, net_validator)
        problems += shape
        if isinstance(doc.data, dict):
            problems += _rules_for_network(doc, sources, today)
        elif not shape:
            problems.append(Problem(doc.file, doc.line(()), "", "a network file must be a mapping"))
    problems += _registry_rules(registry) + _family_rules(registry) + _measurement_problems(registry, sources)
    for doc in [registry.sources, registry.families, *registry.networks]:
        problems += _value_rules(doc)
    return sorted(set(problems))


def _measurement_problems(registry: Registry, sources: dict) -> list[Problem]:
    """Devices, matches and each library's tables.yaml by their schemas; the CSV rows were typed when read
    (tables.read_table); the rules of measurements.py check meaning."""
    docs, problems = registry.measurements, []
    shaped = [(docs.devices, "devices.schema.json"), (docs.implementations, "implementations.schema.json")]
    shaped += [(lib.header, "measurements.schema.json") for lib in docs.libraries]
    for doc, schema in shaped:
        if doc is not None:
            problems += _schema_problems(doc, _schema_validator(schema))
    if any(p.level == ERROR for p in problems):
        return problems  # the rules assume the shape
    networks = {d.data["id"]: d.data for d in registry.networks if isinstance(d.data, dict) and isinstance(d.data.get("id"), str)}
    return problems + validate_measurements(docs, networks, sources)
