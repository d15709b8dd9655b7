"""Every generator in the package labels its output: a test that enumerates them all."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pytest

import realorfake
from realorfake import label
from realorfake.video import Clip

#: Generators that must exist; a module that drops its registry fails here.
EXPECTED = {"average_face", "mirror_face", "copy_move", "feature_paste", "face_swap", "morph", "make_it_talk", "swap_video"}


def _all_generators() -> dict[str, object]:
    found = {}
    for module_info in pkgutil.walk_packages(realorfake.__path__, "realorfake."):
        module = importlib.import_module(module_info.name)
        for name, make in getattr(module, "GENERATORS", {}).items():
            found[f"{module_info.name}.{name}"] = make
    return found


GENERATORS = _all_generators()


def test_the_registry_lists_every_known_generator():
    assert EXPECTED <= {key.rsplit(".", 1)[1] for key in GENERATORS}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generator_output_carries_the_visible_badge(name, tmp_path):
    output = GENERATORS[name]()
    images = output.frames if isinstance(output, Clip) else [output]
    assert images and all(isinstance(im, np.ndarray) and im.dtype == np.uint8 for im in images)
    for image in images:
        assert label.has_badge(image), f"{name} returned an image without the SYNTHETIC badge"
    # and once saved, the machine-readable label is there too
    method = name.rsplit(".", 1)[1]
    method = method if method in label.METHODS else ("reenactment" if method == "make_it_talk" else "face_swap")
    saved = label.save_fake(images[-1], tmp_path / "fake.png", method=method)
    assert label.is_labelled(saved)
