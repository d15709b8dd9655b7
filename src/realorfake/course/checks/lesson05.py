"""Checks for lesson 05, "Train a detector".

* ``blend_formula(blend)``: the self-blend, ``blend(face, altered, mask)``;
* ``auc_count(my_auc)``: the AUC counted by hand on tiny examples, against scikit-learn;
* ``false_alarm_threshold(choose_threshold)``: the threshold that keeps false alarms within a budget;
* ``heat_map_question(answer)``: what the heat map of a self-blended fake shows.

Each check runs the learner's function on cases with known answers and says
what was expected, what was found, and what to change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ...detector.evaluation import auc, confusion_at, threshold_for_false_alarms
from .feedback import Feedback, _Stopped, borrowed, call, check, failed, numbers, passed

__all__ = ["auc_count", "blend_formula", "false_alarm_threshold", "heat_map_question"]


def _blend_case(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    face = rng.integers(0, 256, (24, 24, 3), dtype=np.uint8)
    altered = rng.integers(0, 256, (24, 24, 3), dtype=np.uint8)
    mask = np.zeros((24, 24), np.float32)
    mask[6:18, 5:19] = 1.0
    mask[4:6, 5:19] = 0.5
    mask[18:20, 5:19] = rng.uniform(0, 1, (2, 14)).astype(np.float32)
    return face, altered, mask


@check
def blend_formula(blend: Callable[..., Any]) -> Feedback:
    """Check ``blend(face, altered, mask)``: ``mask * altered + (1 - mask) * face``, RGB uint8 of the face's shape."""
    if (copied := borrowed(blend, {"self_blend": "self_blend.self_blend"})) is not None:
        return copied
    for seed in (0, 1):
        face, altered, mask = _blend_case(seed)
        try:
            result = call(blend, face.copy(), altered.copy(), mask.copy(), name="blend")
        except _Stopped as stop:
            if "operands could not be broadcast" in stop.feedback.message:
                return failed(
                    "blend raised an error about shapes: the mask (height x width) cannot multiply an image (height x width x 3) as it is.",
                    "Give the mask a third axis, mask[..., None], so that it multiplies all three colour channels.",
                )
            raise
        array = numbers(result)
        if array is None or array.shape != face.shape:
            shape = getattr(array, "shape", None)
            return failed(
                f"blend returned {type(result).__name__} of shape {shape}; expected an image of shape {face.shape}.",
                "Give the mask a third axis (mask[..., None]) so it multiplies all three colour channels.",
            )
        expected = mask[..., None] * altered.astype(np.float64) + (1 - mask[..., None]) * face.astype(np.float64)
        outside = mask == 0
        if not np.allclose(array[outside], face[outside], atol=1):
            return failed("Where the mask is 0 your picture is not the real face.", "Outside the mask the self-blend must be the original photo, pixel for pixel: (1 - mask) * face there.")
        if np.abs(array - expected).max() > 1 and _wraps(array, expected):
            return failed(
                "Some pixels came out far too dark or too bright: the arithmetic wrapped around.",
                "uint8 numbers only go from 0 to 255: 250 + 10 gives 4, and 3 - 5 gives 254. Convert to float (astype(np.float32)) before you add, subtract or multiply, and back to uint8 at the end.",
            )
        inside = mask == 1
        if not np.allclose(array[inside], altered[inside], atol=1):
            if np.allclose(array[inside], face[inside], atol=1):
                return failed("Where the mask is 1 your picture is still the real face.", "Inside the mask it must be the altered copy: mask * altered.")
            return failed("Where the mask is 1 your picture is not the altered copy.", "Check which image the mask multiplies: mask * altered + (1 - mask) * face.")
        if np.abs(array - expected).max() > 1:
            gap = np.abs(array - expected).max()
            return failed(
                f"On the mask's soft edge your values are off by up to {gap:.0f} grey levels.",
                "Where the mask is between 0 and 1 the two images mix: compute in float (astype(np.float32)) before converting back to uint8.",
                *(["Differences that large mean uint8 arithmetic wrapped around: 3 - 5 gives 254, 250 + 10 gives 4."] if gap > 100 else []),
            )
    if getattr(result, "dtype", None) != np.uint8:
        return passed("Right values. One more step: return an image of uint8 (np.clip(x + 0.5, 0, 255).astype(np.uint8)), as photos are.")
    return passed("Well done: that is the blend of every self-blended image, and of every face swap: the mask decides, pixel by pixel, which image shows.")


def _wraps(array: np.ndarray, expected: np.ndarray) -> bool:
    """True when the differences look like uint8 wrap-around: some pixels off by about 256, as 250 + 10 = 4 gives."""
    gap = np.abs(array - expected)
    return bool((gap > 128).mean() > 0.02)


AUC_CASES = (
    ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
    ([0, 1, 0, 1, 0], [0.2, 0.9, 0.7, 0.6, 0.1]),
    ([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2]),  # a tie counts half
    ([0, 0, 0, 1], [0.9, 0.8, 0.7, 0.1]),  # every pair in the wrong order
)


