"""Lesson 03 pictures and widgets, driven from plain Python: zooms, stage figures, the blend comparer, the Spot it."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from realorfake import OutOfRange, data, faces, images, label  # noqa: E402
from realorfake.course import spot_it_questions
from realorfake.errors import CourseError, WrongShape  # noqa: E402
from realorfake.fakes import swap  # noqa: E402
from realorfake.show import swap_pictures
from realorfake.widgets import blend_comparer  # noqa: E402


@pytest.fixture(scope="module")
def comparer() -> blend_comparer.BlendComparer:
    return blend_comparer.BlendComparer()


@pytest.fixture(scope="module")
def collins_on_hopper() -> swap.SwapResult:
    return swap.face_swap(data.portrait("collins"), data.portrait("hopper"))


def _reset(widget: blend_comparer.BlendComparer) -> None:
    widget.direction.value = "forward"
    widget.mode.value = "poisson"
    widget.color.value = True
    widget.feather.value = 0
    widget.erode.value = 2


# ------------------------------------------------------------------- zoom_face


def test_zoom_of_a_fake_is_labelled_below_the_face(collins_on_hopper):
    face = collins_on_hopper.target_face
    zoom = swap_pictures.zoom_face(collins_on_hopper.image, face, size=200)
    plain = swap_pictures.zoom_face(collins_on_hopper.image, face, size=200, badge=False)
    assert label.has_badge(zoom) and not label.has_badge(plain)
    assert max(plain.shape[:2]) == 200
    assert zoom.shape[1] == plain.shape[1] and zoom.shape[0] > plain.shape[0]  # the badge is added, not painted over
    np.testing.assert_array_equal(zoom[: plain.shape[0]], plain)  # every row of the face is still there


def test_zoom_face_reads_float_images_on_their_own_scale(hopper):
    face = faces.largest_face(hopper)
    expected = swap_pictures.zoom_face(hopper, face, badge=False)
    as_0_255 = swap_pictures.zoom_face(hopper.astype(np.float64), face, badge=False)
    as_0_1 = swap_pictures.zoom_face(hopper / 255.0, face, badge=False)
    assert np.abs(as_0_255.astype(int) - expected).max() <= 1  # not clipped to white
    assert np.abs(as_0_1.astype(int) - expected).max() <= 1


def test_zoom_face_refuses_bad_arguments_with_course_errors(hopper, collins):
    face = faces.largest_face(hopper)
    with pytest.raises(WrongShape):
        swap_pictures.zoom_face(hopper, face.box)  # a box is not a face
    with pytest.raises(WrongShape):
        swap_pictures.zoom_face(hopper[:50, :50], face)  # the face is not in this image
    with pytest.raises(WrongShape):
        swap_pictures.zoom_face(np.zeros((0, 0, 3), np.uint8), face)
    with pytest.raises(OutOfRange):
        swap_pictures.zoom_face(hopper, face, size=0)
    with pytest.raises(CourseError):
        swap_pictures.zoom_face("not a picture.png", face)


def test_face_window_contains_every_landmark_and_stays_in_the_image(hopper):
    face = faces.largest_face(hopper)
    x0, y0, x1, y1 = faces.face_window(face, hopper.shape, margin=0.3)
    assert 0 <= x0 and 0 <= y0 and x1 <= hopper.shape[1] and y1 <= hopper.shape[0]
    points = face.landmarks
    assert (points[:, 0] >= x0).all() and (points[:, 0] <= x1).all()
    assert (points[:, 1] >= y0).all() and (points[:, 1] <= y1).all()


# ------------------------------------------------------------------- drawings


def _shown(ax) -> np.ndarray:
    """The picture an axes shows, as an RGB uint8 array."""
    return images.as_rgb(np.asarray(ax.get_images()[0].get_array()))


def test_show_stages_badges_every_fake_panel_and_no_real_one(collins_on_hopper, hopper, collins):
    fig = swap_pictures.show_stages(collins_on_hopper, collins, hopper)
    try:
        titles = [ax.get_title() for ax in fig.axes]
        assert len(titles) == 8
        assert titles[0].startswith("1.") and titles[-1].startswith("6.")
        badged = {title: label.has_badge(_shown(ax)) for title, ax in zip(titles, fig.axes)}
        fakes = [t for t in titles if t[:2] in ("3.", "5.", "6.")]  # warped, colour-corrected, blended
        assert len(fakes) == 3 and all(badged[t] for t in fakes), badged
        reals = [t for t in titles if t not in fakes]  # landmarks and triangles on the two real photos, the mask
        assert len(reals) == 5 and not any(badged[t] for t in reals), badged
    finally:
        plt.close(fig)


def test_show_one_triangle_warps_exactly_that_triangle(collins_on_hopper, hopper, collins):
    result = collins_on_hopper
    fig = swap_pictures.show_one_triangle(collins, hopper, result.source_face, result.target_face, result.triangles, 5)
    try:
        assert len(fig.axes) == 3 and "5" in fig.axes[0].get_title()
        assert not label.has_badge(_shown(fig.axes[0])) and not label.has_badge(_shown(fig.axes[1]))  # real photos
        image = fig.axes[2].get_images()[0]
        panel = _shown(fig.axes[2])
        assert label.has_badge(panel)  # a piece of one face moved onto another is a fake: labelled
        left, right, bottom, top = image.get_extent()
        x0, y0 = round(left + 0.5), round(top + 0.5)  # the crop is drawn in the target's pixel coordinates
        crop = panel[: panel.shape[0] - label.badge_height(panel.shape[0])]
        assert right - left == crop.shape[1] and bottom - top == panel.shape[0]
        dimmed = (hopper * 0.35).astype(np.uint8)[y0 : y0 + crop.shape[0], x0 : x0 + crop.shape[1]]
        changed = (crop != dimmed).any(axis=2)
        corners = result.target_face.landmarks[result.triangles[5]]
        ys, xs = np.nonzero(changed)
        assert changed.any()
        xs, ys = xs + x0, ys + y0
        assert xs.min() >= corners[:, 0].min() - 2 and xs.max() <= corners[:, 0].max() + 2
        assert ys.min() >= corners[:, 1].min() - 2 and ys.max() <= corners[:, 1].max() + 2
    finally:
        plt.close(fig)


# ---------------------------------------------------------------- BlendComparer


def test_the_comparer_renders_a_labelled_swap_next_to_the_real_photo(comparer):
    _reset(comparer)
    assert comparer.result is not None
    assert label.has_badge(comparer.result.image)
    for view in (comparer.image, comparer.zoom_view, comparer.target_view, comparer.target_zoom_view):
        assert view.value[:4] == b"\x89PNG"
    assert "Collins's face on the Hopper photo" in comparer.message.value
    assert "real Hopper, close-up" in comparer.target_caption.value


@pytest.mark.parametrize(
    "control, value",
    [("mode", "paste"), ("mode", "feather"), ("mode", "poisson_mixed"), ("color", False), ("erode", 8)],
)
def test_each_control_changes_the_picture(comparer, control, value):
    _reset(comparer)
    before, png = comparer.result.image.copy(), comparer.image.value
    getattr(comparer, control).value = value
    try:
        assert not np.array_equal(comparer.result.image, before)
        assert comparer.image.value != png
    finally:
        _reset(comparer)


def test_feather_slider_softens_the_feather_blend(comparer):
    _reset(comparer)
    comparer.mode.value = "feather"
    before = comparer.result.image.copy()
    comparer.feather.value = 15
    try:
        assert not np.array_equal(comparer.result.image, before)
        assert comparer.result.mask.min() < comparer.result.mask.max()
        partial = ((comparer.result.mask > 0.05) & (comparer.result.mask < 0.95)).sum()
        assert partial > 1000  # a wide soft edge
    finally:
        _reset(comparer)


def test_direction_swaps_the_roles(comparer):
    _reset(comparer)
    comparer.direction.value = "reverse"
    try:
        assert comparer.result.image.shape == data.portrait("collins").shape
        assert "Hopper's face on the Collins photo" in comparer.message.value
        assert "real Collins, close-up" in comparer.target_caption.value
    finally:
        _reset(comparer)


def test_every_setting_is_labelled_and_fast(comparer):
    _reset(comparer)
    slowest = 0.0
    try:
        for direction, mode, color in itertools.product(("forward", "reverse"), swap.BLEND_MODES, (True, False)):
            comparer.direction.value, comparer.mode.value, comparer.color.value = direction, mode, color
            assert label.has_badge(comparer.result.image), (direction, mode, color)
            assert comparer.result.blend == mode
            slowest = max(slowest, comparer.seconds)
    finally:
        _reset(comparer)
    assert slowest < 0.5  # about 50 ms on a 2-core laptop; generous for busy test machines


def test_faces_are_detected_once(monkeypatch):
    widget = blend_comparer.BlendComparer()

    def no_more(*args, **kwargs):
        raise AssertionError("faces were detected again")

    monkeypatch.setattr(faces, "largest_face", no_more)
    monkeypatch.setattr(faces, "detect_faces", no_more)
    monkeypatch.setattr(swap, "find_face", lambda image, face, **options: face if face is not None else no_more())
    widget.mode.value = "paste"
    widget.direction.value = "reverse"
    assert widget.result is not None and widget.result.blend == "paste"


def test_a_photo_without_a_face_gives_a_message_not_an_exception():
    widget = blend_comparer.BlendComparer(target=data.photo("coffee"))
    assert widget.result is None
    assert "No face found" in widget.message.value and "target" in widget.message.value
    assert widget.image.value == b""
    widget.mode.value = "paste"  # still no exception
    widget.direction.value = "reverse"
    assert widget.result is None and "No face found" in widget.message.value


def test_an_unreadable_upload_gives_a_message(tmp_path):
    widget = blend_comparer.BlendComparer(source=b"this is not a photo", names=("your upload", "Hopper"))
    assert widget.result is None
    assert "No swap" in widget.message.value
    assert "Traceback" not in widget.message.value


def test_custom_names_appear_on_the_direction_buttons(hopper, collins):
    widget = blend_comparer.BlendComparer(hopper, collins, names=("Grace", "Eileen"))
    assert [label for label, _ in widget.direction.options] == ["Grace → Eileen", "Eileen → Grace"]
    assert "Grace's face on the Eileen photo" in widget.message.value


# --------------------------------------------------------------------- Spot it


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_spot_the_blend_answer_is_the_pasted_swap(seed):
    spot = spot_it_questions.spot_the_blend(seed)
    hopper, collins = data.portrait("hopper"), data.portrait("collins")
    pasted = swap.face_swap(collins, hopper, blend="paste").image
    assert np.array_equal(spot.choices[spot.answer], pasted)
    assert all(label.has_badge(image) for image in spot.choices.values())
    wrong = next(name for name in spot.choices if name != spot.answer)
    assert spot.choose(wrong) is False and spot.answered == wrong
    assert spot.choose(spot.answer) is False  # the first answer counts: a second click cannot turn it into "Yes!"
    assert "Not quite" in spot.feedback.value and "hard edge" in spot.feedback.value
    assert all(button.disabled for button in spot.buttons.values())


def test_spot_the_blend_order_depends_on_the_seed():
    answers = {spot_it_questions.spot_the_blend(seed).answer for seed in range(6)}
    assert answers == {"A", "B"}


def test_triangle_at_picks_the_largest_triangle_at_a_corner(hopper):
    face = faces.largest_face(hopper)
    triangles = swap.triangulate(face.landmarks)
    index = swap.triangle_at(face.landmarks, triangles, 42)
    assert 42 in triangles[index]
    import cv2

    areas = {k: cv2.contourArea(face.landmarks[t].astype(np.float32)) for k, t in enumerate(triangles) if 42 in t}
    assert areas[index] == max(areas.values())
    with pytest.raises(CourseError):
        swap.triangle_at(face.landmarks, triangles[:1], 99)


def test_zoom_face_accepts_a_float_mask(collins_on_hopper):
    zoom = swap_pictures.zoom_face(collins_on_hopper.mask, collins_on_hopper.target_face, badge=False)
    assert zoom.dtype == np.uint8 and zoom.ndim == 3 and zoom.max() == 255 and zoom.min() == 0
