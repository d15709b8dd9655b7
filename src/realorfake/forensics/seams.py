"""Seams: colour edges that run along the face outline, where a swap's mask ends."""

from __future__ import annotations

import warnings
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


def _edges_around_outline(image: ImageSource, face: Face, max_distance: int | None) -> tuple[np.ndarray, np.ndarray, int]:
    """(signed distance to the outline, colour edge strength across it, max_distance) for the seam measures.

    ``max_distance`` (px) defaults to 30% of the eye distance, at least 8.
    """
    rgb = as_rgb(image)
    check_face(face, rgb.shape)
    if max_distance is None:
        max_distance = max(8, int(round(0.3 * max(face.eye_distance, 1.0))))
    distance = signed_distance(face, rgb.shape)
    return distance, _across_outline(rgb, distance), int(max_distance)


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
    distance, strength, max_distance = _edges_around_outline(image, face, max_distance)
    index = np.round(distance).astype(np.int32)
    steps = np.arange(-int(max_distance), int(max_distance) + 1)
    values = np.array([np.median(strength[index == d]) if np.any(index == d) else np.nan for d in steps])
    return SeamProfile(steps, values)


class UnwrappedSeam(NamedTuple):
    """Colour edge strength around the face outline, unrolled: one row per distance, one column per direction."""

    strength: np.ndarray  # (2 * max_distance + 1, bins) float32, each column divided by its median (1 = typical)
    distance: np.ndarray  # (2 * max_distance + 1,) pixels from the outline, negative inside
    direction: np.ndarray  # (bins,) degrees clockwise from straight up (0 forehead, 90 photo's right, 180 chin)


def seam_unwrapped(image: ImageSource, face: Face, *, max_distance: int | None = None, bins: int = 120) -> UnwrappedSeam:
    """The ring around the face outline unrolled into a strip, to see *where* along the outline the edges are.

    Each pixel within ``max_distance`` px of the landmark hull's outline (default
    30% of the eye distance) goes to the cell of its signed distance (row) and of
    its direction from the landmarks' centre (column, ``bins`` of them); a cell
    holds the mean colour edge strength across the outline, divided by the
    median of its column so that every direction is on the same scale. A
    swap's seam is a bright row at distance 0 to -4 **all the way across**; a
    real face's own edges (the jaw, the eyebrows) are bright over part of it
    only. Columns with no pixels (an outline past the photo's edge) are NaN.
    Raises ``OutOfRange`` for ``bins`` under 8.
    """
    if int(bins) < 8:
        raise OutOfRange(f"bins must be at least 8 (got {bins}).")
    distance, strength, max_distance = _edges_around_outline(image, face, max_distance)
    rows, cols = np.nonzero(np.abs(distance) <= max_distance)
    centre = face.landmarks.mean(axis=0)
    degrees = (np.degrees(np.arctan2(rows - centre[1], cols - centre[0])) + 90.0) % 360.0
    column = np.minimum((degrees / 360.0 * bins).astype(np.int64), int(bins) - 1)
    row = np.round(distance[rows, cols]).astype(np.int64) + int(max_distance)
    sums = np.zeros((2 * int(max_distance) + 1, int(bins)))
    counts = np.zeros_like(sums)
    np.add.at(sums, (row, column), strength[rows, cols])
    np.add.at(counts, (row, column), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / counts
        typical = np.nanmedian(np.where(counts > 0, mean, np.nan), axis=0)
        unrolled = (mean / np.where(typical > 0, typical, np.nan)).astype(np.float32)
    steps = np.arange(-int(max_distance), int(max_distance) + 1)
    return UnwrappedSeam(unrolled, steps, (np.arange(int(bins)) + 0.5) * 360.0 / int(bins))


class SeamAlongOutline(NamedTuple):
    """How strong the edge right at the outline is, in each direction around the face."""

    direction: np.ndarray  # (bins,) degrees clockwise from straight up (0 forehead, 90 photo's right, 180 chin)
    strength: np.ndarray  # (bins,) edge strength 0-4 px inside the outline, divided by the typical strength nearby
    covered: float  # share (0-1) of the directions where it is above ``threshold``


def seam_along_outline(image: ImageSource, face: Face, *, bins: int = 72, threshold: float = 1.5) -> SeamAlongOutline:
    """Where along the outline the colour edge at the mask's place (0-4 px inside) stands out, and how much of it.

    From :func:`seam_unwrapped`: in each direction, the strongest cell 0 to 4 px
    inside the outline (the mask sits just inside the landmarks), smoothed over
    five neighbouring directions. A pasted face's seam stands out nearly all the
    way round (``covered`` 0.9 or more on the course's swaps); a real face's own
    edges only in places (about half of the outline on the portraits: the jaw
    line, the glasses' arms). Directions with no pixels count as 1 (typical).
    """
    unrolled = seam_unwrapped(image, face, bins=bins)
    near = (unrolled.distance >= -4) & (unrolled.distance <= 0)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a direction with no pixels near the outline: counted as typical below
        strongest = np.nan_to_num(np.nanmax(unrolled.strength[near], axis=0), nan=1.0)
    kernel = np.ones(5) / 5.0
    smooth = np.convolve(np.concatenate([strongest[-2:], strongest, strongest[:2]]), kernel, mode="valid")
    return SeamAlongOutline(unrolled.direction, smooth.astype(np.float32), float(np.mean(smooth > threshold)))
