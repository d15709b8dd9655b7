"""Shared widget pieces: message boxes, upload limits and the photo picker."""

from __future__ import annotations

import pytest

from realorfake.course import gallery
from realorfake.show import messages
from realorfake.widgets import common


def test_message_box_carries_text_and_color():
    box = messages.message_box("<b>No face found.</b>", messages.PROBLEM)
    assert "<b>No face found.</b>" in box and messages.PROBLEM in box


def test_too_large_names_the_file_and_the_limit():
    assert common.too_large(common.MAX_UPLOAD_BYTES, "ok.jpg") is None
    message = common.too_large(common.MAX_UPLOAD_BYTES + 1, "film.mov")
    assert message.startswith("film.mov is 25 MB") and "under 25 MB" in message


def test_about_upload_names_the_file_instead_of_the_image_data():
    from realorfake import UnreadableImage, images

    with pytest.raises(UnreadableImage) as caught:
        images.load_image(b"")
    assert str(caught.value) == "The image data is empty (0 bytes). Choose another file."  # a sentence, for plain Python too
    assert common.about_upload(str(caught.value), "me.jpg") == "'me.jpg' is empty (0 bytes). Choose another file."
    assert common.about_upload("no face found.", "me.jpg") == "No face found."


def test_every_upload_widget_shows_the_same_privacy_note():
    from realorfake.widgets import explorer, magnifier

    for note in (common.PRIVACY_NOTE, common.CONSENT_NOTE):
        escaped = note.replace("'", "&#x27;")
        assert escaped in explorer.FaceUploader().privacy.value
        assert escaped in magnifier.ArtifactMagnifier(gallery.pictures(["Real: Hopper"])).privacy.value


def test_widgets_is_ipywidgets():
    import ipywidgets

    assert common.widgets() is ipywidgets


def test_a_photo_is_announced_before_it_arrives_and_marked_received_after():
    from realorfake.widgets import photo_picker

    picker, events = photo_picker.PhotoPicker(), []
    photo_picker.watch_photo(picker, lambda *arrived: events.append(("file", *arrived)), lambda name: events.append(("pending", name)))
    note = "shrunk in the browser from 4000 x 3000 (18 MB) to 2048 x 1536 before sending"
    picker.choose(b"png", "me.png", note=note, original_width=4000)
    assert events[0] == ("pending", "me.png")
    assert events[1] == ("file", b"png", "me.png", note, 4000)
    assert picker.received == picker.sequence == 1 and picker.pending == ""
    picker.choose(b"png", "me.png")  # the same file again is a new choice
    assert picker.sequence == 2 and len(events) == 4
    picker.clear()
    assert picker.data == b"" and picker.name == ""


def test_a_failing_reader_still_marks_the_photo_received():
    """Else the browser would say, 30 s later, that the photo never arrived."""
    from realorfake.widgets import photo_picker

    picker = photo_picker.PhotoPicker()

    def broken(data, name, note, width):
        raise RuntimeError("boom")

    photo_picker.watch_photo(picker, broken)
    with pytest.raises(RuntimeError):
        picker.choose(b"x", "x.jpg")
    assert picker.received == 1 and picker.pending == ""


def test_read_upload_names_the_file_in_every_problem(monkeypatch):
    """One place for what the three upload widgets each did: size first, the file's name, never a raw exception."""
    from realorfake.errors import ImageTooLarge, UnreadableImage

    with pytest.raises(ImageTooLarge, match="^film.mov is 25 MB"):
        common.read_upload(b"\x00" * (common.MAX_UPLOAD_BYTES + 1), 512, "film.mov")
    with pytest.raises(UnreadableImage, match="^'notes.jpg' "):
        common.read_upload(b"just text", 512, "notes.jpg")

    def broken(*args, **kwargs):
        raise RuntimeError("decoder crashed")

    monkeypatch.setattr(common, "load_image", broken)
    with pytest.raises(UnreadableImage, match=r"'odd.png' could not be read \(RuntimeError\)"):
        common.read_upload(b"\x89PNG", 512, "odd.png")


def test_a_file_name_keeps_its_case_in_messages(tmp_path):
    """Messages once read "Corrupt.jpg is not an image" for corrupt.jpg."""
    from realorfake.errors import UnreadableImage
    from realorfake.images import load_image

    (tmp_path / "corrupt.jpg").write_bytes(b"not an image at all")
    with pytest.raises(UnreadableImage) as caught:
        load_image(tmp_path / "corrupt.jpg")
    assert "corrupt.jpg" in str(caught.value) and "Corrupt.jpg" not in str(caught.value)
    assert str(caught.value).startswith("The file ")


def _unbalanced(line: str) -> list[str]:
    """Tags that one line of HTML-building code opens and leaves open while it closes another tag it never opened."""
    import re

    tags = ("small", "span", "b", "i", "code", "h4")
    balance = {tag: len(re.findall(rf"<{tag}[\s>]", line)) - line.count(f"</{tag}>") for tag in tags}
    left_open = [tag for tag in tags if balance[tag] > 0]
    closed_unopened = [tag for tag in tags if balance[tag] < 0]
    return sorted(left_open + closed_unopened) if left_open and closed_unopened else []


def test_every_html_tag_the_widgets_open_is_closed_by_the_same_tag():
    """A <small> once closed by </span> (an edit that changed only the closers) left the rest of a message small."""
    from conftest import ROOT

    assert _unbalanced("f'<br><small style=\"color:#555\">{credit}</span>'") == ["small", "span"]  # the old bug is caught
    problems = []
    for path in (ROOT / "src" / "realorfake").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _unbalanced(line):
                problems.append(f"{path.name}:{number}: {_unbalanced(line)}")
    assert not problems, problems


def test_a_photo_the_browser_gave_up_on_is_reported_not_received_forever():
    """A file over the send limit that the browser cannot read once left "Receiving big.jpg…" on screen for good."""
    from realorfake import data
    from realorfake.widgets import explorer, magnifier, own_swap, photo_picker

    picker, events = photo_picker.PhotoPicker(), []
    photo_picker.watch_photo(picker, lambda *arrived: events.append("file"), events.append, lambda name: events.append(("refused", name)))
    picker.choose(b"png", "me.png")
    assert events == ["me.png", "file"]  # an arrival clears ``pending`` too: that is no refusal
    picker.pending = "big.jpg"  # what the browser says as the learner picks a photo ...
    picker.pending = ""  # ... and what it says when it cannot send it
    assert events[-1] == ("refused", "big.jpg") and picker.sequence == 1

    uploader = explorer.FaceUploader()
    magnifier_widget = magnifier.ArtifactMagnifier({"Hopper": data.portrait("hopper")})
    swapper = own_swap.OwnPhotoSwap({"Hopper": data.portrait("hopper"), "Collins": data.portrait("collins")})
    for widget, upload in ((uploader, uploader.upload), (magnifier_widget, magnifier_widget.upload), (swapper, swapper.target_upload)):
        upload.pending = "big.jpg"
        assert "Receiving" in widget.message.value
        upload.pending = ""
        assert "Receiving" not in widget.message.value and "was not sent" in widget.message.value
