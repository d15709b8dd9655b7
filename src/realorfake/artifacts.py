"""Forensic views: the traces a face swap leaves, made visible as arrays you can plot.

Each analysis takes an image (RGB or grayscale, any type ``faces.load_image``
accepts) and returns arrays ready for ``plt.imshow`` or ``plt.plot``:

==================  ==========================================================
:func:`difference`   where two images differ (needs the untouched original)
:func:`boundary_map` edges that follow the face outline: a blending seam
:func:`seam_profile` edge strength against distance from the outline, as a curve
:func:`color_mismatch` skin colour inside the face against the skin around it
:func:`sharpness_map` local sharpness: a pasted face is often softer
:func:`error_level`  error level analysis (ELA): how much a JPEG re-save changes
:func:`spectrum`     the 2-D Fourier spectrum and its 1-D azimuthal average
:func:`noise_residual` the fine grain left after removing the picture
:func:`flicker`      frame-to-frame instability of a face in a clip
:func:`zoom_regions` eyes, mouth, face edge and hairline, enlarged
==================  ==========================================================

No view proves anything on its own: each docstring says what the view reveals
and when it fails (real photos can light up, compression and resizing wipe
traces out). The course's own fakes carry a SYNTHETIC badge at the bottom; the
analyses that would mostly see the badge's crisp text (ELA, sharpness, noise,
spectrum) leave those rows out, see :func:`badge_rows`.

The pictures to study (the course's fakes at several quality settings, and the
mystery cases) are in :mod:`realorfake.gallery`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from .errors import ImageTooSmall, NoFaceFound, WrongShape, check_number
from .faces import Face, ImageSource, as_rgb, check_face
from .label import badge_below, badge_height, has_badge

__all__ = [
    "ColourReport",
    "Flicker",
    "SeamProfile",
    "Spectrum",
    "ZOOM_REGIONS",
    "above_badge",
    "azimuthal_average",
    "badge_below",
    "badge_rows",
    "boundary_map",
    "color_mismatch",
    "colour_mismatch",
    "difference",
    "error_level",
    "flicker",
    "high_frequency_excess",
    "noise_residual",
    "seam_profile",
    "sharpness_map",
    "spectrum",
    "zoom_boxes",
    "zoom_regions",
]


# ------------------------------------------------------------------- helpers


def _rgb(image: ImageSource) -> np.ndarray:
    """Any image the course accepts, as RGB uint8 at its own size (arrays are never resized)."""
    return as_rgb(image)


def _gray(rgb: np.ndarray) -> np.ndarray:
    """Luma (0-255) as float32."""
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)


def _check_face(face: Face) -> None:
    check_face(face)


def _eye_distance(face: Face) -> float:
    left, right = face.eye_centers
    return max(float(np.hypot(*(right - left))), 1.0)


def _hull(face: Face, shape: tuple[int, ...]) -> np.ndarray:
    """uint8 mask (0/1) of the convex hull of the 68 landmarks."""
    mask = np.zeros(shape[:2], dtype=np.uint8)
    hull = cv2.convexHull(np.round(face.landmarks).astype(np.int32))
    cv2.fillConvexPoly(mask, hull, 1)
    return mask


def _signed_distance(face: Face, shape: tuple[int, ...]) -> np.ndarray:
    """Distance (px) of every pixel from the landmark hull's outline: negative inside, positive outside."""
    hull = _hull(face, shape)
    outside = cv2.distanceTransform(1 - hull, cv2.DIST_L2, 5)
    inside = cv2.distanceTransform(hull, cv2.DIST_L2, 5)
    return np.where(hull > 0, 0.5 - inside, outside - 0.5).astype(np.float32)


def _disk(radius: int) -> np.ndarray:
    radius = max(int(radius), 0)
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))


