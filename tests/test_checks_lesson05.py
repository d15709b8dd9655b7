"""Lesson 05's checks pass the right answers and name the mistakes learners make."""

from __future__ import annotations

import numpy as np

from realorfake.course import checks


def right_blend(face, altered, mask):
    mixed = mask[..., None] * altered.astype(np.float32) + (1 - mask[..., None]) * face.astype(np.float32)
    return np.clip(mixed + 0.5, 0, 255).astype(np.uint8)


def test_the_blend_check():
    assert checks.blend_formula(right_blend)
    swapped = checks.blend_formula(lambda face, altered, mask: right_blend(altered, face, mask))
    assert not swapped and "not the real face" in swapped.message
    no_axis = checks.blend_formula(lambda face, altered, mask: mask * altered[..., 0])
    assert not no_axis and "mask[..., None]" in " ".join(no_axis.details)
    broadcast = checks.blend_formula(lambda face, altered, mask: mask * altered + (1 - mask) * face)
    assert not broadcast and "mask[..., None]" in " ".join(broadcast.details)
    wrapped = checks.blend_formula(lambda face, altered, mask: face + (mask[..., None] * (altered - face)).astype(np.uint8))
    assert not wrapped and "wrapped around" in " ".join([wrapped.message, *wrapped.details])
    wraps = checks.blend_formula(lambda face, altered, mask: (mask[..., None] * altered + (1 - mask[..., None]) * face).astype(np.uint8) * 0 + face)
    assert not wraps

    def unfinished(face, altered, mask):
        raise NotImplementedError("HINT: mask * altered + ...")

    assert "not written yet" in checks.blend_formula(unfinished).message


def my_auc(labels, scores):
    fakes = [s for s, y in zip(scores, labels) if y == 1]
    reals = [s for s, y in zip(scores, labels) if y == 0]
    right = sum(1.0 if f > r else 0.5 if f == r else 0.0 for f in fakes for r in reals)
    return right / (len(fakes) * len(reals))


def test_the_auc_check():
    assert checks.auc_count(my_auc)

    def no_ties(labels, scores):
        pairs = [(f, r) for f, yf in zip(scores, labels) if yf for r, yr in zip(scores, labels) if not yr]
        return sum(f > r for f, r in pairs) / len(pairs)

    no_ties = checks.auc_count(no_ties)
    assert not no_ties and "tie" in no_ties.message
    accuracy = checks.auc_count(lambda labels, scores: float(np.mean((np.array(scores) >= 0.5) == np.array(labels))))
    assert not accuracy


def choose_threshold(labels, scores, rate):
    reals = sorted((s for s, y in zip(scores, labels) if y == 0), reverse=True)
    allowed = int(rate * len(reals) + 1e-9)
    return reals[allowed] + 1e-6


def test_the_threshold_check():
    assert checks.false_alarm_threshold(choose_threshold)
    too_low = checks.false_alarm_threshold(lambda labels, scores, rate: 0.5)
    assert not too_low

    def one_too_high(labels, scores, rate):
        reals = sorted((s for s, y in zip(scores, labels) if y == 0), reverse=True)
        return reals[max(int(rate * len(reals)) - 1, 0)] + 1e-6

    assert not checks.false_alarm_threshold(one_too_high)
    too_cautious = checks.false_alarm_threshold(lambda labels, scores, rate: 1.0)
    assert not too_cautious and "catches only" in too_cautious.message


def test_the_heat_map_question():
    assert checks.heat_map_question("B")
    assert checks.heat_map_question(lambda: "B")

    def unfinished():
        raise NotImplementedError

    assert "not written yet" in checks.heat_map_question(unfinished).message
    assert checks.heat_map_question(" b ")
    assert not checks.heat_map_question("A")
    assert not checks.heat_map_question("background")  # once passed as "B"
    assert "one letter" in checks.heat_map_question(None).message
