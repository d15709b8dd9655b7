"""The repository keeps its promises: layout, one set of pins, clean generated notebooks, licences."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nbformat
import pytest

from conftest import committed_text
from realorfake import data
from realorfake.course import build

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*/*.ipynb")) + sorted((ROOT / "lessons").glob("*/*.ipynb"))
#: The fixed lesson slugs of the course guide; solutions/ may hold only these.
COURSE_SLUGS = [
    "01_what_is_deepfake",
    "02_faces_as_data",
    "03_make_a_face_swap",
    "04_spotting_artifacts",
    "05_train_a_detector",
    "06_the_game",
    "07_verify_like_a_pro",
]
LESSON_SLUGS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())


def _pins_from_pyproject() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return dict(dep.split("==") for dep in deps)


def test_layout_of_the_course_guide():
    for path in [
        "README.md",
        "Makefile",
        "pyproject.toml",
        "environment.yml",
        ".ci/run",
        "data/MANIFEST",
        "data/my_photos/README.md",
        "docs/facilitator/README.md",
        "docs/facilitator/consent-form.md",
        "src/realorfake/faces.py",
        "src/realorfake/data.py",
        "src/realorfake/images.py",
        "src/realorfake/label.py",
        "src/realorfake/fakes/__init__.py",
        "src/realorfake/forensics/__init__.py",
        "src/realorfake/show/__init__.py",
        "src/realorfake/widgets/__init__.py",
        "src/realorfake/course/build.py",
        "src/realorfake/course/checks",
    ]:
        assert (ROOT / path).exists(), path
    assert set(LESSON_SLUGS) <= set(COURSE_SLUGS) and LESSON_SLUGS[:2] == COURSE_SLUGS[:2]
    for slug in LESSON_SLUGS:
        assert (ROOT / "solutions" / slug / f"{slug}.ipynb").exists()
        assert (ROOT / "lessons" / slug / f"{slug}.ipynb").exists()


def test_every_dependency_is_pinned_exactly_and_torch_is_the_cpu_pin():
    pins = _pins_from_pyproject()
    assert pins["torch"] == "2.13.0"
    assert "torchvision" not in pins and "opencv-python" not in pins
    assert pins["opencv-python-headless"].startswith("4.")
    assert pins["jupyterlab"].startswith("4.") and pins["ipywidgets"].startswith("8.")


def test_environment_yml_pins_equal_pyproject():
    lines = (ROOT / "environment.yml").read_text().splitlines()
    pip_pins = dict(line.strip()[2:].split("==") for line in lines if re.match(r"^\s+- [A-Za-z0-9_.-]+==", line))
    assert pip_pins == _pins_from_pyproject()


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci/run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make lab") < readme.index("environment.yml")
    assert "make test" in readme[: readme.index("environment.yml")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_committed_notebooks_carry_no_outputs(path):
    notebook = nbformat.reads(committed_text(path), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


GUIDE = ROOT / "docs" / "facilitator"


def _committed_course(tmp_path: Path) -> Path:
    """A copy of the course as git holds it: the notebooks and the facilitator guide (its pages and run times)."""
    for path in [*NOTEBOOKS, *sorted(GUIDE.glob("*.md")), *sorted(GUIDE.glob("*.json"))]:
        copy = tmp_path / path.relative_to(ROOT)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(committed_text(path), encoding="utf-8")
    return tmp_path


def test_lessons_are_in_sync_with_solutions(tmp_path):
    """The committed learner copies, the guide's plans and every answer key are what `make lessons` makes of the committed solutions."""
    course = _committed_course(tmp_path)
    stale = build.build(course, check=True) + build.update_docs(course, check=True)
    assert stale == [], f"{[str(p.relative_to(course)) for p in stale]}: a developer changed solutions/ without `make lessons` (it rewrites lessons/: never run it over learners' work)"


