"""Judging a detector on labelled sets: ROC and AUC, a threshold's confusion matrix, calibration, robustness.

A detector's score on one photo is not a verdict: it is judged on many
labelled faces at once. The AUC (area under the ROC curve) is the chance that a
randomly chosen fake scores higher than a randomly chosen real face: 0.5 is a
coin, 1.0 never wrong in ranking. Metrics come from scikit-learn.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from ..data import IMAGE_SUFFIXES
from ..errors import CourseError, DataUnavailable, OutOfRange, WrongShape, check_number
from .cross_method import jpeg


def _labelled(labels, probabilities) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(labels).astype(int).ravel()
    p = np.asarray(probabilities, dtype=np.float64).ravel()
    if y.shape != p.shape or y.size == 0:
        raise WrongShape(f"labels and probabilities must be two lists of the same, non-zero length (got {y.size} and {p.size}).")
    if not set(np.unique(y)) <= {0, 1}:
        raise WrongShape("labels must be 0 (real) or 1 (fake).")
    if len(np.unique(y)) < 2:
        raise WrongShape("An AUC needs both real (0) and fake (1) examples; this set has only one kind.")
    if not np.isfinite(p).all() or p.min() < 0 or p.max() > 1:
        raise OutOfRange("probabilities must be numbers from 0 to 1.")
    return y, p


def auc(labels: Sequence[int], probabilities: Sequence[float]) -> float:
    """Area under the ROC curve (0-1) of probabilities of "fake" for labels (1 fake, 0 real). scikit-learn's ``roc_auc_score``.

    Raises ``WrongShape`` when the set has only one kind of face or the lengths differ.
    """
    from sklearn.metrics import roc_auc_score

    y, p = _labelled(labels, probabilities)
    return float(roc_auc_score(y, p))


def auc_by_hand(labels: Sequence[int], probabilities: Sequence[float]) -> float:
    """The AUC as its definition says: the share of (fake, real) pairs the scores put in the right order, ties counting half.

    Slow (it looks at every pair); for the lesson's tiny examples. Equals :func:`auc`.
    """
    y, p = _labelled(labels, probabilities)
    fakes, reals = p[y == 1], p[y == 0]
    right = (fakes[:, None] > reals[None, :]).sum() + 0.5 * (fakes[:, None] == reals[None, :]).sum()
    return float(right / (len(fakes) * len(reals)))


def roc(labels: Sequence[int], probabilities: Sequence[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(false-alarm rate, hit rate, thresholds) along the ROC curve, from scikit-learn's ``roc_curve``."""
    from sklearn.metrics import roc_curve

    y, p = _labelled(labels, probabilities)
    fpr, tpr, thresholds = roc_curve(y, p)
    return fpr, tpr, np.minimum(thresholds, 1.0)


@dataclass(frozen=True)
class Confusion:
    """Counts at one threshold: fakes caught, fakes missed, real faces called fake (false alarms), real faces passed."""

    threshold: float
    caught: int
    missed: int
    false_alarms: int
    passed: int

    @property
    def matrix(self) -> np.ndarray:
        """2 x 2: rows true real / true fake, columns called real / called fake (scikit-learn's layout)."""
        return np.array([[self.passed, self.false_alarms], [self.missed, self.caught]])

    @property
    def false_alarm_rate(self) -> float:
        """Share (0-1) of the real faces called fake."""
        return self.false_alarms / max(1, self.false_alarms + self.passed)

    @property
    def hit_rate(self) -> float:
        """Share (0-1) of the fakes caught."""
        return self.caught / max(1, self.caught + self.missed)


def confusion_at(labels: Sequence[int], probabilities: Sequence[float], threshold: float = 0.5) -> Confusion:
    """The confusion matrix when every face scoring ``threshold`` (0-1) or more is called fake."""
    from sklearn.metrics import confusion_matrix

    threshold = check_number(threshold, "threshold", 0, 1)
    y, p = _labelled(labels, probabilities)
    (passed, false_alarms), (missed, caught) = confusion_matrix(y, (p >= threshold).astype(int), labels=[0, 1])
    return Confusion(threshold, int(caught), int(missed), int(false_alarms), int(passed))


