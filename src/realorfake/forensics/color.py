"""Color: the skin inside the face against the skin around it (CIELAB)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..faces import Face, check_face
from ..images import ImageSource, as_rgb
from ._geometry import disk, hull_mask

#: Chroma limits (YCrCb) of the classic skin-colour rule of Chai and Ngan (1999).
SKIN_CR = (133, 173)
SKIN_CB = (77, 127)


@dataclass(frozen=True)
class ColorReport:
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
    def color_gap(self) -> float:
        """Distance between the two mean colours in the a*b* plane (hue and saturation, not lightness)."""
        return float(np.hypot(*(self.inside[1:] - self.ring[1:])))


def lab_to_rgb(lab: np.ndarray) -> tuple[float, float, float]:
    """One CIELAB color (L*, a*, b*) as an RGB triple of floats in 0-1, for painting it."""
    pixel = np.asarray(lab, dtype=np.float32).reshape(1, 1, 3)
    rgb = cv2.cvtColor(pixel, cv2.COLOR_LAB2RGB)[0, 0]
    return tuple(float(v) for v in np.clip(rgb, 0, 1))  # type: ignore[return-value]


def color_mismatch(image: ImageSource, face: Face) -> ColorReport:
    """Colour statistics inside the face against the skin in a ring around it.

    Inside: the landmark hull shrunk by 12% of the eye distance. Around: a ring
    from 5% to 35% of the eye distance outside the hull, keeping only pixels
    whose colour passes a classic skin rule (YCrCb), so hair, background and
    clothes are left out. Returns a :class:`ColorReport` (numbers and
    ``.array``; ``show.forensic_pictures.color_chart`` draws it). A face pasted without colour correction shows a large
    ``color_gap``.

    Fails when: there is little skin around the face (``ring_pixels`` small,
    NaN when none), the lighting differs between face and neck in the real
    photo too, or the skin rule misses some skin tones or takes in a warm
    background (it is a rough rule). Compare with a real photo of the same scene.
    """
    rgb = as_rgb(image)
    check_face(face, rgb.shape)
    eye = max(face.eye_distance, 1.0)
    hull = hull_mask(face, rgb.shape)
    inner = cv2.erode(hull, disk(round(0.12 * eye))) > 0
    ring = (cv2.dilate(hull, disk(round(0.35 * eye))) > 0) & ~(cv2.dilate(hull, disk(round(0.05 * eye))) > 0)
    if not inner.any():
        inner = hull > 0
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    skin = (ycc[..., 1] >= SKIN_CR[0]) & (ycc[..., 1] <= SKIN_CR[1]) & (ycc[..., 2] >= SKIN_CB[0]) & (ycc[..., 2] <= SKIN_CB[1])
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    around = ring & skin
    ring_mean = lab[around].mean(axis=0) if around.any() else np.full(3, np.nan, dtype=np.float32)
    return ColorReport(
        inside=lab[inner].mean(axis=0),
        ring=ring_mean,
        ring_pixels=int(around.sum()),
        ring_fraction=float(around.sum() / max(int(ring.sum()), 1)),
    )
