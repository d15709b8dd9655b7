"""Training the detector on real faces and self-blended fakes, within a time budget, keeping the best model.

Each step takes ``batch / 2`` real faces at random (faces of real photos
``photo_weight`` times more often than the LFW subset's small blurry ones, see
``data.sampling_weights``); each gives one augmented real crop and one
augmented self-blended fake (label 1). The loss is binary
cross-entropy on the logits. Every few steps the model is scored (AUC) on a
fixed validation set made from *other photos* than the ones it trains on, and
the best model so far is kept: when training stops (time budget, no progress
for a while, the steps asked for, or Kernel -> Interrupt) that best model is
the one returned.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from ..errors import CourseError, OutOfRange, WrongShape
from .augment import augment
from .data import PHOTO_WEIGHT, RealFace, sampling_weights, sources, split_by_source
from .model import INPUT, SmallCNN, choose_device, probabilities, to_tensor
from .predictor import Detector
from .self_blend import self_blend


class TrainingStopped(CourseError):
    """Training was interrupted before its first step, so there is no model to return."""


@dataclass
class TrainingResult:
    """What :func:`train` returns: the best ``detector``, the ``history`` of evaluations, and why it stopped."""

    detector: Detector
    history: list[dict] = field(default_factory=list)  # one dict per evaluation: step, seconds, loss, validation_auc
    stopped: str = ""  # "time budget", "no progress", "steps done", "interrupted"
    seconds: float = 0.0
    steps: int = 0
    best_auc: float = float("nan")


def pairs(faces: Sequence[RealFace], rng: np.random.Generator, count: int, size: int = INPUT, *, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``count`` real crops and ``count`` self-blended fakes of randomly chosen ``faces``, augmented to ``size``.

    ``weights`` (len(faces),) float, summing to 1: each face's chance of being
    drawn (``data.sampling_weights``); None draws every face equally often.
    Returns (images (2 * count, size, size, 3) uint8, labels (2 * count,) float32: 0 real, 1 fake).
    """
    images = []
    chosen = rng.integers(0, len(faces), size=count) if weights is None else rng.choice(len(faces), size=count, p=weights)
    for index in chosen:
        face = faces[int(index)]
        images.append(augment(face.crop, rng, size))
        images.append(augment(self_blend(face.crop, face.landmarks, rng).fake, rng, size))
    labels = np.tile(np.array([0.0, 1.0], np.float32), count)
    return np.stack(images), labels


