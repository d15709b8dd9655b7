"""Lesson 04 checks: they pass on the model answers (and fair variants), name the usual mistakes, and wait for stubs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from conftest import assert_passes_and_waits, feedback_text
from realorfake import data
from realorfake.course import checks as all_checks
from realorfake.course.checks import lesson04 as checks
from realorfake.show import forensic_pictures

# --------------------------------------------------------- model answers (as in the notebook)


def ela(image, quality=90):
    again = data.jpeg(image, quality)
    return np.abs(image.astype(np.float32) - again.astype(np.float32)).mean(axis=2) * 10


def radial_profile(power):
    n = power.shape[0]
    y, x = np.indices(power.shape)
    r = np.round(np.hypot(y - n // 2, x - n // 2)).astype(int)
    sums = np.bincount(r.ravel(), weights=power.ravel())
    counts = np.bincount(r.ravel())
    return (sums / counts)[: n // 2]


def seam_score(image, mask):
    m = (mask > 0.5).astype(np.uint8)
    thin, wide = np.ones((3, 3), np.uint8), np.ones((21, 21), np.uint8)
    outline = (cv2.dilate(m, thin) - cv2.erode(m, thin)) > 0
    band = ((cv2.dilate(m, wide) - cv2.erode(m, wide)) > 0) & ~outline
    gy, gx = np.gradient(image.mean(axis=2))
    edges = np.hypot(gx, gy)
    return edges[outline].mean() / edges[band].mean()


def which_view(case):
    return {"A": "sharpness", "B": "ELA", "C": "spectrum", "D": "seam", "E": "noise"}[case]


CASES = [
    (checks.ela_view, ela),
    (checks.azimuthal_spectrum, radial_profile),
    (checks.find_the_seam, seam_score),
    (checks.view_quiz, which_view),
]
IDS = ["ela_view", "azimuthal_spectrum", "find_the_seam", "view_quiz"]


@pytest.mark.parametrize("check, answer", CASES, ids=IDS)
def test_model_answer_passes_and_stub_waits(check, answer):
    assert_passes_and_waits(check, answer)


def test_checks_are_exported_for_notebooks():
    for name in IDS:
        assert getattr(all_checks, name) is getattr(checks, name)


@pytest.mark.parametrize("check", [c for c, _ in CASES], ids=IDS)
def test_a_crash_in_the_learners_code_becomes_feedback(check):
    def broken(*args):
        return args[0].nonexistent

    feedback = check(broken)
    assert not feedback.passed and feedback.done and "AttributeError" in feedback.message


# ----------------------------------------------------------------------- ELA


def test_ela_accepts_fair_variants():
    plain = lambda image, quality=90: np.abs(image.astype(float) - data.jpeg(image, quality))  # noqa: E731  (H, W, 3), no amplification
    assert checks.ela_view(plain).passed
    assert checks.ela_view(lambda image, quality=90: ela(image, quality).clip(0, 255)).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda image, quality=90: np.abs(image - data.jpeg(image, quality)).mean(axis=2), "uint8"),
        (lambda image, quality=90: np.abs(image.astype(float) - data.jpeg(image, 90)).mean(axis=2), "another quality"),
        (lambda image, quality=90: data.jpeg(image, quality), "picture itself"),
        (lambda image, quality=90: (image.astype(float) - data.jpeg(image, quality)).mean(axis=2), "absolute value"),
        (lambda image, quality=90: np.abs(image.astype(float) - image), "all zeros"),
        (lambda image, quality=90: np.abs(image.astype(float) - data.jpeg(image, quality))[:100], "shape"),
        (lambda image, quality=90: 3.0, "map of the image's size"),
    ],
    ids=["uint8-wraparound", "ignores-quality", "returns-resaved", "no-abs", "self-compare", "wrong-shape", "a-number"],
)
def test_ela_names_the_mistake(answer, words):
    feedback = checks.ela_view(answer)
    assert not feedback.passed and feedback.done
    assert words in feedback_text(feedback), feedback_text(feedback)


# -------------------------------------------------------- azimuthal average


def _floor(power):
    n = power.shape[0]
    y, x = np.indices(power.shape)
    r = np.hypot(y - n // 2, x - n // 2).astype(int)
    return (np.bincount(r.ravel(), power.ravel()) / np.bincount(r.ravel()))[: n // 2]


def _sums(power):
    n = power.shape[0]
    y, x = np.indices(power.shape)
    r = np.round(np.hypot(y - n // 2, x - n // 2)).astype(int)
    return np.bincount(r.ravel(), power.ravel())[: n // 2]


def _half_centre(power):
    n = power.shape[0]
    y, x = np.indices(power.shape)
    r = np.round(np.hypot(y - n / 2, x - n / 2)).astype(int)
    with np.errstate(invalid="ignore"):
        return (np.bincount(r.ravel(), power.ravel()) / np.bincount(r.ravel()))[: n // 2]


@pytest.mark.parametrize(
    "answer, words",
    [
        (_sums, "sum of each ring"),
        (_floor, "rounded"),
        (_half_centre, "centre cell"),
        (lambda power: power, "1-D array"),
        (lambda power: radial_profile(power)[:5], "expected"),
    ],
    ids=["sums", "floor", "centre", "2-D", "too-short"],
)
def test_azimuthal_names_the_mistake(answer, words):
    feedback = checks.azimuthal_spectrum(answer)
    assert not feedback.passed and feedback.done
    assert words in feedback_text(feedback), feedback_text(feedback)


def test_azimuthal_accepts_a_longer_profile_and_lists():
    assert checks.azimuthal_spectrum(lambda p: list(radial_profile(p)) + [0.0, 0.0]).passed


# ------------------------------------------------------------------- seams


def _sobel_variant(image, mask):
    m = (mask > 0.5).astype(np.uint8)
    thin, wide = np.ones((5, 5), np.uint8), np.ones((31, 31), np.uint8)
    outline = (cv2.dilate(m, thin) - cv2.erode(m, thin)) > 0
    band = ((cv2.dilate(m, wide) - cv2.erode(m, wide)) > 0) & ~outline
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    edges = np.hypot(cv2.Sobel(gray, cv2.CV_32F, 1, 0), cv2.Sobel(gray, cv2.CV_32F, 0, 1))
    return float(edges[outline].mean() / edges[band].mean())


def test_seam_accepts_other_edge_measures():
    feedback = checks.find_the_seam(_sobel_variant)
    assert feedback.passed, feedback_text(feedback)


def _wide_outline(image, mask):
    m = (mask > 0.5).astype(np.uint8)
    k = np.ones((41, 41), np.uint8)
    outline = (cv2.dilate(m, k) - cv2.erode(m, k)) > 0
    edges = np.hypot(*np.gradient(image.mean(axis=2)))
    return edges[outline].mean() / edges.mean()


def _whole_image(image, mask):
    m = (mask > 0.5).astype(np.uint8)
    k = np.ones((3, 3), np.uint8)
    outline = (cv2.dilate(m, k) - cv2.erode(m, k)) > 0
    edges = np.hypot(*np.gradient(image.mean(axis=2)))
    return edges[outline].mean() / edges.mean()  # the mistake the guide lists: the whole image, not the band


@pytest.mark.parametrize(
    "answer, words",
    [
        (_whole_image, "not with the whole image"),
        (lambda image, mask: 1.0, "well over 1.5"),
        (_wide_outline, "well over 1.5"),
        (lambda image, mask: seam_score(image, mask) * 3, "close to 1"),
        (lambda image, mask: np.array([1.0, 2.0]), "one number"),
        (lambda image, mask: float("nan"), "NaN"),
        (lambda image, mask: seam_score(image, mask) if mask.shape[0] == 220 else 1 / seam_score(image, mask), "real photo"),
    ],
    ids=["whole-image", "constant", "wide-outline", "not-a-ratio", "two-numbers", "nan", "ranks-wrong"],
)
def test_seam_names_the_mistake(answer, words):
    feedback = checks.find_the_seam(answer)
    assert not feedback.passed and feedback.done
    assert words in feedback_text(feedback), feedback_text(feedback)


# ---------------------------------------------------------------- view quiz


def test_quiz_accepts_other_views_that_show_it_and_spellings():
    answers = {"A": "noise", "B": "error level analysis", "C": "Close-ups", "D": "seam view", "E": "sharpness"}
    feedback = checks.view_quiz(lambda case: answers[case])
    assert feedback.passed, feedback_text(feedback)
    assert "the clearest is sharpness" in feedback_text(feedback)


def test_quiz_lists_the_wrong_cases_with_hints():
    answers = {"A": "sharpness", "B": "sharpness", "C": "spectrum", "D": "seam", "E": "seam"}
    feedback = checks.view_quiz(lambda case: answers[case])
    assert not feedback.passed and feedback.done
    assert feedback.message.startswith("3 of 5 right") and "B ('sharpness'" in feedback.message
    assert any(d.startswith("Hint for B") for d in feedback.details)
    assert not checks.view_quiz(lambda case: "x-ray").passed
    assert "name of a view" in checks.view_quiz(lambda case: 42).message


def test_quiz_answers_are_views_of_the_magnifier():

    for best, also, _ in checks.QUIZ.values():
        assert best in forensic_pictures.VIEWS and set(also) <= set(forensic_pictures.VIEWS)


@pytest.mark.parametrize("view", ["ELA", "noise", "sharpness", "close-ups", "seam", "spectrum"])
def test_a_blanket_answer_does_not_pass_the_quiz(view):
    feedback = checks.view_quiz(lambda case: view)
    assert not feedback.passed and "different view" in feedback_text(feedback)


def test_a_learners_numpy_warnings_do_not_print_above_the_verdict():
    """An outline wider than the band printed numpy RuntimeWarnings above the seam check's message."""
    import warnings

    def too_wide(image, mask):
        m = (mask > 0.5).astype(np.uint8)
        outline = (cv2.dilate(m, np.ones((25, 25), np.uint8)) - cv2.erode(m, np.ones((25, 25), np.uint8))) > 0
        band = ((cv2.dilate(m, np.ones((21, 21), np.uint8)) - cv2.erode(m, np.ones((21, 21), np.uint8))) > 0) & ~outline
        edges = np.hypot(*np.gradient(image.mean(axis=2)))
        return edges[outline].mean() / edges[band].mean()

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        feedback = checks.find_the_seam(too_wide)
    assert not feedback.passed and "band" in feedback.message
