"""The classic landmark face swap, step by step: triangles, warp, mask, colour, blend.

The steps, each a small function a lesson can show as a picture:

1. :func:`triangulate` the target's 68 landmarks (Delaunay);
2. warp the source face onto the target's geometry, triangle by triangle — the
   textbook loop :func:`warp_textbook`, or :func:`warp_fast`, which builds one
   dense map and calls ``cv2.remap`` once (same picture, several times faster);
3. :func:`face_mask` from the convex hull of the landmarks, eroded and feathered;
4. :func:`transfer_color` matches the warped face's LAB statistics to the target;
5. :func:`blend_images` by pasting, feathering, or Poisson editing (``cv2.seamlessClone``).

:func:`face_swap` runs them all and returns a labelled result with every stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from scipy.spatial import Delaunay

from ..data import portrait, portrait_face
from ..errors import CourseError, FaceCutOff, ImageTooSmall, UnknownName, WrongShape, check_number
from ..faces import Face, find_face
from ..images import ImageSource, as_rgb
from ..label import add_badge, badge_height
from .registry import example

#: Blending modes of :func:`blend_images`, and their names for people.
BLEND_MODES = ("paste", "feather", "poisson", "poisson_mixed")
BLEND_LABELS = {"paste": "paste", "feather": "feather", "poisson": "Poisson", "poisson_mixed": "Poisson (mixed)"}
#: Smallest distance between the eye centres (pixels) for a swap to make sense.
MIN_EYE_DISTANCE = 16.0


# ---------------------------------------------------------------- checking


def _points(points, name: str = "points", count: int | None = None) -> np.ndarray:
    """An (n, 2) float array of finite points, or a WrongShape that says what was given."""
    try:
        array = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise WrongShape(f"{name} must be an (n, 2) array of x, y points, not {type(points).__name__}.") from None
    if array.ndim != 2 or array.shape[1] != 2 or len(array) < 3 or not np.isfinite(array).all():
        raise WrongShape(f"{name} must be an (n, 2) array of at least 3 finite x, y points; got shape {array.shape}.")
    if count is not None and len(array) != count:
        raise WrongShape(f"{name} has {len(array)} points but {count} were expected (the two faces must match point for point).")
    return array


def _image(image, name: str) -> np.ndarray:
    """An RGB uint8 (H, W, 3) array, or a WrongShape that says what was given."""
    if not isinstance(image, np.ndarray) or image.ndim != 3 or image.shape[2] != 3 or image.shape[0] < 2 or image.shape[1] < 2:
        shape = getattr(image, "shape", type(image).__name__)
        raise WrongShape(f"{name} must be an RGB image array of shape (H, W, 3); got {shape}. Use images.load_image first.")
    return image if image.dtype == np.uint8 else as_rgb(image)


def _mask(mask, shape: tuple[int, ...]) -> np.ndarray:
    array = np.asarray(mask, dtype=np.float32)
    if array.shape != tuple(shape[:2]):
        raise WrongShape(f"The mask is {array.shape} but the image is {tuple(shape[:2])}: make the mask from the same image.")
    return array


def check_blend_mode(mode: str) -> str:
    """``mode`` when it is one of ``BLEND_MODES``; ``UnknownName`` listing them otherwise."""
    if mode not in BLEND_MODES:
        raise UnknownName(f"Unknown blend mode {mode!r}. Choose one of: {', '.join(BLEND_MODES)}.")
    return mode


# ------------------------------------------------------------ triangulation


def triangulate(points: np.ndarray) -> np.ndarray:
    """Delaunay triangles of a set of 2-D points, as an (n, 3) array of point indices."""
    points = _points(points)
    try:
        return Delaunay(points).simplices.astype(np.int32)
    except Exception:  # scipy's QhullError: all points on one line, or all the same
        raise WrongShape("These points cannot be cut into triangles: they lie on one line or on top of each other.") from None


def triangle_affines(src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """For each triangle, the 2x3 affine matrix mapping its destination corners to its source corners."""
    dst_all = _points(dst_points, "dst_points")
    src_all = _points(src_points, "src_points", count=len(dst_all))
    triangles = np.asarray(triangles)
    if triangles.ndim != 2 or triangles.shape[1] != 3 or triangles.min() < 0 or triangles.max() >= len(dst_all):
        raise WrongShape("triangles must be an (n, 3) array of point numbers, as swap.triangulate returns.")
    src, dst = src_all[triangles], dst_all[triangles]  # (n, 3, 2)
    dst_h = np.concatenate([dst, np.ones((len(triangles), 3, 1))], axis=2)  # rows (x, y, 1)
    try:  # solve dst_h @ M.T = src for every triangle at once
        solution = np.linalg.solve(dst_h, src)
    except np.linalg.LinAlgError:  # a flat triangle (two landmarks on top of each other)
        solution = np.linalg.pinv(dst_h) @ src
    return np.transpose(solution, (0, 2, 1))  # (n, 2, 3)


# ------------------------------------------------------------------- warping


def warp_triangle(source: np.ndarray, output: np.ndarray, src_tri: np.ndarray, dst_tri: np.ndarray) -> None:
    """Warp one triangle of ``source`` into ``output`` (in place): the textbook step.

    Take the bounding rectangles of both triangles, map the source rectangle onto
    the destination one with the triangle's affine transform, and copy the pixels
    inside the destination triangle.
    """
    src_tri = np.asarray(src_tri, dtype=np.float32)
    dst_tri = np.asarray(dst_tri, dtype=np.float32)
    sx, sy, sw, sh = cv2.boundingRect(src_tri)
    dx, dy, dw, dh = cv2.boundingRect(dst_tri)
    if sw == 0 or sh == 0 or dw == 0 or dh == 0:
        return
    # clip the destination rectangle to the output image
    x0, y0 = max(dx, 0), max(dy, 0)
    x1, y1 = min(dx + dw, output.shape[1]), min(dy + dh, output.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    origin = np.array([max(sx, 0), max(sy, 0)], dtype=np.float32)  # landmarks may lie just outside
    patch = source[origin[1].astype(int) : sy + sh, origin[0].astype(int) : sx + sw]
    if patch.size == 0:
        return
    matrix = cv2.getAffineTransform(src_tri - origin, dst_tri - np.float32([x0, y0]))
    # Outside the source photo there is nothing to sample: black, as in warp_fast (never a mirror image).
    warped = cv2.warpAffine(patch, matrix, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    mask = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
    cv2.fillConvexPoly(mask, np.round(dst_tri - (x0, y0)).astype(np.int32), 1)
    region = output[y0:y1, x0:x1]
    region[mask == 1] = warped[mask == 1]


def warp_textbook(source: np.ndarray, src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Piecewise-affine warp by looping over the triangles (clear, and the benchmark baseline).

    ``source`` (H, W[, C]) is warped so that ``src_points`` land on ``dst_points``
    ((n, 2), pixels) in an output of ``shape`` (H', W'), same dtype and channels;
    pixels outside every triangle, or whose source lies outside the photo, are 0.
    """
    output = np.zeros((shape[0], shape[1]) + source.shape[2:], dtype=source.dtype)
    src_points = np.asarray(src_points, dtype=np.float32)
    dst_points = np.asarray(dst_points, dtype=np.float32)
    for triangle in triangles:
        warp_triangle(source, output, src_points[triangle], dst_points[triangle])
    return output


