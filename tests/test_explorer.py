"""Lesson 02 widgets driven from plain Python: the landmark explorer, the uploader, the Spot it."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, encode
from realorfake import OutOfRange, data, faces
from realorfake.course import spot_it_questions
from realorfake.errors import CourseError, WrongShape
from realorfake.faces import Face
from realorfake.show import landmarks
from realorfake.widgets import common as ui
from realorfake.widgets import explorer
from realorfake.widgets import spot_it as spot_it_widget


@pytest.fixture(scope="module")
def hopper_face() -> Face:
    return faces.largest_face(data.portrait("hopper"))


# ------------------------------------------------------------ draw_landmarks


def test_draw_landmarks_draws_on_a_copy_in_region_colors(hopper, hopper_face):
    before = hopper.copy()
    drawn = landmarks.draw_landmarks(hopper, hopper_face, ["mouth"], box=False)
    np.testing.assert_array_equal(hopper, before)  # the input is untouched
    assert drawn.shape == hopper.shape and drawn.dtype == np.uint8
    x, y = hopper_face.region("mouth")[0].astype(int)
    assert tuple(drawn[y, x]) == landmarks.hex_to_rgb(explorer.REGION_COLORS["mouth"])
    changed = np.argwhere((drawn != hopper).any(axis=2))
    mouth = hopper_face.region("mouth")
    assert changed.min(axis=0)[0] >= mouth[:, 1].min() - 5  # nothing drawn far above the mouth


def test_draw_landmarks_numbers_and_box_add_ink(hopper, hopper_face):
    plain = landmarks.draw_landmarks(hopper, hopper_face, ["jaw"], box=False)
    numbered = landmarks.draw_landmarks(hopper, hopper_face, ["jaw"], numbers=True, box=False)
    boxed = landmarks.draw_landmarks(hopper, hopper_face, ["jaw"], box=True)
    assert (numbered != plain).any(axis=2).sum() > 200
    x, y, w, h = hopper_face.box
    assert tuple(boxed[y, x + w // 2]) == (255, 255, 255)


def test_draw_landmarks_rejects_an_unknown_region(hopper, hopper_face):
    with pytest.raises(faces.UnknownName):
        landmarks.draw_landmarks(hopper, hopper_face, ["ears"])


def test_draw_landmarks_refuses_a_face_that_is_not_one(hopper, hopper_face):
    with pytest.raises(WrongShape):
        landmarks.draw_landmarks(hopper, hopper_face.box)
    with pytest.raises(WrongShape):
        landmarks.draw_landmarks(hopper[:40, :40], hopper_face)  # found in another image


def test_draw_landmarks_reads_a_float_image_on_its_own_scale(hopper, hopper_face):
    expected = landmarks.draw_landmarks(hopper, hopper_face, ["nose"])
    assert np.abs(landmarks.draw_landmarks(hopper.astype(float), hopper_face, ["nose"]).astype(int) - expected).max() <= 1


def test_zoom_on_crops_around_the_face_and_moves_it_along(hopper, hopper_face):
    zoom, face = landmarks.zoom_on(hopper, hopper_face, 600)
    assert max(zoom.shape[:2]) == 600 and zoom.dtype == np.uint8
    assert face.box[2] > hopper_face.box[2]  # enlarged
    assert (face.landmarks >= 0).all() and (face.landmarks[:, 0] < zoom.shape[1]).all() and (face.landmarks[:, 1] < zoom.shape[0]).all()


def test_zoom_on_refuses_bad_arguments_with_course_errors(hopper, hopper_face):
    with pytest.raises(WrongShape):
        landmarks.zoom_on(hopper, "a face", 300)
    with pytest.raises(WrongShape):
        landmarks.zoom_on(hopper[:40, :40], hopper_face, 300)  # the face is not in this picture
    with pytest.raises(WrongShape):
        landmarks.zoom_on(np.zeros((0, 5, 3), np.uint8), hopper_face, 300)
    with pytest.raises(OutOfRange):
        landmarks.zoom_on(hopper, hopper_face, 0)


def test_scale_face_moves_and_scales_the_points(hopper_face):
    moved = landmarks.scale_face(hopper_face, 0.5, (10, 20))
    np.testing.assert_allclose(moved.landmarks, (hopper_face.landmarks - [10, 20]) * 0.5)
    assert moved.box[2] == round(hopper_face.box[2] * 0.5)


# ---------------------------------------------------------- LandmarkExplorer


@pytest.fixture(scope="module")
def landmark_explorer() -> explorer.LandmarkExplorer:
    return explorer.LandmarkExplorer()


def test_explorer_renders_each_portrait_with_one_face(landmark_explorer):
    for name in ("Grace Hopper", "Eileen Collins"):
        landmark_explorer.picker.value = name
        assert len(landmark_explorer.faces) == 1
        assert landmark_explorer.image.value[:4] == b"\x89PNG"
        assert "1 face found" in landmark_explorer.message.value
        assert max(landmark_explorer.picture.shape[:2]) <= landmark_explorer.max_side


def test_toggling_a_region_changes_the_picture(landmark_explorer):
    landmark_explorer.picker.value = "Grace Hopper"
    with_mouth = landmark_explorer.picture.copy()
    png = landmark_explorer.image.value
    landmark_explorer.region_toggles["mouth"].value = False
    try:
        assert "mouth" not in landmark_explorer.regions
        assert not np.array_equal(landmark_explorer.picture, with_mouth)
        assert landmark_explorer.image.value != png
    finally:
        landmark_explorer.region_toggles["mouth"].value = True
    np.testing.assert_array_equal(landmark_explorer.picture, with_mouth)


def test_zoom_and_numbers_change_the_picture(landmark_explorer):
    landmark_explorer.picker.value = "Eileen Collins"
    whole = landmark_explorer.picture.copy()
    landmark_explorer.zoom.value = True
    try:
        zoomed = landmark_explorer.picture.copy()
        assert zoomed.shape != whole.shape or not np.array_equal(zoomed, whole)
        landmark_explorer.numbers.value = True
        assert not np.array_equal(landmark_explorer.picture, zoomed)
    finally:
        landmark_explorer.zoom.value = False
        landmark_explorer.numbers.value = False


def test_zoom_keeps_every_face_found_in_view(landmark_explorer, collins):
    """The zoom once cropped to the first face, hiding a second box the message was asking about."""
    landmark_explorer.picker.value = "Collins, close crop"
    landmark_explorer.threshold.value = 0.0  # a second, weak detection appears
    landmark_explorer.zoom.value = True
    try:
        assert len(landmark_explorer.faces) == 2
        picture = landmark_explorer.picture
        _, moved = landmarks.zoom_on(landmark_explorer.images["Collins, close crop"], landmark_explorer.faces, landmark_explorer.max_side)
        for face in moved:  # both boxes lie inside the zoomed picture
            x, y, w, h = face.box
            assert x >= -1 and y >= -1 and x + w <= picture.shape[1] + 1 and y + h <= picture.shape[0] + 1
        assert max(picture.shape[:2]) == landmark_explorer.max_side
    finally:
        landmark_explorer.zoom.value = False
        landmark_explorer.threshold.value = faces.MIN_SCORE
    with pytest.raises(WrongShape):
        landmarks.zoom_on(collins, [], 300)


def test_with_point_numbers_each_face_found_gets_its_own_zoomed_panel(landmark_explorer):
    """One zoom holding both faces of the close crop crowded their 2 x 68 point numbers together."""
    from realorfake.widgets import explorer

    landmark_explorer.picker.value = "Collins, close crop"
    landmark_explorer.threshold.value = 0.0  # a second, weak detection appears
    landmark_explorer.zoom.value = True
    try:
        together = landmark_explorer.picture.copy()
        landmark_explorer.numbers.value = True
        assert len(landmark_explorer.faces) == 2
        picture = landmark_explorer.picture
        assert picture.shape[1] <= explorer.PANELS_WIDTH and "its own panel" in landmark_explorer.image.alt
        side = (explorer.PANELS_WIDTH - explorer.PANEL_GAP) // 2
        image = landmark_explorer.images["Collins, close crop"]
        for face in landmark_explorer.faces:  # each face is drawn larger than in the zoom that holds both
            _, alone = landmarks.zoom_on(image, face, side, margin=0.12)
            _, both = landmarks.zoom_on(image, landmark_explorer.faces, max(together.shape[:2]), margin=0.12)
            assert alone.box[2] > 1.3 * both[landmark_explorer.faces.index(face)].box[2]
        gap = picture[:, side : side + explorer.PANEL_GAP]
        assert (gap == 255).all(), "two panels side by side, a white gap between them"
    finally:
        landmark_explorer.zoom.value = False
        landmark_explorer.numbers.value = False
        landmark_explorer.threshold.value = faces.MIN_SCORE


def test_no_face_shows_a_friendly_message(landmark_explorer):
    landmark_explorer.picker.value = "Coffee (no face)"
    assert landmark_explorer.faces == []
    assert "No face found" in landmark_explorer.message.value
    assert landmark_explorer.image.value[:4] == b"\x89PNG"  # the photo is still shown
    # a photo with no face: finding none is right, so no nudge to look harder or lower the score
    assert "rightly so" in landmark_explorer.message.value
    assert "look harder" not in landmark_explorer.message.value and "lower the minimum" not in landmark_explorer.message.value


def test_a_group_photo_is_summed_up_and_only_the_largest_faces_are_numbered():
    faces_found = [Face(box=(0, 0, width, width), landmarks=np.zeros((68, 2)), score=0.5 + width / 100) for width in range(200, 40, -6)]
    text = explorer.describe_faces(faces_found)
    assert text.startswith(f"{len(faces_found)} faces found, 44 to 200 px wide, scores 0.94 to 2.50.")
    assert "#5:" in text and "#6:" not in text
    labels = explorer.face_labels(len(faces_found))
    assert labels[:5] == ["#1", "#2", "#3", "#4", "#5"] and set(labels[5:]) == {None}
    assert explorer.face_labels(1) == [None]
    assert explorer.describe_faces(faces_found[:2]).startswith("2 faces found (#1: 200 x 200 px, score 2.50; #2: 194 x 194 px")


def test_look_harder_finds_the_small_face(landmark_explorer):
    landmark_explorer.picker.value = "Collins, small"
    assert landmark_explorer.faces == [] and "look harder" in landmark_explorer.message.value
    landmark_explorer.look_harder.value = True
    try:
        assert len(landmark_explorer.faces) == 1
    finally:
        landmark_explorer.look_harder.value = False


def test_threshold_slider_filters_without_detecting_again(landmark_explorer, monkeypatch):
    landmark_explorer.picker.value = "Collins, close crop"
    assert len(landmark_explorer.faces) == 2  # the mission patch scores just above the default
    monkeypatch.setattr(faces, "detect_faces", lambda *a, **k: pytest.fail("detected again"))
    landmark_explorer.threshold.value = 0.6
    try:
        assert len(landmark_explorer.faces) == 1
        assert all(face.score >= 0.6 for face in landmark_explorer.faces)
    finally:
        landmark_explorer.threshold.value = faces.MIN_SCORE


def test_explorer_accepts_its_own_images_and_tiny_ones_do_not_raise(hopper):
    tiny = np.zeros((10, 10, 3), np.uint8)
    widget = explorer.LandmarkExplorer({"mine": hopper, "tiny": tiny})
    assert list(widget.picker.options) == ["mine", "tiny"]
    widget.picker.value = "tiny"
    assert widget.faces == [] and "10 x 10" in widget.message.value


# --------------------------------------------------------------- FaceUploader


def _files_in(folder: Path) -> set[Path]:
    skip = {".venv", ".git", "__pycache__", ".pytest_cache"}
    return {p for p in folder.rglob("*") if not skip.intersection(p.relative_to(folder).parts)}


def test_uploader_finds_one_face_in_a_portrait_png(hopper):
    uploader = explorer.FaceUploader()
    found = uploader.process(encode(hopper, "PNG"), "hopper.png")
    assert len(found) == 1 and uploader.faces == found
    assert "1 face found" in uploader.message.value and "216 x 216" in uploader.message.value
    assert uploader.image.value[:4] == b"\x89PNG"
    assert ui.PRIVACY_NOTE.replace("'", "&#x27;") in uploader.privacy.value


def test_uploader_says_no_face_in_coffee():
    uploader = explorer.FaceUploader()
    assert uploader.process(encode(data.photo("coffee"), "JPEG"), "coffee.jpg") == []
    assert "No face found" in uploader.message.value


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"this is not a photo at all", "not an image"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not an image"),
    ],
    ids=["garbage", "empty", "broken-png"],
)
def test_uploader_turns_bad_files_into_messages(payload, words):
    uploader = explorer.FaceUploader()
    assert uploader.process(payload, "holiday.jpg") == []
    assert words in uploader.message.value and "holiday.jpg" in uploader.message.value
    assert "Traceback" not in uploader.message.value
    assert uploader.picture is None and uploader.image.value == b""


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims width x height pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_uploader_refuses_a_huge_image_politely():
    uploader = explorer.FaceUploader()
    assert uploader.process(_png_claiming(9_000, 9_000), "bomb.png") == []
    assert "too large" in uploader.message.value


def test_uploader_refuses_an_oversized_file_before_decoding():
    uploader = explorer.FaceUploader()
    uploader.process(b"\x00" * (ui.MAX_UPLOAD_BYTES + 1), "clips.mp4")
    assert "clips.mp4 is 25 MB" in uploader.message.value and uploader.faces == []


def test_the_upload_widget_value_is_processed_and_forget_clears_it(hopper):
    uploader = explorer.FaceUploader()
    content = encode(hopper, "JPEG")
    uploader.upload.choose(content, "me.jpg")
    assert len(uploader.faces) == 1 and "me.jpg" in uploader.message.value
    uploader.forget_button.click()
    assert uploader.picture is None and uploader.faces == [] and uploader.upload.data == b""
    assert "forgotten" in uploader.message.value


def test_look_harder_reruns_on_the_same_photo(collins):
    uploader = explorer.FaceUploader()
    small = data.variant_of(collins, "small")
    assert uploader.process(encode(small, "PNG"), "small.png") == []
    uploader.look_harder.value = True
    assert len(uploader.faces) == 1


def test_uploader_writes_nothing_to_disk(hopper, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before_repo, before_here = _files_in(ROOT), _files_in(tmp_path)
    uploader = explorer.FaceUploader()
    uploader.process(encode(hopper, "PNG"), "hopper.png")
    uploader.process(b"junk", "junk.png")
    uploader.forget()
    assert _files_in(ROOT) == before_repo
    assert _files_in(tmp_path) == before_here
    assert not any(Path(ROOT, "data", "my_photos").glob("hopper*"))


# ------------------------------------------------------------------- SpotIt


def test_spot_the_mirror_reveals_and_colors_the_buttons():
    spot = spot_it_questions.spot_the_mirror(seed=0)
    assert set(spot.buttons) == {"A", "B"} and spot.answer in spot.buttons
    wrong = "A" if spot.answer == "B" else "B"
    spot.buttons[wrong].click()
    assert spot.answered == wrong and "Not quite" in spot.feedback.value
    assert spot.buttons[spot.answer].button_style == "success"
    assert spot.buttons[wrong].button_style == "danger"
    assert spot.choose(spot.answer) is False and "Not quite" in spot.feedback.value  # a second click changes nothing
    assert spot.answered == wrong  # the first answer is the one that counts


def test_spot_the_mirror_answer_really_is_the_mirrored_photo(collins):
    mirrored = data.variant_of(collins, "mirrored")
    for seed in range(4):
        spot = spot_it_questions.spot_the_mirror(seed)
        other = "A" if spot.answer == "B" else "B"
        np.testing.assert_array_equal(spot.choices[spot.answer], mirrored)
        np.testing.assert_array_equal(spot.choices[other], collins)
    answers = {spot_it_questions.spot_the_mirror(seed).answer for seed in range(10)}
    assert answers == {"A", "B"}  # the order changes with the seed


def test_spot_it_rejects_an_answer_that_is_not_a_choice(hopper):
    with pytest.raises(CourseError, match="not one of the choices"):
        spot_it_widget.SpotIt("?", {"A": hopper}, "C", "")


def test_explorer_without_images_says_so():
    with pytest.raises(CourseError, match="at least one image"):
        explorer.LandmarkExplorer({})


def test_a_new_photo_on_its_way_clears_the_last_result(hopper, collins):
    """The previous photo's "1 face found" once stayed on screen while the next photo never arrived."""
    uploader = explorer.FaceUploader()
    uploader.upload.choose(encode(hopper, "JPEG"), "first.jpg")
    assert "first.jpg" in uploader.message.value and uploader.image.value
    uploader.upload.pending = "second.jpg"  # what the browser says as soon as the learner picks a photo
    assert "Receiving <b>second.jpg</b>" in uploader.message.value and "face found" not in uploader.message.value
    assert uploader.image.value == b"" and uploader.faces == []
    shrunk = hopper[::2, ::2].copy()  # as the browser shrinks a photo too large to send: half size
    uploader.upload.choose(encode(shrunk, "JPEG"), "second.jpg", note="shrunk in the browser from 512 x 600 to 256 x 300 before sending", original_width=512)
    assert "second.jpg" in uploader.message.value and "shrunk in the browser" in uploader.message.value
    width = int(re.search(r"#1: (\d+) x", uploader.message.value).group(1))
    assert 190 < width < 240  # Hopper's face is 216 px wide in the photo itself, not 108 as in the copy sent


def test_a_face_label_at_the_top_edge_is_drawn_inside_the_box_not_cut_off(hopper, hopper_face):
    """The zoomed explorer cut "#1" at the picture's top edge."""
    from realorfake.faces import Face as FaceType

    x, y, w, h = hopper_face.box
    top = FaceType(box=(x, 0, w, h), landmarks=hopper_face.landmarks - [0, y], score=hopper_face.score)
    plain = landmarks.draw_landmarks(hopper, top, [], box=False)
    labelled = landmarks.draw_landmarks(hopper, top, [], box=False, label="#1")
    changed = np.argwhere((plain != labelled).any(axis=2))
    assert len(changed) and changed[:, 0].min() >= 2  # the whole label lies inside the picture, below its top edge
