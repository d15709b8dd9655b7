"""Every fake the course makes is labelled: a visible badge and a machine-readable label.

The visible badge is an opaque dark strip across the full width of the bottom of
the image, with white text that starts with ``SYNTHETIC``. Because the strip is
opaque and drawn the same way every time, adding it twice changes nothing, and
:func:`has_badge` can recognise it by drawing it again and comparing.

The machine-readable label is the IPTC "digital source type" in an XMP packet
(the vocabulary that news agencies, camera makers and C2PA use), written into
PNG and JPEG files by :func:`save_fake` and read back by :func:`is_labelled`
and :func:`read_label`. The EU AI Act (Article 50) asks providers of generators
to mark synthetic output in a machine-readable way (it names no format; this
IPTC field is one that news and camera tools already read). On top of both,
:func:`save_fake` signs the file with content credentials, a C2PA manifest
(:mod:`realorfake.provenance`, Lesson 07): a label whose seal breaks when the
pixels change.

Tools that study the picture itself (the forensic views, a detector) should not
see the badge: :func:`above_badge` cuts it off once, before they run.

Core layer: imports :mod:`realorfake.errors`, :mod:`realorfake.images` and
:mod:`realorfake.files`, and :mod:`realorfake.provenance` lazily, when it saves a fake.
"""

from __future__ import annotations

import os
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple, Union
from xml.sax.saxutils import escape, quoteattr

import numpy as np
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from .errors import CourseError, UnknownName, WrongShape
from .files import replacing
from .images import load_image, open_image

# ------------------------------------------------------------------ the badge

#: The word every badge starts with.
BADGE_TEXT = "SYNTHETIC"
#: The full text of the badge, shortened on narrow images (see ``_BADGE_LINES``).
BADGE_LINE = f"{BADGE_TEXT} · made by the Real or Fake? course"
_BADGE_LINES = (BADGE_LINE, f"{BADGE_TEXT} · Real or Fake? course", BADGE_TEXT)
#: Text of the neutral strip shown in quizzes before the answer is revealed.
QUESTION_TEXT = "REAL OR FAKE?  answer to reveal"
REAL_TEXT = "REAL PHOTO"

# Colours are neutral greys for the badge, so it survives conversion to grayscale.
BADGE_COLORS = ((20, 20, 20), (255, 255, 255))
QUESTION_COLORS = ((52, 58, 72), (255, 255, 255))
REAL_COLORS = ((22, 112, 52), (255, 255, 255))

#: Smallest font size (pixels) used before the text is simply cut at the edge.
_MIN_FONT = 7
#: Mean difference (grey levels) still accepted by ``has_badge(..., lossy=True)``.
LOSSY_TOLERANCE = 8.0


def badge_height(height: int) -> int:
    """Height in pixels of the badge strip on an image ``height`` pixels tall."""
    return max(14, round(int(height) / 16))


def _strip_rows(height: int) -> int:
    """Rows the strip really covers (never more than the image has)."""
    return min(int(height), badge_height(height))


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's bundled default font at ``size`` pixels (no download needed)."""
    return ImageFont.load_default(size=size)


def _text_width(text: str, size: int) -> int:
    left, _, right, _ = _font(size).getbbox(text)
    return right - left


def _shorter_versions(text: str) -> list[str]:
    """The text, then shorter versions cut at separators ("·" or two spaces) from the right."""
    if text == BADGE_LINE:
        return list(_BADGE_LINES)
    pieces = re.split(r"(\s+·\s+|\s{2,})", text)
    versions = [text]
    for end in range(len(pieces) - 2, 0, -2):
        versions.append("".join(pieces[:end]))
    return versions


