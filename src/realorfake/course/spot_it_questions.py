"""The lessons' "Spot it" questions.

The mirror fake (Lesson 01), the flipped photo (Lesson 02), the pasted swap
(Lesson 03), the travelled pictures (Lesson 04), the self-blend (Lesson 05) and
the honest edit (Lesson 06). A real-and-fake pair is made by one helper.
"""

from __future__ import annotations

import random

import cv2
import numpy as np

from .. import data, label
from ..fakes import cheapfakes, swap
from ..widgets.quiz import QuizItem, RealOrFakeQuiz
from ..widgets.spot_it import SpotIt
from . import gallery


def _real_and_fake(real: np.ndarray, fake: np.ndarray, fake_first: bool, question: str, explanation: str, *, fake_note: str = "", real_note: str = "", max_side: int = 360) -> SpotIt:
    """A real picture and a fake side by side (the fake first when ``fake_first``), each behind the neutral strip until the click.

    The fake is the answer; the reveal gives it the SYNTHETIC badge (with ``fake_note``)
    and the real one a "REAL PHOTO" strip (with ``real_note``).
    """
    pair = ((fake, True), (real, False)) if fake_first else ((real, False), (fake, True))
    return SpotIt(
        question,
        {letter: label.question_strip(picture) for letter, (picture, _) in zip("AB", pair)},
        "A" if fake_first else "B",
        explanation,
        revealed={letter: label.answer_strip(picture, is_fake, fake_note if is_fake else real_note) for letter, (picture, is_fake) in zip("AB", pair)},
        max_side=max_side,
    )


