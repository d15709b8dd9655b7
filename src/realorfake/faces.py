"""Faces as data: find faces, their 68 landmarks in named groups, crop windows, and alignment.

The detector is dlib's HOG face detector (Dalal & Triggs, CVPR 2005, as built
into dlib) and the landmarks come from dlib's 68-point shape predictor
(Kazemi & Sullivan, CVPR 2014), trained on iBUG 300-W. Both run offline on a CPU.
Coordinates are pixels, x to the right and y down, as float64.

Core layer: imports :mod:`realorfake.errors` and :mod:`realorfake.images`.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from .errors import FaceCutOff, ImageTooSmall, NoFaceFound, OutOfRange, UnknownName, WrongShape, check_number
from .images import ImageSource, as_rgb, load_image

#: Smallest side (pixels) an image must have for face detection to make sense.
MIN_DETECT_SIDE = 32

#: Landmark groups of the 68-point layout (iBUG 300-W). "right"/"left" are the
#: person's own right and left, so "right_eye" appears on the left of a photo.
#: The first seven cover all 68 points once; lips are split too.
REGIONS: dict[str, range] = {
    "jaw": range(0, 17),
    "right_eyebrow": range(17, 22),
    "left_eyebrow": range(22, 27),
    "nose": range(27, 36),
    "right_eye": range(36, 42),
    "left_eye": range(42, 48),
    "mouth": range(48, 68),
    "outer_lips": range(48, 60),
    "inner_lips": range(60, 68),
}

#: Unions of regions that the course's code uses often (accepted wherever a region name is).
UNIONS: dict[str, range] = {
    "eyebrows": range(17, 27),
    "eyes": range(36, 48),
    "brows_nose_eyes": range(17, 48),
}


def landmark_indices(*names: str) -> list[int]:
    """The landmark numbers (0-67) of one or more groups of ``REGIONS`` or ``UNIONS``, in order, each once.

    Raises ``UnknownName`` for a group that does not exist.
    """
    groups = {**REGIONS, **UNIONS}
    indices: list[int] = []
    for name in names:
        if name not in groups:
            raise UnknownName(f"Unknown face region {name!r}. Choose one of: {', '.join(groups)}.")
        indices.extend(i for i in groups[name] if i not in indices)
    return indices


# ------------------------------------------------------------------- detection


@dataclass(frozen=True)
class Face:
    """One detected face: its box (x, y, w, h) in pixels, 68 landmarks (x, y) and a detector score."""

    box: tuple[int, int, int, int]
    landmarks: np.ndarray
    score: float = 0.0

    def region(self, *names: str) -> np.ndarray:
        """The landmarks of one or more groups of ``REGIONS``, as an (n, 2) float64 array in pixels.

        Raises ``UnknownName`` for a group that does not exist.
        """
        return self.landmarks[landmark_indices(*names)]

    @property
    def eye_centers(self) -> tuple[np.ndarray, np.ndarray]:
        """Centres of the eye on the left of the photo and the eye on the right."""
        return self.region("right_eye").mean(axis=0), self.region("left_eye").mean(axis=0)

    @property
    def eye_distance(self) -> float:
        """Distance between the two eye centres, in pixels: the face's natural unit of size."""
        left, right = self.eye_centers
        return float(np.hypot(*(right - left)))

    @property
    def area(self) -> int:
        """Area of the detector's box, in pixels."""
        return self.box[2] * self.box[3]


def face_window(face: Face, shape: tuple[int, ...], margin: float = 0.3) -> tuple[int, int, int, int]:
    """The crop window around a face: (x0, y0, x1, y1) in pixels, end-exclusive.

    It covers the detector's box and every landmark, grown on each side by
    ``margin`` times the larger of its width and height, and clipped to an image
    of ``shape`` (H, W, ...). Raises ``WrongShape`` when the face lies outside it.
    """
    x, y, w, h = face.box
    points = face.landmarks
    left, top = min(x, points[:, 0].min()), min(y, points[:, 1].min())
    right, bottom = max(x + w, points[:, 0].max()), max(y + h, points[:, 1].max())
    pad = max(0.0, float(margin)) * max(right - left, bottom - top)
    x0, y0 = int(max(0, np.floor(left - pad))), int(max(0, np.floor(top - pad)))
    x1, y1 = int(min(shape[1], np.ceil(right + pad))), int(min(shape[0], np.ceil(bottom + pad)))
    if x1 <= x0 or y1 <= y0:
        raise WrongShape("This face does not lie inside this image: detect the face in the same image you crop.")
    return x0, y0, x1, y1