def _fit(text: str, width: int, rows: int) -> tuple[str, int]:
    """Choose the longest version of ``text`` and a font size that fit the strip."""
    size = max(_MIN_FONT, round(rows * 0.7))
    smallest = min(size, max(9, round(rows * 0.45)))  # shrink before dropping words
    margin = max(2, rows // 3)
    versions = _shorter_versions(text)
    for version in versions:
        for candidate in range(size, smallest - 1, -1):
            if _text_width(version, candidate) <= width - 2 * margin:
                return version, candidate
    shortest = versions[-1]
    while size > _MIN_FONT and _text_width(shortest, size) > width - 2 * margin:
        size -= 1
    return shortest, size


@lru_cache(maxsize=64)
def _render_strip(width: int, rows: int, text: str, background: tuple, foreground: tuple) -> np.ndarray:
    """Draw one strip (rows x width x 3), the same way every time."""
    strip = Image.new("RGB", (width, rows), background)
    if rows >= 6 and width >= 6:
        line, size = _fit(text, width, rows)
        font = _font(size)
        draw = ImageDraw.Draw(strip)
        left, _, right, _ = draw.textbbox((0, 0), line, font=font)
        _, top, _, bottom = draw.textbbox((0, 0), "H", font=font)  # centre on capital letters
        x = (width - (right - left)) / 2 - left
        y = (rows - (bottom - top)) / 2 - top
        draw.text((round(x), round(y)), line, fill=foreground, font=font)
    array = np.asarray(strip, dtype=np.uint8).copy()
    array.setflags(write=False)
    return array


def _with_strip(image, text: str, colors: tuple) -> np.ndarray:
    """A copy of the image (as RGB uint8) with an opaque strip at the bottom."""
    out = np.array(load_image(image, max_side=None), dtype=np.uint8, copy=True)
    height, width = out.shape[:2]
    rows = _strip_rows(height)
    out[height - rows :] = _render_strip(width, rows, text, *colors)
    return out


def _one_line(text: str) -> str:
    """The text on one line (line breaks and tabs become spaces), trimmed."""
    return re.sub(r"[\r\n\t]+", " ", str(text)).strip()


def _badge_line(text: str | None) -> str:
    """The badge text: the default line, or ``text`` made to start with SYNTHETIC."""
    if text is None or not _one_line(text):
        return BADGE_LINE
    text = _one_line(text)
    return text if text.startswith(BADGE_TEXT) else f"{BADGE_TEXT} · {text}"


def add_badge(image, text: str | None = None) -> np.ndarray:
    """A new RGB uint8 image with the visible SYNTHETIC badge across its bottom.

    ``text`` replaces the default line (it is made to start with SYNTHETIC). The
    input is never modified; adding the badge twice gives the same image.
    Grayscale, RGBA, paths and bytes are accepted (see ``images.load_image``).
    """
    return _with_strip(image, _badge_line(text), BADGE_COLORS)


def badge_below(image) -> np.ndarray:
    """The image with the badge added as a NEW strip underneath, covering no pixel.

    For crops and close-ups of a fake, which lose the badge at the bottom of the
    full picture: every fake the course shows stays labelled.
    """
    rgb = load_image(image, max_side=None)
    height, width = rgb.shape[:2]
    pad = badge_height(height)
    for _ in range(8):  # the strip's height depends on the padded height: settle it
        if badge_height(height + pad) == pad:
            break
        pad = badge_height(height + pad)
    return add_badge(np.vstack([rgb, np.zeros((pad, width, 3), dtype=np.uint8)]))


def has_badge(image, text: str | None = None, *, lossy: bool = False) -> bool:
    """True when the bottom strip is the SYNTHETIC badge (every value within 1 grey level).

    A picture that travelled is no longer exact: pass ``lossy=True`` to accept a
    strip whose mean difference is under ``LOSSY_TOLERANCE`` grey levels (JPEG),
    or one that was resized and recompressed, recognised by its shape
    (:func:`resized_badge_rows`). Never raises for an image ``load_image`` reads.
    """
    rgb = load_image(image, max_side=None)
    height, width = rgb.shape[:2]
    rows = _strip_rows(height)
    expected = _render_strip(width, rows, _badge_line(text), *BADGE_COLORS)
    difference = np.abs(rgb[height - rows :].astype(np.int16) - expected)
    if int(difference.max()) <= 1:
        return True
    if not lossy:
        return False
    if float(difference.mean()) <= LOSSY_TOLERANCE and (width < 10 * rows or _letters_match(rgb[height - rows :], text)):
        return True  # blurred by JPEG: close on average and, on a wide strip where letters are a small share, the badge's letters
    return resized_badge_rows(rgb, text) > 0


def _dark(pixels: np.ndarray) -> np.ndarray:
    """Which pixels (..., 3) look like the badge's dark grey: near (20, 20, 20) and without color."""
    values = pixels.astype(np.int16)
    return (values.max(axis=-1) < 70) & (values.max(axis=-1) - values.min(axis=-1) < 25)


def _letters_profile(band: np.ndarray, bins: int = 48) -> np.ndarray | None:
    """How much bright text each column of a strip holds, over the text's extent, in ``bins`` values (None: no text)."""
    light = np.clip(band.astype(np.float32).mean(axis=-1) - 60.0, 0.0, None).sum(axis=0)
    if light.max() <= 0:
        return None
    filled = np.nonzero(light > 0.05 * light.max())[0]
    if filled[-1] - filled[0] < 8:
        return None
    span = light[filled[0] : filled[-1] + 1]
    return np.interp(np.linspace(0, len(span) - 1, bins * 4), np.arange(len(span)), span).reshape(bins, 4).mean(axis=1)


@lru_cache(maxsize=8)
def _reference_profiles(text: str) -> tuple[np.ndarray, ...]:
    """The letters' profiles of each version of a badge line, drawn at several strip heights (as badges look before they are resized)."""
    profiles = []
    for rows in (14, 18, 24, 32, 64):  # small badges are drawn with small, hinted letters: keep those too
        for line in _shorter_versions(text):
            size = max(_MIN_FONT, round(rows * 0.7))
            strip = _render_strip(_text_width(line, size) + 2 * rows, rows, line, *BADGE_COLORS)
            profiles.append(_letters_profile(strip))
    return tuple(profile for profile in profiles if profile is not None)


#: Smallest correlation between a strip's letters and the badge text's for :func:`resized_badge_rows`.
RESIZED_MATCH = 0.7


def _letters_match(band: np.ndarray, text: str | None) -> bool:
    """Whether a strip's bright letters have the column profile of the badge text (correlation >= ``RESIZED_MATCH``)."""
    mine = _letters_profile(band)
    if mine is None or mine.std() == 0:
        return False
    return max(float(np.corrcoef(mine, reference)[0, 1]) for reference in _reference_profiles(_badge_line(text))) >= RESIZED_MATCH


def resized_badge_rows(image, text: str | None = None) -> int:
    """Rows of a SYNTHETIC badge that was resized and recompressed (0 when there is none): a search by shape.

    Resizing moves the letters off the pixel grid, so the badge cannot be drawn
    again and compared pixel by pixel. It is recognised by what survives: a
    dark band across the bottom, about a sixteenth of the height, holding
    centred bright letters whose column profile correlates with the badge
    text's (at least ``RESIZED_MATCH``). On the course's real photos the
    correlation stays under 0.2.
    """
    rgb = load_image(image, max_side=None)
    height, width = rgb.shape[:2]
    rows = max(4, round(height / 16))
    if height < 2 * rows or width < 24:
        return 0
    band = rgb[height - rows :]
    edge = max(1, rows // 8)
    if _dark(band[-edge:]).mean() < 0.9 or _dark(band).mean() < 0.45:
        return 0
    bright = np.nonzero((band.astype(np.int16).min(axis=-1) > 120).any(axis=0))[0]
    if len(bright) == 0 or abs((bright[0] + bright[-1]) / 2 - width / 2) > 0.12 * width:
        return 0  # the badge's letters are centred
    return rows if _letters_match(band, text) else 0


def badge_rows(image) -> int:
    """How many rows at the bottom of ``image`` the SYNTHETIC badge covers: 0 when there is none.

    A badge blurred by JPEG compression is recognised (``lossy=True``); one
    blurred beyond that, or an image less than two strips tall, gives 0.
    """
    rgb = load_image(image, max_side=None)
    height = rgb.shape[0]
    if height < 2 * badge_height(height):
        return 0
    if has_badge(rgb):
        return _strip_rows(height)
    if not has_badge(rgb, lossy=True):
        return 0
    return resized_badge_rows(rgb) or _strip_rows(height)  # a resized badge has its own height


def above_badge(image) -> np.ndarray:
    """The picture without the SYNTHETIC badge strip at its bottom (the whole image when it has none).

    Returns an RGB uint8 view of shape (H - rows, W, 3): the rows keep their
    numbers, so landmarks found on the full image still fit. The forensic views
    and the detector study this part only; the badge is the label, not the picture.
    """
    rgb = load_image(image, max_side=None)
    rows = badge_rows(rgb)
    return rgb[: rgb.shape[0] - rows] if rows else rgb


def is_labelled_fake(image) -> bool:
    """True for an RGB uint8 picture (H, W, 3) whose bottom strip is the SYNTHETIC badge (JPEG-blurred is fine).

    Anything else (another dtype, a 2-D map, a tiny array) is not a labelled fake
    and gives False; this never raises.
    """
    array = np.asarray(image)
    if array.dtype != np.uint8 or array.ndim != 3 or array.shape[2] != 3 or min(array.shape[:2]) < 8:
        return False
    return has_badge(array, lossy=True)


def question_strip(image, text: str = QUESTION_TEXT) -> np.ndarray:
    """Cover the bottom strip with a neutral "REAL OR FAKE?" strip (same place and size as the badge).

    Quizzes draw it over real and fake images alike, so the badge does not give
    the answer away before the learner votes.
    """
    return _with_strip(image, _one_line(text) or QUESTION_TEXT, QUESTION_COLORS)


def answer_strip(image, is_fake: bool, note: str = "", real_text: str = REAL_TEXT) -> np.ndarray:
    """The reveal: the SYNTHETIC badge for a fake, a green "REAL PHOTO" strip (``real_text``) for a real photo.

    ``note`` is added after a "·" (for example the method or the photo's credit).
    """
    note = _one_line(note)
    real_text = _one_line(real_text) or REAL_TEXT
    if is_fake:
        return add_badge(image, f"{BADGE_TEXT} · {note}" if note else None)
    return _with_strip(image, f"{real_text} · {note}" if note else real_text, REAL_COLORS)


# ------------------------------------------------------- machine-readable label

_IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
#: Made by a model trained on sampled data (a GAN, a diffusion model, a trained autoencoder).
TRAINED_ALGORITHMIC = _IPTC + "trainedAlgorithmicMedia"
#: A composite of several elements, at least one of them synthetic (a swap, a paste, a morph).
COMPOSITE_SYNTHETIC = _IPTC + "compositeSynthetic"
#: Made purely by an algorithm, not by a model trained on sampled data.
ALGORITHMIC = _IPTC + "algorithmicMedia"
#: Source types that mean "synthetic" (is_labelled accepts any of them).
SYNTHETIC_SOURCE_TYPES = frozenset({TRAINED_ALGORITHMIC, COMPOSITE_SYNTHETIC, ALGORITHMIC, _IPTC + "compositeWithTrainedAlgorithmicMedia"})


class Method(NamedTuple):
    """How the course made a fake: its IPTC digital source type and a one-line description."""

    source_type: str
    description: str


#: The ways the course makes fakes, by the name saved in the label.
METHODS: dict[str, Method] = {
    "face_swap": Method(COMPOSITE_SYNTHETIC, "One person's face warped and blended onto another person's photo."),
    "morph": Method(COMPOSITE_SYNTHETIC, "A blend of two faces, warped halfway between their shapes."),
    "reenactment": Method(COMPOSITE_SYNTHETIC, "A real photo whose mouth was moved by warping (no words added)."),
    "average_face": Method(ALGORITHMIC, "The pixel average of many face photos: a person who does not exist."),
    "mirror_face": Method(COMPOSITE_SYNTHETIC, "One half of a real face mirrored onto the other, making it perfectly symmetric."),
    "copy_move": Method(COMPOSITE_SYNTHETIC, "A patch of a real photo copied and pasted elsewhere in the same photo."),
    "feature_paste": Method(COMPOSITE_SYNTHETIC, "The eyes of one real portrait pasted onto another."),
    "self_blend": Method(COMPOSITE_SYNTHETIC, "A face blended onto a slightly altered copy of itself, to train a detector."),
    "adversarial": Method(COMPOSITE_SYNTHETIC, "A real or fake image with a tiny computed pattern added to fool a detector."),
    "trained_generator": Method(TRAINED_ALGORITHMIC, "An image made by a trained generative model."),
}

CREATOR_TOOL = "Real or Fake? course"
#: XML namespace of the course's own XMP property ``realorfake:method``.
REALORFAKE_NS = "https://github.com/real-or-fake/course/ns/1.0/"
_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    "realorfake": REALORFAKE_NS,
}
#: PNG text keys written next to the XMP packet.
PNG_XMP_KEY = "XML:com.adobe.xmp"
PNG_SYNTHETIC_KEY = "realorfake:synthetic"
PNG_METHOD_KEY = "realorfake:method"


def method_info(method: str) -> Method:
    """The source type and description of a method; ``UnknownName`` with the choices otherwise."""
    if method not in METHODS:
        raise UnknownName(f"Unknown method {method!r}. Choose one of: {', '.join(METHODS)}.")
    return METHODS[method]


def xmp_packet(method: str, description: str | None = None) -> str:
    """A small XMP packet saying the image is synthetic: IPTC digital source type,
    dc:description, xmp:CreatorTool and the course's ``realorfake:method``."""
    info = method_info(method)
    description = " ".join(str(description if description is not None else info.description).split())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        f'<x:xmpmeta xmlns:x="{_NS["x"]}">\n'
        f' <rdf:RDF xmlns:rdf="{_NS["rdf"]}">\n'
        '  <rdf:Description rdf:about=""\n'
        f'    xmlns:Iptc4xmpExt="{_NS["Iptc4xmpExt"]}"\n'
        f'    xmlns:dc="{_NS["dc"]}"\n'
        f'    xmlns:xmp="{_NS["xmp"]}"\n'
        f'    xmlns:realorfake="{_NS["realorfake"]}"\n'
        f"    Iptc4xmpExt:DigitalSourceType={quoteattr(info.source_type)}\n"
        f"    xmp:CreatorTool={quoteattr(CREATOR_TOOL)}\n"
        f"    realorfake:method={quoteattr(method)}>\n"
        "   <dc:description>\n"
        "    <rdf:Alt>\n"
        f'     <rdf:li xml:lang="x-default">{escape(description)}</rdf:li>\n'
        "    </rdf:Alt>\n"
        "   </dc:description>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


class UnlabelledFakeWarning(UserWarning):
    """A fake was saved without its visible badge and machine-readable label."""


_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def save_fake(
    image,
    path: str | os.PathLike,
    *,
    method: str,
    label: bool = True,
    quality: int = 92,
    description: str | None = None,
) -> Path:
    """Save a fake as PNG or JPEG (by the suffix) with its visible badge and machine-readable label.

    PNG gets the XMP packet in an iTXt chunk plus ``realorfake:synthetic`` and
    ``realorfake:method`` text chunks; JPEG gets the XMP packet (APP1) and an EXIF
    ImageDescription starting "SYNTHETIC:". Both are then signed with content
    credentials (a C2PA manifest whose action ``c2pa.created`` carries the
    method's IPTC source type, :mod:`realorfake.provenance`); where the signing
    library is missing the file keeps its badge and XMP label and a
    ``ProvenanceWarning`` says so. ``label=False`` saves the plain image
    with neither badge nor label nor credentials, and warns. Nothing is written when an error is
    raised (the file is written next to ``path`` first, then renamed).
    """
    info = method_info(method)
    if not isinstance(path, (str, os.PathLike)):
        raise CourseError(f"Give the file name as text or a Path, such as 'my_fake.png' (got {type(path).__name__}).")
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CourseError(f"Cannot save a fake as {path.suffix or 'a file without a suffix'!r}: use a name ending in .png (lossless, best for lessons) or .jpg.")
    if path.is_dir():
        raise CourseError(f"{str(path)!r} is a folder; give a file name such as {str(path / 'fake.png')!r}.")
    if fmt == "JPEG" and not (isinstance(quality, (int, np.integer)) and 1 <= quality <= 100):
        raise CourseError(f"JPEG quality must be a whole number from 1 to 100 (got {quality!r}).")
    rgb = load_image(image, max_side=None)
    text = " ".join(str(description if description is not None else info.description).split())
    if label:
        pixels = Image.fromarray(add_badge(rgb))
        options = _png_label(method, text) if fmt == "PNG" else _jpeg_label(method, text)
    else:
        pixels = Image.fromarray(rgb)
        options = {}
    if fmt == "JPEG":
        options["quality"] = int(quality)
    _write_atomically(pixels, path, fmt, options)
    if label:
        from .provenance.credentials import sign_or_warn  # lazily: the signing library loads only when a fake is saved

        sign_or_warn(path, method=method, description=text)
    else:
        badge = "the badge already drawn in its pixels remains, but it is easy to crop off" if has_badge(rgb) else "no visible badge"
        message = f"Saved an UNLABELLED fake to {path}: no machine-readable label ({badge}). Do not share it; anyone who sees it could take it for a real photo."
        warnings.warn(message, UnlabelledFakeWarning, stacklevel=2)
    return path


def _png_label(method: str, description: str) -> dict:
    info = PngImagePlugin.PngInfo()
    info.add_itxt(PNG_XMP_KEY, xmp_packet(method, description), zip=False)
    info.add_text(PNG_SYNTHETIC_KEY, "true")
    info.add_text(PNG_METHOD_KEY, method)
    info.add_text("Software", CREATOR_TOOL)
    return {"pnginfo": info}


def _jpeg_label(method: str, description: str) -> dict:
    exif = Image.Exif()
    exif[0x010E] = _ascii(f"{BADGE_TEXT}: {description} ({method}, made by the {CREATOR_TOOL})")
    exif[0x0131] = CREATOR_TOOL  # Software
    return {"xmp": xmp_packet(method, description).encode("utf-8"), "exif": exif}


def _ascii(text: str) -> str:
    """EXIF text fields are ASCII."""
    return text.encode("ascii", "replace").decode("ascii")


def _write_atomically(image: Image.Image, path: Path, fmt: str, options: dict) -> None:
    with replacing(path) as temporary:
        image.save(temporary, format=fmt, **options)


# --------------------------------------------------------- reading labels back

LabelSource = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO]


