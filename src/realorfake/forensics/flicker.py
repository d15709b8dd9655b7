"""Flicker: frame-to-frame instability of a face in a clip (a swap made frame by frame flickers)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..errors import NoFaceFound, WrongShape
from ..faces import detect_faces, landmark_indices
from ..images import as_rgb
from ._geometry import hull_mask

#: Landmarks that should only move with the head: eyebrows, nose and eyes (not the jaw or mouth).
RIGID_LANDMARKS = tuple(landmark_indices("brows_nose_eyes"))


class Flicker(NamedTuple):
    """Frame-to-frame change in a clip; each array has one value per pair of consecutive frames."""

    face: np.ndarray  # (n - 1,) mean |frame[t+1] - frame[t]| inside the face (grey levels)
    eyes: np.ndarray  # (n - 1,) the same around the eyes and eyebrows, which move only with the head (grey levels)
    background: np.ndarray  # (n - 1,) the same outside the face box (grey levels)
    landmarks: np.ndarray  # (n - 1,) mean movement of the eyebrow, nose and eye landmarks (px); NaN if a face is missed


def _frames(frames) -> list[np.ndarray]:
    items = getattr(frames, "frames", frames)  # a video.Clip
    if isinstance(items, np.ndarray) and items.ndim in (3, 4):
        items = list(items)
    if not isinstance(items, (list, tuple)):
        raise WrongShape(f"flicker() takes a Clip, a list of frames or an (n, H, W[, 3]) array, not {type(frames).__name__}.")
    rgb = [as_rgb(frame) for frame in items]
    if len(rgb) < 2:
        raise WrongShape(f"flicker() needs at least 2 frames (got {len(rgb)}).")
    if any(frame.shape != rgb[0].shape for frame in rgb):
        raise WrongShape("All frames must have the same size.")
    return rgb


def flicker(frames) -> Flicker:
    """Frame-to-frame instability of the face region and of its landmarks in a clip.

    ``frames``: a ``video.Clip``, a list of frames or an (n, H, W[, 3]) array.
    Faces are found in every frame; the face region is the landmark hull of the
    first frame with a face, the eye region the box around its eyes and eyebrows.
    Returns a :class:`Flicker` of four curves. A swap made frame by frame
    flickers: each frame's face is warped to slightly different landmarks, so
    the face, even around the eyes, changes while the background stays still.

    Fails when: the person really moves or talks (that changes the face too:
    compare the eyes and nose, which move only with the head), the camera moves
    (the background changes as well), or the clip is heavily compressed. The
    landmark detector itself jitters by 1-3 px even on a still face, so compare
    clips rather than read one number.
    """
    rgb = _frames(frames)
    found = [detect_faces(frame) for frame in rgb]
    points = [f[0].landmarks if f else None for f in found]
    first = next((i for i, p in enumerate(points) if p is not None), None)
    if first is None:
        raise NoFaceFound("No face found in any frame of the clip; use a clip where the face is clearly visible.")
    face = found[first][0]
    inside = hull_mask(face, rgb[0].shape) > 0
    brows_eyes = face.region("brows_nose_eyes")
    ex0, ey0 = np.floor(brows_eyes.min(axis=0)).astype(int).clip(0)
    ex1, ey1 = np.ceil(brows_eyes.max(axis=0)).astype(int) + 1
    eyes = np.zeros(rgb[0].shape[:2], dtype=bool)
    eyes[ey0:ey1, ex0:ex1] = True
    x, y, w, h = face.box
    outside = np.ones(rgb[0].shape[:2], dtype=bool)
    outside[max(0, y - h // 4) : y + h + h // 4, max(0, x - w // 4) : x + w + w // 4] = False
    face_change, eye_change, background_change, moved = [], [], [], []
    rigid = list(RIGID_LANDMARKS)
    for t in range(len(rgb) - 1):
        change = np.abs(rgb[t + 1].astype(np.float32) - rgb[t].astype(np.float32)).mean(axis=2)
        face_change.append(change[inside].mean())
        eye_change.append(change[eyes].mean())
        background_change.append(change[outside].mean() if outside.any() else np.nan)
        a, b = points[t], points[t + 1]
        moved.append(np.linalg.norm(b[rigid] - a[rigid], axis=1).mean() if a is not None and b is not None else np.nan)
    return Flicker(np.array(face_change), np.array(eye_change), np.array(background_change), np.array(moved, dtype=np.float64))
