"""Reenactment, the simplest kind: move a portrait's mouth by moving its landmarks.

:func:`make_it_talk` drops the jaw and the lower lip in a syllable-like rhythm
and warps the pixels with them (piecewise-affine, as in the swap). No audio,
no words: the course never puts words in a real person's mouth. Every frame is
labelled.
"""

from __future__ import annotations

import numpy as np

from ..data import portrait
from ..errors import WrongShape, check_number
from ..faces import Face, find_face, landmark_indices
from ..images import ImageSource, as_rgb
from ..label import add_badge
from .clips import Clip
from .registry import example
from .swap import check_face_size, face_mask, triangulate, warp_fast

#: Landmarks that move down when the mouth opens, and how much (1 = the full drop).
_JAW_WEIGHTS = {4: 0.15, 5: 0.35, 6: 0.6, 7: 0.85, 8: 1.0, 9: 0.85, 10: 0.6, 11: 0.35, 12: 0.15}
_LOWER_LIP_WEIGHTS = {55: 0.8, 56: 0.95, 57: 1.0, 58: 0.95, 59: 0.8, 65: 0.9, 66: 1.0, 67: 0.9}


def _ring_points(face: Face, shape: tuple[int, ...], margin: float = 0.45) -> np.ndarray:
    """Fixed points on a box around the face: the warp stays inside it."""
    x, y, w, h = face.box
    points = face.landmarks
    x0 = max(min(x, points[:, 0].min()) - margin * w, 0)
    x1 = min(max(x + w, points[:, 0].max()) + margin * w, shape[1] - 1)
    y0 = max(min(y, points[:, 1].min()) - margin * h, 0)
    y1 = min(max(y + h, points[:, 1].max()) + margin * h, shape[0] - 1)
    xs, ys = np.linspace(x0, x1, 5), np.linspace(y0, y1, 5)
    ring = [(u, y0) for u in xs] + [(u, y1) for u in xs] + [(x0, v) for v in ys[1:-1]] + [(x1, v) for v in ys[1:-1]]
    return np.array(ring, dtype=np.float64)


def mouth_openness(seconds: float, fps: float, seed: int = 0) -> np.ndarray:
    """How open the mouth is (0-1) in each frame: a syllable-like rhythm of about 3 per second."""
    n = max(1, int(round(seconds * fps)))
    t = np.arange(n) / fps
    rng = np.random.default_rng(seed)
    rate = 2.6 + 0.8 * rng.random()
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 0.4 * t + rng.random() * 6.28) ** 2
    openness = np.abs(np.sin(np.pi * rate * t)) * envelope
    openness[0] = 0.0  # start (and end) with the mouth at rest
    openness[-1] = 0.0
    return openness


def moved_landmarks(face: Face, openness: float) -> np.ndarray:
    """The 68 landmarks with the jaw dropped and the lower lip lowered by ``openness`` (0-1)."""
    drop = 0.22 * face.eye_distance * float(openness)
    moved = face.landmarks.copy()
    for index, weight in {**_JAW_WEIGHTS, **_LOWER_LIP_WEIGHTS}.items():
        moved[index, 1] += drop * weight
    return moved


def make_it_talk(
    portrait: ImageSource,
    seconds: float = 3.0,
    fps: float = 15.0,
    *,
    seed: int = 0,
    face: Face | None = None,
    upsample: int | None = None,
) -> Clip:
    """A clip in which the portrait's mouth opens and closes: landmark warping only, no audio, no words.

    ``seconds`` (0.1-20) at ``fps`` (1-60) frames per second; ``seed`` sets the
    rhythm; ``face``: a face already found (else the largest, with ``upsample``
    for small faces). Every frame is labelled. This is the simplest form of
    *reenactment*: the face is moved by moving its landmarks and warping the
    pixels with them. Raises ``NoFaceFound``, ``ImageTooSmall`` and ``OutOfRange``
    (checked before any work).
    """
    seconds = check_number(seconds, "seconds", 0.1, 20)
    fps = check_number(fps, "fps", 1, 60)
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise WrongShape(f"seed must be a whole number (got {seed!r}).")
    seed = int(check_number(seed, "seed", 0, 2**32 - 1))
    image = as_rgb(portrait)
    face = find_face(image, face, upsample=upsample, what="the portrait")
    check_face_size(face, "the portrait")
    ring = _ring_points(face, image.shape)
    rest = np.vstack([face.landmarks, ring])
    triangles = triangulate(rest)
    region = face_mask(ring, image.shape) > 0.5
    inner_mouth_color = np.array([70, 28, 32], dtype=np.float32)
    frames = []
    for amount in mouth_openness(seconds, fps, seed):
        target = np.vstack([moved_landmarks(face, amount), ring])
        warped = warp_fast(image, rest, target, triangles, image.shape)
        frame = np.where(region[..., None], warped, image)
        if amount > 0.05:  # darken the gap between the lips: the inside of the mouth
            lips = target[landmark_indices("inner_lips")]  # in order around the mouth
            gap = face_mask(lips, image.shape, feather=1.5)[..., None] * (0.85 * amount)
            frame = (frame * (1 - gap) + inner_mouth_color * gap + 0.5).astype(np.uint8)
        frames.append(add_badge(frame))
    return Clip(frames, fps=fps, method="reenactment")


@example("make_it_talk", method="reenactment")
def _example_talk() -> Clip:
    return make_it_talk(portrait("hopper"), seconds=1.0)
