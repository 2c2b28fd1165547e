"""Registry text reaches the pages as text, whatever it holds: HTML, Markdown links and attribute lists, Markdown
structure, front matter, Jinja, control characters (tests/hostile/text-payloads.yaml).

Every page is rendered with one payload in every text field of tests/hostile/registry (where every field of the
schemas appears), turned into HTML by Python-Markdown with the site's extensions (as MkDocs does), and compared
with the same pages rendered from harmless text of the same shape: the same elements and attributes, no script
attribute or javascript: link, and the text of each element the payload itself. Then the same through the
real command line and MkDocs, and in Chromium.
"""

from __future__ import annotations

import functools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT, run_build_py
from netscore_atlas import markup, pages
from netscore_atlas.charts import CHARTS
from netscore_atlas.derive import derive_table
from netscore_atlas.load import load_schema, read_registry
from netscore_atlas.markup import clean, text
from netscore_atlas.pipeline import ValidRegistry
from netscore_atlas.style import styles_of

HOSTILE = Path(__file__).resolve().parent / "hostile"
PAYLOADS = yaml.safe_load((HOSTILE / "text-payloads.yaml").read_text(encoding="utf-8"))
ALL = [(f"{kind}-{i}", p) for kind, items in PAYLOADS.items() for i, p in enumerate(items)]
# Fields the schemas restrict to identifiers, enumerations, numbers or checked URLs: not free text.
NOT_TEXT = {"id", "paper", "source", "training_data", "sets", "url", "collection", "arxiv", "kind", "macs_convention"}
# Free text in the pages, but held to a pattern by the schema: hostile in the pages' own test, plain in a built registry.
PATTERNED = {"table_version", "accessed"}
# Script attributes the templates write themselves.
OUR_HANDLERS = {("form", "onsubmit")}


@functools.lru_cache(maxsize=None)
def extensions() -> list:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    out = []
    for ext in config["markdown_extensions"]:
        out.append(ext if isinstance(ext, str) else next(iter(ext.items())))
    return out


def to_html(markdown_text: str) -> str:
    names = [e if isinstance(e, str) else e[0] for e in extensions()]
    configs = {e[0]: e[1] for e in extensions() if not isinstance(e, str)}
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(markdown_text)


class Shape(HTMLParser):
    """Elements with their attribute names, text pieces, and every attribute."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.texts, self.attrs = [], [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(k for k, _ in attrs))))
        self.attrs += [(tag, k, v or "") for k, v in attrs]

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))

    def handle_data(self, data):
        self.texts.append(data)


def harmless(payload: str) -> str:
    """Harmless text with the payload's lines: 'B0', 'B1', ... (text_lines splits on them)."""
    return "\n".join(f"B{k}zz" if line else "" for k, line in enumerate(clean(payload).split("\n")))


def expect_text(twin_text: str, payload: str) -> str:
    """What an element's text must be: the harmless twin's, with the payload (cleaned) where the twin had its text."""
    shown, twin = clean(payload), harmless(payload)
    out = twin_text.replace(twin, shown)
    for twin_line, line in zip(twin.split("\n"), shown.split("\n")):
        out = out.replace(twin_line, line)
    return out


def dangerous(shape: Shape) -> list:
    bad = [(t, k, v) for t, k, v in shape.attrs if k.startswith("on") and (t, k) not in OUR_HANDLERS]
    bad += [(t, k, v) for t, k, v in shape.attrs
            if k in ("href", "src", "action", "formaction") and re.match(r"\s*(javascript|data|vbscript):", v, re.I)]
    return bad


def check_same_shape(hostile_html: str, twin_html: str, payload: str, where: str) -> None:
    h, t = Shape(hostile_html), Shape(twin_html)
    assert dangerous(h) == [], where
    assert h.tags == t.tags, f"{where}: the payload changed the page's elements"
    assert h.texts == [expect_text(x, payload) for x in t.texts], f"{where}: the payload is not shown as itself"


# --- The escaping function in every context a value lands in -------------------------------------------------

CONTEXTS = {
    "paragraph": "Before {} after.",
    "line start": "{} after.",
    "heading": "# {}",
    "raw HTML cell": "<table>\n<tr><td>{}</td></tr>\n</table>",
    "raw HTML paragraph, own line": "<p>\n{}\n</p>",
    "attribute": '<p title="{}">x</p>',
    "list item": "- {}",
}


@pytest.mark.parametrize("name,payload", ALL, ids=[n for n, _ in ALL])
@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_text_is_inert_in_every_context(context, name, payload):
    shape = CONTEXTS[context]
    check_same_shape(to_html(shape.format(text(payload))), to_html(shape.format(text(harmless(payload)))), payload, context)
    if context == "attribute":
        assert Shape(to_html(shape.format(text(payload)))).attrs[0][2] == clean(payload)


