"""Faces as data: load images safely, find faces, their 68 landmarks, and align them.

The detector is dlib's HOG face detector and the landmarks come from dlib's
68-point shape predictor (the iBUG 300-W layout). Both run offline on a CPU.
"""

from __future__ import annotations

import io
import importlib.util
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Union

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ImageTooLarge, ImageTooSmall, NoFaceFound, UnknownName, UnreadableImage, WrongShape, check_number

ImageSource = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO, np.ndarray, Image.Image]

#: Refuse to decode images that claim more pixels than this (about 8000 x 8000).
MAX_PIXELS = 64_000_000
#: Larger images are downsized so that their longest side is this many pixels.
WORKING_SIZE = 2000
#: Smallest side (pixels) an image must have for face detection to make sense.
MIN_DETECT_SIDE = 32

#: Landmark regions of the 68-point layout. "right"/"left" are the person's own
#: right and left, so "right_eye" appears on the left of a photo.
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


class ResizedNote(UserWarning):
    """A note that an image was downsized to the working size."""


# --------------------------------------------------------------------- loading


def as_rgb(image: ImageSource) -> np.ndarray:
    """RGB uint8 of anything ``load_image`` takes; an array keeps its size (so landmarks found on it still fit)."""
    return load_image(image, max_side=10**9) if isinstance(image, np.ndarray) else load_image(image)


def load_image(src: ImageSource, *, max_side: int = WORKING_SIZE) -> np.ndarray:
    """Load an image from a path, bytes, a file object, a PIL image or an array.

    Returns an RGB ``uint8`` array of shape (H, W, 3). EXIF orientation is applied;
    grayscale, palette, 16-bit and transparent images are converted (transparency
    onto white). Images claiming more than ``MAX_PIXELS`` are refused before they
    are decoded; images longer than ``max_side`` are downsized, with a note.
    Raises ``UnreadableImage``, ``ImageTooLarge`` or ``WrongShape``.
    """
    if isinstance(src, np.ndarray):
        rgb = _array_to_rgb(src)
    elif isinstance(src, Image.Image):
        rgb = _pil_to_rgb(src, "the image")
    else:
        image = open_image(src)
        rgb = _pil_to_rgb(image, image.info["realorfake_source"])
    return _fit_working_size(rgb, max_side)


def _read_bytes(src: ImageSource) -> tuple[bytes, str]:
    """Return the raw bytes of a path, bytes-like or file object, and a name for messages."""
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src), "the uploaded data"
    if isinstance(src, (str, os.PathLike)):
        path = Path(src)
        if not path.exists():
            raise UnreadableImage(f"There is no file at {str(path)!r}. Check the name and the folder.")
        if path.is_dir():
            raise UnreadableImage(f"{str(path)!r} is a folder, not an image file.")
        size = path.stat().st_size
        if size > 200_000_000:
            raise ImageTooLarge(f"{path.name} is {size / 1e6:.0f} MB; use an image under 200 MB.")
        return path.read_bytes(), path.name
    if hasattr(src, "read"):
        data = src.read()
        if isinstance(data, str):
            raise UnreadableImage("That file was opened as text; open it in binary mode ('rb').")
        return bytes(data), getattr(src, "name", "the file")
    raise WrongShape(
        f"load_image() takes a path, bytes, a file object or an array, not {type(src).__name__}."
    )


def open_image(src: ImageSource) -> Image.Image:
    """Open and decode an image file (path, bytes or file object) with Pillow, keeping its metadata.

    Bombs are refused from the header, before any pixel is decoded. Raises
    ``UnreadableImage`` or ``ImageTooLarge`` with advice.
    """
    data, where = _read_bytes(src)
    return _decode(data, where)


