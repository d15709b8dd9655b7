"""The baseline the CNN must beat: logistic regression on four hand-made features from Lesson 04's forensic views.

Each aligned face crop becomes four numbers: how much of the outline shows a
seam (``forensics.seam_along_outline``), the colour gap between face and the
skin around it (``forensics.color_mismatch``), how much sharper or softer the
face is than its surroundings (``forensics.sharpness_map``), and the excess of
fine detail in the face's spectrum (``forensics.spectrum``). A logistic
regression (scikit-learn) weighs them. Trained on the same real faces and
self-blended fakes as the CNN, it shows what learning features adds.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from ..errors import CourseError
from ..faces import Face
from ..forensics.color import color_mismatch
from ..forensics.seams import seam_along_outline
from ..forensics.sharpness import sharpness_map
from ..forensics.spectrum import spectrum
from .data import RealFace

#: The features' names, in the order of :func:`features`' columns.
FEATURES = ("seam along the outline", "colour gap", "sharpness gap", "spectrum excess")


def template_face(faces: Sequence[RealFace]) -> Face:
    """The average landmarks of aligned ``faces`` as a Face in the crop's pixels: where a face lies in any aligned crop."""
    points = np.mean([f.landmarks for f in faces], axis=0)
    x0, y0 = np.floor(points.min(axis=0)).astype(int)
    x1, y1 = np.ceil(points.max(axis=0)).astype(int)
    return Face(box=(int(x0), int(y0), int(x1 - x0), int(y1 - y0)), landmarks=points)


def features(crop: np.ndarray, face: Face) -> np.ndarray:
    """The four ``FEATURES`` (4,) float64 of one aligned crop (RGB uint8) whose face's landmarks are ``face``."""
    seam = seam_along_outline(crop, face)
    try:
        colour = color_mismatch(crop, face).color_gap
    except CourseError:
        colour = 0.0
    sharp = sharpness_map(crop, tile=8)
    hull = np.zeros(crop.shape[:2], np.uint8)
    cv2.fillConvexPoly(hull, cv2.convexHull(face.landmarks.astype(np.int32)), 1)
    inner = cv2.erode(hull, np.ones((9, 9), np.uint8)).astype(bool)
    ring = cv2.dilate(hull, np.ones((13, 13), np.uint8)).astype(bool) & ~hull.astype(bool)
    sharpness_gap = float(sharp[inner].mean() - sharp[ring].mean()) if inner.any() and ring.any() else 0.0
    centre = crop.shape[0] // 4
    excess = spectrum(crop[centre:-centre, centre:-centre]).excess
    values = np.array([float(np.mean(seam.strength)), colour if np.isfinite(colour) else 0.0, sharpness_gap, excess if np.isfinite(excess) else 0.0])
    return values


def feature_table(crops: Sequence[np.ndarray], face: Face) -> np.ndarray:
    """(N, 4) features of aligned crops, all read at the template ``face``'s place."""
    return np.array([features(c, face) for c in crops])


class Baseline:
    """Logistic regression on :data:`FEATURES` (standardised), scikit-learn. ``fit`` then ``predict_crops``."""

    def __init__(self, face: Face) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        self.face = face
        self.model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))

    def fit(self, crops: Sequence[np.ndarray], labels: Sequence[int]) -> Baseline:
        """Learn the weights from aligned crops and their labels (1 fake, 0 real); returns itself."""
        self.model.fit(feature_table(crops, self.face), np.asarray(labels))
        return self

    def predict_crops(self, crops: Sequence[np.ndarray]) -> np.ndarray:
        """Probabilities of "fake" (N,) for aligned crops of the training crops' size."""
        return self.model.predict_proba(feature_table(crops, self.face))[:, 1]

    @property
    def weights(self) -> dict[str, float]:
        """Each feature's weight (on standardised values): its sign says which way it pushes towards "fake"."""
        return dict(zip(FEATURES, self.model[-1].coef_[0].tolist()))


__all__ = ["FEATURES", "Baseline", "feature_table", "features", "template_face"]