def test_clean_text_is_unchanged():
    assert text("MobileNetV1 (0.75-224)") == "MobileNetV1 (0.75-224)"
    assert text("resnet50_a1_in1k") == "resnet50_a1_in1k"  # ids keep their underscores
    assert text("60.0") == "60.0" and text(12) == "12"


def test_front_matter_stays_one_title():
    for name, payload in ALL:
        meta_text = f"---\ntitle: {markup.front_matter(payload)}\n---\n# Page\n"
        body, meta = get_data(meta_text)
        assert meta == {"title": str(markup.escape(clean(payload).replace("\n", " ")))}, name
        assert body == "# Page\n", name


def test_front_matter_keeps_emoji_as_themselves():
    assert markup.front_matter("Net 😀") == '"Net 😀"'
    assert "\\u" not in markup.front_matter("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀")


@pytest.mark.parametrize("url", ["javascript:alert(1)", " javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x",
                                 "vbscript:x", "//evil.example/", "/relative", "https://ok.example/\nx", "http://a b"])
def test_href_refuses_anything_but_http(url):
    assert markup.href(url) == "#"


def test_href_keeps_http_urls():
    assert markup.href("https://arxiv.org/abs/1704.04861") == "https://arxiv.org/abs/1704.04861"
    assert markup.href("https://example.org/?a=1&b=[2]") == "https://example.org/?a=1&amp;b=&#91;2&#93;"


# --- Every template, every text field ------------------------------------------------------------------------

def hostile_registry_data() -> tuple[list[dict], dict, dict]:
    registry, problems = read_registry(HOSTILE / "registry")
    assert registry is not None and problems == []
    return [d.data for d in registry.networks], registry.bibliography, registry.groups


def schema_fields(schema: dict, node="root", seen=None, refs=None) -> set[str]:
    """Every property name a schema defines, at any depth."""
    node = schema if node == "root" else node
    seen = set() if seen is None else seen
    refs = set() if refs is None else refs
    if not isinstance(node, dict):
        return seen
    if "$ref" in node and node["$ref"] not in refs:
        refs.add(node["$ref"])
        schema_fields(schema, schema["$defs"][node["$ref"].split("/")[-1]], seen, refs)
    for key, sub in node.get("properties", {}).items():
        seen.add(key)
        schema_fields(schema, sub, seen, refs)
    for key in ("items", "additionalProperties"):
        schema_fields(schema, node.get(key), seen, refs)
    for sub in node.get("allOf", []):
        schema_fields(schema, sub, seen, refs)
    return seen


def present_fields(data, seen=None) -> set[str]:
    seen = set() if seen is None else seen
    if isinstance(data, dict):
        for k, v in data.items():
            seen.add(k)
            present_fields(v, seen)
    elif isinstance(data, list):
        for v in data:
            present_fields(v, seen)
    return seen


def test_hostile_registry_has_every_field_of_the_schemas():
    """So that 'a payload in every text field' reaches every template variable that shows registry text. A new
    schema field needs a value in tests/hostile/registry/."""
    networks, sources, _ = hostile_registry_data()
    net_fields = schema_fields(load_schema("network.schema.json"))
    src_fields = schema_fields(load_schema("sources.schema.json"))
    assert net_fields - present_fields(networks) == set()
    assert src_fields - present_fields(list(sources.values())) == set()
    assert run_build_py("--data", str(HOSTILE / "registry"), "check").returncode == 0


def fill(data, payload: str):
    """Every free-text string of the registry data replaced by `payload`."""
    if isinstance(data, dict):
        return {k: (v if k in NOT_TEXT else fill(v, payload)) for k, v in data.items()}
    if isinstance(data, list):
        return [fill(v, payload) for v in data]
    return payload if isinstance(data, str) else data


@functools.lru_cache(maxsize=None)
def render_all(payload: str) -> dict[str, str]:
    networks, sources, groups = hostile_registry_data()
    networks = fill(networks, payload)
    sources = {key: fill(entry, payload) for key, entry in sources.items()}
    reg = ValidRegistry(networks, sources, [], HOSTILE / "registry", {"version": "0.0.1", "date": "2020-01-02"},
                        {payload: payload for _ in groups})
    rows = derive_table(reg.networks, groups=reg.groups)
    charts = {cid: chart.figure(rows, styles_of(reg.groups)) for cid, chart in CHARTS.items()}
    version = dict(reg.meta(), content_sha256="0" * 64, short_hash="0" * 12, cited="0.0.1+sha.000000000000")  # same for both
    with mock.patch.object(pages, "environment", cached_environment):  # templates compiled once for all payloads
        return pages.render_pages(reg, rows, version, "http://127.0.0.1:8000/", set(CHARTS), charts)


