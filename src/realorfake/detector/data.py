"""Real faces for the detector, with no download: aligned crops of every face the course has offline, and of any folder.

A :class:`RealFace` is one face aligned by the eyes into a ``CROP`` x ``CROP``
square (as ``faces.align_face`` makes it), its 68 landmarks moved into the
square, and the name of the photo it came from. Training and validation are
split by that name (:func:`split_by_source`), never between copies of one
photo, so a score on held-out faces is a score on photos the model never saw.

The course's offline faces are few: the two portraits (two people, each with
ten benign edits that are still the same photo) and scikit-image's LFW subset
(100 grayscale faces of 25 x 25 px, enlarged here to photos a face detector
can read: :func:`lfw_photo`). The lesson measures what so few people can teach.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from .. import data
from ..errors import CourseError, DataUnavailable, FaceCutOff, OutOfRange
from ..faces import Face, align_face, alignment_matrix, detect_faces, transform_points
from ..images import ImageSource, load_image

#: Side (px) of the aligned squares kept for training; the model reads them at ``model.INPUT`` px (today the same size).
CROP = 128

#: How much each LFW subset face (25 x 25 px) is enlarged, and the margin (px) added around it, so that
#: the face detector finds it (87 of the 100 are found).
LFW_SCALE = 6
LFW_MARGIN = 60


@dataclass(frozen=True, eq=False)  # two faces are the same only if they are one object (arrays have no plain ==)
class RealFace:
    """One real face: ``crop`` (CROP, CROP, 3) uint8 RGB, ``landmarks`` (68, 2) float64 in the crop's pixels, ``source`` the photo's name."""

    crop: np.ndarray
    landmarks: np.ndarray
    source: str


def aligned_crops(image: ImageSource, source: str, *, every_face: bool = True, upsample: int = 0) -> list[RealFace]:
    """Every face of ``image`` (or only the largest) as a :class:`RealFace` named ``source`` (``#2``, ``#3``... for the others).

    Faces cut by the photo's edge are skipped (an aligned crop would have to
    invent their missing part). Returns an empty list when there is no face.
    Raises what ``images.load_image`` raises for a file that is not an image.
    """
    rgb = load_image(image)
    found = detect_faces(rgb, upsample)
    if not every_face:
        found = found[:1]
    crops = []
    for number, face in enumerate(found, start=1):
        try:
            crops.append(crop_face(rgb, face, source if number == 1 else f"{source}#{number}"))
        except FaceCutOff:
            continue
    return crops


def crop_face(rgb: np.ndarray, face: Face, source: str) -> RealFace:
    """``face`` of the RGB photo ``rgb`` aligned into a :class:`RealFace`. Raises ``FaceCutOff`` for a face cut by the edge."""
    crop = align_face(rgb, face, CROP)
    points = transform_points(face.landmarks, alignment_matrix(face, CROP))
    return RealFace(crop=crop, landmarks=points, source=source)


def lfw_photo(index: int) -> np.ndarray:
    """Face ``index`` (0-99) of scikit-image's LFW subset, enlarged ``LFW_SCALE`` times with a margin: an RGB uint8 photo.

    The subset's faces are 25 x 25 grayscale crops, too small for the face
    detector; enlarged (bicubic) and framed by their own edge pixels they are
    blurry grey photos of real people, good enough to find landmarks on.
    Raises ``OutOfRange`` for another index.
    """
    faces = _lfw()
    if not isinstance(index, (int, np.integer)) or not 0 <= index < len(faces):
        raise OutOfRange(f"The LFW subset has faces 0 to {len(faces) - 1} (got {index!r}).")
    side = faces.shape[1] * LFW_SCALE
    big = cv2.resize(faces[index], (side, side), interpolation=cv2.INTER_CUBIC)
    big = cv2.copyMakeBorder(big, LFW_MARGIN, LFW_MARGIN, LFW_MARGIN, LFW_MARGIN, cv2.BORDER_REPLICATE)
    return np.ascontiguousarray(np.dstack([big] * 3))


@lru_cache(maxsize=1)
def _lfw() -> np.ndarray:
    return data.lfw_subset()


@lru_cache(maxsize=1)
def _lfw_faces() -> tuple[RealFace, ...]:
    found = []
    for index in range(len(_lfw())):
        found.extend(aligned_crops(lfw_photo(index), f"lfw{index:02d}", every_face=False))
    return tuple(found)


def lfw_faces(indices: Iterable[int] | None = None) -> list[RealFace]:
    """The LFW subset's faces the detector finds (87 of 100), as RealFaces named ``lfw00``..``lfw99``; only ``indices`` if given."""
    chosen = None if indices is None else {f"lfw{int(i):02d}" for i in indices}
    return [face for face in _lfw_faces() if chosen is None or face.source in chosen]


@lru_cache(maxsize=1)
def _portrait_faces() -> tuple[RealFace, ...]:
    found = []
    for name in data.PORTRAITS:
        for variant in data.VARIANTS:
            # each edit is the same photo: one source per portrait, so a split never puts one edit on each side
            photo = data.portrait_variant(name, variant)
            crops = aligned_crops(photo, name, every_face=False) or aligned_crops(photo, name, every_face=False, upsample=1)  # "small" needs the closer look
            found.extend(crops)
    return tuple(found)


def portrait_faces() -> list[RealFace]:
    """The two portraits and their benign edits (``data.VARIANTS``), sources ``"hopper"`` and ``"collins"``."""
    return list(_portrait_faces())


