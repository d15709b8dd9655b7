"""Images in, RGB arrays out: open any picture a learner gives, safely, and resize it.

:func:`load_image` reads a path, bytes, a file object, a PIL image or an array
and returns an RGB ``uint8`` array of shape (H, W, 3). EXIF orientation is
applied; gray, palette, 16-bit and transparent images are converted;
decompression bombs are refused from the header, before any pixel is decoded.
:func:`resize_longest` is the one place that resizes a picture so that its
longest side has a given length.

Core layer: imports only :mod:`realorfake.errors`.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import BinaryIO, Union

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ImageTooLarge, OutOfRange, UnreadableImage, WrongShape

ImageSource = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO, np.ndarray, Image.Image]

#: Refuse to decode images that claim more pixels than this (about 8000 x 8000).
MAX_PIXELS = 64_000_000
#: Larger images are downsized so that their longest side is this many pixels.
WORKING_SIZE = 2000
#: How messages name an image given as bytes (a widget replaces it with the uploaded file's name).
UPLOADED_DATA = "the image data"


class ResizedNote(UserWarning):
    """A note that an image was downsized to the working size."""


# --------------------------------------------------------------------- loading


def as_rgb(image: ImageSource) -> np.ndarray:
    """RGB uint8 (H, W, 3) of anything ``load_image`` takes; an array keeps its size (so landmarks found on it still fit).

    Files are downsized to ``WORKING_SIZE`` like :func:`load_image`. Raises what :func:`load_image` raises.
    """
    return load_image(image, max_side=None if isinstance(image, np.ndarray) else WORKING_SIZE)


def load_image(src: ImageSource, *, max_side: int | None = WORKING_SIZE) -> np.ndarray:
    """Load an image from a path, bytes, a file object, a PIL image or an array.

    Returns an RGB ``uint8`` array of shape (H, W, 3). EXIF orientation is applied;
    grayscale, palette, 16-bit and transparent images are converted (transparency
    onto white). Images claiming more than ``MAX_PIXELS`` are refused before they
    are decoded; images longer than ``max_side`` pixels are downsized, with a
    :class:`ResizedNote` warning (``max_side=None``: never resized).
    Raises ``UnreadableImage``, ``ImageTooLarge`` or ``WrongShape``.
    """
    if isinstance(src, np.ndarray):
        rgb = _array_to_rgb(src)
    elif isinstance(src, Image.Image):
        rgb = _pil_to_rgb(src, "the image")
    else:
        image = open_image(src)
        rgb = _pil_to_rgb(image, image.info["realorfake_source"])
    if max_side is None or max(rgb.shape[:2]) <= max_side:
        return rgb
    resized = resize_longest(rgb, max_side)
    warnings.warn(
        f"Large image ({rgb.shape[1]} x {rgb.shape[0]}) downsized to {resized.shape[1]} x {resized.shape[0]} to keep things fast.",
        ResizedNote,
        stacklevel=2,
    )
    return resized


def _read_bytes(src: ImageSource) -> tuple[bytes, str]:
    """Return the raw bytes of a path, bytes-like or file object, and a name for messages."""
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src), UPLOADED_DATA
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
    raise WrongShape(f"load_image() takes a path, bytes, a file object or an array, not {type(src).__name__}.")


def open_image(src: ImageSource) -> Image.Image:
    """Open and decode an image file (path, bytes or file object) with Pillow, keeping its metadata.

    Bombs are refused from the header, before any pixel is decoded. Raises
    ``UnreadableImage`` or ``ImageTooLarge`` with advice.
    """
    data, where = _read_bytes(src)
    return _decode(data, where)


def _sentence_start(where: str) -> str:
    """``where`` ("the upload", "photo.jpg") as the start of a sentence: "The upload", "The file photo.jpg" (a file name keeps its case)."""
    if where.lower().startswith(("the ", "this ", "your ", "an ", "a ")):
        return where[:1].upper() + where[1:]
    return f"The file {where}"


def _decode(data: bytes, where: str) -> Image.Image:
    """Decode image bytes with Pillow, refusing bombs before any pixel is decoded."""
    source, where = where, _sentence_start(where)  # ``where`` starts the sentences below
    if not data:
        raise UnreadableImage(f"{where} is empty (0 bytes). Choose another file.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise ImageTooLarge(f"{where} claims an enormous size and was not opened ({error}).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UnreadableImage(f"{where} is not an image we can read. Use a JPEG or PNG photo.") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(f"{where} says it is {width} x {height} pixels, too large to open safely. Use a smaller image (under about 8000 x 8000).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UnreadableImage(f"{where} looks like an image but is damaged or cut short. Try saving or downloading it again.") from None
    image.info.setdefault("realorfake_source", source)
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
        raise UnreadableImage(f"{_sentence_start(where)} has no pixels.")
    return np.ascontiguousarray(rgb)


def _array_to_rgb(array: np.ndarray) -> np.ndarray:
    """Accept common array layouts (gray, RGB, RGBA; uint8, uint16, float, bool) as RGB uint8."""
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise WrongShape(f"Expected an image array of shape (H, W), (H, W, 3) or (H, W, 4); got {array.shape}.")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise WrongShape(f"The image array is empty (shape {array.shape}).")
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif array.dtype == np.uint16:
        array = (array.astype(np.float64) / 257.0 + 0.5).astype(np.uint8)
    elif np.issubdtype(array.dtype, np.floating):
        if not np.isfinite(array).all():
            raise WrongShape("The image array contains NaN or infinite values.")
        low, high = float(array.min()), float(array.max())
        if low < -1e-3 or high > 255.0 + 1e-3:
            raise WrongShape(f"Float image values must lie in 0..1 (or 0..255); got {low:g}..{high:g}.")
        scale = 255.0 if high <= 1.0 + 1e-3 else 1.0  # 0..1, allowing for rounding just above 1
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


def resize_factor(shape: tuple[int, ...], side: float, *, enlarge: bool = True) -> float:
    """The scale factor that gives an image of ``shape`` (H, W, ...) a longest side of ``side`` pixels.

    With ``enlarge=False`` the factor is at most 1 (small images keep their size).
    Raises ``OutOfRange`` for a ``side`` under 1.
    """
    if not side >= 1:
        raise OutOfRange(f"The longest side must be at least 1 pixel (got {side!r}).")
    factor = float(side) / max(int(shape[0]), int(shape[1]), 1)
    return factor if enlarge else min(factor, 1.0)


def resize_longest(image: np.ndarray, side: float, *, enlarge: bool = True, pixelated: bool = False) -> np.ndarray:
    """``image`` (an array of shape (H, W) or (H, W, C)) resized so its longest side is ``side`` pixels.

    Shrinking averages pixels (``cv2.INTER_AREA``); enlarging is smooth
    (``cv2.INTER_CUBIC``) or, with ``pixelated=True``, repeats pixels
    (``cv2.INTER_NEAREST``) so that each one stays visible. ``enlarge=False``
    leaves smaller images as they are. The dtype is kept; the input is never
    modified. Raises ``OutOfRange`` for a ``side`` under 1.
    """
    factor = resize_factor(image.shape, side, enlarge=enlarge)
    height, width = image.shape[:2]
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    if size == (width, height):
        return image
    if factor < 1:
        interpolation = cv2.INTER_AREA
    else:
        interpolation = cv2.INTER_NEAREST if pixelated else cv2.INTER_CUBIC
    return cv2.resize(image, size, interpolation=interpolation)
