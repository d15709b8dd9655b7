"""Close-ups: the eyes, mouth, face edge and hairline, every pixel enlarged."""

from __future__ import annotations

import numpy as np

from ..errors import check_number
from ..faces import Face, check_face
from ..images import ImageSource, as_rgb

#: The close-ups of :func:`zoom_regions`, in order.
ZOOM_REGIONS = ("eyes", "mouth", "face_edge", "hairline")


def _clip_box(x0: float, y0: float, x1: float, y1: float, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    height, width = shape[:2]
    left, top = int(np.clip(np.floor(x0), 0, width - 1)), int(np.clip(np.floor(y0), 0, height - 1))
    right, bottom = int(np.clip(np.ceil(x1), left + 1, width)), int(np.clip(np.ceil(y1), top + 1, height))
    return left, top, right - left, bottom - top


def zoom_boxes(face: Face, shape: tuple[int, ...]) -> dict[str, tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the close-ups, from the landmarks, clipped to an image of ``shape``.

    eyes: both eyes and eyebrows (glasses, glare, reflections); mouth: lips and
    teeth; face_edge: the cheek outline on the left of the photo, half skin and
    half background (seams, warped edges); hairline: the forehead above the
    eyebrows (hair, hat, where the swapped face ends).
    """
    check_face(face, shape)
    eye = max(face.eye_distance, 1.0)
    pad = 0.15 * eye
    boxes = {}
    eyes = face.region("brows_nose_eyes")
    boxes["eyes"] = (eyes[:, 0].min() - pad, eyes[:, 1].min() - pad, eyes[:, 0].max() + pad, face.region("nose")[2, 1])
    mouth = face.region("mouth")
    boxes["mouth"] = (mouth[:, 0].min() - pad, mouth[:, 1].min() - pad, mouth[:, 0].max() + pad, mouth[:, 1].max() + pad)
    cx, cy = face.region("jaw")[2]  # the jaw outline on the left of the photo, level with the nose
    half = 0.3 * eye
    boxes["face_edge"] = (cx - half, cy - half, cx + half, cy + half)
    brows = face.region("eyebrows")
    top = brows[:, 1].min()
    boxes["hairline"] = (brows[:, 0].min() - pad, top - 0.8 * eye, brows[:, 0].max() + pad, top + 0.15 * eye)
    return {name: _clip_box(*box, shape) for name, box in boxes.items()}


def zoom_regions(image: ImageSource, face: Face, size: int = 160) -> dict[str, np.ndarray]:
    """Close-ups of the eyes, mouth, face edge and hairline, for inspection by eye.

    Returns a dict (keys ``ZOOM_REGIONS``) of RGB uint8 crops enlarged by a whole
    factor with nearest-neighbour sampling, so the longest side is about
    ``size``: every original pixel becomes a visible square, with no smoothing
    that could hide (or invent) a trace. Look for glasses cut off, doubled or
    missing glare in the eyes, blurred or merged teeth, a step or colour change at
    the face edge, and hair or a forehead that does not fit the face.

    Fails when: the face is small (a 20-pixel mouth cannot show teeth) or the
    photo is heavily compressed (blocks look like traces); the boxes come from
    the landmarks, so a badly placed landmark gives a badly placed box.
    """
    rgb = as_rgb(image)
    size = int(check_number(size, "size", 16, 4096))
    crops = {}
    for name, (x, y, w, h) in zoom_boxes(face, rgb.shape).items():
        crop = rgb[y : y + h, x : x + w]
        factor = max(1, int(round(size / max(w, h))))
        crop = np.ascontiguousarray(np.repeat(np.repeat(crop, factor, axis=0), factor, axis=1))
        crops[name] = crop
    return crops
