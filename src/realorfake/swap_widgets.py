"""Pictures and widgets for lesson 03 (make a face swap): stages, zooms, blend comparer, a "Spot it".

* :func:`zoom_face` crops around a face so seams are visible (a fake's zoom keeps a badge);
* :func:`plot_triangles`, :func:`show_one_triangle` and :func:`show_stages` draw the
  swap pipeline with matplotlib: landmarks, the shared triangles, one triangle warped,
  the warped face, the mask, colour correction and the result. Every panel that shows
  the source's face moved onto the target carries the SYNTHETIC badge; the real
  photos and the mask do not;
* :class:`BlendComparer` compares the blending modes of one swap with ipywidgets;
* :func:`spot_the_blend` asks which of two labelled swaps was pasted and which blended.

Every widget is a class whose parts are attributes, so it can be driven from
plain Python and tested without a browser. Nothing here writes to disk.
"""

from __future__ import annotations

import html
import random
import time

import cv2
import numpy as np

from . import data, faces, label, swap
from .errors import CourseError, WrongShape
from .explorer import SpotIt, draw_landmarks
from .faces import Face, ImageSource
from .plots import png_bytes
from .ui import GOOD, PROBLEM, message_box, widgets

#: Labels of the blend modes in the comparer, in the order of ``swap.BLEND_MODES``.
MODE_LABELS = swap.BLEND_LABELS

#: What to look for with each blend mode (shown under the comparer).
MODE_TIPS = {
    "paste": "Pasted: every pixel inside the mask is the source's, every pixel outside the target's. "
    "Look for the hard edge of the mask: a step in colour and texture around the cheeks and forehead.",
    "feather": "Feathered: the mask's edge is blurred, so the two photos are cross-faded over a few pixels. "
    "The step becomes a soft band; look for a blurry or ghostly rim where two faces overlap.",
    "poisson": "Poisson (normal clone): keeps the source face's details but solves for colours that meet "
    "the target exactly at the mask's edge. The seam almost vanishes; look for colour that bleeds in "
    "from the surroundings (a darker forehead under a hat, a tinted chin).",
    "poisson_mixed": "Poisson (mixed clone): at every pixel keeps whichever photo has the stronger edges. "
    "The target's own glasses, wrinkles or hair show through the new face: a see-through, ghostly mix.",
}


# ----------------------------------------------------------------- geometry


def face_window(face: Face, shape: tuple[int, ...], margin: float = 0.3) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): the face's box and landmarks with a margin, clipped to an image of ``shape``."""
    x, y, w, h = face.box
    points = face.landmarks
    left, top = min(x, points[:, 0].min()), min(y, points[:, 1].min())
    right, bottom = max(x + w, points[:, 0].max()), max(y + h, points[:, 1].max())
    pad = margin * max(right - left, bottom - top)
    x0, y0 = int(max(0, np.floor(left - pad))), int(max(0, np.floor(top - pad)))
    x1, y1 = int(min(shape[1], np.ceil(right + pad))), int(min(shape[0], np.ceil(bottom + pad)))
    return x0, y0, x1, y1


def triangle_at(points: np.ndarray, triangles: np.ndarray, corner: int) -> int:
    """Index of the largest triangle that has landmark number ``corner`` as one of its corners."""
    points = np.asarray(points, dtype=np.float64)
    best, best_area = -1, -1.0
    for index, triangle in enumerate(np.asarray(triangles)):
        if corner in triangle:
            area = abs(cv2.contourArea(points[triangle].astype(np.float32)))
            if area > best_area:
                best, best_area = index, area
    if best < 0:
        raise CourseError(f"No triangle has landmark {corner} as a corner.")
    return best


