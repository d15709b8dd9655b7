"""The artifact magnifier: look at a picture through the forensic views of :mod:`realorfake.forensics`.

Choose a picture (the two real portraits, the course's fakes at several quality
settings, or your own upload), choose a view (original, difference, seam,
sharpness, ELA, spectrum, noise, close-ups) and zoom on a region; the view is
shown next to the original, cropped the same way.

:class:`ArtifactMagnifier` keeps its parts as attributes (``picker``, ``view``,
``zoom``, ``upload``, ``original``, ``image``, ``message``, ``caption``,
``picture``), so it can be driven and tested from plain Python. The pictures
are drawn by :mod:`realorfake.show.forensic_pictures`. Uploads stay in memory
only; ``forget()`` drops them. An upload that carries the course's SYNTHETIC
badge is recognised as a labelled fake, and its crops stay labelled like those
of the course's own fakes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import faces, forensics, images
from ..errors import CourseError
from ..faces import Face
from ..images import resize_longest
from ..label import add_badge, badge_below, badge_rows, is_labelled_fake
from ..show.forensic_pictures import VIEW_NOTES, VIEWS, ZOOMS, _fit, _outline, _spectrum_picture, render_view, zoom_box
from ..show.plots import png_bytes
from .accessible import choices
from .common import CONSENT_NOTE, LOOK_HARDER, NOTE, PRIVACY_NOTE, PROBLEM, message_box, picture_widget, read_upload, widgets
from .explorer import describe_upload_faces
from .photo_picker import REFUSED, PhotoPicker, watch_photo

#: Uploads are shrunk so that their longest side is at most this (keeps every view fast).
UPLOAD_SIDE = 1024

# ------------------------------------------------------------------- widget


@dataclass
class Picture:
    """A picture in the magnifier: the image, its untouched original (if known), a note, and its face."""

    image: np.ndarray
    original: np.ndarray | None
    note: str
    fake: bool | None  # None: unknown (an upload)
    face: Face | None = None
    searched: int | None = None  # the upsample of the last search (None: not searched yet)

    def find_face(self, upsample: int = 0) -> Face | None:
        """The largest face in the picture, found once per ``upsample`` (0, or 1 to look harder); None when there is none."""
        if self.searched is None or (self.face is None and upsample > self.searched):
            found = faces.detect_faces(self.image, upsample=upsample)
            self.face = found[0] if found else None
            self.searched = upsample
        return self.face


class ArtifactMagnifier:
    """Choose a picture, a view and a zoom; see the view side by side with the original.

    ``pictures`` maps a name to a picture: an image array, an object with
    ``image``, ``original``, ``note`` and ``fake`` attributes (such as the
    gallery's examples), or a function of no arguments that returns either (it
    is called the first time the picture is chosen). Lesson 04 builds one with
    ``ArtifactMagnifier(gallery.pictures())``. Parts: ``picker`` (Dropdown), ``view``
    (radio buttons), ``zoom`` (Dropdown), ``look_harder`` (Checkbox: look for small faces, as
    Lesson 02's uploader does), ``upload`` (:class:`~realorfake.widgets.photo_picker.PhotoPicker`),
    ``forget_button``, ``original`` and ``image`` (ipywidgets.Image: left and
    right), ``message`` and ``caption`` (HTML), ``picture`` (the last right-hand
    array), ``left`` (the last left-hand array) and ``widget``. Raises
    ``CourseError`` when there is no picture at all.
    """

    def __init__(self, pictures: Mapping[str, Any], *, max_side: int = 360):
        w = widgets()
        self.max_side = max_side
        self._makers = {name: item for name, item in pictures.items() if callable(item)}
        self.pictures: dict[str, Picture] = {name: self._picture(item) for name, item in pictures.items() if not callable(item)}
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        self.picture: np.ndarray = np.zeros((1, 1, 3), np.uint8)
        self.left: np.ndarray = np.zeros((1, 1, 3), np.uint8)

        options = list(pictures)
        if not options:
            raise CourseError("The magnifier needs at least one picture.")
        self.picker = w.Dropdown(options=options, description="Picture:", layout=w.Layout(width="430px"))
        self.view = choices(list(VIEWS), VIEWS[0], "View:")
        self.zoom = w.Dropdown(options=list(ZOOMS), description="Zoom:")
        self.look_harder = w.Checkbox(value=False, description=LOOK_HARDER, indent=False, layout=w.Layout(width="auto"))
        self.upload = PhotoPicker(description="Upload a photo", shrink_side=UPLOAD_SIDE)
        self.forget_button = w.Button(description="Forget my upload", icon="trash", layout=w.Layout(width="auto"))
        self.original = picture_widget(max_side)
        self.image = picture_widget(max_side + 40)
        self.message = w.HTML()
        self.caption = w.HTML()
        self.privacy = w.HTML(f"<span style='font-size:12px'>{html.escape(PRIVACY_NOTE)} {html.escape(CONSENT_NOTE)}</span>")
        pictures = w.HBox(
            [
                w.VBox([w.HTML("<b>original</b>"), self.original], layout=w.Layout(margin="0 12px 0 0")),
                w.VBox([w.HTML("<b>view</b>"), self.image]),
            ]
        )
        self.widget = w.VBox(
            [
                w.HBox([self.picker, self.zoom]),
                self.view,
                self.caption,
                pictures,
                self.message,
                w.HBox([self.upload, self.look_harder, self.forget_button], layout=w.Layout(flex_flow="row wrap")),  # a long note wraps, no button is cut
                self.privacy,
            ]
        )
        for control in (self.picker, self.view, self.zoom):
            control.observe(self._changed, names="value")
        self.look_harder.observe(self._look_harder, names="value")
        watch_photo(self.upload, lambda data, name, note, width: self.process(data, name, note=note, original_width=width), self._receiving, self._refused)
        self.forget_button.on_click(lambda _button: self.forget())
        self.render()

    # -- pictures
    @staticmethod
    def _picture(item) -> Picture:
        if all(hasattr(item, part) for part in ("image", "original", "note", "fake")):
            return Picture(item.image, item.original, item.note, item.fake)
        full = images.load_image(item, max_side=None)
        fake = is_labelled_fake(full)  # looked for before shrinking, which blurs the badge
        image = resize_longest(full, UPLOAD_SIDE, enlarge=False)
        if fake:
            return Picture(add_badge(image), None, "Made by the course and labelled SYNTHETIC; the original is not shown.", True)
        return Picture(image, None, "", None)

    def _get(self, name: str) -> Picture:
        if name not in self.pictures:
            self.pictures[name] = self._picture(self._makers[name]())
        return self.pictures[name]

    def _view(self, name: str, view: str, picture: Picture) -> np.ndarray:
        key = (name, view)
        if key not in self._cache:
            needs_face = view in ("seam", "close-ups")
            face = picture.find_face(self._upsample) if needs_face else picture.face
            if needs_face and face is None:
                harder = "" if self.look_harder.value else f" Tick '{LOOK_HARDER}' below to search for smaller faces."
                raise CourseError(f"The {view} view needs a face, and none was found in this picture.{harder} The other views still work.")
            original = picture.original if picture.fake else (picture.image if picture.fake is False else None)
            self._cache[key] = render_view(picture.image, view, face=face, original=original)
        return self._cache[key]

    # -- drawing
    def render(self) -> None:
        """Draw the chosen picture, view and zoom; any problem becomes a message."""
        name, view, zoom = self.picker.value, self.view.value, self.zoom.value
        self.caption.value = f"<span style='font-size:12px'><b>{html.escape(view)}:</b> {html.escape(VIEW_NOTES[view])}</span>"
        try:
            picture = self._get(name)
            self._draw(name, view, zoom, picture)
        except CourseError as error:
            self._problem(str(error))
        except Exception as error:  # never a traceback in the widget
            self._problem(f"This view could not be drawn ({type(error).__name__}). Try another picture or view.")

    def _draw(self, name: str, view: str, zoom: str, picture: Picture) -> None:
        image = picture.image
        notes = []
        if view == "difference" and picture.fake is False:
            notes.append("This is a real photo, compared with itself: a real photo has no 'before' to compare with, so the map is black. Choose a fake to see what the swap changed.")
        face = picture.find_face(self._upsample) if zoom != "whole picture" else picture.face
        if zoom != "whole picture" and face is None:
            harder = "" if self.look_harder.value else f" Tick '{LOOK_HARDER}' below to search for smaller faces."
            notes.append(f"No face found, so there is no {zoom} to zoom on: showing the whole picture.{harder}")
            zoom = "whole picture"
        box = zoom_box(zoom, face, image.shape)
        if box is not None and picture.fake:  # a zoom never takes in the fake's own badge: it gets one below instead
            x, y, w, h = box
            h = max(1, min(h, image.shape[0] - badge_rows(image) - y))
            box = (x, y, w, h)
        if view == "close-ups":
            face = picture.find_face(self._upsample)
            right = self._view(name, view, picture)
            left = _outline(image, forensics.zoom_boxes(face, image.shape)) if face is not None else image
            if zoom != "whole picture":
                notes.append("The close-ups show all four regions; the zoom does not apply.")
        elif view == "spectrum" and box is not None:
            x, y, w, h = box
            crop = np.ascontiguousarray(image[y : y + h, x : x + w])
            right = _spectrum_picture(crop)
            left = crop
            notes.append("Spectrum of the zoomed region only (small regions give coarse spectra).")
        else:
            right = self._view(name, view, picture)
            left = image
            if box is not None:
                x, y, w, h = box
                left = image[y : y + h, x : x + w]
                if view != "spectrum":
                    right = right[y : y + h, x : x + w]
        self.left = _fit(left, self.max_side)
        self.picture = _fit(right, self.max_side + 40) if view in ("spectrum", "close-ups") else _fit(right, self.max_side)
        if picture.fake and view == "close-ups":  # crops of a fake: every fake shown stays labelled
            self.picture = badge_below(self.picture)
        elif picture.fake and box is not None:
            self.left = badge_below(self.left)
            if view != "spectrum":  # the view shows the fake's crop too (a heat map over it): labelled, and lined up with the left
                self.picture = badge_below(self.picture)
        self.original.value = png_bytes(self.left)
        self.image.value = png_bytes(self.picture)
        kind = {True: "Fake (labelled)", False: "Real photo", None: "Your upload"}[picture.fake]
        part = "" if box is None else f", {self.zoom.value}"
        self.original.alt = f"{self.picker.value}{part}, as it is."
        self.image.alt = f"{self.picker.value}{part}, {view} view. {VIEW_NOTES.get(view, '')}".strip()
        if picture.fake and box is not None:
            notes.append("Zoomed crops of a fake carry the SYNTHETIC badge too.")
        note = picture.note
        if note.lower().startswith(kind.lower()):  # the note already says what it is ("Real photo: ...")
            text = f"<b>{html.escape(note[: len(kind)])}</b>{html.escape(note[len(kind) :])}"
        else:
            text = f"<b>{html.escape(kind)}.</b> {html.escape(note)}"
        if notes:
            text += "<br>" + "<br>".join(html.escape(n) for n in notes)
        self.message.value = message_box(text, NOTE)

    def _problem(self, text: str) -> None:
        picture = self.pictures.get(self.picker.value)
        if picture is not None:  # keep the original on the left, so the learner sees what was chosen
            self.left = _fit(picture.image, self.max_side)
            self.original.value = png_bytes(self.left)
        self.picture = np.zeros((1, 1, 3), np.uint8)
        self.image.value = b""
        self.message.value = message_box(html.escape(text), PROBLEM)

    # -- uploads
    def process(self, data: bytes, name: str = "your photo", *, note: str = "", original_width: int = 0) -> bool:
        """Add an uploaded photo (bytes) and show it; a bad file becomes a message. Returns whether it worked.

        ``note`` says what the browser did to the photo on the way (shrank it), if anything;
        ``original_width`` is then the photo's own width (px), in which the faces found are listed, as in Lesson 02.
        """
        key = f"Upload: {name}"
        try:
            upload = read_upload(data, UPLOAD_SIDE, name)
            image = upload.image
            if min(image.shape[:2]) < 32:
                raise CourseError(f"{name} is only {image.shape[1]} x {image.shape[0]} pixels; use a photo at least 32 x 32.")
        except CourseError as error:
            self.render()  # the picture chosen before stays on screen whole, with the problem below it
            self.message.value = message_box(html.escape(str(error)), PROBLEM)
            return False
        if upload.fake:  # one of the course's fakes, saved and uploaded again: treat it as one
            note = f"{name} is a fake made by the course (recognised by {upload.how}). The original is not shown."
            self.pictures[key] = Picture(image, None, note, True)
        else:
            found = faces.detect_faces(image, upsample=self._upsample)
            listed = f" {describe_upload_faces(found, image.shape[1], original_width or upload.full_shape[1])}" if found else " No face found when it was added."
            if len(found) > 1:
                listed += " Zooms and the seam view use the largest, #1."
            shrunk = f" (The photo was {note}.)" if note else ""
            self.pictures[key] = Picture(image, None, f"{name}: we do not know how it was made.{listed}{shrunk}", None, found[0] if found else None, self._upsample if found else None)
        self._cache = {k: v for k, v in self._cache.items() if k[0] != key}
        options = [o for o in self.picker.options if o != key] + [key]
        self.picker.options = options
        if self.picker.value == key:
            self.render()
        else:
            self.picker.value = key  # triggers render
        return True

    def forget(self) -> None:
        """Drop every uploaded photo from memory."""
        uploads = [name for name in self.pictures if name.startswith("Upload: ")]
        for name in uploads:
            del self.pictures[name]
        self._cache = {k: v for k, v in self._cache.items() if not k[0].startswith("Upload: ")}
        remaining = [o for o in self.picker.options if o not in uploads]
        self.picker.options = remaining
        self.upload.clear()
        self.render()
        self.message.value = message_box("Upload forgotten.", NOTE)

    def _changed(self, _change=None) -> None:
        self.render()

    @property
    def _upsample(self) -> int:
        return 1 if self.look_harder.value else 0

    def _look_harder(self, _change=None) -> None:
        """Search again for small faces: the views that depend on the face are drawn again."""
        self._cache = {key: view for key, view in self._cache.items() if key[1] not in ("seam", "close-ups")}
        self.render()

    def _receiving(self, name: str) -> None:
        """A new photo is on its way: say so, so that the picture on screen is not taken for it."""
        self.message.value = message_box(f"Receiving <b>{html.escape(name)}</b>… it will be added to the pictures and shown here.", NOTE)

    def _refused(self, name: str) -> None:
        """The browser did not send the photo it announced: say so, instead of "Receiving ..." forever."""
        self.message.value = message_box(REFUSED.format(name=html.escape(name)), PROBLEM)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
