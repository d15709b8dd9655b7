"""What happens to a signed file on its way round the internet: two edits for Lesson 07's experiments.

* :func:`recompress_like_chat_app` does what chat apps and most social networks
  do to a photo: shrink it, re-encode it as JPEG, and keep no metadata. The copy
  looks the same and carries **no** content credentials: their absence proves
  nothing about a file.
* :func:`change_one_pixel` changes one pixel and saves the picture again keeping
  every metadata block of the original, the C2PA manifest included (what an
  editor that "preserves metadata" does). The manifest is still there, and its
  hash no longer matches: validation fails.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np

from ..errors import CourseError, UnreadableImage, check_number
from ..files import replacing
from ..images import load_image, resize_longest

#: A chat app's usual longest side (pixels) and JPEG quality.
CHAT_SIDE = 1600
CHAT_QUALITY = 75
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def recompress_like_chat_app(path: str | os.PathLike, out: str | os.PathLike, *, max_side: int = CHAT_SIDE, quality: int = CHAT_QUALITY) -> Path:
    """Save a copy of an image the way a chat app sends it: longest side at most ``max_side`` pixels, JPEG at ``quality``, no metadata.

    The copy of a course fake keeps its visible badge but no XMP label and no credentials: that is the point of
    the experiment, so the copy's name should say what it is (Lesson 07 writes ``..._chat.jpg`` beside the fake).

    ``out`` must end in .jpg or .jpeg. Returns ``out``. Raises ``UnreadableImage``
    (not an image), ``OutOfRange`` (``max_side`` 64–8000, ``quality`` 1–100) and
    ``CourseError`` (the name).
    """
    target = Path(out)
    if target.suffix.lower() not in (".jpg", ".jpeg"):
        raise CourseError(f"Chat apps send JPEGs: give the copy a name ending in .jpg (got {target.name!r}).")
    data = chat_app_jpeg(load_image(path, max_side=None), max_side=max_side, quality=quality)
    with replacing(target) as temporary:
        temporary.write_bytes(data)
    return target


def chat_app_jpeg(rgb: np.ndarray, *, max_side: int = CHAT_SIDE, quality: int = CHAT_QUALITY) -> bytes:
    """An RGB uint8 picture (H, W, 3) as a chat app sends it: JPEG bytes, longest side at most ``max_side``, no metadata.

    A fake keeps its visible badge (it is in the pixels) and loses every machine-readable label: that loss is what
    Lesson 07 shows. Raises ``OutOfRange`` for ``max_side`` outside 64–8000 or ``quality`` outside 1–100.
    """
    side = int(check_number(max_side, "max_side", 64, 8000))
    quality = int(check_number(quality, "quality", 1, 100))
    smaller = resize_longest(rgb, side, enlarge=False)
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(np.ascontiguousarray(smaller), cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 RGB image
        raise CourseError("OpenCV could not encode the copy as JPEG.")
    return data.tobytes()


def change_one_pixel(path: str | os.PathLike, out: str | os.PathLike, *, xy: tuple[int, int] | None = None) -> Path:
    """Copy a PNG or JPEG with one pixel changed, keeping all its metadata blocks (content credentials included).

    The pixel at ``xy`` = (x, y) (default: the centre) gets each colour channel
    moved by 1 (up, or down at 255): invisible to the eye. A PNG is re-encoded
    losslessly, so that pixel is the only difference; a JPEG is re-encoded at
    quality 95, which moves other pixels by a little too. The original's chunks
    (PNG) or APP segments (JPEG), XMP and the C2PA manifest among them, are copied
    unchanged. ``out`` must have the input's kind. Returns ``out``. Raises
    ``UnreadableImage`` (not a PNG or JPEG), ``OutOfRange`` (``xy`` outside the
    picture) and ``CourseError`` (the name).
    """
    source, target = Path(path), Path(out)
    if not source.is_file():
        raise UnreadableImage(f"There is no file {str(source)!r}: check the name and the folder.")
    data = source.read_bytes()
    if data.startswith(_PNG_SIGNATURE):
        kind, suffixes = ".png", (".png",)
    elif data.startswith(b"\xff\xd8\xff"):
        kind, suffixes = ".jpg", (".jpg", ".jpeg")
    else:
        raise UnreadableImage(f"{source.name} is not a PNG or JPEG image.")
    if target.suffix.lower() not in suffixes:
        raise CourseError(f"{source.name} is a {kind[1:].upper()}: give the changed copy a name ending in {' or '.join(suffixes)} (got {target.name!r}).")
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if pixels is None:
        raise UnreadableImage(f"{source.name} could not be decoded: the file is damaged.")
    height, width = pixels.shape[:2]
    x, y = (width // 2, height // 2) if xy is None else xy
    x = int(check_number(x, "x", 0, width - 1))
    y = int(check_number(y, "y", 0, height - 1))
    top = np.iinfo(pixels.dtype).max
    pixels[y, x] = np.where(pixels[y, x] >= top, pixels[y, x] - 1, pixels[y, x] + 1)
    if kind == ".png":
        ok, encoded = cv2.imencode(".png", pixels)
        result = _png_with_chunks_of(data, encoded.tobytes()) if ok else None
    else:
        ok, encoded = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 95])
        result = _jpeg_with_segments_of(data, encoded.tobytes()) if ok else None
    if result is None:
        raise UnreadableImage(f"{source.name} has a layout this experiment cannot copy (it is damaged or unusual).")
    with replacing(target) as temporary:
        temporary.write_bytes(result)
    return target


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    """(type, body) of every chunk of a PNG; None when the file is cut or damaged."""
    chunks, at = [], len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if at + 12 + length > len(data):
            return None
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
        if kind == b"IEND":
            return chunks
    return None


def _png_with_chunks_of(original: bytes, encoded: bytes) -> bytes | None:
    """The original PNG's chunks with its header and pixel data (IHDR, IDAT) taken from ``encoded``."""
    old, new = _png_chunks(original), _png_chunks(encoded)
    if old is None or new is None:
        return None
    header = next(body for kind, body in new if kind == b"IHDR")
    pixel_data = [(kind, body) for kind, body in new if kind == b"IDAT"]
    out, placed = [], False
    for kind, body in old:
        if kind == b"IHDR":
            out.append((kind, header))
        elif kind == b"IDAT":
            if not placed:
                out += pixel_data
                placed = True
        elif kind not in (b"PLTE", b"tRNS"):  # the new encoding carries no palette
            out.append((kind, body))
    return _PNG_SIGNATURE + b"".join(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body)) for kind, body in out)


def _jpeg_segments(data: bytes) -> tuple[list[bytes], int] | None:
    """The APPn and COM segments (whole, marker included) before a JPEG's first other segment, and where that starts."""
    segments, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            return segments, at
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if at + 2 + length > len(data):
            return None
        segments.append(data[at : at + 2 + length])
        at += 2 + length
    return None


def _jpeg_with_segments_of(original: bytes, encoded: bytes) -> bytes | None:
    """SOI, the original's metadata segments, then the new encoding's tables and scan."""
    old, new = _jpeg_segments(original), _jpeg_segments(encoded)
    if old is None or new is None:
        return None
    return b"\xff\xd8" + b"".join(old[0]) + encoded[new[1] :]
