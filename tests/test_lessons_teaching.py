"""What the lessons teach, checked where a test can see it: answers stay hidden until a click."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest

from conftest import ROOT
from realorfake import label
from realorfake.course import spot_it_questions

SOLUTIONS = sorted(ROOT.glob("solutions/*/*.ipynb"))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_no_answer_is_printed_by_a_plain_cell(path):
    """Run All must never show an answer under its question: reveals live behind a click (a widget)."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        assert "answer_strip(" not in cell.source, f"{path.name}: a cell reveals an answer: {cell.source[:120]}"
        assert not re.search(r"^#\s*Reveal", cell.source, re.MULTILINE | re.IGNORECASE), f"{path.name}: a reveal cell: {cell.source[:120]}"


def test_lesson_01_spot_it_hides_the_answer_until_the_click():
    spot = spot_it_questions.spot_the_mirror_fake(seed=0)
    before = {name: bytes(picture.value) for name, picture in spot.pictures.items()}
    assert not any(label.has_badge(image) for image in spot.choices.values())  # neutral strips: nothing gives it away
    spot.choose("A")
    after = {name: bytes(picture.value) for name, picture in spot.pictures.items()}
    assert all(before[name] != after[name] for name in before)  # both pictures now show their answer strip
    fake = spot.revealed[spot.answer]
    assert label.has_badge(fake, "SYNTHETIC · mirrored") and not label.has_badge(spot.revealed["B" if spot.answer == "A" else "A"])
    assert "Yes!" in spot.feedback.value or "Not quite" in spot.feedback.value


def test_the_order_of_the_spot_it_pair_follows_the_seed():
    answers = {spot_it_questions.spot_the_mirror_fake(seed).answer for seed in range(8)}
    assert answers == {"A", "B"}
    assert np.array_equal(spot_it_questions.spot_the_mirror_fake(3).choices["A"], spot_it_questions.spot_the_mirror_fake(3).choices["A"])


LINKED = sorted(ROOT.glob("solutions/*/*.ipynb")) + sorted(ROOT.glob("lessons/*/*.ipynb")) + sorted(ROOT.glob("docs/facilitator/*.md")) + [ROOT / "README.md"]


@pytest.mark.parametrize("path", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_dead_ends(path):
    """Every relative link leads to a file that exists, and no learner copy has an empty cell."""
    if path.suffix == ".ipynb":
        cells = nbformat.read(path, as_version=4).cells
        assert all(cell.source.strip() for cell in cells), f"{path.name} has an empty cell"
        text = "\n".join(cell.source for cell in cells)
    else:
        text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        assert (path.parent / target).exists(), f"{path.name} links to {target}, which does not exist"


# ------------------------------------------------------------ the guide's numbers add up


def test_every_session_plan_adds_up():
    from realorfake.course import timings

    minutes = timings.lesson_minutes(ROOT)
    assert set(minutes) == {p.parent.name for p in SOLUTIONS}
    for plan in timings.plans(ROOT):
        for number, session in enumerate(plan.sessions, start=1):
            where = f"{plan.name}, session {number}"
            assert session.used <= session.length, f"{where}: {session.used} min of steps in a {session.length}-min session"
            assert session.used >= session.length - 15, f"{where}: {session.length - session.used} min left unplanned"
            for step in session.steps:
                if step.whole:
                    assert step.minutes == sum(minutes[step.slug])  # a whole lesson counts at its header's minutes


def test_the_four_plans_the_issue_names_exist():
    from realorfake.course import timings

    plans = {plan.name: plan for plan in timings.plans(ROOT)}
    assert [session.length for session in plans["45-minute taster"].sessions] == [45]
    assert [session.length for session in plans["90-minute workshop"].sessions] == [90]
    assert [session.length for session in plans["4 × 45-minute classroom unit"].sessions] == [45, 45, 45, 45]
    night = plans["Game night"]
    assert "make class" in " ".join(step.text for session in night.sessions for step in session.steps)


def test_a_lesson_cut_short_counts_the_rows_it_keeps_and_names_the_notebooks_own_sections():
    """The taster's Lesson 01 is its 60-minute column without section 4 and Try it 1, named as the notebook names them."""
    from realorfake.course import timings

    columns, rows = timings.timing_table(ROOT, "01_what_is_deepfake")
    kept = sum(values[columns.index(60)] for label, values in rows if not label.startswith(("4.", "Try it 1")))
    taster = next(plan for plan in timings.plans(ROOT) if plan.name == "45-minute taster")
    step = next(step for step in taster.sessions[0].steps if step.slug == "01_what_is_deepfake")
    assert step.minutes == kept
    headings = [text for _, text in timings.headings(ROOT, "01_what_is_deepfake")]
    section_4 = next(text for text in headings if text.startswith("4. "))
    try_it_1, try_it_2 = (next(text for text in headings if text.startswith(f"Try it {n}")) for n in (1, 2))
    assert f"skip *{section_4}* (with *{try_it_2}*)" in step.text and f"set as homework *{try_it_1}*" in step.text


def test_a_plan_that_names_a_section_the_lesson_lacks_fails_the_build(monkeypatch):
    from realorfake.course import timings

    broken = timings.PlanSpec("broken", "", (timings.SessionSpec(45, (timings.Part("01_what_is_deepfake", 60, skip=("12",)),)),))
    monkeypatch.setattr(timings, "PLANS", (broken,))
    with pytest.raises(ValueError, match="no row for section 12|no section '12'"):
        timings.plans(ROOT)
    monkeypatch.setattr(timings, "PLANS", (timings.PlanSpec("broken", "", (timings.SessionSpec(45, (timings.Part("01_what_is_deepfake", 50),)),)),))
    with pytest.raises(ValueError, match="no 50-minute column"):
        timings.plans(ROOT)


def test_a_skipped_exercise_stops_nothing():
    """The plans skip Try its; the guide says Run All goes on past one: each answer sits inside a function, and no later cell
    needs it (only its own check, which says "not written yet")."""
    import ast

    from realorfake.course import build

    checked = 0
    for solution in SOLUTIONS:
        cells = [cell for cell in nbformat.read(solution, as_version=4).cells if cell.cell_type == "code"]
        for index, cell in enumerate(cells):
            begins = [match for match in map(build.BEGIN_CODE.match, cell.source.splitlines()) if match]
            if not begins:
                continue
            assert all(match.group("indent") for match in begins), f"{solution.parent.name}: an answer outside a function: its stub would stop Run All"
            defined = {node.name for node in ast.parse(cell.source).body if isinstance(node, ast.FunctionDef)}
            check = 0 if "checks." in cell.source else 1  # the check is in the same cell, or the next one
            for later in cells[index + 1 + check :]:
                try:
                    used = {node.id for node in ast.walk(ast.parse(later.source)) if isinstance(node, ast.Name)}
                except SyntaxError:  # an IPython magic: read it as text
                    used = set(re.findall(r"\b\w+\b", later.source))
                assert not defined & used, f"{solution.parent.name}: a later cell uses {sorted(defined & used)}, an exercise's answer"
            checked += 1
    assert checked >= 20


def test_no_plan_uses_a_lesson_that_does_not_exist():
    from realorfake.course import timings

    existing = {slug[:2] for slug in timings.lesson_minutes(ROOT)}
    text = timings.guide_section(ROOT)
    for number in re.findall(r"Lessons? (\d\d)", text):
        assert number in existing, f"a plan uses Lesson {number}, which is not written yet"


@pytest.mark.parametrize("guide", sorted(ROOT.glob("docs/facilitator/lesson*.md")), ids=lambda p: p.name)
def test_each_lessons_timing_table_sums_to_its_columns(guide):
    lines = guide.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Section |"))
    columns = [int(m.group(1)) for m in (re.match(r"\s*(\d+) min", cell) for cell in lines[start].split("|")[2:-1]) if m]
    totals = [0] * len(columns)
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        for index, cell in enumerate(line.split("|")[2:-1]):
            found = re.match(r"\s*(\d+)", cell)
            totals[index] += int(found.group(1)) if found else 0
    assert totals == columns, f"{guide.name}: the columns add up to {totals}, the headings say {columns}"


def test_the_guide_quotes_no_run_time_of_its_own():
    """Run times live in one measured table (run_times.json); the lesson notes do not quote their own."""
    for guide in sorted(ROOT.glob("docs/facilitator/lesson*.md")):
        assert not re.search(r"in (about \d+|a few) seconds", guide.read_text(encoding="utf-8")), guide.name


#: Claims stronger than the evidence the lessons show (a clue is a reason to look closer, not proof).
OVERCLAIMS = (r"than any real", r"than a real face ever", r"always (?:a )?fake", r"proves? (?:that )?it is (?:a )?fake", r"\(real\)\"?: still")


@pytest.mark.parametrize("path", SOLUTIONS + sorted((ROOT / "src" / "realorfake" / "course" / "checks").glob("*.py")), ids=lambda p: p.name)
def test_claims_are_as_careful_as_the_course(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    for claim in OVERCLAIMS:
        assert not re.search(claim, text, re.IGNORECASE), f"{path.name} claims: {re.search(claim, text, re.IGNORECASE).group(0)}"


def test_lesson_04s_travelled_round_hides_its_answers_in_the_package():
    lesson = "\n".join(c.source for c in nbformat.read(ROOT / "solutions/04_spotting_artifacts/04_spotting_artifacts.ipynb", as_version=4).cells)
    assert "QuizItem(" not in lesson  # no answer written out in a cell above the question
    round_ = spot_it_questions.travelled_round()
    assert [item.is_fake for item in round_.items] == [True, False, True]
    assert not label.has_badge(round_.shown_image())  # covered until the vote
    # the reveal outlines the swapped face, inside the shrunk picture, as the warm-up quiz does
    for item in (round_.items[0], round_.items[2]):
        x, y, w, h = item.where
        assert 0 <= x and 0 <= y and x + w <= item.image.shape[1] and y + h <= item.image.shape[0] and w >= 20


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_every_lesson_with_widgets_says_how_to_bring_them_back(path):
    """A reopened lesson shows 'model not found' in its widget cells; the lesson says to run the cell again."""
    notebook = nbformat.read(path, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    if not re.search(r"widgets|warmup_quiz|Explorer|Comparer|magnifier|spot_it", code):
        pytest.skip("no widget in this lesson")
    text = " ".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "model not found" in text and "run its cell" in text.replace("run the cell", "run its cell")


def test_each_guides_spot_it_answer_is_the_one_the_widget_gives():
    """Lesson 01's guide once named A as the fake while the widget's answer was B: a teacher would read out the wrong answer."""
    import json
    import re

    from conftest import ROOT
    from realorfake.course import spot_it_questions

    checked = 0
    for solution in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        code = "\n".join("".join(cell["source"]) for cell in json.loads(solution.read_text())["cells"] if cell["cell_type"] == "code")
        for name, seed in re.findall(r"spot_it_questions\.(spot_the_\w+)\(seed=(\d+)\)", code):
            guide = (ROOT / "docs" / "facilitator" / f"lesson{solution.parent.name[:2]}.md").read_text(encoding="utf-8")
            said = re.findall(rf"[Ww]ith `seed={seed}` the [^*]*?\*\*([AB])\*\*", guide)
            assert said, f"lesson{solution.parent.name[:2]}.md gives no answer for its Spot it ({name}, seed={seed})"
            assert said == [getattr(spot_it_questions, name)(seed=int(seed)).answer], f"lesson{solution.parent.name[:2]}.md: Spot it answer {said}"
            checked += 1
    assert checked >= 4


def _copied_code(hint: str, solution: list[str], length: int = 20) -> str | None:
    """A whole line of the solution's code (at least ``length`` characters) that ``hint`` contains word for word, else None."""
    words = " ".join(hint.split())
    for line in solution:
        code = " ".join(line.split())
        if len(code) >= length and not code.startswith("#") and code in words:
            return code
    return None


def test_no_hint_hands_over_the_answers_code():
    """Hints once were the answer line by line (Lesson 03 Try it 1 and 3, Lesson 04 ELA): they now guide instead."""
    import json

    from conftest import ROOT
    from realorfake.course import build

    assert _copied_code("again = data.jpeg(image, quality) is the image", ["    again = data.jpeg(image, quality)"])  # the old ELA hint is caught
    problems = []
    for solution in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(solution.read_text())["cells"]:
            lines = "".join(cell["source"]).splitlines()
            inside, hints, code = False, [], []
            for line in lines:
                if build.BEGIN_CODE.match(line):
                    inside, hints, code = True, [], []
                elif build.END_CODE.match(line):
                    inside = False
                    problems += [f"{solution.parent.name}: {piece!r}" for hint in hints if (piece := _copied_code(hint, code))]
                elif inside:
                    match = build.HINT.match(line)
                    (hints if match else code).append(match.group("text") if match else line)
    assert not problems, problems


def test_every_widget_cell_runs_on_its_own_after_the_lesson_is_reopened():
    """Re-running the explorer's cell after reopening a lesson raised NameError: its import was ten cells above."""
    import ast
    import json

    from conftest import ROOT

    widget_call = re.compile(r"(LandmarkExplorer|FaceUploader|BlendComparer|ArtifactMagnifier|OwnPhotoSwap|GameShow|warmup_quiz|spot_it_questions\.\w+)\(")
    checked = 0
    for solution in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(solution.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or not widget_call.search(source):
                continue
            tree = ast.parse(source)
            imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
            assigned = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign) for target in node.targets if isinstance(target, ast.Name)}
            used = {node.value.id for node in ast.walk(tree) if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)}
            missing = used - imported - assigned - {"plt", "np"}
            assert not missing, f"{solution.parent.name}: the widget cell uses {sorted(missing)} without importing them:\n{source}"
            assert "run this cell again" in source, f"{solution.parent.name}: the widget cell does not say how to bring it back"
            checked += 1
    assert checked >= 10
