"""Small pieces shared by the course's widgets: upload limits, reading an upload, pictures, and the message boxes of ``show``."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .. import label
from ..errors import CourseError, ImageTooLarge, UnreadableImage
from ..images import UPLOADED_DATA, load_image, resize_longest
from ..show.messages import GOOD, NOTE, PROBLEM, message_box
from .accessible import Picture

#: The privacy note shown next to every upload button.
PRIVACY_NOTE = "Your photo stays in this notebook's memory; nothing is saved or sent anywhere."
#: The consent reminder shown with it.
CONSENT_NOTE = "Only use photos of people who agreed to it (see data/my_photos/README.md)."

#: The one "look harder" option of every widget that finds faces in a photo (``upsample=1``: faces down to about 40 px).
LOOK_HARDER = "look harder for small faces (slower)"

#: Uploads larger than this (bytes) are refused before they are decoded.
MAX_UPLOAD_BYTES = 25_000_000


__all__ = [
    "CONSENT_NOTE",
    "GOOD",
    "LOOK_HARDER",
    "MAX_UPLOAD_BYTES",
    "NOTE",
    "PRIVACY_NOTE",
    "PROBLEM",
    "UPLOADED_DATA",
    "about_upload",
    "message_box",
    "too_large",
    "widgets",
]


def widgets():
    """The ipywidgets module, imported only when a widget is made (the package works without a browser)."""
    import ipywidgets

    return ipywidgets


def too_large(size: int, name: str) -> str | None:
    """A message when an upload of ``size`` bytes is over ``MAX_UPLOAD_BYTES``, else None (plain text)."""
    if size <= MAX_UPLOAD_BYTES:
        return None
    return f"{name} is {size / 1e6:.0f} MB; please use a photo under {MAX_UPLOAD_BYTES // 1_000_000} MB."


def about_upload(message: str, name: str) -> str:
    """An error message about "the image data" rewritten to name the uploaded file (plain text, first letter capital)."""
    if message.lower().startswith(UPLOADED_DATA):
        return f"'{name}'{message[len(UPLOADED_DATA) :]}"
    return message[:1].upper() + message[1:]


class Upload(NamedTuple):
    """A picture that came in through an upload: the RGB uint8 image (H, W, 3), whether it is a course fake, and why."""

    image: np.ndarray
    fake: bool
    how: str  # how it was recognised as a fake ("" when it was not)
    full_shape: tuple[int, ...]  # the shape of the file's picture before it was shrunk


def read_upload(data: bytes, max_side: int, name: str = "your photo") -> Upload:
    """Decode an uploaded file called ``name``, recognise a course fake, and shrink it to ``max_side`` px, in that order.

    The file's machine-readable label is read first, and the visible badge is
    looked for before any resizing (``label.has_badge(lossy=True)`` also knows
    a badge that was shrunk and recompressed on the way). A fake's shrunk copy
    gets its badge drawn again, crisp, so that every crop of it can stay
    labelled. Every problem is a ``CourseError`` whose plain-text message names
    the file: ``ImageTooLarge`` over ``MAX_UPLOAD_BYTES`` (checked before
    decoding), what ``images.load_image`` raises, and ``UnreadableImage`` for
    any other failure (never a raw exception in a widget).
    """
    problem = too_large(len(data), name)
    if problem:
        raise ImageTooLarge(problem)
    try:
        labelled = label.read_label(bytes(data)) is not None
    except CourseError:
        labelled = False
    try:
        full = load_image(bytes(data), max_side=None)  # full size: the badge is looked for before any shrinking
    except CourseError as error:
        raise type(error)(about_upload(str(error), name)) from None
    except Exception as error:  # a decoder's own failure: still a message, not a traceback
        raise UnreadableImage(f"'{name}' could not be read ({type(error).__name__}). Try another photo.") from None
    badged = label.has_badge(full, lossy=True)
    image = resize_longest(full, max_side, enlarge=False)
    fake = labelled or badged
    if fake and (image is not full or not badged):
        image = label.add_badge(image)
    how = "its machine-readable label" if labelled else ("its SYNTHETIC badge" if badged else "")
    return Upload(image, fake, how, full.shape)


def picture_widget(max_width: int, value: bytes = b"", image_format: str = "png", *, alt: str = ""):
    """A :class:`~realorfake.widgets.accessible.Picture` at most ``max_width`` px wide that keeps its aspect ratio and hides while empty.

    Every picture of the course's widgets is one of these: its height follows
    its width (never stretched to a neighbour's height), an empty one shows
    nothing rather than the browser's broken-image icon, and ``alt`` says what
    it shows, for screen readers: set ``picture.alt`` when the picture changes.
    """
    w = widgets()
    image = Picture(value=value, format=image_format, alt=alt, layout=w.Layout(max_width=f"{max_width}px", width="100%"))

    def toggle(_change=None) -> None:
        image.layout.display = None if image.value else "none"

    image.observe(toggle, names="value")
    toggle()
    return image
