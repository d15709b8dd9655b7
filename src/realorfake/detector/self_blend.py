"""Self-blended images: fakes made from one real face and an altered copy of itself, with no deepfake data set.

The idea is that of Shiohara & Yamasaki, "Detecting Deepfakes with
Self-Blended Images" (CVPR 2022), and of Face X-ray (Li et al., CVPR 2020):
what every face swap leaves is a *blending boundary*, where a face that was
made or processed apart meets the photo around it. Blend a face with a
slightly altered copy of itself (other colours, other sharpness, a little
larger or shifted) through a mask shaped like a face, and you get that
boundary with no second person and no fake to download. A detector trained to
find it learns the swap's trace, not one person's looks.

This is the course's own implementation: the alterations and mask deformations
below are chosen for 128-px aligned crops on a laptop.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from ..errors import WrongShape
from ..faces import REGIONS


class SelfBlend(NamedTuple):
    """A self-blended fake: ``fake`` and ``source`` (H, W, 3) uint8, ``mask`` (H, W) float32 in 0-1 (1 = all from ``source``).

    ``fake = mask * source + (1 - mask) * original``; where ``mask`` is 0 the
    fake is the original photo, pixel for pixel.
    """

    fake: np.ndarray
    source: np.ndarray
    mask: np.ndarray


def _check(crop: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    crop = np.asarray(crop)
    if crop.ndim != 3 or crop.shape[2] != 3 or crop.dtype != np.uint8 or min(crop.shape[:2]) < 32:
        raise WrongShape(f"self_blend() needs an RGB uint8 face crop of at least 32 x 32 px (got shape {crop.shape}, {crop.dtype}).")
    points = np.asarray(landmarks, dtype=np.float64)
    if points.shape != (68, 2) or not np.isfinite(points).all():
        raise WrongShape(f"self_blend() needs the face's 68 landmarks as a (68, 2) array in the crop's pixels (got shape {points.shape}).")
    return crop, points


def altered_copy(crop: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The face's "other source": the same crop with its colours, sharpness, scale and position slightly changed. RGB uint8."""
    image = crop.astype(np.float32)
    # colour: a shift of each channel, then brightness and contrast (what a second camera or grading gives);
    # from slight (a swap corrects its colours) to plain
    strength = rng.uniform(0.25, 1)
    image = image + strength * rng.uniform(-20, 20, size=3).astype(np.float32)
    mean = image.mean()
    image = (image - mean) * (1 + strength * rng.uniform(-0.15, 0.15)) + mean + strength * rng.uniform(-12, 12)
    image = np.clip(image, 0, 255)
    # sharpness: resampled (as a warped face is), blurred, or sharpened with an unsharp mask
    height, width = crop.shape[:2]
    kind = rng.random()
    if kind < 0.4:
        factor = rng.uniform(0.35, 0.8)
        small = cv2.resize(image, (max(8, round(width * factor)), max(8, round(height * factor))), interpolation=cv2.INTER_AREA)
        image = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    elif kind < 0.7:
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.4, 1.2))
    else:
        blurred = cv2.GaussianBlur(image, (0, 0), 1.0)
        image = np.clip(image + rng.uniform(0.4, 1.2) * (image - blurred), 0, 255)
    # scale and position: the copy a little larger or smaller, and shifted, as a pasted face never fits exactly
    scale = rng.uniform(0.94, 1.06)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-2, 2), scale)
    matrix[:, 2] += rng.uniform(-0.03, 0.03, size=2) * (width, height)
    image = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    return (image + 0.5).astype(np.uint8)


#: Landmark groups whose hull can make a blend mask: the whole face, or its inner part (as many swaps paste).
MASK_SHAPES = {
    "whole face": list(range(68)),
    "inner face": [i for name in ("right_eyebrow", "left_eyebrow", "nose", "mouth") for i in REGIONS[name]] + list(REGIONS["jaw"][3:14]),
}


