"""The artifact magnifier: look at a picture through the forensic views of :mod:`realorfake.artifacts`.

Choose a picture (the two real portraits, the course's fakes at several quality
settings, or your own upload), choose a view (original, difference, seam,
sharpness, ELA, spectrum, noise, close-ups) and zoom on a region; the view is
shown next to the original, cropped the same way.

:class:`ArtifactMagnifier` keeps its parts as attributes (``picker``, ``view``,
``zoom``, ``upload``, ``original``, ``image``, ``message``, ``caption``,
``picture``), so it can be driven and tested from plain Python. The drawing
itself is done by plain functions (:func:`render_view`, :func:`colourise`).
Uploads stay in memory only; ``forget()`` drops them. An upload that carries
the course's SYNTHETIC badge is recognised as a labelled fake, and its crops
stay labelled like those of the course's own fakes.

Two helpers for Lesson 04's pictures live here too: :func:`face_crop` (the same
crop of a photo, a fake or a map, with fakes kept labelled) and
:func:`as_online` (shrunk and recompressed, the way pictures travel online).
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass
from typing import Mapping

import cv2
import numpy as np

from . import artifacts, data, faces, gallery, label
from .errors import CourseError, WrongShape
from .faces import Face, ImageSource
from .plots import png_bytes
from .ui import CONSENT_NOTE, NOTE, PRIVACY_NOTE, PROBLEM, about_upload, message_box, too_large, watch_upload, widgets

#: The views, in the order of the buttons.
VIEWS = ("original", "difference", "seam", "sharpness", "ELA", "spectrum", "noise", "close-ups")
#: Where to zoom (the same crop is shown for the original and the view).
ZOOMS = ("whole picture", "face", "eyes", "mouth", "face edge", "hairline")

#: One line per view: what it shows and when it misleads.
VIEW_NOTES = {
    "original": "The picture itself. Look first with your own eyes: edges of the face, skin, eyes, glare, teeth, hair.",
    "difference": "Bright where the picture differs from the untouched original. Needs that original, which a checker rarely has.",
    "seam": "Colour edges that run along the face outline (the ring either side of it). A bright line all the way round, "
    "also over the forehead, suggests a pasted face; the jaw, hair and glasses light up on real photos too.",
    "sharpness": "Bright = crisp detail, dark = soft. A pasted or generated face is often softer than the hair and clothes "
    "around it; a blurred background or smooth skin in a real photo is dark too.",
    "ELA": "Error level analysis: bright where a JPEG re-save changes the picture most. A region with a different "
    "compression history can glow; edges and text always glow, and re-saving the whole image wipes it out.",
    "spectrum": "The picture's frequencies: centre = coarse shapes, edges = fine detail. Enlarged images show copies, "
    "spots or a grid, and the curve rises at the right end; patterns such as fabric or text do this too.",
    "noise": "The fine grain left after removing the picture. A camera's grain covers the whole photo evenly; a pasted "
    "or generated face is often quieter. Compression and denoising remove grain everywhere.",
    "close-ups": "Eyes, mouth, face edge and hairline, every pixel enlarged. Look for cut-off glasses, odd glare, merged "
    "teeth, a step at the face edge and hair that does not fit.",
}

#: The fixed colour scales of the map views (so that pictures can be compared with each other).
SCALES = {
    "difference": (0.0, 60.0, "inferno"),
    "seam": (0.0, 6.0, "inferno"),
    "sharpness": (1.0, 4.5, "viridis"),
    "ELA": (0.0, 100.0, "inferno"),
    "noise": (0.0, 12.0, "gray"),
}

#: Uploads are shrunk so that their longest side is at most this (keeps every view fast).
UPLOAD_SIDE = 1024

#: Where Grace Hopper's face is in her portrait, as (x, y, w, h); the course's fakes onto her photo keep its size.
HOPPER_FACE_BOX = (120, 100, 300, 320)


# ------------------------------------------------------------- lesson helpers


def is_labelled_fake(image: np.ndarray) -> bool:
    """True for an RGB uint8 picture whose bottom strip is the course's SYNTHETIC badge (JPEG-blurred is fine)."""
    array = np.asarray(image)
    if array.dtype != np.uint8 or array.ndim != 3 or array.shape[2] != 3 or min(array.shape[:2]) < 8:
        return False
    return label.has_badge(array, lossy=True)


