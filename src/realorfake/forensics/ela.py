"""Error level analysis (ELA): how much each pixel changes when the image is saved again as JPEG."""

from __future__ import annotations

import numpy as np

from ..data import jpeg
from ..errors import check_number
from ..images import ImageSource, as_rgb


def error_level(image: ImageSource, quality: int = 90, *, amplify: float = 10.0) -> np.ndarray:
    """Error level analysis (ELA): how much each pixel changes when the image is saved again as JPEG.

    Returns float32 (H, W): the mean absolute change of the three channels,
    multiplied by ``amplify`` and clipped to 0-255 (``amplify=1`` gives plain grey
    levels, unclipped). Parts that were already JPEG-compressed at about this
    quality change little; a region pasted in from an uncompressed or
    differently compressed picture often changes more, and glows.

    Fails when: the whole image was saved again after the edit (every region
    then has the same history), at low qualities, and on real photos, where
    edges, text and fine texture always glow more than flat areas.
    """
    rgb = as_rgb(image)
    amplify = check_number(amplify, "amplify", 0.1, 1000)
    again = jpeg(rgb, quality).astype(np.float32)
    change = np.abs(rgb.astype(np.float32) - again).mean(axis=2) * amplify
    if amplify != 1:
        change = np.clip(change, 0.0, 255.0)
    return change.astype(np.float32)