#: LFW subset faces the shipped detector never trains on: tests, the benchmark and the lesson show it these
#: people to measure what it does with faces it never saw (70-84 also stand in for "a class's own photos").
HELD_OUT_LFW = range(70, 100)


def held_out_lfw() -> set[str]:
    """The sources (``lfw70``..``lfw99``) kept out of the shipped detector's training."""
    return {f"lfw{i:02d}" for i in HELD_OUT_LFW}


def training_faces() -> list[RealFace]:
    """The faces the shipped detector trains on: :func:`course_faces` but the ``HELD_OUT_LFW`` people."""
    held = held_out_lfw()
    return [f for f in course_faces() if f.source not in held]


def course_faces() -> list[RealFace]:
    """Every real face the course has offline: the portraits with their edits, then the LFW subset."""
    return portrait_faces() + lfw_faces()


def folder_faces(folder: str | os.PathLike, *, upsample: int = 1) -> tuple[list[RealFace], list[str]]:
    """Every face in every image file of ``folder`` (and its subfolders): (faces, notes on the files skipped).

    A group photo gives one face per person; each face's source is the file's
    path inside ``folder``, so a split keeps one photo's faces together. Files
    that are not images, or have no usable face, are skipped with a note.
    Raises ``DataUnavailable`` when ``folder`` is not a folder.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataUnavailable(f"{root} is not a folder. Give a folder of real face photos (JPEG or PNG), used only with the consent of the people in them.")
    crops: list[RealFace] = []
    notes: list[str] = []
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.suffix.lower() not in data.IMAGE_SUFFIXES:
            continue
        name = path.relative_to(root).as_posix()
        try:
            found = aligned_crops(path, name, upsample=upsample)
        except CourseError as error:
            notes.append(f"{name}: skipped, {error}")
            continue
        if not found:
            notes.append(f"{name}: skipped, no face found")
        crops.extend(found)
    return crops, notes


def export_lfw(folder: str | os.PathLike, indices: Iterable[int] = range(70, 85)) -> list[Path]:
    """Save LFW subset faces ``indices`` as enlarged PNG photos (``lfw_photo``) in ``folder`` (made if needed); returns the paths.

    A stand-in for "a folder of a class's own photos" when there is none: for
    demonstrating ``python -m realorfake.detector train --faces FOLDER``. The
    default people are among those the shipped detector never trained on.
    Raises ``OutOfRange`` for an index outside 0-99.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in indices:
        path = root / f"lfw{int(index):02d}.png"
        cv2.imwrite(str(path), cv2.cvtColor(lfw_photo(int(index)), cv2.COLOR_RGB2BGR))
        paths.append(path)
    return paths


#: How many times more often training draws a face of a real photo than one of the LFW subset's 25-px faces.
PHOTO_WEIGHT = 2.0


def is_lfw_subset(face: RealFace) -> bool:
    """True for one of the course's LFW subset faces (source ``lfw00``..``lfw99``, as :func:`lfw_faces` names them).

    Files in a ``--faces`` folder are named by their path (``lfw70.png``,
    ``class/ana.jpg``), so they always count as a class's own photos.
    """
    name = face.source.split("#")[0]
    return len(name) == 5 and name.startswith("lfw") and name[3:].isdigit()


def sampling_weights(faces: Sequence[RealFace], photo_weight: float = PHOTO_WEIGHT) -> np.ndarray:
    """The chance (N,) float64, summing to 1, that training draws each of ``faces``: ``photo_weight`` times more for real photos.

    The LFW subset's faces are 25-px grey crops enlarged six times: soft, with
    none of the fine detail (skin, hair, a sharp jaw line) that a swap onto a
    real photo disturbs. Faces of real photos (the portraits, a class's
    ``--faces`` folder) are drawn ``photo_weight`` times more often, so the
    detector sees most of its self-blends on faces like those it will judge.
    ``photo_weight`` 1 draws every face equally often.
    """
    weights = np.array([1.0 if is_lfw_subset(face) else float(photo_weight) for face in faces])
    return weights / weights.sum()


def sources(faces: Sequence[RealFace]) -> list[str]:
    """The photo names of ``faces``, each once, in order of first appearance (``lfw07#2`` counts as ``lfw07``)."""
    return list(dict.fromkeys(face.source.split("#")[0] for face in faces))


def split_by_source(faces: Sequence[RealFace], held_out: float = 0.2, *, seed: int = 0) -> tuple[list[RealFace], list[RealFace]]:
    """(training, held-out) faces, split by source photo: every face of one photo lands on the same side.

    ``held_out`` is the share of photos (0-1) set aside; at least one photo goes
    to each side when there are two or more. Raises ``OutOfRange`` otherwise.
    """
    if not 0 < held_out < 1:
        raise OutOfRange(f"held_out must be a share between 0 and 1 (got {held_out!r}).")
    names = sources(faces)
    if len(names) < 2:
        raise OutOfRange(f"Splitting by photo needs faces from at least two photos (got {len(names)}).")
    random.Random(seed).shuffle(names)
    count = min(max(1, round(held_out * len(names))), len(names) - 1)
    out = set(names[:count])
    return [f for f in faces if f.source.split("#")[0] not in out], [f for f in faces if f.source.split("#")[0] in out]


__all__ = [
    "CROP",
    "RealFace",
    "aligned_crops",
    "HELD_OUT_LFW",
    "PHOTO_WEIGHT",
    "course_faces",
    "crop_face",
    "export_lfw",
    "folder_faces",
    "is_lfw_subset",
    "lfw_faces",
    "lfw_photo",
    "portrait_faces",
    "sampling_weights",
    "sources",
    "split_by_source",
    "training_faces",
]
