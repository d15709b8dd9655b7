"""The solutions/ -> lessons/ generator."""

from __future__ import annotations

import nbformat
import pytest

from conftest import ROOT
from realorfake.course import build


def _notebook(*cells):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = list(cells)
    return notebook


SOLVED = '''def eye_distance(face):
    """Pixels between the eye centres."""
    # BEGIN SOLUTION
    # HINT: face.eye_centers gives two (x, y) points.
    left, right = face.eye_centers
    return float(((left - right) ** 2).sum() ** 0.5)
    # END SOLUTION

checks.eye_distance(eye_distance)'''


def test_solution_block_becomes_a_stub_with_its_hint():
    stub = build.stub_code(SOLVED)
    assert "left, right" not in stub and "return float" not in stub
    assert "    # HINT: face.eye_centers gives two (x, y) points." in stub
    assert f"    raise NotImplementedError({build.STUB_MESSAGE!r})" in stub  # short: the hint is in the comment above, once
    assert stub.startswith("def eye_distance(face):") and stub.endswith("checks.eye_distance(eye_distance)")
    compile(stub, "stub", "exec")  # still valid Python


def test_block_without_hint_gets_the_default_message_and_top_level_indent():
    stub = build.stub_code("x = 1\n# BEGIN SOLUTION\nanswer = 42\n# END SOLUTION\nprint(x)")
    assert stub == f"x = 1\nraise NotImplementedError({build.DEFAULT_HINT!r})\nprint(x)"


@pytest.mark.parametrize(
    "source",
    ["# BEGIN SOLUTION\nx = 1", "x = 1\n# END SOLUTION", "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION"],
)
def test_unbalanced_markers_are_refused(source):
    with pytest.raises(build.BuildError):
        build.stub_code(source)


def test_learner_copy_drops_solution_cells_markdown_answers_and_outputs():
    code = nbformat.v4.new_code_cell(SOLVED, execution_count=3, outputs=[nbformat.v4.new_output("stream", text="hi")])
    answer_cell = nbformat.v4.new_code_cell("print('the answer')", metadata={"tags": ["solution"]})
    markdown = nbformat.v4.new_markdown_cell("Which is fake?\n<!-- BEGIN SOLUTION -->\nThe left one.\n<!-- END SOLUTION -->")
    solved = _notebook(markdown, code, answer_cell)
    lesson = build.learner_copy(solved)
    assert len(lesson.cells) == 2
    assert lesson.cells[0].source == "Which is fake?"
    assert lesson.cells[1].outputs == [] and lesson.cells[1].execution_count is None
    assert "NotImplementedError" in lesson.cells[1].source
    assert solved.cells[1].execution_count == 3  # the solution notebook is left alone


def _course(tmp_path, source=SOLVED):
    folder = tmp_path / "solutions" / "09_demo"
    folder.mkdir(parents=True)
    nbformat.write(_notebook(nbformat.v4.new_code_cell(source)), folder / "09_demo.ipynb")
    return tmp_path


def test_build_writes_then_check_passes_then_detects_drift(tmp_path):
    root = _course(tmp_path)
    assert build.main(["--root", str(root), "--check"]) == 1  # nothing generated yet
    assert build.main(["--root", str(root)]) == 0
    lesson = root / "lessons" / "09_demo" / "09_demo.ipynb"
    assert "NotImplementedError" in lesson.read_text()
    assert build.main(["--root", str(root), "--check"]) == 0
    lesson.write_text(lesson.read_text().replace("eye_distance", "hand_edited"))
    assert build.main(["--root", str(root), "--check"]) == 1


def test_stray_lesson_without_a_solution_is_out_of_sync_and_removed(tmp_path):
    root = _course(tmp_path)
    build.main(["--root", str(root)])
    stray = root / "lessons" / "10_old" / "10_old.ipynb"
    stray.parent.mkdir(parents=True)
    stray.write_text("{}")
    assert build.main(["--root", str(root), "--check"]) == 1
    assert build.main(["--root", str(root)]) == 0
    assert not stray.exists()


def test_malformed_solution_gives_exit_code_2(tmp_path, capsys):
    root = _course(tmp_path, "# BEGIN SOLUTION\nx = 1")
    assert build.main(["--root", str(root)]) == 2
    assert "without END SOLUTION" in capsys.readouterr().err


