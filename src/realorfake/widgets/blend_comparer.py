"""The blend comparer of Lesson 03: one face swap, every blending mode, colour correction and the mask's edge.

A class whose parts are attributes, so it can be driven from plain Python and
tested without a browser. Nothing here writes to disk. The pictures of the
pipeline are in :mod:`realorfake.show.swap_pictures`.
"""

from __future__ import annotations

import html
import time

import numpy as np

from .. import data, faces, images
from ..errors import CourseError, NoFaceFound
from ..faces import Face
from ..fakes import swap
from ..images import ImageSource
from ..show.plots import png_bytes
from ..show.swap_pictures import zoom_face
from .accessible import Slider, choices
from .common import GOOD, PROBLEM, message_box, picture_widget, widgets

#: What to look for with each blend mode (shown under the comparer).
MODE_TIPS = {
    "paste": "Pasted: every pixel inside the mask is the source's, every pixel outside the target's. Look for the hard edge of the mask: a step in colour and texture around the cheeks and forehead.",
    "feather": "Feathered: the mask's edge is blurred, so the two photos are cross-faded over a few pixels. The step becomes a soft band; look for a blurry or ghostly rim where two faces overlap.",
    "poisson": "Poisson (normal clone): keeps the source face's details but solves for colours that meet "
    "the target exactly at the mask's edge. The seam almost vanishes; look for colour that bleeds in "
    "from the surroundings (a darker forehead under a hat, a tinted chin).",
    "poisson_mixed": "Poisson (mixed clone): at every pixel keeps whichever photo has the stronger edges. "
    "The target's own glasses, wrinkles or hair show through the new face: a see-through, ghostly mix.",
}


# ------------------------------------------------------------ blend comparer


