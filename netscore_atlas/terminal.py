"""Text for the terminal, printed inert.

Registry text, file names and your own networks' names reach the terminal through `check`, `build` and `rank`.
An escape sequence in them (ESC ] 0 ; title BEL retitles a terminal; others move the cursor, hide or rewrite
what was printed) or a direction override (U+202E turns the rest of the line around) is shown as its escape,
never obeyed: every printed line passes through inert().
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, CSI, ...), DEL, line and paragraph separators, direction embeddings, overrides and
# isolates, lone surrogates. Tabs and line breaks inside the text are shown as escapes too: one item, one line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text) -> str:
    """`text` with every control character, separator and direction override written as its escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(_escape, str(text))
