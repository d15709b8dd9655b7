"""Lesson times and session plans, computed from the lessons' own headers so that every plan adds up.

Each lesson's header says ``**Time:** teaching T min + exercises E min``; the
session plans of the facilitator guide are built from those numbers plus the
minutes a classroom really needs (welcome, log-in, breaks), and the guide's
plan table and run-time table are written by ``make lessons`` between markers
(:func:`update_guide`). Measured run times come from
``docs/facilitator/run_times.json``, written by ``benchmarks/notebooks.py --write``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

HEADER_TIME = re.compile(r"\*\*Time:\*\*\s*teaching\s+(\d+)\s*min\s*\+\s*exercises\s+(\d+)\s*min")
BEGIN, END = "<!-- BEGIN GENERATED: plans -->", "<!-- END GENERATED: plans -->"


@dataclass(frozen=True)
class Step:
    """One part of a session: a label and its minutes (a whole lesson's minutes come from its header)."""

    label: str
    minutes: int


@dataclass(frozen=True)
class Plan:
    """A session plan: its name, its length (min) and its steps; ``used`` must not exceed ``length``."""

    name: str
    length: int
    steps: tuple[Step, ...]

    @property
    def used(self) -> int:
        """Minutes the steps take together."""
        return sum(step.minutes for step in self.steps)


def lesson_minutes(root: Path) -> dict[str, tuple[int, int]]:
    """Slug -> (teaching, exercises) minutes, read from each solution's header. ``ValueError`` when a header has none."""
    times = {}
    for path in sorted((root / "solutions").glob("*/*.ipynb")):
        header = nbformat.read(path, as_version=4).cells[0].source
        found = HEADER_TIME.search(header)
        if found is None:
            raise ValueError(f"{path.name}: its header has no '**Time:** teaching N min + exercises M min' line")
        times[path.parent.name] = (int(found.group(1)), int(found.group(2)))
    return times


def plans(root: Path) -> list[Plan]:
    """The session plans of the facilitator guide, with each whole lesson at its header's minutes."""
    minutes = {slug: sum(pair) for slug, pair in lesson_minutes(root).items()}

    def lesson(slug: str, label: str) -> Step:
        return Step(f"{label} ({minutes[slug]} min: the whole lesson)", minutes[slug])

    return [
        Plan("60 min", 60, (Step("welcome, log-in", 8), lesson("01_what_is_deepfake", "Lesson 01"), Step("Lesson 02's landmark explorer, on the projector", 10))),
        Plan(
            "90 min",
            90,
            (
                Step("welcome, log-in", 10),
                lesson("01_what_is_deepfake", "Lesson 01"),
                Step("Lesson 02, sections 1-3 and Try it 1-3 in pairs (skip alignment and your own photo)", 35),
                Step("key points, exit question", 5),
            ),
        ),
        Plan(
            "2 x 120 min, day 1",
            120,
            (
                Step("welcome, log-in, ground rules", 12),
                lesson("01_what_is_deepfake", "Lesson 01"),
                Step("break", 10),
                lesson("02_faces_as_data", "Lesson 02"),
                Step("buffer for questions and slow log-ins", 13),
            ),
        ),
        Plan(
            "2 x 120 min, day 2",
            120,
            (
                Step("log-in, recap", 5),
                lesson("03_make_a_face_swap", "Lesson 03"),
                Step("break", 10),
                Step("Lesson 04, the 45-minute version of its timing table", 45),
            ),
        ),
        Plan(
            "game session, 45 min (after Lessons 01-05)",
            45,
            (
                Step("log-in, the show and its rules (Lesson 06, section 1)", 8),
                Step("Lesson 06's 30-minute game plan: warm-up, a couple round on the projector, the finale, the debrief", 30),
                Step("one discussion prompt, exit question", 7),
            ),
        ),
    ]


def run_times(root: Path) -> dict:
    """The measured run times (``docs/facilitator/run_times.json``), or {} when there are none yet."""
    path = root / "docs" / "facilitator" / "run_times.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def guide_section(root: Path) -> str:
    """The generated part of the facilitator guide: lesson times, session plans and measured run times (Markdown)."""
    lines = [BEGIN, "", "*This part is generated from the lessons' headers by `make lessons`; edit the lessons, not this table.*", ""]
    lines += ["| Lesson | Teaching | Exercises | Total |", "|---|---|---|---|"]
    for slug, (teaching, exercises) in lesson_minutes(root).items():
        lines.append(f"| {slug} | {teaching} min | {exercises} min | {teaching + exercises} min |")
    lines += ["", "| Session | Plan | Minutes used |", "|---|---|---|"]
    for plan in plans(root):
        steps = "; ".join(f"{step.label}: {step.minutes}" if "whole lesson" not in step.label else step.label for step in plan.steps)
        lines.append(f"| {plan.name} | {steps} | {plan.used} of {plan.length} |")
    measured = run_times(root)
    if measured:
        lines += ["", f"Run times, top to bottom, measured on {measured.get('machine', 'a 2-core laptop')} ({measured.get('date', '')}):", ""]
        lines += ["| Lesson | Solution | Learner copy | Peak memory |", "|---|---|---|---|"]
        for slug, values in measured.get("lessons", {}).items():
            lines.append(f"| {slug} | {values['solution_s']:.0f} s | {values['lesson_s']:.0f} s | {values['peak_mb']:.0f} MB |")
    lines += ["", END]
    return "\n".join(lines)


def update_guide(root: Path, check: bool = False) -> bool:
    """Write :func:`guide_section` into ``docs/facilitator/README.md`` between its markers; True when it changed (or would)."""
    path = root / "docs" / "facilitator" / "README.md"
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise ValueError(f"{path} has no {BEGIN} ... {END} markers")
    new = text[: text.index(BEGIN)] + guide_section(root) + text[text.index(END) + len(END) :]
    if new != text and not check:
        path.write_text(new, encoding="utf-8")
    return new != text
