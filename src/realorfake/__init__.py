"""Real or Fake? — the helper package of the deepfake media-literacy course.

Lessons import it as ``import realorfake as rof`` and then the parts they need,
``from realorfake import faces, fakes, forensics``. The folders name the layers;
each may import only the layers listed before it:

* the core, flat here, in this order: ``errors``, ``images`` (load, convert,
  resize), ``files`` (safe saving), ``provenance/`` (content credentials: C2PA
  signing and reading, what metadata says), ``faces`` (detect, landmarks in
  named groups, align), ``label`` (the SYNTHETIC badge and machine-readable
  labels; it signs through ``provenance``), ``data`` (bundled images and your
  own photos);
* ``fakes/``: everything that makes a fake (swap, morph, talking clip, video
  swap, cheapfakes) and the ``Clip`` type;
* ``forensics/``: the forensic views, array in, array out;
* ``show/``: matplotlib drawings and picture helpers;
* ``widgets/``: every ipywidgets class, thin over ``show`` and the core;
* ``course/``: what belongs to one lesson: the gallery and mystery cases, the
  warm-up round, "Spot it" questions, progress, ``checks``, and the tools that
  build and run the notebooks.

``detector/`` (Lesson 05) and ``game/`` (Lesson 06) come next, between
``forensics`` and ``show``. ``tests/test_layers.py`` enforces the rules.
"""

from __future__ import annotations

import os
import random

# PyTorch's OpenMP threads spin while they wait for work. When two kernels train at once on shared
# cores (a classroom hub, two notebooks open), spinning threads starve each other: on 2 cores, two
# 40-s trainings made 124 steps each, against 450 each when waiting threads sleep, and one training
# alone is as fast either way (661 steps against 649). OpenMP reads this when torch is first imported,
# so it is set here, before any lesson imports torch; a value already set is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402 (after the setting above, on purpose)

from .errors import (
    BadWeights,
    CourseError,
    DataUnavailable,
    FaceCutOff,
    ImageTooLarge,
    ImageTooSmall,
    NoFaceFound,
    OutOfRange,
    UnknownName,
    UnreadableImage,
    WrongShape,
)

__version__ = "0.1.0"

__all__ = [
    "BadWeights",
    "CourseError",
    "DataUnavailable",
    "FaceCutOff",
    "ImageTooLarge",
    "ImageTooSmall",
    "NoFaceFound",
    "OutOfRange",
    "UnknownName",
    "UnreadableImage",
    "WrongShape",
    "setup",
]


def setup(seed: int = 0) -> None:
    """Prepare a lesson: seed Python's and NumPy's random generators, quietly.

    In a notebook it also lets a ``fakes.Clip`` show itself as an inline player
    (the last expression of a cell), through IPython's display hook, and gives
    every matplotlib figure alt text for screen readers
    (:mod:`realorfake.show.figure_alt`), and shows a :class:`CourseError`
    raised in a cell as its message and the learner's own line instead of a
    traceback (:mod:`realorfake.show.error_display`). Prints nothing.
    """
    random.seed(seed)
    np.random.seed(seed)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to display
        return
    shell = get_ipython()
    if shell is not None:
        from .fakes.clips import Clip
        from .widgets.clip_player import show_clip

        shell.display_formatter.ipython_display_formatter.for_type(Clip, show_clip)
        from matplotlib.figure import FigureBase

        from .show.figure_alt import figure_html

        # on the base class: the inline backend removes every formatter registered for Figure itself when it starts
        shell.display_formatter.formatters["text/html"].for_type(FigureBase, figure_html)
        from .show import error_display

        error_display.install(shell)
