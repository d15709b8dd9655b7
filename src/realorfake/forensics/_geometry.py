"""Small geometry shared by the forensic views: luma, the landmark hull and distances from its outline."""

from __future__ import annotations

import cv2
import numpy as np

from ..faces import Face


def gray(rgb: np.ndarray) -> np.ndarray:
    """Luma (0-255) of an RGB uint8 image (H, W, 3), as float32 (H, W)."""
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)


def hull_mask(face: Face, shape: tuple[int, ...]) -> np.ndarray:
    """uint8 mask (0/1) of shape ``shape[:2]``: the convex hull of the 68 landmarks."""
    mask = np.zeros(shape[:2], dtype=np.uint8)
    hull = cv2.convexHull(np.round(face.landmarks).astype(np.int32))
    cv2.fillConvexPoly(mask, hull, 1)
    return mask


def signed_distance(face: Face, shape: tuple[int, ...]) -> np.ndarray:
    """Distance (px, float32) of every pixel from the landmark hull's outline: negative inside, positive outside."""
    hull = hull_mask(face, shape)
    outside = cv2.distanceTransform(1 - hull, cv2.DIST_L2, 5)
    inside = cv2.distanceTransform(hull, cv2.DIST_L2, 5)
    return np.where(hull > 0, 0.5 - inside, outside - 0.5).astype(np.float32)


def disk(radius: int) -> np.ndarray:
    """A filled disk structuring element of the given radius (px) for ``cv2.erode`` / ``cv2.dilate``."""
    radius = max(int(radius), 0)
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