def spot_the_mirror_fake(seed: int = 0) -> SpotIt:
    """Lesson 01: the NASA portrait of Eileen Collins and a mirror fake of it; which is fake? (order set by ``seed``).

    Both show a neutral "REAL OR FAKE?" strip until the learner answers; then
    the fake shows its SYNTHETIC badge and the photo a "REAL PHOTO" strip.
    """
    real = data.portrait("collins")
    fake = cheapfakes.mirror_face(real, data.portrait_face("collins"))
    return _real_and_fake(
        real,
        fake,
        random.Random(seed).random() < 0.5,
        "One of these photos of Eileen Collins is the NASA portrait; the other is a mirror fake. Which one is fake?",
        "In the fake, one half of the photo, face included, is a mirror copy of the other half. Look at the whole "
        "picture: the flag, the patch and the hair repeat on both sides, and the face is perfectly symmetric, which "
        "real faces never are.",
        fake_note="mirrored",
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
    from ..forensics.difference import changed_box

    def online(fake: gallery.Example) -> tuple[np.ndarray, tuple[int, int, int, int] | None]:
        """The fake as it travels online, and the box around what the swap changed, in the shrunk picture's pixels."""
        picture = data.as_online(fake.image)
        box = changed_box(fake.original, fake.image)
        if box is None:
            return picture, None
        scale = picture.shape[1] / fake.image.shape[1]
        return picture, tuple(int(round(v * scale)) for v in box)

    collins = data.portrait("collins")
    onto_collins, onto_hopper = online(gallery.course_fake("poisson", onto="collins")), online(gallery.course_fake("poisson"))
    items = [
        QuizItem(
            onto_collins[0],
            True,
            "Fake: Hopper's face, Poisson-blended onto Collins's photo (outlined). At this size the glasses cut off at the temples are easy to miss.",
            "face swap",
            "made by the course",
            onto_collins[1],
        ),
        QuizItem(data.as_online(collins), False, "Real: the NASA portrait of Eileen Collins, shrunk and saved as JPEG.", "real photo", data.credit("collins").source),
        QuizItem(
            onto_hopper[0],
            True,
            "Fake: Collins's face on Hopper's photo (outlined). Small and compressed, the soft face and the young skin under grey hair are hard to see.",
            "face swap",
            "made by the course",
            onto_hopper[1],
        ),
    ]
    return RealOrFakeQuiz(items)


def blend_changes(real: np.ndarray, fake: np.ndarray, mask: np.ndarray) -> list[str]:
    """How a self-blend's face differs from the real one where its ``mask`` (H, W, 0-1) is over half its peak, in words.

    ``real`` and ``fake`` are RGB uint8 (H, W, 3). Measured in CIELAB (OpenCV's 8-bit scale) and by the
    variance of the Laplacian; a change is named when it is at least 1.5 levels of colour, 6 of
    lightness (less is hard to see), or a sharpness ratio below 0.6 or above 1.6. Largest first, at
    most three, in words for skin, e.g. ``["less yellow", "pinker"]``; empty when the change is fainter.
    """
    inside = mask > 0.5 * float(mask.max())
    if not inside.any():
        return []
    lab = [cv2.cvtColor(picture, cv2.COLOR_RGB2LAB).astype(np.float64)[inside] for picture in (real, fake)]
    lightness, red_green, yellow_blue = (lab[1] - lab[0]).mean(axis=0)
    grey = [cv2.Laplacian(cv2.cvtColor(picture, cv2.COLOR_RGB2GRAY), cv2.CV_64F)[inside].var() for picture in (real, fake)]
    sharpness = grey[1] / max(grey[0], 1e-9)
    changes = [
        (abs(lightness) / 6, "lighter" if lightness > 0 else "darker"),
        (abs(red_green) / 1.5, "pinker" if red_green > 0 else "less pink"),
        (abs(yellow_blue) / 1.5, "more yellow" if yellow_blue > 0 else "less yellow"),
        (max(0.6 / max(sharpness, 1e-9), sharpness / 1.6), "blurrier" if sharpness < 1 else "sharper"),
    ]
    return [word for size, word in sorted(changes, reverse=True) if size >= 1][:3]


def spot_the_self_blend(seed: int = 0, *, max_side: int = 300) -> SpotIt:
    """A real face and a self-blended fake of the same photo, side by side: which one is blended?

    Both show a neutral "REAL OR FAKE?" strip until the click; then the fake
    gets the SYNTHETIC badge. ``seed`` chooses the face, the blend and the order.
    """
    from ..detector.data import aligned_crops
    from ..detector.self_blend import self_blend

    rng = np.random.default_rng(seed)
    # the whole photo, as taken or mirrored: the other edits (a heavy JPEG, a close crop whose edge is smeared) add clues both pictures share
    choices = [(name, variant) for name in data.PORTRAITS for variant in ("original", "mirrored")]
    name, variant = choices[int(rng.integers(len(choices)))]
    face = aligned_crops(data.portrait_variant(name, variant), name, every_face=False)[0]
    blend = self_blend(face.crop, face.landmarks, rng)
    changes = blend_changes(face.crop, blend.fake, blend.mask)
    real_first = bool(rng.random() < 0.5)
    real, fake = (cv2.resize(p, (256, 256), interpolation=cv2.INTER_CUBIC) for p in (face.crop, blend.fake))
    this_one = (
        f"In this one the blended face is a little {', '.join(changes[:-1]) + ' and ' + changes[-1] if len(changes) > 1 else changes[0]} "
        "than the real photo's: compare the cheeks with the forehead, ears and neck around them, then look along the outline for "
        "where the change begins."
        if changes
        else "In this one the change is fainter than most: compare the cheeks with the forehead and neck, and look along the outline."
    )
    return _real_and_fake(
        real,
        fake,
        not real_first,
        "One of these is the real photo; the other is the same photo blended with an altered copy of itself through a face-shaped mask. Which one is blended?",
        f"{this_one} A self-blend changes the colour, lightness or sharpness of the face inside its mask, and sometimes leaves a double "
        "edge where the slightly moved copy meets the photo. Many are hard to see: that is the point. A detector trained on thousands "
        "of these learns to find them better than our eyes.",
        fake_note="self-blended",
        max_side=max_side,
    )


def spot_the_honest_edit(seed: int = 0, *, max_side: int = 300) -> SpotIt:
    """Lesson 06: an honest edit of a real photo (flipped) and a self-blended fake of the same portrait: which is fake?

    Both come from the game's built-in pack: Grace Hopper's real portrait, flipped here, and its self-blend,
    neither of which the lesson's three rounds show (the flipped Collins photo of the warm-up once gave this
    question away). ``seed`` sets the order. Both show the neutral strip until the click.
    """
    import numpy as np

    from ..game.builtin import builtin_pack
    from ..images import load_image

    pack = builtin_pack()
    real, fake = (load_image(pack.item(item_id).path) for item_id in ("real-hopper", "self-blend-hopper"))
    return _real_and_fake(
        np.ascontiguousarray(real[:, ::-1]),
        fake,
        random.Random(seed).random() < 0.5,
        "One of these photos of Grace Hopper was only flipped left to right, an honest edit; the other was blended with a changed copy of itself. Which one is fake?",
        "The flipped photo looks strange (the patch's writing reads backwards) but nothing in it was made up: an edit is "
        "not a fake. The self-blend changed the face itself: look for a faint oval along the cheeks and forehead where "
        'colour or sharpness changes. In the game, as in life, "it looks odd" is not the same as "it is fake".',
        fake_note="self-blended",
        real_note="flipped, an honest edit",
        max_side=max_side,
    )


def spot_the_stripped_fake(seed: int = 0, *, max_side: int = 300) -> SpotIt:
    """Lesson 07: two photos that came through a chat app, so neither has content credentials or metadata: which is fake?

    Eileen Collins' real portrait and a face swap of Grace Hopper's face onto it,
    both re-encoded as a chat app does (JPEG at quality 75), which strips every
    label from the file. ``seed`` sets the order. The point of the reveal: the
    missing credentials said nothing; only the pixels and the source can.
    """
    from ..images import load_image
    from ..provenance.edits import chat_app_jpeg

    def through_chat_app(picture: np.ndarray) -> np.ndarray:
        return load_image(chat_app_jpeg(picture), max_side=None)

    real = data.portrait("collins")
    fake = swap.face_swap(data.portrait("hopper"), real, blend="poisson").image  # badged; the neutral strip covers the badge until the click
    return _real_and_fake(
        through_chat_app(real),
        through_chat_app(fake),
        random.Random(seed).random() < 0.5,
        "Both photos came to you through a chat app: neither carries content credentials, a label or any metadata. One of them is a face swap. Which one?",
        "The fake has Grace Hopper's face on Eileen Collins' photo: look at the skin tone where the face meets the hair and the "
        "neck, and at the eyebrows. The chat app stripped the labels from both files alike, so the missing credentials told you "
        "nothing: most real photos have none, and a fake loses its own on the first re-send. Only the pixels and the source can tell.",
        fake_note="face swap, its label stripped by the chat app",
        real_note="real, its metadata stripped by the chat app",
        max_side=max_side,
    )
