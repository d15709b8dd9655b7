"""Lesson times and session plans, computed from the lessons themselves so that every plan adds up.

Each lesson's header says ``**Time:** teaching T min + exercises E min``: a
plan that uses a whole lesson counts it at those minutes. A plan that cuts a
lesson short takes one column of the lesson's timing table in
``docs/facilitator/lessonNN.md`` (rows: its sections, columns: "45 min",
"60 min", ...) and leaves out the rows it skips; the sections it names are the
headings of the solution notebook, so a renamed or renumbered section fails the
build instead of leaving a stale plan. The plans themselves are data, in one
place: :data:`PLANS`. ``make lessons`` writes the plans, the lesson times and the
measured run times (``docs/facilitator/run_times.json``, written by
``benchmarks/notebooks.py --write``) into the facilitator guide's README between
its markers (:func:`update_guide`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

HEADER_TIME = re.compile(r"\*\*Time:\*\*\s*teaching\s+(\d+)\s*min\s*\+\s*exercises\s+(\d+)\s*min")
BEGIN, END = "<!-- BEGIN GENERATED: plans -->", "<!-- END GENERATED: plans -->"
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")


# ------------------------------------------------------------------ what a plan is made of (the data)


@dataclass(frozen=True)
class Step:
    """A part of a session that is not a lesson (welcome, log-in, a break, a game round): its words and minutes."""

    label: str
    minutes: int


@dataclass(frozen=True)
class Whole:
    """A whole lesson, at the minutes of its header."""

    slug: str


@dataclass(frozen=True)
class Part:
    """A lesson cut short: one ``column`` (minutes) of its timing table in lessonNN.md, without the rows it skips.

    Keys name the notebook's own sections: ``"4"`` is section 4 (the heading "4. ...",
    with every Try it inside it), ``"Try it 2"`` one exercise. ``skip`` and
    ``homework`` take their rows out of the minutes (a Try it with no row of its
    own is already left out of that column's minutes); ``demo`` keeps them: the
    facilitator runs that exercise's solution on the projector.
    """

    slug: str
    column: int
    skip: tuple[str, ...] = ()
    homework: tuple[str, ...] = ()
    demo: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Only:
    """One or more sections of a lesson, taught on their own in ``minutes`` (``how``: read aloud, on the projector, ...)."""

    slug: str
    sections: tuple[str, ...]
    minutes: int
    how: str = ""


@dataclass(frozen=True)
class SessionSpec:
    """One session of a plan: its length in minutes and its parts, in order."""

    length: int
    parts: tuple[Step | Whole | Part | Only, ...]


@dataclass(frozen=True)
class PlanSpec:
    """A plan: its name, who it is for, and its sessions (one, or a series)."""

    name: str
    summary: str
    sessions: tuple[SessionSpec, ...]


#: The session plans of the facilitator guide. A new lesson is a new ``Whole`` or ``Part`` here.
PLANS: tuple[PlanSpec, ...] = (
    PlanSpec(
        "45-minute taster",
        "One session for a group meeting the course once: what a deepfake is, a first real-or-fake round, and what a label does.",
        (SessionSpec(45, (Step("log-in", 3), Part("01_what_is_deepfake", 60, skip=("4",), homework=("Try it 1",), note="show section 4's Spot it pair on the projector if there is a minute left"))),),
    ),
    PlanSpec(
        "90-minute workshop",
        "One session for a workshop: Lesson 01, then the game in the show's format, with its debrief.",
        (
            SessionSpec(
                90,
                (
                    Step("welcome, ground rules, safeguarding note, log-in", 8),
                    Whole("01_what_is_deepfake"),
                    Step("break", 5),
                    Part(
                        "06_the_game",
                        30,
                        skip=("5", "Try it 1", "Try it 2", "Try it 3"),
                        note="as in the 30-minute game plan of [lesson06.md](lesson06.md#timing): couples share one laptop, or the whole room plays one game with `make class`",
                    ),
                    Step("one more of Lesson 06's Discuss prompts, and [its exit question](lesson06.md#exit-question-optional)", 7),
                ),
            ),
        ),
    ),
    PlanSpec(
        "4 × 45-minute classroom unit",
        (
            "Four lessons of a school timetable: what a deepfake is, how a face swap is made, how to spot one, and how "
            "professionals verify one, ending with a final round in the game against the first lesson's warm-up."
        ),
        (
            SessionSpec(45, (Step("log-in, ground rules, safeguarding note", 5), Whole("01_what_is_deepfake"))),
            SessionSpec(45, (Step("log-in, recap of session 1", 2), Part("03_make_a_face_swap", 60, skip=("5", "6", "7", "8", "9"), demo=("Try it 1",)))),
            SessionSpec(45, (Step("log-in, recap of session 2", 4), Part("04_spotting_artifacts", 45, skip=("10",), demo=("Try it 1", "Try it 3")))),
            SessionSpec(
                45,
                (
                    Step("log-in, recap of session 3", 5),
                    Part("07_verify_like_a_pro", 30, note="as in the 30-minute plan of [lesson07.md](lesson07.md#timing); its final round is played in Lesson 06's game"),
                    Step("Lesson 07's Spot it, one Discuss prompt, and [the unit's exit question](lesson07.md#exit-question-optional)", 10),
                ),
            ),
        ),
    ),
    PlanSpec(
        "Game night",
        (
            "The Lesson 06 game for a whole room, each player on their own phone, one scoreboard on the projector "
            "(class mode: see [class-mode.md](class-mode.md)). No notebook and no install on the players' side. Before the doors open: "
            "`make class` on the projector's computer, the host screen open, one phone joined as a test."
        ),
        (
            SessionSpec(
                60,
                (
                    Step("arrival: everyone joins with the QR code on the projector", 10),
                    Only("06_the_game", ("1",), 5, how="read aloud: what the show did, and what this game does instead"),
                    Step("round 1, everyone for themselves, with the answer after each item: the game `make class` starts by default (10 items, 30 s each)", 10),
                    Step(
                        'round 2, as in the show: Ctrl-C, then `make class ARGS="--mode couple --reveal finale"` (or `--mode teams`); everyone joins again with the new code',
                        15,
                    ),
                    Step("the finale on the projector: the scoreboard, every answer with its explanation, the calibration plot, what fooled us most", 8),
                    Step("debrief: Lesson 06's Discuss prompts 1 and 4 (model answers in [lesson06.md](lesson06.md#discussion-notes))", 10),
                ),
            ),
        ),
    ),
)


# ------------------------------------------------------------------ what the lessons say


def lesson_minutes(root: Path) -> dict[str, tuple[int, int]]:
    """Slug -> (teaching, exercises) minutes, read from each solution's header. ``ValueError`` when a header has none."""
    times = {}
    for path in sorted((root / "solutions").glob("*/*.ipynb")):
        if path.stem != path.parent.name:
            continue
        header = nbformat.read(path, as_version=4).cells[0].source
        found = HEADER_TIME.search(header)
        if found is None:
            raise ValueError(f"{path.name}: its header has no '**Time:** teaching N min + exercises M min' line")
        times[path.parent.name] = (int(found.group(1)), int(found.group(2)))
    return times


def _notebook(root: Path, slug: str) -> nbformat.NotebookNode:
    path = root / "solutions" / slug / f"{slug}.ipynb"
    if not path.exists():
        raise ValueError(f"a session plan uses {slug}, which has no solution notebook")
    return nbformat.read(path, as_version=4)


def lesson_title(root: Path, slug: str) -> str:
    """The lesson's title from its header: "What is a deepfake?" for "# Lesson 01 · What is a deepfake?"."""
    first = _notebook(root, slug).cells[0].source.splitlines()[0]
    return re.sub(r"^#\s*Lesson\s+\d+\s*[·:.-]?\s*", "", first).strip()


def headings(root: Path, slug: str) -> list[tuple[int, str]]:
    """Every markdown heading of the solution notebook, in order: (level, text)."""
    found = []
    for cell in _notebook(root, slug).cells:
        if cell.cell_type == "markdown":
            found += [(len(m.group("level")), m.group("text")) for m in map(HEADING.match, cell.source.splitlines()) if m]
    return found


def _matches(key: str, text: str) -> bool:
    """Whether a heading (or a table row) is the one ``key`` names: "4" -> "4. ...", "Try it 2" -> "Try it 2: ..."."""
    if key.isdigit():
        return re.match(rf"{key}\.\s", text) is not None
    return re.match(rf"(?:\d+\.\s+)?{re.escape(key)}(?=[\s:(`]|$)", text) is not None


def section_title(root: Path, slug: str, key: str) -> str:
    """The notebook's own heading for ``key``, with the Try its a section holds: "4. Spot it: ... (with Try it 2: ...)"."""
    found = headings(root, slug)
    for index, (level, text) in enumerate(found):
        if _matches(key, text):
            inside = []
            for deeper, other in found[index + 1 :]:
                if deeper <= level:
                    break
                if _matches("Try it", other):
                    inside.append(other)
            return f"*{text}*" + (f" (with {', '.join(f'*{t}*' for t in inside)})" if inside else "")
    raise ValueError(f"{slug} has no section {key!r}: a session plan names it (timings.PLANS)")


def timing_table(root: Path, slug: str) -> tuple[list[int | None], list[tuple[str, list[int]]]]:
    """The timing table of ``docs/facilitator/lessonNN.md``: its columns' minutes and its rows (label, minutes per column)."""
    path = root / "docs" / "facilitator" / f"lesson{slug[:2]}.md"
    if not path.exists():
        raise ValueError(f"a session plan cuts {slug} short, but {path.name} (with its timing table) does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("| Section |")), None)
    if start is None:
        raise ValueError(f"{path.name} has no timing table (a table whose first heading is 'Section')")
    columns = [int(m.group(1)) if (m := re.match(r"\s*(\d+) min", cell)) else None for cell in lines[start].split("|")[2:-1]]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = line.split("|")[1:-1]
        rows.append((cells[0].strip(), [int(m.group(1)) if (m := re.match(r"\s*(\d+)", cell)) else 0 for cell in cells[1:]]))
    return columns, rows


# ------------------------------------------------------------------ plans with their minutes worked out


@dataclass(frozen=True)
class Planned:
    """One step of a session, worked out: its text (Markdown) and its minutes; ``slug`` and ``whole`` when it is a lesson."""

    text: str
    minutes: int
    slug: str = ""
    whole: bool = False


@dataclass(frozen=True)
class Session:
    """A session worked out: its length, its steps; ``used`` must not exceed ``length``."""

    length: int
    steps: tuple[Planned, ...]

    @property
    def used(self) -> int:
        """Minutes the steps take together."""
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class Plan:
    """A plan worked out: its name, summary and sessions."""

    name: str
    summary: str
    sessions: tuple[Session, ...]


def _lesson(root: Path, slug: str) -> str:
    return f"**Lesson {slug[:2]}** *{lesson_title(root, slug)}*"


def _planned(root: Path, part: Step | Whole | Part | Only, minutes: dict[str, int]) -> Planned:
    if isinstance(part, Step):
        return Planned(part.label, part.minutes)
    if isinstance(part, Whole):
        if part.slug not in minutes:
            raise ValueError(f"a session plan uses {part.slug}, which has no solution notebook")
        return Planned(f"{_lesson(root, part.slug)}, the whole lesson ([notes](lesson{part.slug[:2]}.md))", minutes[part.slug], part.slug, True)
    if isinstance(part, Only):
        sections = " and ".join(section_title(root, part.slug, key) for key in part.sections)
        return Planned(f"{_lesson(root, part.slug)}: only {sections}" + (f", {part.how}" if part.how else ""), part.minutes, part.slug)
    columns, rows = timing_table(root, part.slug)
    if part.column not in columns:
        raise ValueError(f"lesson{part.slug[:2]}.md's timing table has no {part.column}-minute column (it has {[c for c in columns if c]})")
    column = columns.index(part.column)
    left_out = part.skip + part.homework
    for key in left_out:
        if key.isdigit() and not any(_matches(key, label) for label, _ in rows):
            raise ValueError(f"lesson{part.slug[:2]}.md's timing table has no row for section {key}")
    used = sum(values[column] for label, values in rows if not any(_matches(key, label) for key in left_out))
    words = [f"{_lesson(root, part.slug)}, cut short: the {part.column}-minute column of [its timing table](lesson{part.slug[:2]}.md#timing)"]
    for what, keys in (("skip", part.skip), ("set as homework", part.homework), ("run the solution on the projector for", part.demo)):
        if keys:
            words.append(f"{what} {', '.join(section_title(root, part.slug, key) for key in keys)}")
    text = "; ".join(words) + (f" ({part.note})" if part.note else "")
    return Planned(text, used, part.slug)


def plans(root: Path) -> list[Plan]:
    """The session plans of :data:`PLANS`, each step with its minutes (a whole lesson at its header's minutes)."""
    minutes = {slug: sum(pair) for slug, pair in lesson_minutes(root).items()}
    return [Plan(spec.name, spec.summary, tuple(Session(session.length, tuple(_planned(root, part, minutes) for part in session.parts)) for session in spec.sessions)) for spec in PLANS]


# ------------------------------------------------------------------ the generated part of the guide


def run_times(root: Path) -> dict:
    """The measured run times (``docs/facilitator/run_times.json``), or {} when there are none yet."""
    path = root / "docs" / "facilitator" / "run_times.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def guide_section(root: Path) -> str:
    """The generated part of the facilitator guide: lesson times, session plans and measured run times (Markdown)."""
    lines = [BEGIN, "", "*This part is generated by `make lessons` from the lessons' headers, their timing tables and `timings.PLANS`; edit those, not this text.*", ""]
    lines += ["| Lesson | Teaching | Exercises | Total |", "|---|---|---|---|"]
    for slug, (teaching, exercises) in lesson_minutes(root).items():
        lines.append(f"| {slug} | {teaching} min | {exercises} min | {teaching + exercises} min |")
    for plan in plans(root):
        lines += ["", f"### {plan.name}", "", plan.summary]
        for number, session in enumerate(plan.sessions, start=1):
            if len(plan.sessions) > 1:
                lines += ["", f"**Session {number} of {len(plan.sessions)}**"]
            lines += ["", "| Min | Step |", "|---|---|"]
            lines += [f"| {step.minutes} | {step.text} |" for step in session.steps]
            lines.append(f"| **{session.used}** | of {session.length} minutes |")
    measured = run_times(root)
    if measured:
        lines += ["", "### Run times", "", f"Measured top to bottom on {measured.get('machine', 'a 2-core laptop')} ({measured.get('date', '')}):", ""]
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
