"""Command line: check, build, serve, rank. A thin shell over the library."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import mine, pipeline
from .derive import derive_table, is_curated
from .metrics import METRICS, RANKABLE, NetScoreWeights
from .problems import RegistryError
from .site import MissingAsset, SiteBuildError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="NetScore Atlas: validate the registry and build the site.")
    p.add_argument("--data", type=Path, default=pipeline.DEFAULT_DATA, help="registry folder (default: data/)")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="validate and build the output folder (the default)")
    b.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    b.add_argument("--site-url", default=os.environ.get("ATLAS_SITE_URL"),
                   help="public address of the site, for citations and embed snippets (default: $ATLAS_SITE_URL or mkdocs.yml's site_url)")
    b.add_argument("--no-figures", dest="figures", action="store_false", help="skip the static SVG/PDF/PNG figures (faster)")
    i = sub.add_parser("import", help="turn a library's results table into imported registry entries (data/imported/<collection>/)")
    i.add_argument("collection", help="which library's table: timm")
    i.add_argument("--table", type=Path, required=True, help="the results table (CSV)")
    i.add_argument("--version", required=True, help="the version (commit or tag) of the table, recorded in every entry")
    s = sub.add_parser("serve", help="build, then preview on 127.0.0.1 with live reload on data, template and page changes")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000, the port of site_url)")
    sub.add_parser("check", help="validate the registry only; write nothing")
    r = sub.add_parser("rank", help="rank the networks within a budget, in the terminal")
    r.add_argument("--max-gmacs", type=float, help="MAC budget in G-MACs")
    r.add_argument("--max-params-m", type=float, help="parameter budget in millions")
    r.add_argument("--min-top1", type=float, help="minimum top-1 accuracy in %%")
    r.add_argument("--metric", choices=RANKABLE, default="netscore", help="metric to rank by (default: netscore)")
    r.add_argument("--alpha", type=float, default=2.0, help="NetScore alpha (default 2)")
    r.add_argument("--beta", type=float, default=0.5, help="NetScore beta (default 0.5)")
    r.add_argument("--gamma", type=float, default=0.5, help="NetScore gamma (default 0.5)")
    r.add_argument("--limit", type=int, default=0, help="show at most this many rows (default: all)")
    r.add_argument("--set", dest="collection", choices=("curated", "netscore2018", "imported", "all"), default="curated",
                   help="which networks: the curated registry (default), the NetScore paper's set, imported library tables, or all")
    r.add_argument("--add", action="append", default=[], metavar="NAME:TOP1:PARAMS_M:GMACS",
                   help="a network of your own to rank with the registry (repeatable)")
    return p


def _print_problems(problems, stream) -> None:
    for problem in problems:
        print(problem, file=stream)


def cmd_check(args) -> int:
    reg = pipeline.load_valid_registry(args.data)
    _print_problems(reg.warnings, sys.stderr)
    print(f"ok: {len(reg.networks)} networks, {len(reg.sources)} sources, {len(reg.warnings)} warning(s)")
    return 0


def cmd_build(args) -> int:
    report = pipeline.build(args.data, args.out, site_url=args.site_url, figures=args.figures)
    reg = report.registry
    _print_problems(reg.warnings, sys.stderr)
    if report.figure_message:
        print(f"note: {report.figure_message}", file=sys.stderr)
    print(f"built {args.out}/ from {len(reg.networks)} networks, registry {reg.meta()['cited']} ({len(reg.warnings)} warning(s))")
    return 0


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    from . import serve_hook

    cmd_build(argparse.Namespace(data=args.data, out=Path("site"), site_url=f"http://127.0.0.1:{args.port}/", figures=True))
    print(f"serving on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
    import logging

    logging.getLogger("mkdocs").setLevel(logging.INFO)  # show rebuilds and reloads
    serve(config_file=str(pipeline.ROOT / "mkdocs.yml"), livereload=True, watch=[str(p) for p in serve_hook.WATCHED],
          hooks=[serve_hook.__file__], dev_addr=f"127.0.0.1:{args.port}", site_url=f"http://127.0.0.1:{args.port}/", strict=False)
    return 0


def cmd_import(args) -> int:
    from .importer import ImportError_, import_table

    try:
        n = import_table(args.collection, args.table, args.version, args.data)
    except (ImportError_, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"imported {n} entries into {args.data}/imported/{args.collection}/; run `python build.py check` next")
    return 0


def in_collection(row: dict, which: str) -> bool:
    """Whether a row belongs to the chosen set: curated, netscore2018, imported or all."""
    if which == "all" or row.get("mine"):
        return True
    if which == "netscore2018":
        return "netscore2018" in row["sets"]
    return is_curated(row) if which == "curated" else not is_curated(row)


def within_budget(rows: list[dict], max_gmacs=None, max_params_m=None, min_top1=None, which: str = "all") -> list[dict]:
    """Rows of the chosen set that have top-1, params and MACs and fit every given bound."""
    out = []
    for r in rows:
        if not in_collection(r, which):
            continue
        if r["top1"] is None or r["params_m"] is None or r["macs_g"] is None:
            continue
        if max_gmacs is not None and r["macs_g"] > max_gmacs:
            continue
        if max_params_m is not None and r["params_m"] > max_params_m:
            continue
        if min_top1 is not None and r["top1"] < min_top1:
            continue
        out.append(r)
    return out


def ranked(rows: list[dict], metric_key: str) -> list[dict]:
    metric = METRICS[metric_key]
    return sorted(rows, key=lambda r: (metric.sort_key(r[metric_key]), r["name"]))


def format_table(rows: list[dict], metric_key: str) -> str:
    metric = METRICS[metric_key]
    head = ["#", "network", "top-1 %", "params M", "G-MACs", f"{metric.label} ({metric.unit})"]
    body = [[str(i), r["name"] + (" (yours)" if r.get("mine") else ""), f"{r['top1']:.2f}", f"{r['params_m']:.2f}", f"{r['macs_g']:.3f}",
             "" if r[metric_key] is None else f"{r[metric_key]:.{metric.digits}f}"] for i, r in enumerate(rows, 1)]
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    align = lambda cells: "  ".join(c.ljust(w) if j == 1 else c.rjust(w) for j, (c, w) in enumerate(zip(cells, widths)))  # noqa: E731
    return "\n".join([align(head), align(["-" * w for w in widths])] + [align(b) for b in body])


def _parse_added(specs: list[str], weights: NetScoreWeights) -> list[dict]:
    added = []
    for i, spec in enumerate(specs, 1):
        try:
            row = mine.parse_mine(spec)
        except mine.MineError as exc:
            raise SystemExit(f"build.py rank: --add {spec!r}: {exc}") from None
        for warning in mine.warnings_for(row):
            print(f"warning: {row['name']}: {warning}", file=sys.stderr)
        added.append(mine.with_metrics(dict(row, id=f"mine_{i}", family="(yours)", year=None, mine=True), weights))
    return added


def _print_comparison(added: list[dict], registry_rows: list[dict], args) -> None:
    for row in added:
        c = mine.compare(row, registry_rows)
        rank, pct = c["ranks"][args.metric]
        print(f"\n{row['name']} (yours): rank {rank} of {c['count']} by {METRICS[args.metric].label} "
              f"among the registry's networks with top-1, params and MACs (percentile {pct:.0f}); "
              f"{'on' if c['pareto'] else 'not on'} the Pareto front of top-1 against MACs")
        for key in mine.COMPARED:
            r, p = c["ranks"][key]
            print(f"  {METRICS[key].label}: {row[key]:.{METRICS[key].digits}f}, rank {r} of {c['count']} (percentile {p:.0f})")
        print(f"  dominates: {', '.join(c['dominates']) or 'none'}")
        print(f"  dominated by: {', '.join(c['dominated_by']) or 'none'}")


def cmd_rank(args) -> int:
    reg = pipeline.load_valid_registry(args.data)
    weights = NetScoreWeights(args.alpha, args.beta, args.gamma)
    rows = derive_table(reg.networks, weights)
    added = _parse_added(args.add, weights)
    complete = within_budget(rows, which=args.collection)
    chosen = ranked(within_budget(rows + added, args.max_gmacs, args.max_params_m, args.min_top1, args.collection), args.metric)
    if args.limit:
        chosen = chosen[: args.limit]
    bounds = [f"MACs <= {args.max_gmacs:g} G" if args.max_gmacs is not None else "",
              f"params <= {args.max_params_m:g} M" if args.max_params_m is not None else "",
              f"top-1 >= {args.min_top1:g} %" if args.min_top1 is not None else ""]
    bounds_text = ", ".join(b for b in bounds if b) or "no budget"
    print(f"{len(chosen)} network(s) within {bounds_text}, ranked by {METRICS[args.metric].label}"
          f" (alpha={args.alpha:g}, beta={args.beta:g}, gamma={args.gamma:g}):" if args.metric == "netscore" else
          f"{len(chosen)} network(s) within {bounds_text}, ranked by {METRICS[args.metric].label}:")
    if chosen:
        print(format_table(chosen, args.metric))
    _print_comparison(added, complete, args)
    return 0


COMMANDS = {"check": cmd_check, "build": cmd_build, "rank": cmd_rank, "serve": cmd_serve, "import": cmd_import}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        args.command, args.out, args.site_url, args.figures = "build", Path("site"), os.environ.get("ATLAS_SITE_URL"), True
    try:
        return COMMANDS[args.command](args)
    except RegistryError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (MissingAsset, SiteBuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
