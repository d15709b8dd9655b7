"""Sharpness: the local variance of the Laplacian; a pasted or generated face is often softer."""

from __future__ import annotations

import cv2
import numpy as np

from ..errors import ImageTooSmall, OutOfRange
from ..images import ImageSource, as_rgb
from ._geometry import gray


def sharpness_map(image: ImageSource, tile: int = 16) -> np.ndarray:
    """Local sharpness: the variance of the Laplacian in a ``tile`` x ``tile`` window around each pixel.

    Returns float32 (H, W) as log10(1 + variance): about 1 for flat or blurred
    areas, 3-4 for crisp detail. A face taken from a smaller or blurrier photo,
    or generated at low resolution and enlarged, is softer (darker here) than
    the hair and clothes around it.

    Fails when: the real photo has a shallow depth of field (a soft background
    or ear), smooth skin or make-up, motion blur, or when the whole image was
    compressed or resized (everything gets equally soft).
    """
    rgb = as_rgb(image)
    tile = int(tile)
    if tile < 3:
        raise OutOfRange(f"tile must be at least 3 pixels (got {tile}).")
    if min(rgb.shape[:2]) < tile:
        raise ImageTooSmall(f"The image ({rgb.shape[1]} x {rgb.shape[0]}) is smaller than one tile ({tile} px).")
    laplacian = cv2.Laplacian(gray(rgb), cv2.CV_32F, ksize=3)
    mean = cv2.boxFilter(laplacian, -1, (tile, tile), borderType=cv2.BORDER_REFLECT)
    mean_square = cv2.boxFilter(laplacian * laplacian, -1, (tile, tile), borderType=cv2.BORDER_REFLECT)
    variance = np.maximum(mean_square - mean * mean, 0.0)
    return np.log10(1.0 + variance).astype(np.float32)
