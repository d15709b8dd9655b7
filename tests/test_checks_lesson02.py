"""Lesson 02 checks: they pass on the model answers, name the usual mistakes, and wait for stubs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from conftest import assert_passes_and_waits, feedback_text
from realorfake.course.checks import lesson02 as checks

# --------------------------------------------------------- model answers (as in the notebook)


def mean_color(image):
    return image.mean(axis=(0, 1))


def crop_mouth(image, face, margin=10):
    points = face.region("mouth")
    x0, y0 = points.min(axis=0).astype(int) - margin
    x1, y1 = points.max(axis=0).astype(int) + margin
    x0, y0 = max(0, x0), max(0, y0)
    return image[y0 : y1 + 1, x0 : x1 + 1]


def distance_between_eyes(face):
    left, right = face.eye_centers
    return float(np.hypot(*(right - left)))


def level_eyes(image, face):
    left, right = face.eye_centers
    dx, dy = right - left
    angle = np.degrees(np.arctan2(dy, dx))
    centre = (float((left[0] + right[0]) / 2), float((left[1] + right[1]) / 2))
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    return cv2.warpAffine(image, matrix, (image.shape[1], image.shape[0]))


# ----------------------------------------------------------------- passing


@pytest.mark.parametrize(
    "check, answer",
    [
        (checks.channel_means, mean_color),
        (checks.mouth_crop, crop_mouth),
        (checks.eye_distance, distance_between_eyes),
        (checks.align_by_eyes, level_eyes),
    ],
    ids=["channel_means", "mouth_crop", "eye_distance", "align_by_eyes"],
)
def test_model_answer_passes_and_stub_waits(check, answer):
    assert_passes_and_waits(check, answer)


def test_a_crash_in_the_learners_code_becomes_feedback():
    def broken(image):
        return image.nonexistent

    feedback = checks.channel_means(broken)
    assert not feedback.passed and feedback.done
    assert "AttributeError" in feedback.message


def test_passing_the_result_instead_of_the_function():
    feedback = checks.eye_distance(12.5)
    assert not feedback.passed and "Expected a function" in feedback.message


def test_checks_give_fresh_copies_so_mutating_inputs_is_harmless():
    def vandal(image, face):
        image[:] = 0
        face.landmarks[:] = 0
        return level_eyes(image, face)

    checks.align_by_eyes(vandal)  # fails or not, it must not poison the cache
    assert checks.align_by_eyes(level_eyes).passed
    assert checks.mouth_crop(crop_mouth).passed


# --------------------------------------------------------- channel_means


def test_channel_means_spots_a_single_number():
    feedback = checks.channel_means(lambda image: image.mean())
    assert not feedback.passed and "one number" in feedback.message


def test_channel_means_spots_bgr_order():
    feedback = checks.channel_means(lambda image: image.mean(axis=(0, 1))[::-1])
    assert not feedback.passed and "blue, green, red" in feedback.message


def test_channel_means_spots_the_wrong_axis():
    feedback = checks.channel_means(lambda image: image.mean(axis=0))
    assert not feedback.passed and "expected 3" in feedback.message


def test_channel_means_spots_a_zero_to_one_scale():
    feedback = checks.channel_means(lambda image: image.mean(axis=(0, 1)) / 255)
    assert not feedback.passed and "0-1 scale" in feedback.message


def test_channel_means_rejects_wrong_values():
    feedback = checks.channel_means(lambda image: np.median(image, axis=(0, 1)))
    assert not feedback.passed and "expected about" in feedback.message


# ------------------------------------------------------------- mouth_crop


def test_mouth_crop_spots_swapped_x_and_y():
    def swapped(image, face, margin=10):
        points = face.region("mouth")
        x0, y0 = points.min(axis=0).astype(int) - margin
        x1, y1 = points.max(axis=0).astype(int) + margin
        return image[max(0, x0) : x1 + 1, max(0, y0) : y1 + 1]

    feedback = checks.mouth_crop(swapped)
    assert not feedback.passed and "swapped" in feedback_text(feedback)


def test_mouth_crop_spots_a_missing_margin():
    feedback = checks.mouth_crop(lambda image, face, margin=10: crop_mouth(image, face, 0))
    assert not feedback.passed and "margin" in feedback_text(feedback)


def test_mouth_crop_spots_a_negative_start_at_the_edge():
    def unclipped(image, face, margin=10):
        points = face.region("mouth")
        x0, y0 = points.min(axis=0).astype(int) - margin
        x1, y1 = points.max(axis=0).astype(int) + margin
        return image[y0 : y1 + 1, x0 : x1 + 1]

    feedback = checks.mouth_crop(unclipped)
    assert not feedback.passed
    assert "close crop" in feedback.message and "max(0" in feedback_text(feedback)


def test_mouth_crop_spots_a_crop_from_the_wrong_place():
    def shifted(image, face, margin=10):
        crop = crop_mouth(image, face, margin)
        return np.ascontiguousarray(crop[:, ::-1])  # right size, wrong pixels

    feedback = checks.mouth_crop(shifted)
    assert not feedback.passed and "wrong place" in feedback.message


def test_mouth_crop_wants_an_array_with_three_channels():
    assert "image array" in checks.mouth_crop(lambda image, face, margin: [1, 2]).message
    gray = checks.mouth_crop(lambda image, face, margin: crop_mouth(image, face, margin)[:, :, 0])
    assert not gray.passed and "(rows, columns, 3)" in gray.message


# ----------------------------------------------------------- eye_distance


def test_eye_distance_spots_the_outer_corners():
    feedback = checks.eye_distance(lambda face: float(np.hypot(*(face.landmarks[45] - face.landmarks[36]))))
    assert not feedback.passed and "outer eye corners" in feedback_text(feedback)


def test_eye_distance_spots_horizontal_only_on_the_tilted_face():
    def horizontal(face):
        left, right = face.eye_centers
        return abs(right[0] - left[0])

    feedback = checks.eye_distance(horizontal)
    assert not feedback.passed
    assert "tilted" in feedback.message and "horizontal" in feedback_text(feedback)


def test_eye_distance_spots_a_missing_square_root():
    def squared(face):
        left, right = face.eye_centers
        return float(((right - left) ** 2).sum())

    feedback = checks.eye_distance(squared)
    assert not feedback.passed and "square root" in feedback_text(feedback)


def test_eye_distance_wants_one_number():
    feedback = checks.eye_distance(lambda face: face.eye_centers)
    assert not feedback.passed and "one number" in feedback.message


# ---------------------------------------------------------- align_by_eyes


def test_align_by_eyes_spots_the_wrong_direction():
    def backwards(image, face):
        left, right = face.eye_centers
        angle = np.degrees(np.arctan2(*(right - left)[::-1]))
        matrix = cv2.getRotationMatrix2D(tuple(map(float, (left + right) / 2)), -angle, 1.0)
        return cv2.warpAffine(image, matrix, (image.shape[1], image.shape[0]))

    feedback = checks.align_by_eyes(backwards)
    assert not feedback.passed and "wrong way" in feedback_text(feedback)


def test_align_by_eyes_spots_radians():
    def radians(image, face):
        left, right = face.eye_centers
        angle = np.arctan2(*(right - left)[::-1])
        matrix = cv2.getRotationMatrix2D(tuple(map(float, (left + right) / 2)), float(angle), 1.0)
        return cv2.warpAffine(image, matrix, (image.shape[1], image.shape[0]))

    feedback = checks.align_by_eyes(radians)
    assert not feedback.passed and "radians" in feedback_text(feedback)


def test_align_by_eyes_spots_an_unchanged_image_and_a_wrong_size():
    assert "unchanged" in checks.align_by_eyes(lambda image, face: image).message
    swapped = checks.align_by_eyes(lambda image, face: cv2.resize(image, (image.shape[0], image.shape[1] + 10)))
    assert not swapped.passed and "same shape" in swapped.message


def test_align_by_eyes_spots_float_output():
    feedback = checks.align_by_eyes(lambda image, face: level_eyes(image, face).astype(np.float32) / 255)
    assert not feedback.passed and "uint8" in feedback.message


def test_numbers_reads_learner_results_or_says_none():
    from realorfake.course.checks.feedback import numbers

    assert numbers([[1, 2], [3, 4]]).shape == (2, 2)
    assert numbers([[1, 2], [3, 4]], flat=True).tolist() == [1.0, 2.0, 3.0, 4.0]
    assert numbers(np.float32(2.5), flat=True).tolist() == [2.5]
    assert numbers("red") is None and numbers(None) is None and numbers([[1, 2], [3]]) is None


@pytest.mark.parametrize("scale", [0.5, 0.85, 1.2, 3.0, 6.0])
def test_align_by_eyes_names_a_rotation_that_also_scales(scale):
    """A scale of 3.0 was once praised: the guide lists any scale other than 1 as a mistake."""

    def scaled(image, face):
        left, right = face.eye_centers
        dx, dy = right - left
        matrix = cv2.getRotationMatrix2D(tuple(map(float, (left + right) / 2)), float(np.degrees(np.arctan2(dy, dx))), scale)
        return cv2.warpAffine(image, matrix, (image.shape[1], image.shape[0]))

    feedback = checks.align_by_eyes(scaled)
    assert not feedback.passed and ("scale of 1.0" in feedback_text(feedback) or "scale 1.0" in feedback_text(feedback))


def test_align_by_eyes_names_a_rotation_about_the_wrong_point():
    def about_the_corner(image, face):
        left, right = face.eye_centers
        dx, dy = right - left
        matrix = cv2.getRotationMatrix2D((0.0, 0.0), float(np.degrees(np.arctan2(dy, dx))), 1.0)
        return cv2.warpAffine(image, matrix, (image.shape[1], image.shape[0]))

    feedback = checks.align_by_eyes(about_the_corner)
    assert not feedback.passed and "between the eyes" in feedback_text(feedback)
