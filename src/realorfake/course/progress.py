"""A learner's quiz answers, saved as small JSON files on their own computer.

Lesson 01's warm-up round saves its answers as ``warmup.json``; Lesson 06 (the game)
reads them back to compare the learner's score before and after the course. The
files live in ``$REALORFAKE_PROGRESS`` when that is set, else in the learner's own
user data folder (see :func:`progress_folder`). Nothing leaves the computer.

Each file holds one quiz: ``{"schema": 1, "quiz": ..., "saved_at": ..., "answers": [...]}``.
Files are written atomically (a temporary file, then a rename), so a crash never
leaves half a file, and a damaged file is reported, never deleted or overwritten
behind the learner's back.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path
from typing import Any

from ..errors import CourseError, UnknownName
from ..files import PROGRESS_ENV as ENV_VAR  # the guide and the tests name it here
from ..files import progress_folder, replacing

#: Version of the file layout; bump it when the layout changes.
SCHEMA_VERSION = 1

_QUIZ_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def progress_path(quiz: str) -> Path:
    """The file that holds one quiz's answers, e.g. ``<progress folder>/warmup.json``."""
    if not isinstance(quiz, str) or not _QUIZ_NAME.match(quiz):
        raise UnknownName(f"{quiz!r} is not a usable quiz name. Use letters, digits, '_' or '-' (up to 64 characters), for example 'warmup'.")
    return progress_folder() / f"{quiz}.json"


def _json_default(value: Any) -> Any:
    """Turn NumPy scalars and arrays into plain Python values for JSON."""
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} cannot be saved as JSON")


def save_answers(quiz: str, answers: list[dict]) -> Path:
    """Save a quiz's answers (a list of dicts) as JSON; returns the file's path.

    Replaces any earlier answers of the same quiz, and only that file. Raises
    ``CourseError`` with advice when the answers cannot be saved.
    """
    path = progress_path(quiz)
    if not isinstance(answers, (list, tuple)) or not all(isinstance(a, dict) for a in answers):
        raise CourseError("answers must be a list of dicts, one per question.")
    record = {
        "schema": SCHEMA_VERSION,
        "quiz": quiz,
        "saved_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "answers": list(answers),
    }
    try:
        text = json.dumps(record, indent=1, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError) as error:
        raise CourseError(f"These answers cannot be saved as JSON ({error}). Keep to numbers, text, True/False and lists.") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as temporary, open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
    except (OSError, CourseError) as error:
        reason = getattr(error, "strerror", None) or error
        raise CourseError(
            f"Could not save your answers in {path.parent} ({reason}). Your score is still shown here. To keep it, set the {ENV_VAR} environment variable to a folder you can write to."
        ) from None
    return path


def load_answers(quiz: str) -> list[dict] | None:
    """The saved answers of a quiz, or ``None`` if it was never saved.

    A damaged or unreadable file raises ``CourseError`` saying which file and what
    to do; the file itself (and every other quiz's file) is left as it is.
    """
    path = progress_path(quiz)
    if not path.exists():
        return None
    advice = f"Rename or delete {path} and take the quiz again to save fresh answers; your other saved quizzes are not affected."
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CourseError(f"The saved answers for {quiz!r} cannot be read ({error}). {advice}") from None
    if not isinstance(record, dict) or not isinstance(record.get("answers"), list):
        raise CourseError(f"The saved answers for {quiz!r} are damaged (no list of answers). {advice}")
    schema = record.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise CourseError(f"The saved answers for {quiz!r} use file layout {schema!r}, which this version of the course (layout {SCHEMA_VERSION}) does not know. Update the course, or: {advice}")
    if not all(isinstance(answer, dict) for answer in record["answers"]):
        raise CourseError(f"The saved answers for {quiz!r} are damaged (an answer is not a record). {advice}")
    return record["answers"]


def saved_at(quiz: str) -> _dt.datetime | None:
    """When a quiz's answers were saved (UTC), or ``None`` if they never were or the time is missing."""
    path = progress_path(quiz)
    if not path.exists():
        return None
    load_answers(quiz)  # raises a helpful CourseError on a damaged file
    try:
        return _dt.datetime.fromisoformat(json.loads(path.read_text(encoding="utf-8"))["saved_at"])
    except (KeyError, TypeError, ValueError):
        return None
