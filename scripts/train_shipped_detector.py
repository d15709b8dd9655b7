"""Make the detector weights the course ships: a fixed number of seeded training steps on the course's own faces.

Run: .venv/bin/python scripts/train_shipped_detector.py [--out FILE]

Same seed, same steps, same data: the same model (on the CPU, to within the
order of floating-point sums), so its AUC on the held-out self-blends repeats
within 0.01. The weights land in src/realorfake/detector/detector.safetensors
unless --out says otherwise; the last line gives the AUC the tests compare.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: The recipe of the shipped weights: change it only together with the weights file.
SEED = 0
STEPS = 2000


def held_out_auc(detector) -> float:
    """AUC on self-blends of faces never trained on (LFW subset 70-99), seeded: the number the tests compare."""
    from realorfake.detector.data import HELD_OUT_LFW, lfw_faces
    from realorfake.detector.evaluation import auc
    from realorfake.detector.model import probabilities
    from realorfake.detector.training import validation_set

    images, labels = validation_set(lfw_faces(HELD_OUT_LFW), seed=12345)
    return auc(labels, probabilities(detector.model, images, detector.device))


def main(argv: list[str] | None = None) -> int:
    from realorfake.detector.data import training_faces
    from realorfake.detector.predictor import shipped_weights
    from realorfake.detector.training import train

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(shipped_weights()))
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    from realorfake.detector.data import sources

    faces = training_faces()
    people = len([name for name in sources(faces) if name.startswith("lfw")])
    trained_on = f"two portraits (with benign edits) and {people} small faces of the LFW subset, with self-blended fakes made from them"
    result = train(faces, seconds=None, steps=STEPS, seed=SEED, progress=not args.quiet, trained_on=trained_on)
    result.detector.info["held_out_auc"] = round(held_out_auc(result.detector), 4)
    path = result.detector.save(Path(args.out))
    print(f"{result.steps} steps in {result.seconds:.0f} s; validation AUC {result.best_auc:.3f}; weights in {path}")
    print(f"held-out self-blend AUC {result.detector.info['held_out_auc']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