def test_long_hints_wrap_and_are_written_once():
    source = "def f(x):\n    # BEGIN SOLUTION\n    # HINT: " + "word " * 40 + "\n    # HINT: second hint.\n    return x\n    # END SOLUTION\n"
    stub = build.stub_code(source)
    assert all(len(line) <= build.HINT_WIDTH for line in stub.splitlines())  # the raise line too: it once repeated every hint
    assert stub.count("second hint.") == 1 and stub.splitlines()[-1] == f"    raise NotImplementedError({build.STUB_MESSAGE!r})"
    assert stub.count("# HINT:") == 2 and "#       word" in stub


def test_no_hint_in_a_learner_copy_is_wider_than_a_cell():
    for lesson in sorted(ROOT.glob("lessons/*/*.ipynb")):
        for cell in nbformat.read(lesson, as_version=4).cells:
            if cell.cell_type == "code":
                for line in cell.source.splitlines():
                    if line.lstrip().startswith(("# HINT:", "#       ")):
                        assert len(line) <= build.HINT_WIDTH, f"{lesson.name}: {line[:60]}..."


def test_each_hint_of_a_stub_becomes_its_own_bullet():
    """The "not written yet" message once ran every hint into one line of prose, lower-case and with backticks shown."""
    import linecache

    from realorfake.course.checks.feedback import call, check

    long = "then take the absolute value " * 5  # wraps over several comment lines in the learner copy
    source = f"def f():\n    # BEGIN SOLUTION\n    # HINT: subtract as floats.\n    # HINT: x = a - b, then `np.abs(x)`, {long.strip()}.\n    return 1\n    # END SOLUTION\n"
    stub = build.stub_code(source)
    assert max(len(line) for line in stub.splitlines()) <= build.HINT_WIDTH, "every line of the stub fits the cell"
    cell = "<ipython-input-1-stub>"  # as IPython does, the cell's source is kept in linecache
    linecache.cache[cell] = (len(stub), None, stub.splitlines(keepends=True), cell)
    namespace: dict = {}
    exec(compile(stub, cell, "exec"), namespace)

    @check
    def checking(function):
        call(function, name="f")

    feedback = checking(namespace["f"])
    assert feedback.details == ["Subtract as floats.", f"x = a - b, then `np.abs(x)`, {long.strip()}."]
    assert "<code>np.abs(x)</code>" in feedback._repr_html_()


def test_learner_copies_carry_the_metadata_the_course_kernel_reports(tmp_path):
    """JupyterLab once marked every lesson as changed on open: the kernel's metadata differed from the file's."""
    import json
    import re

    root = _course(tmp_path)
    build.main(["--root", str(root)])
    lesson = root / "lessons" / "09_demo" / "09_demo.ipynb"
    metadata = json.loads(lesson.read_text())["metadata"]
    assert metadata == build.notebook_metadata()
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", metadata["language_info"]["version"])
    # the kernel `make setup` registers has the display name the lessons carry
    assert f'--display-name "{build.KERNEL_DISPLAY_NAME}"' in (ROOT / "Makefile").read_text()
    # a copy written under another Python differs only in that version: still in sync, and not rewritten
    other = json.loads(lesson.read_text())
    other["metadata"]["language_info"]["version"] = "3.99.0"
    lesson.write_text(build.render(nbformat.from_dict(other)))
    assert build.main(["--root", str(root), "--check"]) == 0
    assert "3.99.0" in lesson.read_text()
    other["metadata"]["kernelspec"]["name"] = "julia"  # anything else is drift
    lesson.write_text(build.render(nbformat.from_dict(other)))
    assert build.main(["--root", str(root), "--check"]) == 1


# ------------------------------------------------------------ the answer keys of the facilitator guide

TRY_IT = "### Try it 1: how far apart are the eyes?\n\nWrite `eye_distance(face)`."