cached_environment = functools.lru_cache(maxsize=None)(pages.environment)


@functools.lru_cache(maxsize=None)
def page_html(path: str, source: str) -> tuple[dict, str]:
    if not path.endswith(".md"):
        return {}, source
    body, meta = get_data(source)
    return meta, to_html(body)


@pytest.mark.parametrize("name,payload", ALL, ids=[n for n, _ in ALL])
def test_every_page_shows_hostile_text_as_text(name, payload):
    hostile, twin = render_all(payload), render_all(harmless(payload))
    assert hostile.keys() == twin.keys()
    shown = 0
    for path in sorted(hostile):
        (h_meta, h_html), (t_meta, t_html) = page_html(path, hostile[path]), page_html(path, twin[path])
        if path.endswith(".md"):
            assert "title" in h_meta and set(h_meta) == set(t_meta), f"{path}: front matter lost"
            title = str(markup.escape(clean(payload).replace("\n", " ")))
            assert h_meta["title"] == t_meta["title"].replace(str(markup.escape(harmless(payload).replace("\n", " "))), title)
        check_same_shape(h_html, t_html, payload, path)
        shown += sum(clean(payload).split("\n")[0] in piece for piece in Shape(h_html).texts)
    assert shown > 50  # the payload is on the pages (names, families, notes, sources, tables, ...)


def test_every_template_is_rendered(monkeypatch):
    used = set()
    real = pages.Environment.get_template

    def record(self, name, *args, **kwargs):
        used.add(name)
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(pages.Environment, "get_template", record)
    render_all("x")
    on_disk = {p.name for p in pages.TEMPLATES.glob("*.j2") if not p.name.startswith("_")}
    assert on_disk - used == set()


# --- Nothing bypasses the one path ---------------------------------------------------------------------------

# Jinja's own filters that return plain text here (autoescape is off): what they give is escaped by finalize.
PLAIN_FILTERS = {"length", "join", "lower", "selectattr", "rejectattr", "sort", "list", "round", "int", "abs", "reject",
                 "map", "replace", "format", "first", "dictsort", "last", "default", "upper", "trim", "sum", "count", "string"}


