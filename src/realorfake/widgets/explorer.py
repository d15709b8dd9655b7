"""Widgets of Lesson 02 (faces as data): the landmark explorer and the face uploader.

Every widget here is a small class whose parts are attributes (``.picker``,
``.image``, ``.message``, ...), so it can be driven from plain Python and tested
without a browser. Display one in a notebook by making it the last expression
of a cell. Pictures are drawn with OpenCV onto a copy and shown in an
``ipywidgets.Image``: lighter and faster than a matplotlib figure in a widget.

Nothing here writes to disk or sends anything anywhere: an uploaded photo lives
only in the notebook's memory, and ``FaceUploader.forget()`` drops it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np

from .. import data, faces
from ..errors import CourseError
from ..faces import Face
from ..images import WORKING_SIZE, load_image
from ..label import add_badge
from ..show.landmarks import draw_landmarks, fit_for_display, zoom_on
from ..show.plots import BASIC_REGIONS, REGION_COLORS, png_bytes
from .accessible import Slider
from .common import CONSENT_NOTE, GOOD, LOOK_HARDER, NOTE, PRIVACY_NOTE, PROBLEM, message_box, picture_widget, read_upload, widgets
from .photo_picker import REFUSED, PhotoPicker, watch_photo

#: With more faces than this, only the largest ones are numbered on the picture and listed (a group photo).
LISTED_FACES = 5


def describe_faces(found: Sequence[Face], scale: float = 1.0) -> str:
    """One friendly line: how many faces and how big, e.g. '1 face found (#1: 216 x 216 px, score 1.52).'

    ``found`` is largest first. With more than ``LISTED_FACES`` faces (a group
    photo) the line gives the range of sizes and scores and lists only the
    largest, as numbered on the picture. ``scale`` converts the sizes to
    another picture's pixels (the photo's own, when the faces were found on a
    shrunk copy).
    """
    if not found:
        return "No face found."

    def size(face: Face) -> str:
        return f"{round(face.box[2] * scale)} x {round(face.box[3] * scale)} px"

    listed = "; ".join(f"#{i + 1}: {size(f)}, score {f.score:.2f}" for i, f in enumerate(found[:LISTED_FACES]))
    if len(found) <= LISTED_FACES:
        return f"{len(found)} face{'s' if len(found) != 1 else ''} found ({listed})."
    widths = [round(f.box[2] * scale) for f in found]
    scores = [f.score for f in found]
    return f"{len(found)} faces found, {min(widths)} to {max(widths)} px wide, scores {min(scores):.2f} to {max(scores):.2f}. The {LISTED_FACES} largest, numbered on the picture: {listed}."


def describe_upload_faces(found: Sequence[Face], searched_width: int, photo_width: int) -> str:
    """:func:`describe_faces` for an uploaded photo, with sizes in the photo's own pixels.

    Faces are found on a copy shrunk to ``searched_width`` px; ``photo_width``
    is the photo's width as the learner took it (px). Every upload widget says
    it this way, so a face has one size wherever it is listed.
    """
    return f"{describe_faces(found, photo_width / searched_width)} Sizes are in the photo's own pixels."


def face_labels(count: int) -> list[str | None]:
    """The labels drawn on ``count`` faces, largest first: "#1", "#2" ... for the listed ones, none for a single face."""
    if count <= 1:
        return [None] * count
    return [f"#{i + 1}" if i < LISTED_FACES else None for i in range(count)]


NO_FACE_ADVICE = "The detector needs a clear, mostly frontal face, well lit and at least about 80 pixels wide (40 with 'look harder')."


# ---------------------------------------------------------- landmark explorer


#: The explorer's pictures that have no face: finding none there is right, and no advice is given.
FACELESS = frozenset({"Coffee (no face)"})


def default_images() -> dict[str, np.ndarray]:
    """The explorer's pictures: both portraits, some edits of them, and a photo without a face."""
    return {
        "Grace Hopper": data.portrait("hopper"),
        "Eileen Collins": data.portrait("collins"),
        "Hopper, tilted": data.portrait_variant("hopper", "tilted"),
        "Hopper, darker": data.portrait_variant("hopper", "darker"),
        "Collins, close crop": data.portrait_variant("collins", "close_crop"),
        "Collins, small": data.portrait_variant("collins", "small"),
        "Coffee (no face)": data.photo("coffee"),
    }