def check_face(face: object, shape: tuple[int, ...] | None = None) -> Face:
    """Return ``face`` if it is a :class:`Face` (lying inside an image of ``shape``, when given); else raise WrongShape."""
    if not isinstance(face, Face):
        raise WrongShape(f"Expected a face from faces.largest_face() or faces.detect_faces(), got {type(face).__name__}.")
    if shape is not None:
        x, y, w, h = face.box
        if x >= shape[1] or y >= shape[0] or x + w <= 0 or y + h <= 0:
            raise WrongShape("This face was not found in this image: detect the face in the same image you pass.")
    return face


def _model_path(filename: str) -> Path:
    """Locate a model file of the face-recognition-models package without importing it."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The face-recognition-models package is missing. Run `make lab` (or `pip install face-recognition-models`) to install the course's dependencies.")
    path = Path(list(spec.submodule_search_locations)[0]) / "models" / filename
    if not path.exists():
        raise RuntimeError(f"The model file {filename} is missing from {path.parent}; reinstall face-recognition-models.")
    return path


def landmark_model_path() -> Path:
    """Path of dlib's 68-point landmark model (trained on iBUG 300-W: non-commercial use)."""
    return _model_path("shape_predictor_68_face_landmarks.dat")


@lru_cache(maxsize=1)
def _detector():
    import dlib

    return dlib.get_frontal_face_detector()


@lru_cache(maxsize=1)
def _predictor():
    import dlib

    return dlib.shape_predictor(str(landmark_model_path()))


#: Detections scoring below this are dropped: on the course's images, real faces
#: score 0.33-1.7 and the detector's false alarms mostly below 0.2.
MIN_SCORE = 0.3


def detect_faces(image: ImageSource, upsample: int = 0, *, min_score: float = MIN_SCORE) -> list[Face]:
    """Find every face with dlib's HOG detector, largest first, each with 68 landmarks.

    ``upsample`` (0, 1 or 2) enlarges the image before detecting, to find smaller
    faces (about 80, 40 or 20 pixels wide) at the cost of time. ``min_score`` is
    the detector's confidence threshold: lower it to find hard faces (and more
    false alarms). Returns an empty list when there is no face. Raises
    ``ImageTooSmall`` for tiny images.
    """
    rgb = as_rgb(image)
    if min(rgb.shape[:2]) < MIN_DETECT_SIDE:
        raise ImageTooSmall(f"The image is only {rgb.shape[1]} x {rgb.shape[0]} pixels; a face needs at least {MIN_DETECT_SIDE} x {MIN_DETECT_SIDE} (ideally 100 or more). Use a larger photo.")
    if upsample not in (0, 1, 2):
        raise OutOfRange(f"upsample must be 0, 1 or 2 (got {upsample!r}).")
    min_score = check_number(min_score, "min_score", -2.0, 5.0)
    faces = [_with_landmarks(rgb, box, score) for box, score in _detect_boxes(rgb, upsample, min_score)]
    faces.sort(key=lambda f: f.area, reverse=True)
    return faces


def _detect_boxes(rgb: np.ndarray, upsample: int = 0, min_score: float = MIN_SCORE) -> list[tuple[tuple[int, int, int, int], float]]:
    """The detector's boxes (x, y, w, h) in px and their scores, for an RGB uint8 image.

    HOG runs on the colour image: on grey (about twice as fast, as many tutorials
    do) it misses faces, the tilted portrait among them.
    """
    if min(rgb.shape[:2]) < MIN_DETECT_SIDE:
        return []
    rects, scores, _ = _detector().run(rgb, upsample, float(min_score))
    return [((int(r.left()), int(r.top()), int(r.width()), int(r.height())), float(s)) for r, s in zip(rects, scores)]


