"""Command line: check, build, serve, rank. A thin shell over the library."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from . import limits, mine, pipeline
from .derive import derive_table
from .explorer import device_entries
from .markup import URL_RE
from .metrics import DEFAULT_WEIGHTS, METRICS, RANKABLE, NetScoreWeights
from .problems import RegistryError
from .ranking import competition_ranks, ranked
from .selection import LATENCY, SETS, Budget, Selection, SpeedBudget, SpeedBudgetError, select
from .site import MissingAsset, SiteBuildError, use_generator
from .terminal import inert


class _Parser(argparse.ArgumentParser):
    """argparse with the project's one exit status for every error (1, not argparse's 2), and its message inert."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {inert(message)}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="build.py", description="NetScore Atlas: validate the registry and build the site.")
    p.add_argument("--data", type=Path, default=pipeline.DEFAULT_DATA, help="registry folder (default: data/)")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="validate and build the output folder (the default)")
    b.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    b.add_argument("--site-url", default=os.environ.get("ATLAS_SITE_URL") or None,
                   help="public http(s) address of the site, for citations and embed snippets (default: $ATLAS_SITE_URL); "
                        "a build given one is for publishing and refuses a local or non-http(s) address (a / is added at the end if it has none). "
                        "Without one, a local build: citations name mkdocs.yml's local site_url, and the pages say so")
    b.add_argument("--publish", action="store_true", default=os.environ.get("ATLAS_PUBLISH", "") not in ("", "0"),
                   help="a build for publishing (default: $ATLAS_PUBLISH): a public --site-url is required")
    b.add_argument("--no-figures", dest="figures", action="store_false", help="skip the static SVG/PDF/PNG figures (faster)")
    b.add_argument("--generator", choices=("mkdocs", "properdocs"), default=os.environ.get("ATLAS_GENERATOR") or "mkdocs",
                   help="render with MkDocs 1.6 or ProperDocs, its maintained drop-in fork (default: $ATLAS_GENERATOR or mkdocs)")
    i = sub.add_parser("import", help="turn a library's results table into imported registry entries (data/imported/<collection>/)")
    i.add_argument("collection", help="timm (weights: data/imported/timm/) or timm-measurements (speed and robustness: data/measurements/timm/)")
    i.add_argument("--table", type=Path, help="timm: the results table (CSV)")
    i.add_argument("--metadata", type=Path, help="timm: results/model_metadata-in1k.csv, each architecture's training data")
    i.add_argument("--tables", type=Path, help="timm-measurements: the folder of timm's benchmark and results tables")
    i.add_argument("--version", required=True, help="the version (commit or tag) of the table, recorded in every entry")
    i.add_argument("--replace", action="store_true",
                   help="the table replaces the collection: remove entries that are not in it (without it, such an import is refused)")
    s = sub.add_parser("serve", help="build, then preview on 127.0.0.1 with live reload on data, template and page changes")
    s.add_argument("--port", default=8000, help="port (default 8000, the port of site_url)")
    sub.add_parser("check", help="validate the registry only; write nothing")
    r = sub.add_parser("rank", help="rank the networks within a budget, in the terminal")
    r.add_argument("--max-gmacs", help="MAC budget in G-MACs")
    r.add_argument("--max-params-m", help="parameter budget in millions")
    r.add_argument("--min-top1", help="minimum top-1 accuracy in %%")
    r.add_argument("--metric", choices=RANKABLE, default="netscore", help="metric to rank by (default: netscore)")
    for weight in ("alpha", "beta", "gamma"):
        default = getattr(DEFAULT_WEIGHTS, weight)
        r.add_argument(f"--{weight}", default=default, help=f"NetScore {weight} (default {default:g})")
    r.add_argument("--limit", default=0, help="show at most this many rows (default: all)")
    r.add_argument("--set", dest="collection", choices=SETS, default=SETS[0],
                   help="which networks: the curated registry (default), the NetScore paper's set, imported library tables, or all")
    r.add_argument("--add", action="append", default=[], metavar=mine.SPEC_FORMAT,
                   help="a network of your own to rank with the registry (repeatable)")
    r.add_argument("--device", help="keep the networks measured on this device (a key of data/devices.yaml, e.g. i7_12700h, "
                                    "rtx4090) and show their speed there")
    r.add_argument("--max-latency-ms", type=float, help="latency budget in ms per image (batch 1) on --device, if its table "
                                                        "measured latency (the CPUs)")
    r.add_argument("--min-throughput", type=float, help="minimum throughput in images/s on --device, if its table measured "
                                                        "throughput (the GPUs)")
    return p


