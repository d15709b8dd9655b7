"""Saving files safely: write next to the target, then rename over it.

A save that fails half-way (a full disk, a killed kernel, an encoder error)
leaves the old file as it was and no half-written file behind. Every file the
course writes (labelled fakes, clips, saved answers) goes through
:func:`replacing`.

It also says where a learner's own files go (:func:`progress_folder`): saved
answers, games.

Core layer: imports only :mod:`realorfake.errors`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from .errors import CourseError

#: Environment variable naming the folder for a learner's progress files (tests and shared machines use it).
PROGRESS_ENV = "REALORFAKE_PROGRESS"


def progress_folder() -> Path:
    """Where this learner's progress files live: ``$REALORFAKE_PROGRESS``, else their own user data folder.

    The default is ``platformdirs.user_data_path("realorfake") / "progress"``
    (``~/.local/share/realorfake/progress`` on Linux, ``~/Library/Application
    Support/realorfake/progress`` on macOS, ``%LOCALAPPDATA%\\realorfake\\progress``
    on Windows): on a shared JupyterHub each learner's answers are their own,
    and never inside the installed course where an update could overwrite them.
    A folder that does not exist yet is made readable by its owner only
    (mode 0700), so classmates on a shared machine cannot read each other's
    answers; an existing folder keeps its permissions. When it cannot be made,
    the path is still returned and the file that needs it says what to do.
    """
    folder = os.environ.get(PROGRESS_ENV)
    folder = Path(folder).expanduser() if folder else platformdirs.user_data_path("realorfake", appauthor=False) / "progress"
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError:
            pass  # a read-only home, say: whoever writes there reports it as a CourseError
    return folder


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a new hidden temporary path next to ``path``; on success rename it to ``path``.

    Write the whole file to the yielded path inside the ``with`` block. When the
    block raises, the temporary file is removed and ``path`` is untouched.
    Raises ``CourseError`` when the folder does not exist or cannot be written
    (the message names the folder and says what to do).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise CourseError(f"The folder {str(folder)!r} {what}. Create it first, or save somewhere else.")
    temporary = folder / f".{path.stem}-{secrets.token_hex(6)}{path.suffix}"
    try:
        temporary.touch(exist_ok=False)  # a new file with normal permissions, never an existing one
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        raise CourseError(f"Could not save {path.name} in {str(folder)!r} ({error.strerror or error}). Save somewhere you may write, such as your home folder.") from None
    finally:
        if temporary.exists():
            temporary.unlink()
