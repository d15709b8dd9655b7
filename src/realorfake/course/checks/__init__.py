"""Instant, friendly feedback on "Try it" exercises.

Each lesson's checks live in ``checks/lessonNN.py`` and are re-exported here, so a
notebook writes ``from realorfake.course import checks`` and then ``checks.mouth_crop(crop_mouth)``.
The verdict type and the shared helpers are in :mod:`.feedback`.

A check calls the learner's function on known inputs and returns a :class:`Feedback`
that shows as a green or orange box: what was expected, what was found, a hint.
A check never raises: an unfinished exercise (``NotImplementedError``) or a bug
in the learner's code becomes a message, not a traceback.

Layer rules: checks import the core, ``fakes``, ``forensics``, ``detector``, ``game``, ``show`` and the
course's pictures (``gallery``); never a widget.
"""

from __future__ import annotations

from .feedback import Feedback
from .lesson01 import deepfake_types, symmetry_score
from .lesson02 import align_by_eyes, channel_means, eye_distance, mouth_crop
from .lesson03 import color_transfer, faster_warp, mask_from_landmarks, warp_one_triangle
from .lesson04 import azimuthal_spectrum, ela_view, find_the_seam, view_quiz
from .lesson05 import auc_count, blend_formula, false_alarm_threshold, heat_map_question
from .lesson06 import brier_score, couple_money, who_wins
from .lesson07 import credentials_verdict, forged_metadata, sift_moves

__all__ = [
    "Feedback",
    "align_by_eyes",
    "auc_count",
    "azimuthal_spectrum",
    "blend_formula",
    "brier_score",
    "channel_means",
    "color_transfer",
    "couple_money",
    "credentials_verdict",
    "deepfake_types",
    "ela_view",
    "eye_distance",
    "false_alarm_threshold",
    "faster_warp",
    "find_the_seam",
    "forged_metadata",
    "heat_map_question",
    "mask_from_landmarks",
    "mouth_crop",
    "sift_moves",
    "symmetry_score",
    "view_quiz",
    "warp_one_triangle",
    "who_wins",
]