# The numbers the command line takes, checked after parsing so that every wrong one is named at once.
NUMBERS = {  # dest: (option, range); each range is what the explorer's view accepts (limits.py), said in the same words
    "max_gmacs": ("--max-gmacs", limits.BUDGET_RANGE), "max_params_m": ("--max-params-m", limits.BUDGET_RANGE),
    "min_top1": ("--min-top1", limits.ACCURACY_RANGE),
    **{w: (f"--{w}", limits.WEIGHT_RANGE) for w in ("alpha", "beta", "gamma")},
}
WHOLE_NUMBERS = {"limit": ("--limit", 0, 10**9), "port": ("--port", 1, 65535)}


def _number(raw: str, option: str, accepted: limits.Range) -> tuple[float | None, str | None]:
    """A number option's value, or the problem with it: the rule the explorer's note gives for the same value."""
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if accepted.admits(value):
        return value, None
    return None, f"{option}: {raw!r} refused: must be {accepted.rule()}"


def _checked(args: argparse.Namespace) -> list[str]:
    """Turn the numeric options into numbers and check them and the site address; every problem, as a line."""
    problems = []
    for dest, (option, accepted) in NUMBERS.items():
        raw = getattr(args, dest, None)
        if raw is None:
            continue
        value, problem = _number(raw, option, accepted)
        if problem:
            problems.append(problem)
        else:
            setattr(args, dest, value)
    for dest, (option, lo, hi) in WHOLE_NUMBERS.items():
        raw = getattr(args, dest, None)
        if raw is None:
            continue
        try:
            value = int(raw)
        except ValueError:
            problems.append(f"{option}: {raw!r} is not a whole number")
            continue
        if not lo <= value <= hi:
            problems.append(f"{option}: {raw!r} is not a whole number from {lo:g} to {hi:g}")
            continue
        setattr(args, dest, value)
    url = getattr(args, "site_url", None)
    if url is not None:
        if not URL_RE.match(url):
            problems.append(f"--site-url (or $ATLAS_SITE_URL): {url!r} is not an http(s) address")
        elif not url.endswith("/"):
            args.site_url = url + "/"
    return problems


def _print_problems(problems, stream) -> None:
    for problem in problems:
        print(problem, file=stream)


def cmd_check(args) -> int:
    reg = pipeline.load_valid_registry(args.data)
    _print_problems(reg.warnings, sys.stderr)
    print(f"ok: {len(reg.networks)} networks, {len(reg.sources)} sources, {len(reg.warnings)} warning(s)")
    return 0


def _publishing_url(args) -> str | None:
    """The site URL a build names; a build given one (or told --publish) must name a public http(s) address."""
    from .siteurl import normalised, publishing_problems

    publish = getattr(args, "publish", False) or args.site_url is not None
    if not publish or getattr(args, "local", False):
        return args.site_url
    problems = publishing_problems(args.site_url)
    if problems:
        raise SiteURLError("a build for publishing needs the site's public address, and " + "; ".join(problems) +
                           ". (A build without --site-url or ATLAS_SITE_URL is a local build: its citations name the local address.)")
    return normalised(args.site_url)


class SiteURLError(ValueError):
    """A build for publishing was given an address readers could not open."""


