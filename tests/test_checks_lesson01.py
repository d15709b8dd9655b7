"""Lesson 01 checks: they pass on the notebook's own answers, name the mistake, and wait for stubs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from conftest import run_cell
from realorfake.course.build import learner_copy
from realorfake.course.checks import Feedback
from realorfake.course.checks import lesson01 as checks

NOTEBOOK = Path(__file__).resolve().parents[1] / "solutions" / "01_what_is_deepfake" / "01_what_is_deepfake.ipynb"


def _functions(notebook) -> dict:
    """Run the notebook's exercise cells (the ones that define classify and mirror_difference)."""
    namespace: dict = {"np": np}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.lstrip().startswith(("def classify", "def mirror_difference")):
            run_cell(cell.source, namespace, f"<ipython-input-{id(cell)}>")
    return namespace


@pytest.fixture(scope="module")
def solution() -> dict:
    return _functions(nbformat.read(NOTEBOOK, as_version=4))


@pytest.fixture(scope="module")
def stubs() -> dict:
    return _functions(learner_copy(nbformat.read(NOTEBOOK, as_version=4)))


def _text(feedback: Feedback) -> str:
    return " ".join([feedback.message, *feedback.details])


# --------------------------------------------------------------- deepfake_types


def test_the_notebook_solution_passes(solution):
    feedback = checks.deepfake_types(solution["classify"])
    assert feedback.passed, _text(feedback)


def test_the_scenarios_cover_every_kind():
    assert {kind for _, kind, _ in checks.SCENARIOS} == set(checks.TYPES)


def test_a_wrong_answer_names_the_scenario_and_why(solution):
    def classify(description):
        answer = solution["classify"](description)
        return "face swap" if answer == "reenactment" else answer

    feedback = checks.deepfake_types(classify)
    assert not feedback.passed and feedback.done
    text = _text(feedback)
    assert "6 of 7" in feedback.message
    assert "Scenario 2" in text and "'reenactment'" in text and "you said 'face swap'" in text
    assert "expressions" in text  # the reason, not only the answer
    assert "Scenario 1 " not in text


def test_one_answer_for_everything_fails_on_most_scenarios():
    feedback = checks.deepfake_types(lambda description: "cheapfake")
    assert not feedback.passed
    assert "2 of 7" in feedback.message


def test_other_spellings_of_a_kind_are_accepted(solution):
    spelling = {"face swap": "FaceSwap", "lip-sync": "Lip sync", "voice clone": "voice_cloning", "fully synthetic": " Fully-Synthetic "}
    feedback = checks.deepfake_types(lambda d: spelling.get(solution["classify"](d), solution["classify"](d)))
    assert feedback.passed, _text(feedback)


@pytest.mark.parametrize("spelling, kind", [("Face-Swap", "face swap"), ("LIPSYNC", "lip-sync"), ("cheap fake", "cheapfake"), ("deepfake", "deepfake")])
def test_normalise_type(spelling, kind):
    assert checks.normalise_type(spelling) == kind


def test_an_unknown_kind_is_named():
    feedback = checks.deepfake_types(lambda description: "deepfake")
    assert not feedback.passed
    assert "'deepfake' is not one of the six kinds" in feedback.message


def test_a_non_text_answer_is_explained():
    feedback = checks.deepfake_types(lambda description: 3)
    assert not feedback.passed and "should return text" in feedback.message


def test_a_crash_in_classify_becomes_a_message():
    feedback = checks.deepfake_types(lambda description: description.nonexistent())
    assert not feedback.passed and "AttributeError" in feedback.message


def test_the_stub_is_not_written_yet(stubs):
    feedback = checks.deepfake_types(stubs["classify"])
    assert not feedback.passed and not feedback.done
    assert "classify is not written yet" in feedback.message
    assert "clue word" in _text(feedback)  # the first hint travels with it


# -------------------------------------------------------------- symmetry_score


def test_the_notebook_symmetry_solution_passes_and_reports_real_and_fake(solution):
    feedback = checks.symmetry_score(solution["mirror_difference"])
    assert feedback.passed, _text(feedback)
    real = next(d for d in feedback.details if d.startswith("Real face"))
    fake = next(d for d in feedback.details if d.startswith("Mirror fake"))
    real_value = float(real.split(":")[1].split()[0])
    fake_value = float(fake.split(":")[1].split(",")[0])
    assert fake_value < real_value / 3  # the lesson's claim: far more symmetric


def test_symmetry_score_reports_on_given_faces(solution):
    symmetric = np.tile(np.array([1.0, 5.0, 5.0, 1.0]), (4, 1))
    feedback = checks.symmetry_score(solution["mirror_difference"], real=np.eye(4) * 80, fake=symmetric)
    assert feedback.passed
    assert "Real face: 40.0" in _text(feedback) and "Mirror fake: 0.0" in _text(feedback)


def test_uint8_wrap_around_is_diagnosed():
    def wraps(gray):
        half = gray.shape[1] // 2
        return float(np.abs(gray[:, :half] - gray[:, half:][:, ::-1]).mean())

    feedback = checks.symmetry_score(wraps)
    assert not feedback.passed
    assert "uint8" in _text(feedback) and "astype(float)" in _text(feedback)


def test_forgetting_to_mirror_is_diagnosed():
    def not_mirrored(gray):
        gray = gray.astype(float)
        half = gray.shape[1] // 2
        return float(np.abs(gray[:, :half] - gray[:, half:]).mean())

    feedback = checks.symmetry_score(not_mirrored)
    assert not feedback.passed
    assert "expected 0.00" in _text(feedback) and "[:, ::-1]" in _text(feedback)


def test_a_wrong_formula_gets_the_general_hint():
    feedback = checks.symmetry_score(lambda gray: float(np.std(np.asarray(gray, float))))
    assert not feedback.passed and "np.abs" in _text(feedback)


def test_returning_an_array_is_explained():
    def array_not_number(gray):
        gray = gray.astype(float)
        half = gray.shape[1] // 2
        return np.abs(gray[:, :half] - gray[:, half:][:, ::-1])

    feedback = checks.symmetry_score(array_not_number)
    assert not feedback.passed and "one number" in feedback.message


def test_the_symmetry_stub_is_not_written_yet(stubs):
    feedback = checks.symmetry_score(stubs["mirror_difference"])
    assert not feedback.passed and not feedback.done
    assert "mirror_difference is not written yet" in feedback.message


def test_passing_the_result_instead_of_the_function_is_explained():
    feedback = checks.symmetry_score(12.5)
    assert not feedback.passed and "Expected a function" in feedback.message


def test_a_crash_shows_the_learners_own_line_and_a_hint():
    from realorfake.course.checks.feedback import call, check

    def learner(image):
        width = image.shape[1]
        return imge.mean() / width  # noqa: F821  (a typo, as learners make them)

    @check
    def some_check(function):
        call(function, np.zeros((4, 4)))

    feedback = some_check(learner)
    text = " ".join([feedback.message, *feedback.details])
    assert not feedback.passed and "NameError" in feedback.message
    assert "return imge.mean() / width" in text and "run the cell that imports it" in text
