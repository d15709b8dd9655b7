"""Pictures for lessons: image grids, landmarks drawn by region, PNG bytes for widgets.

Show layer: imports the core only."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import numpy as np
from PIL import Image

from ..errors import WrongShape
from ..faces import REGIONS, Face, check_face
from ..images import as_rgb

#: One colour per landmark region (colour-blind-friendly Okabe-Ito palette).
REGION_COLORS: dict[str, str] = {
    "jaw": "#E69F00",
    "right_eyebrow": "#56B4E9",
    "left_eyebrow": "#0072B2",
    "nose": "#009E73",
    "right_eye": "#F0E442",
    "left_eye": "#CC79A7",
    "mouth": "#D55E00",
    "outer_lips": "#D55E00",
    "inner_lips": "#FFFFFF",
}

#: The regions that together cover all 68 points once.
BASIC_REGIONS = ("jaw", "right_eyebrow", "left_eyebrow", "nose", "right_eye", "left_eye", "mouth")

#: Regions drawn as closed loops (the others are open lines).
CLOSED_REGIONS = ("right_eye", "left_eye", "outer_lips", "inner_lips")


#: The widest figure (inches, at 100 dpi) a notebook shows without shrinking it: its output area is
#: about 850 px wide at 1280 px with JupyterLab's file browser open.
NOTEBOOK_WIDTH = 8.4


def show(images: Sequence[np.ndarray] | np.ndarray, titles: Iterable[str] | None = None, *, cols: int | None = None, size: float = 3.2):
    """Show one image or a row/grid of images with titles; returns the matplotlib figure.

    ``size`` is each panel's side in inches, made smaller when ``cols`` panels
    would be wider than ``NOTEBOOK_WIDTH`` together.
    """
    import matplotlib.pyplot as plt

    if isinstance(images, np.ndarray) and images.ndim in (2, 3) and (images.ndim == 2 or images.shape[-1] in (3, 4)):
        images = [images]
    images = list(images)
    if not images:
        raise WrongShape("show() needs at least one image; the list is empty.")
    titles = list(titles) if titles is not None else [""] * len(images)
    cols = cols or min(len(images), 4)
    rows = -(-len(images) // cols)
    size = min(size, NOTEBOOK_WIDTH / cols)  # a notebook would shrink a wider figure, and its titles with it
    fig, axes = plt.subplots(rows, cols, figsize=(size * cols, size * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, title in zip(axes.flat, images, titles):
        ax.imshow(image, cmap="gray" if np.ndim(image) == 2 else None)
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def mark_region(ax, x: int, y: int, width: int, height: int, label: str = "", *, color: str = "#ffd700"):
    """Outline the pixels ``[y:y+height, x:x+width]`` of an image shown on ``ax`` (pixel units), with an optional label.

    The outline follows the pixels' outer edges, so a 4 x 4 box frames exactly
    the 16 pixels a slice ``[:4, :4]`` takes. A dark halo keeps it visible on
    light and dark photos alike. The label goes above the box, or below it when
    the box touches the image's top tenth (where the title is). Returns the
    rectangle patch.
    """
    import matplotlib.patheffects as effects
    from matplotlib.patches import Rectangle

    halo = [effects.withStroke(linewidth=4, foreground="black")]
    box = Rectangle((x - 0.5, y - 0.5), width, height, fill=False, edgecolor=color, linewidth=2, path_effects=halo)
    ax.add_patch(box)
    if label:
        rows = abs(ax.get_ylim()[0] - ax.get_ylim()[1])
        below = y < 0.1 * rows
        anchor = (x - 0.5, y + height - 0.5) if below else (x - 0.5, y - 0.5)
        ax.annotate(label, anchor, xytext=(0, -4 if below else 4), textcoords="offset points", va="top" if below else "bottom", color=color, fontsize=10, fontweight="bold", path_effects=halo)
    return box


def plot_landmarks(
    image: np.ndarray,
    face: Face,
    regions: Iterable[str] = BASIC_REGIONS,
    *,
    ax=None,
    numbers: bool = False,
    box: bool = True,
    number_size: float = 6,
):
    """Draw a face's landmarks on the image, one colour per region; returns the axes.

    ``numbers`` writes each point's number beside it, ``number_size`` points tall
    (with a dark outline, readable on light skin); use a larger size when the
    axes are zoomed on part of the face.
    """
    import matplotlib.pyplot as plt
    from matplotlib import patheffects
    from matplotlib.patches import Rectangle

    check_face(face, np.shape(image))
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    ax.imshow(image)
    ax.axis("off")
    if box:
        x, y, w, h = face.box
        ax.add_patch(Rectangle((x, y), w, h, fill=False, edgecolor="white", linewidth=1.5, linestyle="--"))
    for name in regions:
        points = face.region(name)
        closed = name in CLOSED_REGIONS
        line = np.vstack([points, points[:1]]) if closed else points
        ax.plot(line[:, 0], line[:, 1], "-", color=REGION_COLORS[name], linewidth=1.2)
        ax.scatter(points[:, 0], points[:, 1], s=10, color=REGION_COLORS[name], label=name.replace("_", " "), zorder=3)
        if numbers:
            for index, (px, py) in zip(REGIONS[name], points):
                ax.annotate(
                    str(index), (px, py), fontsize=number_size, color="white", xytext=(2, 2), textcoords="offset points", path_effects=[patheffects.withStroke(linewidth=2, foreground="black")]
                )
    return ax


def png_bytes(image: np.ndarray, *, max_side: int | None = None) -> bytes:
    """Encode an image array as PNG bytes (for ipywidgets.Image).

    Any layout ``images.load_image`` reads from an array works: gray or RGB(A);
    uint8, uint16, bool or float (0-1, or 0-255 when larger values occur).
    Anything else (an empty array, text, None) raises ``WrongShape``.
    """
    try:
        array = np.asarray(image)
    except ValueError:  # ragged nested lists
        array = None
    if array is None or array.dtype.kind not in "biuf":
        raise WrongShape(f"png_bytes() needs an image array, not {type(image).__name__}.")
    picture = Image.fromarray(as_rgb(array))
    if max_side and max(picture.size) > max_side:
        picture.thumbnail((max_side, max_side))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
