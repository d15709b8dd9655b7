"""Shared widget pieces: message boxes and reading an ipywidgets 8 upload."""

from __future__ import annotations

import pytest

from realorfake import ui
from realorfake.errors import UnreadableImage


def test_message_box_carries_text_and_colour():
    box = ui.message_box("<b>No face found.</b>", ui.PROBLEM)
    assert "<b>No face found.</b>" in box and ui.PROBLEM in box


def test_uploaded_file_reads_the_first_file():
    upload = ({"name": "me.jpg", "type": "image/jpeg", "size": 3, "content": memoryview(b"abc")},)
    assert ui.uploaded_file(upload) == (b"abc", "me.jpg")
    assert ui.uploaded_file(()) is None


@pytest.mark.parametrize("broken", [({"name": "x.jpg"},), ({"content": None},), (None,)])
def test_incomplete_upload_says_so(broken):
    with pytest.raises(UnreadableImage, match="did not arrive complete"):
        ui.uploaded_file(broken)
