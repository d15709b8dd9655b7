"""A trained detector: probabilities of "fake" for faces in photos, and heat maps of what it looked at.

Its answer is a probability about one face, from a model trained on a few
real people and on self-blended fakes (see ``trained_on``). It is judged by its
AUC on labelled sets, never as a verdict on one photo: on people and photos
unlike its training data its scores drift widely.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import cv2
import numpy as np
import torch

from ..errors import NoFaceFound, WrongShape
from ..faces import Face, alignment_matrix, detect_faces, detect_large_faces, find_face
from ..images import ImageSource, load_image
from .data import CROP, crop_face
from .explanation import grad_cam
from .model import SmallCNN, choose_device, network_input, probabilities, to_tensor
from .weights import load_weights, save_weights

#: The weights that come with the course (made by ``scripts/train_shipped_detector.py``).
SHIPPED = "detector.safetensors"


@dataclass
class Detector:
    """A trained :class:`~realorfake.detector.model.SmallCNN` with what it was trained on (``info``)."""

    model: SmallCNN
    info: dict = field(default_factory=dict)
    device: torch.device = field(default_factory=choose_device)

    def __post_init__(self) -> None:
        """Move the model to ``device`` and into evaluation mode."""
        self.model = self.model.to(self.device).eval()

    @property
    def trained_on(self) -> str:
        """One sentence on what the model learnt from: the reminder to show beside its probabilities."""
        return self.info.get("trained_on", "real faces and self-blended fakes made from them")

    def predict_crops(self, crops: np.ndarray | list[np.ndarray]) -> np.ndarray:
        """Probabilities of "fake" (N,) float64 for aligned face crops (N, H, W, 3) uint8 RGB (any square size; resized to ``model.input_size``)."""
        crops = [np.asarray(c) for c in crops]
        if not crops:
            return np.zeros(0)
        if any(c.ndim != 3 or c.shape[2] != 3 or c.dtype != np.uint8 or c.shape[0] != c.shape[1] for c in crops):
            raise WrongShape("predict_crops() needs square RGB uint8 face crops, as faces.align_face makes them.")
        return probabilities(self.model, crops, self.device).astype(np.float64)

    def predict(self, image: ImageSource, *, upsample: int | None = None) -> float:
        """Probability (0-1) that the largest face of ``image`` (a path, bytes or RGB array) is a fake.

        The face is found (``upsample`` as in ``faces.find_face``: 1 or 2 for
        small faces) and aligned here. Raises ``NoFaceFound`` when there
        is no face, ``FaceCutOff`` for a face cut by the photo's edge, and what
        ``images.load_image`` raises for a file that is not an image.
        """
        rgb = load_image(image)
        face = find_face(rgb, upsample=upsample, what="the photo")
        return float(self.predict_crops([crop_face(rgb, face, "photo").crop])[0])

    def predict_faces(self, image: ImageSource) -> list[tuple[Face, float]]:
        """(face, probability of "fake") for every usable face of ``image``, largest first.

        Faces cut by the photo's edge are left out. Raises ``NoFaceFound`` when
        there is no usable face.
        """
        rgb = load_image(image)
        found = detect_large_faces(rgb) or detect_faces(rgb, 0) or (detect_faces(rgb, 1) if max(rgb.shape[:2]) <= 800 else [])
        usable = []
        for face in found:
            try:
                usable.append((face, crop_face(rgb, face, "photo").crop))
            except Exception:  # noqa: BLE001 - a face cut by the edge is left out, as documented
                continue
        if not usable:
            raise NoFaceFound("No usable face in the photo: the detector needs a clear, mostly frontal face, not cut by the photo's edge.")
        probabilities = self.predict_crops([crop for _, crop in usable])
        return [(face, float(p)) for (face, _), p in zip(usable, probabilities)]

    def explain(self, image: ImageSource, *, upsample: int | None = None) -> np.ndarray:
        """A Grad-CAM heat map (H, W) float32 in 0-1 over ``image``'s largest face, in the photo's own pixels (0 off the face).

        Its brightest point is about the face's probability of "fake" (``explanation.grad_cam``).

        ``upsample`` and the errors raised are those of :meth:`predict`.
        """
        rgb = load_image(image)
        face = find_face(rgb, upsample=upsample, what="the photo")
        crop = crop_face(rgb, face, "photo").crop
        cam = grad_cam(self.model, to_tensor(network_input(self.model, [crop]), self.device))[0]
        # linear, not cubic: enlarging must not overshoot the map's peak (the face's probability of fake)
        return self._to_photo(cv2.resize(cam, (CROP, CROP), interpolation=cv2.INTER_LINEAR), face, rgb.shape)

    def explain_crops(self, crops: np.ndarray | list[np.ndarray]) -> np.ndarray:
        """Grad-CAM maps (N, S, S) float32 in 0-1 for aligned face crops (S = ``model.input_size``), each peaking at about its face's probability of "fake"."""
        side = self.model.input_size
        cams = grad_cam(self.model, to_tensor(network_input(self.model, crops), self.device))
        return np.stack([cv2.resize(cam, (side, side), interpolation=cv2.INTER_LINEAR) for cam in cams])  # linear: no overshoot above the peak

    @staticmethod
    def _to_photo(heat: np.ndarray, face: Face, shape: tuple[int, ...]) -> np.ndarray:
        inverse = cv2.invertAffineTransform(alignment_matrix(face, CROP))
        return cv2.warpAffine(heat.astype(np.float32), inverse, (shape[1], shape[0]), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the weights (safetensors) and ``info`` to ``path``."""
        return save_weights(self.model, path, info=self.info)


def shipped_weights() -> Path:
    """The path of the weights that come with the course."""
    return Path(str(resources.files("realorfake.detector").joinpath(SHIPPED)))


def load_detector(path: str | os.PathLike | None = None) -> Detector:
    """The detector whose weights are in ``path`` (default: the course's own). Loading never runs code from the file.

    Raises ``BadWeights`` for a file that is not detector weights the course wrote.
    """
    model, info = load_weights(shipped_weights() if path is None else path)
    return Detector(model=model, info=info)


__all__ = ["Detector", "load_detector", "shipped_weights"]