def triangle_index_map(dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Which triangle covers each pixel (-1: none), inside the bounding box of the points.

    Returns the index map of the box and the box (x, y, w, h).
    """
    points = np.asarray(dst_points, dtype=np.float64)
    x0 = int(max(np.floor(points[:, 0].min()), 0))
    y0 = int(max(np.floor(points[:, 1].min()), 0))
    x1 = int(min(np.ceil(points[:, 0].max()) + 1, shape[1]))
    y1 = int(min(np.ceil(points[:, 1].max()) + 1, shape[0]))
    index = np.full((max(y1 - y0, 0), max(x1 - x0, 0)), -1, dtype=np.int32)
    local = np.round(points - (x0, y0)).astype(np.int32)
    for number, triangle in enumerate(triangles):
        cv2.fillConvexPoly(index, local[triangle], number)
    return index, (x0, y0, x1 - x0, y1 - y0)


def warp_fast(source: np.ndarray, src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Piecewise-affine warp with one dense map and a single ``cv2.remap``.

    Every destination pixel looks up its triangle in :func:`triangle_index_map`
    and that triangle's affine map back to the source; ``remap`` then samples the
    source once for all pixels (pixels outside every triangle map to -1: black).
    Source pixels outside the photo are black too: :func:`warp_coverage` says
    which output pixels really come from the photo. ``source`` is (H, W[, C]);
    the output has ``shape[:2]`` and the source's dtype and channels.
    """
    return warp_with_coverage(source, src_points, dst_points, triangles, shape)[0]


def _warp_maps(src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]):
    """(map_x, map_y, (x0, y0, w, h)): where each pixel of the points' box reads in the source (-1 outside every triangle)."""
    index, (x0, y0, w, h) = triangle_index_map(dst_points, triangles, shape)
    map_x = np.full((h, w), -1, dtype=np.float32)
    map_y = np.full((h, w), -1, dtype=np.float32)
    if w == 0 or h == 0:
        return map_x, map_y, (x0, y0, w, h)
    affines = triangle_affines(src_points, dst_points, triangles).astype(np.float32).reshape(-1, 6)
    rows, cols = np.nonzero(index >= 0)
    coeff = affines[index[rows, cols]]  # one row (a, b, c, d, e, f) per covered pixel
    xs, ys = (cols + x0).astype(np.float32), (rows + y0).astype(np.float32)
    map_x[rows, cols] = coeff[:, 0] * xs + coeff[:, 1] * ys + coeff[:, 2]
    map_y[rows, cols] = coeff[:, 3] * xs + coeff[:, 4] * ys + coeff[:, 5]
    return map_x, map_y, (x0, y0, w, h)


