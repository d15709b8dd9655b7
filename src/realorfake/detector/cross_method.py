"""Test fakes made another way: Lesson 03's face swaps and morphs between different people. Never used for training.

The detector learns from self-blended fakes only; these fakes test whether what
it learnt carries over to a real swap pipeline (landmark warp, colour
transfer, four blend modes) and to morphs, at several JPEG qualities. Each fake
comes with the real photo it was made on, aligned the same way, so an AUC
compares like with like.

Every swap and morph is made labelled, as all the course's fakes are; the
aligned crops the detector reads leave the badge out (swaps are made on the
photo with rows added below it, where the badge goes; on morphs, the badge's
rows are covered the same way on the real crops and on the fakes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from .. import data
from ..errors import CourseError
from ..faces import Face, find_face
from ..fakes.morphing import morph
from ..fakes.swap import BLEND_MODES, face_swap
from ..label import badge_height
from .data import CROP, crop_face


@dataclass(frozen=True, eq=False)
class TestFace:
    """One aligned test crop (CROP, CROP, 3) uint8: ``label`` 1 fake / 0 real, ``method`` ("real", "swap paste", "morph"...), JPEG ``quality`` (0: none)."""

    crop: np.ndarray
    label: int
    method: str
    quality: int
    target: str


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """``image`` after ``data.jpeg`` at ``quality`` (1-100); unchanged for quality 0 (a test set "as made")."""
    return image if not quality else data.jpeg(image, quality)


def _with_room_below(rgb: np.ndarray) -> np.ndarray:
    """The photo with its last row repeated below it, tall enough for a swap's badge to sit under the face's crop."""
    rows = 2 * badge_height(rgb.shape[0] * 2)
    return cv2.copyMakeBorder(rgb, 0, rows, 0, 0, cv2.BORDER_REPLICATE)


def cover_badge_rows(crop: np.ndarray) -> np.ndarray:
    """The crop with its bottom rows, where a morph's badge lies, replaced by the row above them (done to reals and fakes alike)."""
    rows = badge_height(crop.shape[0])
    out = crop.copy()
    out[-rows:] = out[-rows - 1]
    return out


def cross_method_set(
    photos: dict[str, np.ndarray],
    *,
    blends: Sequence[str] = BLEND_MODES,
    qualities: Sequence[int] = (0, 75),
    morphs: bool = True,
    sources_per_target: int | None = 2,
    seed: int = 0,
    upsample: int | None = None,
) -> list[TestFace]:
    """Real crops, swaps and morphs among ``photos`` (name -> RGB photo of one person), aligned, at each JPEG quality.

    A name's part before ``/`` names the person (``"hopper/darker"`` is Hopper),
    so that swaps are always between two different people. Every photo is a
    target: its real crop, then swaps onto it from ``sources_per_target`` photos
    of other people (all of them when None) in each of ``blends``, and one morph
    with each. Faces are found as ``faces.find_face`` finds them (``upsample``
    for small faces). Photos whose face cannot be used are left out. Returns the list
    of :class:`TestFace`.
    """
    names = list(photos)
    found: dict[str, Face] = {}
    for name in names:
        try:
            found[name] = find_face(photos[name], upsample=upsample, what=name)
            crop_face(photos[name], found[name], name)
        except CourseError:
            found.pop(name, None)
    names = [n for n in names if n in found]
    chooser = random.Random(seed)
    out: list[TestFace] = []
    for target in names:
        others = [n for n in names if n.split("/")[0] != target.split("/")[0]]
        chosen = others if sources_per_target is None else chooser.sample(others, min(sources_per_target, len(others)))
        roomy = _with_room_below(photos[target])
        made: list[tuple[np.ndarray, str, bool]] = [(roomy, "real", False)]
        for source in chosen:
            for blend in blends:
                try:
                    swapped = face_swap(photos[source], roomy, blend=blend, source_face=found[source], target_face=found[target]).image
                except CourseError:
                    continue
                made.append((swapped, f"swap {blend}", False))
            if morphs:
                try:
                    mixed = morph(photos[target], photos[source], 0.5, size=CROP * 2, a_face=found[target], b_face=found[source])
                except CourseError:
                    continue
                made.append((mixed, "morph", True))
        for quality in qualities:
            real_crop = crop_face(jpeg(roomy, quality), found[target], target).crop
            out.append(TestFace(real_crop, 0, "real", quality, target))
            out.append(TestFace(cover_badge_rows(real_crop), 0, "real (bottom rows covered)", quality, target))
            for image, method, aligned in made[1:]:
                if aligned:  # a morph is already the aligned square
                    crop = cv2.resize(jpeg(image, quality), (CROP, CROP), interpolation=cv2.INTER_AREA)
                    out.append(TestFace(cover_badge_rows(crop), 1, method, quality, target))
                else:
                    out.append(TestFace(crop_face(jpeg(image, quality), found[target], target).crop, 1, method, quality, target))
    return out


def lesson03_photos() -> dict[str, np.ndarray]:
    """The photos Lesson 03 swaps: the two portraits and their benign edits, named ``"hopper/darker"`` and so on."""
    from .. import data

    photos = {}
    for name in data.PORTRAITS:
        for variant in data.VARIANTS:
            photos[f"{name}/{variant}"] = data.portrait_variant(name, variant)
    return photos


def pick(faces: Sequence[TestFace], method: str, *, quality: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(crops (N, CROP, CROP, 3), labels (N,)) of the reals and the fakes of one ``method``, like with like.

    Morphs are compared with the reals whose bottom rows are covered as theirs
    are; every other method with the plain reals. ``quality`` keeps one JPEG quality.
    """
    real = "real (bottom rows covered)" if method == "morph" else "real"
    chosen = [f for f in faces if f.method in (real, method) and (quality is None or f.quality == quality)]
    return np.stack([f.crop for f in chosen]), np.array([f.label for f in chosen])


__all__ = ["TestFace", "cover_badge_rows", "cross_method_set", "jpeg", "lesson03_photos", "pick"]