def badge_rows(image: ImageSource) -> int:
    """How many rows at the bottom the course's SYNTHETIC badge covers (0 when there is no badge).

    The badge is the label, not part of the picture: its crisp white text would
    dominate ELA, sharpness, noise and spectrum views, so those views leave it out.
    A badge blurred by heavy compression may not be recognised (then 0).
    """
    rgb = _rgb(image)
    height = rgb.shape[0]
    if height < 2 * badge_height(height) or not has_badge(rgb, lossy=True):
        return 0
    return min(height, badge_height(height))


def above_badge(image: ImageSource) -> np.ndarray:
    """The picture without the SYNTHETIC badge strip at its bottom (the whole image when it has none)."""
    rgb = _rgb(image)
    rows = badge_rows(rgb)
    return rgb[: rgb.shape[0] - rows] if rows else rgb


def _blank_badge(values: np.ndarray, rows: int) -> np.ndarray:
    if rows:
        values[values.shape[0] - rows :] = 0
    return values


# ---------------------------------------------------------------- difference


def difference(a: ImageSource, b: ImageSource) -> np.ndarray:
    """Where two images differ: the mean absolute difference of the three channels, per pixel.

    Returns float32 (H, W) in grey levels (0-255). Reveals exactly what an edit
    changed, including warped background and moved edges. Fails in practice
    because it needs the untouched original, which someone checking a photo
    rarely has; compression or resizing of one copy also lights up everywhere.
    Raises ``WrongShape`` when the images have different sizes.
    """
    first, second = _rgb(a), _rgb(b)
    if first.shape != second.shape:
        raise WrongShape(
            f"The two images have different sizes ({first.shape[1]} x {first.shape[0]} and "
            f"{second.shape[1]} x {second.shape[0]}): resize one to the other first (cv2.resize)."
        )
    return np.abs(first.astype(np.float32) - second.astype(np.float32)).mean(axis=2)


# -------------------------------------------------------------------- seams