class BlendComparer:
    """Compare blending modes on one face swap: pick a mode, switch colour correction, move the sliders.

    By default it puts Collins's face onto Hopper's photo (a large face, so seams
    are easy to see) and the direction toggle swaps the roles;
    pass ``source`` and ``target`` (anything ``images.load_image`` reads) to use
    other photos. Faces are detected once, so every change only re-runs the swap.

    Parts (for tests and curious learners): ``mode`` (ToggleButtons), ``colour``
    (Checkbox), ``feather`` and ``erode`` (IntSliders), ``direction``
    (ToggleButtons: "forward" puts the first face onto the second photo),
    ``target_view``, ``image`` (the labelled result), ``zoom_view``,
    ``target_zoom_view`` (ipywidgets.Image), ``message`` (HTML), ``result`` (the
    last :class:`swap.SwapResult`, or None after an error), ``seconds`` (time of
    the last swap) and ``widget``.
    """

    def __init__(self, source: ImageSource | None = None, target: ImageSource | None = None, *, names: tuple[str, str] | None = None, max_side: int = 300):
        w = widgets()
        self.max_side = max_side
        self.names = names or ("Collins" if source is None else "source", "Hopper" if target is None else "target")
        self.result: swap.SwapResult | None = None
        self.seconds = 0.0
        self._images: list[np.ndarray] = []
        self._faces: list[Face] = []
        self._problem: str | None = None
        self._real_views: dict[int, tuple[bytes, bytes]] = {}
        self._load(data.portrait("collins") if source is None else source, data.portrait("hopper") if target is None else target)

        a, b = self.names
        self.mode = choices([(swap.BLEND_LABELS[m], m) for m in swap.BLEND_MODES], "poisson", "blend")
        self.color = w.Checkbox(value=True, description="colour correction", indent=False, layout=w.Layout(margin="0 0 0 24px"))
        slider = {"continuous_update": False, "unit": " px", "layout": w.Layout(width="300px")}
        self.feather = Slider(value=0, min=0, max=20, description="feather", **slider)
        self.erode = Slider(value=2, min=0, max=15, description="erode", **slider)
        self.direction = choices([(f"{a} → {b}", "forward"), (f"{b} → {a}", "reverse")], "forward", "face")
        # The close-ups are what the lesson is about, so they get the space; the whole photos are thumbnails
        # beside them, so that the widget fits a 1366 x 768 laptop screen without scrolling.
        thumb = max(80, round(0.42 * max_side))
        self.target_view, self.image = picture_widget(thumb), picture_widget(thumb)
        self.target_zoom_view, self.zoom_view = picture_widget(max_side), picture_widget(max_side)
        self._thumb = thumb
        self.message = w.HTML()
        self.target_caption, self.result_caption = w.HTML(), w.HTML("<b>the swap, close-up (labelled)</b>")
        small = "<span style='font-size:12px'>{}</span>"

        def column(width, *parts):
            return w.VBox(list(parts), layout=w.Layout(width=f"{width}px", margin="0 10px 0 0"))

        self.widget = w.VBox(
            [
                w.HBox([self.direction, self.color]),
                self.mode,
                w.HBox([self.feather, self.erode]),
                w.HBox(
                    [
                        column(max_side, self.target_caption, self.target_zoom_view),
                        column(max_side, self.result_caption, self.zoom_view),
                        column(thumb, w.HTML(small.format("<b>whole photos:</b> real")), self.target_view, w.HTML(small.format("swap")), self.image),
                    ]
                ),
                self.message,
            ]
        )
        for control in (self.mode, self.color, self.feather, self.erode, self.direction):
            control.observe(self._changed, names="value")
        self.render()

    # -- logic
    def _load(self, source: ImageSource, target: ImageSource) -> None:
        """Load both images and find each face once; a CourseError becomes the widget's message."""
        try:
            for image, name in ((source, self.names[0]), (target, self.names[1])):
                rgb = images.as_rgb(image)
                self._images.append(rgb)
                try:
                    self._faces.append(faces.find_face(rgb, what=f"the {name} photo"))
                except NoFaceFound:  # its advice names find_face's options, which this widget does not have
                    raise NoFaceFound(f"No face found in the {name} photo, even looking for small faces. Choose a photo with a clear, mostly frontal face at least 40 pixels wide.") from None
        except CourseError as error:
            self._problem = str(error)

    @property
    def roles(self) -> tuple[int, int]:
        """(index of the source image, index of the target image) for the chosen direction."""
        return (0, 1) if self.direction.value == "forward" else (1, 0)

    def swap_now(self) -> swap.SwapResult:
        """Run the swap with the current settings (raises CourseError); used by :meth:`render`."""
        if self._problem is not None:
            raise CourseError(self._problem)
        s, t = self.roles
        return swap.face_swap(
            self._images[s],
            self._images[t],
            blend=self.mode.value,
            color_correct=self.color.value,
            erode=self.erode.value,
            feather=float(self.feather.value),
            source_face=self._faces[s],
            target_face=self._faces[t],
        )

    def render(self) -> None:
        """Make the swap with the current settings and show it; any CourseError becomes a message."""
        start = time.perf_counter()
        try:
            result = self.swap_now()
        except CourseError as error:
            self._fail(html.escape(str(error)))
            return
        except Exception as error:  # never a traceback in the widget
            self._fail(f"The swap failed ({html.escape(type(error).__name__)}). Try other settings or other photos.")
            return
        self.result = result
        s, t = self.roles
        self.image.value = png_bytes(result.image, max_side=self._thumb)
        self.zoom_view.value = png_bytes(zoom_face(result.image, result.target_face, size=self.max_side))
        if t not in self._real_views:
            real = self._images[t]
            self._real_views[t] = (png_bytes(real, max_side=self._thumb), png_bytes(zoom_face(real, self._faces[t], size=self.max_side, badge=False)))
        self.target_view.value, self.target_zoom_view.value = self._real_views[t]
        setting = f"{swap.BLEND_LABELS[self.mode.value]} blend, erode {self.erode.value:g} px, feather {self.feather.value:g} px"
        self.image.alt = f"The swap of {self.names[s]}'s face onto {self.names[t]}'s photo, labelled SYNTHETIC ({setting})."
        self.zoom_view.alt = f"Close-up of the swapped face ({setting}), labelled SYNTHETIC."
        self.target_view.alt = f"The real {self.names[t]} photo."
        self.target_zoom_view.alt = f"Close-up of the real {self.names[t]} face."
        self.target_caption.value = f"<b>the real {html.escape(self.names[t])}, close-up</b>"
        self.seconds = time.perf_counter() - start
        mode = self.mode.value
        extra = " The feather blend always blurs the mask by at least 6 px." if mode == "feather" and self.feather.value < 6 else ""
        if mode == "paste" and self.feather.value > 0:
            extra += " Paste keeps the mask's edge hard, so the feather slider changes only how far the mask is shrunk."
        color = "colours matched to the target" if self.color.value else "no colour correction"
        head = f"{html.escape(self.names[s])}'s face on the {html.escape(self.names[t])} photo · {swap.BLEND_LABELS[mode]} · {color} · made in {1000 * self.seconds:.0f} ms"
        notes = "".join(f"<br><span style='font-size:12px'>{html.escape(note)}</span>" for note in result.notes)
        self.message.value = message_box(f"<b>{head}</b><br>{html.escape(MODE_TIPS[mode])}{extra}{notes}", GOOD)

    def _fail(self, text: str) -> None:
        self.result = None
        for view in (self.image, self.zoom_view, self.target_view, self.target_zoom_view):
            view.value = b""
        self.message.value = message_box(f"<b>No swap this time.</b> {text}", PROBLEM)

    def _changed(self, _change=None) -> None:
        self.render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
