"""Tests of realorfake.fakes.cheapfakes: every cheapfake is badged and does what it says."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from realorfake import ImageTooSmall, NoFaceFound, OutOfRange, WrongShape, data, faces, label
from realorfake.fakes import cheapfakes, registry


def above_badge(image: np.ndarray) -> np.ndarray:
    return image[: image.shape[0] - label.badge_height(image.shape[0])]


CHEAPFAKES = {name: entry for name, entry in registry.examples().items() if entry.module == cheapfakes.__name__}


@pytest.mark.parametrize("name", sorted(CHEAPFAKES))
def test_every_generator_returns_a_badged_rgb_image(name):
    image = CHEAPFAKES[name].make()
    assert isinstance(image, np.ndarray)
    assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3
    assert min(image.shape[:2]) >= 128
    assert label.has_badge(image)
    assert CHEAPFAKES[name].method == name  # each cheapfake is saved under its own method name


def test_generators_cover_the_quiz_methods():
    assert set(CHEAPFAKES) == {"average_face", "mirror_face", "copy_move", "feature_paste"}


# ---------------------------------------------------------------- mirror face


def symmetry_error(image: np.ndarray, axis2: int, half_width: int) -> float:
    """Mean difference between columns mirrored about axis2 / 2, over the upper image."""
    area = above_badge(image).astype(np.float32)
    centre = axis2 // 2
    left = area[:, centre - half_width : centre]
    right = area[:, axis2 - centre + 1 : axis2 - centre + 1 + half_width][:, ::-1]
    return float(np.abs(left - right).mean())


@pytest.mark.parametrize("name", ["hopper", "collins"])
def test_mirror_face_is_symmetric_about_the_eye_midline(name):
    original = data.portrait(name)
    face = faces.largest_face(original)
    axis2 = cheapfakes.mirror_axis(face)
    left, right = face.eye_centers
    assert abs(axis2 / 2 - (left[0] + right[0]) / 2) <= 0.5
    fake = cheapfakes.mirror_face(original, face)
    half = 150
    assert symmetry_error(fake, axis2, half) < 0.5
    assert symmetry_error(original, axis2, half) > 15
    # The kept (photo-left) half is untouched.
    assert np.array_equal(above_badge(fake)[:, : axis2 // 2], above_badge(original)[:, : axis2 // 2])


def test_mirror_face_can_keep_the_right_half(hopper):
    face = faces.largest_face(hopper)
    axis2 = cheapfakes.mirror_axis(face)
    fake = cheapfakes.mirror_face(hopper, face, keep="right")
    assert symmetry_error(fake, axis2, 150) < 0.5
    assert np.array_equal(above_badge(fake)[:, axis2 // 2 + 1 :], above_badge(hopper)[:, axis2 // 2 + 1 :])
    assert not np.array_equal(fake, cheapfakes.mirror_face(hopper, face))


def test_mirror_face_invents_no_pixels_where_the_mirror_runs_out(collins):
    """Collins sits left of centre, so the right edge has no mirror partner: those columns stay the photo's own."""
    face = data.portrait_face("collins")
    axis2 = cheapfakes.mirror_axis(face)
    fake = above_badge(cheapfakes.mirror_face(collins, face))
    beyond = np.arange(collins.shape[1]) > axis2  # their mirror image would lie left of the photo
    assert beyond.any()
    np.testing.assert_array_equal(fake[:, beyond], collins[: fake.shape[0], beyond])
    inside = np.nonzero(~beyond & (np.arange(collins.shape[1]) * 2 > axis2))[0]
    np.testing.assert_array_equal(fake[:, inside], collins[: fake.shape[0], axis2 - inside])  # the rest is the exact mirror


def test_mirror_face_without_a_face_raises_no_face_found():
    with pytest.raises(NoFaceFound, match="mirror_face"):
        cheapfakes.mirror_face(data.photo("coffee"))
    with pytest.raises(WrongShape):
        cheapfakes.mirror_face("not an image at all".split())


# ----------------------------------------------------------------- copy-move


@pytest.mark.parametrize("name", ["rocket", "coffee"])
def test_copy_move_changes_one_compact_region(name):
    photo = data.photo(name)
    fake = cheapfakes.copy_move(photo, seed=0)
    assert fake.shape == photo.shape
    changed = np.abs(above_badge(fake).astype(int) - above_badge(photo).astype(int)).max(axis=2) > 2
    assert changed.sum() > 200  # something visible was pasted
    ys, xs = np.nonzero(changed)
    side = round(min(above_badge(photo).shape[:2]) * 0.22)
    assert ys.max() - ys.min() < side and xs.max() - xs.min() < side  # ...in one patch-sized place
    assert changed.mean() < 0.06


