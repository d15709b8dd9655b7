"""Small pieces shared by the course's widgets: message boxes, upload limits and reading an upload."""

from __future__ import annotations

from typing import Callable

from .errors import CourseError, UnreadableImage

#: Colours of message boxes: good news, a problem the learner can fix, a neutral note.
GOOD, PROBLEM, NOTE = "#1b7f3b", "#b35c00", "#555"

#: The privacy note shown next to every upload button.
PRIVACY_NOTE = "Your photo stays in this notebook's memory; nothing is saved or sent anywhere."
#: The consent reminder shown with it.
CONSENT_NOTE = "Only use photos of people who agreed to it (see data/my_photos/README.md)."

#: Uploads larger than this (bytes) are refused before they are decoded.
MAX_UPLOAD_BYTES = 25_000_000

#: How ``faces.load_image`` names bytes in its messages (rewritten to the file's name by :func:`about_upload`).
UPLOADED_DATA = "the uploaded data"


def widgets():
    """The ipywidgets module, imported only when a widget is made (the package works without a browser)."""
    import ipywidgets

    return ipywidgets


def message_box(html_text: str, colour: str = NOTE) -> str:
    """HTML for a message with a coloured bar on its left (the text is HTML: escape what you did not write)."""
    return f'<div style="border-left:4px solid {colour};padding:2px 8px">{html_text}</div>'


def too_large(size: int, name: str) -> str | None:
    """A message when an upload of ``size`` bytes is over ``MAX_UPLOAD_BYTES``, else None (plain text)."""
    if size <= MAX_UPLOAD_BYTES:
        return None
    return f"{name} is {size / 1e6:.0f} MB; please use a photo under {MAX_UPLOAD_BYTES // 1_000_000} MB."


def about_upload(message: str, name: str) -> str:
    """An error message about "the uploaded data" rewritten to name the file (plain text, first letter capital)."""
    if message.startswith(UPLOADED_DATA):
        return f"'{name}'{message[len(UPLOADED_DATA):]}"
    return message[:1].upper() + message[1:]


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


def watch_upload(upload, on_file: Callable[[bytes, str], None], on_problem: Callable[[str], None]) -> None:
    """Call ``on_file(data, name)`` for each new upload of a ``FileUpload``, or ``on_problem(message)``."""

    def uploaded(change) -> None:
        try:
            received = uploaded_file(change["new"])
        except CourseError as error:
            on_problem(str(error))
            return
        if received is not None:
            on_file(*received)

    upload.observe(uploaded, names="value")