def _colour_gradient(rgb: np.ndarray, sigma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical derivatives of the CIELAB image (per channel, units of Delta E per pixel)."""
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    if sigma > 0:
        lab = cv2.GaussianBlur(lab, (0, 0), sigma)
    gx = cv2.Sobel(lab, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(lab, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    return gx, gy


def _across_outline(rgb: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """Colour change per pixel in the direction across the hull outline (float32, H x W)."""
    smooth = cv2.GaussianBlur(distance, (0, 0), 2.0)
    nx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3)
    ny = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)
    norm = np.hypot(nx, ny) + 1e-6
    gx, gy = _colour_gradient(rgb)
    across = gx * (nx / norm)[..., None] + gy * (ny / norm)[..., None]
    return np.sqrt((across**2).sum(axis=2))


def boundary_map(image: ImageSource, face: Face, *, width: float | None = None) -> np.ndarray:
    """Evidence of a blending seam: colour edges that run along the face outline.

    Takes the convex hull of the 68 landmarks (where a landmark swap puts its
    mask edge), measures how fast the colour (CIELAB) changes *across* that
    outline, and keeps a ring ``width`` pixels either side (default 12% of the
    eye distance, at least 4 px). Returns float32 (H, W): Delta E per pixel, zero
    outside the ring. A pasted face shows a bright line all the way round, also
    over the forehead and cheeks, where a real face has no edge.

    Fails when: the jaw, hair or glasses make real edges on the outline (they
    light up too), a Poisson or feathered blend spreads the step out, or the
    landmarks are off by more than the ring's width.
    """
    _check_face(face)
    rgb = _rgb(image)
    distance = _signed_distance(face, rgb.shape)
    if width is None:
        width = max(4.0, 0.12 * _eye_distance(face))
    if width <= 0:
        raise WrongShape(f"width must be a positive number of pixels (got {width}).")
    ring = np.clip(1.0 - np.abs(distance) / float(width), 0.0, 1.0) ** 0.5
    return (_across_outline(rgb, distance) * ring).astype(np.float32)


class SeamProfile(NamedTuple):
    """Median colour edge strength at each distance from the face outline (negative: inside)."""

    distance: np.ndarray  # (k,) pixels
    strength: np.ndarray  # (k,) Delta E per pixel

    @property
    def contrast(self) -> float:
        """Peak strength within 4 px of the outline divided by the typical strength farther away.

        About 1-2 on real faces (the jaw line is a real edge), often 2.5 or more
        for a pasted face; Poisson blending brings it back down.
        """
        near = np.abs(self.distance) <= 4
        far = np.abs(self.distance) >= max(6, int(self.distance.max()) // 2)
        base = float(np.nanmedian(self.strength[far]))
        return float(np.nanmax(self.strength[near]) / max(base, 1e-6))


def seam_profile(image: ImageSource, face: Face, *, max_distance: int | None = None) -> SeamProfile:
    """How strong the colour edges are at each distance from the face outline, as a curve to plot.

    Using the median along the whole outline, real edges on part of it (the
    jaw) count less than a seam all the way round. A peak at 0 to -4 px (the
    mask sits just inside the landmarks) suggests a seam; a flat curve does not
    prove there is none. ``max_distance`` defaults to 30% of the eye distance.
    """
    _check_face(face)
    rgb = _rgb(image)
    if max_distance is None:
        max_distance = max(8, int(round(0.3 * _eye_distance(face))))
    distance = _signed_distance(face, rgb.shape)
    strength = _across_outline(rgb, distance)
    rows = badge_rows(rgb)
    index = np.round(distance).astype(np.int32)
    if rows:
        index[rgb.shape[0] - rows :] = 10**6  # the badge is not part of the picture
    steps = np.arange(-int(max_distance), int(max_distance) + 1)
    values = np.array([np.median(strength[index == d]) if np.any(index == d) else np.nan for d in steps])
    return SeamProfile(steps, values)


# ------------------------------------------------------------------- colour

#: Chroma limits (YCrCb) of the classic skin-colour rule of Chai and Ngan (1999).
SKIN_CR = (133, 173)
SKIN_CB = (77, 127)


@dataclass(frozen=True)
class ColourReport:
    """Mean CIELAB colour of the face and of the skin-coloured ring around it, and how far apart they are."""

    inside: np.ndarray  # (3,) L*, a*, b* of the inner face
    ring: np.ndarray  # (3,) L*, a*, b* of the skin-coloured pixels in the ring (NaN if none)
    ring_pixels: int  # how many ring pixels looked like skin
    ring_fraction: float  # their share of the ring

    @property
    def array(self) -> np.ndarray:
        """(2, 3): rows face and ring; columns L*, a*, b*."""
        return np.vstack([self.inside, self.ring])

    @property
    def lightness_gap(self) -> float:
        """Difference in lightness L* (face minus ring); light falls differently on face and neck, so expect some."""
        return float(self.inside[0] - self.ring[0])

    @property
    def colour_gap(self) -> float:
        """Distance between the two mean colours in the a*b* plane (hue and saturation, not lightness)."""
        return float(np.hypot(*(self.inside[1:] - self.ring[1:])))

    def chart(self, ax=None, title: str | None = None):
        """A small bar chart of L*, a*, b* for face and ring, bars painted in the mean colours; returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(3.6, 2.6))
        positions = np.arange(3)
        for offset, values, name in ((-0.2, self.inside, "face"), (0.2, self.ring, "skin around")):
            swatch = _lab_to_rgb(values) if np.isfinite(values).all() else (0.8, 0.8, 0.8)
            ax.bar(positions + offset, values, width=0.4, color=swatch, edgecolor="black", linewidth=0.6, label=name)
        ax.set_xticks(positions, ["L* (light)", "a* (red)", "b* (yellow)"])
        ax.axhline(0, color="black", linewidth=0.5)
        ax.legend(fontsize=8, frameon=False)
        ax.set_title(title or f"colour gap {self.colour_gap:.1f}, lightness gap {self.lightness_gap:+.1f}", fontsize=9)
        return ax


