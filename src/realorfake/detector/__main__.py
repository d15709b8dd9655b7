"""Command line for facilitators: train a detector, score photos, evaluate it on a labelled folder.

    python -m realorfake.detector train --seconds 120 [--faces FOLDER ...] --out FILE
    python -m realorfake.detector predict [--weights FILE] IMAGE...
    python -m realorfake.detector evaluate [--weights FILE] FOLDER

``evaluate`` reads a folder with ``real/`` and ``fake/`` subfolders, or a
``labels.csv`` of ``path,label`` rows, lists the files with no usable face, and
ends with one line: ``AUC 0.xxx on N faces (F fake), no face K``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import CourseError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m realorfake.detector", description="Train, use and evaluate Lesson 05's deepfake detector (offline, on the CPU).")
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="train a detector on the course's real faces (and your folders) with self-blended fakes")
    train.add_argument("--seconds", type=float, default=120, help="time budget in seconds (default 120)")
    train.add_argument("--steps", type=int, default=None, help="stop after this many steps instead (a run that repeats exactly)")
    train.add_argument("--faces", action="append", default=[], metavar="FOLDER", help="a folder of real face photos, used with consent; every face in each photo is used (repeatable)")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", required=True, help="where to write the weights (.safetensors)")
    predict = commands.add_parser("predict", help="the probability that the largest face of each image is a fake")
    predict.add_argument("--weights", default=None, help="a weights file (default: the course's own)")
    predict.add_argument("--threshold", type=float, default=0.5, help="probability at or above which the verdict line says 'fake' (default 0.5)")
    predict.add_argument("images", nargs="+")
    evaluate = commands.add_parser("evaluate", help="AUC on a labelled folder (real/ and fake/, or labels.csv)")
    evaluate.add_argument("--weights", default=None)
    evaluate.add_argument("folder")
    return parser


def _train(args) -> int:
    from .data import folder_faces, sources, training_faces
    from .training import train

    faces = training_faces()
    names = []
    for folder in args.faces:
        found, notes = folder_faces(folder)
        for note in notes:
            print(note, file=sys.stderr)
        print(f"{folder}: {len(found)} faces from {len(sources(found))} photos")
        faces += found
        names.append(Path(folder).name)
    trained_on = "the course's real faces" + (f" and the photos in {', '.join(names)}" if names else "") + ", with self-blended fakes made from them"
    result = train(faces, seconds=None if args.steps else args.seconds, steps=args.steps, seed=args.seed, trained_on=trained_on)
    path = result.detector.save(args.out)
    print(f"stopped: {result.stopped} after {result.steps} steps, {result.seconds:.0f} s; validation AUC {result.best_auc:.3f}")
    print(f"weights written to {path}")
    return 0


def _predict(args) -> int:
    from ..errors import check_number
    from .predictor import load_detector

    threshold = check_number(args.threshold, "--threshold", 0, 1)
    detector = load_detector(args.weights)
    failed = 0
    for image in args.images:
        try:
            probability = detector.predict(image)
        except CourseError as error:
            print(f"{image}\t-\tno answer: {error}")
            failed += 1
            continue
        verdict = "fake" if probability >= threshold else "real"
        print(f"{image}\t{probability:.3f}\t{verdict}")
    print(f"(a probability from a detector trained on {detector.trained_on}; judge it on labelled sets, not on one photo)", file=sys.stderr)
    return 1 if failed == len(args.images) else 0


def _evaluate(args) -> int:
    from .evaluation import evaluate_folder
    from .predictor import load_detector

    detector = load_detector(args.weights)
    result = evaluate_folder(detector.predict, args.folder, on_skip=lambda note: print(f"skipped {note}"))
    if len(set(result.labels)) < 2:
        print(f"Not enough faces to score: {sum(result.labels)} fake and {len(result.labels) - sum(result.labels)} real faces found; an AUC needs both.", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command (``argv``, default the command line); returns the exit status: 0 done, 1 nothing to score, 2 a clear error."""
    args = _parser().parse_args(argv)
    try:
        return {"train": _train, "predict": _predict, "evaluate": _evaluate}[args.command](args)
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
