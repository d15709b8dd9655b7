"""The case study, right everywhere: the clip made the influencer look unfaithful; the man was her own partner."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT
from realorfake.course import case_study

TEXTS = sorted(ROOT.glob("solutions/*/*.ipynb")) + sorted(ROOT.glob("docs/facilitator/*.md")) + [ROOT / "README.md"]
TEXTS += sorted((ROOT / "src" / "realorfake" / "course" / "checks").glob("*.py"))


def _paragraphs(path):
    if path.suffix == ".ipynb":
        text = "\n\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    else:
        text = path.read_text(encoding="utf-8")
    return [p for p in re.split(r"\n\s*\n", text) if re.search(r"towel|influencer|Falso amor|stunt", p, re.IGNORECASE)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_text_tells_the_case_the_wrong_way_round(path):
    for paragraph in _paragraphs(path):
        assert case_study.wrong_direction(paragraph) is None, f"{path.name}: {paragraph[:200]}"


def test_the_check_catches_the_old_wrong_sentence():
    old = 'Remember the case from Lesson 01: the video of an influencer\'s partner "cheating" spread fast.'
    assert case_study.wrong_direction(old)


def test_the_summary_keeps_the_direction_and_the_facts():
    text = case_study.summary()
    assert "she was cheating" in text and "her own partner" in text
    assert case_study.PREMIERE == "6 July 2023" and "100,000" in case_study.PRIZE
    assert [event.when for event in case_study.TIMELINE][-1] == case_study.PREMIERE


def test_lesson_01_and_the_guide_state_who_was_in_the_towel():
    lesson = "\n".join(c.source for c in nbformat.read(ROOT / "solutions/01_what_is_deepfake/01_what_is_deepfake.ipynb", as_version=4).cells)
    guide = (ROOT / "docs/facilitator/lesson01.md").read_text(encoding="utf-8")
    assert "*was* her partner" in lesson and "case_study.TIMELINE" in lesson
    assert "really was her partner" in guide and "she was cheating" in guide