def _decode(data: bytes, where: str) -> Image.Image:
    """Decode image bytes with Pillow, refusing bombs before any pixel is decoded."""
    if not data:
        raise UnreadableImage(f"{where} is empty (0 bytes). Choose another file.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise ImageTooLarge(f"{where} claims an enormous size and was not opened ({error}).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UnreadableImage(
            f"{where} is not an image we can read. Use a JPEG or PNG photo."
        ) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(
            f"{where} says it is {width} x {height} pixels, too large to open safely. "
            "Use a smaller image (under about 8000 x 8000)."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UnreadableImage(
            f"{where} looks like an image but is damaged or cut short. Try saving or downloading it again."
        ) from None
    image.info.setdefault("realorfake_source", where)
    return image


def _pil_to_rgb(image: Image.Image, where: str) -> np.ndarray:
    """Convert any Pillow image to RGB uint8, applying EXIF orientation."""
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a broken EXIF block should not stop the photo from loading
        pass
    mode = image.mode
    if mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        array = np.asarray(image).astype(np.float64)
        top = 65535.0 if mode != "F" and array.max() > 255 else 255.0
        if mode == "F":
            top = 1.0 if array.max() <= 1.0 else 255.0
        gray = np.clip(array / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        mode = image.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    if rgb.ndim != 3 or rgb.shape[0] == 0 or rgb.shape[1] == 0:
        raise UnreadableImage(f"{where} has no pixels.")
    return np.ascontiguousarray(rgb)


def _array_to_rgb(array: np.ndarray) -> np.ndarray:
    """Accept common array layouts (gray, RGB, RGBA; uint8, uint16, float, bool) as RGB uint8."""
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise WrongShape(
            f"Expected an image array of shape (H, W), (H, W, 3) or (H, W, 4); got {array.shape}."
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise WrongShape(f"The image array is empty (shape {array.shape}).")
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif array.dtype == np.uint16:
        array = (array.astype(np.float64) / 257.0 + 0.5).astype(np.uint8)
    elif np.issubdtype(array.dtype, np.floating):
        if not np.isfinite(array).all():
            raise WrongShape("The image array contains NaN or infinite values.")
        scale = 255.0 if array.max() <= 1.0 else 1.0
        array = np.clip(array * scale + 0.5, 0, 255).astype(np.uint8)
    elif array.dtype != np.uint8:
        if array.min() < 0 or array.max() > 255:
            raise WrongShape(f"Integer image values must lie in 0..255; got {array.min()}..{array.max()}.")
        array = array.astype(np.uint8)
    if array.ndim == 2:
        array = np.repeat(array[:, :, None], 3, axis=2)
    elif array.shape[2] == 4:
        alpha = array[:, :, 3:4].astype(np.float64) / 255.0
        array = (array[:, :, :3] * alpha + 255.0 * (1.0 - alpha) + 0.5).astype(np.uint8)
    return np.ascontiguousarray(array)


def _fit_working_size(rgb: np.ndarray, max_side: int) -> np.ndarray:
    height, width = rgb.shape[:2]
    longest = max(height, width)
    if longest <= max_side:
        return rgb
    scale = max_side / longest
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    warnings.warn(
        f"Large image ({width} x {height}) downsized to {size[0]} x {size[1]} to keep things fast.",
        ResizedNote,
        stacklevel=3,
    )
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


# ------------------------------------------------------------------- detection


@dataclass(frozen=True)
class Face:
    """One detected face: its box (x, y, w, h) in pixels, 68 landmarks (x, y) and a detector score."""

    box: tuple[int, int, int, int]
    landmarks: np.ndarray
    score: float = 0.0

    def region(self, name: str) -> np.ndarray:
        """The landmarks of one region (see ``REGIONS``), as an (n, 2) array."""
        if name not in REGIONS:
            raise UnknownName(f"Unknown face region {name!r}. Choose one of: {', '.join(REGIONS)}.")
        return self.landmarks[list(REGIONS[name])]

    @property
    def eye_centers(self) -> tuple[np.ndarray, np.ndarray]:
        """Centres of the eye on the left of the photo and the eye on the right."""
        return self.region("right_eye").mean(axis=0), self.region("left_eye").mean(axis=0)

    @property
    def area(self) -> int:
        return self.box[2] * self.box[3]


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
        raise RuntimeError(
            "The face-recognition-models package is missing. Run `make lab` (or "
            "`pip install face-recognition-models`) to install the course's dependencies."
        )
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
        raise ImageTooSmall(
            f"The image is only {rgb.shape[1]} x {rgb.shape[0]} pixels; a face needs at least "
            f"{MIN_DETECT_SIDE} x {MIN_DETECT_SIDE} (ideally 100 or more). Use a larger photo."
        )
    if upsample not in (0, 1, 2):
        raise WrongShape(f"upsample must be 0, 1 or 2 (got {upsample!r}).")
    min_score = check_number(min_score, "min_score", -2.0, 5.0)
    rects, scores, _ = _detector().run(rgb, upsample, float(min_score))
    predictor = _predictor()
    faces = []
    for rect, score in zip(rects, scores):
        shape = predictor(rgb, rect)
        points = np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float64)
        box = (int(rect.left()), int(rect.top()), int(rect.width()), int(rect.height()))
        faces.append(Face(box=box, landmarks=points, score=float(score)))
    faces.sort(key=lambda f: f.area, reverse=True)
    return faces


def largest_face(image: ImageSource, upsample: int = 0, *, what: str = "the image") -> Face:
    """The largest face in the image; raises ``NoFaceFound`` with advice when there is none."""
    faces = detect_faces(image, upsample=upsample)
    if not faces:
        more = " Try upsample=1 for small faces." if upsample == 0 else ""
        raise NoFaceFound(
            f"No face found in {what}. The detector needs a clear, mostly frontal face, "
            f"well lit and at least about 80 pixels wide.{more}"
        )
    return faces[0]


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
    eye_distance = float(np.hypot(dx, dy))
    if eye_distance < 1.0:
        raise ImageTooSmall("The eyes are less than a pixel apart; the face is too small to align.")
    scale = float(np.linalg.norm(target_right - target_left)) / eye_distance
    center = (left + right) / 2.0
    matrix = cv2.getRotationMatrix2D((float(center[0]), float(center[1])), angle, scale)
    matrix[:, 2] += (target_left + target_right) / 2.0 - center
    return matrix


def align_face(image: np.ndarray, face: Face, size: int = 256) -> np.ndarray:
    """A size x size crop of the face, rotated and scaled so the eyes are level at fixed places."""
    if not isinstance(size, (int, np.integer)) or size < 16:
        raise WrongShape(f"size must be a whole number of pixels, at least 16 (got {size!r}).")
    rgb = load_image(image, max_side=10**9)
    matrix = alignment_matrix(check_face(face, rgb.shape), size)
    return cv2.warpAffine(rgb, matrix, (int(size), int(size)), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def aligned_face(image: ImageSource, size: int = 256) -> np.ndarray:
    """The largest face of an image, aligned by the eyes into a size x size crop (raises NoFaceFound)."""
    rgb = as_rgb(image)
    return align_face(rgb, largest_face(rgb), size=size)


def transform_points(points: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Apply a 2x3 affine matrix to an (n, 2) array of points."""
    points = np.asarray(points, dtype=np.float64)
    return points @ matrix[:, :2].T + matrix[:, 2]