def _lab_to_rgb(lab: np.ndarray) -> tuple[float, float, float]:
    pixel = np.asarray(lab, dtype=np.float32).reshape(1, 1, 3)
    rgb = cv2.cvtColor(pixel, cv2.COLOR_LAB2RGB)[0, 0]
    return tuple(float(v) for v in np.clip(rgb, 0, 1))  # type: ignore[return-value]


def color_mismatch(image: ImageSource, face: Face) -> ColourReport:
    """Colour statistics inside the face against the skin in a ring around it.

    Inside: the landmark hull shrunk by 12% of the eye distance. Around: a ring
    from 5% to 35% of the eye distance outside the hull, keeping only pixels
    whose colour passes a classic skin rule (YCrCb), so hair, background and
    clothes are left out. Returns a :class:`ColourReport` (numbers, ``.array``
    and ``.chart()``). A face pasted without colour correction shows a large
    ``colour_gap``.

    Fails when: there is little skin around the face (``ring_pixels`` small,
    NaN when none), the lighting differs between face and neck in the real
    photo too, or the skin rule misses some skin tones or takes in a warm
    background (it is a rough rule). Compare with a real photo of the same scene.
    """
    _check_face(face)
    rgb = _rgb(image)
    eye = _eye_distance(face)
    hull = _hull(face, rgb.shape)
    rows = badge_rows(rgb)
    inner = cv2.erode(hull, _disk(round(0.12 * eye))) > 0
    ring = (cv2.dilate(hull, _disk(round(0.35 * eye))) > 0) & ~(cv2.dilate(hull, _disk(round(0.05 * eye))) > 0)
    if rows:
        inner[rgb.shape[0] - rows :] = False
        ring[rgb.shape[0] - rows :] = False
    if not inner.any():
        inner = hull > 0
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    skin = (ycc[..., 1] >= SKIN_CR[0]) & (ycc[..., 1] <= SKIN_CR[1]) & (ycc[..., 2] >= SKIN_CB[0]) & (ycc[..., 2] <= SKIN_CB[1])
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    around = ring & skin
    ring_mean = lab[around].mean(axis=0) if around.any() else np.full(3, np.nan, dtype=np.float32)
    return ColourReport(
        inside=lab[inner].mean(axis=0),
        ring=ring_mean,
        ring_pixels=int(around.sum()),
        ring_fraction=float(around.sum() / max(int(ring.sum()), 1)),
    )


colour_mismatch = color_mismatch


# ---------------------------------------------------------------- sharpness


def sharpness_map(image: ImageSource, tile: int = 16) -> np.ndarray:
    """Local sharpness: the variance of the Laplacian in a ``tile`` x ``tile`` window around each pixel.

    Returns float32 (H, W) as log10(1 + variance): about 1 for flat or blurred
    areas, 3-4 for crisp detail. A face taken from a smaller or blurrier photo,
    or generated at low resolution and enlarged, is softer (darker here) than
    the hair and clothes around it. The badge rows are set to 0.

    Fails when: the real photo has a shallow depth of field (a soft background
    or ear), smooth skin or make-up, motion blur, or when the whole image was
    compressed or resized (everything gets equally soft).
    """
    rgb = _rgb(image)
    tile = int(tile)
    if tile < 3:
        raise WrongShape(f"tile must be at least 3 pixels (got {tile}).")
    if min(rgb.shape[:2]) < tile:
        raise ImageTooSmall(f"The image ({rgb.shape[1]} x {rgb.shape[0]}) is smaller than one tile ({tile} px).")
    laplacian = cv2.Laplacian(_gray(rgb), cv2.CV_32F, ksize=3)
    mean = cv2.boxFilter(laplacian, -1, (tile, tile), borderType=cv2.BORDER_REFLECT)
    mean_square = cv2.boxFilter(laplacian * laplacian, -1, (tile, tile), borderType=cv2.BORDER_REFLECT)
    variance = np.maximum(mean_square - mean * mean, 0.0)
    return _blank_badge(np.log10(1.0 + variance).astype(np.float32), badge_rows(rgb))


# --------------------------------------------------------------------- ELA