@pytest.mark.parametrize("slug", sorted(p.name for p in (ROOT / "lessons").iterdir() if p.is_dir()))
def test_every_lesson_is_covered_by_the_facilitator_guide(slug):
    """Each lesson in lessons/ has its notes: objectives, materials, timing, discussion notes, and the answer key of its current solutions."""
    from realorfake.course import answers

    notes = GUIDE / f"lesson{slug[:2]}.md"
    assert notes.exists(), f"lessons/{slug} has no facilitator notes: write docs/facilitator/{notes.name}"
    text = committed_text(notes)
    for heading in ("## Objectives", "## Materials", "## Timing", "## Discussion notes"):
        assert re.search(rf"^{heading}", text, re.M), f"{notes.name} has no '{heading}' section"
    assert re.search(r"^\| Section \|", text, re.M), f"{notes.name}: its Timing section has no timing table"
    assert answers.BEGIN in text and answers.END in text, f"{notes.name} has no generated answer key"
    block = text[text.index(answers.BEGIN) : text.index(answers.END) + len(answers.END)]
    solution = ROOT / "solutions" / slug / f"{slug}.ipynb"
    assert block == answers.answers_block(ROOT, solution), f"{notes.name}: its answer key is not what the current solutions give: run `make lessons` (it rewrites lessons/: not over learners' work)"
    found = answers.answers(nbformat.reads(committed_text(solution), as_version=4))
    assert found and all(f"### {answer.title}" in block for answer in found)
    code = {line.strip() for answer in found for kind, part in answer.parts if kind == "python" for line in part.splitlines() if len(line.strip()) >= 20}
    copied = [line for line in text.replace(block, "").splitlines() if line.strip() in code]
    assert not copied, f"{notes.name} has answer code copied by hand outside its generated block (it would drift): {copied}"


def test_the_answer_key_check_fails_when_a_solution_changes(tmp_path, capsys):
    """The check bites: a solution changed without `make lessons` leaves a stale answer key, which --check reports."""
    course = _committed_course(tmp_path)
    assert build.main(["--root", str(course), "--check"]) == 0
    solution = course / "solutions" / "02_faces_as_data" / "02_faces_as_data.ipynb"
    text = solution.read_text(encoding="utf-8")
    assert "return image.mean(axis=(0, 1))" in text
    solution.write_text(text.replace("return image.mean(axis=(0, 1))", "return image.mean(axis=(1, 0))"), encoding="utf-8")
    capsys.readouterr()
    assert build.main(["--root", str(course), "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == ["out of sync: docs/facilitator/lesson02.md"]
    assert build.main(["--root", str(course)]) == 0  # make lessons writes the new answer into the notes
    assert "return image.mean(axis=(1, 0))" in (course / "docs" / "facilitator" / "lesson02.md").read_text(encoding="utf-8")


def test_repository_checks_read_what_git_holds_not_a_teachers_saved_copy(tmp_path):
    """After a teacher ran and saved the lessons, make test failed on their outputs and answers: the checks now read git's copy."""
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    lesson = tmp_path / "lessons" / "01.ipynb"
    lesson.parent.mkdir()
    lesson.write_text("as committed", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    lesson.write_text("saved by JupyterLab with outputs and answers", encoding="utf-8")
    assert committed_text(lesson, tmp_path) == "as committed"
    (tmp_path / "new.txt").write_text("not in git yet", encoding="utf-8")
    assert committed_text(tmp_path / "new.txt", tmp_path) == "not in git yet"  # a file git does not hold is read as it is


@pytest.mark.parametrize("slug", LESSON_SLUGS)
def test_lessons_follow_the_template(slug):
    notebook = nbformat.reads(committed_text(ROOT / "lessons" / slug / f"{slug}.ipynb"), as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells)
    header = notebook.cells[0].source
    badge = f"https://colab.research.google.com/github/{build.GITHUB_REPOSITORY}/blob/main/lessons/{slug}/{slug}.ipynb"
    assert f"[Open in Colab]({badge})" in header  # a text link: an image badge shows broken offline
    assert "colab-badge.svg" not in header
    assert re.search(r"objectives", header, re.I) and re.search(r"\d+\s*min", header)
    first_code = next(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "google.colab" in first_code and build.GITHUB_REPOSITORY in first_code and "rof.setup(" in first_code
    for part in ("Try it", "Discuss", "Key points"):
        assert part in text, f"{slug} has no '{part}' section"
    assert text.count("raise NotImplementedError") >= (2 if slug == "01_what_is_deepfake" else 3)


def test_manifest_lists_every_bundled_image_and_data_file():
    manifest = (ROOT / "data" / "MANIFEST").read_text()
    names = set(re.findall(r"^name: (\S+)", manifest, re.M))
    assert set(data.PORTRAITS) | set(data.PHOTOS) | {"lfw_subset", "shape_predictor_68_face_landmarks.dat"} <= names
    assert "300-W" in manifest and "commercial" in manifest
    for path in (ROOT / "data").rglob("*"):
        rel = path.relative_to(ROOT / "data")
        if path.is_file() and rel.parts[0] not in ("cache", "my_photos") and path.name != "MANIFEST":
            assert path.name in names, f"data/{rel} is not in data/MANIFEST"


def test_private_folders_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text()
    assert "data/my_photos/*" in ignored and "data/cache/" in ignored and ".realorfake/" in ignored