def test_copy_move_pastes_a_copy_of_another_part_of_the_photo():
    photo = data.photo("rocket")
    fake = cheapfakes.copy_move(photo, seed=3)
    changed = np.abs(fake.astype(int) - photo.astype(int)).max(axis=2) > 2
    changed[-label.badge_height(photo.shape[0]) :] = False
    ys, xs = np.nonzero(changed)
    cy, cx = int(ys.mean()), int(xs.mean())
    probe = np.ascontiguousarray(fake[cy - 6 : cy + 6, cx - 6 : cx + 6])  # the opaque centre of the patch
    scores = cv2.matchTemplate(photo, probe, cv2.TM_SQDIFF) / probe.size
    scores[max(0, cy - 40) : cy + 40, max(0, cx - 40) : cx + 40] = np.inf  # not the pasted place itself
    assert scores.min() < 1.0  # an (almost) identical block exists elsewhere in the original
    assert np.median(scores) > 100  # ...and that is not just because the photo is flat


def test_copy_move_is_reproducible_with_a_seed():
    photo = data.photo("coffee")
    assert np.array_equal(cheapfakes.copy_move(photo, seed=5), cheapfakes.copy_move(photo, seed=5))
    assert not np.array_equal(cheapfakes.copy_move(photo, seed=5), cheapfakes.copy_move(photo, seed=6))


def test_copy_move_refuses_tiny_images():
    with pytest.raises(ImageTooSmall):
        cheapfakes.copy_move(np.zeros((40, 40, 3), np.uint8))


# -------------------------------------------------------------- feature paste


@pytest.mark.parametrize(("source", "target"), [("hopper", "collins"), ("collins", "hopper")])
def test_feature_paste_changes_the_eyes_and_not_the_rest(source, target):
    src, dst = data.portrait(source), data.portrait(target)
    fake = cheapfakes.feature_paste(src, dst)
    assert fake.shape == dst.shape
    face = faces.largest_face(dst)
    difference = np.abs(fake.astype(int) - dst.astype(int)).max(axis=2)
    difference[-label.badge_height(dst.shape[0]) :] = 0
    x0, y0 = face.region("eyebrows", "eyes").min(axis=0).astype(int)
    x1, y1 = face.region("eyebrows", "eyes").max(axis=0).astype(int)
    inside = difference[y0 : y1 + 1, x0 : x1 + 1]
    assert inside.mean() > 8  # the eyes really changed
    margin = int(face.box[2] * 0.6)
    outside = difference.copy()
    outside[max(0, y0 - margin) : y1 + margin, max(0, x0 - margin) : x1 + margin] = 0
    assert outside.max() == 0  # nothing changed away from the eyes
    mouth_y = int(face.region("mouth")[:, 1].min())
    assert difference[mouth_y:].max() == 0
    # The pasted eyes sit where the target's eyes are: the detector still finds a face with eyes in place.
    again = faces.largest_face(fake)
    for mine, theirs in zip(again.eye_centers, face.eye_centers):
        assert np.linalg.norm(mine - theirs) < face.box[2] * 0.08


def test_feature_paste_needs_two_faces(hopper):
    with pytest.raises(NoFaceFound, match="source"):
        cheapfakes.feature_paste(data.photo("rocket"), hopper)
    with pytest.raises(NoFaceFound, match="target"):
        cheapfakes.feature_paste(hopper, data.photo("chelsea"))


# ---------------------------------------------------------------- average face


def test_average_face_is_the_mean_of_the_faces():
    stack = data.lfw_subset()
    fake = cheapfakes.average_face(size=100)
    assert fake.shape == (100, 100, 3)
    assert np.array_equal(fake[..., 0], fake[..., 1])  # gray faces give a gray average
    mean = stack.astype(np.float32).mean(axis=0)
    shrunk = cv2.resize(fake[..., 0].astype(np.float32), (25, 25), interpolation=cv2.INTER_AREA)
    rows = 25 - 4  # leave out the badge (14 of 100 rows)
    correlation = np.corrcoef(shrunk[:rows].ravel(), mean[:rows].ravel())[0, 1]
    assert correlation > 0.95
    other = np.corrcoef(shrunk[:rows].ravel(), stack[7, :rows].astype(np.float32).ravel())[0, 1]
    assert other < correlation  # closer to the mean than to any one face
    # Averaging smooths away individual detail: smoother than a single face.
    single = cheapfakes.average_face(np.stack([stack[0], stack[0]]), size=100)

    def roughness(image: np.ndarray) -> float:
        return float(np.abs(np.diff(above_badge(image)[..., 0].astype(int), axis=1)).mean())

    assert roughness(fake) < roughness(single)


def test_average_face_rejects_bad_input():
    with pytest.raises(WrongShape):
        cheapfakes.average_face([np.zeros((25, 25))])  # one face
    with pytest.raises(WrongShape):
        cheapfakes.average_face([np.zeros((25, 25)), np.zeros((30, 30))])
    with pytest.raises(WrongShape):
        cheapfakes.average_face("faces")
    with pytest.raises(OutOfRange):
        cheapfakes.average_face(size=10)


def test_cheapfakes_are_fast(hopper, collins):
    """Each takes well under a second on the 512 px portraits (budget: about 100 ms each)."""
    photo = data.photo("rocket")
    cases = [
        lambda: cheapfakes.average_face(),
        lambda: cheapfakes.mirror_face(hopper),
        lambda: cheapfakes.copy_move(photo),
        lambda: cheapfakes.feature_paste(hopper, collins),
    ]
    for case in cases:
        case()  # warm caches (detector, model)
        start = time.perf_counter()
        case()
        assert time.perf_counter() - start < 0.5
