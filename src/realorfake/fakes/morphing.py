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
from ..faces import alignment_matrix, largest_face, transform_points
from ..images import ImageSource, as_rgb
from ..label import add_badge
from .registry import example
from .swap import check_face_size, triangulate, warp_fast


def _border_points(width: int, height: int) -> np.ndarray:
    """Corners and edge midpoints of a width x height canvas (they keep the whole canvas warped)."""
    w, h = width - 1, height - 1
    return np.array([[0, 0], [w / 2, 0], [w, 0], [w, h / 2], [w, h], [w / 2, h], [0, h], [0, h / 2]], dtype=np.float64)


def morph(a: ImageSource, b: ImageSource, alpha: float = 0.5, *, size: int = 320) -> np.ndarray:
    """A face halfway (``alpha``) between two portraits: shapes averaged, then colours. Labelled.

    Both faces are aligned by the eyes into a ``size`` x ``size`` square, each is
    warped to the in-between landmark positions, and the two are cross-dissolved.
    ``alpha=0`` gives (the aligned) ``a``, ``alpha=1`` gives ``b``.
    """
    alpha = check_number(alpha, "alpha", 0, 1)
    size = int(check_number(size, "size", 64, 2048))
    images, points = [], []
    for image, what in ((a, "the first image"), (b, "the second image")):
        rgb = as_rgb(image)
        face = largest_face(rgb, what=what)
        check_face_size(face, what)
        matrix = alignment_matrix(face, size)
        images.append(cv2.warpAffine(rgb, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
        points.append(np.vstack([transform_points(face.landmarks, matrix), _border_points(size, size)]))
    between = (1 - alpha) * points[0] + alpha * points[1]
    triangles = triangulate(between)
    warped = [warp_fast(img, pts, between, triangles, (size, size)) for img, pts in zip(images, points)]
    mixed = (1 - alpha) * warped[0].astype(np.float32) + alpha * warped[1].astype(np.float32)
    return add_badge(np.clip(mixed + 0.5, 0, 255).astype(np.uint8))


@example("morph", method="morph")
def _example_morph() -> np.ndarray:
    return morph(portrait("hopper"), portrait("collins"))