def cmd_build(args) -> int:
    from .site import site_url_of_config
    from .siteurl import is_local

    site_url = _publishing_url(args)
    use_generator(getattr(args, "generator", "mkdocs"))
    report = pipeline.build(args.data, args.out, site_url=site_url, figures=args.figures)
    reg = report.registry
    _print_problems(reg.warnings, sys.stderr)
    if report.figure_message:
        print(f"note: {report.figure_message}", file=sys.stderr)
    named = site_url or site_url_of_config()
    if is_local(named):
        print(f"note: a local build: citations, stable addresses and embed snippets name {named}, this computer's own "
              "address (the chart pages say so). To publish, build with ATLAS_SITE_URL=https://<public address>/ ./atlas site",
              file=sys.stderr)
    print(f"built {args.out}/ from {len(reg.networks)} networks, registry {reg.meta()['cited']} ({len(reg.warnings)} warning(s))")
    return 0


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    from . import serve_hook

    cmd_build(argparse.Namespace(data=args.data, out=Path("site"), site_url=f"http://127.0.0.1:{args.port}/", figures=True, local=True))
    print(f"serving on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
    import logging

    logging.getLogger("mkdocs").setLevel(logging.INFO)  # show rebuilds and reloads
    serve(config_file=str(pipeline.ROOT / "mkdocs.yml"), livereload=True, watch=[str(p) for p in serve_hook.WATCHED],
          hooks=[serve_hook.__file__], dev_addr=f"127.0.0.1:{args.port}", site_url=f"http://127.0.0.1:{args.port}/", strict=False)
    return 0


def cmd_import(args) -> int:
    from .importer import ImportError_, import_table
    from .tables import TableError

    if args.collection == "timm-measurements":
        return _import_measurements(args)
    if args.table is None:
        print(f"error: build.py import {args.collection} needs --table <CSV>", file=sys.stderr)
        return 2
    try:
        report = import_table(args.collection, args.table, args.version, args.data, args.metadata, args.replace)
    except TableError as exc:
        print(exc.report(), file=sys.stderr)
        print("error: the table was refused; nothing was written", file=sys.stderr)
        return 1
    except ImportError_ as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    print(report.summary() + "; run `python build.py check` next")
    return 0


def _import_measurements(args) -> int:
    from .measure_import import MeasureImportError, import_measurements

    if args.tables is None:
        print("error: build.py import timm-measurements needs --tables <folder of timm's results tables>", file=sys.stderr)
        return 2
    try:
        n = import_measurements(args.tables, args.version, args.data)
    except MeasureImportError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"imported {n['speed']} speed measurements and {n['robustness']} robustness evaluations into {args.data}/measurements/timm/; "
          f"curated networks matched exactly: {n['curated_exact']}, approximately: {n['curated_approximate']}, "
          f"not at all: {n['curated_none']}; imported weights linked: {n['imported_linked']}. Run `python build.py check` next")
    return 0


