"""Checks for lesson 02, "Faces as data".

Each check runs the learner's function on the course's real portraits and says
what was expected, what was found, and, for the usual slips, what to change:

* ``channel_means(mean_color)``: the average red, green and blue of an image;
* ``mouth_crop(crop_mouth)``: the mouth cut out with slicing, from its landmarks;
* ``eye_distance(distance_between_eyes)``: pixels between the two eye centres;
* ``align_by_eyes(level_eyes)``: the photo rotated so the eyes are level.

Learners get fresh copies of every image and face, so a function that changes
its inputs cannot spoil the next check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from ... import data, faces
from ...faces import Face
from .feedback import Feedback, borrowed, call, check, failed, numbers, passed

__all__ = ["align_by_eyes", "channel_means", "eye_distance", "mouth_crop"]


# ------------------------------------------------------------------ fixtures


@cache
def _image(name: str, variant: str = "original") -> np.ndarray:
    image = data.portrait_variant(name, variant) if name in ("hopper", "collins") else data.photo(name)
    image.setflags(write=False)
    return image


@cache
def _face(name: str, variant: str = "original") -> Face:
    if variant == "original" and name in ("hopper", "collins"):
        return data.portrait_face(name)
    return faces.largest_face(_image(name, variant))


def _fresh(name: str, variant: str = "original") -> tuple[np.ndarray, Face]:
    """Copies the learner may change freely."""
    face = _face(name, variant)
    return _image(name, variant).copy(), Face(box=face.box, landmarks=face.landmarks.copy(), score=face.score)


def _fmt(values: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:.1f}" for v in values) + ")"


# ----------------------------------------------------------- channel means


@check
def channel_means(mean_color: Callable[[np.ndarray], Any]) -> Feedback:
    """Check ``mean_color(image)``: the mean of the red, green and blue channels, in that order."""
    swatch = np.zeros((40, 60, 3), np.uint8)
    swatch[:] = (200, 120, 30)  # an orange: red high, blue low
    cases = [("an orange test swatch", swatch), ("the Hopper portrait", _image("hopper")), ("the coffee photo", _image("coffee"))]
    for what, image in cases:
        expected = image.reshape(-1, 3).mean(axis=0)
        result = numbers(call(mean_color, image.copy(), name="mean_color"), flat=True)
        if result is None:
            return failed("mean_color should return three numbers (red, green, blue).", f"On {what} it returned something that is not numbers.")
        if result.size == 1:
            return failed(
                f"On {what} you returned one number ({result[0]:.1f}); expected three: red, green, blue.",
                "image.mean() averages everything; image.mean(axis=(0, 1)) averages over rows and columns only, one mean per channel.",
            )
        if result.size != 3:
            return failed(
                f"On {what} you returned {result.size} numbers; expected 3.",
                f"The image has shape {image.shape}: axis 0 is rows, axis 1 is columns, axis 2 the three channels. Average over axes 0 and 1 together: image.mean(axis=(0, 1)).",
            )
        if np.allclose(result, expected, atol=0.5):
            continue
        if np.allclose(result, expected[::-1], atol=0.5):
            return failed(
                f"On {what} the numbers are right but in blue, green, red order.",
                "Our images are RGB: channel 0 is red, 1 green, 2 blue (OpenCV's own files use BGR).",
            )
        if np.allclose(result * 255.0, expected, atol=0.6):
            return failed(f"On {what} your means are on a 0-1 scale; expected 0-255.", "Leave the pixel values as they are: no division by 255.")
        return failed(
            f"On {what} expected about {_fmt(expected)}, got {_fmt(result)}.",
            "Use the mean over all pixels of each channel: image.mean(axis=(0, 1)).",
        )
    hopper = _image("hopper").reshape(-1, 3).mean(axis=0)
    return passed(
        "Well done: mean_color gives one mean per channel.",
        f"The Hopper portrait averages red {hopper[0]:.0f}, green {hopper[1]:.0f}, blue {hopper[2]:.0f}: the blue background and dark uniform pull blue up.",
    )


# ----------------------------------------------------------------- mouth crop


def _expected_mouth_box(face: Face, margin: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the mouth landmarks' bounding box plus a margin, clipped to the image."""
    points = face.region("mouth")
    x0, y0 = np.floor(points.min(axis=0)).astype(int) - margin
    x1, y1 = np.ceil(points.max(axis=0)).astype(int) + margin + 1
    height, width = shape[:2]
    return max(0, x0), max(0, y0), min(width, x1), min(height, y1)


def _find_crop(image: np.ndarray, crop: np.ndarray, x0: int, y0: int, slack: int = 3) -> tuple[int, int] | None:
    """Where the crop sits in the image, searched within ``slack`` pixels of (x0, y0)."""
    height, width = crop.shape[:2]
    for dy in range(-slack, slack + 1):
        for dx in range(-slack, slack + 1):
            x, y = x0 + dx, y0 + dy
            if x < 0 or y < 0 or y + height > image.shape[0] or x + width > image.shape[1]:
                continue
            if np.array_equal(image[y : y + height, x : x + width], crop):
                return x, y
    return None