def zoom_face(image: ImageSource, face: Face, *, size: int = 240, margin: float = 0.3, badge: bool = True) -> np.ndarray:
    """A crop around the face, resized so its longest side is ``size``; RGB uint8.

    Masks are welcome: any array ``faces.load_image`` reads works (a float
    image is read as 0-1 when its values stay within 1, else as 0-255; a 2-D
    one as gray). With ``badge=True`` (for fakes) the SYNTHETIC badge goes on a
    strip added below the crop (``label.badge_below``), so the zoom stays
    labelled without hiding any of the face. Raises ``WrongShape`` for a face
    that is not in this image or a ``size`` under 8.
    """
    image = faces.as_rgb(image)
    faces.check_face(face, image.shape)
    if not isinstance(size, (int, np.integer)) or size < 8:
        raise WrongShape(f"size must be a whole number of pixels, at least 8 (got {size!r}).")
    x0, y0, x1, y1 = face_window(face, image.shape, max(0.0, margin))
    if x1 <= x0 or y1 <= y0:
        raise WrongShape("This face does not lie inside this image: detect the face in the same image you zoom on.")
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    factor = size / max(crop.shape[:2])
    new_size = (max(1, round(crop.shape[1] * factor)), max(1, round(crop.shape[0] * factor)))
    zoom = cv2.resize(crop, new_size, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    return label.badge_below(zoom) if badge else zoom


# ------------------------------------------------------------------ drawings


def plot_triangles(image: np.ndarray, points: np.ndarray, triangles: np.ndarray, *, ax=None, highlight=None, face: Face | None = None, title: str = ""):
    """Draw the triangles over the image (zoomed on ``face`` when given); ``highlight``: indices to fill."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon

    if ax is None:
        _, ax = plt.subplots(figsize=(4, 4))
    points = np.asarray(points, dtype=np.float64)
    ax.imshow(image)
    ax.triplot(points[:, 0], points[:, 1], triangles, color="#56B4E9", linewidth=0.7)
    for index in [] if highlight is None else np.atleast_1d(highlight):
        corners = points[triangles[int(index)]]
        ax.add_patch(Polygon(corners, closed=True, facecolor=(0.9, 0.62, 0.0, 0.35), edgecolor="#D55E00", linewidth=2))
    if face is not None:
        x0, y0, x1, y1 = face_window(face, image.shape, 0.12)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y1, y0)
    ax.set_title(title, fontsize=10)
    ax.axis("off")
    return ax


def triangle_window(triangle: np.ndarray, shape: tuple[int, ...], margin: float = 0.6) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): the box around a triangle's corners with a margin, clipped to an image of ``shape``."""
    triangle = np.asarray(triangle, dtype=np.float64)
    (left, top), (right, bottom) = triangle.min(axis=0), triangle.max(axis=0)
    pad = margin * max(right - left, bottom - top, 1.0)
    x0, y0 = int(max(0, np.floor(left - pad))), int(max(0, np.floor(top - pad)))
    x1, y1 = int(min(shape[1], np.ceil(right + pad))), int(min(shape[0], np.ceil(bottom + pad)))
    if x1 <= x0 or y1 <= y0:
        raise WrongShape("This triangle lies outside the image.")
    return x0, y0, x1, y1


def show_one_triangle(source: np.ndarray, target: np.ndarray, source_face: Face, target_face: Face, triangles: np.ndarray, index: int):
    """Three panels: triangle ``index`` on the source, the same triangle on the target, and it warped there.

    The warp is :func:`swap.warp_triangle` into a dimmed copy of the target, so
    the one new triangle stands out. The third panel shows a crop around it with
    the SYNTHETIC badge below (a piece of one face moved onto another is a fake),
    drawn in the target's pixel coordinates. Returns the figure.
    """
    import matplotlib.pyplot as plt

    source, target = faces.as_rgb(source), faces.as_rgb(target)
    faces.check_face(source_face, source.shape)
    faces.check_face(target_face, target.shape)
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.2))
    plot_triangles(source, source_face.landmarks, triangles, ax=axes[0], highlight=index, face=source_face, title=f"triangle {index} on the source")
    plot_triangles(target, target_face.landmarks, triangles, ax=axes[1], highlight=index, face=target_face, title=f"the same triangle {index} on the target")
    canvas = (target * 0.35).astype(np.uint8)
    src_tri = source_face.landmarks[triangles[index]].astype(np.float32)
    dst_tri = target_face.landmarks[triangles[index]].astype(np.float32)
    swap.warp_triangle(source, canvas, src_tri, dst_tri)
    x0, y0, x1, y1 = triangle_window(dst_tri, target.shape)
    labelled = label.badge_below(canvas[y0:y1, x0:x1])
    bottom = y0 + labelled.shape[0]  # the badge strip continues below the crop
    axes[2].imshow(labelled, extent=(x0 - 0.5, x1 - 0.5, bottom - 0.5, y0 - 0.5))
    corners = np.vstack([dst_tri, dst_tri[:1]])
    axes[2].plot(corners[:, 0], corners[:, 1], "-", color="#E69F00", linewidth=1)
    axes[2].set_xlim(x0 - 0.5, x1 - 0.5)
    axes[2].set_ylim(bottom - 0.5, y0 - 0.5)
    axes[2].set_title("warped into place (zoom, labelled)", fontsize=10)
    axes[2].axis("off")
    fig.tight_layout()
    return fig


