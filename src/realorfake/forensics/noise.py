"""Noise residual: the fine grain of a photo, what is left after removing the picture."""

from __future__ import annotations

import cv2
import numpy as np

from ..errors import UnknownName
from ..images import ImageSource, as_rgb
from ._geometry import gray


def noise_residual(image: ImageSource, size: int = 3) -> np.ndarray:
    """The fine grain of an image: its grayscale minus a median-filtered copy (a high-pass residual).

    Returns float32 (H, W), signed grey levels (plot with a diverging colour
    map, e.g. ``vmin=-10, vmax=10``). A camera leaves an even grain across the
    whole photo; a pasted, warped, blurred or generated face often has less
    grain (or a different one) than its surroundings.

    Fails when: the photo was denoised, heavily compressed or resized (the
    grain is gone everywhere), and near edges and texture, which always show.
    """
    rgb = as_rgb(image)
    size = int(size)
    if size not in (3, 5):
        raise UnknownName(f"size must be 3 or 5 pixels (got {size}).")
    luma = gray(rgb)
    smooth = cv2.medianBlur(luma, size)
    return (luma - smooth).astype(np.float32)
