"""Pictures to study: the course's own fakes at several quality settings, and mystery cases.

:func:`course_fake` and :func:`examples` make the course's face swaps with a
chosen blend mode, colour correction, JPEG quality and size, each with the real
photo it was made from (for the difference view); :func:`mystery_cases` are the
five fakes of Lesson 04's "which view reveals it?" questions; :func:`pictures`
lists them for the artifact magnifier. Every fake carries the SYNTHETIC badge;
everything is cached per process and nothing touches disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import cv2
import numpy as np

from ..data import credit, jpeg, portrait, portrait_face
from ..errors import UnknownName, check_number
from ..faces import Face, largest_face
from ..fakes import swap
from ..fakes.cheapfakes import feature_paste
from ..fakes.morphing import morph
from ..fakes.registry import example as register_example
from ..label import above_badge, add_badge

__all__ = ["EXAMPLES", "Example", "MYSTERY_CASES", "course_fake", "example", "examples", "mystery_cases", "pictures"]


@dataclass
class Example:
    """A picture to inspect: a real photo or one of the course's fakes, with the real photo it came from."""

    name: str
    image: np.ndarray  # RGB uint8; fakes carry the SYNTHETIC badge
    original: np.ndarray  # the untouched real photo, processed the same way (same size and JPEG quality)
    fake: bool
    note: str = ""
    settings: dict = field(default_factory=dict)

    @property
    def picture(self) -> np.ndarray:
        """The picture above the SYNTHETIC badge (the whole image for a real photo): what forensic views study."""
        return above_badge(self.image)

    @cached_property
    def face(self) -> Face:
        """The largest face found in ``image`` (as a verifier would find it, not the one used to make the fake)."""
        return largest_face(self.image, what=self.name)


def _finish(image: np.ndarray, quality: int | None, half: bool, fake: bool) -> np.ndarray:
    """Shrink and/or JPEG-compress a picture, then (for a fake) put a crisp badge back on."""
    if half:
        image = cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2), interpolation=cv2.INTER_AREA)
    if quality is not None:
        image = jpeg(image, quality)
    return add_badge(image) if fake else image


_OTHER = {"hopper": "collins", "collins": "hopper"}


@lru_cache(maxsize=64)
def _course_fake(blend: str, color: bool, quality: int | None, half: bool, onto: str) -> Example:
    if onto not in _OTHER:
        raise UnknownName(f"onto must be 'hopper' or 'collins' (got {onto!r}).")
    swap.check_blend_mode(blend)
    source = _OTHER[onto]
    result = swap.face_swap(
        portrait(source),
        portrait(onto),
        blend=blend,
        color_correct=color,
        source_face=portrait_face(source),
        target_face=portrait_face(onto),
    )
    parts = [swap.BLEND_LABELS[blend]] + ([] if color else ["no colour fix"])
    parts += [f"JPEG {quality}"] if quality is not None else []
    parts += ["half size"] if half else []
    name = f"Fake: {source.title()} on {onto.title()}, " + ", ".join(parts)
    image = _finish(result.image, quality, half, fake=True)
    original = _finish(portrait(onto), quality, half, fake=False)
    for array in (image, original):
        array.setflags(write=False)
    settings = {"blend": blend, "color": color, "quality": quality, "half": half, "onto": onto}
    note = (
        f"{source.title()}'s face swapped onto {onto.title()}'s photo by the course (landmarks, warp, "
        f"{swap.BLEND_LABELS[blend]} blend{', colour corrected' if color else ', no colour correction'})"
        + (f", then saved as JPEG quality {quality}" if quality is not None else "")
        + (", then shrunk to half size" if half else "")
        + ". Labelled SYNTHETIC."
    )
    return Example(name, image, original, True, note, settings)