def validation_set(faces: Sequence[RealFace], *, per_face: int = 6, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A fixed validation set: ``per_face`` real and ``per_face`` self-blended crops of each face, seeded."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for face in faces:
        for _ in range(per_face):
            images.append(augment(face.crop, rng, INPUT))
            images.append(augment(self_blend(face.crop, face.landmarks, rng).fake, rng, INPUT))
            labels += [0.0, 1.0]
    return np.stack(images), np.array(labels, np.float32)


def train(
    faces: Sequence[RealFace],
    *,
    seconds: float | None = 120,
    steps: int | None = None,
    seed: int = 0,
    batch: int = 32,
    held_out: float = 0.15,
    evaluate_every: int = 40,
    evaluate_seconds: float = 3.0,
    patience: int = 12,
    learning_rate: float = 3e-3,
    photo_weight: float = PHOTO_WEIGHT,
    pool_pairs: int = 512,
    refresh: int = 4,
    on_evaluate: Callable[[list[dict]], None] | None = None,
    progress: bool = True,
    trained_on: str = "",
) -> TrainingResult:
    """Train a detector on real ``faces`` (RealFaces) and self-blended fakes made from them; returns a :class:`TrainingResult`.

    ``seconds``: time budget (None: no limit); ``steps``: stop after this many
    steps (give it, with ``seconds=None``, for a run that repeats exactly under
    ``seed`` on the CPU). ``held_out`` is the share of photos kept for
    validation (split by photo). ``photo_weight``: how many times more often
    faces of real photos are drawn than the LFW subset's (1: all alike; see
    ``data.sampling_weights``). Batches are drawn from a pool of
    ``pool_pairs`` augmented (real, self-blend) pairs of which ``refresh`` are
    renewed at every step. ``on_evaluate`` is called with the history
    once before the first step and after each evaluation (a live plot);
    evaluations come every ``evaluate_every`` steps and, with a time budget,
    every ``evaluate_seconds`` too. Training stops early ("no progress") when
    the validation AUC has not risen for ``patience * evaluate_every`` steps.
    Interrupting (Ctrl-C, Kernel -> Interrupt)
    stops training, scores the latest model if it was not scored yet, and
    returns the best model so far; ``TrainingStopped`` when it came before the
    first step.
    Raises ``WrongShape`` for fewer than 4 photos' faces and ``OutOfRange`` for a
    budget or a ``photo_weight`` that is not positive.
    """
    faces = list(faces)
    if len(sources(faces)) < 4:
        raise WrongShape(f"Training needs real faces from at least 4 photos (got {len(sources(faces))}): some train, some check.")
    if seconds is None and steps is None:
        raise OutOfRange("Give a time budget (seconds) or a number of steps, or training would never stop.")
    if (seconds is not None and not (0 < seconds < 86400)) or (steps is not None and not steps > 0) or batch < 2:
        raise OutOfRange(f"seconds must be a number from 0 to 86400 (a day), steps positive and batch at least 2 (got seconds={seconds!r}, steps={steps!r}, batch={batch!r}).")
    if not 0 < photo_weight < float("inf"):
        raise OutOfRange(f"photo_weight must be a positive number (got {photo_weight!r}).")
    from tqdm.auto import tqdm

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    training, validation = split_by_source(faces, held_out, seed=seed)
    check_images, check_labels = validation_set(validation, seed=seed + 1)
    device = choose_device()
    model = SmallCNN().to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=1e-4)
    loss_function = nn.BCEWithLogitsLoss()
    # a pool of augmented pairs, a few renewed at every step: making a self-blend costs about as much as a
    # training step, so each one is seen a few times (flipped or not) and training takes about twice the steps
    weights = sampling_weights(training, photo_weight)
    pool, pool_labels = pairs(training, rng, pool_pairs, weights=weights)
    history: list[dict] = []
    best_state, best_auc, best_step = copy.deepcopy(model.state_dict()), -1.0, 0
    running, stopped, step = [], "", 0
    start = time.perf_counter()

    def evaluate() -> bool:
        """Score the model on the validation set, record it, keep it if it is the best so far; True when it is."""
        nonlocal best_state, best_auc, best_step, running
        auc = _auc(check_labels, probabilities(model, check_images, device))
        loss = float(np.mean(running)) if running else float("nan")
        history.append({"step": step, "seconds": round(time.perf_counter() - start, 2), "loss": loss, "validation_auc": auc})
        running = []
        bar.set_postfix(loss=f"{loss:.3f}", auc=f"{auc:.3f}")
        if on_evaluate is not None:
            on_evaluate(history)
        if auc > best_auc:
            best_state, best_auc, best_step = copy.deepcopy(model.state_dict()), auc, step
            return True
        return False

    if steps is not None:
        bar = tqdm(total=steps, unit="step", disable=not progress, desc="training")
    else:
        bar = tqdm(total=round(seconds), disable=not progress, desc="training", bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f} of {total:.0f} s{postfix}")
    shown = 0
    last_check = 0.0
    try:
        if on_evaluate is not None:
            on_evaluate(history)  # empty axes at once: the plot is there before the first numbers
        while True:
            fresh, fresh_labels = pairs(training, rng, refresh, weights=weights)
            slots = rng.choice(len(pool), len(fresh), replace=False)
            pool[slots], pool_labels[slots] = fresh, fresh_labels
            chosen = rng.choice(len(pool), batch, replace=False)
            images, labels = pool[chosen], pool_labels[chosen]
            flip = rng.random(batch) < 0.5
            images[flip] = images[flip][:, :, ::-1]
            model.train()
            logits = model(to_tensor(images, device))
            loss = loss_function(logits, torch.from_numpy(labels).to(device))
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            running.append(float(loss.detach()))
            step += 1
            elapsed = time.perf_counter() - start
            for group in optimiser.param_groups:  # cosine decay over the budget: big steps first, fine ones at the end
                group["lr"] = learning_rate * 0.5 * (1 + np.cos(np.pi * min(1.0, _progress(step, steps, elapsed, seconds))))
            if steps is not None:
                bar.update(1)
            else:
                bar.update(min(round(elapsed), round(seconds)) - shown)
                shown = min(round(elapsed), round(seconds))
            done = (steps is not None and step >= steps) or (seconds is not None and elapsed >= seconds)
            # by steps (a run of ``steps`` repeats exactly), and with a time budget also every few seconds (a live plot)
            due = step % evaluate_every == 0 or (steps is None and elapsed - last_check >= evaluate_seconds)
            if due or done:
                last_check = elapsed
                evaluate()
                # patience counts steps, not evaluations: the extra ones a time budget makes every few seconds
                # must not make training give up sooner on a slow machine than on a fast one
                if step - best_step >= patience * evaluate_every:
                    stopped = "no progress"
                    break
            if done:
                stopped = "steps done" if steps is not None and step >= steps else "time budget"
                break
    except KeyboardInterrupt:
        stopped = "interrupted"
        if step and (not history or history[-1]["step"] != step):
            evaluate()  # stopped between two evaluations: score the latest model too, so the best is really the best so far
    finally:
        bar.close()
    if not history:
        raise TrainingStopped("Training was stopped before its first step: there is no model to keep. Run it again and let it train.")
    model.load_state_dict(best_state)
    model.eval()
    info = {
        "trained_on": trained_on or f"{len(sources(training))} photos of real faces and self-blended fakes made from them",
        "photos": len(sources(training)),
        "faces": len(training),
        "validation_photos": len(sources(validation)),
        "validation_auc": round(best_auc, 4),
        "steps": step,
        "seed": seed,
        "photo_weight": photo_weight,
    }
    return TrainingResult(Detector(model=model, info=info, device=device), history, stopped, time.perf_counter() - start, step, best_auc)


def _progress(step: int, steps: int | None, elapsed: float, seconds: float | None) -> float:
    """How far training is through its budget (0-1): by steps when they are given, else by time."""
    if steps is not None:
        return step / steps
    return elapsed / seconds


def _auc(labels: np.ndarray, probabilities: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, probabilities))


__all__ = ["TrainingResult", "TrainingStopped", "pairs", "train", "validation_set"]