def face_crop(image: np.ndarray, box: tuple[int, int, int, int] = HOPPER_FACE_BOX) -> np.ndarray:
    """The ``box`` (x, y, w, h) part of a picture or of a map made from it; by default Hopper's face.

    A crop of a labelled fake gets the SYNTHETIC badge on a new strip below it
    (``label.badge_below``), because the crop loses the badge at the bottom of
    the picture. Maps (2-D or float arrays, such as ``artifacts.error_level``)
    are cropped as they are, so their values keep their meaning. Raises
    ``WrongShape`` for something that is not an image or a box outside it.
    """
    array = np.asarray(image)
    if array.ndim not in (2, 3) or array.dtype.kind not in "biuf" or array.size == 0:
        raise WrongShape(f"face_crop() needs an image or a 2-D map, got an array of shape {array.shape}.")
    try:
        x, y, w, h = (int(v) for v in box)
    except (TypeError, ValueError):
        raise WrongShape(f"box must be four whole numbers (x, y, w, h), got {box!r}.") from None
    crop = array[max(0, y) : max(0, y + h), max(0, x) : max(0, x + w)]
    if w <= 0 or h <= 0 or crop.size == 0:
        raise WrongShape(f"The box {(x, y, w, h)} lies outside this {array.shape[1]} x {array.shape[0]} picture.")
    return label.badge_below(crop) if is_labelled_fake(array) else np.ascontiguousarray(crop)


def as_online(image: ImageSource, width: int = 256, quality: int = 75) -> np.ndarray:
    """The picture shrunk (or enlarged) to ``width`` pixels wide and saved as JPEG at ``quality``, the way pictures travel online.

    A labelled fake stays labelled: shrinking blurs its badge, so the badge is
    drawn again, crisp, on the result.
    """
    rgb = faces.as_rgb(image)
    if not isinstance(width, (int, np.integer)) or width < 16:
        raise WrongShape(f"width must be a whole number of pixels, at least 16 (got {width!r}).")
    height = max(1, round(width * rgb.shape[0] / rgb.shape[1]))
    resized = cv2.resize(rgb, (int(width), height), interpolation=cv2.INTER_AREA if width < rgb.shape[1] else cv2.INTER_CUBIC)
    online = data.jpeg(resized, quality)
    return label.add_badge(online) if is_labelled_fake(rgb) else online


# ------------------------------------------------------------------ drawing


def colourise(values: np.ndarray, vmin: float, vmax: float, cmap: str = "inferno") -> np.ndarray:
    """Map a 2-D array to RGB uint8 with a matplotlib colour map, clipping to [vmin, vmax]."""
    from matplotlib import colormaps

    values = np.asarray(values, dtype=np.float32)
    if values.ndim != 2:
        raise WrongShape(f"colourise() needs a 2-D array, got shape {values.shape}.")
    scaled = np.clip((np.nan_to_num(values, nan=vmin) - vmin) / max(vmax - vmin, 1e-6), 0.0, 1.0)
    table = (colormaps[cmap](np.linspace(0.0, 1.0, 256))[:, :3] * 255 + 0.5).astype(np.uint8)
    return table[(scaled * 255 + 0.5).astype(np.uint8)]


