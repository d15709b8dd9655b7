"""Shared widget pieces: message boxes and reading an ipywidgets 8 upload."""

from __future__ import annotations

import pytest

from realorfake.course import gallery
from realorfake.errors import UnreadableImage
from realorfake.show import messages
from realorfake.widgets import common


def test_message_box_carries_text_and_color():
    box = messages.message_box("<b>No face found.</b>", messages.PROBLEM)
    assert "<b>No face found.</b>" in box and messages.PROBLEM in box


def test_uploaded_file_reads_the_first_file():
    upload = ({"name": "me.jpg", "type": "image/jpeg", "size": 3, "content": memoryview(b"abc")},)
    assert common.uploaded_file(upload) == (b"abc", "me.jpg")
    assert common.uploaded_file(()) is None


@pytest.mark.parametrize("broken", [({"name": "x.jpg"},), ({"content": None},), (None,)])
def test_incomplete_upload_says_so(broken):
    with pytest.raises(UnreadableImage, match="did not arrive complete"):
        common.uploaded_file(broken)


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


def test_watch_upload_passes_files_and_problems_on():
    import datetime

    import ipywidgets

    upload, files, problems = ipywidgets.FileUpload(), [], []
    common.watch_upload(upload, lambda data, name: files.append((data, name)), problems.append)
    upload.value = ({"name": "me.png", "type": "image/png", "size": 3, "content": memoryview(b"png"), "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},)
    assert files == [(b"png", "me.png")] and problems == []

    class Recorder:  # the browser can send a value ipywidgets itself would refuse to hold
        def observe(self, callback, names):
            self.callback = callback

    recorder = Recorder()
    common.watch_upload(recorder, lambda data, name: files.append((data, name)), problems.append)
    recorder.callback({"new": ({"name": "broken.png"},)})
    assert len(files) == 1 and "did not arrive complete" in problems[0]