def show_stages(result: swap.SwapResult, source: np.ndarray, target: np.ndarray):
    """The whole pipeline of one swap in two rows of four panels; returns the figure.

    Landmarks on both faces, the shared triangles on both, then (zoomed on the
    target face) the warped face, the mask, the colour-corrected face and the
    result. The warped, corrected and blended faces are fakes, so each carries
    the SYNTHETIC badge on a strip below it; the two real photos and the mask do not.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 4, figsize=(14, 7.4))
    picture = draw_landmarks(source, result.source_face, box=False)
    window = face_window(result.source_face, source.shape, 0.12)
    axes[0, 0].imshow(picture[window[1] : window[3], window[0] : window[2]])
    axes[0, 0].set_title("1. landmarks: source", fontsize=10)
    picture = draw_landmarks(target, result.target_face, box=False)
    window = face_window(result.target_face, target.shape, 0.12)
    axes[0, 1].imshow(picture[window[1] : window[3], window[0] : window[2]])
    axes[0, 1].set_title("1. landmarks: target", fontsize=10)
    plot_triangles(source, result.source_face.landmarks, result.triangles, ax=axes[0, 2], face=result.source_face, title="2. triangles on the source")
    plot_triangles(target, result.target_face.landmarks, result.triangles, ax=axes[0, 3], face=result.target_face, title="2. the same triangles on the target")
    face = result.target_face
    panels = [
        (zoom_face(result.warped, face), "3. source warped to the target's shape"),
        (zoom_face(result.mask, face, badge=False), "4. mask (hull, eroded)"),
        (zoom_face(result.corrected, face), "5. colours matched to the target"),
        (zoom_face(result.image, face), f"6. blended ({result.blend})"),
    ]
    for ax, (image, title) in zip(axes[1], panels):
        ax.imshow(image)
        ax.set_title(title, fontsize=10)
    for ax in axes.flat:
        ax.axis("off")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------ blend comparer


class BlendComparer:
    """Compare blending modes on one face swap: pick a mode, switch colour correction, move the sliders.

    By default it puts Collins's face onto Hopper's photo (a large face, so seams
    are easy to see) and the direction toggle swaps the roles;
    pass ``source`` and ``target`` (anything ``faces.load_image`` reads) to use
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
        self.mode = w.ToggleButtons(options=[(MODE_LABELS[m], m) for m in swap.BLEND_MODES], value="poisson", description="blend", style={"button_width": "110px"})
        self.colour = w.Checkbox(value=True, description="colour correction", indent=False)
        slider = {"continuous_update": False, "style": {"description_width": "80px"}, "layout": w.Layout(width="300px")}
        self.feather = w.IntSlider(value=0, min=0, max=20, description="feather (px)", **slider)
        self.erode = w.IntSlider(value=2, min=0, max=15, description="erode (px)", **slider)
        self.direction = w.ToggleButtons(options=[(f"{a} → {b}", "forward"), (f"{b} → {a}", "reverse")], value="forward", description="face")
        layout = w.Layout(max_width=f"{max_side}px")
        self.target_view, self.image = w.Image(format="png", layout=layout), w.Image(format="png", layout=layout)
        self.target_zoom_view, self.zoom_view = w.Image(format="png", layout=layout), w.Image(format="png", layout=layout)
        self.message = w.HTML()
        self.target_caption, self.result_caption = w.HTML(), w.HTML("<b>the swap (labelled)</b>")

        def column(caption, *views):
            return w.VBox([caption, *views], layout=w.Layout(margin="0 8px 0 0"))

        self.widget = w.VBox(
            [
                w.HBox([self.direction, self.colour]),
                self.mode,
                w.HBox([self.feather, self.erode]),
                w.HBox([column(self.target_caption, self.target_view, self.target_zoom_view), column(self.result_caption, self.image, self.zoom_view)]),
                self.message,
            ]
        )
        for control in (self.mode, self.colour, self.feather, self.erode, self.direction):
            control.observe(self._changed, names="value")
        self.render()

    # -- logic
    def _load(self, source: ImageSource, target: ImageSource) -> None:
        """Load both images and find each face once; a CourseError becomes the widget's message."""
        try:
            for image, name in ((source, self.names[0]), (target, self.names[1])):
                rgb = faces.as_rgb(image)
                self._images.append(rgb)
                self._faces.append(faces.largest_face(rgb, what=f"the {name} photo"))
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
            color_correct=self.colour.value,
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
        self.image.value = png_bytes(result.image, max_side=self.max_side)
        self.zoom_view.value = png_bytes(zoom_face(result.image, result.target_face, size=self.max_side))
        if t not in self._real_views:
            real = self._images[t]
            self._real_views[t] = (png_bytes(real, max_side=self.max_side), png_bytes(zoom_face(real, self._faces[t], size=self.max_side, badge=False)))
        self.target_view.value, self.target_zoom_view.value = self._real_views[t]
        self.target_caption.value = f"<b>the real {html.escape(self.names[t])} photo</b>"
        self.seconds = time.perf_counter() - start
        mode = self.mode.value
        extra = " The feather blend always blurs the mask by at least 6 px." if mode == "feather" and self.feather.value < 6 else ""
        colour = "colours matched to the target" if self.colour.value else "no colour correction"
        head = f"{html.escape(self.names[s])}'s face on the {html.escape(self.names[t])} photo · {MODE_LABELS[mode]} · {colour} · made in {1000 * self.seconds:.0f} ms"
        self.message.value = message_box(f"<b>{head}</b><br>{html.escape(MODE_TIPS[mode])}{extra}", GOOD)

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