def _open(src: LabelSource) -> Image.Image:
    """Open an image file for its metadata; ``UnreadableImage`` when it is not one."""
    if isinstance(src, (np.ndarray, Image.Image)):
        raise WrongShape("A pixel array carries no metadata: pass the saved file's path or bytes (use has_badge() to look for the visible badge).")
    if not isinstance(src, (str, os.PathLike, bytes, bytearray, memoryview)) and not hasattr(src, "read"):
        raise WrongShape(f"Pass a path, bytes or a file object, not {type(src).__name__}.")
    return open_image(src)  # PNG text after the pixels is read as the image loads


def _parse_xml(packet: bytes | str):
    """Parse an XMP packet safely (defusedxml when installed); None when it is not XML."""
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    try:
        from defusedxml.ElementTree import fromstring
    except ImportError:  # the standard parser; recent expat refuses entity bombs
        from xml.etree.ElementTree import fromstring
    try:
        return fromstring(packet.strip(b"\x00 \r\n\t"))
    except Exception:  # malformed or hostile XMP is simply "no label"
        return None


def _xmp_fields(packet: bytes | str) -> dict[str, str | None]:
    """Digital source type, method and description from an XMP packet (attribute or element form)."""
    root = _parse_xml(packet)
    fields: dict[str, str | None] = {"source_type": None, "method": None, "description": None}
    if root is None:
        return fields
    wanted = {
        f"{{{_NS['Iptc4xmpExt']}}}DigitalSourceType": "source_type",
        f"{{{_NS['realorfake']}}}method": "method",
    }
    resource = f"{{{_NS['rdf']}}}resource"
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in wanted and fields[wanted[name]] is None:
                fields[wanted[name]] = value.strip()
        if element.tag in wanted and fields[wanted[element.tag]] is None:
            value = element.get(resource) or (element.text or "").strip()
            fields[wanted[element.tag]] = value or None
        if element.tag == f"{{{_NS['dc']}}}description" and fields["description"] is None:
            texts = [(item.text or "").strip() for item in element.iter(f"{{{_NS['rdf']}}}li")]
            fields["description"] = next((t for t in texts if t), None)
    return fields