def blend_mask(shape: tuple[int, ...], landmarks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A face-shaped blending mask (H, W) float32 in 0-1: a landmark hull, randomly deformed, eroded or dilated, and blurred.

    The deformation moves the hull's points by a smooth random field (a few
    percent of the face's size), so the boundary is never the exact outline a
    detector could learn by heart. The mask's peak is a random blend ratio
    (0.5-1), as a swap's face is sometimes mixed with the photo below it.
    """
    height, width = shape[:2]
    points = np.asarray(landmarks, dtype=np.float64)[MASK_SHAPES[("whole face", "inner face")[int(rng.random() < 0.35)]]]
    hull = cv2.convexHull(points.astype(np.float32)).reshape(-1, 2).astype(np.float64)
    size = float(np.ptp(points[:, 0]) + np.ptp(points[:, 1])) / 2
    # a smooth deformation: each hull point moved by a few percent, the moves varying slowly around the outline
    angles = np.arctan2(*(hull - hull.mean(axis=0)).T[::-1])
    wobble = sum(rng.uniform(-0.04, 0.04) * np.cos(k * angles + rng.uniform(0, 2 * np.pi)) for k in (1, 2, 3))
    hull = hull.mean(axis=0) + (hull - hull.mean(axis=0)) * (1 + wobble)[:, None] + rng.uniform(-0.02, 0.02, size=2) * size
    mask = np.zeros((height, width), np.uint8)
    cv2.fillConvexPoly(mask, np.round(hull).astype(np.int32), 255)
    # erode or dilate by up to 8% of the face
    radius = int(round(rng.uniform(-0.08, 0.08) * size / 2))
    if radius:
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * abs(radius) + 1, 2 * abs(radius) + 1))
        mask = cv2.erode(mask, kernel) if radius > 0 else cv2.dilate(mask, kernel)
    # an edge from hard (a pasted face) to wide (a feathered one)
    if rng.random() < 0.25:
        soft = mask.astype(np.float32) / 255.0
    else:
        soft = cv2.GaussianBlur(mask.astype(np.float32) / 255.0, (0, 0), rng.uniform(0.5, 0.08 * size))
    peak = float(soft.max())
    if peak <= 0:
        return soft
    return (soft / peak * rng.choice([1.0, 1.0, 0.9, 0.75, 0.5])).astype(np.float32)


def self_blend(crop: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator | int | None = None) -> SelfBlend:
    """Blend ``crop`` (an aligned real face, RGB uint8, at least 32 x 32) with an altered copy of itself through a face mask.

    ``landmarks`` are the face's 68 points (68, 2) in the crop's pixels;
    ``rng`` a NumPy Generator or a seed (the same seed gives the same fake).
    Returns a :class:`SelfBlend` (fake, altered source, mask). Raises
    ``WrongShape`` for a crop or landmarks of the wrong shape.
    Method: Shiohara & Yamasaki, CVPR 2022; mask as in Face X-ray, Li et al., CVPR 2020.
    """
    crop, points = _check(crop, landmarks)
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    source = altered_copy(crop, rng)
    mask = blend_mask(crop.shape, points, rng)
    fake = mask[..., None] * source.astype(np.float32) + (1 - mask[..., None]) * crop.astype(np.float32)
    fake = np.where(mask[..., None] > 0, (fake + 0.5).astype(np.uint8), crop)  # outside the mask: the original, exactly
    return SelfBlend(fake=fake, source=source, mask=mask)


def boundary(mask: np.ndarray) -> np.ndarray:
    """Face X-ray's blending boundary of a mask: ``4 * mask * (1 - mask)``, (H, W) float32, 1 where the two images mix equally."""
    mask = np.asarray(mask, dtype=np.float32)
    return 4 * mask * (1 - mask)


__all__ = ["MASK_SHAPES", "SelfBlend", "altered_copy", "blend_mask", "boundary", "self_blend"]
