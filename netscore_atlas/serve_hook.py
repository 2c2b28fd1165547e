"""MkDocs hook used only by `build.py serve`: regenerate the pages when the registry,
the templates or the hand-written pages change, so the preview reloads with them.

It regenerates only when an input file changed since the last run (the generated
docs folder is watched too, and must not trigger itself again).
"""

from __future__ import annotations

import logging
from pathlib import Path

from netscore_atlas import pipeline  # absolute: MkDocs loads hooks by file path
from netscore_atlas.problems import RegistryError

ROOT = Path(__file__).resolve().parent.parent
WATCHED = (ROOT / "data", ROOT / "templates", ROOT / "site_src", ROOT / "netscore_atlas")
log = logging.getLogger("mkdocs.atlas")
_last: tuple = ()


def _fingerprint() -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for d in WATCHED for p in d.rglob("*") if p.is_file()))


def on_pre_build(config, **_kwargs) -> None:
    global _last
    now = _fingerprint()
    if now == _last:
        return
    _last = now
    try:
        reg = pipeline.load_valid_registry(ROOT / "data")
    except RegistryError as exc:
        log.error("the registry has errors; the preview keeps the last good pages:\n%s", exc.report())
        return
    pipeline.write_output(Path(config["docs_dir"]), lambda tmp: pipeline.generate_docs(reg, tmp, config["site_url"]))
    log.info("regenerated pages from %d networks", len(reg.networks))