def _with_landmarks(rgb: np.ndarray, box: tuple[int, int, int, int], score: float) -> Face:
    """A Face for a detector box (x, y, w, h) in ``rgb``'s pixels, its 68 landmarks found on the colour image."""
    import dlib

    x, y, w, h = box
    shape = _predictor()(rgb, dlib.rectangle(x, y, x + w - 1, y + h - 1))
    points = np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float64)
    return Face(box=box, landmarks=points, score=float(score))


#: Images longer than this (px) are first searched on reduced copies (see :func:`detect_large_faces`).
#: The course's own photos and frames are smaller and always searched whole, so
#: their landmarks never depend on the route that found them.
REDUCED_ABOVE = 1024
#: The smallest reduced copy's longest side (px).
REDUCED_SIDE = 512


def detect_large_faces(image: ImageSource) -> list[Face]:
    """The faces of a large photo found on reduced copies, with their landmarks at full resolution; largest first.

    The detector's cost grows with the image's area (a 12-megapixel phone photo
    takes seconds), and a large face is still found in a small copy. For an
    image longer than ``REDUCED_ABOVE`` px the search starts with a copy
    ``REDUCED_SIDE`` px long and doubles the size until a face is found; the
    boxes are scaled back up and the 68 landmarks placed on the full image (on
    the portraits enlarged 2-6 times, they lie as close to the originals' as a
    full-resolution search's: within 2-7% of the eye distance on average).
    Returns an empty list for smaller images, or when no reduced copy has a face
    (then search the image itself with :func:`detect_faces`).
    """
    rgb = as_rgb(image)
    longest = max(rgb.shape[:2])
    if longest <= REDUCED_ABOVE:
        return []
    side = REDUCED_SIDE
    while side < longest:
        scale = side / longest
        small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        found = _detect_boxes(small)
        if found:
            faces = [_with_landmarks(rgb, tuple(int(round(v / scale)) for v in box), score) for box, score in found]
            return sorted(faces, key=lambda f: f.area, reverse=True)
        side *= 2
    return []


def largest_face(image: ImageSource, upsample: int = 0, *, what: str = "the image") -> Face:
    """The largest face in the image; raises ``NoFaceFound`` with advice when there is none.

    The advice names ``upsample=1``: every function of the course that finds a
    face in a photo takes ``upsample`` and passes it here (see :func:`find_face`).
    """
    faces = detect_faces(image, upsample=upsample)
    if not faces:
        more = " Try upsample=1 for small faces." if upsample == 0 else ""
        raise NoFaceFound(f"No face found in {what}. The detector needs a clear, mostly frontal face, well lit and at least about 80 pixels wide.{more}")
    return faces[0]


#: Images up to this size (longest side, px) are searched again for small faces when ``upsample`` is automatic.
AUTO_UPSAMPLE_SIDE = 1200


def detect_near(image: ImageSource, face: Face, *, margin: float = 0.6, upsample: int = 0, min_score: float = MIN_SCORE) -> list[Face]:
    """Faces found in the window around ``face`` (``face_window`` with ``margin``), in the whole image's coordinates.

    For following one face from frame to frame: searching a window about twice
    the face's size is faster than searching the whole frame, and sees only the
    faces near the last position. Returns them nearest first (by the distance
    between landmark centres). Raises what :func:`detect_faces` raises.
    """
    rgb = as_rgb(image)
    x0, y0, x1, y1 = face_window(face, rgb.shape, margin)
    if min(x1 - x0, y1 - y0) < MIN_DETECT_SIDE:
        return []
    found = detect_faces(np.ascontiguousarray(rgb[y0:y1, x0:x1]), upsample, min_score=min_score)
    shift = np.array([x0, y0], dtype=np.float64)
    moved = [Face(box=(f.box[0] + x0, f.box[1] + y0, f.box[2], f.box[3]), landmarks=f.landmarks + shift, score=f.score) for f in found]
    centre = face.landmarks.mean(axis=0)
    return sorted(moved, key=lambda f: float(np.hypot(*(f.landmarks.mean(axis=0) - centre))))


#: How many photos' faces :func:`find_face` remembers (a widget's slider swaps the same two photos again and again).
REMEMBERED_PHOTOS = 32
_remembered: OrderedDict[tuple, Face] = OrderedDict()


