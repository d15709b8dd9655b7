"""Strong augmentation of face crops, the same for real faces and self-blended fakes, so only the blend tells them apart.

Each crop is randomly cropped and scaled, rotated, flipped, recoloured, turned
grey, blurred, given noise and saved as a JPEG of quality 30-100, as photos are
on their way through phones and chat apps; then reduced to the model's input.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..data import jpeg
from ..errors import WrongShape


def augment(crop: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
    """A randomly altered copy of ``crop`` (H, W, 3) uint8 RGB, returned as (size, size, 3) uint8 RGB.

    Raises ``WrongShape`` for anything but an RGB uint8 image.
    """
    crop = np.asarray(crop)
    if crop.ndim != 3 or crop.shape[2] != 3 or crop.dtype != np.uint8:
        raise WrongShape(f"augment() needs an RGB uint8 image (got shape {crop.shape}, {crop.dtype}).")
    height, width = crop.shape[:2]
    # crop, scale and rotation, in one affine warp to the output size
    scale = size / width * rng.uniform(0.92, 1.12)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-10, 10), scale)
    matrix[:, 2] += (size / 2 - width / 2, size / 2 - height / 2)
    matrix[:, 2] += rng.uniform(-0.05, 0.05, size=2) * size
    image = cv2.warpAffine(crop, matrix, (size, size), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    if rng.random() < 0.5:
        image = image[:, ::-1]
    image = image.astype(np.float32)
    # colour: brightness, contrast, saturation
    grey = image.mean(axis=2, keepdims=True)
    image = grey + (image - grey) * rng.uniform(0.7, 1.3)
    image = (image - image.mean()) * rng.uniform(0.75, 1.25) + image.mean() + rng.uniform(-25, 25)
    if rng.random() < 0.15:
        image = np.repeat(image.mean(axis=2, keepdims=True), 3, axis=2)
    if rng.random() < 0.25:
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.3, 1.2))
    if rng.random() < 0.25:
        image = image + rng.normal(0, rng.uniform(2, 8), size=image.shape).astype(np.float32)
    image = np.clip(image + 0.5, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        image = jpeg(image, int(rng.integers(30, 101)))
    return np.ascontiguousarray(image)


def reduce(crop: np.ndarray, size: int) -> np.ndarray:
    """``crop`` resized to (size, size, 3) uint8 with no other change: what the model sees when not training."""
    crop = np.asarray(crop)
    if crop.shape[0] == size and crop.shape[1] == size:
        return np.ascontiguousarray(crop)
    interpolation = cv2.INTER_AREA if crop.shape[0] > size else cv2.INTER_LINEAR
    return cv2.resize(crop, (size, size), interpolation=interpolation)


__all__ = ["augment", "reduce"]