@check
def mouth_crop(crop_mouth: Callable[..., Any]) -> Feedback:
    """Check ``crop_mouth(image, face, margin)``: the box around landmarks 48-67, plus a margin, cut out by slicing."""
    cases = [("hopper", "original", 10), ("collins", "original", 4), ("collins", "close_crop", 80)]
    for name, variant, margin in cases:
        image, face = _fresh(name, variant)
        what = f"the {name.title()} portrait" + ("" if variant == "original" else f" ({variant.replace('_', ' ')})")
        result = call(crop_mouth, image, face, margin, name="crop_mouth")
        x0, y0, x1, y1 = _expected_mouth_box(face, margin, image.shape)
        expected = (y1 - y0, x1 - x0)
        if not isinstance(result, np.ndarray):
            return failed(f"crop_mouth should return an image array; it returned {type(result).__name__}.", "Return image[y0:y1, x0:x1].")
        if result.ndim != 3 or result.shape[2] != 3:
            return failed(
                f"On {what} the crop has shape {result.shape}; expected (rows, columns, 3).",
                "Slice only rows and columns and keep all three colour channels: image[y0:y1, x0:x1].",
            )
        if result.size == 0:
            return failed(
                f"On {what} the crop is empty (shape {result.shape}).",
                "Check the order: image[y_min:y_max, x_min:x_max], rows (y) first, smaller number first. A negative start counts from the far edge: use max(0, ...).",
            )
        size = result.shape[:2]
        close = abs(size[0] - expected[0]) <= 3 and abs(size[1] - expected[1]) <= 3
        if close and _find_crop(image, result, x0, y0) is not None:
            continue
        if abs(size[0] - expected[1]) <= 3 and abs(size[1] - expected[0]) <= 3 and expected[0] != expected[1]:
            return failed(
                f"On {what} the crop is {size[0]} x {size[1]} pixels, but expected {expected[0]} x {expected[1]}: x and y look swapped.",
                "An image is indexed image[row, column], which is image[y, x].",
            )
        if abs(size[0] - (expected[0] - 2 * margin)) <= 3 and abs(size[1] - (expected[1] - 2 * margin)) <= 3:
            return failed(
                f"On {what} with margin={margin} the crop is {size[0]} x {size[1]}; expected {expected[0]} x {expected[1]}.",
                "Did you add the margin? Subtract it from the smallest x and y and add it to the largest.",
            )
        if close:
            return failed(
                f"On {what} the crop has the right size but comes from the wrong place.",
                f"Expected it to start at x={x0}, y={y0} (the smallest mouth x and y minus the margin, at least 0).",
            )
        return failed(
            f"On {what} with margin={margin} expected a crop of {expected[0]} x {expected[1]} pixels (rows {y0}-{y1}, columns {x0}-{x1}); got {size[0]} x {size[1]}.",
            "Take the min and max of the mouth points' x (column 0) and y (column 1), widen by the margin, keep the start at least 0, then slice image[y0:y1, x0:x1].",
        )
    return passed(
        "Well done: crop_mouth cuts out the mouth on both portraits, even where the margin runs off the edge.",
        "Landmarks turn 'the mouth' into numbers you can slice with; lesson 03 uses the same idea to swap it.",
    )


# --------------------------------------------------------------- eye distance


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.hypot(*(np.asarray(b) - np.asarray(a))))


@check
def eye_distance(distance_between_eyes: Callable[[Face], Any]) -> Feedback:
    """Check ``distance_between_eyes(face)``: the distance in pixels between the two eye centres."""
    found = []
    for name, variant in [("hopper", "original"), ("collins", "original"), ("hopper", "tilted")]:
        _, face = _fresh(name, variant)
        what = f"the {name.title()} portrait" + (" (tilted)" if variant == "tilted" else "")
        result = numbers(call(distance_between_eyes, face, name="distance_between_eyes"), flat=True)
        if result is None or result.size != 1:
            return failed(
                "distance_between_eyes should return one number (a distance in pixels).",
                f"On {what} it returned {'something that is not a number' if result is None else f'{result.size} numbers'}. "
                "The distance between points (x1, y1) and (x2, y2) is sqrt((x2 - x1)**2 + (y2 - y1)**2).",
            )
        value = float(result[0])
        left, right = face.eye_centers
        expected = _distance(left, right)
        if abs(value - expected) <= 0.5:
            found.append((what, value))
            continue
        points = face.landmarks
        if abs(value - _distance(points[36], points[45])) <= 0.5:
            hint = "That is the distance between the outer eye corners (points 36 and 45); use the centres: the mean of each eye's six points."
        elif abs(value - _distance(points[39], points[42])) <= 0.5:
            hint = "That is the distance between the inner eye corners (points 39 and 42); use the centres: the mean of each eye's six points."
        elif abs(value - abs(right[0] - left[0])) <= 0.5:
            hint = "That is only the horizontal distance; when the head is tilted the eyes differ in y too. Use both: np.hypot(dx, dy)."
        elif abs(value - expected**2) <= 1.0:
            hint = "That is the squared distance: take the square root."
        else:
            hint = "Use face.eye_centers (or the mean of points 36-41 and of 42-47), then np.hypot(dx, dy)."
        return failed(f"On {what} expected {expected:.1f} pixels between the eye centres, got {value:.1f}.", hint)
    ratio = found[0][1] / found[1][1]
    return passed(
        "Well done: distance_between_eyes measures the eye centres on all three faces.",
        f"Hopper's eyes are {found[0][1]:.0f} px apart, Collins's {found[1][1]:.0f} px: {ratio:.1f} times as far. "
        "Pixels measure the photo, not the person; that is why faces are scaled to the same eye distance before comparing them.",
    )