def threshold_for_false_alarms(labels: Sequence[int], probabilities: Sequence[float], rate: float) -> float:
    """The lowest threshold at which at most ``rate`` (0-1) of the real faces are called fake: catch the most fakes within that budget."""
    rate = check_number(rate, "rate", 0, 1)
    y, p = _labelled(labels, probabilities)
    reals = np.sort(p[y == 0])[::-1]
    allowed = int(np.floor(rate * len(reals) + 1e-9))  # how many real faces may score at or above the threshold
    if allowed >= len(reals):
        return 0.0
    return float(np.nextafter(reals[allowed], 2.0))  # just above the first real face that must pass


def calibration(labels: Sequence[int], probabilities: Sequence[float], bins: int = 10) -> tuple[np.ndarray, np.ndarray, float]:
    """(mean predicted probability per bin, share of fakes per bin, Brier score) for a reliability diagram.

    A calibrated detector's "70%" is right 70% of the time: its points lie on the
    diagonal. The Brier score is the mean squared gap between probability and
    truth (0 best; 0.25 for always saying 50%). scikit-learn's ``calibration_curve``.
    """
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import brier_score_loss

    y, p = _labelled(labels, probabilities)
    share, predicted = calibration_curve(y, p, n_bins=int(bins), strategy="uniform")
    return predicted, share, float(brier_score_loss(y, p))


# ------------------------------------------------------------------ robustness

#: The degradations of the robustness curves, and the levels the lesson shows.
DEGRADATIONS: dict[str, tuple[float, ...]] = {
    "jpeg": (100, 95, 85, 75, 60, 50, 40, 30),  # JPEG quality
    "face_px": (128, 96, 64, 48, 32, 24),  # the face crop's width in pixels (a smaller photo, or a face far away)
    "blur": (0, 0.5, 1.0, 1.5, 2.0, 3.0),  # Gaussian blur sigma (px of the 128-px crop)
}


def degrade(crop: np.ndarray, kind: str, level: float) -> np.ndarray:
    """An aligned crop (CROP, CROP, 3) uint8 after one degradation: ``"jpeg"`` quality, ``"face_px"`` width, or ``"blur"`` sigma."""
    if kind == "jpeg":
        return jpeg(crop, int(level)) if level < 100 else crop
    if kind == "face_px":
        side = int(level)
        if side >= crop.shape[0]:
            return crop
        small = cv2.resize(crop, (side, side), interpolation=cv2.INTER_AREA)
        return cv2.resize(small, crop.shape[1::-1], interpolation=cv2.INTER_LINEAR)
    if kind == "blur":
        return cv2.GaussianBlur(crop, (0, 0), float(level)) if level > 0 else crop
    raise OutOfRange(f"Unknown degradation {kind!r}. Choose one of: {', '.join(DEGRADATIONS)}.")


def turned_grey(crop: np.ndarray) -> np.ndarray:
    """``crop`` (H, W, 3) uint8 RGB in grey: each pixel's luma (``cv2.COLOR_RGB2GRAY``) in all three channels, (H, W, 3) uint8.

    Turning a test set grey, real faces and fakes alike, shows whether a
    detector leans on colour: a self-blend of a grey face is tinted where the
    altered copy was blended in, a trace real swaps of grey photos do not leave.
    Raises ``WrongShape`` for anything but an RGB uint8 image.
    """
    crop = np.asarray(crop)
    if crop.ndim != 3 or crop.shape[2] != 3 or crop.dtype != np.uint8:
        raise WrongShape(f"turned_grey() needs an RGB uint8 image (got shape {crop.shape}, {crop.dtype}).")
    return np.ascontiguousarray(np.repeat(cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2))


def colour_map(crop: np.ndarray) -> np.ndarray:
    """Where ``crop`` (H, W, 3) uint8 RGB has colour: the spread of its three channels at each pixel, (H, W) uint8 (0 = grey)."""
    crop = np.asarray(crop)
    if crop.ndim != 3 or crop.shape[2] != 3 or crop.dtype != np.uint8:
        raise WrongShape(f"colour_map() needs an RGB uint8 image (got shape {crop.shape}, {crop.dtype}).")
    return (crop.max(axis=2) - crop.min(axis=2)).astype(np.uint8)


def robustness(predict: Callable[[list[np.ndarray]], np.ndarray], crops: Sequence[np.ndarray], labels: Sequence[int], kind: str, levels: Sequence[float] | None = None) -> list[tuple[float, float]]:
    """[(level, AUC)] of ``predict`` (crops -> probabilities, such as ``Detector.predict_crops``) as ``kind`` degrades every crop."""
    levels = DEGRADATIONS[kind] if levels is None else levels
    if kind not in DEGRADATIONS:
        raise OutOfRange(f"Unknown degradation {kind!r}. Choose one of: {', '.join(DEGRADATIONS)}.")
    return [(float(level), auc(labels, predict([degrade(c, kind, level) for c in crops]))) for level in levels]