def _fingerprint(rgb: np.ndarray, upsample: int | None) -> tuple:
    """A key for a photo's pixels (BLAKE2b of its bytes) and the search option."""
    return (rgb.shape, hashlib.blake2b(np.ascontiguousarray(rgb).data, digest_size=16).digest(), upsample)


def find_face(image: ImageSource, face: Face | None = None, *, upsample: int | None = None, what: str = "the image") -> Face:
    """The face to work on in ``image``: ``face`` when one is given (checked to lie in the image), else the largest found.

    Every function that makes a fake from a photo goes through here, so each
    takes the same options: an already found ``face``, or ``upsample`` (0, 1 or
    2) to look for small faces. ``upsample=None`` (the default) looks as usual
    and, when that finds nothing in an image of at most ``AUTO_UPSAMPLE_SIDE``
    px, looks again for faces down to about 40 px wide. The face of a photo
    seen recently is remembered (by its pixels), so the same photo is never
    searched twice. Raises ``WrongShape`` for a ``face`` that is not a Face or
    not in this image, ``NoFaceFound`` (its advice names ``upsample``) when there
    is none, ``OutOfRange`` for another ``upsample``.
    """
    if face is not None:
        return check_face(face, as_rgb(image).shape)
    rgb = as_rgb(image)
    key = _fingerprint(rgb, upsample)
    if key in _remembered:
        _remembered.move_to_end(key)
        known = _remembered[key]
        return Face(box=known.box, landmarks=known.landmarks.copy(), score=known.score)
    found = _search(rgb, upsample, what)
    _remembered[key] = Face(box=found.box, landmarks=found.landmarks.copy(), score=found.score)
    while len(_remembered) > REMEMBERED_PHOTOS:
        _remembered.popitem(last=False)
    return found


def _search(rgb: np.ndarray, upsample: int | None, what: str) -> Face:
    """The largest face, searched as :func:`find_face` describes (no memory)."""
    if upsample not in (None, 0):
        return largest_face(rgb, upsample, what=what)
    found = detect_large_faces(rgb) or detect_faces(rgb, 0)
    if upsample == 0 and not found:
        return largest_face(rgb, 0, what=what)  # raises with its advice
    if not found and max(rgb.shape[:2]) <= AUTO_UPSAMPLE_SIDE:
        found = detect_faces(rgb, 1)
        if not found:
            raise NoFaceFound(
                f"No face found in {what}, even looking for small faces. The detector needs a clear, mostly frontal "
                "face, well lit and at least about 40 pixels wide. Try upsample=2 for very small faces (to be swapped or "
                "morphed, a face still needs its eyes at least 16 pixels apart)."
            )
    if not found:
        return largest_face(rgb, 0, what=what)  # raises with its advice
    return found[0]


def outside_fraction(face: Face, shape: tuple[int, ...]) -> float:
    """The share (0-1) of the face's landmark hull that lies outside an image of ``shape`` (H, W, ...).

    dlib places landmarks where the face should be even past the photo's edge,
    so a chin cut off by the bottom of a photo has landmarks below it.
    """
    hull = cv2.convexHull(face.landmarks.astype(np.float32))
    area = float(cv2.contourArea(hull))
    if area <= 0:
        return 0.0
    inside, _ = cv2.intersectConvexConvex(hull, np.array([[0, 0], [shape[1], 0], [shape[1], shape[0]], [0, shape[0]]], dtype=np.float32))
    return float(np.clip(1.0 - inside / area, 0.0, 1.0))


#: Share of a face's landmark hull that may lie outside the photo before it counts as cut off.
CUT_OFF_LIMIT = 0.02


def check_inside(face: Face, shape: tuple[int, ...], what: str = "the image") -> Face:
    """``face`` when (almost) all of it lies inside an image of ``shape``; ``FaceCutOff`` saying how much is missing otherwise.

    For steps that need the whole face (alignment, morphing): they would have
    to invent the missing pixels.
    """
    missing = outside_fraction(face, shape)
    if missing > CUT_OFF_LIMIT:
        raise FaceCutOff(
            f"The face in {what} is cut off by the edge of the photo ({100 * missing:.0f}% of it is outside). "
            "Use a photo that shows the whole face, from the hair to the chin, with some space around it."
        )
    return face


# ------------------------------------------------------------------- alignment

