"""The lessons' "Spot it" questions: the mirror fake (Lesson 01), the flipped photo (Lesson 02), the pasted swap (Lesson 03), the travelled pictures (Lesson 04), the self-blend (Lesson 05)."""

from __future__ import annotations

import random

import cv2
import numpy as np

from .. import data, label
from ..fakes import cheapfakes, swap
from ..widgets.quiz import QuizItem, RealOrFakeQuiz
from ..widgets.spot_it import SpotIt
from . import gallery


def spot_the_mirror_fake(seed: int = 0) -> SpotIt:
    """Lesson 01: the NASA portrait of Eileen Collins and a mirror fake of it; which is fake? (order set by ``seed``).

    Both show a neutral "REAL OR FAKE?" strip until the learner answers; then
    the fake shows its SYNTHETIC badge and the photo a "REAL PHOTO" strip.
    """
    real = data.portrait("collins")
    fake = cheapfakes.mirror_face(real, data.portrait_face("collins"))
    fake_first = random.Random(seed).random() < 0.5
    order = [(fake, True), (real, False)] if fake_first else [(real, False), (fake, True)]
    return SpotIt(
        "One of these photos of Eileen Collins is the NASA portrait; the other is a mirror fake. Which one is fake?",
        {"A": label.question_strip(order[0][0]), "B": label.question_strip(order[1][0])},
        "A" if fake_first else "B",
        "In the fake, one half of the photo, face included, is a mirror copy of the other half. Look at the whole "
        "picture: the flag, the patch and the hair repeat on both sides, and the face is perfectly symmetric, which "
        "real faces never are.",
        revealed={
            "A": label.answer_strip(order[0][0], order[0][1], "mirrored" if order[0][1] else ""),
            "B": label.answer_strip(order[1][0], order[1][1], "mirrored" if order[1][1] else ""),
        },
    )


def spot_the_mirror(seed: int = 0) -> SpotIt:
    """Which of two copies of the Collins portrait is the mirrored one? (order set by ``seed``)."""
    original = data.portrait("collins")
    mirrored = data.portrait_variant("collins", "mirrored")
    mirrored_first = random.Random(seed).random() < 0.5
    pair = (mirrored, original) if mirrored_first else (original, mirrored)
    return SpotIt(
        "One of these two photos was flipped left to right. Which one?",
        {"A": pair[0], "B": pair[1]},
        "A" if mirrored_first else "B",
        "Faces are nearly symmetric, so the face gives little away; text does. In the flipped copy the "
        "writing on the mission patch and the name tag reads backwards, and the flag's stars sit on the "
        "other side. Look for writing, watches, rings and hair partings before judging a face.",
    )


def spot_the_blend(seed: int = 0, *, max_side: int = 360) -> SpotIt:
    """Two labelled swaps of Collins's face onto Hopper's photo, one pasted, one Poisson-blended: which is which?

    ``seed`` sets the order. The returned :class:`~realorfake.widgets.spot_it.SpotIt` reveals the answer on a click.
    """
    hopper, collins = data.portrait("hopper"), data.portrait("collins")
    source_face, target_face = data.portrait_face("collins"), data.portrait_face("hopper")
    made = {mode: swap.face_swap(collins, hopper, blend=mode, source_face=source_face, target_face=target_face).image for mode in ("paste", "poisson")}
    paste_first = random.Random(seed).random() < 0.5
    pair = (made["paste"], made["poisson"]) if paste_first else (made["poisson"], made["paste"])
    return SpotIt(
        "Both pictures are labelled swaps of Eileen Collins's face onto Grace Hopper's photo. One was pasted, the other blended with Poisson editing. Which one was only pasted?",
        {"A": pair[0], "B": pair[1]},
        "A" if paste_first else "B",
        "The pasted one has a hard edge where the mask ends: follow the outline of the face along the cheeks, "
        "the chin and the forehead and you see a step in colour and texture. Poisson blending solves for colours "
        "that meet the photo exactly at that edge, so the step disappears; what remains is a smooth colour shift "
        "(the face takes on the tones around it). Seams are the first thing to look for in a swap, and they are "
        "easiest to see when you zoom in.",
        max_side=max_side,
    )


def travelled_round() -> RealOrFakeQuiz:
    """Lesson 04: three pictures as they look online (256 px wide, JPEG quality 75), two of them the course's fakes.

    The answers live here, not in the lesson's cell, so that Run All shows
    nothing before the learner votes; each fake keeps its badge, covered until the vote.
    """
    collins = data.portrait("collins")
    items = [
        QuizItem(
            data.as_online(gallery.course_fake("poisson", onto="collins").image),
            True,
            "Fake: Hopper's face, Poisson-blended onto Collins's photo. At this size the glasses cut off at the temples are easy to miss.",
            "face swap",
            "made by the course",
        ),
        QuizItem(data.as_online(collins), False, "Real: the NASA portrait of Eileen Collins, shrunk and saved as JPEG.", "real photo", data.credit("collins").source),
        QuizItem(
            data.as_online(gallery.course_fake("poisson").image),
            True,
            "Fake: Collins's face on Hopper's photo. Small and compressed, the soft face and the young skin under grey hair are hard to see.",
            "face swap",
            "made by the course",
        ),
    ]
    return RealOrFakeQuiz(items)


def spot_the_self_blend(seed: int = 0, *, max_side: int = 300) -> SpotIt:
    """A real face and a self-blended fake of the same photo, side by side: which one is blended?

    Both show a neutral "REAL OR FAKE?" strip until the click; then the fake
    gets the SYNTHETIC badge. ``seed`` chooses the face, the blend and the order.
    """
    from ..detector.data import training_faces
    from ..detector.self_blend import self_blend

    rng = np.random.default_rng(seed)
    faces = [f for f in training_faces() if f.source in ("hopper", "collins")]
    face = faces[int(rng.integers(len(faces)))]
    fake = self_blend(face.crop, face.landmarks, rng).fake
    real_first = bool(rng.random() < 0.5)
    pair = (face.crop, fake) if real_first else (fake, face.crop)
    answer = "B" if real_first else "A"
    big = [cv2.resize(p, (256, 256), interpolation=cv2.INTER_CUBIC) for p in pair]
    return SpotIt(
        "One of these is the real photo; the other is the same photo blended with an altered copy of itself through a face-shaped mask. Which one is blended?",
        {"A": label.question_strip(big[0]), "B": label.question_strip(big[1])},
        answer,
        "Look along the outline of the face: cheeks, chin, forehead. The blended one has a faint change of colour or "
        "sharpness there, and sometimes a double edge where the slightly moved copy meets the photo. Many are hard to "
        "see: that is the point. A detector trained on thousands of these learns to find the boundary better than our eyes.",
        revealed={"A": label.answer_strip(big[0], not real_first, "" if real_first else "self-blended"), "B": label.answer_strip(big[1], real_first, "self-blended" if real_first else "")},
        max_side=max_side,
    )
