"""Lesson 03 checks: they pass on the model answers, name the usual mistakes, and wait for stubs."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from conftest import assert_passes_and_waits, feedback_text
from realorfake.course.checks import lesson03 as checks
from realorfake.fakes import swap

# --------------------------------------------------------- model answers (as in the notebook)


def warp_one(source, output, src_tri, dst_tri):
    sx, sy, sw, sh = cv2.boundingRect(src_tri)
    dx, dy, dw, dh = cv2.boundingRect(dst_tri)
    patch = source[sy : sy + sh, sx : sx + sw]
    matrix = cv2.getAffineTransform(np.float32(src_tri - (sx, sy)), np.float32(dst_tri - (dx, dy)))
    warped = cv2.warpAffine(patch, matrix, (dw, dh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    mask = np.zeros((dh, dw), np.uint8)
    cv2.fillConvexPoly(mask, np.int32(np.round(dst_tri - (dx, dy))), 1)
    region = output[dy : dy + dh, dx : dx + dw]
    region[mask == 1] = warped[mask == 1]


def hull_mask(points, shape):
    mask = np.zeros(shape[:2], np.uint8)
    hull = cv2.convexHull(np.round(points).astype(np.int32))
    cv2.fillConvexPoly(mask, hull, 255)
    return mask


def match_color(face, target, mask):
    inside = mask > 0.5
    f = face[inside].astype(np.float64)
    t = target[inside].astype(np.float64)
    matched = (f - f.mean(axis=0)) / (f.std(axis=0) + 1e-6) * t.std(axis=0) + t.mean(axis=0)
    out = face.copy()
    out[inside] = np.clip(matched, 0, 255).round().astype(np.uint8)
    return out


def fast_warp(source, src_points, dst_points, triangles, shape):
    index, (x0, y0, w, h) = swap.triangle_index_map(dst_points, triangles, shape)
    affines = swap.triangle_affines(src_points, dst_points, triangles).astype(np.float32)
    inside = index >= 0
    m = affines[np.maximum(index, 0)]
    ys, xs = np.mgrid[y0 : y0 + h, x0 : x0 + w].astype(np.float32)
    map_x = m[..., 0, 0] * xs + m[..., 0, 1] * ys + m[..., 0, 2]
    map_y = m[..., 1, 0] * xs + m[..., 1, 1] * ys + m[..., 1, 2]
    warped = cv2.remap(source, map_x, map_y, cv2.INTER_LINEAR)
    output = np.zeros((shape[0], shape[1], 3), np.uint8)
    output[y0 : y0 + h, x0 : x0 + w][inside] = warped[inside]
    return output


# ----------------------------------------------------------------- passing


@pytest.mark.parametrize(
    "check, answer",
    [
        (checks.warp_one_triangle, warp_one),
        (checks.mask_from_landmarks, hull_mask),
        (checks.color_transfer, match_color),
        (checks.faster_warp, fast_warp),
    ],
    ids=["warp_one_triangle", "mask_from_landmarks", "colour_transfer", "faster_warp"],
)
def test_model_answer_passes_and_stub_waits(check, answer):
    assert_passes_and_waits(check, answer)


def test_checks_are_re_exported_for_notebooks():
    from realorfake.course import checks as package

    for name in checks.__all__:
        assert getattr(package, name) is getattr(checks, name)


def test_a_crash_in_the_learners_code_becomes_feedback():
    def broken(points, shape):
        mask = np.zeros(shape[:2], np.uint8)
        cv2.fillConvexPoly(mask, cv2.convexHull(points), 255)  # float points: OpenCV refuses them
        return mask

    feedback = checks.mask_from_landmarks(broken)
    assert not feedback.passed and feedback.done
    assert "OpenCV error" in feedback.message and "int32" in feedback_text(feedback)

    def float64_corners(source, output, src_tri, dst_tri):
        x, y, _, _ = cv2.boundingRect(src_tri)
        cv2.getAffineTransform(src_tri - (x, y), dst_tri - (x, y))  # float64 now: OpenCV refuses it

    feedback = checks.warp_one_triangle(float64_corners)
    assert not feedback.passed and "np.float32" in feedback_text(feedback)

    def other_bug(points, shape):
        return points.nonexistent

    feedback = checks.mask_from_landmarks(other_bug)
    assert not feedback.passed and "AttributeError" in feedback.message


# ------------------------------------------------------------ 1. one triangle


def _hidden(function):
    """The package's function under another name, as a learner's own equivalent code would be."""
    own = function
    return lambda *args: own(*args)


@pytest.mark.parametrize(
    "check, package, calls_it, where",
    [
        (checks.warp_one_triangle, swap.warp_triangle, lambda *args: swap.warp_triangle(*args), "swap.warp_triangle"),
        (checks.mask_from_landmarks, swap.face_mask, lambda points, shape: swap.face_mask(points, shape), "swap.face_mask"),
        (checks.color_transfer, swap.transfer_color, lambda *args: swap.transfer_color(*args), "swap.transfer_color"),
    ],
)
def test_borrowing_the_packages_own_answer_is_named_not_praised(check, package, calls_it, where):
    """A learner who called the package's own function was told "well done" without comment."""
    for answer in (package, calls_it):
        feedback = check(answer)
        assert not feedback.passed and where in feedback.message and "the package's own answer" in feedback.message
        # "right" only when it is the package's function itself: a function that calls it may still be wrong
        assert ("the result is right" in feedback.message) == (answer is package)
    assert check(_hidden(package)).passed  # the check itself accepts the package's (equivalent) result


