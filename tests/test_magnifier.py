"""The artifact magnifier: every view renders for real and fake pictures, zooms line up, bad uploads become messages."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from conftest import encode
from realorfake import CourseError, OutOfRange, data, label
from realorfake.course import gallery
from realorfake.errors import WrongShape
from realorfake.show import forensic_pictures
from realorfake.widgets import common as ui
from realorfake.widgets import magnifier

ORANGE = "#b35c00"  # the colour of problem messages
REAL, FAKE = "Real: Hopper", "Fake: Collins on Hopper, Poisson"


@pytest.fixture(scope="module")
def widget():
    return magnifier.ArtifactMagnifier(gallery.pictures([REAL, "Real: Collins", FAKE, "Fake: Collins on Hopper, paste"]))


def _png(value: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(value)).convert("RGB"))


@pytest.mark.parametrize("view", forensic_pictures.VIEWS)
@pytest.mark.parametrize("name", [REAL, FAKE])
def test_every_view_renders_for_a_real_and_a_fake(widget, name, view):
    widget.zoom.value = "whole picture"
    widget.picker.value = name
    widget.view.value = view
    assert ORANGE not in widget.message.value, widget.message.value
    assert widget.picture.ndim == 3 and widget.picture.dtype == np.uint8 and min(widget.picture.shape[:2]) > 50
    assert _png(widget.image.value).shape == widget.picture.shape
    assert _png(widget.original.value).shape == widget.left.shape
    assert view in widget.caption.value


def test_views_show_what_they_claim(widget):
    widget.zoom.value = "whole picture"
    widget.picker.value = FAKE
    widget.view.value = "original"
    assert np.array_equal(widget.picture, widget.left)
    widget.view.value = "difference"
    fake_difference = widget.picture.astype(int).sum()
    widget.picker.value = REAL
    assert widget.picture.max() <= 10  # a real photo compared with itself: black
    assert "compare with, so the map is black" in widget.message.value
    assert fake_difference > 0
    widget.view.value = "ELA"
    real_ela = widget.picture.copy()
    widget.picker.value = FAKE
    assert not np.array_equal(real_ela, widget.picture)
    assert "Fake (labelled)" in widget.message.value


@pytest.mark.parametrize("zoom", forensic_pictures.ZOOMS)
def test_zoom_crops_the_original_and_the_view_alike(widget, zoom):
    widget.picker.value = FAKE
    widget.view.value = "sharpness"
    widget.zoom.value = zoom
    assert ORANGE not in widget.message.value
    assert widget.left.shape == widget.picture.shape
    if zoom != "whole picture":
        example = gallery.example(FAKE)
        x, y, w, h = forensic_pictures.zoom_box(zoom, example.face, example.image.shape)
        assert label.has_badge(widget.left)  # a crop of a fake is labelled too, by a strip added below it
        shown = widget.left[: widget.left.shape[0] - label.badge_height(widget.left.shape[0])]
        assert max(shown.shape[:2]) == widget.max_side  # enlarged to fill the panel
        assert abs(shown.shape[0] / shown.shape[1] - h / w) < 0.05
    widget.zoom.value = "whole picture"


def test_spectrum_of_a_zoomed_region_and_closeups_ignore_zoom(widget):
    widget.picker.value = FAKE
    widget.zoom.value = "face"
    widget.view.value = "spectrum"
    assert "zoomed region" in widget.message.value and widget.picture.shape[0] > widget.picture.shape[1]
    widget.view.value = "close-ups"
    assert "zoom does not apply" in widget.message.value
    assert label.has_badge(widget.picture)
    widget.zoom.value = "whole picture"
    assert widget.left.shape[:2] == (360, 307)  # the whole fake, with its own badge (no second strip)
    widget.zoom.value = "whole picture"


def test_mystery_cases_can_be_added():
    widget = magnifier.ArtifactMagnifier(gallery.pictures([], extra={f"Mystery {k}": v for k, v in gallery.mystery_cases().items()}))
    assert list(widget.picker.options) == [f"Mystery {k}" for k in "ABCDE"]
    for name in widget.picker.options:
        widget.picker.value = name
        widget.view.value = "noise"
        assert ORANGE not in widget.message.value and widget.picture.shape[0] > 50
        assert "Fake (labelled)" in widget.message.value  # recognised by its badge
    widget.view.value = "difference"  # no untouched original for these
    assert ORANGE in widget.message.value and "untouched original" in widget.message.value


def test_unknown_names_are_refused():
    with pytest.raises(CourseError):
        magnifier.ArtifactMagnifier(gallery.pictures(["Fake: a unicorn"]))
    with pytest.raises(CourseError):
        forensic_pictures.render_view(data.portrait("hopper"), "x-ray")


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"", "empty"),
        (b"this is not an image", "not an image"),
        (None, "damaged or cut short"),  # a truncated JPEG, made below
        (b"x" * (ui.MAX_UPLOAD_BYTES + 1), "under 25 MB"),
    ],
    ids=["empty", "text", "truncated", "too-large"],
)
def test_bad_uploads_give_a_message_not_an_exception(payload, words):
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    if payload is None:
        payload = encode(data.portrait("hopper"), "JPEG")[:3000]
    before = list(widget.picker.options)
    assert widget.process(payload, "holiday.jpg") is False
    assert ORANGE in widget.message.value and words in widget.message.value
    assert list(widget.picker.options) == before


def test_an_upload_without_a_face_works_for_the_views_that_need_none():
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    widget.zoom.value = "eyes"
    assert widget.process(encode(data.photo("coffee"), "JPEG", quality=85), "coffee.jpg") is True
    assert widget.picker.value == "Upload: coffee.jpg"
    assert "showing the whole picture" in widget.message.value  # the zoom needs a face: it falls back
    for view in ("original", "sharpness", "ELA", "spectrum", "noise"):
        widget.view.value = view
        assert ORANGE not in widget.message.value and widget.picture.shape[0] > 50
    for view in ("seam", "close-ups"):
        widget.view.value = view
        assert ORANGE in widget.message.value and "needs a face" in widget.message.value
    widget.view.value = "difference"
    assert ORANGE in widget.message.value


def test_upload_through_the_button_then_forget():
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    content = encode(data.portrait("collins"), "PNG")
    widget.upload.choose(content, "me.png")
    assert widget.picker.value == "Upload: me.png"
    assert "Your upload" in widget.message.value
    widget.view.value = "seam"  # the upload has a face: the seam view works
    assert ORANGE not in widget.message.value
    widget.forget()
    assert "Upload: me.png" not in widget.picker.options and not any(k.startswith("Upload") for k in widget.pictures)
    assert "forgotten" in widget.message.value


def test_colorise_and_fit():
    values = np.array([[0.0, 5.0], [10.0, np.nan]])
    rgb = forensic_pictures.colorize(values, 0, 10, "gray")
    assert rgb.shape == (2, 2, 3) and rgb.dtype == np.uint8
    assert rgb[0, 0].tolist() == [0, 0, 0] and rgb[1, 0].tolist() == [255, 255, 255] and rgb[1, 1].tolist() == [0, 0, 0]
    with pytest.raises(CourseError):
        forensic_pictures.colorize(np.zeros(3), 0, 1)
    assert max(forensic_pictures._fit(np.zeros((30, 60, 3), np.uint8), 360).shape[:2]) == 360


# ------------------------------------------------------- uploads of the course's fakes


@pytest.mark.parametrize("fmt, params", [("PNG", {}), ("JPEG", {"quality": 90})], ids=["png", "jpeg"])
def test_an_uploaded_course_fake_is_recognised_and_its_zooms_stay_labelled(fmt, params):
    swapped = gallery.course_fake("paste").image
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    widget.view.value = "original"
    widget.zoom.value = "whole picture"
    assert widget.process(encode(swapped, fmt, **params), f"swap.{fmt.lower()}") is True
    assert "Fake (labelled)" in widget.message.value and "SYNTHETIC" in widget.message.value
    for zoom in ("face", "eyes", "mouth"):
        widget.zoom.value = zoom
        assert ORANGE not in widget.message.value, widget.message.value
        assert label.has_badge(widget.left) and label.has_badge(widget.picture), zoom  # both crops labelled
    widget.zoom.value = "whole picture"
    widget.view.value = "close-ups"
    assert label.has_badge(widget.picture)
    widget.view.value = "difference"  # a fake without its original: a message, not a crash
    assert ORANGE in widget.message.value and "untouched original" in widget.message.value


def test_an_uploaded_real_photo_is_not_badged(hopper):
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    widget.view.value = "original"
    widget.zoom.value = "face"
    assert widget.process(encode(hopper, "PNG"), "hopper.png") is True
    assert "Your upload" in widget.message.value
    assert not label.has_badge(widget.left) and widget.left.shape == widget.picture.shape
    widget.zoom.value = "whole picture"


# ------------------------------------------------------- lesson 04 helpers


def test_face_crop_of_a_real_photo_is_the_box(hopper):
    crop = forensic_pictures.face_crop(hopper)
    x, y, w, h = forensic_pictures.HOPPER_FACE_BOX
    assert np.array_equal(crop, hopper[y : y + h, x : x + w])
    assert np.array_equal(forensic_pictures.face_crop(hopper, (0, 0, 10, 20)), hopper[:20, :10])


def test_face_crop_of_a_fake_keeps_every_pixel_and_adds_the_badge_below():
    fake = gallery.course_fake("poisson").image
    x, y, w, h = forensic_pictures.HOPPER_FACE_BOX
    crop = forensic_pictures.face_crop(fake)
    assert label.has_badge(crop) and crop.shape[1] == w and crop.shape[0] > h
    assert np.array_equal(crop[:h], fake[y : y + h, x : x + w])
    jpeg = data.jpeg(fake, 70)  # a recompressed fake is still recognised
    assert label.has_badge(forensic_pictures.face_crop(jpeg))


def test_face_crop_leaves_maps_as_they_are():
    fake = gallery.course_fake("poisson").image
    values = np.random.default_rng(0).normal(size=fake.shape[:2])  # e.g. a noise residual: signed floats
    crop = forensic_pictures.face_crop(values)
    x, y, w, h = forensic_pictures.HOPPER_FACE_BOX
    assert crop.dtype == values.dtype and np.array_equal(crop, values[y : y + h, x : x + w])


@pytest.mark.parametrize(
    "image, box",
    [
        (np.zeros((50, 50, 3), np.uint8), (120, 100, 300, 320)),  # the box misses the picture
        (np.zeros((50, 50, 3), np.uint8), (0, 0, 0, 10)),
        (np.zeros((50, 50, 3), np.uint8), "face"),
        ("hopper.png", (0, 0, 10, 10)),
        (np.zeros(5), (0, 0, 2, 2)),
    ],
    ids=["outside", "empty", "not-a-box", "string", "1-D"],
)
def test_face_crop_refuses_bad_arguments(image, box):
    with pytest.raises(WrongShape):
        forensic_pictures.face_crop(image, box)


def test_as_online_shrinks_and_compresses(collins):
    online = data.as_online(collins)
    assert online.shape == (256, 256, 3) and online.dtype == np.uint8
    assert not label.has_badge(online)
    resized = cv2.resize(collins, (256, 256), interpolation=cv2.INTER_AREA)
    assert not np.array_equal(online, resized)
    assert np.array_equal(online, data.jpeg(resized, 75))  # shrunk, then saved as JPEG at quality 75
    wide = data.as_online(np.zeros((100, 400, 3), np.uint8), width=200, quality=50)
    assert wide.shape == (50, 200, 3)


def test_as_online_keeps_a_fake_labelled():
    fake = gallery.course_fake("poisson").image
    online = data.as_online(fake)
    assert online.shape[1] == 256 and label.has_badge(online)  # redrawn crisp, not only blurred
    with pytest.raises(OutOfRange):
        data.as_online(fake, width=3)


def test_look_harder_finds_the_small_face_the_first_search_missed():
    """Lesson 02's uploader could look harder and find faces the magnifier missed; now both can."""
    small = data.variant_of(data.portrait("collins"), "small")
    widget = magnifier.ArtifactMagnifier({"small": small})
    widget.view.value = "seam"
    assert "needs a face" in widget.message.value and magnifier.LOOK_HARDER in widget.message.value
    widget.look_harder.value = True
    assert ORANGE not in widget.message.value and widget.pictures["small"].face is not None


def test_the_caption_says_real_photo_once():
    """It once read "Real photo. Real photo: Rear Admiral..."."""
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    assert widget.message.value.count("Real photo") == 1


def test_a_group_upload_lists_its_faces_and_a_bad_upload_leaves_the_picture_whole():
    widget = magnifier.ArtifactMagnifier(gallery.pictures([REAL]))
    group = np.hstack([data.portrait("hopper")[:512], data.portrait("collins")])
    assert widget.process(encode(group, "JPEG"), "group.jpg") is True
    assert "2 faces found" in widget.message.value and "the largest, #1" in widget.message.value
    shown = widget.image.value
    assert widget.process(b"this is not an image", "notes.txt") is False
    assert ORANGE in widget.message.value and widget.image.value == shown  # the view of group.jpg is not blanked
