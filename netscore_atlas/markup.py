"""Text for the pages: the one way registry text reaches a generated page, and numbers as the site shows them.

The generated pages are Markdown that MkDocs turns into HTML, with raw HTML blocks in it. Text that is only
HTML-escaped is still Markdown there: `[x](javascript:...)` becomes a link, `{: onmouseover=... }` an attribute
list, a newline followed by `# ` a heading. So every `{{ ... }}` of every template goes through `text()`: the
Jinja environment (pages.environment) has autoescape off and `text` as its `finalize`, so no filter can hand
back text that was escaped for HTML only. `text()` writes every character that means something to HTML or to
Markdown as an HTML character reference (`&#91;` for `[`), never a backslash escape: Markdown passes character
references through untouched and the browser shows them as the character, so the result is plain text in a
paragraph, a heading, a raw HTML block or an attribute alike.

The only other ways into a page, each for one context:
- `Markup` from the formatting filters below (numbers we format, `<br>` between escaped lines, an http(s) URL);
- `front_matter()`: the page title in the YAML front matter (MkDocs and Material put it into the HTML as is);
- `attr_json()`: JSON for a `data-*` attribute of a raw HTML element, where only HTML escaping applies.
tests/test_escaping.py renders every template with hostile text in every field and checks each of these.
"""

from __future__ import annotations

import json
import math
import re

from markupsafe import Markup, escape

# Characters that mean something to HTML or to Markdown (links, images, attribute lists, emphasis, code, tables,
# headings, escapes), as character references; `&<>"'` as markupsafe writes them.
_REFERENCES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;",
    "|": "&#124;", "#": "&#35;", "\n": "&#10;",
})
# Line breaks (Python-Markdown splits lines on \n after turning \r\n and \r into \n; YAML and browsers know more).
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
# Control characters (Markdown's own placeholders use \x02 and \x03), lone surrogates and non-characters.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# An underscore can open or close emphasis unless a letter or digit stands on both sides of it (`mid_c` stays).
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# What starts a block when it starts a line: list markers, rules, setext underlines, indented code, ordered lists.
_LEADING = re.compile(r"^(?:[ \t\-+=:~]|(\d+)([.)])(?=\s|$))")
_FAST = re.compile(r"[&<>\"'\\`*{}\[\]|#_\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]|^(?:[ \t\-+=:~]|\d+[.)](?:\s|$))")


def clean(value: str) -> str:
    """Line breaks as \\n; control characters, lone surrogates and non-characters as U+FFFD (shown, never obeyed)."""
    return _CONTROLS.sub("\ufffd", _LINE_BREAKS.sub("\n", value))


def _leading(match: re.Match) -> str:
    if match.group(1) is not None:
        return match.group(1) + f"&#{ord(match.group(2))};"
    return f"&#{ord(match.group(0))};"


def text(value) -> Markup:
    """Any value as inert text for a generated page (the templates' finalize): see the module's docstring."""
    if isinstance(value, Markup):
        return value
    s = str(value)
    if not _FAST.search(s):
        return Markup(s)
    s = clean(s).translate(_REFERENCES)
    s = _LOOSE_UNDERSCORE.sub("&#95;", s)
    return Markup(_LEADING.sub(_leading, s, count=1))


def text_lines(value) -> Markup:
    """Multi-line text: each line escaped by text(), joined by <br>."""
    return Markup("<br>").join(text(line) for line in clean(str(value)).split("\n"))


MISSING = "–"  # what a missing number shows


def fmt(value, digits: int = 2) -> Markup:
    """A number with thousands separators and `digits` decimals; a dash for a missing or infinite one."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return Markup(MISSING) if value is None else text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return Markup(MISSING)
    return Markup(f"{value:,.{digits}f}")


def signed(value, digits: int = 2) -> Markup:
    """A difference with its sign ('+0.52', '-1.30')."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return Markup(MISSING)
    return Markup(f"{value:+.{digits}f}")


# An http(s) address, the only kind a page links to or the build names (validate.py and cli.py check with it too).
URL_RE = re.compile(r"^https?://[^\s<>\"'\\`]+$", re.IGNORECASE)


def href(value) -> Markup:
    """An http(s) URL for an href, escaped; anything else (javascript:, data:, relative) gives '#'. Validation
    refuses such URLs in the registry already: this is the page's own guard."""
    s = str(value)
    return text(s) if URL_RE.match(s) and not _CONTROLS.search(s) else Markup("#")


def front_matter(value) -> Markup:
    """A YAML double-quoted scalar of HTML-escaped one-line text, for a page title in the front matter.

    MkDocs and Material write the title into <title> and the header unescaped, so it is HTML-escaped here;
    JSON's quoting is valid YAML and keeps it on one line (a newline or `---` cannot end the front matter).
    Characters beyond the Basic Multilingual Plane stay themselves (JSON's ASCII mode would write surrogate
    pairs, which YAML reads as two broken characters and MkDocs then drops the whole front matter); YAML's
    reader refuses DEL and C1 controls, so those (and YAML's own line breaks) are \\u escapes."""
    one_line = clean(str(value)).replace("\n", " ")
    quoted = json.dumps(str(escape(one_line)), ensure_ascii=False)
    return Markup(re.sub("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]", lambda m: f"\\u{ord(m.group()):04x}", quoted))


def attr_json(value: str) -> Markup:
    """JSON text for a data-* attribute of a raw HTML element: HTML-escaped (quotes included). Markdown never
    looks inside an HTML tag, so HTML escaping is the whole job here; tests check each use is an attribute."""
    return escape(value)
