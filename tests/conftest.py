"""Shared fixtures: the course root, the two portraits, and a folder of bad image files."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def committed_text(path: Path, root: Path = ROOT) -> str:
    """A file as git holds it (the index: committed or staged), so that a teacher who ran and saved the lessons here breaks no test.

    Without git (a downloaded copy), the file as it is.
    """
    if shutil.which("git") and (root / ".git").exists():
        shown = subprocess.run(["git", "show", f":{path.relative_to(root).as_posix()}"], cwd=root, capture_output=True, text=True)
        if shown.returncode == 0:
            return shown.stdout
    return path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _progress_in_tmp(tmp_path_factory, monkeypatch):
    """Nothing a test runs may write learner progress into the repository."""
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path_factory.mktemp("progress")))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def hopper() -> np.ndarray:
    from realorfake import data

    return data.portrait("hopper")


@pytest.fixture(scope="session")
def collins() -> np.ndarray:
    from realorfake import data

    return data.portrait("collins")


def encode(array: np.ndarray, fmt: str, **params) -> bytes:
    """Encode an array (or PIL image) with Pillow."""
    image = array if isinstance(array, Image.Image) else Image.fromarray(array)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def run_cell(source: str, namespace: dict, name: str = "<ipython-input-cell>") -> None:
    """Run a notebook cell's source in ``namespace`` as IPython does: its source kept in linecache (the checks read stub hints there)."""
    import linecache

    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)
    exec(compile(source, name, "exec"), namespace)


def stub(*args, **kwargs):
    """An exercise as the learner copy has it: not written yet."""
    raise NotImplementedError("Use the hint above.")


def feedback_text(feedback) -> str:
    """A check's whole message, for assertion messages and searches."""
    return " ".join([feedback.message, *feedback.details])


def assert_passes_and_waits(check, answer) -> None:
    """A check passes the model answer and, on the stub, says "not written yet" with the hint."""
    from realorfake.course.checks import Feedback

    good = check(answer)
    assert isinstance(good, Feedback) and good.passed and good.done, feedback_text(good)
    assert "Well done" in good.message or "Correct" in good.message
    waiting = check(stub)
    assert not waiting.passed and not waiting.done
    assert "is not written yet" in waiting.message and "Use the hint above." in waiting.details