#: Where the eyes land in an aligned crop, as fractions of its size (x, y).
ALIGNED_EYES = ((0.35, 0.40), (0.65, 0.40))


def alignment_matrix(face: Face, size: int = 256) -> np.ndarray:
    """The 2x3 similarity transform that puts the eyes at ``ALIGNED_EYES`` in a size x size crop."""
    left, right = face.eye_centers
    target_left = np.array(ALIGNED_EYES[0]) * size
    target_right = np.array(ALIGNED_EYES[1]) * size
    dx, dy = right - left
    angle = np.degrees(np.arctan2(dy, dx))
    eye_distance = face.eye_distance
    if eye_distance < 1.0:
        raise ImageTooSmall("The eyes are less than a pixel apart; the face is too small to align.")
    scale = float(np.linalg.norm(target_right - target_left)) / eye_distance
    center = (left + right) / 2.0
    matrix = cv2.getRotationMatrix2D((float(center[0]), float(center[1])), angle, scale)
    matrix[:, 2] += (target_left + target_right) / 2.0 - center
    return matrix


#: Share of an aligned square that must come from the photo (the rest is its margin repeated from the edge).
MIN_ALIGNED_COVERAGE = 0.85


def aligned_coverage(face: Face, shape: tuple[int, ...], size: int = 256) -> float:
    """The share (0-1) of the ``size`` x ``size`` square of :func:`alignment_matrix` that lies inside a photo of ``shape``."""
    inside = cv2.warpAffine(np.full(shape[:2], 255, np.uint8), alignment_matrix(face, size), (int(size), int(size)), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return float((inside == 255).mean())


def check_aligned_coverage(face: Face, shape: tuple[int, ...], size: int, what: str = "the image") -> None:
    """Raise ``FaceCutOff`` when less than ``MIN_ALIGNED_COVERAGE`` of the aligned square comes from the photo.

    The landmarks can all lie inside a photo cropped through the forehead or
    the cheeks; the aligned square would then be a quarter or more of smeared
    edge pixels.
    """
    covered = aligned_coverage(face, shape, size)
    if covered < MIN_ALIGNED_COVERAGE:
        raise FaceCutOff(
            f"The photo in {what} is cropped too tightly around the face: {100 * (1 - covered):.0f}% of the aligned square "
            "would lie outside it. Use a photo with some space around the face, hair and chin included."
        )


def align_face(image: np.ndarray, face: Face, size: int = 256) -> np.ndarray:
    """A ``size`` x ``size`` RGB uint8 crop of the face, rotated and scaled so the eyes are level at ``ALIGNED_EYES``.

    The face itself must lie in the photo (``FaceCutOff`` otherwise: its missing
    part would have to be invented); where the square's margin reaches past the
    photo's edge, the edge pixels are repeated (never a mirror image), and a
    photo cropped so tightly that less than ``MIN_ALIGNED_COVERAGE`` of the
    square lies in it raises ``FaceCutOff``. Raises ``OutOfRange`` for a ``size``
    outside 16-4096 and ``WrongShape`` for a face of another image.
    """
    if not isinstance(size, (int, np.integer)) or not 16 <= size <= 4096:
        raise OutOfRange(f"size must be a whole number of pixels from 16 to 4096 (got {size!r}).")
    rgb = load_image(image, max_side=None)
    check_inside(check_face(face, rgb.shape), rgb.shape)
    check_aligned_coverage(face, rgb.shape, int(size))
    matrix = alignment_matrix(face, size)
    return cv2.warpAffine(rgb, matrix, (int(size), int(size)), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def aligned_face(image: ImageSource, size: int = 256, *, upsample: int | None = None) -> np.ndarray:
    """The largest face of an image (found as :func:`find_face` does), aligned by the eyes into a size x size crop.

    Raises ``NoFaceFound``, ``FaceCutOff`` and what :func:`align_face` raises.
    """
    rgb = as_rgb(image)
    return align_face(rgb, find_face(rgb, upsample=upsample), size=size)


def transform_points(points: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Apply a 2x3 affine matrix to an (n, 2) array of points."""
    points = np.asarray(points, dtype=np.float64)
    return points @ matrix[:, :2].T + matrix[:, 2]