class LandmarkExplorer:
    """Pick a picture, switch landmark regions on and off, and see what the detector found.

    Parts (for tests and for curious learners): ``picker`` (Dropdown), ``region_toggles``
    (name -> Checkbox), ``numbers``, ``box``, ``zoom``, ``look_harder`` (Checkboxes),
    ``threshold`` (FloatSlider: the detector's minimum score), ``image`` (ipywidgets.Image),
    ``message`` (HTML), ``picture`` (the last drawn array), ``faces`` (the faces shown)
    and ``widget`` (the whole thing).
    """

    def __init__(self, images: Mapping[str, np.ndarray] | None = None, *, max_side: int = 480):
        w = widgets()
        self.images = {name: load_image(image) for name, image in (default_images() if images is None else images).items()}
        if not self.images:
            raise CourseError("LandmarkExplorer needs at least one image.")
        self.max_side = max_side
        self._cache: dict[tuple[str, int], list[Face]] = {}
        self.faces: list[Face] = []
        self.picture: np.ndarray = np.zeros((1, 1, 3), np.uint8)

        self.picker = w.Dropdown(options=list(self.images), description="Picture:")
        self.region_toggles = {name: w.Checkbox(value=True, description=name.replace("_", " "), indent=False, layout=w.Layout(width="auto")) for name in BASIC_REGIONS}
        self.numbers = w.Checkbox(value=False, description="point numbers", indent=False, layout=w.Layout(width="auto"))
        self.box = w.Checkbox(value=True, description="face box", indent=False, layout=w.Layout(width="auto"))
        self.zoom = w.Checkbox(value=False, description="zoom on the faces", indent=False, layout=w.Layout(width="auto"))
        self.look_harder = w.Checkbox(value=False, description="look harder (upsample=1)", indent=False, layout=w.Layout(width="auto"))
        self.threshold = Slider(value=faces.MIN_SCORE, min=0.0, max=1.5, step=0.05, description="min score", digits=2, continuous_update=False, layout=w.Layout(width="225px"))
        self.image = picture_widget(max_side)
        self.message = w.HTML()

        swatches = [w.HBox([w.HTML(f'<span style="color:{REGION_COLORS[name]};font-size:18px">&#9632;</span>'), toggle]) for name, toggle in self.region_toggles.items()]
        controls = w.VBox(
            [self.picker, w.HTML("<b>Regions</b>"), *swatches, w.HTML("<b>Show</b>"), self.numbers, self.box, self.zoom, w.HTML("<b>Detector</b>"), self.look_harder, self.threshold],
            layout=w.Layout(min_width="230px"),
        )
        # align the row's items to the top: a stretched Image would lose its aspect ratio
        self.widget = w.VBox([w.HBox([controls, self.image], layout=w.Layout(align_items="flex-start")), self.message])
        for control in [self.picker, *self.region_toggles.values(), self.numbers, self.box, self.zoom, self.look_harder, self.threshold]:
            control.observe(self._changed, names="value")
        self.render()

    # -- logic
    @property
    def regions(self) -> list[str]:
        """The regions switched on."""
        return [name for name, toggle in self.region_toggles.items() if toggle.value]

    def detections(self, name: str, upsample: int, min_score: float = faces.MIN_SCORE) -> list[Face]:
        """Faces in one of the pictures scoring at least ``min_score``.

        The detector runs once per picture and upsample setting (keeping every score),
        and the threshold is applied afterwards: moving the slider costs nothing.
        """
        key = (name, upsample)
        if key not in self._cache:
            self._cache[key] = faces.detect_faces(self.images[name], upsample=upsample, min_score=0.0)
        return [face for face in self._cache[key] if face.score >= min_score]

    def render(self) -> None:
        """Draw the current picture with the chosen regions and update the message."""
        name = self.picker.value
        image = self.images[name]
        upsample = 1 if self.look_harder.value else 0
        try:
            self.faces = self.detections(name, upsample, self.threshold.value)
        except CourseError as error:
            self.faces = []
            self._show(image, [], message_box(html.escape(str(error)), PROBLEM))
            return
        if not self.faces and name in FACELESS:
            text = f"<b>No face found in '{html.escape(name)}', and rightly so:</b> there is no face in it. A detector that finds nothing where there is nothing is doing its job."
            self._show(image, [], message_box(text, GOOD))
            return
        if not self.faces:
            hint = "" if upsample else " Tick 'look harder' to search for smaller faces."
            if self.threshold.value > faces.MIN_SCORE:
                hint += " Or lower the minimum score."
            text = f"<b>No face found in '{html.escape(name)}'.</b> {NO_FACE_ADVICE}{hint}"
            self._show(image, [], message_box(text, PROBLEM))
            return
        text = describe_faces(self.faces)
        if len(self.faces) > 1:
            text += " More than one: is every box really a face?"
        self._show(image, self.faces, message_box(html.escape(text), GOOD))

    def _show(self, image: np.ndarray, found: list[Face], message: str) -> None:
        panelled = self.zoom.value and self.numbers.value and 1 < len(found) <= MAX_PANELS
        if panelled:
            # one zoom holding every face crowded each face's point numbers together: each face gets its own panel
            side = max(MIN_PANEL, min(self.max_side, (PANELS_WIDTH - PANEL_GAP * (len(found) - 1)) // len(found)))
            panels = []
            for face, number in zip(found, face_labels(len(found))):
                zoomed, moved = zoom_on(image, face, side, margin=0.12)
                panels.append(draw_landmarks(zoomed, moved, self.regions, True, box=self.box.value, label=number))
            picture = side_by_side(panels, PANEL_GAP)
        else:
            if self.zoom.value and found:
                # every face found, so none is hidden by the zoom; closer with point numbers, so that they spread out
                picture, shown = zoom_on(image, found, self.max_side, margin=0.12 if self.numbers.value else 0.35)
            else:
                picture, shown = fit_for_display(image, found, self.max_side)
            for face, number in zip(shown, face_labels(len(shown))):
                picture = draw_landmarks(picture, face, self.regions, self.numbers.value, box=self.box.value, label=number)
        self.picture = picture
        self.image.layout.max_width = f"{picture.shape[1]}px"  # never enlarged: a tall zoom stays within the screen
        self.image.value = png_bytes(picture)
        panels = " Each face is zoomed in its own panel, side by side." if panelled else ""
        self.image.alt = f"{self.picker.value}: {_faces_drawn(len(found))}{panels}"
        self.message.value = message

    def _changed(self, _change=None) -> None:
        self.render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


#: With "zoom" and "point numbers", up to this many faces are each shown in their own panel, side by side ...
MAX_PANELS = 3
#: ... within this many pixels (beside the explorer's controls at 1280 px), each panel at least MIN_PANEL px, PANEL_GAP apart.
PANELS_WIDTH, MIN_PANEL, PANEL_GAP = 600, 200, 8


def side_by_side(pictures: Sequence[np.ndarray], gap: int) -> np.ndarray:
    """RGB uint8 pictures (H_k, W_k, 3) in one row, top-aligned on white, ``gap`` px apart: (max H, sum W + gaps, 3)."""
    height = max(p.shape[0] for p in pictures)
    width = sum(p.shape[1] for p in pictures) + gap * (len(pictures) - 1)
    row = np.full((height, width, 3), 255, np.uint8)
    x = 0
    for picture in pictures:
        row[: picture.shape[0], x : x + picture.shape[1]] = picture
        x += picture.shape[1] + gap
    return row


# -------------------------------------------------------------- face uploader


class FaceUploader:
    """Upload your own photo and see the faces, boxes and landmarks the detector finds.

    The photo is only held in memory (``.picture``); nothing is written to disk.
    Parts: ``upload`` (:class:`~realorfake.widgets.photo_picker.PhotoPicker`), ``look_harder`` (Checkbox), ``forget_button``,
    ``image``, ``message`` (HTML), ``privacy`` (HTML), ``faces``, ``widget``.
    ``process(data, name)`` is what an upload runs; tests call it with bytes.
    """

    def __init__(self, *, max_side: int = 480):
        w = widgets()
        self.max_side = max_side
        self.faces: list[Face] = []
        self.picture: np.ndarray | None = None
        self._last: tuple[bytes, str] | None = None
        self.upload = PhotoPicker(description="Choose a photo", shrink_side=WORKING_SIZE)
        self.look_harder = w.Checkbox(value=False, description=LOOK_HARDER, indent=False)
        self.forget_button = w.Button(description="Forget my photo", icon="trash", layout=w.Layout(width="auto"))
        self.privacy = w.HTML(message_box(f"{html.escape(PRIVACY_NOTE)}<br>{html.escape(CONSENT_NOTE)}", NOTE))
        self.image = picture_widget(max_side)
        self.message = w.HTML("Choose a JPEG or PNG photo with a face.")
        row = w.HBox([self.upload, self.look_harder, self.forget_button], layout=w.Layout(flex_flow="row wrap"))  # a long note wraps, no button is cut
        self.widget = w.VBox([self.privacy, row, self.message, self.image])
        watch_photo(self.upload, lambda data, name, note, width: self.process(data, name, note=note, original_width=width), self._receiving, self._refused)
        self.look_harder.observe(self._redo, names="value")
        self.forget_button.on_click(lambda _button: self.forget())

    def process(self, data: bytes, name: str = "your photo", *, note: str = "", original_width: int = 0) -> list[Face]:
        """Load the photo, find faces, draw them, and report; errors become a message. Returns the faces.

        ``note`` says what the browser did to the photo on the way (shrank it),
        and ``original_width`` is then the photo's own width (px), in which the
        faces' sizes are given.
        """
        self._last = (bytes(data), name, note, original_width)
        self.faces = []
        label = html.escape(name)
        try:
            upload = read_upload(data, WORKING_SIZE, name)
            image = upload.image
            found = faces.detect_faces(image, upsample=1 if self.look_harder.value else 0)
        except CourseError as error:
            self._error(html.escape(str(error)))
            return []
        except Exception as error:  # an unexpected failure must still not show a traceback
            self._error(f"<b>{label}</b> could not be processed ({html.escape(type(error).__name__)}). Try another photo.")
            return []
        resized = f"<br><span style='font-size:12px'>The photo was {html.escape(note)}.</span>" if note else ""
        if image.shape != upload.full_shape:
            before, after = f"{upload.full_shape[1]} x {upload.full_shape[0]}", f"{image.shape[1]} x {image.shape[0]}"
            resized += f"<br><span style='font-size:12px'>Large photo ({before}) downsized to {after} to keep things fast.</span>"
        if upload.fake:
            resized += f"<br><span style='font-size:12px'>This picture is a fake made by the course (recognised by {html.escape(upload.how)}).</span>"
        self.faces = found
        picture, shown = fit_for_display(image, found, self.max_side)
        for face, number in zip(shown, face_labels(len(shown))):
            picture = draw_landmarks(picture, face, label=number)
        if upload.fake:
            picture = add_badge(picture)  # shrunk for display: the badge is drawn again, crisp
        self.picture = picture
        self.image.layout.max_width = f"{picture.shape[1]}px"  # never enlarged: a tall zoom stays within the screen
        self.image.value = png_bytes(picture)
        self.image.alt = f"Your photo{' (a labelled fake)' if upload.fake else ''}: {_faces_drawn(len(found))}"
        if found:
            text = f"<b>{label}:</b> {html.escape(describe_upload_faces(found, image.shape[1], original_width or upload.full_shape[1]))}"
            self.message.value = message_box(text + resized, GOOD)
        else:
            hint = "" if self.look_harder.value else " Tick 'look harder' to search for smaller faces."
            self.message.value = message_box(f"<b>No face found in {label}.</b> {NO_FACE_ADVICE}{hint}{resized}", PROBLEM)
        return found

    def forget(self) -> None:
        """Drop the photo from memory and clear the picture."""
        self._last = None
        self.picture = None
        self.faces = []
        self.image.value = b""
        self.upload.clear()
        self.message.value = "Photo forgotten. Choose another one whenever you like."

    def _receiving(self, name: str) -> None:
        """A new photo is on its way: the last one's result must not stay on screen as if it were this one's."""
        self.picture = None
        self.faces = []
        self.image.value = b""
        self.message.value = message_box(f"Receiving <b>{html.escape(name)}</b>…", NOTE)

    def _refused(self, name: str) -> None:
        """The browser did not send the photo it announced: say so, instead of "Receiving ..." forever."""
        self.message.value = message_box(REFUSED.format(name=html.escape(name)), PROBLEM)

    def _error(self, text: str) -> None:
        self.picture = None
        self.image.value = b""
        self.message.value = message_box(text, PROBLEM)

    def _redo(self, _change=None) -> None:
        if self._last is not None:
            data, name, note, width = self._last
            self.process(data, name, note=note, original_width=width)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _faces_drawn(count: int) -> str:
    """The alt text's account of what the explorer drew (plain text)."""
    if count == 0:
        return "no face found."
    return f"{count} face{'s' if count > 1 else ''} found, {'each' if count > 1 else 'its'} box and 68 landmarks drawn."
