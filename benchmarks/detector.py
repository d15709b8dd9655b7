"""Lesson 05's detector on this machine: training time, AUCs on held-out self-blends, Lesson 03's swaps and morphs,
a class's own faces and faces never seen, JPEG and size robustness, the hand-made baseline, predict's speed, memory.

Targets (issue 10): training <= 120 s; self-blend AUC >= 0.95 on photos not seen in training; swaps and morphs
AUC >= 0.85 over all blend modes (each mode reported); trained with --faces on a group's photos, AUC >= 0.85 on
swaps among those people (reported on people never seen too); AUC at JPEG 50 and at half size; the baseline's
AUCs; peak memory <= 1.5 GB; predict at most 2.5x the face detection alone.

The group ("own faces") is LFW subset people 70-84, enlarged, saved as photos in a temporary folder; "unseen" are
people 85-99. Neither is in the default training set. Run: .venv/bin/python benchmarks/detector.py [--seconds 120]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from _timing import median_ms  # benchmarks/ is the script's folder, so this is benchmarks/_timing.py

from realorfake import data, faces
from realorfake.detector import cross_method
from realorfake.detector.baseline import Baseline, template_face
from realorfake.detector.data import folder_faces, lfw_faces, lfw_photo, training_faces
from realorfake.detector.evaluation import auc, degrade, turned_grey
from realorfake.detector.training import pairs, train

GROUP = range(70, 85)
UNSEEN = range(85, 100)


def swap_auc(detector, photos: dict[str, np.ndarray], *, per_mode: bool = False) -> tuple[float, dict[str, float]]:
    made = cross_method.cross_method_set(photos, qualities=(0, 75), sources_per_target=2)
    modes = {}
    for method in sorted({f.method for f in made} - {"real", "real (bottom rows covered)"}):
        crops, labels = cross_method.pick(made, method)
        modes[method] = auc(labels, detector.predict_crops(list(crops)))
    everything = [f for f in made if f.method != "real (bottom rows covered)"]
    overall = auc([f.label for f in everything], detector.predict_crops([f.crop for f in everything]))
    return overall, modes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()

    start = time.perf_counter()
    result = train(training_faces(), seconds=args.seconds, seed=0, progress=False)
    trained = time.perf_counter() - start
    detector = result.detector
    print(f"training: {trained:.0f} s in all ({result.steps} steps, stopped: {result.stopped}); validation AUC {result.best_auc:.3f}")

    held = lfw_faces(range(70, 100))
    held128, held_labels = pairs(held, np.random.default_rng(12345), 240, size=128)  # augmented as in training, at the crop's size
    self_blend_auc = auc(held_labels, detector.predict_crops(list(held128)))
    jpeg50 = auc(held_labels, detector.predict_crops([degrade(c, "jpeg", 50) for c in held128]))
    half = auc(held_labels, detector.predict_crops([degrade(c, "face_px", 64) for c in held128]))
    grey = auc(held_labels, detector.predict_crops([turned_grey(c) for c in held128]))
    print(f"self-blends of {len(held)} people never trained on: AUC {self_blend_auc:.3f}; at JPEG 50 {jpeg50:.3f}; at half size {half:.3f}; all turned grey {grey:.3f} (the colour shortcut)")

    swaps, modes = swap_auc(detector, cross_method.lesson03_photos())
    print(f"Lesson 03 swaps and morphs of the portraits: AUC {swaps:.3f}; " + "; ".join(f"{m} {v:.3f}" for m, v in modes.items()))

    # the baseline: the same kind of training data, four hand-made features, logistic regression
    rng = np.random.default_rng(0)
    train_faces = training_faces()
    base_images, base_labels = pairs(train_faces, rng, 300, size=128)
    baseline = Baseline(template_face(train_faces)).fit(list(base_images), base_labels)
    baseline_auc = auc(held_labels, baseline.predict_crops(list(held128)))
    baseline_swaps, _ = swap_auc(baseline, cross_method.lesson03_photos())
    print(f"baseline (logistic regression on {', '.join(baseline.weights)}): self-blend AUC {baseline_auc:.3f}; swaps AUC {baseline_swaps:.3f}")

    # the classroom's case: the group's own photos added with --faces
    with tempfile.TemporaryDirectory() as folder:
        for index in GROUP:
            cv2.imwrite(str(Path(folder) / f"person{index}.png"), cv2.cvtColor(lfw_photo(index), cv2.COLOR_RGB2BGR))
        group, notes = folder_faces(folder)
        own = train(training_faces() + group, seconds=args.seconds, seed=0, progress=False).detector
    own_auc, _ = swap_auc(own, {f"person{i}": lfw_photo(i) for i in GROUP})
    unseen_auc, _ = swap_auc(own, {f"person{i}": lfw_photo(i) for i in UNSEEN})
    before_auc, _ = swap_auc(detector, {f"person{i}": lfw_photo(i) for i in GROUP})
    print(f"own faces ({len(group)} faces added): swaps among them AUC {own_auc:.3f} (before adding them {before_auc:.3f}); among people never seen {unseen_auc:.3f}")

    photo = data.portrait("collins")
    detector.predict(photo)
    faces._remembered.clear()
    detect = median_ms(lambda: faces.detect_faces(photo), 9)

    def cold_predict():
        faces._remembered.clear()
        detector.predict(photo)

    predict = median_ms(cold_predict, 9)
    print(f"predict on a new 512-px photo: median {predict:.1f} ms; face detection alone {detect:.1f} ms; ratio {predict / detect:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"self-blend AUC {self_blend_auc:.3f}; swaps AUC {swaps:.3f}; own-faces AUC {own_auc:.3f}; unseen-faces AUC {unseen_auc:.3f}; "
        f"JPEG50 AUC {jpeg50:.3f}; baseline AUC {baseline_auc:.3f}; train {trained:.0f} s; peak {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
