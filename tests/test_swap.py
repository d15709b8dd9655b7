"""The face swap pipeline: each stage, the whole swap, morphs, talking clips and video swaps."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from realorfake import CourseError, OutOfRange, data, faces, fakes, label
from realorfake.errors import ImageTooSmall, NoFaceFound, UnknownName, WrongShape
from realorfake.fakes import swap

PAIRS = [("hopper", "collins"), ("collins", "hopper")]


@pytest.fixture(scope="module")
def found():
    return {name: faces.largest_face(data.portrait(name)) for name in ("hopper", "collins")}


def test_triangulation_covers_the_landmarks(found):
    points = found["collins"].landmarks
    triangles = swap.triangulate(points)
    assert triangles.ndim == 2 and triangles.shape[1] == 3 and len(triangles) > 90
    assert set(np.unique(triangles)) == set(range(68))  # every landmark is a corner
    with pytest.raises(WrongShape):
        swap.triangulate(np.zeros((2, 2)))


def test_affines_map_destination_corners_to_source_corners(found):
    src, dst = found["hopper"].landmarks, found["collins"].landmarks
    triangles = swap.triangulate(dst)
    affines = swap.triangle_affines(src, dst, triangles)
    corners = np.concatenate([dst[triangles], np.ones((len(triangles), 3, 1))], axis=2)
    mapped = np.einsum("nij,nkj->nki", affines, corners)
    np.testing.assert_allclose(mapped, src[triangles], atol=1e-6)


def test_fast_warp_matches_the_textbook_warp(hopper, collins, found):
    src, dst = found["hopper"].landmarks, found["collins"].landmarks
    triangles = swap.triangulate(dst)
    slow = swap.warp_textbook(hopper, src, dst, triangles, collins.shape)
    fast = swap.warp_fast(hopper, src, dst, triangles, collins.shape)
    inside = swap.face_mask(dst, collins.shape, erode=1) > 0.5
    difference = np.abs(slow.astype(int) - fast.astype(int))[inside]
    assert difference.mean() < 2.0
    assert (fast[~(swap.face_mask(dst, collins.shape) > 0)] == 0).all()  # nothing drawn outside the hull


def test_mask_is_the_hull_and_erosion_and_feathering_shrink_and_soften(found, collins):
    points = found["collins"].landmarks
    hard = swap.face_mask(points, collins.shape)
    eroded = swap.face_mask(points, collins.shape, erode=5)
    soft = swap.face_mask(points, collins.shape, feather=4)
    assert hard.dtype == np.float32 and set(np.unique(hard)) == {0.0, 1.0}
    assert cv2.pointPolygonTest(cv2.convexHull(points.astype(np.float32)), tuple(points.mean(axis=0)), False) > 0
    assert 0 < eroded.sum() < hard.sum()
    assert ((soft > 0.05) & (soft < 0.95)).sum() > 100  # a soft edge


def test_color_transfer_matches_target_statistics_inside_the_mask(hopper, collins, found):
    dst = found["collins"].landmarks
    warped = swap.warp_fast(hopper, found["hopper"].landmarks, dst, swap.triangulate(dst), collins.shape)
    mask = swap.face_mask(dst, collins.shape, erode=3)
    corrected = swap.transfer_color(warped, collins, mask)
    inside = mask > 0.5
    before = np.abs(warped[inside].mean(axis=0) - collins[inside].mean(axis=0)).mean()
    after = np.abs(corrected[inside].mean(axis=0) - collins[inside].mean(axis=0)).mean()
    assert after < before / 2 and after < 6
    np.testing.assert_array_equal(corrected[~inside], warped[~inside])


@pytest.mark.parametrize("source, target", PAIRS)
def test_swaps_keep_size_change_the_face_and_leave_the_rest(source, target):
    src, dst = data.portrait(source), data.portrait(target)
    result = swap.face_swap(src, dst)
    assert result.image.shape == dst.shape and result.image.dtype == np.uint8
    inside = result.mask > 0.5
    change = np.abs(result.image.astype(int) - dst.astype(int)).sum(axis=2)
    assert change[inside].mean() > 3  # the face really changed
    far = cv2.dilate((result.mask > 0).astype(np.uint8), np.ones((41, 41), np.uint8)) == 0
    far[-label.badge_height(dst.shape[0]) :] = False  # the badge strip is expected to differ
    assert change[far].max() <= 3
    assert label.has_badge(result.image)
    assert result.blend == "poisson" and len(result.triangles) > 90


@pytest.mark.parametrize("name", ["hopper", "collins"])
def test_swapping_a_face_onto_itself_is_refused_not_labelled(name):
    """Nothing would change: a real photo must never come back labelled as a fake."""
    image = data.portrait(name)
    with pytest.raises(CourseError, match="Nothing changed"):
        swap.face_swap(image, image)


@pytest.mark.parametrize("mode", swap.BLEND_MODES)
def test_every_blend_mode_gives_a_labelled_swap(hopper, collins, mode):
    result = swap.face_swap(hopper, collins, blend=mode, color_correct=(mode != "paste"))
    assert result.image.shape == collins.shape and label.has_badge(result.image)


def test_paste_leaves_a_harder_seam_than_poisson(hopper, collins):
    def seam(image, mask):
        edge = cv2.morphologyEx((mask > 0.5).astype(np.uint8), cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
        gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
        return np.abs(cv2.Laplacian(gray, cv2.CV_32F))[edge].mean()

    pasted = swap.face_swap(hopper, collins, blend="paste", color_correct=False)
    cloned = swap.face_swap(hopper, collins, blend="poisson")
    assert seam(pasted.image, pasted.mask) > 1.3 * seam(cloned.image, cloned.mask)


def test_grayscale_inputs_are_converted_and_swapped(hopper, collins):
    gray = cv2.cvtColor(hopper, cv2.COLOR_RGB2GRAY)
    result = swap.face_swap(gray, collins)
    assert result.image.shape == collins.shape
    inside = result.mask > 0.5
    assert result.image[inside].std(axis=0).min() > 5  # colour correction gave the gray face colour
    assert np.abs(result.image[inside][:, 0].astype(int) - result.image[inside][:, 2]).mean() > 3


def test_no_face_in_source_or_target_says_which(hopper):
    coffee = data.photo("coffee")
    with pytest.raises(NoFaceFound, match="source image"):
        swap.face_swap(coffee, hopper)
    with pytest.raises(NoFaceFound, match="target image"):
        swap.face_swap(hopper, coffee)


def test_tiny_faces_are_refused(hopper, collins):
    tiny = cv2.resize(collins, (150, 150), interpolation=cv2.INTER_AREA)  # face ~27 px wide
    with pytest.raises(ImageTooSmall, match="too small to swap"):
        swap.face_swap(hopper, tiny, target_face=faces.largest_face(tiny, upsample=2))
    with pytest.raises(ImageTooSmall, match="source image is too small"):
        swap.face_swap(tiny, hopper, source_face=faces.largest_face(tiny, upsample=2))


def test_unknown_blend_mode(hopper, collins):
    with pytest.raises(UnknownName, match="poisson"):
        swap.face_swap(hopper, collins, blend="glue")


def test_open_mouth_is_kept_from_the_target(found, collins):
    face = found["collins"]
    closed = swap.open_mouth_mask(faces.Face(face.box, face.landmarks.copy()), collins.shape)
    moved = fakes.reenactment.moved_landmarks(face, 1.0)
    opened = swap.open_mouth_mask(faces.Face(face.box, moved), collins.shape)
    assert opened.sum() > closed.sum() + 50


def test_morph_is_between_its_ends(hopper, collins):
    ends = [fakes.morph(hopper, collins, alpha) for alpha in (0.0, 1.0)]
    middle = fakes.morph(hopper, collins, 0.5)
    assert middle.shape == (320, 320, 3) and all(label.has_badge(im) for im in ends + [middle])
    body = slice(0, 320 - label.badge_height(320))
    dist = lambda a, b: np.abs(a[body].astype(int) - b[body].astype(int)).mean()  # noqa: E731
    assert dist(middle, ends[0]) < dist(ends[1], ends[0]) and dist(middle, ends[1]) < dist(ends[1], ends[0])
    with pytest.raises(OutOfRange):
        fakes.morph(hopper, collins, 1.5)


def test_make_it_talk_moves_only_the_lower_face(hopper):
    clip = fakes.make_it_talk(hopper, seconds=1.0, fps=10)
    assert len(clip) == 10 and clip.fps == 10 and clip.labelled
    face = faces.largest_face(hopper)
    openness = fakes.reenactment.mouth_openness(1.0, 10)
    widest = clip.frames[int(np.argmax(openness))]
    change = np.abs(widest.astype(int) - clip.frames[0].astype(int)).sum(axis=2)
    eyes_y = int(max(p[1] for p in face.eye_centers))
    top = slice(0, eyes_y - 10)
    mouth_y = int(face.region("mouth")[:, 1].mean())
    assert change[top].max() == 0  # forehead, eyes and background are still
    assert change[mouth_y - 20 : mouth_y + 40].mean() > 5  # the mouth moved
    again = faces.largest_face(widest)
    lips = again.region("inner_lips")
    assert lips[5:8, 1].mean() - lips[1:4, 1].mean() > 4  # the detector sees an open mouth


def test_swap_video_swaps_every_frame_and_labels_it(hopper, collins):
    talking = fakes.make_it_talk(collins, seconds=0.6, fps=10)
    swapped = fakes.swap_video(talking, hopper)
    assert len(swapped) == len(talking) and swapped.fps == talking.fps and swapped.labelled
    for before, after in zip(talking.frames, swapped.frames):
        assert np.abs(before.astype(int) - after.astype(int)).mean() > 0.5


def test_swap_video_reuses_landmarks_for_a_frame_without_face(hopper, collins):
    frames = [collins, np.full_like(collins, 128), collins]
    clip = fakes.swap_video(frames, hopper, fps=5)
    assert len(clip) == 3 and "1 frame(s)" in clip.notes[0]
    with pytest.raises(NoFaceFound, match="first frame"):
        fakes.swap_video([np.full_like(collins, 128)], hopper)


def test_blend_images_returns_a_labelled_fake(hopper, collins, found):
    dst = found["collins"].landmarks
    warped = swap.warp_fast(hopper, found["hopper"].landmarks, dst, swap.triangulate(dst), collins.shape)
    for mode in swap.BLEND_MODES:
        assert label.has_badge(swap.blend_images(warped, collins, swap.face_mask(dst, collins.shape, erode=2), mode))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda h, c: swap.blend_images(np.zeros((0, 0, 3), np.uint8), c, np.zeros(c.shape[:2])), "RGB image"),
        (lambda h, c: swap.blend_images(h, c, np.zeros(c.shape[:2])), "same size"),
        (lambda h, c: swap.blend_images(c, c, np.zeros((5, 5))), "mask"),
        (lambda h, c: swap.transfer_color(c[:, :, 0], c, np.ones(c.shape[:2])), "RGB image"),
        (lambda h, c: swap.face_mask(np.zeros((68, 3)), c.shape), r"\(n, 2\)"),
        (lambda h, c: swap.triangulate([[0, 0], [1, 1], [2, 2]]), "one line"),
        (lambda h, c: swap.triangulate("points"), r"\(n, 2\)"),
        (lambda h, c: swap.warp_fast(h, np.zeros((60, 2)), np.random.rand(68, 2) * 100, np.array([[0, 1, 2]]), c.shape), "68 were expected"),
        (lambda h, c: swap.face_swap(h, c, source_face="a face"), "Expected a face"),
        (lambda h, c: swap.face_swap(h, c, feather="3"), "feather"),
        (lambda h, c: fakes.morph(h, c, "half"), "alpha"),
        (lambda h, c: fakes.make_it_talk(h, seconds="3"), "seconds"),
    ],
)
def test_learner_mistakes_give_clear_errors(hopper, collins, call, message):
    with pytest.raises(WrongShape, match=message):
        call(hopper, collins)


def test_a_face_from_another_image_is_refused(hopper, collins):
    small = np.ascontiguousarray(collins[:60, :60])
    with pytest.raises(WrongShape, match="not found in this image"):
        swap.face_swap(hopper, small, target_face=faces.largest_face(hopper))
