"""The Fourier spectrum: enlarging and some generators leave periodic traces at high frequencies."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..errors import ImageTooSmall, WrongShape
from ..images import ImageSource, as_rgb
from ._geometry import gray


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

    Analyses the largest centred square of the image, in grayscale, with a
    Hann window (so the image's borders do not draw a bright cross). Natural
    photos give a smooth spectrum whose power falls steadily with frequency.
    Enlarging an image (the upsampling inside many generators, or a low-resolution
    fake blown up) leaves copies of the spectrum, bright spots or a grid, and a
    high-frequency excess in the 1-D curve (see :attr:`Spectrum.excess`).

    Fails when: the image was resized or compressed afterwards (traces fade or
    new ones appear: JPEG adds its own 8-pixel grid), and on real photos with
    regular patterns (fabric, fences, text, screens) or that were themselves enlarged.
    """
    rgb = as_rgb(image)
    height, width = rgb.shape[:2]
    n = min(height, width)
    if n < 16:
        raise ImageTooSmall(f"The image ({width} x {height}) is too small for a spectrum; use at least 16 x 16 pixels.")
    top, left = (height - n) // 2, (width - n) // 2
    luma = gray(rgb[top : top + n, left : left + n]).astype(np.float64)
    window = np.outer(np.hanning(n), np.hanning(n))
    transform = np.fft.fftshift(np.fft.fft2((luma - luma.mean()) * window))
    power = np.abs(transform) ** 2
    log_magnitude = (0.5 * np.log10(power + 1e-12)).astype(np.float32)
    radial = azimuthal_average(power)
    frequency = np.arange(len(radial)) / n
    return Spectrum(log_magnitude, frequency, np.log10(radial + 1e-12))