def test_templates_print_through_the_one_escaping_path():
    from jinja2 import nodes

    env = pages.environment()
    assert env.autoescape is False and env.finalize is markup.text
    for path in sorted(pages.TEMPLATES.glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        used = {f.name for f in env.parse(source).find_all(nodes.Filter)}
        assert used <= PLAIN_FILTERS | set(pages.FILTERS), f"{path.name}: {used - PLAIN_FILTERS - set(pages.FILTERS)}"
        for m in re.finditer(r"\|\s*attr_json", source):
            line = source[source.rfind("\n", 0, m.start()) + 1:source.find("\n", m.end())]
            assert re.search(r'\sdata-[a-z-]+="\{\{ [\w.]+\|attr_json \}\}"', line), f"{path.name}: attr_json outside an attribute"
        for m in re.finditer(r"\|\s*front_matter", source):
            assert re.match(r"title: \{\{ .*\|front_matter \}\}$", source[source.rfind("\n", 0, m.start()) + 1:source.find("\n", m.end())])
    package = ROOT / "netscore_atlas"
    for path in package.glob("*.py"):
        if path.name != "markup.py":
            assert "Markup(" not in path.read_text(encoding="utf-8"), f"{path.name} makes Markup: only markup.py may"


# --- The real command line, MkDocs and a browser ---------------------------------------------------------------

def one_line(payload: str) -> str:
    return " ".join(clean(payload).split("\n"))


def write_hostile_registry(dest: Path, payloads: list[tuple[str, str]]) -> None:
    """A valid registry (it must pass `check`) with one copy of the full network per payload, the payload in every
    free-text field (on one line where the field is one line)."""
    from netscore_atlas.validate import INVISIBLE, MULTILINE_FIELDS, text_problem

    shutil.copytree(HOSTILE / "registry", dest)
    full = yaml.safe_load((dest / "networks" / "condensenet_74_g8.yaml").read_text(encoding="utf-8"))
    families = yaml.safe_load((dest / "families.yaml").read_text(encoding="utf-8"))

    def put(data, payload, key=None):
        if isinstance(data, dict):
            return {k: (v if k in NOT_TEXT | PATTERNED else put(v, payload, k)) for k, v in data.items()}
        if isinstance(data, list):
            return [put(v, payload, key) for v in data]
        if not isinstance(data, str):
            return data
        value = payload if key in MULTILINE_FIELDS else one_line(payload)
        value = "".join(c for c in value if text_problem(c, multiline=True) is None)  # control characters are refused
        if key in ("name", "family"):
            value = INVISIBLE.sub("", value)  # and invisible ones in names
        return (value + " " + data)[:60 if key == "family" else 120]

    for k, (name, payload) in enumerate(payloads):
        net = put(full, payload)
        net.update(id=f"hostile_{k}", name=f"{net['name'][:100]} n{k}", sets=[])
        families[net["family"]] = net["family"]
        (dest / "networks" / f"hostile_{k}.yaml").write_text(yaml.safe_dump(net, allow_unicode=True), encoding="utf-8")
    (dest / "families.yaml").write_text(yaml.safe_dump(families, allow_unicode=True), encoding="utf-8")
    with open(dest / "sources.yaml", "a", encoding="utf-8") as f:  # what `build.py import timm` cites
        f.write("timm:\n  kind: misc\n  title: timm's results tables\n  year: 2024\n  url: https://example.org/timm\n"
                "  licence: Apache-2.0\n  accessed: '2024-01-02'\n")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("escaping")
    write_hostile_registry(root / "registry", ALL)
    check = run_build_py("--data", str(root / "registry"), "check")
    assert check.returncode == 0, check.stderr
    # the imported collection's page as build.py import writes it (its table's version text is held to a pattern now)
    from netscore_atlas.importer import COLLECTIONS
    spec = COLLECTIONS["timm"]
    values = {"model": "net_a.tag", "arch": "net_a", "pretrained_tag": "tag", "img_size": "224", "top1": "70.5",
              "top5": "89.5", "param_count_M": "5.0", "gmacs": "0.4"}
    table, metadata = root / "table.csv", root / "metadata.csv"
    table.write_text(",".join(c.name for c in spec.columns) + "\n" + ",".join(values[c.name] for c in spec.columns) + "\n")
    metadata.write_text("model,pretrain\nnet_a,in1k\n")
    version = "v1.2+abc"
    res = run_build_py("--data", str(root / "registry"), "import", "timm", "--table", str(table), "--metadata", str(metadata),
                       "--version", version)
    assert res.returncode == 0, res.stderr
    res = run_build_py("--data", str(root / "registry"), "build", "--out", str(root / "site"), "--no-figures")
    assert res.returncode == 0, res.stderr
    return root / "site", version


def test_built_pages_show_hostile_text_as_text(hostile_build):
    site, version = hostile_build
    for path in sorted(site.rglob("*.html")):
        shape = Shape(path.read_text(encoding="utf-8"))
        bad = [a for a in shape.attrs if a[1].startswith("on") and (a[0], a[1]) not in OUR_HANDLERS]
        bad += [a for a in shape.attrs if a[1] in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", a[2], re.I)]
        assert bad == [], path
    for k, (name, payload) in enumerate(ALL):
        page = Shape((site / "networks" / f"hostile_{k}" / "index.html").read_text(encoding="utf-8"))
        assert any(one_line(payload)[:20].strip() in piece for piece in page.texts), name
        titles = re.findall(r"<title>(.*?)</title>", (site / "networks" / f"hostile_{k}" / "index.html").read_text(encoding="utf-8"), re.S)
        assert titles and "<" not in titles[0], name
    emoji = next(k for k, (name, payload) in enumerate(ALL) if "😀" in payload)
    page = (site / "networks" / f"hostile_{emoji}" / "index.html").read_text(encoding="utf-8")
    assert "😀" in re.search(r"<title>(.*?)</title>", page, re.S).group(1)  # itself, not \ud83d\ude00
    assert "😀" in re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    imported = Shape((site / "imported" / "timm" / "index.html").read_text(encoding="utf-8"))
    assert version in "".join(imported.texts)


def test_hostile_pages_run_no_script_in_the_browser(hostile_build, browser):
    from conftest import free_port, serve

    site, _ = hostile_build
    port = free_port()
    server = serve(site, port)
    try:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = ctx.new_page()
        dialogs, errors = [], []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.on("pageerror", lambda e: errors.append(str(e)))
        paths = ["imported/timm/", "networks/", "leaderboard/", "data/", "claims/", "disagreements/", "explorer/"]
        paths += [f"networks/hostile_{k}/" for k in range(0, len(ALL), 6)]
        for path in paths:
            pg.goto(f"http://127.0.0.1:{port}/{path}")
            pg.wait_for_load_state("load")
            handlers = pg.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
                [...el.attributes].filter(a => a.name.startsWith('on') && !(el.tagName === 'FORM' && a.name === 'onsubmit'))
                .map(a => el.tagName + ' ' + a.name))""")
            assert handlers == [], path
            assert pg.evaluate("[...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length") == 0
            for y in range(50, 900, 200):  # a pointer swept over the page, as a reader's mouse
                pg.mouse.move(20, y)
                pg.mouse.move(1260, y, steps=6)
        assert dialogs == [] and errors == []
        ctx.close()
    finally:
        server.shutdown()
