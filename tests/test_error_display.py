"""A CourseError raised in a notebook cell is shown as its message and the learner's line, not a traceback."""

from __future__ import annotations

import re

import nbformat
import pytest

from realorfake.course.notebooks import execute
from realorfake.errors import NoFaceFound
from realorfake.show.error_display import short_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _raise_from_the_package():
    from realorfake import images

    images.as_rgb(b"not an image")


def test_the_short_report_names_the_error_and_the_learners_line():
    try:
        raise NoFaceFound("No face found in the photo. Try look_harder=True.")
    except NoFaceFound as error:
        lines = [ANSI.sub("", line) for line in short_report(error)]
    assert lines[0] == "NoFaceFound: No face found in the photo. Try look_harder=True."
    assert lines[1].startswith("  in your code, line ") and 'raise NoFaceFound("No face found' in lines[1]
    assert any("%tb" in line for line in lines)


def test_the_report_points_at_the_last_line_outside_the_package():
    from realorfake.errors import CourseError

    with pytest.raises(CourseError) as caught:
        _raise_from_the_package()
    lines = [ANSI.sub("", line) for line in short_report(caught.value)]
    assert 'images.as_rgb(b"not an image")' in lines[1], lines  # not a line of realorfake/images.py


def test_a_course_error_in_a_notebook_cell_shows_its_message_and_line_and_stops_run_all(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import realorfake as rof\nfrom realorfake import images\nrof.setup()"),
        nbformat.v4.new_code_cell("x = 1\nphoto = images.as_rgb(b'not an image')"),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    path = tmp_path / "errors.ipynb"
    nbformat.write(notebook, path)
    run = execute(path, env={"REALORFAKE_PROGRESS": str(tmp_path / "progress"), "MPLBACKEND": "agg"}, allow_errors=True)
    errors = {index: name for index, name, _ in run.errors}
    assert errors == {1: "UnreadableImage", 2: "ZeroDivisionError"}  # still an error: Run All stops there
    shown = [ANSI.sub("", line) for line in run.notebook.cells[1].outputs[0]["traceback"]]
    assert shown[0].startswith("UnreadableImage: ")
    assert "  in your code, line 2: photo = images.as_rgb(b'not an image')" in shown
    assert len(shown) <= 6 and not any("realorfake/images.py" in line for line in shown)
    other = "".join(run.notebook.cells[2].outputs[0]["traceback"])
    assert "ZeroDivisionError" in other and "Traceback" in ANSI.sub("", other)  # other errors keep IPython's traceback


def test_a_long_message_wraps_at_words_so_jupyterlab_never_breaks_a_word():
    from realorfake.text import WIDTH

    try:
        raise NoFaceFound("No face found in the photo. Choose a photo with a clear, mostly frontal face at least 40 pixels wide, or look harder.")
    except NoFaceFound as error:
        lines = [ANSI.sub("", part) for line in short_report(error) for part in line.splitlines() if "in your code" not in part]
    assert all(len(line) <= WIDTH for line in lines), lines
    assert " ".join(" ".join(lines).split()).startswith("NoFaceFound: No face found in the photo. Choose a photo with a clear, mostly frontal face")