def course_fake(blend: str = "poisson", *, color: bool = True, quality: int | None = None, half: bool = False, onto: str = "hopper") -> Example:
    """One of the course's face swaps at a chosen quality, with the real photo it was made from.

    The other portrait's face goes ``onto`` Hopper's or Collins's photo with the
    ``blend`` mode of ``swap.face_swap`` (paste, feather, poisson,
    poisson_mixed), with or without colour correction; then the picture is
    optionally shrunk to half size and/or saved as JPEG at ``quality``, and the
    badge is put back on. ``original`` is the real photo through the same steps.
    Cached per process: asking twice costs nothing. The arrays are read-only.
    """
    quality = None if quality is None else int(check_number(quality, "JPEG quality", 1, 100))
    return _course_fake(blend, bool(color), quality, bool(half), onto)


@lru_cache(maxsize=8)
def _real(name: str, quality: int | None = None) -> Example:
    image = _finish(portrait(name), quality, False, fake=False)
    image.setflags(write=False)
    suffix = f", JPEG {quality}" if quality is not None else ""
    note = f"Real photo: {credit(name).subject} ({credit(name).licence})" + (f", saved again as JPEG quality {quality}" if quality else "") + "."
    return Example(f"Real: {name.title()}{suffix}", image, image, False, note, {"real": name, "quality": quality})


#: The pictures of the magnifier and the lesson: name -> settings (see :func:`example`).
EXAMPLES: dict[str, dict] = {
    "Real: Hopper": {"real": "hopper"},
    "Real: Collins": {"real": "collins"},
    "Real: Hopper, JPEG 30": {"real": "hopper", "quality": 30},
    "Fake: Collins on Hopper, paste, no colour fix": {"blend": "paste", "color": False},
    "Fake: Collins on Hopper, paste": {"blend": "paste"},
    "Fake: Collins on Hopper, feather": {"blend": "feather"},
    "Fake: Collins on Hopper, Poisson, no colour fix": {"blend": "poisson", "color": False},
    "Fake: Collins on Hopper, Poisson": {"blend": "poisson"},
    "Fake: Collins on Hopper, Poisson, JPEG 95": {"blend": "poisson", "quality": 95},
    "Fake: Collins on Hopper, Poisson, JPEG 60": {"blend": "poisson", "quality": 60},
    "Fake: Collins on Hopper, Poisson, JPEG 30": {"blend": "poisson", "quality": 30},
    "Fake: Collins on Hopper, Poisson, half size": {"blend": "poisson", "half": True},
    "Fake: Hopper on Collins, paste, no colour fix": {"blend": "paste", "color": False, "onto": "collins"},
    "Fake: Hopper on Collins, Poisson": {"blend": "poisson", "onto": "collins"},
}


def example(name: str) -> Example:
    """One of :data:`EXAMPLES` by name (cached)."""
    if name not in EXAMPLES:
        raise UnknownName(f"There is no example called {name!r}. Choose one of: {', '.join(EXAMPLES)}.")
    settings = dict(EXAMPLES[name])
    if "real" in settings:
        return _real(settings["real"], settings.get("quality"))
    return course_fake(**settings)


def examples(names: Sequence[str] | None = None) -> dict[str, Example]:
    """Several examples by name (all of :data:`EXAMPLES` by default), in order."""
    return {name: example(name) for name in (names if names is not None else EXAMPLES)}


# ----------------------------------------------------------- mystery cases

#: The letters of :func:`mystery_cases`.
MYSTERY_CASES = ("A", "B", "C", "D", "E")


def _mystery_soft() -> np.ndarray:
    """Hopper's face on Collins's photo, Poisson-blended, with the face blurred (a low-resolution generator's look)."""
    fake = course_fake("poisson", onto="collins")
    mask = swap.face_mask(portrait_face("collins").landmarks, fake.image.shape, erode=2, feather=2.0)[..., None]
    soft = cv2.GaussianBlur(np.array(fake.image), (0, 0), 1.6)
    return add_badge((soft * mask + fake.image * (1.0 - mask) + 0.5).astype(np.uint8))


