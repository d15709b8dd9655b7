"""Lesson 07: the SIFT content, the provenance experiment, its picture, and the three checks."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from PIL import Image

from realorfake.course import case_study, checks, spot_it_questions, verification
from realorfake.course.checks import lesson07
from realorfake.provenance import Credentials

RIGHT = "T S F I T I S F"


def test_the_actions_cover_each_move_twice_in_a_mixed_order():
    letters = [letter for _, letter in verification.ACTIONS]
    assert Counter(letters) == {"S": 2, "I": 2, "F": 2, "T": 2}
    assert "".join(letters) != "SSIIFFTT" and " ".join(letters) == RIGHT
    assert [move.letter for move in verification.SIFT] == ["S", "I", "F", "T"]


def test_the_timeline_is_the_case_studys_and_keeps_the_direction_right():
    events = verification.timeline_events()
    assert events == [(event.when, event.what) for event in case_study.TIMELINE]
    for move in verification.SIFT:
        assert case_study.wrong_direction(move.in_the_case) is None


def test_sift_check_passes_the_answer_in_any_spelling_and_refuses_the_key():
    assert checks.sift_moves(lambda: RIGHT).passed
    assert checks.sift_moves(lambda: RIGHT.replace(" ", "").lower()).passed
    assert checks.sift_moves(lambda: ["Trace", "stop", "find", "investigate", "T", "I", "S", "F"]).passed

    def from_the_key():
        return [letter for _, letter in verification.ACTIONS]

    assert "answer key" in checks.sift_moves(from_the_key).message


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ("SSSSSSSS", "blanket answer"),
        ("T S F I T I S I", "7 of 8 right. Look again at action 8"),
        ("T S F", "3 letter(s) for 8"),
        ("T S F X T I S F", "Answer 4 is not a move"),
        (42, "as text"),
    ],
)
def test_sift_check_names_the_mistake(answer, says):
    feedback = checks.sift_moves(lambda: answer)
    assert not feedback.passed and says in feedback.message


def _right(found):
    return {"trusted": "trusted", "valid": "signer unknown", "invalid": "broken"}.get(found.state, "no credentials")


def test_credentials_check_passes_the_answer_and_bites_on_each_usual_mistake():
    assert checks.credentials_verdict(_right).passed
    none_is_real = checks.credentials_verdict(lambda found: "real" if found.state == "none" else _right(found))
    assert not none_is_real.passed and "absence says nothing" in " ".join(none_is_real.details)
    present_is_trusted = checks.credentials_verdict(lambda found: "trusted" if found.state in ("trusted", "valid") else _right(found))
    assert not present_is_trusted.passed and "expected 'signer unknown'" in present_is_trusted.message
    claim_first = checks.credentials_verdict(lambda found: "trusted" if found.source_type else _right(found))
    assert not claim_first.passed and "expected 'broken'" in claim_first.message
    the_words_of_the_state = checks.credentials_verdict(lambda found: found.state)
    assert not the_words_of_the_state.passed and "the library's word, not the band's" in the_words_of_the_state.message
    assert checks.credentials_verdict(lambda found: _right(found).upper().replace(" ", "-")).passed  # "SIGNER-UNKNOWN" is meant right
    assert not checks.credentials_verdict(lambda found: None).passed


def test_the_credentials_cases_are_real_readings():
    assert {case.state for case, _ in lesson07._CASES} == {"trusted", "valid", "invalid", "none"}
    assert all(isinstance(case, Credentials) for case, _ in lesson07._CASES)


def _forge(path, out, make, model, taken):
    image = Image.open(path)
    exif = image.getexif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif.get_ifd(0x8769)[0x9003] = taken
    image.save(out, exif=exif, quality=95)


def test_forged_metadata_check_passes_the_answer_and_names_the_wrong_date_field():
    assert checks.forged_metadata(_forge).passed

    def last_saved(path, out, make, model, taken):
        image = Image.open(path)
        exif = image.getexif()
        exif[0x010F], exif[0x0110], exif[0x0132] = make, model, taken
        image.save(out, exif=exif, quality=95)

    assert "DateTime (0x0132)" in checks.forged_metadata(last_saved).message

    def forgot_exif(path, out, make, model, taken):
        Image.open(path).save(out, quality=95)

    assert "names no camera" in checks.forged_metadata(forgot_exif).message

    def shrunk(path, out, make, model, taken):
        image = Image.open(path)
        exif = image.getexif()
        exif[0x010F], exif[0x0110] = make, model
        image.resize((50, 50)).save(out, exif=exif)

    assert "does not look like the original" in checks.forged_metadata(shrunk).message

    def stub(path, out, make, model, taken):
        raise NotImplementedError("Open the photo.\nSave it.")

    feedback = checks.forged_metadata(stub)
    assert not feedback.done and feedback.details == ["Open the photo.", "Save it."]


def test_the_experiment_reads_trusted_unknown_none_broken_in_that_order(tmp_path):
    import shutil

    from realorfake.files import progress_folder

    verification.lesson03_fake(tmp_path)
    shutil.rmtree(progress_folder() / "signing")  # the identity is remade halfway: the experiment still reads as it should
    steps = verification.provenance_experiment(tmp_path)
    assert [step.found.state for step in steps] == ["trusted", "valid", "none", "invalid"]
    assert all(step.path.exists() for step in steps)
    from realorfake.show.figure_alt import alt_text
    from realorfake.show.provenance_pictures import credentials_panels

    fig = credentials_panels([(step.title, step.path, step.found) for step in steps])
    alt = alt_text(fig)
    assert "credentials trusted" in alt and "credentials signer unknown" in alt and "no credentials" in alt and "broken" in alt
    assert fig.get_size_inches()[0] <= 8.4 + 1e-6


def test_the_spot_it_pair_is_one_real_and_one_swap_neither_labelled():
    from realorfake import label

    question = spot_it_questions.spot_the_stripped_fake(seed=0)
    assert question.answer in ("A", "B") and "chat app" in question.explanation
    shapes = {picture.shape for picture in question.choices.values()}
    assert len(shapes) == 1  # the same size: the frame gives nothing away
    assert not any(label.has_badge(label.above_badge(picture)) for picture in question.choices.values())  # no badge before the click
    fake = question.revealed[question.answer]
    assert label.has_badge(fake, "SYNTHETIC · face swap, its label stripped by the chat app")  # the reveal badges the fake


def test_if_you_find_one_has_the_four_steps():
    assert [step for step, _ in verification.IF_YOU_FIND_ONE] == ["Don't share it", "Keep evidence", "Report it", "Support the person"]  # evidence before a takedown
    assert np.all([len(why) > 30 for _, why in verification.IF_YOU_FIND_ONE])


def test_take_home_shows_the_page_and_a_link_that_saves_exactly_it(tmp_path):
    import base64
    import re

    from realorfake.course.checklist import write_checklist
    from realorfake.errors import CourseError
    from realorfake.widgets.take_home import take_home

    page = write_checklist(tmp_path / "checklist.html", language="es")
    shown = take_home(page).data
    saved = re.search(r'download="checklist.html" href="data:text/html;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', shown)
    assert saved and base64.b64decode(saved.group(1)).decode("utf-8") == page.read_text(encoding="utf-8")
    assert "<iframe" in shown and 'srcdoc="&lt;!DOCTYPE html&gt;' in shown  # the preview cannot restyle the notebook
    with pytest.raises(CourseError, match="could not be read"):
        take_home(tmp_path / "missing.html")


def test_the_take_home_button_makes_the_page_again_with_what_is_new(tmp_path):
    from realorfake.errors import CourseError
    from realorfake.widgets.take_home import TakeHome

    made = []

    def make():
        made.append(len(made))
        page = tmp_path / "page.html"
        page.write_text(f"<html><body>version {len(made)}</body></html>", encoding="utf-8")
        return page

    widget = TakeHome(make, button="Make my checklist")
    assert "version 1" in widget.page.value and "Made again" not in widget.page.value
    widget.button.click()
    assert "version 2" in widget.page.value and "Made again at" in widget.page.value and len(made) == 2

    def broken():
        raise CourseError("the folder is full")

    failing = TakeHome(broken)
    assert "could not be made: the folder is full" in failing.page.value and "Traceback" not in failing.page.value


def test_the_bands_are_readable_white_on_colour():
    """WCAG contrast of the white band words: at least 4.5:1 (the first colours gave 3.3 to 3.9)."""
    from realorfake.show.provenance_pictures import STATE_BANDS

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for words, colour in STATE_BANDS.values():
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, words


def test_the_timeline_says_its_events_to_a_screen_reader():
    from realorfake.show.figure_alt import alt_text
    from realorfake.show.timeline import draw_timeline

    alt = alt_text(draw_timeline(verification.timeline_events(), title="What was posted"))
    assert "day 1" in alt and "deletes it" in alt and "Netflix" in alt