def test_the_package_warp_passes_and_a_whole_image_warp_passes():
    assert checks.warp_one_triangle(_hidden(swap.warp_triangle)).passed

    def whole_image(source, output, src_tri, dst_tri):  # slower, but right
        matrix = cv2.getAffineTransform(src_tri, dst_tri)
        warped = cv2.warpAffine(source, matrix, (output.shape[1], output.shape[0]))
        mask = np.zeros(output.shape[:2], np.uint8)
        cv2.fillConvexPoly(mask, np.int32(np.round(dst_tri)), 1)
        output[mask == 1] = warped[mask == 1]

    assert checks.warp_one_triangle(whole_image).passed


def test_returning_a_new_image_instead_of_changing_in_place_is_accepted():
    def returns_copy(source, output, src_tri, dst_tri):
        out = output.copy()
        warp_one(source, out, src_tri, dst_tri)
        return out

    assert checks.warp_one_triangle(returns_copy).passed


def test_copying_the_whole_rectangle_is_named():
    def whole_rectangle(source, output, src_tri, dst_tri):
        sx, sy, sw, sh = cv2.boundingRect(src_tri)
        dx, dy, dw, dh = cv2.boundingRect(dst_tri)
        matrix = cv2.getAffineTransform(src_tri - np.float32([sx, sy]), dst_tri - np.float32([dx, dy]))
        output[dy : dy + dh, dx : dx + dw] = cv2.warpAffine(source[sy : sy + sh, sx : sx + sw], matrix, (dw, dh))

    feedback = checks.warp_one_triangle(whole_rectangle)
    assert not feedback.passed
    assert "whole rectangle" in feedback.message and "fillConvexPoly" in feedback_text(feedback)


def test_swapped_source_and_destination_are_named():
    def swapped(source, output, src_tri, dst_tri):
        sx, sy, sw, sh = cv2.boundingRect(src_tri)
        dx, dy, dw, dh = cv2.boundingRect(dst_tri)
        matrix = cv2.getAffineTransform(dst_tri - np.float32([dx, dy]), src_tri - np.float32([sx, sy]))
        warped = cv2.warpAffine(source[sy : sy + sh, sx : sx + sw], matrix, (dw, dh), borderMode=cv2.BORDER_REFLECT_101)
        mask = np.zeros((dh, dw), np.uint8)
        cv2.fillConvexPoly(mask, np.int32(np.round(dst_tri - (dx, dy))), 1)
        output[dy : dy + dh, dx : dx + dw][mask == 1] = warped[mask == 1]

    feedback = checks.warp_one_triangle(swapped)
    assert not feedback.passed and "swapped" in feedback.message


def test_forgotten_offsets_are_named():
    def no_offsets(source, output, src_tri, dst_tri):
        sx, sy, sw, sh = cv2.boundingRect(src_tri)
        dx, dy, dw, dh = cv2.boundingRect(dst_tri)
        matrix = cv2.getAffineTransform(src_tri, dst_tri)  # absolute corners on a cropped patch
        warped = cv2.warpAffine(source[sy : sy + sh, sx : sx + sw], matrix, (dw, dh), borderMode=cv2.BORDER_REFLECT_101)
        mask = np.zeros((dh, dw), np.uint8)
        cv2.fillConvexPoly(mask, np.int32(np.round(dst_tri - (dx, dy))), 1)
        output[dy : dy + dh, dx : dx + dw][mask == 1] = warped[mask == 1]

    feedback = checks.warp_one_triangle(no_offsets)
    assert not feedback.passed
    assert "subtract" in feedback_text(feedback)


