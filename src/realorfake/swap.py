"""The classic landmark face swap, step by step: triangles, warp, mask, colour, blend.

The steps, each a small function a lesson can show as a picture:

1. :func:`triangulate` the target's 68 landmarks (Delaunay);
2. warp the source face onto the target's geometry, triangle by triangle — the
   textbook loop :func:`warp_textbook`, or :func:`warp_fast`, which builds one
   dense map and calls ``cv2.remap`` once (same picture, several times faster);
3. :func:`face_mask` from the convex hull of the landmarks, eroded and feathered;
4. :func:`transfer_colour` matches the warped face's LAB statistics to the target;
5. :func:`blend_images` by pasting, feathering, or Poisson editing (``cv2.seamlessClone``).

:func:`face_swap` runs them all and returns a labelled result with every stage.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from scipy.spatial import Delaunay

from .data import portrait
from .errors import ImageTooSmall, NoFaceFound, UnknownName, WrongShape, check_number
from .faces import Face, ImageSource, alignment_matrix, as_rgb, check_face, detect_faces, largest_face, load_image, transform_points
from .label import add_badge
from .video import Clip, read_video

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
        raise WrongShape(f"{name} must be an RGB image array of shape (H, W, 3); got {shape}. Use faces.load_image first.")
    return image if image.dtype == np.uint8 else as_rgb(image)


def _mask(mask, shape: tuple[int, ...]) -> np.ndarray:
    array = np.asarray(mask, dtype=np.float32)
    if array.shape != tuple(shape[:2]):
        raise WrongShape(f"The mask is {array.shape} but the image is {tuple(shape[:2])}: make the mask from the same image.")
    return array


def _blend_mode(mode: str) -> str:
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
    warped = cv2.warpAffine(patch, matrix, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    mask = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
    cv2.fillConvexPoly(mask, np.round(dst_tri - (x0, y0)).astype(np.int32), 1)
    region = output[y0:y1, x0:x1]
    region[mask == 1] = warped[mask == 1]


def warp_textbook(source: np.ndarray, src_points: np.ndarray, dst_points: np.ndarray, triangles: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Piecewise-affine warp by looping over the triangles (clear, and the benchmark baseline)."""
    output = np.zeros((shape[0], shape[1], 3), dtype=np.uint8)
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
    """
    output = np.zeros((shape[0], shape[1], 3), dtype=np.uint8)
    index, (x0, y0, w, h) = triangle_index_map(dst_points, triangles, shape)
    if w == 0 or h == 0:
        return output
    affines = triangle_affines(src_points, dst_points, triangles).astype(np.float32).reshape(-1, 6)
    rows, cols = np.nonzero(index >= 0)
    coeff = affines[index[rows, cols]]  # one row (a, b, c, d, e, f) per covered pixel
    xs, ys = (cols + x0).astype(np.float32), (rows + y0).astype(np.float32)
    map_x = np.full((h, w), -1, dtype=np.float32)
    map_y = np.full((h, w), -1, dtype=np.float32)
    map_x[rows, cols] = coeff[:, 0] * xs + coeff[:, 1] * ys + coeff[:, 2]
    map_y[rows, cols] = coeff[:, 3] * xs + coeff[:, 4] * ys + coeff[:, 5]
    output[y0 : y0 + h, x0 : x0 + w] = cv2.remap(
        source, map_x, map_y, interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0
    )
    return output


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
        result = cv2.GaussianBlur(result, (0, 0), sigmaX=float(feather))
    return result


# -------------------------------------------------------------------- colour


def transfer_colour(face: np.ndarray, target: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Match the mean and spread of each LAB channel of ``face`` to ``target``, inside the mask.

    Pixels outside the mask are returned unchanged.
    """
    face, target = _image(face, "face"), _image(target, "target")
    if face.shape != target.shape:
        raise WrongShape(f"face {face.shape} and target {target.shape} must be the same size (warp the face onto the target first).")
    inside = _mask(mask, face.shape) > 0.5
    if inside.sum() < 10:
        return face.copy()
    face_lab = cv2.cvtColor(face.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    target_lab = cv2.cvtColor(target.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    f, t = face_lab[inside], target_lab[inside]
    spread = f.std(axis=0)
    # A flat channel (a grayscale face has no colour spread) is shifted, not stretched.
    scale = np.where(spread > 1e-3, t.std(axis=0) / np.maximum(spread, 1e-3), 1.0)
    face_lab[inside] = (f - f.mean(axis=0)) * scale + t.mean(axis=0)
    rgb = cv2.cvtColor(face_lab, cv2.COLOR_LAB2RGB)
    out = face.copy()
    out[inside] = np.clip(rgb[inside] * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return out


# ------------------------------------------------------------------ blending


def blend_images(face: np.ndarray, target: np.ndarray, mask: np.ndarray, mode: str = "poisson") -> np.ndarray:
    """Combine the warped face with the target: ``paste``, ``feather``, ``poisson`` or ``poisson_mixed``.

    The result is a finished fake, so it carries the SYNTHETIC badge.
    """
    _blend_mode(mode)
    face, target = _image(face, "face"), _image(target, "target")
    if face.shape != target.shape:
        raise WrongShape(f"face {face.shape} and target {target.shape} must be the same size (warp the face onto the target first).")
    return add_badge(_blend(face, target, _mask(mask, target.shape), mode))


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
    cloned = cv2.seamlessClone(padded[0], padded[1], padded_mask, centre, flag)
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


def _check_face_size(face: Face, what: str) -> None:
    left, right = face.eye_centers
    distance = float(np.hypot(*(right - left)))
    if distance < MIN_EYE_DISTANCE:
        raise ImageTooSmall(
            f"The face in {what} is too small to swap (eyes {distance:.0f} px apart; need at least "
            f"{MIN_EYE_DISTANCE:.0f}). Use a larger photo or crop closer to the face."
        )


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
) -> SwapResult:
    """Put the largest face of ``source`` onto the largest face of ``target``; the result is labelled.

    The output keeps the target's size. Raises ``NoFaceFound`` when either image
    has no face and ``ImageTooSmall`` when a face is too small.
    """
    _blend_mode(blend)
    erode = int(check_number(erode, "erode", -50, 50))
    feather = check_number(feather, "feather", 0, 50)
    src = as_rgb(source)
    dst = as_rgb(target)
    source_face = check_face(source_face, src.shape) if source_face is not None else largest_face(src, what="the source image")
    target_face = check_face(target_face, dst.shape) if target_face is not None else largest_face(dst, what="the target image")
    _check_face_size(source_face, "the source image")
    _check_face_size(target_face, "the target image")
    triangles = triangulate(target_face.landmarks)
    warped = warp_fast(src, source_face.landmarks, target_face.landmarks, triangles, dst.shape)
    soft = max(feather, 6.0) if blend == "feather" else feather
    # Shrink the hull before blurring so the soft edge stays on the warped face (no black halo).
    mask = face_mask(target_face.landmarks, dst.shape, erode=erode + int(np.ceil(2 * soft)), feather=soft)
    mask = mask * (1.0 - open_mouth_mask(target_face, dst.shape))  # keep the target's open mouth
    corrected = transfer_colour(warped, dst, mask) if color_correct else warped
    combined = blend_images(corrected, dst, mask, blend)  # labelled
    return SwapResult(combined, mask, triangles, warped, corrected, source_face, target_face, blend)


# --------------------------------------------------------------------- morph


def _border_points(width: int, height: int) -> np.ndarray:
    """Corners and edge midpoints of a width x height canvas (they keep the whole canvas warped)."""
    w, h = width - 1, height - 1
    return np.array([[0, 0], [w / 2, 0], [w, 0], [w, h / 2], [w, h], [w / 2, h], [0, h], [0, h / 2]], dtype=np.float64)


def morph(a: ImageSource, b: ImageSource, alpha: float = 0.5, *, size: int = 320) -> np.ndarray:
    """A face halfway (``alpha``) between two portraits: shapes averaged, then colours. Labelled.

    Both faces are aligned by the eyes into a ``size`` x ``size`` square, each is
    warped to the in-between landmark positions, and the two are cross-dissolved.
    ``alpha=0`` gives (the aligned) ``a``, ``alpha=1`` gives ``b``.
    """
    alpha = check_number(alpha, "alpha", 0, 1)
    size = int(check_number(size, "size", 64, 2048))
    images, points = [], []
    for image, what in ((a, "the first image"), (b, "the second image")):
        rgb = as_rgb(image)
        face = largest_face(rgb, what=what)
        _check_face_size(face, what)
        matrix = alignment_matrix(face, size)
        images.append(cv2.warpAffine(rgb, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
        points.append(np.vstack([transform_points(face.landmarks, matrix), _border_points(size, size)]))
    between = (1 - alpha) * points[0] + alpha * points[1]
    triangles = triangulate(between)
    warped = [warp_fast(img, pts, between, triangles, (size, size)) for img, pts in zip(images, points)]
    mixed = (1 - alpha) * warped[0].astype(np.float32) + alpha * warped[1].astype(np.float32)
    return add_badge(np.clip(mixed + 0.5, 0, 255).astype(np.uint8))


# ---------------------------------------------------------------- reenactment

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
    left, right = face.eye_centers
    drop = 0.22 * float(np.hypot(*(right - left))) * float(openness)
    moved = face.landmarks.copy()
    for index, weight in {**_JAW_WEIGHTS, **_LOWER_LIP_WEIGHTS}.items():
        moved[index, 1] += drop * weight
    return moved


def make_it_talk(portrait: ImageSource, seconds: float = 3.0, fps: float = 15.0, *, seed: int = 0) -> Clip:
    """A clip in which the portrait's mouth opens and closes: landmark warping only, no audio, no words.

    Every frame is labelled. This is the simplest form of *reenactment*: the
    face is moved by moving its landmarks and warping the pixels with them.
    """
    seconds = check_number(seconds, "seconds", 0.1, 20)
    fps = check_number(fps, "fps", 1, 60)
    image = as_rgb(portrait)
    face = largest_face(image, what="the portrait")
    _check_face_size(face, "the portrait")
    ring = _ring_points(face, image.shape)
    rest = np.vstack([face.landmarks, ring])
    triangles = triangulate(rest)
    region = face_mask(ring, image.shape) > 0.5
    inner_mouth_colour = np.array([70, 28, 32], dtype=np.float32)
    frames = []
    for amount in mouth_openness(seconds, fps, seed):
        target = np.vstack([moved_landmarks(face, amount), ring])
        warped = warp_fast(image, rest, target, triangles, image.shape)
        frame = np.where(region[..., None], warped, image)
        if amount > 0.05:  # darken the gap between the lips: the inside of the mouth
            lips = target[60:68]  # inner lips, in order around the mouth
            gap = face_mask(lips, image.shape, feather=1.5)[..., None] * (0.85 * amount)
            frame = (frame * (1 - gap) + inner_mouth_colour * gap + 0.5).astype(np.uint8)
        frames.append(add_badge(frame))
    return Clip(frames, fps=fps, method="reenactment")


# ------------------------------------------------------------------ video swap


def swap_video(frames, source: ImageSource, *, blend: str = "poisson", fps: float | None = None) -> Clip:
    """Swap the source's face into every frame of a clip (a Clip, a list of frames or a video path).

    The source face is found once; each frame's face is found again (when a
    frame has none, the previous frame's landmarks are reused). Every output
    frame is labelled.
    """
    if isinstance(frames, Clip):
        fps = fps or frames.fps
        frames = frames.frames
    elif isinstance(frames, (str, bytes)) or hasattr(frames, "__fspath__"):
        frames, file_fps = read_video(frames)
        fps = fps or file_fps
    frames = [load_image(frame, max_side=10**9) for frame in frames]
    if not frames:
        raise WrongShape("swap_video needs at least one frame.")
    src = as_rgb(source)
    source_face = largest_face(src, what="the source image")
    _check_face_size(source_face, "the source image")
    output, last, missing = [], None, 0
    for frame in frames:
        found = detect_faces(frame)
        if found:
            last = found[0]
        elif last is None:
            raise NoFaceFound("No face found in the first frames of the clip; use a clip where the face is visible from the start.")
        else:
            missing += 1
        output.append(face_swap(src, frame, blend=blend, source_face=source_face, target_face=last).image)
    notes = [f"{missing} frame(s) had no detectable face; the previous landmarks were reused."] if missing else []
    return Clip(output, fps=fps or 15.0, method="face_swap", notes=notes)


#: One default example of each generator in this module (a test proves each is labelled).
GENERATORS = {
    "face_swap": lambda: face_swap(portrait("hopper"), portrait("collins")).image,
    "morph": lambda: morph(portrait("hopper"), portrait("collins")),
    "make_it_talk": lambda: make_it_talk(portrait("hopper"), seconds=1.0),
    "swap_video": lambda: swap_video(make_it_talk(portrait("collins"), seconds=1.0), portrait("hopper")),
}
