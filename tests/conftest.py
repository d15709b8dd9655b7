"""Shared fixtures: the course root, the two portraits, and a folder of bad image files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


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
