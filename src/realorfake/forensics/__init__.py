"""Forensic views: the traces a face swap leaves, made visible as arrays you can plot.

Each view takes an image (any type ``images.load_image`` accepts; arrays keep
their size) and returns arrays ready for ``plt.imshow`` or ``plt.plot``:

======================  ======================================================
:func:`difference`       where two images differ (needs the untouched original)
:func:`boundary_map`     edges that follow the face outline: a blending seam
:func:`seam_profile`     edge strength against distance from the outline, as a curve
:func:`seam_unwrapped`   the ring around the outline unrolled: where along it the edges are
:func:`seam_along_outline` how much of the outline has an edge at the mask's place
:func:`color_mismatch`   skin color inside the face against the skin around it
:func:`sharpness_map`    local sharpness: a pasted face is often softer
:func:`error_level`      error level analysis (ELA): how much a JPEG re-save changes
:func:`spectrum`         the 2-D Fourier spectrum and its 1-D azimuthal average
:func:`noise_residual`   the fine grain left after removing the picture
:func:`flicker`          frame-to-frame instability of a face in a clip
:func:`zoom_regions`     eyes, mouth, face edge and hairline, enlarged
======================  ======================================================

No view proves anything on its own: each docstring says what the view reveals
and when it fails (real photos light up too; compression and resizing wipe
traces out).

The views study pixels and know nothing of the course's SYNTHETIC badge: the
caller cuts it off once with ``label.above_badge(image)`` (its crisp text would
dominate ELA, sharpness, noise and the spectrum), and keeps any crop of a fake
labelled with ``label.badge_below``.

Layer rules: array in, array out. Imports the core only: no ``fakes``, no
``show``, no widget.
"""

from __future__ import annotations

from .closeups import ZOOM_REGIONS, zoom_boxes, zoom_regions
from .color import ColorReport, color_mismatch
from .difference import difference
from .ela import error_level
from .flicker import Flicker, flicker
from .noise import noise_residual
from .seams import SeamAlongOutline, SeamProfile, UnwrappedSeam, boundary_map, seam_along_outline, seam_profile, seam_unwrapped
from .sharpness import sharpness_map
from .spectrum import Spectrum, azimuthal_average, high_frequency_excess, spectrum

__all__ = [
    "ColorReport",
    "Flicker",
    "SeamAlongOutline",
    "SeamProfile",
    "Spectrum",
    "UnwrappedSeam",
    "ZOOM_REGIONS",
    "azimuthal_average",
    "boundary_map",
    "color_mismatch",
    "difference",
    "error_level",
    "flicker",
    "high_frequency_excess",
    "noise_residual",
    "seam_along_outline",
    "seam_profile",
    "seam_unwrapped",
    "sharpness_map",
    "spectrum",
    "zoom_boxes",
    "zoom_regions",
]