def _over_photo(image: np.ndarray, values: np.ndarray, vmax: float, cmap: str = "inferno") -> np.ndarray:
    """A heat map laid over a dimmed grayscale copy of the photo (for sparse maps such as the seam ring)."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32) * 0.35
    heat = colourise(values, 0.0, vmax, cmap).astype(np.float32)
    alpha = np.clip(values / vmax, 0.0, 1.0)[..., None] ** 0.5
    return (gray[..., None] * (1 - alpha) + heat * alpha + 0.5).astype(np.uint8)


def _spectrum_picture(image: np.ndarray, size: int = 360) -> np.ndarray:
    """The 2-D spectrum as a picture with the 1-D curve drawn below it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    result = artifacts.spectrum(image)
    low, high = np.percentile(result.log_magnitude, (1, 99.8))
    square = colourise(result.log_magnitude, float(low), float(high), "magma")
    square = cv2.resize(square, (size, size), interpolation=cv2.INTER_AREA if square.shape[0] > size else cv2.INTER_NEAREST)
    figure = Figure(figsize=(size / 100, size * 0.5 / 100), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.17, 0.25, 0.78, 0.62))
    ax.plot(result.frequency[1:], result.power[1:], color="#D55E00", linewidth=1.2)
    ax.set_xlabel("frequency (cycles per pixel)", fontsize=7)
    ax.set_ylabel("log10 power", fontsize=7)
    ax.tick_params(labelsize=6)
    ax.set_title(f"high-frequency excess {result.excess:+.2f}", fontsize=7)
    figure.canvas.draw()
    curve = np.asarray(figure.canvas.buffer_rgba())[..., :3]
    curve = cv2.resize(curve, (size, int(size * 0.5)), interpolation=cv2.INTER_AREA)
    return np.vstack([square, curve])


