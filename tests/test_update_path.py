"""A course update never costs a learner's work: the classroom update path the guide recommends (nbgitpuller)."""

from __future__ import annotations

import subprocess

import nbformat
from nbgitpuller.pull import GitPuller

from conftest import ROOT, committed_text
from realorfake.course import progress

LESSON = "lessons/02_faces_as_data/02_faces_as_data.ipynb"


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=teacher@example.org", "-c", "user.name=teacher", *args], cwd=cwd, check=True, capture_output=True)


def _pull(upstream, learner):
    for _ in GitPuller(str(upstream), str(learner), branch="main", depth=None).pull():
        pass


def _exercise(notebook):
    return next(cell for cell in notebook.cells if cell.cell_type == "code" and "# HINT:" in cell.source)


def test_an_update_keeps_the_learners_answers_and_brings_the_teachers_changes(tmp_path):
    upstream, learner = tmp_path / "course", tmp_path / "learner"
    for lesson in sorted((ROOT / "lessons").glob("*/*.ipynb")):  # as committed: a teacher's edited copies here change nothing
        (upstream / lesson.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
        (upstream / lesson.relative_to(ROOT)).write_text(committed_text(lesson), encoding="utf-8")
    _git(upstream, "init", "-q", "-b", "main")
    _git(upstream, "add", "-A")
    _git(upstream, "commit", "-qm", "term starts")
    _pull(upstream, learner)  # the learner clicks the nbgitpuller link

    # The learner answers an exercise, runs it (outputs) and keeps notes beside the lessons.
    mine = nbformat.read(learner / LESSON, as_version=4)
    answer = _exercise(mine)
    answer.source = "def mean_color(image):\n    return image.mean(axis=(0, 1))  # my own answer\n"
    answer.outputs = [nbformat.v4.new_output("stream", text="[120.5 98.2 87.1]\n")]
    nbformat.write(mine, learner / LESSON)
    (learner / "lessons" / "my_notes.md").write_text("what fooled me: the chin", encoding="utf-8")
    deleted = learner / "lessons" / "03_make_a_face_swap" / "03_make_a_face_swap.ipynb"
    deleted.unlink()  # by mistake

    # The teacher fixes the lesson's title, adds a hint to the very exercise the learner answered, and adds a lesson.
    theirs = nbformat.read(upstream / LESSON, as_version=4)
    theirs.cells[0].source = theirs.cells[0].source.replace("Faces as data", "Faces as data (revised)", 1)
    _exercise(theirs).source += "\n# HINT: a second hint from the teacher"
    nbformat.write(theirs, upstream / LESSON)
    (upstream / "lessons" / "05_new_lesson.md").write_text("new", encoding="utf-8")
    _git(upstream, "add", "-A")
    _git(upstream, "commit", "-qm", "update during the term")

    _pull(upstream, learner)  # the learner clicks the link again

    merged = nbformat.read(learner / LESSON, as_version=4)
    nbformat.validate(merged)  # still a notebook JupyterLab opens
    kept = next(cell for cell in merged.cells if cell.id == answer.id)
    assert kept.source == answer.source  # where both changed the same cell, the learner's answer wins
    assert "Faces as data (revised)" in merged.cells[0].source  # the teacher's other changes arrive
    assert (learner / "lessons" / "05_new_lesson.md").exists()
    assert deleted.read_bytes() == (upstream / deleted.relative_to(learner)).read_bytes()  # a deleted lesson comes back
    assert (learner / "lessons" / "my_notes.md").read_text(encoding="utf-8") == "what fooled me: the chin"


def test_saved_answers_live_outside_anything_an_update_writes(monkeypatch, tmp_path):
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    folder = progress.progress_folder().resolve()
    for course_folder in (ROOT, tmp_path):
        assert not folder.is_relative_to(course_folder.resolve())