# ------------------------------------------------------------- align by eyes


def _eye_angle(face: Face) -> float:
    """Angle of the eye line in degrees (0 = level; positive = the eye on the photo's right is lower)."""
    (x1, y1), (x2, y2) = face.eye_centers
    return float(np.degrees(np.arctan2(y2 - y1, x2 - x1)))


@check
def align_by_eyes(level_eyes: Callable[[np.ndarray, Face], Any]) -> Feedback:
    """Check ``level_eyes(image, face)``: the image rotated (same size) so the eyes are level within 2 degrees."""
    if (copied := borrowed(level_eyes, {"align_face": "faces.align_face", "aligned_face": "faces.aligned_face"})) is not None:
        return copied
    angles = []
    for name in ("hopper", "collins"):
        image, face = _fresh(name, "tilted")
        before = _eye_angle(face)
        what = f"the tilted {name.title()} portrait"
        result = call(level_eyes, image.copy(), face, name="level_eyes")
        if not isinstance(result, np.ndarray):
            return failed(f"level_eyes should return an image array; it returned {type(result).__name__}.", "Return the output of cv2.warpAffine.")
        if result.shape != image.shape:
            return failed(
                f"On {what} the result has shape {result.shape}; expected the same shape as the input, {image.shape}.",
                "Give cv2.warpAffine the size as (width, height): (image.shape[1], image.shape[0]).",
            )
        if result.dtype != np.uint8:
            return failed(f"On {what} the result has dtype {result.dtype}; expected uint8 (0-255).", "cv2.warpAffine keeps uint8; avoid converting to float.")
        if np.array_equal(result, image):
            return failed(f"On {what} the image came back unchanged; its eyes are tilted by {before:.1f} degrees.", "Rotate it with cv2.getRotationMatrix2D and cv2.warpAffine.")
        found = faces.detect_faces(result)
        if not found:
            return failed(
                f"No face could be found in your result for {what}.",
                "Rotate about the point between the eyes, with scale 1.0, so the face stays in the picture.",
            )
        after = _eye_angle(found[0])
        if abs(after) <= 2.0:
            size = _distance(*found[0].eye_centers) / _distance(*face.eye_centers)
            if not 0.92 <= size <= 1.08:
                return failed(
                    f"On {what} the eyes are level, but the face is {size:.2f} times its size: the rotation scaled it too.",
                    "Give cv2.getRotationMatrix2D a scale of 1.0: levelling the eyes should turn the photo, not zoom it.",
                )
            moved = _distance(np.mean(found[0].eye_centers, axis=0), np.mean(face.eye_centers, axis=0))
            if moved > 12:
                return failed(
                    f"On {what} the eyes are level, but the point between them moved {moved:.0f} pixels.",
                    "Rotate about the point between the eyes (the centre you give cv2.getRotationMatrix2D), so the face stays where it was.",
                )
            angles.append((name, before, after))
            continue
        if abs(after - 2 * before) <= 3.0:
            hint = "It turned the wrong way and doubled the tilt: flip the sign of the angle."
        elif abs(after - before) <= 2.0:
            hint = "The tilt did not change: is the angle in degrees (np.degrees) rather than radians?"
        else:
            hint = "angle = np.degrees(np.arctan2(dy, dx)) from the left-hand eye to the right-hand eye; rotate by that angle."
        return failed(f"On {what} the eyes were tilted {before:.1f} degrees before and {after:.1f} after; expected under 2.", hint)
    summary = "; ".join(f"{n.title()}: {b:.1f} -> {a:.1f} degrees" for n, b, a in angles)
    return passed(
        "Well done: level_eyes straightens both tilted portraits (checked by finding the face again).",
        summary + ". faces.align_face does the same and also scales and crops, so every face lands in the same place.",
    )
