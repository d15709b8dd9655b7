"""The verdict of a check and the helpers every lesson's checks share.

A check calls the learner's function through :func:`call`, which turns "not
written yet" (``NotImplementedError``) and crashes into feedback; the
:func:`check` decorator makes sure a check never raises.
"""

from __future__ import annotations

import html
import linecache
import re
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...show.messages import GOOD, NOTE, PROBLEM, message_box


@dataclass
class Feedback:
    """The verdict of one check: passed or not, a headline and details."""

    passed: bool
    message: str
    details: list[str] = field(default_factory=list)
    done: bool = True  # False while the exercise is still the NotImplementedError stub

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        mark = "✓" if self.passed else ("✎" if not self.done else "✗")
        lines = [f"{mark} {self.message}"] + [f"   • {d}" for d in self.details]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        color = GOOD if self.passed else (NOTE if not self.done else PROBLEM)
        mark = "✓" if self.passed else ("✎" if not self.done else "✗")
        items = "".join(f"<li>{_with_code(d)}</li>" for d in self.details)
        text = f"<b>{mark} {html.escape(self.message)}</b>" + (f"<ul style='margin:2px 0'>{items}</ul>" if items else "")
        return message_box(text, color)


def _with_code(text: str) -> str:
    """``text`` escaped for HTML, with `backticked` parts shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def _sentence(text: str) -> str:
    """A hint line as a sentence: stripped, with a capital first letter when it starts with a word, not with code."""
    text = text.strip()
    if re.match(r"[a-z]+\s(?!\s*=)", text) and not re.match(r"[a-z]+\s*=", text):
        return text[:1].upper() + text[1:]
    return text


def passed(message: str, *details: str) -> Feedback:
    """A passing verdict."""
    return Feedback(True, message, list(details))


def failed(message: str, *details: str) -> Feedback:
    """A failing verdict with what was expected, what was found, and a hint."""
    return Feedback(False, message, list(details))


def names_called(function: Callable[..., Any]) -> set[str]:
    """Every global and attribute name the function's code uses (nested functions and lambdas included)."""
    found: set[str] = set()
    stack = [getattr(function, "__code__", None)]
    while stack:
        code = stack.pop()
        if code is None:
            continue
        found.update(code.co_names)
        stack.extend(const for const in code.co_consts if hasattr(const, "co_names"))
    return found


def borrowed(function: Callable[..., Any], owners: dict[str, str]) -> Feedback | None:
    """A failing verdict when the learner's function is, or calls, the package's own answer to the exercise; else None.

    ``owners`` maps each such function's name to where it lives ("swap.face_mask").
    The exercise is to write it: a result borrowed from the package earns no
    "well done". The message says the result is right only when the function
    *is* the package's (a function that merely calls it may still be wrong).
    """
    identical = None
    for name, where in owners.items():
        if getattr(function, "__name__", None) == name and getattr(function, "__module__", "").startswith(("realorfake", "sklearn")):
            identical = where
            break
    hit = identical or next((where for name, where in owners.items() if name in names_called(function)), None)
    if hit is None:
        return None
    yours = f"Your {getattr(function, '__name__', 'function')}"
    return failed(
        f"{yours} is {hit}, the package's own answer to this exercise: the result is right, but the exercise is to write it yourself."
        if identical
        else f"{yours} calls {hit}, the package's own answer to this exercise, so the check does not mark it: the exercise is to write it yourself.",
        "Use the steps the hints describe; compare your result with " + hit + " afterwards if you like.",
    )


_HINT_LINE = re.compile(r"^#\s*HINT:\s*(?P<text>.*)$")


def stub_hints(error: BaseException) -> list[str]:
    """The ``# HINT:`` comments just above the line that raised ``error`` (an exercise stub), one str per hint.

    A hint wrapped over several comment lines comes back as one line. Reads the
    source through ``linecache``, where IPython keeps every cell; [] when the
    source cannot be read or has no hint there.
    """
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return []
    lines = linecache.getlines(frames[-1].filename)
    above = frames[-1].lineno - 2  # 0-based index of the line above the raise
    comments: list[str] = []
    while 0 <= above < len(lines) and lines[above].lstrip().startswith("#"):
        comments.insert(0, lines[above].strip())
        above -= 1
    hints: list[str] = []
    for comment in comments:
        found = _HINT_LINE.match(comment)
        if found:
            hints.append(found.group("text").strip())
        elif hints:  # a wrapped hint's next line
            hints[-1] += " " + comment.lstrip("#").strip()
    return hints


class _Stopped(Exception):
    """Internal: the learner's function could not produce a result; carries the feedback."""

    def __init__(self, feedback: Feedback):
        super().__init__(feedback.message)
        self.feedback = feedback


def call(function: Callable[..., Any], *args: Any, name: str | None = None, **kwargs: Any) -> Any:
    """Call the learner's function; turn "not done yet" and crashes into feedback (raised as _Stopped)."""
    name = name or getattr(function, "__name__", "your function")
    if not callable(function):
        raise _Stopped(failed(f"Expected a function, got {type(function).__name__}.", f"Pass the function itself: check({name}), without brackets."))
    try:
        # numpy's RuntimeWarnings (the mean of an empty selection, 0 / 0) would print above the verdict; the check judges the result instead
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            return function(*args, **kwargs)
    except NotImplementedError as error:
        # one bullet per hint of the stub: from its # HINT: comments, else (an older stub) from its message
        hints = [_sentence(line) for line in (stub_hints(error) or str(error).splitlines()) if line.strip()]
        raise _Stopped(Feedback(False, f"{name} is not written yet.", hints or ["Replace the `raise NotImplementedError` line with your code."], done=False)) from None
    except Exception as error:  # a bug in the learner's code: explain, don't crash the check
        raise _Stopped(failed(f"{name} raised {type(error).__name__}: {error}", *_where_and_why(error))) from None


#: A hint for the errors learners meet most, by exception type.
ERROR_HINTS = {
    "NameError": "A name is not defined: did you run the cell that imports it (the setup cell at the top), and spell it the same way?",
    "TypeError": "A function got something of the wrong kind or the wrong number of arguments: compare your call with the hint above the code.",
    "IndexError": "An index is past the end: remember that rows come first (image[y, x]) and counting starts at 0.",
    "ValueError": "Some value has the wrong shape or size: print the .shape of the arrays you combine.",
    "AttributeError": "That object has no such attribute or method: check its type with type(...) and the spelling.",
    "KeyError": "That key is not in the dictionary: print its keys.",
    "ZeroDivisionError": "Something divides by zero: check that what you divide by cannot be empty or 0.",
}


def _where_and_why(error: BaseException) -> list[str]:
    """The line of the learner's own code where ``error`` happened, and a hint for its kind."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if "realorfake" not in frame.filename]
    details = []
    if frames:
        last = frames[-1]
        details.append(f"It happened in {last.name}, at this line: {(last.line or '').strip()}")
    details.append(ERROR_HINTS.get(type(error).__name__, "Read the error message above; the hints above your code may help."))
    return details


def check(function: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Decorator for check functions: a _Stopped inside becomes the returned feedback."""

    def wrapper(*args: Any, **kwargs: Any) -> Feedback:
        try:
            return function(*args, **kwargs)
        except _Stopped as stop:
            return stop.feedback

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapper


def numbers(values: Any, *, flat: bool = False) -> np.ndarray | None:
    """The learner's result as a float array (flattened with ``flat=True``), or None when it is not numeric.

    ``None`` (a function that forgot to ``return``) is not numeric either.
    """
    if values is None:
        return None
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return array.ravel() if flat else array