def error_level(image: ImageSource, quality: int = 90, *, amplify: float = 10.0) -> np.ndarray:
    """Error level analysis (ELA): how much each pixel changes when the image is saved again as JPEG.

    Returns float32 (H, W): the mean absolute change of the three channels,
    multiplied by ``amplify`` and clipped to 0-255 (``amplify=1`` gives plain grey
    levels, unclipped). Parts that were already JPEG-compressed at about this
    quality change little; a region pasted in from an uncompressed or
    differently compressed picture often changes more, and glows. The badge
    rows are set to 0.

    Fails when: the whole image was saved again after the edit (every region
    then has the same history), at low qualities, and on real photos, where
    edges, text and fine texture always glow more than flat areas.
    """
    rgb = _rgb(image)
    from .data import jpeg

    amplify = check_number(amplify, "amplify", 0.1, 1000)
    again = jpeg(rgb, quality).astype(np.float32)
    change = np.abs(rgb.astype(np.float32) - again).mean(axis=2) * amplify
    if amplify != 1:
        change = np.clip(change, 0.0, 255.0)
    return _blank_badge(change.astype(np.float32), badge_rows(rgb))


# ---------------------------------------------------------------- spectrum


def azimuthal_average(values: np.ndarray) -> np.ndarray:
    """The mean of a 2-D array over rings around its centre: element r averages the cells at rounded distance r.

    The centre is cell (h // 2, w // 2), where ``np.fft.fftshift`` puts the zero
    frequency. Returns float64 of length min(h, w) // 2.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2 or min(values.shape) < 2:
        raise WrongShape(f"Expected a 2-D array at least 2 x 2; got shape {values.shape}.")
    height, width = values.shape
    y, x = np.indices(values.shape)
    radius = np.round(np.hypot(y - height // 2, x - width // 2)).astype(np.int64)
    sums = np.bincount(radius.ravel(), weights=values.ravel())
    counts = np.bincount(radius.ravel())
    return (sums / np.maximum(counts, 1))[: min(height, width) // 2]


class Spectrum(NamedTuple):
    """The Fourier view of an image: a 2-D picture and a 1-D curve."""

    log_magnitude: np.ndarray  # (n, n) float32: log10 |F|, zero frequency in the centre
    frequency: np.ndarray  # (n // 2,) cycles per pixel, 0 to 0.5
    power: np.ndarray  # (n // 2,) log10 of the azimuthally averaged power

    @property
    def excess(self) -> float:
        """How far the finest detail sits above the trend of the coarser frequencies: see :func:`high_frequency_excess`."""
        return high_frequency_excess(self.frequency, self.power)


def high_frequency_excess(frequency: np.ndarray, log_power: np.ndarray) -> float:
    """How far the high frequencies (0.3-0.48 cycles/px) sit above a power law fitted to 0.03-0.2.

    ``log_power`` is log10 of the azimuthally averaged power at each ``frequency``.
    In log10 units: 0 means as expected for a natural photo, +0.3 means about
    twice the expected power (nearest-neighbour enlarging, sharpening, noise,
    some generators), negative values mean missing detail (smooth enlarging,
    blur, strong compression).
    """
    f, p = np.asarray(frequency, dtype=np.float64), np.asarray(log_power, dtype=np.float64)
    low = (f > 0.03) & (f < 0.2) & np.isfinite(p)
    high = (f > 0.3) & (f < 0.48) & np.isfinite(p)
    if low.sum() < 3 or high.sum() < 1:
        return float("nan")
    slope, intercept = np.polyfit(np.log10(f[low]), p[low], 1)
    return float(np.mean(p[high] - (slope * np.log10(f[high]) + intercept)))


def spectrum(image: ImageSource) -> Spectrum:
    """The 2-D Fourier spectrum (log magnitude) and the azimuthally averaged 1-D power spectrum.

    Analyses the largest centred square above the badge, in grayscale, with a
    Hann window (so the image's borders do not draw a bright cross). Natural
    photos give a smooth spectrum whose power falls steadily with frequency.
    Enlarging an image (the upsampling inside many generators, or a low-resolution
    fake blown up) leaves copies of the spectrum, bright spots or a grid, and a
    high-frequency excess in the 1-D curve (see :attr:`Spectrum.excess`).

    Fails when: the image was resized or compressed afterwards (traces fade or
    new ones appear: JPEG adds its own 8-pixel grid), and on real photos with
    regular patterns (fabric, fences, text, screens) or that were themselves enlarged.
    """
    rgb = above_badge(image)
    height, width = rgb.shape[:2]
    n = min(height, width)
    if n < 16:
        raise ImageTooSmall(f"The image ({width} x {height}) is too small for a spectrum; use at least 16 x 16 pixels.")
    top, left = (height - n) // 2, (width - n) // 2
    gray = _gray(rgb[top : top + n, left : left + n]).astype(np.float64)
    window = np.outer(np.hanning(n), np.hanning(n))
    transform = np.fft.fftshift(np.fft.fft2((gray - gray.mean()) * window))
    power = np.abs(transform) ** 2
    log_magnitude = (0.5 * np.log10(power + 1e-12)).astype(np.float32)
    radial = azimuthal_average(power)
    frequency = np.arange(len(radial)) / n
    return Spectrum(log_magnitude, frequency, np.log10(radial + 1e-12))


# -------------------------------------------------------------------- noise


def noise_residual(image: ImageSource, size: int = 3) -> np.ndarray:
    """The fine grain of an image: its grayscale minus a median-filtered copy (a high-pass residual).

    Returns float32 (H, W), signed grey levels (plot with a diverging colour
    map, e.g. ``vmin=-10, vmax=10``). A camera leaves an even grain across the
    whole photo; a pasted, warped, blurred or generated face often has less
    grain (or a different one) than its surroundings. The badge rows are set to 0.

    Fails when: the photo was denoised, heavily compressed or resized (the
    grain is gone everywhere), and near edges and texture, which always show.
    """
    rgb = _rgb(image)
    size = int(size)
    if size not in (3, 5):
        raise WrongShape(f"size must be 3 or 5 pixels (got {size}).")
    gray = _gray(rgb)
    smooth = cv2.medianBlur(gray, size)
    return _blank_badge((gray - smooth).astype(np.float32), badge_rows(rgb))


# ------------------------------------------------------------------ flicker

#: Landmarks that should only move with the head: eyebrows, nose and eyes (not the jaw or mouth).
RIGID_LANDMARKS = tuple(range(17, 48))


class Flicker(NamedTuple):
    """Frame-to-frame change in a clip; each array has one value per pair of consecutive frames."""

    face: np.ndarray  # (n - 1,) mean |frame[t+1] - frame[t]| inside the face (grey levels)
    eyes: np.ndarray  # (n - 1,) the same around the eyes and eyebrows, which move only with the head (grey levels)
    background: np.ndarray  # (n - 1,) the same outside the face box (grey levels)
    landmarks: np.ndarray  # (n - 1,) mean movement of the eyebrow, nose and eye landmarks (px); NaN if a face is missed


def _frames(frames) -> list[np.ndarray]:
    items = getattr(frames, "frames", frames)  # a video.Clip
    if isinstance(items, np.ndarray) and items.ndim in (3, 4):
        items = list(items)
    if not isinstance(items, (list, tuple)):
        raise WrongShape(f"flicker() takes a Clip, a list of frames or an (n, H, W[, 3]) array, not {type(frames).__name__}.")
    rgb = [_rgb(frame) for frame in items]
    if len(rgb) < 2:
        raise WrongShape(f"flicker() needs at least 2 frames (got {len(rgb)}).")
    if any(frame.shape != rgb[0].shape for frame in rgb):
        raise WrongShape("All frames must have the same size.")
    return rgb


def flicker(frames) -> Flicker:
    """Frame-to-frame instability of the face region and of its landmarks in a clip.

    ``frames``: a ``video.Clip``, a list of frames or an (n, H, W[, 3]) array.
    Faces are found in every frame; the face region is the landmark hull of the
    first frame with a face, the eye region the box around its eyes and eyebrows.
    Returns a :class:`Flicker` of four curves. A swap made frame by frame
    flickers: each frame's face is warped to slightly different landmarks, so
    the face, even around the eyes, changes while the background stays still.

    Fails when: the person really moves or talks (that changes the face too:
    compare the eyes and nose, which move only with the head), the camera moves
    (the background changes as well), or the clip is heavily compressed. The
    landmark detector itself jitters by 1-3 px even on a still face, so compare
    clips rather than read one number.
    """
    rgb = _frames(frames)
    from .faces import detect_faces

    found = [detect_faces(frame) for frame in rgb]
    points = [f[0].landmarks if f else None for f in found]
    first = next((i for i, p in enumerate(points) if p is not None), None)
    if first is None:
        raise NoFaceFound("No face found in any frame of the clip; use a clip where the face is clearly visible.")
    face = found[first][0]
    inside = _hull(face, rgb[0].shape) > 0
    brows_eyes = face.landmarks[17:48]
    ex0, ey0 = np.floor(brows_eyes.min(axis=0)).astype(int).clip(0)
    ex1, ey1 = np.ceil(brows_eyes.max(axis=0)).astype(int) + 1
    eyes = np.zeros(rgb[0].shape[:2], dtype=bool)
    eyes[ey0:ey1, ex0:ex1] = True
    x, y, w, h = face.box
    outside = np.ones(rgb[0].shape[:2], dtype=bool)
    outside[max(0, y - h // 4) : y + h + h // 4, max(0, x - w // 4) : x + w + w // 4] = False
    rows = badge_rows(rgb[0])
    if rows:
        outside[rgb[0].shape[0] - rows :] = False
        inside[rgb[0].shape[0] - rows :] = False
    face_change, eye_change, background_change, moved = [], [], [], []
    rigid = list(RIGID_LANDMARKS)
    for t in range(len(rgb) - 1):
        change = np.abs(rgb[t + 1].astype(np.float32) - rgb[t].astype(np.float32)).mean(axis=2)
        face_change.append(change[inside].mean())
        eye_change.append(change[eyes].mean())
        background_change.append(change[outside].mean() if outside.any() else np.nan)
        a, b = points[t], points[t + 1]
        moved.append(np.linalg.norm(b[rigid] - a[rigid], axis=1).mean() if a is not None and b is not None else np.nan)
    return Flicker(np.array(face_change), np.array(eye_change), np.array(background_change), np.array(moved, dtype=np.float64))


# ------------------------------------------------------------------- zoom

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
    _check_face(face)
    points = face.landmarks
    eye = _eye_distance(face)
    pad = 0.15 * eye
    boxes = {}
    eyes = points[17:48]
    boxes["eyes"] = (eyes[:, 0].min() - pad, eyes[:, 1].min() - pad, eyes[:, 0].max() + pad, points[29, 1])
    mouth = points[48:68]
    boxes["mouth"] = (mouth[:, 0].min() - pad, mouth[:, 1].min() - pad, mouth[:, 0].max() + pad, mouth[:, 1].max() + pad)
    cx, cy = points[2]  # the jaw outline on the left of the photo, level with the nose
    half = 0.3 * eye
    boxes["face_edge"] = (cx - half, cy - half, cx + half, cy + half)
    brows = points[17:27]
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
    rgb = _rgb(image)
    fake = badge_rows(rgb) > 0  # close-ups of a labelled fake are labelled too
    size = int(check_number(size, "size", 16, 4096))
    crops = {}
    for name, (x, y, w, h) in zoom_boxes(face, rgb.shape).items():
        crop = rgb[y : y + h, x : x + w]
        factor = max(1, int(round(size / max(w, h))))
        crop = np.ascontiguousarray(np.repeat(np.repeat(crop, factor, axis=0), factor, axis=1))
        crops[name] = badge_below(crop) if fake else crop
    return crops