def _mystery_recompressed_paste() -> np.ndarray:
    """Collins's eyes pasted into a JPEG (quality 70) copy of Hopper's photo, the result kept lossless."""
    target = jpeg(portrait("hopper"), 70)
    return feature_paste(portrait("collins"), target, source_face=portrait_face("collins"), target_face=portrait_face("hopper"))


def _mystery_enlarged() -> np.ndarray:
    """A morph of the two portraits made at 192 x 192 px and enlarged 2x by repeating pixels."""
    small = np.array(morph(portrait("hopper"), portrait("collins"), 0.5, size=192))
    big = cv2.resize(small, (384, 384), interpolation=cv2.INTER_NEAREST)
    return add_badge(big)


def _mystery_seam() -> np.ndarray:
    """Collins's face pasted (colour-corrected, hard edge) onto Hopper's photo."""
    return np.array(course_fake("paste").image)


def _mystery_quiet() -> np.ndarray:
    """Hopper's photo with camera-like grain everywhere except the swapped-in face (Poisson)."""
    fake = course_fake("poisson")
    rng = np.random.default_rng(4)
    grain = rng.normal(0.0, 6.0, fake.image.shape[:2])[..., None]
    noisy = np.clip(np.asarray(fake.original, dtype=np.float32) + grain, 0, 255)
    mask = swap.face_mask(portrait_face("hopper").landmarks, fake.image.shape, erode=2, feather=1.5)[..., None]
    # the swapped face keeps its own (clean) pixels; everything else gets the grain
    mixed = np.asarray(fake.image, dtype=np.float32) * mask + noisy * (1.0 - mask)
    return add_badge(np.clip(mixed + 0.5, 0, 255).astype(np.uint8))


_MYSTERY_MAKERS = {
    "A": _mystery_soft,
    "B": _mystery_recompressed_paste,
    "C": _mystery_enlarged,
    "D": _mystery_seam,
    "E": _mystery_quiet,
}


@lru_cache(maxsize=1)
def _mysteries() -> dict[str, np.ndarray]:
    made = {}
    for letter, maker in _MYSTERY_MAKERS.items():
        image = maker()
        image.setflags(write=False)
        made[letter] = image
    return made


def mystery_cases() -> dict[str, np.ndarray]:
    """Five labelled fakes, "A" to "E", each given away best by a different forensic view.

    For the lesson's "which view reveals this fake?" questions; every one carries
    the SYNTHETIC badge (the question is *how* each was made, not *whether*).
    The answers are in the lesson's checks and facilitator notes.
    """
    return dict(_mysteries())


@register_example("course_fake", method="face_swap")
def _example_course_fake() -> np.ndarray:
    return np.array(course_fake("paste", quality=60).image)


#: How each mystery case was made, as a ``label.METHODS`` name.
_MYSTERY_METHODS = {"A": "face_swap", "B": "feature_paste", "C": "morph", "D": "face_swap", "E": "face_swap"}
for _letter, _maker in _MYSTERY_MAKERS.items():
    register_example(f"mystery_{_letter}", method=_MYSTERY_METHODS[_letter])(_maker)


def pictures(names: Sequence[str] | None = None, extra: dict | None = None) -> dict:
    """Lesson 04's pictures for the artifact magnifier: ``names`` of :data:`EXAMPLES` (all by default), then ``extra``.

    Returns name -> a function that makes the :class:`Example` the first time it
    is chosen; ``extra`` adds more pictures (arrays or :class:`Example`), e.g.
    ``{"Mystery A": ...}``. Pass the result to ``widgets.magnifier.ArtifactMagnifier``.
    Raises ``UnknownName`` for a name that is not in :data:`EXAMPLES`.
    """
    names = list(EXAMPLES if names is None else names)
    unknown = [name for name in names if name not in EXAMPLES]
    if unknown:
        raise UnknownName(f"Unknown example(s) {unknown}. Choose from: {', '.join(EXAMPLES)}.")
    chosen: dict = {name: (lambda name=name: example(name)) for name in names}
    chosen.update(extra or {})
    return chosen
