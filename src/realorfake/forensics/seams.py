"""Seams: colour edges that run along the face outline, where a swap's mask ends."""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from ..errors import OutOfRange
from ..faces import Face, check_face
from ..images import ImageSource, as_rgb
from ._geometry import signed_distance


def _color_gradient(rgb: np.ndarray, sigma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical derivatives of the CIELAB image (per channel, units of Delta E per pixel)."""
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    if sigma > 0:
        lab = cv2.GaussianBlur(lab, (0, 0), sigma)
    gx = cv2.Sobel(lab, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(lab, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    return gx, gy


def _across_outline(rgb: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """Colour change per pixel in the direction across the hull outline (float32, H x W)."""
    smooth = cv2.GaussianBlur(distance, (0, 0), 2.0)
    nx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3)
    ny = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)
    norm = np.hypot(nx, ny) + 1e-6
    gx, gy = _color_gradient(rgb)
    across = gx * (nx / norm)[..., None] + gy * (ny / norm)[..., None]
    return np.sqrt((across**2).sum(axis=2))


def boundary_map(image: ImageSource, face: Face, *, width: float | None = None) -> np.ndarray:
    """Evidence of a blending seam: colour edges that run along the face outline.

    Takes the convex hull of the 68 landmarks (where a landmark swap puts its
    mask edge), measures how fast the colour (CIELAB) changes *across* that
    outline, and keeps a ring ``width`` pixels either side (default 12% of the
    eye distance, at least 4 px). Returns float32 (H, W): Delta E per pixel, zero
    outside the ring. A pasted face shows a bright line all the way round, also
    over the forehead and cheeks, where a real face has no edge.

    Fails when: the jaw, hair or glasses make real edges on the outline (they
    light up too), a Poisson or feathered blend spreads the step out, or the
    landmarks are off by more than the ring's width.
    """
    rgb = as_rgb(image)
    check_face(face, rgb.shape)
    distance = signed_distance(face, rgb.shape)
    if width is None:
        width = max(4.0, 0.12 * max(face.eye_distance, 1.0))
    if width <= 0:
        raise OutOfRange(f"width must be a positive number of pixels (got {width}).")
    ring = np.clip(1.0 - np.abs(distance) / float(width), 0.0, 1.0) ** 0.5
    return (_across_outline(rgb, distance) * ring).astype(np.float32)


class SeamProfile(NamedTuple):
    """Median colour edge strength at each distance from the face outline (negative: inside)."""

    distance: np.ndarray  # (k,) pixels
    strength: np.ndarray  # (k,) Delta E per pixel

    @property
    def contrast(self) -> float:
        """Peak strength within 4 px of the outline divided by the typical strength farther away.

        About 1-2 on real faces (the jaw line is a real edge), often 2.5 or more
        for a pasted face; Poisson blending brings it back down.
        """
        near = np.abs(self.distance) <= 4
        far = np.abs(self.distance) >= max(6, int(self.distance.max()) // 2)
        base = float(np.nanmedian(self.strength[far]))
        return float(np.nanmax(self.strength[near]) / max(base, 1e-6))


def seam_profile(image: ImageSource, face: Face, *, max_distance: int | None = None) -> SeamProfile:
    """How strong the colour edges are at each distance from the face outline, as a curve to plot.

    Using the median along the whole outline, real edges on part of it (the
    jaw) count less than a seam all the way round. A peak at 0 to -4 px (the
    mask sits just inside the landmarks) suggests a seam; a flat curve does not
    prove there is none. ``max_distance`` defaults to 30% of the eye distance.
    """
    rgb = as_rgb(image)
    check_face(face, rgb.shape)
    if max_distance is None:
        max_distance = max(8, int(round(0.3 * max(face.eye_distance, 1.0))))
    distance = signed_distance(face, rgb.shape)
    strength = _across_outline(rgb, distance)
    index = np.round(distance).astype(np.int32)
    steps = np.arange(-int(max_distance), int(max_distance) + 1)
    values = np.array([np.median(strength[index == d]) if np.any(index == d) else np.nan for d in steps])
    return SeamProfile(steps, values)
