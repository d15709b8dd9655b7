"""Pictures of the forensic views: heat maps, the spectrum with its curve, close-ups, Lesson 04's crops.

:func:`render_view` draws one view of a picture as an RGB image (for widgets);
:func:`colorize` maps values to colors with a matplotlib color map;
:func:`color_chart` draws a :class:`~realorfake.forensics.ColorReport`;
:func:`face_crop` cuts the same box out of a photo, a fake or a map (a crop of
a fake gets the badge below it). The views themselves are computed by
:mod:`realorfake.forensics` on the picture above the badge.

Show layer: imports the core and :mod:`realorfake.forensics`.
"""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from .. import forensics
from ..errors import CourseError, UnknownName, WrongShape
from ..faces import Face, face_window
from ..images import resize_longest
from ..label import above_badge, badge_below, is_labelled_fake

#: The views, in the order of the buttons.
VIEWS = ("original", "difference", "seam", "sharpness", "ELA", "spectrum", "noise", "close-ups")
#: Where to zoom (the same crop is shown for the original and the view).
ZOOMS = ("whole picture", "face", "eyes", "mouth", "face edge", "hairline")

#: One line per view: what it shows and when it misleads.
VIEW_NOTES = {
    "original": "The picture itself. Look first with your own eyes: edges of the face, skin, eyes, glare, teeth, hair.",
    "difference": "Bright where the picture differs from the untouched original. Needs that original, which a checker rarely has.",
    "seam": "Colour edges that run along the face outline (the ring either side of it). A bright line all the way round "
    "suggests a pasted face, but compare with a real photo: the jaw, hair, glasses and a hat's brim across the forehead light up on real photos too.",
    "sharpness": "Bright = crisp detail, dark = soft. A pasted or generated face is often softer than the hair and clothes around it; a blurred background or smooth skin in a real photo is dark too.",
    "ELA": "Error level analysis: bright where a JPEG re-save changes the picture most. A region with a different "
    "compression history can glow; edges and text always glow, and re-saving the whole image wipes it out.",
    "spectrum": "The picture's frequencies: centre = coarse shapes, edges = fine detail. Enlarged images show copies, "
    "spots or a grid, and the curve rises at the right end; patterns such as fabric or text do this too.",
    "noise": "The fine grain left after removing the picture. A camera's grain covers the whole photo evenly; a pasted "
    "or generated face is often quieter. Compression and denoising remove grain everywhere.",
    "close-ups": "Eyes, mouth, face edge and hairline, every pixel enlarged. Look for cut-off glasses, odd glare, merged teeth, a step at the face edge and hair that does not fit.",
}

#: The fixed color scales of the map views (so that pictures can be compared with each other).
SCALES = {
    "difference": (0.0, 60.0, "inferno"),
    "seam": (0.0, 6.0, "inferno"),
    "sharpness": (1.0, 4.5, "viridis"),
    "ELA": (0.0, 100.0, "inferno"),
    "noise": (0.0, 12.0, "gray"),
}

#: Where Grace Hopper's face is in her portrait, as (x, y, w, h); the course's fakes onto her photo keep its size.
HOPPER_FACE_BOX = (120, 100, 300, 320)


# ------------------------------------------------------------- lesson helpers


def face_crop(image: np.ndarray, box: tuple[int, int, int, int] = HOPPER_FACE_BOX) -> np.ndarray:
    """The ``box`` (x, y, w, h) part of a picture or of a map made from it; by default Hopper's face.

    A crop of a labelled fake gets the SYNTHETIC badge on a new strip below it
    (``label.badge_below``), because the crop loses the badge at the bottom of
    the picture. Maps (2-D or float arrays, such as ``forensics.error_level``)
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
    return badge_below(crop) if is_labelled_fake(array) else np.ascontiguousarray(crop)


# ------------------------------------------------------------------ drawing


def colorize(values: np.ndarray, vmin: float, vmax: float, cmap: str = "inferno") -> np.ndarray:
    """Map a 2-D array to RGB uint8 with a matplotlib colour map, clipping to [vmin, vmax]."""
    from matplotlib import colormaps

    values = np.asarray(values, dtype=np.float32)
    if values.ndim != 2:
        raise WrongShape(f"colorize() needs a 2-D array, got shape {values.shape}.")
    scaled = np.clip((np.nan_to_num(values, nan=vmin) - vmin) / max(vmax - vmin, 1e-6), 0.0, 1.0)
    table = (colormaps[cmap](np.linspace(0.0, 1.0, 256))[:, :3] * 255 + 0.5).astype(np.uint8)
    return table[(scaled * 255 + 0.5).astype(np.uint8)]


def _over_photo(image: np.ndarray, values: np.ndarray, vmax: float, cmap: str = "inferno") -> np.ndarray:
    """A heat map laid over a dimmed grayscale copy of the photo (for sparse maps such as the seam ring)."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32) * 0.35
    heat = colorize(values, 0.0, vmax, cmap).astype(np.float32)
    alpha = np.clip(values / vmax, 0.0, 1.0)[..., None] ** 0.5
    return (gray[..., None] * (1 - alpha) + heat * alpha + 0.5).astype(np.uint8)