# ------------------------------------------------------------------- spot it


def spot_the_blend(seed: int = 0, *, max_side: int = 360) -> SpotIt:
    """Two labelled swaps of Collins's face onto Hopper's photo, one pasted, one Poisson-blended: which is which?

    ``seed`` sets the order. The returned :class:`explorer.SpotIt` reveals the answer on a click.
    """
    hopper, collins = data.portrait("hopper"), data.portrait("collins")
    source_face, target_face = faces.largest_face(collins), faces.largest_face(hopper)
    made = {mode: swap.face_swap(collins, hopper, blend=mode, source_face=source_face, target_face=target_face).image for mode in ("paste", "poisson")}
    paste_first = random.Random(seed).random() < 0.5
    pair = (made["paste"], made["poisson"]) if paste_first else (made["poisson"], made["paste"])
    return SpotIt(
        "Both pictures are labelled swaps of Eileen Collins's face onto Grace Hopper's photo. One was pasted, "
        "the other blended with Poisson editing. Which one was only pasted?",
        {"A": pair[0], "B": pair[1]},
        "A" if paste_first else "B",
        "The pasted one has a hard edge where the mask ends: follow the outline of the face along the cheeks, "
        "the chin and the forehead and you see a step in colour and texture. Poisson blending solves for colours "
        "that meet the photo exactly at that edge, so the step disappears; what remains is a smooth colour shift "
        "(the face takes on the tones around it). Seams are the first thing to look for in a swap, and they are "
        "easiest to see when you zoom in.",
        max_side=max_side,
    )


__all__ = [
    "MODE_LABELS",
    "MODE_TIPS",
    "BlendComparer",
    "face_window",
    "triangle_at",
    "triangle_window",
    "plot_triangles",
    "show_one_triangle",
    "show_stages",
    "spot_the_blend",
    "zoom_face",
]
