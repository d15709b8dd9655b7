"""The registry of the course's fake makers, so that tests can prove every one labels its output.

Each module that makes fakes registers one default example per generator with
the :func:`example` decorator, naming the generator and the ``label.METHODS``
entry its output is saved under::

    @example("morph", method="morph")
    def _example_morph():
        return morph(portrait("hopper"), portrait("collins"))

:func:`examples` lists what is registered. Importing :mod:`realorfake.fakes`
registers every generator of the package's fakes layer; the lessons' own
pictures (:mod:`realorfake.course.gallery`) register theirs the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import CourseError
from ..label import method_info


@dataclass(frozen=True)
class Example:
    """One registered generator: its name, the label method of its output, and a maker of a default example.

    ``make()`` returns an RGB uint8 image (H, W, 3) or a ``Clip``; either must
    carry the SYNTHETIC badge.
    """

    name: str
    method: str
    make: Callable[[], Any]
    module: str


_REGISTERED: dict[str, Example] = {}


def example(name: str, *, method: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Decorator: register the decorated function as the default example of generator ``name``.

    ``method`` must be a key of ``label.METHODS`` (``UnknownName`` otherwise).
    Registering a second, different function under the same name raises
    ``CourseError``; the function itself is returned unchanged.
    """
    method_info(method)

    def register(make: Callable[[], Any]) -> Callable[[], Any]:
        entry = Example(name, method, make, make.__module__)
        known = _REGISTERED.get(name)
        if known is not None and (known.module, known.make.__qualname__) != (entry.module, make.__qualname__):
            raise CourseError(f"Two generators are registered as {name!r}: in {known.module} and in {entry.module}.")
        _REGISTERED[name] = entry
        return make

    return register


def examples() -> dict[str, Example]:
    """Every registered generator by name (a copy: changing it changes nothing)."""
    return dict(_REGISTERED)
