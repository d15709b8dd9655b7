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
import warnings
from pathlib import Path

from ..errors import CourseError, DataUnavailable, WrongShape


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
    predict.add_argument("--upsample", type=int, choices=(0, 1, 2), default=None, help="look for smaller faces: 1 (down to about 40 px) or 2 (about 20 px); slower")
    predict.add_argument("images", nargs="+")
    evaluate = commands.add_parser("evaluate", help="AUC on a labelled folder (real/ and fake/, or labels.csv)")
    evaluate.add_argument("--weights", default=None)
    evaluate.add_argument("--upsample", type=int, choices=(0, 1, 2), default=None, help="look for smaller faces: 1 or 2 (slower)")
    evaluate.add_argument("folder")
    return parser


def _train(args) -> int:
    from .data import folder_faces, sources, training_faces
    from .training import train

    out = _writable(args.out)  # before two minutes of training, not after
    faces = training_faces()
    names = []
    for folder in args.faces:
        found, notes = folder_faces(folder)
        for note in notes:
            print(note, file=sys.stderr)
        if not found:
            raise DataUnavailable(f"No usable face in {folder}: nothing to add. Put real face photos in it (JPEG or PNG, faces at least 80 px wide), or leave out --faces.")
        print(f"{folder}: {len(found)} faces from {len(sources(found))} photos")
        faces += found
        names.append(Path(folder).name)
    print("training (the first seconds prepare the faces) ...", file=sys.stderr)
    trained_on = "the course's real faces" + (f" and the photos in {', '.join(names)}" if names else "") + ", with self-blended fakes made from them"
    result = train(faces, seconds=None if args.steps else args.seconds, steps=args.steps, seed=args.seed, trained_on=trained_on)
    path = result.detector.save(out)
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
            with warnings.catch_warnings(record=True) as notes:
                warnings.simplefilter("always")
                probability = detector.predict(image, upsample=args.upsample)
            for note in notes:  # a large photo is shrunk first: one line naming the file, not a Python warning
                print(f"{image}: {str(note.message).rstrip('.')}.", file=sys.stderr)
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

    def predict(path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # large photos are shrunk first; the result line is what matters
            return detector.predict(path, upsample=args.upsample)

    result = evaluate_folder(predict, args.folder, on_skip=lambda note: print(f"skipped {note}"))
    if len(set(result.labels)) < 2:
        print(f"Not enough faces to score: {sum(result.labels)} fake and {len(result.labels) - sum(result.labels)} real faces found; an AUC needs both.", file=sys.stderr)
        return 1
    if result.unreadable:
        print(f"not read: {len(result.unreadable)} file(s) missing or not images (listed above)")
    print(result.summary())
    return 0


def _writable(out: str) -> Path:
    """``out`` as a path a weights file can be written to, checked before training; ``WrongShape`` otherwise."""
    path = Path(out)
    if path.is_dir() or out.endswith(("/", "\\")):
        raise WrongShape(f"--out {out} is a folder; give a file name, such as {path / 'detector.safetensors'}.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WrongShape(f"--out: the folder {folder} does not exist. Create it first, or write somewhere else.")
    import os

    if not os.access(folder, os.W_OK):
        raise WrongShape(f"--out: the folder {folder} cannot be written to. Write somewhere you may, such as your home folder.")
    return path


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
