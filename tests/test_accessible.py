"""The course's accessible controls keep their values in range, as ipywidgets' own do."""

from __future__ import annotations

import pytest

from realorfake.widgets import accessible, spot_it
from realorfake.widgets.common import picture_widget


def test_a_slider_stays_in_its_range_and_whole_steps_stay_whole():
    slider = accessible.Slider(value=2, min=0, max=15, description="erode", unit=" px")
    assert slider.value == 2.0
    slider.value = 99
    assert slider.value == 15.0
    slider.value = 3.4
    assert slider.value == 3.0  # step 1, no decimals shown: a whole number
    fine = accessible.Slider(value=0.3, min=0.0, max=1.5, step=0.05, digits=2, description="min score")
    fine.value = 0.35
    assert fine.value == pytest.approx(0.35)
    fine.value = -1
    assert fine.value == 0.0


def test_the_frame_player_stays_on_a_frame_of_the_clip():
    player = accessible.FramePlayer(max=29, interval=66)
    player.value = 45
    assert player.value == 29
    player.value = -3
    assert player.value == 0
    assert player.playing is False and player.description == "frame"


def test_pictures_carry_alt_text_and_hide_while_empty():
    picture = picture_widget(300, alt="a test picture")
    assert picture.alt == "a test picture" and picture.layout.display == "none"
    picture.value = b"\x89PNG..."
    assert picture.layout.display is None


def test_spot_it_announces_its_verdict_and_names_the_answer(hopper, collins):
    spot = spot_it.SpotIt("Which one is Collins?", {"A": hopper, "B": collins}, answer="B", explanation="B is the NASA portrait.")
    assert [picture.alt for picture in spot.pictures.values()] == ["Picture A", "Picture B"]
    spot.choose("A")
    assert spot.announcer.text == "Not quite: it was B. B is the NASA portrait."
    assert spot.pictures["B"].alt == "Picture B: the answer, B." and spot.pictures["A"].alt == "Picture A: not the answer."


def test_choices_take_values_or_labelled_pairs_and_refuse_what_is_not_offered():
    import traitlets

    views = accessible.choices(["original", "seam"], "original", "View:")
    assert views.options == [["original", "original"], ["seam", "seam"]]
    faces = accessible.choices([("Collins → Hopper", "forward"), ("Hopper → Collins", "reverse")], "forward", "face")
    faces.value = "reverse"
    assert faces.value == "reverse"
    with pytest.raises(traitlets.TraitError, match="not one of the choices"):
        faces.value = "sideways"
