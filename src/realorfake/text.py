"""Printed text that fits a notebook's output: long lines wrapped at word boundaries.

JupyterLab breaks a printed line that is wider than the output area wherever
the edge falls, even inside a word ("movemen ts"). Text the course prints is
wrapped here first, at :data:`WIDTH` characters.

Core layer: imports nothing from the package.
"""

from __future__ import annotations

import re
import textwrap

#: Characters per printed line: a notebook's output area shows about 110 at 1280 px; 90 leaves room.
WIDTH = 90

_LEAD = re.compile(r"^(\s*(?:[-•*]\s+|\d+\.\s+)?)")


def fit_lines(text: str, width: int = WIDTH) -> str:
    """``text`` (str) with each line longer than ``width`` wrapped at word boundaries.

    A wrapped line's continuation is indented under its text, so a list item
    (``- ...``, ``1. ...``) or an indented line stays one visible block. Short
    lines and blank lines are kept as they are.
    """
    out = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line)
            continue
        lead = _LEAD.match(line).group(1)
        out.append(textwrap.fill(line, width, subsequent_indent=" " * len(lead), break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)