def test_width_and_height_swapped_in_warp_affine_is_explained():
    def height_first(source, output, src_tri, dst_tri):
        sx, sy, sw, sh = cv2.boundingRect(src_tri)
        dx, dy, dw, dh = cv2.boundingRect(dst_tri)
        matrix = cv2.getAffineTransform(src_tri - np.float32([sx, sy]), dst_tri - np.float32([dx, dy]))
        warped = cv2.warpAffine(source[sy : sy + sh, sx : sx + sw], matrix, (dh, dw))  # (rows, columns): wrong for OpenCV
        mask = np.zeros((dh, dw), np.uint8)
        cv2.fillConvexPoly(mask, np.int32(np.round(dst_tri - (dx, dy))), 1)
        output[dy : dy + dh, dx : dx + dw][mask == 1] = warped[mask == 1]

    feedback = checks.warp_one_triangle(height_first)
    assert not feedback.passed and "(width, height)" in feedback_text(feedback)


def test_doing_nothing_and_changing_the_source_are_named():
    feedback = checks.warp_one_triangle(lambda source, output, src_tri, dst_tri: None)
    assert not feedback.passed and "nothing changed" in feedback.message

    def scribbles_on_source(source, output, src_tri, dst_tri):
        source[:] = 0
        warp_one(source, output, src_tri, dst_tri)

    feedback = checks.warp_one_triangle(scribbles_on_source)
    assert not feedback.passed and "changed the source" in feedback.message


# ------------------------------------------------------------------ 2. mask


@pytest.mark.parametrize("kind", ["bool", "0/1", "0/255", "float"])
def test_every_common_mask_encoding_is_accepted(kind):
    def encoded(points, shape):
        mask = hull_mask(points, shape)
        return {"bool": mask > 0, "0/1": mask // 255, "0/255": mask, "float": mask / 255.0}[kind]

    assert checks.mask_from_landmarks(encoded).passed


def test_the_package_mask_passes():
    assert checks.mask_from_landmarks(_hidden(swap.face_mask)).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda points, shape: np.zeros(shape[:2], np.uint8), "empty"),
        (lambda points, shape: np.ones(shape[:2], np.uint8), "whole image"),
        (lambda points, shape: hull_mask(points[:, ::-1], shape), "x and y are swapped"),
        (lambda points, shape: np.zeros(shape[:2][::-1], np.uint8), "shape"),
        (lambda points, shape: np.dstack([hull_mask(points, shape)] * 3), "shape"),
    ],
    ids=["empty", "whole", "xy-swapped", "transposed-shape", "three-channels"],
)
def test_mask_mistakes_are_named(answer, words):
    feedback = checks.mask_from_landmarks(answer)
    assert not feedback.passed and words in feedback.message, feedback_text(feedback)


def test_filling_the_points_without_a_hull_is_named():
    def no_hull(points, shape):
        mask = np.zeros(shape[:2], np.uint8)
        cv2.fillPoly(mask, [np.round(points).astype(np.int32)], 255)
        return mask

    feedback = checks.mask_from_landmarks(no_hull)
    assert not feedback.passed and "convexHull" in feedback_text(feedback)


def test_the_bounding_rectangle_is_named():
    def rectangle(points, shape):
        mask = np.zeros(shape[:2], np.uint8)
        x, y, w, h = cv2.boundingRect(np.round(points).astype(np.int32))
        mask[y : y + h, x : x + w] = 1
        return mask

    feedback = checks.mask_from_landmarks(rectangle)
    assert not feedback.passed and "rectangle" in feedback.message


# ---------------------------------------------------------------- 3. colour


def test_the_package_lab_transfer_passes():
    assert checks.color_transfer(_hidden(swap.transfer_color)).passed


def _stats_answer(kind):
    def answer(face, target, mask):
        inside = mask > 0.5
        f = face[inside].astype(np.float64)
        t = (target.reshape(-1, 3) if kind == "whole" else target[inside]).astype(np.float64)
        if kind == "mean_only":
            new = f - f.mean(axis=0) + t.mean(axis=0)
        else:
            new = (f - f.mean(axis=0)) / f.std(axis=0) * t.std(axis=0) + t.mean(axis=0)
        if kind == "everywhere":
            g = face.reshape(-1, 3).astype(np.float64)
            return np.clip((g - f.mean(axis=0)) / f.std(axis=0) * t.std(axis=0) + t.mean(axis=0), 0, 255).astype(np.uint8).reshape(face.shape)
        out = face.copy()
        out[inside] = np.clip(new, 0, 255).astype(np.uint8)
        return out

    return answer