def _exif_label(image: Image.Image) -> str | None:
    """The method named by an EXIF ImageDescription that save_fake wrote ("SYNTHETIC: ... (method, made by the ...)"), else None."""
    try:
        description = str(image.getexif().get(0x010E, ""))
    except Exception:  # a broken EXIF block is simply "no label"
        return None
    if not description.startswith(f"{BADGE_TEXT}:"):
        return None
    found = re.search(r"\((\w+), made by the ", description)
    return found.group(1) if found else "unknown"


def read_label(src: LabelSource) -> dict | None:
    """The machine-readable label of an image file: ``method``, ``source_type``, ``description``.

    Returns None when the file carries no synthetic label. Raises
    ``UnreadableImage`` for files that are not readable images.
    """
    image = _open(src)
    info = image.info
    packet = info.get(PNG_XMP_KEY) or info.get("xmp")
    fields = _xmp_fields(packet) if packet else {"source_type": None, "method": None, "description": None}
    synthetic_type = fields["source_type"] in SYNTHETIC_SOURCE_TYPES
    png_flag = str(info.get(PNG_SYNTHETIC_KEY, "")).strip().lower() == "true"
    exif_method = _exif_label(image)  # a copy that kept the EXIF but lost the XMP (some editors and crops do)
    if not (synthetic_type or png_flag or exif_method):
        return None
    method = fields["method"] or (str(info[PNG_METHOD_KEY]) if PNG_METHOD_KEY in info else None) or (exif_method if exif_method in METHODS else None)
    known = METHODS.get(method) if method else None
    return {
        "method": method,
        "source_type": fields["source_type"] if synthetic_type else (known.source_type if known else None),
        "description": fields["description"] or (known.description if known else None),
    }


def is_labelled(src: LabelSource) -> bool:
    """True when an image file carries a machine-readable synthetic label (XMP or the course's PNG key)."""
    return read_label(src) is not None


__all__ = [
    "ALGORITHMIC",
    "BADGE_LINE",
    "BADGE_TEXT",
    "COMPOSITE_SYNTHETIC",
    "LOSSY_TOLERANCE",
    "METHODS",
    "Method",
    "QUESTION_TEXT",
    "SYNTHETIC_SOURCE_TYPES",
    "TRAINED_ALGORITHMIC",
    "UnlabelledFakeWarning",
    "add_badge",
    "answer_strip",
    "above_badge",
    "badge_below",
    "badge_height",
    "badge_rows",
    "has_badge",
    "is_labelled_fake",
    "is_labelled",
    "method_info",
    "question_strip",
    "read_label",
    "save_fake",
    "xmp_packet",
]
