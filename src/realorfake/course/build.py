"""Write the learner copies in lessons/ from the full notebooks in solutions/.

solutions/ is the source of truth. For each ``solutions/NN_slug/NN_slug.ipynb`` this
writes ``lessons/NN_slug/NN_slug.ipynb`` where

* code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes a stub: the
  block's ``# HINT:`` lines are kept (wrapped to the cell's width) and a short
  ``raise NotImplementedError(STUB_MESSAGE)`` takes the place of the answer (the
  checks read the hints from the comments above it);
* markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` is removed;
* cells tagged ``solution`` are dropped;
* outputs, execution counts and transient metadata are stripped.

It also writes the facilitator guide's generated parts (:func:`update_docs`): the
session plans and lesson times in ``docs/facilitator/README.md``
(:mod:`~realorfake.course.timings`) and each lesson's answer key in
``docs/facilitator/lessonNN.md`` (:mod:`~realorfake.course.answers`).

Run ``python -m realorfake.course.build`` (or ``make lessons``); ``--check`` exits 1 and
lists the files that differ instead of writing them.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import re
import sys
import textwrap
from pathlib import Path

import nbformat

from . import timings

#: The public repository the Colab badges and the Colab install line point at.
GITHUB_REPOSITORY = "real-or-fake/course"

BEGIN_CODE = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION\s*$")
END_CODE = re.compile(r"^[ \t]*# END SOLUTION\s*$")
HINT = re.compile(r"^[ \t]*# HINT:\s*(?P<text>.*)$")
MARKDOWN_BLOCK = re.compile(r"\n?<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.DOTALL)
DEFAULT_HINT = "Write your code here, then run the check below."
#: What a stub with hints raises: the hints stay in the comments just above, once.
STUB_MESSAGE = "Not written yet: your code replaces this line."
#: Hint lines in learner copies are wrapped to this many characters (a notebook cell shows about 90).
HINT_WIDTH = 88
#: The name ``make setup`` registers the course's kernel under (the Makefile passes the same text).
KERNEL_DISPLAY_NAME = "Python 3 (Real or Fake?)"


def notebook_metadata() -> dict:
    """The notebook metadata JupyterLab writes when the course's kernel starts (kernelspec and language_info).

    A lesson that carries exactly this opens unchanged: JupyterLab marks a
    notebook as modified when its kernel reports other metadata, and then asks
    the learner whether to save a lesson they never touched. ``version`` is this
    interpreter's (the one ``make lab`` runs); the sync check ignores it.
    """
    return {
        "kernelspec": {"display_name": KERNEL_DISPLAY_NAME, "language": "python", "name": "python3"},
        "language_info": {
            "codemirror_mode": {"name": "ipython", "version": 3},
            "file_extension": ".py",
            "mimetype": "text/x-python",
            "name": "python",
            "nbconvert_exporter": "python",
            "pygments_lexer": "ipython3",
            "version": platform.python_version(),
        },
    }


class BuildError(ValueError):
    """A solution notebook is malformed (unbalanced markers)."""


#: Short pieces of code in a hint that a wrapped line must not split: `...`, (...) and {...}[...] up to 40 characters.
_KEEP_WHOLE = re.compile(r"`[^`\n]+`|\([^()\n]{1,40}\)|\{[^{}\n]{1,40}\}(?:\[[^\]\n]*\])?")


def wrap_hint(hint: str, width: int) -> list[str]:
    """``hint`` (str) as lines of at most ``width`` characters, broken at spaces but never inside a short piece of code.

    ``(n // 2, n // 2)`` or ``{"A": "...", "B": ...}[case]`` stay on one line,
    so a learner reads them as code. Returns [""] for an empty hint.
    """
    glue = "\x00"
    protected = _KEEP_WHOLE.sub(lambda found: found.group(0).replace(" ", glue), hint)
    lines = textwrap.wrap(protected, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [line.replace(glue, " ") for line in lines]


def stub_code(source: str, where: str = "a cell") -> str:
    """Replace every solution block in a code cell's source with a NotImplementedError stub."""
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    for number, line in enumerate(source.splitlines(), start=1):
        begin = BEGIN_CODE.match(line)
        if begin:
            if block is not None:
                raise BuildError(f"{where}, line {number}: BEGIN SOLUTION inside another solution block.")
            block, indent = [], begin.group("indent")
            continue
        if END_CODE.match(line):
            if block is None:
                raise BuildError(f"{where}, line {number}: END SOLUTION without BEGIN SOLUTION.")
            hints = [m.group("text").strip() for m in map(HINT.match, block) if m]
            for hint in hints:  # wrapped, so that every hint is readable without scrolling
                lines = wrap_hint(hint, HINT_WIDTH - len(indent) - len("# HINT: "))
                out.append(f"{indent}# HINT: {lines[0]}")
                out.extend(f"{indent}#       {line}" for line in lines[1:])
            # Short, so that it fits the cell: the check's "not written yet" reads the hints from the comments above it.
            message = STUB_MESSAGE if hints else DEFAULT_HINT
            out.append(f"{indent}raise NotImplementedError({message!r})")
            block = None
            continue
        if block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise BuildError(f"{where}: BEGIN SOLUTION without END SOLUTION.")
    return "\n".join(out)


def strip_markdown(source: str) -> str:
    """Remove markdown solution blocks."""
    if source.count("<!-- BEGIN SOLUTION -->") != source.count("<!-- END SOLUTION -->"):
        raise BuildError("Unbalanced <!-- BEGIN/END SOLUTION --> markers in a markdown cell.")
    return MARKDOWN_BLOCK.sub("\n", source).strip("\n")


def learner_copy(notebook: nbformat.NotebookNode, where: str = "notebook") -> nbformat.NotebookNode:
    """The learner version of a solution notebook (a new object; the input is not changed).

    Cells tagged "solution" are dropped; code between ``# BEGIN SOLUTION`` and
    ``# END SOLUTION`` becomes a stub with the hints; markdown answers between
    ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` are removed, and a
    markdown cell left empty by that is dropped. Outputs are cleared.
    """
    lesson = copy.deepcopy(notebook)
    cells = []
    for index, cell in enumerate(lesson.cells):
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.source = stub_code(cell.source, f"{where}, cell {index}")
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = strip_markdown(cell.source)
            if not cell.source.strip():
                continue  # a cell that held only the answer: no empty cell for the learner
        cells.append(cell)
    lesson.cells = cells
    lesson.metadata = nbformat.from_dict(notebook_metadata())
    return lesson


def render(notebook: nbformat.NotebookNode) -> str:
    """Serialise a notebook the same way every time (stable diffs)."""
    return nbformat.writes(notebook, version=4) + "\n"


def same_lesson(current: str | None, expected: str) -> bool:
    """Whether a learner copy on disk equals the expected one, apart from the Python version in its metadata."""
    if current is None:
        return False
    if current == expected:
        return True
    try:
        notebook = json.loads(current)
        notebook["metadata"]["language_info"]["version"] = platform.python_version()
    except (ValueError, KeyError, TypeError):
        return False
    return render(nbformat.from_dict(notebook)) == expected


def solution_notebooks(root: Path) -> list[Path]:
    """All solutions/NN_slug/NN_slug.ipynb under the course root, in lesson order."""
    return sorted(p for p in (root / "solutions").glob("*/*.ipynb") if p.stem == p.parent.name)


def lesson_path(root: Path, solution: Path) -> Path:
    """Where the learner copy of ``solution`` lives: lessons/NN_slug/NN_slug.ipynb under ``root``."""
    return root / "lessons" / solution.parent.name / solution.name


def build(root: Path, check: bool = False) -> list[Path]:
    """Write (or with ``check`` only compare) every learner copy; returns the paths that differ(ed)."""
    differing = []
    for solution in solution_notebooks(root):
        notebook = nbformat.read(solution, as_version=4)
        expected = render(learner_copy(notebook, str(solution.relative_to(root))))
        target = lesson_path(root, solution)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if not same_lesson(current, expected):
            differing.append(target)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(expected, encoding="utf-8")
    if (root / "lessons").is_dir():
        wanted = {lesson_path(root, s) for s in solution_notebooks(root)}
        for stray in sorted((root / "lessons").glob("*/*.ipynb")):
            if stray not in wanted and ".ipynb_checkpoints" not in stray.parts:
                differing.append(stray)
                if not check:  # its solution is gone: the generated copy goes too
                    stray.unlink()
    return differing


def update_docs(root: Path, check: bool = False) -> list[Path]:
    """Write (or with ``check`` only compare) the facilitator guide's generated parts; returns the files that differ(ed).

    Every lesson's answer key (``docs/facilitator/lessonNN.md``, from its solution
    notebook) and the plans and times in ``docs/facilitator/README.md`` (when it has
    their markers). ``BuildError`` or ``ValueError`` when a part cannot be made.
    """
    from . import answers  # it imports this module

    differing = answers.update_guides(root, check=check)
    guide = root / "docs" / "facilitator" / "README.md"
    if guide.exists() and timings.BEGIN in guide.read_text(encoding="utf-8") and timings.update_guide(root, check=check):
        differing.append(guide)
    return differing


def main(argv: list[str] | None = None) -> int:
    """Command line: write the learner copies (exit 0), or with ``--check`` exit 1 when they are out of date, 2 on a malformed solution."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report lessons that are out of sync")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (default: here)")
    args = parser.parse_args(argv)
    try:
        differing = build(args.root, check=args.check)
        differing += update_docs(args.root, check=args.check)
    except ValueError as error:  # BuildError is one
        print(f"build: {error}", file=sys.stderr)
        return 2
    for path in differing:
        rel = path.relative_to(args.root)
        print(f"{'out of sync' if args.check else 'wrote'}: {rel}")
    if args.check and differing:
        print(
            "lessons/ or the facilitator guide's generated parts (plans, answer keys) are out of sync with solutions/: run `make lessons`. "
            "It rewrites every file in lessons/: a learner's work there is lost, so keep learners' copies elsewhere.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