def warp_with_coverage(source: np.ndarray, src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`warp_fast` and :func:`warp_coverage` in one pass: (warped image, bool (H, W) mask of real pixels)."""
    output = np.zeros((shape[0], shape[1]) + source.shape[2:], dtype=source.dtype)
    covered = np.zeros(shape[:2], dtype=bool)
    map_x, map_y, (x0, y0, w, h) = _warp_maps(src_points, dst_points, triangles, shape)
    if w == 0 or h == 0:
        return output, covered
    output[y0 : y0 + h, x0 : x0 + w] = cv2.remap(source, map_x, map_y, interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    height, width = source.shape[:2]  # bilinear sampling reads the next pixel too: it must be in the photo
    covered[y0 : y0 + h, x0 : x0 + w] = (map_x >= 0) & (map_x <= width - 1) & (map_y >= 0) & (map_y <= height - 1)
    return output, covered


def warp_coverage(source_shape: tuple[int, ...], src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Where a warp has real pixels: a bool (H, W) mask of the output pixels whose source lies inside the photo.

    Outside every triangle, or past the photo's edge (a face cut off by the
    frame), the warp has nothing to show, and a swap must not blend those
    pixels in. :func:`warp_with_coverage` gives the warp and this mask in one pass.
    """
    return warp_with_coverage(np.zeros(source_shape[:2], np.uint8), src_points, dst_points, triangles, shape)[1]


# --------------------------------------------------------------------- masks


def face_mask(points: np.ndarray, shape: tuple[int, ...], *, erode: int = 0, feather: float = 0.0) -> np.ndarray:
    """Float mask in [0, 1]: the convex hull of the points, eroded by ``erode`` px, blurred by ``feather`` px.

    A negative ``erode`` grows the hull instead.
    """
    points = _points(points)
    mask = np.zeros(shape[:2], dtype=np.uint8)
    hull = cv2.convexHull(np.round(np.asarray(points)).astype(np.int32))
    cv2.fillConvexPoly(mask, hull, 255)
    if erode != 0:
        size = 2 * abs(int(erode)) + 1
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
        mask = cv2.erode(mask, kernel) if erode > 0 else cv2.dilate(mask, kernel)
    result = mask.astype(np.float32) / 255.0
    if feather > 0:
        result = np.clip(cv2.GaussianBlur(result, (0, 0), sigmaX=float(feather)), 0.0, 1.0)
    return result


# --------------------------------------------------------------------- color


def transfer_color(face: np.ndarray, target: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Match the mean and spread of each LAB channel of ``face`` to ``target``, inside the mask.

    ``face`` and ``target`` are RGB uint8 (H, W, 3) of the same size; ``mask`` is
    float (H, W) in 0-1. The statistics come from where the mask is above 0.5;
    the correction applies wherever the mask is above 0, so a feathered edge is
    corrected too (else the source's own colors show as a ring). Pixels where the
    mask is 0 are returned unchanged. The method is Reinhard et al., "Color
    transfer between images", IEEE CG&A 2001, in OpenCV's CIELAB.
    """
    face, target = _image(face, "face"), _image(target, "target")
    if face.shape != target.shape:
        raise WrongShape(f"face {face.shape} and target {target.shape} must be the same size (warp the face onto the target first).")
    weights = _mask(mask, face.shape)
    inside = weights > 0.5
    touched = weights > 0
    if inside.sum() < 10:
        return face.copy()
    x, y, w, h = cv2.boundingRect(touched.astype(np.uint8))  # convert only the part the mask touches
    box = (slice(y, y + h), slice(x, x + w))
    inside, touched = inside[box].astype(np.uint8), touched[box]
    face_lab = cv2.cvtColor(face[box].astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    target_lab = cv2.cvtColor(target[box].astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    face_mean, face_spread = (v.ravel() for v in cv2.meanStdDev(face_lab, mask=inside))
    target_mean, target_spread = (v.ravel() for v in cv2.meanStdDev(target_lab, mask=inside))
    # A flat channel (a grayscale face has no colour spread) is shifted, not stretched.
    scale = np.where(face_spread > 1e-3, target_spread / np.maximum(face_spread, 1e-3), 1.0)
    corrected = ((face_lab - face_mean.astype(np.float32)) * scale.astype(np.float32) + target_mean.astype(np.float32)).astype(np.float32)
    rgb = cv2.cvtColor(corrected, cv2.COLOR_LAB2RGB)
    out = face.copy()
    out[box][touched] = np.clip(rgb[touched] * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return out


# ------------------------------------------------------------------ blending


def blend_images(face: np.ndarray, target: np.ndarray, mask: np.ndarray, mode: str = "poisson") -> np.ndarray:
    """Combine the warped face with the target: ``paste``, ``feather``, ``poisson`` or ``poisson_mixed``.

    The result is a finished fake, so it carries the SYNTHETIC badge.
    """
    check_blend_mode(mode)
    face, target = _image(face, "face"), _image(target, "target")
    if face.shape != target.shape:
        raise WrongShape(f"face {face.shape} and target {target.shape} must be the same size (warp the face onto the target first).")
    weights = _mask(mask, target.shape)
    if not (weights > 0.5).any():
        raise CourseError("The mask is empty: nothing would be blended, and a real photo must never come back labelled as a fake. Make the mask from the target's face, with some of it above 0.5.")
    return add_badge(_blend(face, target, weights, mode))


def _blend(face: np.ndarray, target: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    if mode == "paste":
        return np.where((mask > 0.5)[..., None], face, target)
    if mode == "feather":
        alpha = np.clip(mask, 0, 1)[..., None]
        return (face * alpha + target * (1 - alpha) + 0.5).astype(np.uint8)
    # Poisson editing: pad so the mask never touches the border, as seamlessClone requires.
    pad = 8
    binary = ((mask > 0.5) * 255).astype(np.uint8)
    if binary.max() == 0:
        return target.copy()
    padded = [cv2.copyMakeBorder(a, pad, pad, pad, pad, cv2.BORDER_REFLECT_101) for a in (face, target)]
    padded_mask = cv2.copyMakeBorder(binary, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    x, y, w, h = cv2.boundingRect(padded_mask)
    centre = (x + w // 2, y + h // 2)
    flag = cv2.NORMAL_CLONE if mode == "poisson" else cv2.MIXED_CLONE
    try:
        cloned = cv2.seamlessClone(padded[0], padded[1], padded_mask, centre, flag)
    except cv2.error:
        raise CourseError("Poisson blending failed on this mask (it is too small or too thin): lower erode or feather, or use blend='feather'.") from None
    return cloned[pad:-pad, pad:-pad]


def open_mouth_mask(face: Face, shape: tuple[int, ...]) -> np.ndarray:
    """Float mask of the gap between the inner lips (all zero when the mouth is closed)."""
    inner = face.region("inner_lips")
    mask = np.zeros(shape[:2], dtype=np.uint8)
    if cv2.contourArea(inner.astype(np.float32)) < 4.0:
        return mask.astype(np.float32)
    cv2.fillPoly(mask, [np.round(inner).astype(np.int32)], 255)
    return mask.astype(np.float32) / 255.0


# ---------------------------------------------------------------- the swap


@dataclass
class SwapResult:
    """A face swap and every stage that made it (for teaching). ``image`` carries the SYNTHETIC badge."""

    image: np.ndarray
    mask: np.ndarray
    triangles: np.ndarray
    warped: np.ndarray
    corrected: np.ndarray
    source_face: Face
    target_face: Face
    blend: str
    notes: list[str] = field(default_factory=list)  # options this face could not take as given


def fit_mask_options(reach: float, erode: int, soft: float) -> tuple[int, float, list[str]]:
    """``erode`` (px) and blur ``soft`` (px) scaled down to what a mask reaching ``reach`` px allows, and notes saying so.

    The blur may be at most a sixth of ``reach``; after erosion and twice the
    blur, at least ``max(3, reach / 4, 1.8 x blur)`` px must remain, so that the
    blurred mask still covers the middle of the face. Values within the limits
    are returned unchanged with no note.
    """
    notes = []
    most_soft = reach / 6
    if soft > most_soft:
        notes.append(f"feather {soft:g} px is more than this face allows (its mask reaches {reach:.0f} px): {most_soft:.0f} px was used.")
        soft = float(int(most_soft))
    keep = max(3.0, 0.25 * reach, 1.8 * soft)
    most_erode = int(reach - keep) - int(np.ceil(2 * soft))
    if erode > most_erode:
        notes.append(f"erode {erode} px would leave almost nothing of this face's mask (it reaches {reach:.0f} px): {most_erode} px was used.")
        erode = most_erode
    return erode, soft, notes


def check_face_size(face: Face, what: str) -> None:
    """Raise ``ImageTooSmall`` (saying what to do) when the eyes of ``face`` are under ``MIN_EYE_DISTANCE`` px apart."""
    distance = face.eye_distance
    if distance < MIN_EYE_DISTANCE:
        raise ImageTooSmall(
            f"The face in {what} is too small to swap (eyes {distance:.0f} px apart; need at least {MIN_EYE_DISTANCE:.0f}). Use a photo in which the face is larger: enlarging this one adds no detail."
        )


def mask_limits(face: Face, shape: tuple[int, ...]) -> float:
    """How far (px) the mask of ``face`` reaches from its edge to its centre in an image of ``shape``: the hull's inradius.

    ``erode`` and the feather's blur eat the mask from its edge; together they
    must stay well below this (see :func:`face_swap`), so the limit scales with
    the face: about 40 px for a 90-px face, 100 px for a 216-px one.
    """
    hull = face_mask(face.landmarks, shape)
    if hull.max() <= 0:
        return 0.0
    return float(cv2.distanceTransform((hull > 0.5).astype(np.uint8), cv2.DIST_L2, 5).max())


def swap_mask(target_face: Face, shape: tuple[int, ...], *, erode: int, soft: float, covered: np.ndarray) -> np.ndarray:
    """The blend mask of a swap: float (H, W) in 0-1, inside the target's landmark hull and where the warp has real pixels.

    The hull is eroded by ``erode`` px (a negative value grows it, but never past
    the warped face) and by twice the blur, then blurred by ``soft`` px, so the
    soft edge stays on the warped face; ``covered`` (bool (H, W), from
    :func:`warp_coverage`) cuts away what lies past the source photo's edge.
    The target's open mouth is kept.
    """
    shrink = erode + int(np.ceil(2 * soft))
    mask = face_mask(target_face.landmarks, shape, erode=shrink, feather=soft)
    real = cv2.erode(covered.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32)
    if soft > 0:  # fade out before the last real pixel, never across it
        real = cv2.GaussianBlur(cv2.erode(real, np.ones((3, 3), np.uint8), iterations=max(1, int(np.ceil(2 * soft)))), (0, 0), soft) * real
    mask = mask * real
    return mask * (1.0 - open_mouth_mask(target_face, shape))


def face_swap(
    source: ImageSource,
    target: ImageSource,
    *,
    blend: str = "poisson",
    color_correct: bool = True,
    erode: int = 2,
    feather: float = 0.0,
    source_face: Face | None = None,
    target_face: Face | None = None,
    upsample: int | None = None,
) -> SwapResult:
    """Put the largest face of ``source`` onto the largest face of ``target``; the result is labelled.

    The classic landmark swap: Delaunay triangles on the target's 68 landmarks,
    a piecewise-affine warp of the source face, a convex-hull mask, colour
    transfer in CIELAB (Reinhard et al., IEEE CG&A 2001) and a blend (Poisson
    editing: Pérez, Gangnet & Blake, SIGGRAPH 2003, as ``cv2.seamlessClone``).

    ``source_face`` / ``target_face``: faces already found (else the largest is
    found; ``upsample`` 0, 1 or 2 looks for smaller faces, and the default
    looks again for small faces when it finds none, see ``faces.find_face``). ``erode`` (px, -50 to
    50) shrinks the mask, ``feather`` (px, 0 to 50) blurs its edge; together
    (erode + 2 x feather) they must leave part of this face's mask, so larger
    values are scaled down to this face's size, with a note in ``notes``
    (see :func:`fit_mask_options`). Only pixels that exist are used: where the source face
    is cut off by its photo's edge, the target keeps its own pixels.

    Returns a :class:`SwapResult` with the target's size. Raises
    ``NoFaceFound`` when either image has no face, ``ImageTooSmall`` when a face
    is too small, ``FaceCutOff`` when too little of the source face is in its
    photo, ``OutOfRange`` or ``UnknownName`` for options outside their ranges
    (checked before any work).
    """
    check_blend_mode(blend)
    erode = int(check_number(erode, "erode", -50, 50))
    feather = check_number(feather, "feather", 0, 50)
    src = as_rgb(source)
    dst = as_rgb(target)
    source_face = find_face(src, source_face, upsample=upsample, what="the source image")
    target_face = find_face(dst, target_face, upsample=upsample, what="the target image")
    check_face_size(source_face, "the source image")
    check_face_size(target_face, "the target image")
    soft = max(feather, 6.0) if blend == "feather" else feather
    erode, soft, notes = fit_mask_options(mask_limits(target_face, dst.shape), erode, soft)
    shrink = erode + int(np.ceil(2 * soft))
    triangles = triangulate(target_face.landmarks)
    # Everything happens in a window around the target's landmarks: the warp, and
    # so the mask, never reach past their hull, and the rest of the photo is kept.
    x0, y0, x1, y1 = _work_window(target_face, dst.shape)
    window = (slice(y0, y1), slice(x0, x1))
    part = dst[window]
    local = Face(box=target_face.box, landmarks=target_face.landmarks - (x0, y0), score=target_face.score)
    warped, covered = warp_with_coverage(src, source_face.landmarks, local.landmarks, triangles, part.shape)
    mask = swap_mask(local, part.shape, erode=erode, soft=soft, covered=covered)
    whole = face_mask(local.landmarks, part.shape, erode=max(shrink, 0)) > 0.5
    if (whole & covered).sum() < 0.5 * max(int(whole.sum()), 1):
        raise FaceCutOff(
            "The face in the source image is cut off by the edge of its photo: less than half of it could be swapped. Use a source photo that shows the whole face, from the hair to the chin."
        )
    visible = max(dst.shape[0] - badge_height(dst.shape[0]) - y0, 0)  # the badge covers the rows below
    if (mask[:visible] > 0.5).sum() < 0.5 * max(int((mask > 0.5).sum()), 1):
        raise CourseError("The target face is at the very bottom of the photo, where the SYNTHETIC badge goes: the badge would hide the swap. Use a photo with some space below the chin.")
    corrected = transfer_color(warped, part, mask) if color_correct else warped
    blended = _blend(corrected, part, mask, blend)
    inside = mask[:visible] > 0.5
    if float(np.abs(blended[:visible][inside].astype(np.int16) - part[:visible][inside]).mean()) < 1.0:
        raise CourseError("Nothing changed: the source face is the target face (the same photo?). A real photo must never come back labelled as a fake: choose a source photo of another face.")
    combined = dst.copy()
    combined[window] = blended
    stages = [np.zeros(dst.shape[:2] + a.shape[2:], dtype=a.dtype) for a in (mask, warped, corrected)]
    for stage, value in zip(stages, (mask, warped, corrected)):
        stage[window] = value
    return SwapResult(add_badge(combined), stages[0], triangles, stages[1], stages[2], source_face, target_face, blend, notes)


def _work_window(face: Face, shape: tuple[int, ...], pad: int = 16) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): the landmarks' bounding box grown by ``pad`` px and clipped to ``shape``; a swap works inside it."""
    points = face.landmarks
    x0, y0 = (max(int(np.floor(v)) - pad, 0) for v in points.min(axis=0))
    x1 = min(int(np.ceil(points[:, 0].max())) + pad + 1, shape[1])
    y1 = min(int(np.ceil(points[:, 1].max())) + pad + 1, shape[0])
    return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)


def triangle_at(points: np.ndarray, triangles: np.ndarray, corner: int) -> int:
    """Index of the largest triangle that has landmark number ``corner`` as one of its corners.

    ``points`` is (n, 2) in pixels and ``triangles`` (m, 3) point numbers, as
    :func:`triangulate` returns. Raises ``CourseError`` when no triangle uses ``corner``.
    """
    points = np.asarray(points, dtype=np.float64)
    best, best_area = -1, -1.0
    for index, triangle in enumerate(np.asarray(triangles)):
        if corner in triangle:
            area = abs(cv2.contourArea(points[triangle].astype(np.float32)))
            if area > best_area:
                best, best_area = index, area
    if best < 0:
        raise CourseError(f"No triangle has landmark {corner} as a corner.")
    return best


@example("face_swap", method="face_swap")
def _example_swap() -> np.ndarray:
    return face_swap(portrait("hopper"), portrait("collins"), source_face=portrait_face("hopper"), target_face=portrait_face("collins")).image
