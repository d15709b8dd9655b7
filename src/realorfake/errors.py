"""Errors a learner can cause, each with a message that says what happened and what to do.

Every error is a :class:`CourseError`, itself a ``ValueError``, so notebooks and
widgets can catch them all with one ``except CourseError`` and show the message
instead of a traceback.

Core layer: imports nothing from the package.
"""

from __future__ import annotations


class CourseError(ValueError):
    """Base class of every error the course raises for input a learner can give."""


class UnreadableImage(CourseError):
    """The file or bytes are not an image we can decode (empty, truncated, not an image)."""


class ImageTooLarge(CourseError):
    """The image claims more pixels than is safe to decode (a possible decompression bomb)."""


class ImageTooSmall(CourseError):
    """The image (or the face in it) is too small to work with."""


class NoFaceFound(CourseError):
    """The face detector found no face in the image."""


class WrongShape(CourseError):
    """A value does not have the shape or type a function expects (an array of the wrong shape, text for a number)."""


class OutOfRange(CourseError):
    """A number is outside the range a function accepts (a JPEG quality of 0, a negative size)."""


class FaceCutOff(CourseError):
    """Too much of a face lies outside the photo (cut by its edge) to use it honestly."""


class UnknownName(CourseError):
    """A name (of a portrait, photo, region, ...) that the course does not know."""


class DataUnavailable(CourseError):
    """Optional data that needs a download is not cached and cannot be fetched (offline)."""


class BadWeights(CourseError):
    """A detector weights file that is not one the course made (another format, wrong shapes, truncated, a pickle)."""


class PackError(CourseError):
    """A game's item pack that cannot be used: a bad pack.json, a missing or unsafe file, a duplicate id."""


class ProvenanceError(CourseError):
    """Content credentials could not be made or read (no signing library, a damaged identity, a file C2PA cannot hold)."""


class GameError(CourseError):
    """A game move that the rules do not allow now (a second vote, an unknown player, a reveal too early)."""


class GameFileError(GameError):
    """A game file that is not one the course made, is damaged, or already exists where a new game would go."""


def check_number(value: object, name: str, low: float, high: float) -> float:
    """``value`` as a float if it is a number from ``low`` to ``high``.

    Raises ``WrongShape`` when it is not a number at all (text, None, True) and
    ``OutOfRange`` when it is a number outside the range (NaN included); both say
    what was expected.
    """
    import numbers

    span = f"from {_plain(low)} to {_plain(high)}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise WrongShape(f"{name} must be a number {span} (got {value!r}).")
    if not low <= value <= high:
        raise OutOfRange(f"{name} must be a number {span} (got {value!r}).")
    return float(value)


def _plain(number: float) -> str:
    """A number as a person writes it: 4294967295, not 4.29497e+09; 0.5 stays 0.5."""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"
