"""Text for the pages: registry text escaped for HTML and Markdown, and numbers as the site shows them.

Templates are autoescaped for HTML (pages.environment); these are the filters for what autoescaping does not
cover: a Markdown line (`md`) and a number with its digits (`fmt`).
"""

from __future__ import annotations

import html
import math
import re

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
MISSING = "–"  # what a missing number shows


def md(text) -> Markup:
    """Escape text for a Markdown line: HTML first, then Markdown's own markup characters."""
    escaped = html.escape(str(text), quote=True)
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def fmt(value, digits: int = 2) -> str:
    """A number with thousands separators and `digits` decimals; a dash for a missing or infinite one."""
    if value is None:
        return MISSING
    if isinstance(value, float) and not math.isfinite(value):
        return MISSING
    return f"{value:,.{digits}f}"


def nl2br(text) -> Markup:
    """Line breaks as <br>; each line escaped (Markup.join escapes its items)."""
    return Markup("<br>").join(str(text).splitlines())