@check
def auc_count(my_auc: Callable[..., Any]) -> Feedback:
    """Check ``my_auc(labels, scores)`` on tiny examples against scikit-learn's ``roc_auc_score``."""
    if (copied := borrowed(my_auc, {"roc_auc_score": "sklearn.metrics.roc_auc_score", "auc": "evaluation.auc", "auc_by_hand": "evaluation.auc_by_hand"})) is not None:
        return copied
    results = []
    for labels, scores in AUC_CASES:
        value = numbers(call(my_auc, list(labels), list(scores), name="my_auc"))
        if value is None or value.size != 1:
            return failed("my_auc must return one number (a share between 0 and 1).")
        expected = auc(labels, scores)
        results.append(f"labels {labels}, scores {scores}: yours {float(value):.3f}, scikit-learn {expected:.3f}")
        if abs(float(value) - expected) > 1e-9:
            if 0.5 in scores and scores.count(0.5) > 1 and abs(float(value) - expected) <= 0.5 / (sum(labels) * (len(labels) - sum(labels))) + 1e-9:
                return failed(f"Right except for the tie: {results[-1]}.", "When a fake and a real face get the same score, the pair counts half.")
            return failed(
                f"Not the same: {results[-1]}.",
                "Take every (fake, real) pair; count 1 when the fake scores higher, 1/2 when they score the same; divide by the number of pairs.",
            )
    return passed("Your AUC equals scikit-learn's on every example: it is the chance that a fake scores higher than a real face.", *results)


@check
def false_alarm_threshold(choose_threshold: Callable[..., Any]) -> Feedback:
    """Check ``choose_threshold(labels, scores, rate)``: the lowest threshold whose false-alarm rate is at most ``rate``."""
    if (copied := borrowed(choose_threshold, {"threshold_for_false_alarms": "evaluation.threshold_for_false_alarms", "roc_curve": "sklearn.metrics.roc_curve"})) is not None:
        return copied
    rng = np.random.default_rng(5)
    labels = [0] * 40 + [1] * 20
    scores = np.round(np.concatenate([rng.beta(2, 5, 40), rng.beta(5, 2, 20)]), 3)
    reals = np.sort(scores[:40])[::-1]
    scores[40:44] = (reals[1] + reals[2]) / 2  # fakes between the second and third highest real faces: a threshold one real face too high misses them
    scores = scores.tolist()
    for rate in (0.1, 0.05, 0.25, 0.0):
        value = numbers(call(choose_threshold, list(labels), list(scores), rate, name="choose_threshold"))
        if value is None or value.size != 1:
            return failed("choose_threshold must return one number, the threshold (scores at or above it are called fake).")
        mine = confusion_at(labels, scores, float(np.clip(value, 0, 1)))
        best = confusion_at(labels, scores, threshold_for_false_alarms(labels, scores, rate))
        if mine.false_alarm_rate > rate + 1e-9:
            return failed(
                f"For a budget of {rate:.0%} false alarms, threshold {float(value):.3f} calls {mine.false_alarms} of 40 real faces fake ({mine.false_alarm_rate:.0%}).",
                "Raise the threshold: at most that share of the real faces' scores may be at or above it.",
            )
        if mine.caught < best.caught:
            return failed(
                f"For a budget of {rate:.0%}, threshold {float(value):.3f} keeps within it but catches only {mine.caught} of 20 fakes; {best.caught} are possible.",
                "Lower the threshold as far as the budget allows: just above the real face's score that would be one false alarm too many.",
            )
    return passed("Right: a false-alarm budget fixes the threshold, and the threshold fixes how many fakes get through. Choosing it is a decision about harms, not a fact about the picture.")


HEAT_MAP_CHOICES = {
    "A": "the eyes and the mouth, because fakes always get those wrong",
    "B": "the face: inside the blended area or near its edge (the dashed line), and hardly the background",
    "C": "the background, because the detector looks at the whole picture equally",
    "D": "nothing in particular: a neural network cannot be looked into",
}


@check
def heat_map_question(answer: Any) -> Feedback:
    """Check the letter (or a function returning it) chosen for what the heat maps of self-blended fakes mostly show."""
    if callable(answer):
        answer = call(answer, name=getattr(answer, "__name__", "your function"))
    letter = str(answer).strip().upper() if isinstance(answer, str) else ""
    if letter not in HEAT_MAP_CHOICES:  # one letter only: "background" must not pass as B
        return failed(f"Answer with one letter, A to D (got {answer!r}).")
    if letter == "B":
        return passed(
            "Yes, mostly: on the fakes it finds, the heat lies on the face and head, hardly on the background beside the person, and the "
            "real faces get almost no colour (each map is only as bright as the detector's probability of fake). On the unseen person all "
            "of it lies inside the blended area; on Collins the brightest squares do too (eyes, cheeks, chin). A self-blend differs from "
            "the real face only inside its mask and at the mask's edge, so that is where the network learnt to look.",
            "Not always exactly there: on Hopper's self-blend the blended face itself stays dark and the heat sits on her cap, above the "
            "dashed line, on pixels the blend did not change; Collins's hair at the top of the picture glows too. Each of the 16 x 16 "
            "squares is worked out from a wider patch of the picture around it, so a map can point beside a change rather than at it, "
            "and the network uses whatever tells its fakes apart, not the place we would point at. A fake with no blend at all (a whole "
            "face made by a generator) gives it nothing to find.",
        )
    why = {
        "A": "Collins's eyes and mouth do light up, but they lie inside her blended area, and on the other two fakes the heat is "
        "elsewhere (all over the unseen person's blended area, on Hopper's cap). The self-blends it trained on have the same person's "
        "eyes and mouth, so fakes do not 'always get those wrong': what differs is the blended area and its edge. Compare all three "
        "fakes with their real faces.",
        "C": "Look again: beside each person the background stays nearly clear; the glow at the top of two pictures lies on "
        "Hopper's cap and Collins's hair, and the unseen person's is all inside the face. Its training fakes differ from real faces "
        "only inside the face and at its edge.",
        "D": "Grad-CAM does look inside: it weighs each feature map by how much it pushed the score to 'fake'. Look where the bright areas lie.",
    }[letter]
    return failed(f"Not quite: {HEAT_MAP_CHOICES[letter]}.", why)
