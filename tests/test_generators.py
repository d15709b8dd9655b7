"""Every generator of fakes in the package labels its output: a test that enumerates the registry."""

from __future__ import annotations

import numpy as np
import pytest

import realorfake
import realorfake.course.gallery  # noqa: F401  (registers the lessons' own pictures)
import realorfake.fakes  # noqa: F401  (registers every generator of the fakes layer)
from realorfake import label
from realorfake.fakes import registry
from realorfake.fakes.clips import Clip

#: Generators that must exist; a module that stops registering fails here.
EXPECTED = {
    "average_face", "mirror_face", "copy_move", "feature_paste", "face_swap", "morph", "make_it_talk", "swap_video",
    "course_fake", "mystery_A", "mystery_B", "mystery_C", "mystery_D", "mystery_E",
}  # fmt: skip

EXAMPLES = registry.examples()


def test_the_registry_lists_every_known_generator():
    assert EXPECTED <= set(EXAMPLES)


def test_every_registered_method_is_one_the_label_knows():
    assert all(entry.method in label.METHODS for entry in EXAMPLES.values())


def test_registering_a_second_generator_under_a_taken_name_is_refused():
    with pytest.raises(realorfake.CourseError, match="morph"):
        registry.example("morph", method="morph")(lambda: None)
    with pytest.raises(realorfake.UnknownName):
        registry.example("brand_new", method="not-a-method")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_generator_output_carries_the_visible_badge_and_saves_labelled(name, tmp_path):
    entry = EXAMPLES[name]
    output = entry.make()
    images = output.frames if isinstance(output, Clip) else [output]
    assert images and all(isinstance(im, np.ndarray) and im.dtype == np.uint8 for im in images)
    for image in images:
        assert label.has_badge(image), f"{name} returned an image without the SYNTHETIC badge"
    saved = label.save_fake(images[-1], tmp_path / "fake.png", method=entry.method)
    assert label.read_label(saved)["method"] == entry.method