def test_the_answer_key_files_each_solution_under_its_try_it_title():
    from realorfake.course import answers

    solved = _notebook(
        nbformat.v4.new_markdown_cell("## 3. Landmarks\n\n" + TRY_IT),
        nbformat.v4.new_code_cell(SOLVED),
        nbformat.v4.new_markdown_cell("## 13. Try it 2: which view?\n\nPick one."),
        nbformat.v4.new_code_cell("print('shown to teachers only')", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("Answer below.\n<!-- BEGIN SOLUTION -->\n**B**, the seam view.\n<!-- END SOLUTION -->"),
    )
    found = answers.answers(solved)
    assert [answer.title for answer in found] == ["Try it 1: how far apart are the eyes?", "Try it 2: which view?"]
    code = found[0].parts[0][1]
    assert "left, right = face.eye_centers" in code and code.startswith("def eye_distance(face):")
    assert "SOLUTION" not in code and "HINT" not in code  # the markers and the learner's hints stay out
    assert found[1].parts == [("python", "print('shown to teachers only')"), ("markdown", "**B**, the seam view.")]


def test_a_solution_under_no_try_it_heading_is_refused():
    from realorfake.course import answers

    lost = _notebook(nbformat.v4.new_markdown_cell(TRY_IT), nbformat.v4.new_markdown_cell("## Discuss"), nbformat.v4.new_code_cell(SOLVED))
    with pytest.raises(build.BuildError, match="no 'Try it' heading"):
        answers.answers(lost, "09_demo.ipynb")


def _course_with_notes(tmp_path, notes="# Lesson 09 notes\n\n## Answer key\n\n<!-- BEGIN GENERATED: answers -->\n<!-- END GENERATED: answers -->\n\nNotes.\n"):
    folder = tmp_path / "solutions" / "09_demo"
    folder.mkdir(parents=True)
    nbformat.write(_notebook(nbformat.v4.new_markdown_cell(TRY_IT), nbformat.v4.new_code_cell(SOLVED)), folder / "09_demo.ipynb")
    guide = tmp_path / "docs" / "facilitator" / "lesson09.md"
    guide.parent.mkdir(parents=True)
    guide.write_text(notes, encoding="utf-8")
    return tmp_path, guide


def test_a_new_lesson_needs_only_its_notes_with_the_markers(tmp_path, capsys):
    """Lesson 07 will arrive as solutions/07_.../ and lesson07.md: the generator finds it by itself."""
    root, guide = _course_with_notes(tmp_path)
    assert build.main(["--root", str(root)]) == 0
    text = guide.read_text(encoding="utf-8")
    assert "### Try it 1: how far apart are the eyes?" in text and "return float(((left - right) ** 2).sum() ** 0.5)" in text
    assert text.startswith("# Lesson 09 notes") and text.endswith("Notes.\n")  # the hand-written notes stay
    assert build.main(["--root", str(root), "--check"]) == 0

    solution = root / "solutions" / "09_demo" / "09_demo.ipynb"
    solution.write_text(solution.read_text().replace("** 0.5", "** 0.5  # changed"), encoding="utf-8")
    capsys.readouterr()
    assert build.main(["--root", str(root), "--check"]) == 1  # the learner copy is unchanged: only the answer key drifted
    assert "out of sync: docs/facilitator/lesson09.md" in capsys.readouterr().out


def test_notes_without_the_markers_stop_the_build_and_say_what_to_add(tmp_path, capsys):
    root, _ = _course_with_notes(tmp_path, notes="# Lesson 09 notes\n\n## Answer key\n\nTo do.\n")
    assert build.main(["--root", str(root)]) == 2
    assert "<!-- BEGIN GENERATED: answers -->" in capsys.readouterr().err


def test_a_hint_never_splits_a_short_piece_of_code():
    """Lesson 04's hints once broke '(n // 2, n // 2)' and a dict lookup across two comment lines."""
    hint = "Give every cell a ring number: its distance from the centre cell (n // 2, n // 2), rounded to a whole number."
    for width in range(60, 90):
        lines = build.wrap_hint(hint, width)
        assert any("(n // 2, n // 2)" in line for line in lines) and " ".join(lines) == hint
    lookup = 'return a view name for each letter, e.g. with a dict: {"A": "...", "B": "...", ...}[case]'
    assert any('{"A": "...", "B": "...", ...}[case]' in line for line in build.wrap_hint(lookup, 76))
    assert build.wrap_hint("", 80) == [""]
