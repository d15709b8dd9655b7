"""Real or Fake? — the helper package of the deepfake media-literacy course.

Lessons import it as ``import realorfake as rof``. The modules each do one job:
``faces`` (load, detect, landmarks, align), ``data`` (bundled images and your own
photos), ``checks`` (feedback on exercises), ``build`` (learner copies of lessons).
"""

from __future__ import annotations

import random

import numpy as np

from .errors import (
    CourseError,
    DataUnavailable,
    ImageTooLarge,
    ImageTooSmall,
    NoFaceFound,
    UnknownName,
    UnreadableImage,
    WrongShape,
)

__version__ = "0.1.0"

__all__ = [
    "CourseError",
    "DataUnavailable",
    "ImageTooLarge",
    "ImageTooSmall",
    "NoFaceFound",
    "UnknownName",
    "UnreadableImage",
    "WrongShape",
    "setup",
]


def setup(seed: int = 0) -> None:
    """Prepare a lesson: seed Python's and NumPy's random generators, quietly."""
    random.seed(seed)
    np.random.seed(seed)
