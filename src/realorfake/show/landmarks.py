"""Landmarks drawn onto pictures with OpenCV (light and fast, for widgets), and pictures fitted to a size.

Show layer: imports the core only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import cv2
import numpy as np

from ..errors import OutOfRange, WrongShape
from ..faces import REGIONS, Face, check_face, face_window
from ..images import as_rgb, resize_factor, resize_longest
from .plots import BASIC_REGIONS, CLOSED_REGIONS, REGION_COLORS


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """'#E69F00' -> (230, 159, 0)."""
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def draw_landmarks(
    image: np.ndarray,
    face: Face,
    regions: Iterable[str] = BASIC_REGIONS,
    numbers: bool = False,
    *,
    box: bool = True,
    label: str | None = None,
) -> np.ndarray:
    """A copy of ``image`` with the face's box and landmarks drawn, one colour per region.

    Lines and dots scale with the face size; ``numbers`` writes each point's index
    (readable when the face is at least about 200 pixels wide); ``label`` writes a
    short text above the box.
    """
    out = np.array(as_rgb(image), copy=True)
    x, y, w, h = check_face(face, out.shape).box
    thick = max(1, round(max(w, h) / 120))
    if box:
        cv2.rectangle(out, (x, y), (x + w, y + h), (255, 255, 255), thick, cv2.LINE_AA)
    if label:
        # with the face's size, and at least about 4% of the picture's side: a picture is often shown smaller than drawn
        scale = min(2.5, max(0.5, min(1.2, w / 150), max(out.shape[:2]) / 480))
        (_, text_height), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, scale, thick + 2)
        # above the box when there is room, else just inside its top: never cut by the picture's edge
        top = y - 6 if y - 6 - text_height >= 2 else y + text_height + 6
        origin = (max(2, x + (0 if y - 6 - text_height >= 2 else 4)), top)
        cv2.putText(out, label, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), thick + 2, cv2.LINE_AA)
        cv2.putText(out, label, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), thick, cv2.LINE_AA)
    radius = max(1, round(max(w, h) / 90))
    for name in regions:
        points = face.region(name)  # raises UnknownName for a bad region
        color = hex_to_rgb(REGION_COLORS[name])
        polyline = np.round(points).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(out, [polyline], name in CLOSED_REGIONS, color, thick, cv2.LINE_AA)
        for px, py in np.round(points).astype(int):
            cv2.circle(out, (int(px), int(py)), radius, color, -1, cv2.LINE_AA)
        if numbers:
            font = max(0.25, min(0.45, w / 800))
            for index, (px, py) in zip(REGIONS[name], np.round(points).astype(int)):
                where = (int(px) + 2, int(py) - 2)
                cv2.putText(out, str(index), where, cv2.FONT_HERSHEY_SIMPLEX, font, (0, 0, 0), 2, cv2.LINE_AA)
                cv2.putText(out, str(index), where, cv2.FONT_HERSHEY_SIMPLEX, font, (255, 255, 255), 1, cv2.LINE_AA)
    return out


def scale_face(face: Face, factor: float, offset: tuple[float, float] = (0.0, 0.0)) -> Face:
    """The same face in an image that was shifted by ``-offset`` and then resized by ``factor``."""
    ox, oy = offset
    x, y, w, h = face.box
    box = (round((x - ox) * factor), round((y - oy) * factor), round(w * factor), round(h * factor))
    points = (face.landmarks - np.array([ox, oy])) * factor
    return Face(box=box, landmarks=points, score=face.score)


def fit_for_display(image: np.ndarray, found: Sequence[Face], max_side: int) -> tuple[np.ndarray, list[Face]]:
    """Shrink an image (and its faces) so the longest side is at most ``max_side`` pixels; smaller ones stay."""
    factor = resize_factor(image.shape, max_side, enlarge=False)
    if factor >= 1.0:
        return image, list(found)
    small = resize_longest(image, max_side)
    return small, [scale_face(face, small.shape[1] / image.shape[1]) for face in found]


def zoom_on(image: np.ndarray, face: Face | Sequence[Face], max_side: int, margin: float = 0.35) -> tuple[np.ndarray, Face | list[Face]]:
    """A crop around one face, or around all of several, resized to ``max_side``; and the face(s) in it.

    The crop is the smallest rectangle holding every face's window
    (``faces.face_window`` with ``margin``), so no face found is left out of a
    zoom. Returns (RGB uint8 array, the face moved into it), or a list of faces
    when ``face`` is a list. Raises ``WrongShape`` for something that is not an
    image, a face found in another image or an empty list, and ``OutOfRange``
    for a ``max_side`` under 1.
    """
    image = as_rgb(image)
    several = not isinstance(face, Face)
    found = list(face) if several and isinstance(face, (list, tuple)) else [face]
    if not found:
        raise WrongShape("zoom_on needs at least one face, got an empty list.")
    for one in found:
        check_face(one, image.shape)
    if not max_side >= 1:
        raise OutOfRange(f"max_side must be at least 1 pixel, got {max_side!r}.")
    windows = np.array([face_window(one, image.shape, margin) for one in found])
    x0, y0 = windows[:, :2].min(axis=0)
    x1, y1 = windows[:, 2:].max(axis=0)
    crop = image[y0:y1, x0:x1]
    zoomed = resize_longest(crop, max_side)
    moved = [scale_face(one, zoomed.shape[1] / crop.shape[1], (x0, y0)) for one in found]
    return zoomed, (moved if several else moved[0])
