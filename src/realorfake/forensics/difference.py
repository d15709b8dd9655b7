"""Difference: where two images differ, pixel by pixel (needs the untouched original)."""

from __future__ import annotations

import cv2
import numpy as np

from ..errors import WrongShape
from ..images import ImageSource, as_rgb
from ..label import above_badge


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


def changed_box(original: np.ndarray, fake: np.ndarray, threshold: float = 12.0) -> tuple[int, int, int, int] | None:
    """The box (x, y, w, h) in pixels around what a fake changed in its original, or None when it changed nothing.

    The fake's badge strip is left out (``label.above_badge``); a pixel counts
    as changed when a channel differs by more than ``threshold`` grey levels,
    and lone changed pixels are ignored. Quizzes and the game highlight this box
    at the reveal.
    """
    picture = above_badge(fake)
    difference = np.abs(picture.astype(np.int16) - original[: picture.shape[0]].astype(np.int16)).max(axis=2)
    changed = (difference > threshold).astype(np.uint8)
    changed = cv2.morphologyEx(changed, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))  # ignore lone pixels
    if not changed.any():
        return None
    x, y, w, h = cv2.boundingRect(changed)
    return int(x), int(y), int(w), int(h)
