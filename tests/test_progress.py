"""Saved quiz answers: where they go, that they come back, and what happens to a damaged file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from realorfake.course import progress
from realorfake.errors import CourseError

ANSWERS = [
    {"question": 1, "kind": "portrait", "is_fake": False, "vote": "real", "correct": True},
    {"question": 2, "kind": "mirror_face", "is_fake": True, "vote": "real", "correct": False},
]


def test_answers_come_back_as_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    path = progress.save_answers("warmup", ANSWERS)
    assert path == tmp_path / "warmup.json"
    assert progress.load_answers("warmup") == ANSWERS
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["schema"] == progress.SCHEMA_VERSION
    assert record["quiz"] == "warmup"
    assert progress.saved_at("warmup") is not None


def test_the_environment_variable_chooses_the_folder_and_creates_it(tmp_path, monkeypatch):
    folder = tmp_path / "deep" / "er"
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(folder))
    assert progress.progress_folder() == folder
    progress.save_answers("warmup", ANSWERS)
    assert (folder / "warmup.json").is_file()
    assert [p.name for p in folder.iterdir()] == ["warmup.json"]  # no temporary file left behind


def test_without_the_variable_answers_go_to_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("REALORFAKE_PROGRESS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert progress.progress_folder() == tmp_path / "realorfake" / "progress"
    progress.save_answers("warmup", ANSWERS)
    assert progress.load_answers("warmup") == ANSWERS


def test_the_hidden_folder_is_git_ignored(root):
    assert ".realorfake/" in (root / ".gitignore").read_text().split()


def test_a_quiz_never_saved_gives_none(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    assert progress.load_answers("warmup") is None
    assert progress.saved_at("warmup") is None


def test_saving_again_replaces_only_that_quiz(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    progress.save_answers("warmup", ANSWERS)
    progress.save_answers("game", ANSWERS[:1])
    progress.save_answers("warmup", ANSWERS[1:])
    assert progress.load_answers("warmup") == ANSWERS[1:]
    assert progress.load_answers("game") == ANSWERS[:1]


def test_numpy_values_are_saved_as_plain_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    progress.save_answers("warmup", [{"correct": np.bool_(True), "seconds": np.float32(1.5), "n": np.int64(3)}])
    assert progress.load_answers("warmup") == [{"correct": True, "seconds": 1.5, "n": 3}]


@pytest.mark.parametrize(
    "content",
    ["{not json", "", '{"schema": 1}', '["a list"]', '{"schema": 99, "answers": []}', '{"schema": 1, "answers": [1, 2]}'],
    ids=["truncated", "empty", "no-answers", "not-a-dict", "future-schema", "answers-not-records"],
)
def test_a_damaged_file_gives_advice_and_keeps_every_file(tmp_path, monkeypatch, content):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    progress.save_answers("game", ANSWERS)
    damaged = tmp_path / "warmup.json"
    damaged.write_text(content, encoding="utf-8")
    with pytest.raises(CourseError) as error:
        progress.load_answers("warmup")
    assert "warmup.json" in str(error.value) and "take the quiz again" in str(error.value)
    assert damaged.read_text(encoding="utf-8") == content  # not deleted or "repaired"
    assert progress.load_answers("game") == ANSWERS  # the other quiz is untouched


def test_a_damaged_file_can_be_replaced_by_saving_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    (tmp_path / "warmup.json").write_text("{oops", encoding="utf-8")
    progress.save_answers("warmup", ANSWERS)
    assert progress.load_answers("warmup") == ANSWERS


def test_an_unwritable_place_gives_a_course_error_with_advice(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(blocker / "progress"))
    with pytest.raises(CourseError, match="REALORFAKE_PROGRESS"):
        progress.save_answers("warmup", ANSWERS)


def test_a_failed_write_keeps_the_previous_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    progress.save_answers("warmup", ANSWERS)
    with pytest.raises(CourseError):
        progress.save_answers("warmup", [{"image": object()}])  # not JSON
    assert progress.load_answers("warmup") == ANSWERS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warmup.json"]


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "warm up", ".hidden", 3])
def test_quiz_names_cannot_leave_the_folder(tmp_path, monkeypatch, name):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    with pytest.raises(CourseError):
        progress.save_answers(name, ANSWERS)
    assert list(tmp_path.iterdir()) == []


def test_answers_must_be_a_list_of_records(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    with pytest.raises(CourseError):
        progress.save_answers("warmup", "all right")
    with pytest.raises(CourseError):
        progress.save_answers("warmup", [1, 2])


def test_by_default_each_user_keeps_their_answers_in_their_own_data_folder(tmp_path, monkeypatch):
    """On a shared JupyterHub install, two learners never write to one file, nor into the installed course."""
    import platformdirs

    from realorfake.course import progress as learner_progress

    monkeypatch.delenv("REALORFAKE_PROGRESS", raising=False)
    saved = {}
    for user in ("ana", "ben"):
        monkeypatch.setenv("HOME", str(tmp_path / user))
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / user / ".local" / "share"))
        folder = learner_progress.progress_folder()
        assert folder == platformdirs.user_data_path("realorfake", appauthor=False) / "progress"
        assert str(folder).startswith(str(tmp_path / user))
        assert folder.stat().st_mode & 0o777 == 0o700, "classmates on a shared machine cannot read it"
        saved[user] = learner_progress.save_answers("warmup", [{"question": 1, "correct": user == "ana"}])
    assert saved["ana"] != saved["ben"] and saved["ana"].exists() and saved["ben"].exists()
    course = Path(learner_progress.__file__).resolve().parents[3]
    assert not any(str(path).startswith(str(course)) for path in saved.values())