def _closeups_picture(image: np.ndarray, face: Face, cell: int = 180) -> np.ndarray:
    """The four close-ups of ``artifacts.zoom_regions`` in a 2 x 2 grid, each with its name."""
    crops = artifacts.zoom_regions(image, face, size=cell)
    grid = np.full((2 * cell, 2 * cell, 3), 255, dtype=np.uint8)
    for number, name in enumerate(artifacts.ZOOM_REGIONS):
        crop = _fit(crops[name], cell - 4)
        top, left = (number // 2) * cell + 2, (number % 2) * cell + 2
        grid[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
        title = name.replace("_", " ")
        cv2.putText(grid, title, (left + 3, top + 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 3, cv2.LINE_AA)
        cv2.putText(grid, title, (left + 3, top + 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (255, 255, 255), 1, cv2.LINE_AA)
    return grid


def render_view(image: np.ndarray, view: str, *, face: Face | None = None, original: np.ndarray | None = None) -> np.ndarray:
    """One view of a picture as RGB uint8 (map views keep the picture's size).

    ``face`` is needed by "seam" and "close-ups", ``original`` by "difference";
    without them those views raise a ``CourseError`` that says so.
    """
    if view not in VIEWS:
        raise CourseError(f"Unknown view {view!r}. Choose one of: {', '.join(VIEWS)}.")
    if view == "original":
        return image
    if view == "difference":
        if original is None:
            raise CourseError("The difference view needs the untouched original, and there is none for this picture.")
        low, high, cmap = SCALES["difference"]
        values = artifacts.difference(image, original)
        rows = artifacts.badge_rows(image)
        if rows:  # the badge is the label, not a change to the photo
            values[values.shape[0] - rows :] = 0
        return colourise(values, low, high, cmap)
    if view in ("seam", "close-ups") and face is None:
        raise CourseError(f"The {view} view needs a face, and none was found in this picture. The other views still work.")
    if view == "seam":
        return _over_photo(image, artifacts.boundary_map(image, face), SCALES["seam"][1])
    if view == "sharpness":
        low, high, cmap = SCALES["sharpness"]
        return colourise(artifacts.sharpness_map(image), low, high, cmap)
    if view == "ELA":
        low, high, cmap = SCALES["ELA"]
        return colourise(artifacts.error_level(image), low, high, cmap)
    if view == "noise":
        low, high, cmap = SCALES["noise"]
        return colourise(np.abs(artifacts.noise_residual(image)), low, high, cmap)
    if view == "spectrum":
        return _spectrum_picture(image)
    return _closeups_picture(image, face)


def _fit(image: np.ndarray, side: int) -> np.ndarray:
    """Resize so the longest side is ``side``: area averaging to shrink, nearest neighbour to enlarge (pixels stay visible)."""
    longest = max(image.shape[:2])
    if longest == side:
        return image
    factor = side / longest
    size = (max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_NEAREST)


def zoom_box(zoom: str, face: Face | None, shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The (x, y, w, h) crop of a zoom choice, or None for the whole picture."""
    if zoom == "whole picture":
        return None
    if face is None:
        raise CourseError(f"Zooming on the {zoom} needs a face, and none was found in this picture.")
    if zoom == "face":
        x, y, w, h = face.box
        pad = round(0.35 * max(w, h))
        height, width = shape[:2]
        x0, y0 = max(0, x - pad), max(0, y - pad)
        return x0, y0, min(width, x + w + pad) - x0, min(height, y + h + pad) - y0
    key = zoom.replace(" ", "_")
    boxes = artifacts.zoom_boxes(face, shape)
    if key not in boxes:
        raise CourseError(f"Unknown zoom {zoom!r}. Choose one of: {', '.join(ZOOMS)}.")
    return boxes[key]


def _outline(image: np.ndarray, boxes: Mapping[str, tuple[int, int, int, int]]) -> np.ndarray:
    out = np.array(image, copy=True)
    thick = max(1, round(max(image.shape[:2]) / 300))
    for x, y, w, h in boxes.values():
        cv2.rectangle(out, (x, y), (x + w - 1, y + h - 1), (0, 255, 255), thick)
    return out


# ------------------------------------------------------------------- widget


@dataclass
class Picture:
    """A picture in the magnifier: the image, its untouched original (if known), a note, and its face."""

    image: np.ndarray
    original: np.ndarray | None
    note: str
    fake: bool | None  # None: unknown (an upload)
    face: Face | None = None
    searched: bool = False

    def find_face(self) -> Face | None:
        if not self.searched:
            found = faces.detect_faces(self.image)
            self.face = found[0] if found else None
            self.searched = True
        return self.face




class ArtifactMagnifier:
    """Choose a picture, a view and a zoom; see the view side by side with the original.

    ``names``: which of ``gallery.EXAMPLES`` to offer (all by default);
    ``extra``: more pictures, name -> image array or ``gallery.Example``
    (e.g. ``{"Mystery A": ...}``). Parts: ``picker`` (Dropdown), ``view``
    (ToggleButtons), ``zoom`` (Dropdown), ``upload`` (FileUpload),
    ``forget_button``, ``original`` and ``image`` (ipywidgets.Image: left and
    right), ``message`` and ``caption`` (HTML), ``picture`` (the last right-hand
    array), ``left`` (the last left-hand array) and ``widget``.
    """

    def __init__(
        self,
        names: list[str] | None = None,
        extra: Mapping[str, np.ndarray | gallery.Example] | None = None,
        *,
        max_side: int = 360,
    ):
        w = widgets()
        self.max_side = max_side
        self._pending = list(names if names is not None else gallery.EXAMPLES)
        unknown = [name for name in self._pending if name not in gallery.EXAMPLES]
        if unknown:
            raise CourseError(f"Unknown example(s) {unknown}. Choose from: {', '.join(gallery.EXAMPLES)}.")
        self.pictures: dict[str, Picture] = {}
        for name, item in (extra or {}).items():
            self.pictures[name] = self._picture(item)
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        self.picture: np.ndarray = np.zeros((1, 1, 3), np.uint8)
        self.left: np.ndarray = np.zeros((1, 1, 3), np.uint8)

        options = self._pending + [name for name in self.pictures if name not in self._pending]
        if not options:
            raise CourseError("The magnifier needs at least one picture.")
        self.picker = w.Dropdown(options=options, description="Picture:", layout=w.Layout(width="430px"))
        self.view = w.ToggleButtons(options=list(VIEWS), description="View:", style={"button_width": "82px"})
        self.zoom = w.Dropdown(options=list(ZOOMS), description="Zoom:")
        self.upload = w.FileUpload(accept="image/*", multiple=False, description="Upload a photo")
        self.forget_button = w.Button(description="Forget my upload", icon="trash")
        self.original = w.Image(format="png", layout=w.Layout(max_width=f"{max_side}px"))
        self.image = w.Image(format="png", layout=w.Layout(max_width=f"{max_side + 40}px"))
        self.message = w.HTML()
        self.caption = w.HTML()
        self.privacy = w.HTML(f"<small>&#128274; {html.escape(PRIVACY_NOTE)} {html.escape(CONSENT_NOTE)}</small>")
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
                w.HBox([self.upload, self.forget_button]),
                self.privacy,
            ]
        )
        for control in (self.picker, self.view, self.zoom):
            control.observe(self._changed, names="value")
        watch_upload(self.upload, self.process, self._problem)
        self.forget_button.on_click(lambda _button: self.forget())
        self.render()

    # -- pictures
    @staticmethod
    def _picture(item) -> Picture:
        if isinstance(item, gallery.Example):
            return Picture(item.image, item.original, item.note, item.fake)
        image = faces.load_image(item, max_side=UPLOAD_SIDE)
        if is_labelled_fake(image):
            return Picture(image, None, "Made by the course and labelled SYNTHETIC; the original is not shown.", True)
        return Picture(image, None, "", None)

    def _get(self, name: str) -> Picture:
        if name not in self.pictures:
            self.pictures[name] = self._picture(gallery.example(name))
        return self.pictures[name]

    def _view(self, name: str, view: str, picture: Picture) -> np.ndarray:
        key = (name, view)
        if key not in self._cache:
            needs_face = view in ("seam", "close-ups")
            face = picture.find_face() if needs_face else picture.face
            original = picture.original if picture.fake else (picture.image if picture.fake is False else None)
            self._cache[key] = render_view(picture.image, view, face=face, original=original)
        return self._cache[key]

    # -- drawing
    def render(self) -> None:
        """Draw the chosen picture, view and zoom; any problem becomes a message."""
        name, view, zoom = self.picker.value, self.view.value, self.zoom.value
        self.caption.value = f"<small><b>{html.escape(view)}:</b> {html.escape(VIEW_NOTES[view])}</small>"
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
            notes.append("This is a real photo, compared with itself: a real photo has no 'before' to compare with, "
                         "so the map is black. Choose a fake to see what the swap changed.")
        face = picture.find_face() if zoom != "whole picture" else picture.face
        if zoom != "whole picture" and face is None:
            notes.append(f"No face found, so there is no {zoom} to zoom on: showing the whole picture.")
            zoom = "whole picture"
        box = zoom_box(zoom, face, image.shape)
        if view == "close-ups":
            face = picture.find_face()
            right = self._view(name, view, picture)
            left = _outline(image, artifacts.zoom_boxes(face, image.shape)) if face is not None else image
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
            self.picture = label.badge_below(self.picture)
        elif picture.fake and box is not None:
            self.left = label.badge_below(self.left)
            if view == "original":
                self.picture = label.badge_below(self.picture)
            elif view != "spectrum":  # keep the view lined up with the original: a blank strip of the same height
                strip = np.full((self.left.shape[0] - self.picture.shape[0], self.picture.shape[1], 3), 255, np.uint8)
                self.picture = np.vstack([self.picture, strip])
        self.original.value = png_bytes(self.left)
        self.image.value = png_bytes(self.picture)
        kind = {True: "Fake (labelled)", False: "Real photo", None: "Your upload"}[picture.fake]
        if picture.fake and box is not None:
            notes.append("Zoomed crops of a fake carry the SYNTHETIC badge too.")
        text = f"<b>{html.escape(kind)}.</b> {html.escape(picture.note)}"
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
    def process(self, data: bytes, name: str = "your photo") -> bool:
        """Add an uploaded photo (bytes) and show it; a bad file becomes a message. Returns whether it worked."""
        key = f"Upload: {name}"
        problem = too_large(len(data), name)
        if problem:
            self._problem(problem)
            return False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", faces.ResizedNote)
                image = faces.load_image(bytes(data), max_side=UPLOAD_SIDE)
            if min(image.shape[:2]) < 32:
                raise CourseError(f"{name} is only {image.shape[1]} x {image.shape[0]} pixels; use a photo at least 32 x 32.")
        except CourseError as error:
            self._problem(about_upload(str(error), name))
            return False
        except Exception as error:
            self._problem(f"{name} could not be read ({type(error).__name__}). Try another photo.")
            return False
        if is_labelled_fake(image):  # one of the course's fakes, saved and uploaded again: treat it as one
            note = f"{name} carries the course's SYNTHETIC badge: a fake made by the course. The original is not shown."
            self.pictures[key] = Picture(image, None, note, True)
        else:
            self.pictures[key] = Picture(image, None, f"{name}: we do not know how it was made.", None)
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
        self.upload.value = ()
        self.render()
        self.message.value = message_box("Upload forgotten.", NOTE)

    def _changed(self, _change=None) -> None:
        self.render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
