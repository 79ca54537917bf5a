"""Whitespace that is not a break: how printed line endings are told from paragraph ends.

Laws converted to Markdown often keep a blank line after every printed line ("Las\\n\\nvíctimas de la
trata de personas no son punibles por la comisión de\\n\\ncualquier delito"). A blank line whose line
before does not end a sentence or clause, and whose next line goes on with a lower-case word, is a
soft break inside one sentence; every other blank line ends a paragraph.
"""

from __future__ import annotations

import re

#: A blank line inside a sentence (see the module docstring).
SOFT_BREAK = (r"(?<=[^\s.;:!?])[ \t\u00a0]*\n[ \t\u00a0]*\n[ \t\u00a0]*"
              r"(?=[a-zà-öø-ÿ]{2,}\b|[a-zà-öø-ÿ]\s)")
_SOFT = re.compile(SOFT_BREAK)
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")


def paragraph_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets of the blank lines between `start` and `end` that end a paragraph."""
    soft = [m.span() for m in _SOFT.finditer(text, start, end)]
    out = []
    for m in _BLANK.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in soft):
            out.append(m.start())
    return out
