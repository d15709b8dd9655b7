"""Small pieces shared by the course's widgets: message boxes and reading an upload."""

from __future__ import annotations

from .errors import UnreadableImage

#: Colours of message boxes: good news, a problem the learner can fix, a neutral note.
GOOD, PROBLEM, NOTE = "#1b7f3b", "#b35c00", "#555"


def message_box(html_text: str, colour: str = NOTE) -> str:
    """HTML for a message with a coloured bar on its left (the text is HTML: escape what you did not write)."""
    return f'<div style="border-left:4px solid {colour};padding:2px 8px">{html_text}</div>'


def uploaded_file(files) -> tuple[bytes, str] | None:
    """The first file of an ipywidgets 8 ``FileUpload`` value as (bytes, name); None when there is none.

    Raises ``UnreadableImage`` when the upload arrived incomplete.
    """
    if not files:
        return None
    try:
        item = files[0]
        content = item["content"]
        payload = content.tobytes() if isinstance(content, memoryview) else bytes(content)
        name = str(item.get("name") or "your photo")
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        raise UnreadableImage("The upload did not arrive complete. Please try again.") from None
    return payload, name