# ------------------------------------------------------------------ labelled folders


@dataclass
class FolderResult:
    """A detector's run over a labelled folder: one row per face scored, and the files with no face."""

    paths: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    probabilities: list[float] = field(default_factory=list)
    no_face: list[str] = field(default_factory=list)  # images with no usable face
    unreadable: list[str] = field(default_factory=list)  # files that are missing or not images

    @property
    def auc(self) -> float:
        """The AUC over the faces scored (``WrongShape`` when they are all of one kind)."""
        return auc(self.labels, self.probabilities)

    def summary(self) -> str:
        """The result line, exactly ``AUC 0.xxx on N faces (F fake), no face K`` (scripts read it; files not read are listed above it)."""
        return f"AUC {self.auc:.3f} on {len(self.labels)} faces ({sum(self.labels)} fake), no face {len(self.no_face)}"


def labelled_files(folder: str | os.PathLike) -> list[tuple[Path, int]]:
    """(path, label) of a labelled folder: ``real/`` and ``fake/`` subfolders, or a ``labels.csv`` of ``path,label`` rows.

    Labels in the CSV may be ``real``/``fake`` or ``0``/``1``. Raises
    ``DataUnavailable`` for a folder with neither, and ``WrongShape`` for a CSV row
    that is not ``path,label`` or names a file outside the folder.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataUnavailable(f"{root} is not a folder.")
    table = root / "labels.csv"
    if table.is_file():
        rows = []
        with table.open(newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if not row or not "".join(row).strip():
                    continue
                if number == 1 and len(row) == 2 and row[1].strip().lower() not in ("real", "fake", "0", "1"):
                    continue  # a header row ("path,label", "file,label", ...)
                if len(row) != 2:
                    raise WrongShape(f"labels.csv line {number}: expected 'path,label', got {','.join(row)!r}.")
                name, label = row[0].strip(), row[1].strip().lower()
                if label not in ("real", "fake", "0", "1"):
                    raise WrongShape(f"labels.csv line {number}: the label must be real, fake, 0 or 1 (got {row[1]!r}).")
                path = (root / name).resolve()
                if root.resolve() not in path.parents:
                    raise WrongShape(f"labels.csv line {number}: {name!r} is outside the folder.")
                rows.append((path, int(label in ("fake", "1"))))
        return rows
    found = []
    for sub, label in (("real", 0), ("fake", 1)):
        if (root / sub).is_dir():
            found += [(p, label) for p in sorted((root / sub).rglob("*")) if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")]
    if not (root / "real").is_dir() and not (root / "fake").is_dir():
        raise DataUnavailable(f"{root} has neither real/ and fake/ subfolders nor a labels.csv (path,label).")
    return found


def evaluate_folder(predict: Callable[[object], float], folder: str | os.PathLike, *, on_skip: Callable[[str], None] | None = None) -> FolderResult:
    """Score every labelled image of ``folder`` with ``predict`` (image path -> probability, such as ``Detector.predict``).

    Images with no usable face are listed in ``no_face``, files that are
    missing or not images in ``unreadable`` (each passed to ``on_skip`` with
    the reason, named by its path inside the folder) instead of stopping the run.
    """
    from ..errors import FaceCutOff, ImageTooSmall, NoFaceFound

    result = FolderResult()
    root = Path(folder).resolve()
    for path, label in labelled_files(root):
        name = path.resolve().relative_to(root).as_posix() if root in path.resolve().parents else path.name
        try:
            probability = predict(path)
        except (NoFaceFound, FaceCutOff, ImageTooSmall) as error:
            result.no_face.append(name)
            if on_skip is not None:
                on_skip(f"{name} (no usable face): {error}")
            continue
        except CourseError as error:
            result.unreadable.append(name)
            if on_skip is not None:
                on_skip(f"{name} (not read): {error}")
            continue
        result.paths.append(name)
        result.labels.append(label)
        result.probabilities.append(float(probability))
    return result


__all__ = [
    "DEGRADATIONS",
    "Confusion",
    "FolderResult",
    "auc",
    "auc_by_hand",
    "calibration",
    "colour_map",
    "confusion_at",
    "degrade",
    "evaluate_folder",
    "labelled_files",
    "robustness",
    "roc",
    "threshold_for_false_alarms",
    "turned_grey",
]
