"""Pictures of the face swap pipeline (Lesson 03): zooms, triangles, one triangle warped, every stage.

Every panel that shows a face moved onto another photo carries the SYNTHETIC
badge (on a strip below a crop, so no pixel of the face is hidden); the real
photos and the mask do not.

Show layer: imports the core and :mod:`realorfake.fakes` for the swap's own
steps (the warp of one triangle, the result type).
"""

from __future__ import annotations

import numpy as np

from ..errors import OutOfRange, WrongShape
from ..faces import Face, check_face, face_window
from ..fakes.swap import SwapResult, warp_triangle
from ..images import ImageSource, as_rgb, resize_longest
from ..label import badge_below
from .landmarks import draw_landmarks
from .plots import NOTEBOOK_WIDTH


def zoom_face(image: ImageSource, face: Face, *, size: int = 240, margin: float = 0.3, badge: bool = True) -> np.ndarray:
    """A crop around the face, resized so its longest side is ``size``; RGB uint8.

    Masks are welcome: any array ``images.load_image`` reads works (a float
    image is read as 0-1 when its values stay within 1, else as 0-255; a 2-D
    one as gray). With ``badge=True`` (for fakes) the SYNTHETIC badge goes on a
    strip added below the crop (``label.badge_below``), so the zoom stays
    labelled without hiding any of the face. Raises ``WrongShape`` for a face
    that is not in this image or a ``size`` under 8.
    """
    image = as_rgb(image)
    check_face(face, image.shape)
    if not isinstance(size, (int, np.integer)) or size < 8:
        raise OutOfRange(f"size must be a whole number of pixels, at least 8 (got {size!r}).")
    x0, y0, x1, y1 = face_window(face, image.shape, margin)
    zoom = resize_longest(np.ascontiguousarray(image[y0:y1, x0:x1]), size)
    return badge_below(zoom) if badge else zoom


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

    source, target = as_rgb(source), as_rgb(target)
    check_face(source_face, source.shape)
    check_face(target_face, target.shape)
    fig, axes = plt.subplots(1, 3, figsize=(NOTEBOOK_WIDTH, 3.2))
    plot_triangles(source, source_face.landmarks, triangles, ax=axes[0], highlight=index, face=source_face, title=f"triangle {index} on the source")
    plot_triangles(target, target_face.landmarks, triangles, ax=axes[1], highlight=index, face=target_face, title=f"the same triangle {index} on the target")
    canvas = (target * 0.35).astype(np.uint8)
    src_tri = source_face.landmarks[triangles[index]].astype(np.float32)
    dst_tri = target_face.landmarks[triangles[index]].astype(np.float32)
    warp_triangle(source, canvas, src_tri, dst_tri)
    x0, y0, x1, y1 = triangle_window(dst_tri, target.shape)
    labelled = badge_below(canvas[y0:y1, x0:x1])
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


def show_stages(result: SwapResult, source: np.ndarray, target: np.ndarray):
    """The whole pipeline of one swap in two rows of four panels; returns the figure.

    Landmarks on both faces, the shared triangles on both, then (zoomed on the
    target face) the warped face, the mask, the colour-corrected face and the
    result. The warped, corrected and blended faces are fakes, so each carries
    the SYNTHETIC badge on a strip below it; the two real photos and the mask do not.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 4, figsize=(NOTEBOOK_WIDTH - 0.8, 5.0))  # two-line titles: none runs into its neighbour
    picture = draw_landmarks(source, result.source_face, box=False)
    window = face_window(result.source_face, source.shape, 0.12)
    axes[0, 0].imshow(picture[window[1] : window[3], window[0] : window[2]])
    axes[0, 0].set_title("1. landmarks:\nsource", fontsize=10)
    picture = draw_landmarks(target, result.target_face, box=False)
    window = face_window(result.target_face, target.shape, 0.12)
    axes[0, 1].imshow(picture[window[1] : window[3], window[0] : window[2]])
    axes[0, 1].set_title("1. landmarks:\ntarget", fontsize=10)
    plot_triangles(source, result.source_face.landmarks, result.triangles, ax=axes[0, 2], face=result.source_face, title="2. triangles:\nsource")
    plot_triangles(target, result.target_face.landmarks, result.triangles, ax=axes[0, 3], face=result.target_face, title="2. same triangles:\ntarget")
    face = result.target_face
    panels = [
        (zoom_face(result.warped, face), "3. source warped\nto the target's shape"),
        (zoom_face(result.mask, face, badge=False), "4. mask\n(hull, eroded)"),
        (zoom_face(result.corrected, face), "5. colours matched\nto the target"),
        (zoom_face(result.image, face), f"6. blended\n({result.blend})"),
    ]
    for ax, (image, title) in zip(axes[1], panels):
        ax.imshow(image)
        ax.set_title(title, fontsize=10)
    for ax in axes.flat:
        ax.axis("off")
    fig.tight_layout()
    return fig
