"""Message boxes: the one look of every message the course shows (checks, widgets, pages).

A message is HTML with a colored bar on its left: green for good news, orange
for a problem the learner can fix, grey for a neutral note.

Show layer: imports nothing from the package.
"""

from __future__ import annotations

#: Colors of message boxes: good news, a problem the learner can fix, a neutral note.
GOOD, PROBLEM, NOTE = "#1b7f3b", "#b35c00", "#555"


def message_box(html_text: str, color: str = NOTE) -> str:
    """HTML for a message with a colored bar on its left (the text is HTML: escape what you did not write)."""
    return f'<div style="border-left:4px solid {color};padding:2px 8px">{html_text}</div>'
