"""MkDocs 1.6 has had no release since 1.6.1 and Material reached its end of life: the site must build with
ProperDocs (the maintained drop-in fork, pinned in requirements.lock) too, page for page the same apart from the
generator line (issue #13, 9)."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

from conftest import REAL_DATA, ROOT

GENERATOR = re.compile(rb'^\s*<meta name="generator" content="[^"]*">\s*$', re.M)

BUILD = """
import sys
from pathlib import Path
from netscore_atlas import pipeline
from netscore_atlas.site import use_generator
use_generator("properdocs")
pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), site_url=sys.argv[3], figures=False)
import mkdocs, mkdocs.commands.build
print(mkdocs.__name__, mkdocs.commands.build.__name__)
"""


def files(root: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            out[str(p.relative_to(root))] = gzip.decompress(data) if p.suffix == ".gz" else data
    return out


def test_properdocs_builds_the_same_site(real_site, tmp_path):
    """The real registry built by ProperDocs, against the same build by MkDocs (the real_site fixture)."""
    url = real_site["url"]
    r = subprocess.run([sys.executable, "-c", BUILD, str(REAL_DATA), str(tmp_path / "site"), url], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.split() == ["properdocs", "properdocs.commands.build"]  # it really was ProperDocs that rendered
    mk, pd = files(real_site["dir"]), files(tmp_path / "site")
    assert sorted(mk) == sorted(pd)
    differ, generators = [], set()
    for path in mk:
        if mk[path] == pd[path]:
            continue
        generators.update(m.group(0).strip() for m in GENERATOR.finditer(pd[path]))
        if GENERATOR.sub(b"", mk[path]) != GENERATOR.sub(b"", pd[path]):
            differ.append(path)
    assert differ == [], f"pages differ beyond the generator line: {differ[:10]}"
    assert generators == {b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'}


def test_build_py_switches_generator(tmp_path, fixture_registry):
    """The switch the README names: build.py build --generator properdocs (or ATLAS_GENERATOR=properdocs)."""
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(fixture_registry), "build", "--no-figures",
                        "--generator", "properdocs", "--out", str(tmp_path / "out")], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert b"ProperDocs 1.6.7" in (tmp_path / "out" / "index.html").read_bytes()
