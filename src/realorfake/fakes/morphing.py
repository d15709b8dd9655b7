"""Morphing: a face halfway between two portraits, shapes averaged, then colours.

The classic landmark morph (Beier & Neely, SIGGRAPH 1992, in its triangle-mesh
form): align both faces by the eyes, move every landmark to its in-between
position, warp each face there and cross-dissolve. The output is labelled.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..data import portrait
from ..errors import check_number
from ..faces import Face, alignment_matrix, check_aligned_coverage, check_inside, find_face, transform_points
from ..images import ImageSource, as_rgb
from ..label import add_badge
from .registry import example
from .swap import check_face_size, triangulate, warp_fast


def _border_points(width: int, height: int) -> np.ndarray:
    """Corners and edge midpoints of a width x height canvas (they keep the whole canvas warped)."""
    w, h = width - 1, height - 1
    return np.array([[0, 0], [w / 2, 0], [w, 0], [w, h / 2], [w, h], [w / 2, h], [0, h], [0, h / 2]], dtype=np.float64)


def morph(
    a: ImageSource,
    b: ImageSource,
    alpha: float = 0.5,
    *,
    size: int = 320,
    a_face: Face | None = None,
    b_face: Face | None = None,
    upsample: int | None = None,
) -> np.ndarray:
    """A face halfway (``alpha``, 0-1) between two portraits: shapes averaged, then colors. Labelled.

    Both faces are aligned by the eyes into a ``size`` x ``size`` square (64 to
    2048 px), each is warped to the in-between landmark positions, and the two
    are cross-dissolved. ``alpha=0`` gives (the aligned) ``a``, ``alpha=1`` gives
    ``b``. ``a_face`` / ``b_face``: faces already found (else the largest, with
    ``upsample`` for small faces). Returns RGB uint8 (size, size, 3) with the
    badge. Raises ``NoFaceFound``, ``ImageTooSmall``, ``FaceCutOff`` (a face cut by
    its photo's edge) and ``OutOfRange`` (checked before any work).
    """
    alpha = check_number(alpha, "alpha", 0, 1)
    size = int(check_number(size, "size", 64, 2048))
    images, points = [], []
    for image, face, what in ((a, a_face, "the first image"), (b, b_face, "the second image")):
        rgb = as_rgb(image)
        face = check_inside(find_face(rgb, face, upsample=upsample, what=what), rgb.shape, what)
        check_aligned_coverage(face, rgb.shape, size, what)
        check_face_size(face, what)
        matrix = alignment_matrix(face, size)
        # the square's margin may reach past the photo: repeat its edge pixels, never mirror the photo
        images.append(cv2.warpAffine(rgb, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE))
        points.append(np.vstack([transform_points(face.landmarks, matrix), _border_points(size, size)]))
    between = (1 - alpha) * points[0] + alpha * points[1]
    triangles = triangulate(between)
    warped = [warp_fast(img, pts, between, triangles, (size, size)) for img, pts in zip(images, points)]
    mixed = (1 - alpha) * warped[0].astype(np.float32) + alpha * warped[1].astype(np.float32)
    return add_badge(np.clip(mixed + 0.5, 0, 255).astype(np.uint8))


@example("morph", method="morph")
def _example_morph() -> np.ndarray:
    return morph(portrait("hopper"), portrait("collins"))
