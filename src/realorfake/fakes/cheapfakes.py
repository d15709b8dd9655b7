"""Cheapfakes: simple fakes made with plain image editing, for Lesson 01's warm-up quiz.

None of these needs a neural network, and none is a face swap (that comes in
Lesson 03). Each stands for a manipulation that is common in the real world, and
each returns an RGB uint8 image that already carries the visible SYNTHETIC badge
(see :mod:`realorfake.label`); save it with ``label.save_fake(image, path,
method=...)`` using the method name given in its docstring.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from .. import data
from ..errors import CourseError, FaceCutOff, ImageTooSmall, OutOfRange, UnknownName, WrongShape, check_number
from ..faces import Face, check_inside, find_face
from ..images import as_rgb, load_image
from ..label import add_badge, badge_height
from . import swap
from .registry import example

# ---------------------------------------------------------------- average face


def average_face(faces: np.ndarray | Sequence[np.ndarray] | None = None, size: int = 200) -> np.ndarray:
    """The pixel mean of many aligned face photos, enlarged to ``size`` x ``size``: a person who does not exist.

    ``faces`` is a stack (n, h, w) or (n, h, w, 3) or a list of same-sized images;
    by default the 100 small faces of ``data.lfw_subset()``. Averaging faces is the
    oldest way to make a "face of nobody" (Galton's composite portraits, 1878) and
    averages look unusually smooth, symmetric and attractive. Method "average_face".
    """
    stack = _face_stack(data.lfw_subset() if faces is None else faces)
    if not isinstance(size, (int, np.integer)) or not 32 <= size <= 2000:
        raise OutOfRange(f"size must be a whole number of pixels from 32 to 2000 (got {size!r}).")
    mean = stack.astype(np.float32).mean(axis=0)
    # Stretch the contrast a little: averaging washes it out.
    low, high = np.percentile(mean, (1, 99))
    mean = np.clip((mean - low) / max(high - low, 1e-6) * 255.0, 0, 255)
    big = cv2.resize(mean, (int(size), int(size)), interpolation=cv2.INTER_CUBIC)
    rgb = np.clip(big + 0.5, 0, 255).astype(np.uint8)
    if rgb.ndim == 2:
        rgb = np.repeat(rgb[:, :, None], 3, axis=2)
    return add_badge(rgb)


def _face_stack(faces) -> np.ndarray:
    """Faces as one (n, h, w) or (n, h, w, 3) uint8 stack; ``WrongShape`` when they do not fit together."""
    if isinstance(faces, np.ndarray) and faces.ndim in (3, 4) and faces.dtype != object:
        items = list(faces)  # (n, h, w): grayscale faces; (n, h, w, c): colour faces
    elif isinstance(faces, (list, tuple)):
        items = [np.asarray(item) for item in faces]
    else:
        raise WrongShape(f"average_face() needs a stack (n, h, w) or (n, h, w, 3), or a list of same-sized face images; got {type(faces).__name__} of shape {np.shape(faces)}.")
    if len(items) < 2:
        raise WrongShape(f"average_face() needs at least 2 faces to average (got {len(items)}).")
    if any(min(np.shape(item)[:2], default=0) < 8 for item in items):
        raise WrongShape("Each face must be an image at least 8 x 8 pixels.")
    gray = all(item.ndim == 2 for item in items)
    loaded = [load_image(item) for item in items]
    shapes = sorted({item.shape[:2] for item in loaded})
    if len(shapes) != 1:
        raise WrongShape(f"All faces must have the same size to be averaged; got sizes {shapes}.")
    stack = np.stack(loaded)
    return stack[..., 0] if gray else stack


# ---------------------------------------------------------------- mirror face


def mirror_face(image, face: Face | None = None, *, keep: str = "left", upsample: int | None = None) -> np.ndarray:
    """Make a face perfectly symmetric: mirror one half of the photo about the vertical
    line through the midpoint between the eyes.

    ``keep`` is the half of the photo that is kept and mirrored ("left" or "right").
    Real faces are rarely this symmetric; "perfect symmetry" edits and beauty
    filters are common. Only pixels of the photo are used: columns whose mirror
    image would lie past the photo's edge keep their own pixels, and a face cut
    by the edge raises ``FaceCutOff``. ``face``: a face already found (else the
    largest, with ``upsample``). Method "mirror_face".
    """
    rgb = as_rgb(image)
    if keep not in ("left", "right"):
        raise UnknownName(f"keep must be 'left' or 'right' (got {keep!r}).")
    face = check_inside(find_face(rgb, face, upsample=upsample, what="the image given to mirror_face"), rgb.shape, "the image given to mirror_face")
    axis2 = mirror_axis(face)  # twice the axis column, a whole number: exact pixel mirroring
    width = rgb.shape[1]
    columns = np.arange(width)
    source = axis2 - columns  # the mirror image of each column
    replace = columns * 2 > axis2 if keep == "left" else columns * 2 < axis2
    replace &= (source >= 0) & (source < width)  # only columns whose mirror image is in the photo: nothing invented
    out = rgb.copy()
    out[:, columns[replace]] = rgb[:, source[replace]]
    return add_badge(out)


def mirror_axis(face: Face) -> int:
    """Twice the x coordinate of the mirror line (midway between the eyes), rounded to a whole number.

    Column ``c`` is mirrored onto column ``mirror_axis(face) - c``.
    """
    left, right = face.eye_centers
    return int(round(float(left[0] + right[0])))


# ----------------------------------------------------------------- copy-move


def copy_move(image, seed: int = 0, *, patch: float = 0.22, feather: float = 0.2) -> np.ndarray:
    """Copy a patch of a photo and paste it elsewhere in the same photo, with a feathered edge.

    A detailed patch is chosen as the source and pasted where the surroundings have a
    similar colour, so the seam hides (``seed`` picks the places). Copy-move is the
    classic "cheapfake" splice: doubling a crowd, a plume of smoke or a missile, or
    covering something up with a copy of the background. Method "copy_move".
    """
    rgb = as_rgb(image)
    height, width = rgb.shape[:2]
    patch = check_number(patch, "patch (a fraction of the image size)", 0.05, 0.45)
    feather = check_number(feather, "feather", 0.0, 1.0)
    seed = int(check_number(seed, "seed", 0, 2**32 - 1))
    usable = height - badge_height(height)  # keep the pasted patch clear of the badge
    side = int(round(min(usable, width) * float(patch)))
    if side < 12 or usable < 2 * side or width < 2 * side:
        raise ImageTooSmall(f"The image ({width} x {height}) is too small to copy a patch around; use one at least 128 pixels wide.")
    rng = np.random.default_rng(seed)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    corners = np.stack([rng.integers(0, usable - side + 1, 24), rng.integers(0, width - side + 1, 24)], axis=1)
    detail = [float(gray[y : y + side, x : x + side].std()) for y, x in corners]
    sy, sx = corners[int(np.argmax(detail))]
    src_ring = _ring_color(rgb, sy, sx, side)
    best, destination = np.inf, None
    for _ in range(48):
        dy, dx = int(rng.integers(0, usable - side + 1)), int(rng.integers(0, width - side + 1))
        if abs(dy - sy) < side and abs(dx - sx) < side:
            continue  # must not overlap the source
        distance = float(np.abs(_ring_color(rgb, dy, dx, side) - src_ring).sum())
        if distance < best:
            best, destination = distance, (dy, dx)
    if destination is None:
        raise ImageTooSmall(f"Could not find room for a second patch in a {width} x {height} image.")
    dy, dx = destination
    mask = _feathered_square(side, float(feather))
    region = rgb[dy : dy + side, dx : dx + side].astype(np.float32)
    pasted = rgb[sy : sy + side, sx : sx + side].astype(np.float32)
    out = rgb.copy()
    out[dy : dy + side, dx : dx + side] = np.clip(mask * pasted + (1 - mask) * region + 0.5, 0, 255).astype(np.uint8)
    return add_badge(out)


def _ring_color(rgb: np.ndarray, y: int, x: int, side: int) -> np.ndarray:
    """Mean colour of the border pixels of a square patch (what the seam must match)."""
    block = rgb[y : y + side, x : x + side].astype(np.float32)
    ring = np.concatenate([block[0], block[-1], block[:, 0], block[:, -1]])
    return ring.mean(axis=0)


def _feathered_square(side: int, feather: float) -> np.ndarray:
    """A (side, side, 1) mask: 1 in the middle, fading smoothly to 0 at the edges."""
    ramp = max(1, int(round(side * feather)))
    distance = np.minimum(np.arange(side), np.arange(side)[::-1]).astype(np.float32)
    edge = np.clip(distance / ramp, 0, 1)
    edge = edge * edge * (3 - 2 * edge)  # smoothstep
    return (np.minimum.outer(edge, edge))[:, :, None]


# -------------------------------------------------------------- feature paste


def feature_paste(
    source,
    target,
    *,
    source_face: Face | None = None,
    target_face: Face | None = None,
    upsample: int | None = None,
) -> np.ndarray:
    """Paste the eyes and eyebrows of ``source`` onto the face in ``target``.

    The source is aligned to the target with a similarity transform (rotation,
    scale, shift) fitted to the eye and eyebrow landmarks, its colours are matched
    to the target's skin, and it is blended in through a feathered mask. Pasting a
    feature from another photo is the hand-made ancestor of the face swap.
    Method "feature_paste". ``source_face`` / ``target_face``: faces already
    found (else the largest, with ``upsample`` for small faces). Only pixels of
    the source photo are pasted: ``FaceCutOff`` when its eyes are cut off by its edge.
    """
    src = as_rgb(source)
    dst = as_rgb(target)
    source_face = find_face(src, source_face, upsample=upsample, what="the source image of feature_paste")
    target_face = find_face(dst, target_face, upsample=upsample, what="the target image of feature_paste")
    matrix, _ = cv2.estimateAffinePartial2D(
        source_face.region("eyebrows", "eyes").astype(np.float32),
        target_face.region("eyebrows", "eyes").astype(np.float32),
        method=cv2.LMEDS,
    )
    if matrix is None:
        raise CourseError("Could not line up the two faces' eyes; try photos where both faces look at the camera.")
    height, width = dst.shape[:2]
    warped = cv2.warpAffine(src, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    white = np.full(src.shape[:2], 255, dtype=np.uint8)
    covered = cv2.warpAffine(white, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0) == 255
    eye_distance = target_face.eye_distance
    full = swap.face_mask(target_face.region("eyebrows", "eyes"), dst.shape, erode=-max(1, round(0.12 * eye_distance)), feather=0.08 * eye_distance)
    mask = full * cv2.erode(covered.astype(np.uint8), np.ones((3, 3), np.uint8))
    if (mask > 0.5).sum() < 0.9 * (full > 0.5).sum():
        raise FaceCutOff("The eyes in the source image of feature_paste are cut off by the edge of its photo. Use a photo that shows the whole face.")
    warped = swap.transfer_color(warped, dst, mask)
    return add_badge(swap.blend_images(warped, dst, mask, "feather"))


# ------------------------------------------------------------------ examples


@example("average_face", method="average_face")
def _example_average() -> np.ndarray:
    return average_face()


@example("mirror_face", method="mirror_face")
def _example_mirror() -> np.ndarray:
    return mirror_face(data.portrait("hopper"), data.portrait_face("hopper"))


@example("copy_move", method="copy_move")
def _example_copy_move() -> np.ndarray:
    return copy_move(data.photo("rocket"))


@example("feature_paste", method="feature_paste")
def _example_feature_paste() -> np.ndarray:
    return feature_paste(
        data.portrait("collins"),
        data.portrait("hopper"),
        source_face=data.portrait_face("collins"),
        target_face=data.portrait_face("hopper"),
    )


__all__ = ["average_face", "copy_move", "feature_paste", "mirror_axis", "mirror_face"]
