"""Lesson 03's swap with your own photos: behind the consent box, labelled, uploads forgotten on request."""

from __future__ import annotations

import re

import numpy as np

from conftest import encode
from realorfake import data, label
from realorfake.widgets import own_swap


def _swapper():
    return own_swap.OwnPhotoSwap({"Hopper": data.portrait("hopper"), "Collins": data.portrait("collins")})


def test_nothing_is_swapped_before_consent_is_ticked():
    swapper = _swapper()
    assert swapper.swap_button.disabled
    assert swapper.swap() is None and swapper.result is None and swapper.image.value == b""
    assert "consent" in swapper.message.value
    swapper.consent.value = True
    assert not swapper.swap_button.disabled


def test_an_uploaded_photo_is_swapped_and_the_result_is_labelled(hopper):
    swapper = _swapper()
    swapper.consent.value = True
    swapper.target_upload.choose(encode(hopper, "JPEG"), "my_photo.jpg")
    assert swapper.target.value == "Upload: my_photo.jpg" and "Upload: my_photo.jpg" in swapper.source.options
    swapper.source.value = "Collins"
    swapper.swap_button.click()
    assert swapper.result is not None and label.has_badge(swapper.result.image)
    assert "labelled" in swapper.message.value and swapper.image.alt.endswith("labelled SYNTHETIC.")
    swapper.consent.value = False  # withdrawing consent clears the swap
    assert swapper.result is None and swapper.image.value == b""


def test_a_course_fake_or_a_broken_file_is_refused_with_a_message(hopper):
    swapper = _swapper()
    swapper.consent.value = True
    fake = label.add_badge(hopper)
    swapper.source_upload.choose(encode(fake, "PNG"), "swap.png")
    assert "already a fake" in swapper.message.value and "Upload: swap.png" not in swapper.source.options
    swapper.source_upload.choose(b"not an image", "notes.txt")
    assert "notes.txt" in swapper.message.value and "Upload: notes.txt" not in swapper.source.options


def test_the_same_photo_twice_or_no_face_gives_a_message():
    swapper = own_swap.OwnPhotoSwap({"Hopper": data.portrait("hopper"), "Coffee": data.photo("coffee")})
    swapper.consent.value = True
    swapper.source.value = swapper.target.value = "Hopper"
    assert swapper.swap() is None and "two different photos" in swapper.message.value
    swapper.source.value = "Coffee"
    assert swapper.swap() is None and "No face found" in swapper.message.value


def test_forget_drops_every_upload(collins):
    swapper = _swapper()
    swapper.source_upload.choose(encode(collins, "PNG"), "me.png")
    swapper.forget_button.click()
    assert not any(name.startswith("Upload") for name in swapper.photos) and "Upload: me.png" not in swapper.source.options
    assert swapper.source_upload.data == b"" and "forgotten" in swapper.message.value


def test_the_class_photos_are_offered_beside_the_portraits(tmp_path, hopper):
    from PIL import Image

    Image.fromarray(np.ascontiguousarray(hopper)).save(tmp_path / "ana.jpg")
    photos = own_swap.course_photos(tmp_path)
    assert list(photos)[:2] == ["Grace Hopper (course portrait)", "Eileen Collins (course portrait)"] and "Class photo: ana.jpg" in photos
    assert len(own_swap.course_photos(tmp_path / "missing")) == 2  # no folder: the portraits alone


def test_an_upload_keeps_the_other_choice_and_clears_an_old_swap(hopper, collins):
    """A helper's upload into one picker once reset the other to the first photo; an old swap stayed under new messages."""
    swapper = own_swap.OwnPhotoSwap({"Hopper": data.portrait("hopper"), "Collins": data.portrait("collins"), "Coffee": data.photo("coffee")})
    swapper.target.value = "Coffee"
    swapper.source_upload.choose(encode(collins, "JPEG"), "face.jpg")
    assert swapper.source.value == "Upload: face.jpg" and swapper.target.value == "Coffee"  # kept
    assert "tick the consent box" in swapper.message.value  # not "press Swap" while Swap is greyed out
    swapper.consent.value = True
    swapper.target.value = "Hopper"
    assert swapper.swap() is not None and swapper.image.value
    swapper.target.value = "Coffee"
    assert swapper.swap() is None
    assert swapper.image.value == b"" and swapper.result is None  # no old swap under the new message
    assert "No face found in <b>Coffee</b>" in swapper.message.value and "look harder" in swapper.message.value
    assert "upsample" not in swapper.message.value  # advice the widget cannot follow


def test_an_upload_without_a_face_is_refused_at_once_and_a_small_face_ticks_look_harder():
    """A coffee photo was "added", and only Swap said "tick look harder": advice that cannot help a photo with no face."""
    from conftest import encode

    swapper = own_swap.OwnPhotoSwap()
    options = list(swapper.source.options)
    assert not swapper.add_upload(swapper.source, encode(data.photo("coffee"), "PNG"), "noface.png")
    assert "No face found in <b>noface.png</b>, even looking for small faces" in swapper.message.value and "look harder" not in swapper.message.value.lower().replace("looking for small faces", "")
    assert list(swapper.source.options) == options  # not added
    assert swapper.add_upload(swapper.source, encode(data.portrait_variant("collins", "small"), "PNG"), "small.png")
    assert swapper.look_harder.value and "Its face is small" in swapper.message.value


def test_an_uploaded_group_photo_lists_its_faces_in_the_photos_own_pixels(hopper, collins):
    """As Lesson 02's uploader does: how many faces, how big, and which one the swap takes."""
    swapper = _swapper()
    group = np.hstack([hopper[:512], collins])  # two people side by side, 1024 px wide
    swapper.target_upload.choose(encode(group, "JPEG"), "group.jpg", note="shrunk in the browser", original_width=2048)
    message = swapper.message.value
    assert "2 faces found" in message and "#1:" in message and "#2:" in message and "the largest face, #1" in message
    widths = [int(w) for w in re.findall(r"#\d: (\d+) x", message)]
    assert all(w > 150 for w in widths)  # twice the size the detector saw: the photo was 2048 px wide before the browser shrank it