def format_table(rows: list[dict], metric_key: str, device: dict | None = None) -> str:
    """Rows already ranked by the metric, numbered by competition rank (ties share a number); with a device, a
    column of each network's measured speed on it."""
    metric = METRICS[metric_key]
    head = ["#", "network", "top-1 %", "params M", "G-MACs", metric.label + (f" ({metric.unit})" if metric.unit else "")]
    ranks = competition_ranks(rows, metric_key)
    body = [["" if k is None else str(k), inert(r["name"]) + (" (yours)" if r.get("mine") else ""), f"{r['top1']:.2f}", f"{r['params_m']:.2f}",
             f"{r['macs_g']:.3f}", "" if r[metric_key] is None else f"{r[metric_key]:.{metric.digits}f}"] for k, r in zip(ranks, rows)]
    if device:
        digits = 2 if device["measure"] == LATENCY else 0
        head.append(f"{'latency' if device['measure'] == LATENCY else 'throughput'} {device['unit']} ({device['key']})")
        for line, r in zip(body, rows):
            line.append(f"{r['speed'][device['key']]:,.{digits}f}")
    widths = [max(len(x) for x in col) for col in zip(head, *body)]

    def align(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if j == 1 else c.rjust(w) for j, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([align(head), align(["-" * w for w in widths])] + [align(b) for b in body])


def _parse_added(specs: list[str], weights: NetScoreWeights) -> list[dict]:
    added = []
    for i, spec in enumerate(specs, 1):
        checked = mine.parse_spec(spec)
        if checked.errors:
            raise SystemExit(inert(f"build.py rank: --add {spec!r}: {'; '.join(map(str, checked.errors))}"))
        row = checked.net
        for warning in checked.warnings:
            print(inert(f"warning: {row['name']}: {warning.message}"), file=sys.stderr)
        added.append(mine.with_metrics(dict(row, id=f"mine_{i}", family="(yours)", year=None, mine=True), weights))
    return added


def _print_comparison(added: list[dict], registry_rows: list[dict], args) -> None:
    for row in added:
        c = mine.compare(row, registry_rows)
        rank, pct = c["ranks"][args.metric]
        print(f"\n{inert(row['name'])} (yours): rank {rank} of {c['count']} by {METRICS[args.metric].label} "
              f"among the registry's networks with top-1, params and MACs (percentile {pct:.0f}); "
              f"{'on' if c['pareto'] else 'not on'} the Pareto front of top-1 against MACs")
        for key in mine.COMPARED:
            r, p = c["ranks"][key]
            print(f"  {METRICS[key].label}: {row[key]:.{METRICS[key].digits}f}, rank {r} of {c['count']} (percentile {p:.0f})")
        print(inert(f"  dominates: {', '.join(c['dominates']) or 'none'}"))
        print(inert(f"  dominated by: {', '.join(c['dominated_by']) or 'none'}"))


def _speed_budget(args, reg) -> tuple[SpeedBudget, dict | None]:
    """The device and speed bound of `rank`, checked against the registry's devices; a wrong combination stops
    with a message saying what fits (SystemExit)."""
    if args.device is None:
        if args.max_latency_ms is not None or args.min_throughput is not None:
            raise SystemExit("build.py rank: a speed budget needs --device (one of: "
                             + ", ".join(d["key"] for d in device_entries(reg.measurements)) + ")")
        return SpeedBudget(), None
    devices = {d["key"]: d for d in device_entries(reg.measurements)}
    if args.device not in devices:
        known = "; ".join(f"{k} ({d['name']}, {d['measure']})" for k, d in devices.items()) or "none: the registry has no measurements"
        raise SystemExit(f"build.py rank: --device {args.device!r} is not a device of the registry; known: {known}")
    device = devices[args.device]
    try:
        return SpeedBudget(args.device, device["measure"], args.max_latency_ms, args.min_throughput), device
    except SpeedBudgetError:
        right = "--max-latency-ms" if device["measure"] == LATENCY else "--min-throughput"
        raise SystemExit(f"build.py rank: the {device['name']} was measured as a {device['measure']} ({device['unit']}, "
                         f"{device['conditions']}): use {right}; a latency at batch 1 and a throughput at a large batch "
                         "cannot stand for each other") from None


def _speed_text(args, device: dict | None) -> str:
    if device is None:
        return ""
    bound = (f"latency <= {args.max_latency_ms:g} ms per image " if args.max_latency_ms is not None else
             f"throughput >= {args.min_throughput:g} images/s " if args.min_throughput is not None else "measured ")
    return (f"{bound}on the {device['name']} ({'latency per image' if device['measure'] == LATENCY else 'throughput'}; "
            f"{device['conditions']}; {device['source']})")


def cmd_rank(args) -> int:
    reg = pipeline.load_valid_registry(args.data)
    weights = NetScoreWeights(args.alpha, args.beta, args.gamma)
    rows = derive_table(reg.networks, weights, measurements=reg.measurements)
    speed, device = _speed_budget(args, reg)
    added = _parse_added(args.add, weights)
    complete = select(rows, Selection(args.collection))
    budget = Budget(args.max_gmacs, args.max_params_m, args.min_top1, speed)
    chosen = ranked(select(rows + added, Selection(args.collection, budget)), args.metric)
    if args.limit:
        chosen = chosen[: args.limit]
    bounds = [f"MACs <= {args.max_gmacs:g} G" if args.max_gmacs is not None else "",
              f"params <= {args.max_params_m:g} M" if args.max_params_m is not None else "",
              f"top-1 >= {args.min_top1:g} %" if args.min_top1 is not None else "", _speed_text(args, device)]
    bounds_text = ", ".join(b for b in bounds if b) or "no budget"
    print(f"{len(chosen)} network(s) within {bounds_text}, ranked by {METRICS[args.metric].label}"
          f" (alpha={args.alpha:g}, beta={args.beta:g}, gamma={args.gamma:g}):" if args.metric == "netscore" else
          f"{len(chosen)} network(s) within {bounds_text}, ranked by {METRICS[args.metric].label}:")
    if device and added:
        print(f"(your networks have no measured speed on the {device['name']}: they are left out of a device budget)")
    if chosen:
        print(format_table(chosen, args.metric, device))
    _print_comparison(added, complete, args)
    return 0


COMMANDS = {"check": cmd_check, "build": cmd_build, "rank": cmd_rank, "serve": cmd_serve, "import": cmd_import}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command, args.out, args.site_url, args.figures = "build", Path("site"), os.environ.get("ATLAS_SITE_URL") or None, True
        args.publish = os.environ.get("ATLAS_PUBLISH", "") not in ("", "0")
        args.generator = os.environ.get("ATLAS_GENERATOR") or "mkdocs"
    problems = _checked(args)
    if problems:
        parser.print_usage(sys.stderr)
        print("\n".join(inert(f"build.py {args.command}: error: {p}") for p in problems), file=sys.stderr)
        return 1
    try:
        return COMMANDS[args.command](args)
    except RegistryError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (MissingAsset, SiteBuildError, SiteURLError, pipeline.OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
