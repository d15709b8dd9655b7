"""Everything that makes a fake: the face swap, morph, talking clip, video swap and cheapfakes.

Modules: :mod:`~realorfake.fakes.swap` (the landmark face swap, step by step),
:mod:`~realorfake.fakes.morphing`, :mod:`~realorfake.fakes.reenactment` (a mouth
moved, no audio), :mod:`~realorfake.fakes.video_swap`,
:mod:`~realorfake.fakes.cheapfakes` (plain image edits), :mod:`~realorfake.fakes.clips`
(the ``Clip`` type and its MP4 files) and :mod:`~realorfake.fakes.registry`
(every generator, so that tests can prove each labels its output). Every image
or frame made here carries the visible SYNTHETIC badge.

Layer rules: imports the core (``errors``, ``images``, ``faces``, ``data``,
``label``, ``files``) and nothing else of the package: no widget, no ``show``.

A learner writes ``from realorfake import fakes`` and then
``fakes.face_swap(source, target)``, ``fakes.morph(a, b)``, ...
"""

from __future__ import annotations

from . import cheapfakes, clips, morphing, reenactment, registry, swap, video_swap
from .cheapfakes import average_face, copy_move, feature_paste, mirror_face
from .clips import Clip, read_clip_label, read_video
from .morphing import morph
from .reenactment import make_it_talk
from .swap import BLEND_MODES, SwapResult, face_swap
from .video_swap import swap_video

__all__ = [
    "BLEND_MODES",
    "Clip",
    "SwapResult",
    "average_face",
    "cheapfakes",
    "clips",
    "copy_move",
    "face_swap",
    "feature_paste",
    "make_it_talk",
    "mirror_face",
    "morph",
    "morphing",
    "read_clip_label",
    "read_video",
    "reenactment",
    "registry",
    "swap",
    "swap_video",
    "video_swap",
]