def _spectrum_picture(image: np.ndarray, size: int = 360) -> np.ndarray:
    """The 2-D spectrum as a picture with the 1-D curve drawn below it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    result = forensics.spectrum(image)
    low, high = np.percentile(result.log_magnitude, (1, 99.8))
    square = colorize(result.log_magnitude, float(low), float(high), "magma")
    square = resize_longest(square, size, pixelated=True)
    # type large enough to read when a widget shows the picture at three quarters of its size
    figure = Figure(figsize=(size / 100, size * 0.6 / 100), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.2, 0.28, 0.76, 0.56))
    ax.plot(result.frequency[1:], result.power[1:], color="#D55E00", linewidth=1.5)
    ax.set_xlabel("frequency (cycles per pixel)", fontsize=9)
    ax.set_ylabel("log10 power", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.set_title(f"high-frequency excess {result.excess:+.2f}", fontsize=10, fontweight="bold")
    figure.canvas.draw()
    curve = np.asarray(figure.canvas.buffer_rgba())[..., :3]
    curve = cv2.resize(curve, (size, int(size * 0.6)), interpolation=cv2.INTER_AREA)
    return np.vstack([square, curve])


def _closeups_picture(image: np.ndarray, face: Face, cell: int = 180, *, fake: bool = False) -> np.ndarray:
    """The four close-ups of ``forensics.zoom_regions`` in a 2 x 2 grid, each with its name (and, of a fake, its own badge)."""
    crops = forensics.zoom_regions(image, face, size=cell)
    grid = np.full((2 * cell, 2 * cell, 3), 255, dtype=np.uint8)
    for number, name in enumerate(forensics.ZOOM_REGIONS):
        crop = _fit(crops[name], cell - 4)
        if fake:  # every crop of a fake stays labelled, not only the sheet
            crop = _fit(badge_below(crop), cell - 4)
        top, left = (number // 2) * cell + 2, (number % 2) * cell + 2
        grid[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
        title = name.replace("_", " ")
        cv2.putText(grid, title, (left + 3, top + 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 3, cv2.LINE_AA)
        cv2.putText(grid, title, (left + 3, top + 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (255, 255, 255), 1, cv2.LINE_AA)
    return grid


def render_view(image: np.ndarray, view: str, *, face: Face | None = None, original: np.ndarray | None = None) -> np.ndarray:
    """One view of a picture as RGB uint8 (map views keep the picture's size).

    The views are computed on the picture above the SYNTHETIC badge (when it has
    one); the badge's rows are black in the maps. ``face`` is needed by "seam"
    and "close-ups", ``original`` by "difference"; without them those views
    raise a ``CourseError`` that says so. An unknown view raises ``UnknownName``.
    """
    if view not in VIEWS:
        raise UnknownName(f"Unknown view {view!r}. Choose one of: {', '.join(VIEWS)}.")
    if view == "original":
        return image
    picture = above_badge(image)  # the badge is the label, not part of the photo
    if view == "difference" and original is None:
        raise CourseError("The difference view needs the untouched original, and there is none for this picture.")
    if view in ("seam", "close-ups") and face is None:
        raise CourseError(f"The {view} view needs a face, and none was found in this picture. The other views still work.")
    if view == "spectrum":
        return _spectrum_picture(picture)
    if view == "close-ups":
        return _closeups_picture(picture, face, fake=is_labelled_fake(image))
    if view == "seam":
        return _full_height(_over_photo(picture, forensics.boundary_map(picture, face), SCALES["seam"][1]), image.shape[0])
    values = {
        "difference": lambda: forensics.difference(picture, np.asarray(original)[: picture.shape[0]]),
        "sharpness": lambda: forensics.sharpness_map(picture),
        "ELA": lambda: forensics.error_level(picture),
        "noise": lambda: np.abs(forensics.noise_residual(picture)),
    }[view]()
    low, high, cmap = SCALES[view]
    return _full_height(colorize(values, low, high, cmap), image.shape[0])


def _full_height(picture: np.ndarray, height: int) -> np.ndarray:
    """Black rows added under a view so that it lines up with the whole picture (badge included)."""
    missing = height - picture.shape[0]
    if missing <= 0:
        return picture
    return np.vstack([picture, np.zeros((missing, *picture.shape[1:]), dtype=picture.dtype)])


def _fit(image: np.ndarray, side: int) -> np.ndarray:
    """Resize so the longest side is ``side``, keeping every pixel visible when enlarging."""
    return resize_longest(image, side, pixelated=True)


def zoom_box(zoom: str, face: Face | None, shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The (x, y, w, h) crop of a zoom choice, or None for the whole picture.

    Raises ``CourseError`` when a zoom needs a face and there is none, and
    ``UnknownName`` for a zoom that is not one of ``ZOOMS``.
    """
    if zoom == "whole picture":
        return None
    if zoom not in ZOOMS:
        raise UnknownName(f"Unknown zoom {zoom!r}. Choose one of: {', '.join(ZOOMS)}.")
    if face is None:
        raise CourseError(f"Zooming on the {zoom} needs a face, and none was found in this picture.")
    if zoom == "face":
        x0, y0, x1, y1 = face_window(face, shape, 0.2)
        return x0, y0, x1 - x0, y1 - y0
    return forensics.zoom_boxes(face, shape)[zoom.replace(" ", "_")]


def _outline(image: np.ndarray, boxes: Mapping[str, tuple[int, int, int, int]]) -> np.ndarray:
    out = np.array(image, copy=True)
    thick = max(1, round(max(image.shape[:2]) / 300))
    for x, y, w, h in boxes.values():
        cv2.rectangle(out, (x, y), (x + w - 1, y + h - 1), (0, 255, 255), thick)
    return out


def color_chart(report: forensics.ColorReport, ax=None, title: str | None = None):
    """A small bar chart of L*, a*, b* for face and ring, bars painted in the mean colors; returns the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(3.6, 2.6))
    positions = np.arange(3)
    for offset, values, name in ((-0.2, report.inside, "face"), (0.2, report.ring, "skin around")):
        swatch = forensics.color.lab_to_rgb(values) if np.isfinite(values).all() else (0.8, 0.8, 0.8)
        ax.bar(positions + offset, values, width=0.4, color=swatch, edgecolor="black", linewidth=0.6, label=name)
    ax.set_xticks(positions, ["L* (light)", "a* (red)", "b* (yellow)"])
    ax.axhline(0, color="black", linewidth=0.5)
    ax.legend(fontsize=8, frameon=False)
    ax.set_title(title or f"colour gap {report.color_gap:.1f}, lightness gap {report.lightness_gap:+.1f}", fontsize=9)
    return ax


#: Where the directions of :func:`forensics.seam_along_outline` point, for the x axis.
OUTLINE_TICKS = ((0, "forehead"), (90, "photo's right"), (180, "chin"), (270, "photo's left"), (360, "forehead"))


def seam_comparison(rows, *, width: float = 8.2):
    """Seams compared, at a size a notebook shows without shrinking: maps on top, two curves below.

    ``rows`` are (title, image, face) for up to four pictures of the same photo
    (the real one first). Top: each face's ``forensics.boundary_map`` (crop
    around the face, one colour scale). Bottom left: how strong the edge at the
    mask's place is in each direction around the face, with the share of the
    outline where it stands out (``forensics.seam_along_outline``). Bottom right:
    edge strength against distance from the outline (``forensics.seam_profile``).
    ``width`` is in inches (8.2 inches is about 840 px: a notebook's output area at 1280 px with its file browser open).
    Returns the matplotlib figure. Raises ``WrongShape`` for no rows or more than four.
    """
    import matplotlib.pyplot as plt

    rows = list(rows)
    if not 1 <= len(rows) <= 4:
        raise WrongShape(f"seam_comparison() takes one to four pictures, got {len(rows)}.")
    fig = plt.figure(figsize=(width, width * 0.74), layout="constrained")
    # two rows of their own, so that the curves' axis labels do not narrow the maps above them
    top, bottom = fig.subfigures(2, 1, height_ratios=[0.85, 1.0])
    maps = top.subplots(1, 4)
    for ax in maps[len(rows) :]:  # fewer than four pictures: the maps keep their size
        ax.remove()
    for ax, (title, image, face) in zip(maps, rows):
        x0, y0, x1, y1 = face_window(face, image.shape, margin=0.15)
        ax.imshow(forensics.boundary_map(image, face)[y0:y1, x0:x1], cmap="inferno", vmin=0, vmax=6)
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    along, profile_ax = bottom.subplots(1, 2)
    for title, image, face in rows:
        seam = forensics.seam_along_outline(image, face)
        profile = forensics.seam_profile(image, face)
        along.plot(seam.direction, seam.strength, linewidth=2, label=f"{title}: {seam.covered:.0%} of the outline, peak {profile.contrast:.1f}")
        profile_ax.plot(profile.distance, profile.strength, linewidth=2)
    along.axhline(1.5, color="gray", linestyle=":", linewidth=1)
    along.set_xticks([t for t, _ in OUTLINE_TICKS], [name for _, name in OUTLINE_TICKS], fontsize=8)
    along.set_xlabel("going round the face outline", fontsize=9)
    along.set_ylabel("edge at the outline (x typical)", fontsize=9)
    along.set_title("where the outline has an edge (share above the dotted line)", fontsize=9)
    profile_ax.axvline(0, color="gray", linewidth=0.8)
    profile_ax.set_xlabel("distance from the face outline (px, inside < 0)", fontsize=9)
    profile_ax.set_ylabel("colour edge strength", fontsize=9)
    profile_ax.set_title("edge strength across the outline (peak / typical)", fontsize=9)
    # one legend for both curves, below them (the peak at 0 px is the point): the two numbers of each picture side by side
    bottom.legend(*along.get_legend_handles_labels(), loc="outside lower center", ncol=2, fontsize=9, frameon=False)
    return fig