@pytest.mark.parametrize(
    "kind, words",
    [("whole", "whole target photo"), ("mean_only", "spread"), ("everywhere", "outside the mask")],
)
def test_color_mistakes_are_named(kind, words):
    feedback = checks.color_transfer(_stats_answer(kind))
    assert not feedback.passed and words in feedback.message, feedback_text(feedback)


def test_returning_the_face_unchanged_or_on_a_0_1_scale_is_named():
    feedback = checks.color_transfer(lambda face, target, mask: face)
    assert not feedback.passed and "did not change" in feedback.message
    feedback = checks.color_transfer(lambda face, target, mask: match_color(face, target, mask) / 255.0)
    assert not feedback.passed and "between 0 and 1" in feedback.message


def test_uint8_wraparound_fails_with_a_float_hint():
    def in_uint8(face, target, mask):
        inside = mask > 0.5
        f, t = face[inside], target[inside]
        centred = f - f.mean(axis=0).astype(np.uint8)  # uint8: darker-than-average pixels wrap around to ~255
        out = face.copy()
        out[inside] = np.clip(centred / f.std(axis=0) * t.std(axis=0) + t.mean(axis=0), 0, 255).astype(np.uint8)
        return out

    feedback = checks.color_transfer(in_uint8)
    assert not feedback.passed and "float" in feedback_text(feedback)


# ----------------------------------------------------------- 4. faster warp


def _slow_warp(source, src_points, dst_points, triangles, shape):
    """A learner's correct warp, triangle by triangle, done twice over: clearly slower than the textbook's on a busy machine too."""
    for _ in range(2):
        output = np.zeros((shape[0], shape[1], 3), np.uint8)
        for triangle in triangles:
            swap.warp_triangle(source, output, np.float32(src_points)[triangle], np.float32(dst_points)[triangle])
    return output


def test_a_correct_but_slow_warp_passes_without_praise():
    feedback = checks.faster_warp(_slow_warp)
    assert feedback.passed and "not faster yet" in feedback.message
    assert "times as fast" in feedback_text(feedback)


def test_the_fast_warp_is_praised():
    feedback = checks.faster_warp(fast_warp)  # the lesson's model answer, written with the hinted pieces
    assert feedback.passed and "faster" in feedback.message and "not faster" not in feedback.message


@pytest.mark.parametrize("borrowed", [swap.warp_fast, swap.warp_textbook, lambda *args: swap.warp_fast(*args)], ids=["warp_fast", "warp_textbook", "a-wrapper"])
def test_calling_the_packages_own_warp_is_not_praised(borrowed):
    feedback = checks.faster_warp(borrowed)
    assert not feedback.passed and "write the warp yourself" in feedback.message


def test_a_wrong_warp_fails():
    def shifted(source, src_points, dst_points, triangles, shape):
        return np.roll(swap.warp_fast(source, src_points, dst_points, triangles, shape), 6, axis=1)

    feedback = checks.faster_warp(shifted)
    assert not feedback.passed and "differs" in feedback.message
    black = checks.faster_warp(lambda source, src_points, dst_points, triangles, shape: np.zeros((shape[0], shape[1], 3), np.uint8))
    assert not black.passed and "black" in black.message


def test_a_very_slow_warp_is_timed_only_once():
    calls = []

    def sleepy(*args):
        calls.append(1)
        time.sleep(1.05)
        return _slow_warp(*args)

    feedback = checks.faster_warp(sleepy)
    assert feedback.passed and len(calls) == 2  # once per case, no repeated timing


def test_warp_one_names_source_and_destination_swapped_in_the_parameters():
    """The guide promises this mistake is named; the check once gave a generic "check each step"."""

    def swapped(source, output, dst_tri, src_tri):  # the learner's parameters in the wrong order
        sx, sy, sw, sh = cv2.boundingRect(src_tri)
        dx, dy, dw, dh = cv2.boundingRect(dst_tri)
        patch = source[sy : sy + sh, sx : sx + sw]
        matrix = cv2.getAffineTransform(np.float32(src_tri - (sx, sy)), np.float32(dst_tri - (dx, dy)))
        warped = cv2.warpAffine(patch, matrix, (dw, dh))
        mask = np.zeros((dh, dw), np.uint8)
        cv2.fillConvexPoly(mask, np.int32(np.round(dst_tri - (dx, dy))), 1)
        region = output[dy : dy + dh, dx : dx + dw]
        region[mask == 1] = warped[mask == 1]

    feedback = checks.warp_one_triangle(swapped)
    assert not feedback.passed and "source and destination are swapped" in feedback.message
