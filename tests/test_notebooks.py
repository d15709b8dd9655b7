"""Every solution notebook runs clean, and every learner copy runs with only its exercise stubs
unanswered, each in a fresh kernel with the network blocked, within the memory budget."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from conftest import committed_text
from realorfake.course.build import STUB_MESSAGE, solution_notebooks
from realorfake.course.notebooks import execute

ROOT = Path(__file__).resolve().parents[1]
NETBLOCK = Path(__file__).parent / "netblock"
SOLUTIONS = solution_notebooks(ROOT)
LESSONS = [ROOT / "lessons" / p.parent.name / p.name for p in SOLUTIONS]
PEAK_MB_BUDGET = 1536  # Binder gives 2 GB; a lesson may use at most 1.5 GB


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(NETBLOCK), os.environ.get("PYTHONPATH", "")])),
        "REALORFAKE_PROGRESS": str(tmp_path / "progress"),
        "MPLBACKEND": "agg",
    }


def _shown_text(run) -> str:
    """Everything the executed notebook displayed as text (check feedback included)."""
    return "".join(str(output.get("data", {}).get("text/plain", "")) + output.get("text", "") for cell in run.notebook.cells for output in cell.get("outputs", []))


#: Characters of a printed line a notebook's output area shows whole at 1280 px (about 110), with a margin.
MAX_PRINTED = 100


def _printed(run) -> str:
    """What the executed notebook printed (streams and plain-text results; not widgets, HTML or pictures)."""
    texts = []
    for cell in run.notebook.cells[:-1]:  # the last cell is the memory probe
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if output.get("output_type") == "stream":
                texts.append(output.get("text", ""))
            elif "text/plain" in data and not {"text/html", "image/png", "application/vnd.jupyter.widget-view+json"} & set(data):
                texts.append(str(data["text/plain"]))
    return "\n".join(texts)


def _stub_count(solution: Path) -> int:
    """How many exercises the learner copy of a solution notebook has."""
    lesson = ROOT / "lessons" / solution.parent.name / solution.name
    return sum(cell.source.count("raise NotImplementedError") for cell in nbformat.reads(committed_text(lesson), as_version=4).cells)


def _repository_files() -> set[Path]:
    skip = {".venv", ".git", "__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
    return {p for p in ROOT.rglob("*") if not skip.intersection(p.relative_to(ROOT).parts)}


def test_the_network_is_really_blocked_in_test_kernels(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import urllib.request\nurllib.request.urlopen('http://example.org', timeout=5)"),
    ]
    path = tmp_path / "net.ipynb"
    nbformat.write(notebook, path)
    run = execute(path, env=_env(tmp_path), allow_errors=True)
    assert run.errors and "network blocked" in run.errors[0][2]


@pytest.mark.notebooks
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_notebook_runs_clean(path, tmp_path):
    before = _repository_files()
    run = execute(path, env=_env(tmp_path), source=committed_text(path))
    assert run.errors == []
    shown = _shown_text(run)
    assert "✗" not in shown and "✎" not in shown, "a solution does not pass its own check"
    # JupyterLab breaks a printed line wider than the output area inside words ("movemen ts")
    long = [line for line in _printed(run).splitlines() if len(line) > MAX_PRINTED]
    assert long == [], f"printed lines wider than a notebook's output: {long}"
    # a reopened lesson shows "model not found" where a widget was: each such cell says how to bring it back
    silent = [
        cell.source.splitlines()[0]
        for cell in run.notebook.cells
        if any("application/vnd.jupyter.widget-view+json" in output.get("data", {}) for output in cell.get("outputs", [])) and "run this cell again" not in cell.source
    ]
    assert silent == [], f"widget cells that do not say 'run this cell again': {silent}"
    assert shown.count("✓") >= _stub_count(path), "every exercise's check must pass on the solution"
    assert run.peak_mb < PEAK_MB_BUDGET, f"{path.name} peaked at {run.peak_mb:.0f} MB"
    assert _repository_files() == before, "the notebook wrote files into the repository"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_notebook_runs_with_only_stub_errors(path, tmp_path):
    run = execute(path, env=_env(tmp_path), allow_errors=True, source=committed_text(path))  # a teacher's saved answers break nothing
    unexpected = [e for e in run.errors if e[1] != "NotImplementedError"]
    assert unexpected == [], f"errors other than exercise stubs: {unexpected}"
    assert run.peak_mb < PEAK_MB_BUDGET
    # each unfinished exercise is reported by its check as "not written yet"
    stubs = sum(cell.source.count("raise NotImplementedError") for cell in run.notebook.cells if cell.cell_type == "code")
    assert _shown_text(run).count("is not written yet") >= stubs > 0
    # ... with the stub's hints, read from the comments above its raise line (the raise itself is short)
    assert STUB_MESSAGE not in _shown_text(run), "a check showed the stub's message instead of its hints"
