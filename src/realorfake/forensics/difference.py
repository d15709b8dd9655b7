"""Difference: where two images differ, pixel by pixel (needs the untouched original)."""

from __future__ import annotations

import numpy as np

from ..errors import WrongShape
from ..images import ImageSource, as_rgb


def difference(a: ImageSource, b: ImageSource) -> np.ndarray:
    """Where two images differ: the mean absolute difference of the three channels, per pixel.

    Returns float32 (H, W) in grey levels (0-255). Reveals exactly what an edit
    changed, including warped background and moved edges. Fails in practice
    because it needs the untouched original, which someone checking a photo
    rarely has; compression or resizing of one copy also lights up everywhere.
    Raises ``WrongShape`` when the images have different sizes.
    """
    first, second = as_rgb(a), as_rgb(b)
    if first.shape != second.shape:
        sizes = f"{first.shape[1]} x {first.shape[0]} and {second.shape[1]} x {second.shape[0]}"
        advice = "cut both the same way, e.g. with label.above_badge, or resize one with cv2.resize"
        raise WrongShape(f"The two images have different sizes ({sizes}): compare two versions of the same picture at the same size ({advice}).")
    return np.abs(first.astype(np.float32) - second.astype(np.float32)).mean(axis=2)
