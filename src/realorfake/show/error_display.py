"""A course error raised in a notebook cell, shown as its message and the learner's own line, not a traceback.

When a learner calls the package with input it cannot use (a photo with no
face, a JPEG quality of 0), the package raises a :class:`~realorfake.errors.CourseError`
whose message already says what happened and what to do. IPython would print
it under twenty frames of the package's insides, and the learner's own line,
the one to change, would be lost among them. :func:`install` asks IPython to
show these errors short instead: the error's name and message, the line of the
learner's code that led to it, and how to see the full traceback (``%tb``).
The cell still ends in an error, so "Run All" stops there as before.

Show layer: imports only the core (errors, text).
"""

from __future__ import annotations

import sys
import sysconfig
import traceback
from pathlib import Path

from ..errors import CourseError
from ..text import fit_lines

_PACKAGE = Path(__file__).resolve().parents[1]
_LIBRARIES = {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")}

_RED, _BOLD, _RESET = "\x1b[31m", "\x1b[1m", "\x1b[0m"


def _is_learners(filename: str) -> bool:
    """True for code a learner wrote: a notebook cell or their own file, not the package, Python or a library."""
    if filename.startswith("<") and not filename.startswith("<ipython-input"):
        return False  # <frozen ...>, <string>: nothing to show
    path = Path(filename).resolve()
    return not any(path.is_relative_to(root) for root in (_PACKAGE, *_LIBRARIES))


def short_report(error: BaseException) -> list[str]:
    """The lines (str, with ANSI colours as IPython uses) that stand for ``error``'s traceback.

    The first line is ``<ErrorName>: <message>``; then, when the error came
    through a learner's code, the last such line (``in your code, line N: ...``);
    then how to see the whole traceback. Works for any exception, but is
    installed only for :class:`CourseError`.
    """
    name = type(error).__name__
    head = fit_lines(f"{name}: {error}")  # wrapped at words: JupyterLab would break a long line anywhere
    lines = [f"{_RED}{_BOLD}{name}{_RESET}{head[len(name) :]}"]
    theirs = [frame for frame in traceback.extract_tb(error.__traceback__) if _is_learners(frame.filename)]
    if theirs:
        frame = theirs[-1]
        code = (frame.line or "").strip()
        lines.append(f"  in your code, line {frame.lineno}: {code}" if code else f"  in your code, line {frame.lineno}")  # code as written
    lines.append("")
    lines.append(fit_lines("This is the course telling you what went wrong, not a crash: nothing is lost. Change the line above and run the cell again."))
    lines.append("(To see every step that led here, run %tb in a new cell.)")
    return lines


def _handler(shell, etype, value, tb, tb_offset=None) -> None:
    """IPython's custom exception handler: show the short report as the cell's error, keep the whole one for ``%tb``.

    IPython shows nothing itself for a custom exception, so the report goes out
    through the shell's own error display (in Jupyter, an error output with the
    error's name and message, so Run All stops there as before).
    """
    if value.__traceback__ is None:
        value = value.with_traceback(tb)
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # what %tb shows
    sys.last_exc = value
    shell._showtraceback(etype, value, short_report(value))


def install(shell) -> None:
    """Show every :class:`CourseError` raised in ``shell``'s cells (an IPython InteractiveShell) as :func:`short_report`."""
    shell.set_custom_exc((CourseError,), _handler)
