"""The eight pictures of a real-or-fake round, one builder per kind: Lesson 01's warm-up and Lesson 07's post-test.

A round is planned by a :class:`RoundPlan` and has four real pictures (an
unedited portrait, an honest edit of a portrait, a real photo with no face, an
enlarged LFW face) and four fakes made by :mod:`realorfake.fakes.cheapfakes`
(a mirrored face, pasted eyes, a copy-move splice, an average face).
:func:`round_items` makes a plan's pictures as :class:`RoundItem` objects: the
quiz widget shows them (:meth:`RoundItem.quiz_item`, Lesson 01's warm-up) and
a game pack holds them (:mod:`.posttest`, Lesson 07), with their explanation
in English and Spanish (:mod:`.i18n`), their difficulty and their credit.
Both rounds are made by the same builders, so they are of the same kinds and
the same difficulty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .. import data
from ..fakes import cheapfakes
from ..forensics.difference import changed_box
from ..widgets.quiz import QuizItem
from .i18n import N_, translate

#: The honest edits a round may show, with what the reveal says (English; ``{who}`` is the person).
VARIANT_NOTES = {
    "brighter": N_("Real: a photo of {who}, only made brighter: changing the brightness does not make a photo fake."),
    "close_crop": N_("Real: a photo of {who}, only cropped closer: cropping alone does not change who is in the photo."),
    "darker": N_("Real: a photo of {who}, only made darker: changing the brightness does not make a photo fake."),
    "jpeg_q15": N_("Real: a photo of {who}, saved as a low-quality JPEG: the blocky squares come from compression, not from faking."),
    "low_contrast": N_("Real: a photo of {who}, only given lower contrast, like a faded print: still the real person."),
    "warm": N_("Real: a photo of {who}, only given warmer colours, like a photo filter: a filter is not a fake."),
}

#: How hard each honest edit is to judge: a blocky JPEG looks suspicious, a closer crop does not.
VARIANT_DIFFICULTY = {"brighter": "medium", "close_crop": "easy", "darker": "medium", "jpeg_q15": "hard", "low_contrast": "medium", "warm": "medium"}

#: The real photos with no face a round may show, with what the reveal says.
PHOTO_NOTES = {
    "camera": N_("Real: an untouched photo of a photographer and his camera. Not every image in a real-or-fake round has a face in it."),
    "chelsea": N_("Real: an untouched photo of Chelsea the cat. Not every image in a real-or-fake round has a face in it."),
    "coffee": N_("Real: an untouched photo of a cup of coffee. Not every image in a real-or-fake round has a face in it."),
    "rocket": N_("Real: an untouched photo of a rocket on its launch pad. Not every image in a real-or-fake round has a face in it."),
}

#: The photos a copy-move splice is made on (their detail hides the seam).
SPLICE_PHOTOS = ("rocket", "coffee")

#: The two portraits with a face the course finds.
PORTRAITS = ("hopper", "collins")

REAL_PORTRAIT = N_("Real: an official, unedited portrait photo of {who}.")
LFW_FACE = N_("Real: a news photo of a real person, only 25 x 25 pixels and enlarged. It is blurry because it is tiny, not because it is fake.")
MIRROR = N_("Fake: one half of the photo, face included, is a mirror copy of the other half. Real faces are never perfectly symmetric.")
PASTE = N_("Fake: the eyes and eyebrows come from {source}'s photo, pasted onto {target}'s face. Look for changes in skin, sharpness or light around the eyes.")
COPY_MOVE = N_("Fake: a patch of this photo was copied and pasted somewhere else in the same photo. Look for two areas that are exactly alike.")
AVERAGE = N_("Fake: this person does not exist. It is the pixel average of many real faces, which is why the skin looks so smooth and the face so regular.")

#: What each highlighted region is called at the reveal, by kind of fake.
REGION_LABELS = {
    "mirror_face": N_("mirrored half"),
    "feature_paste": N_("pasted eyes"),
    "copy_move": N_("pasted copy"),
    "average_face": N_("a face of nobody"),
}

#: For each kind: (method in a pack's schema, method of the course's label or "" for a real picture, difficulty or None when it depends on the edit).
KINDS = {
    "portrait": ("original", "", "easy"),
    "portrait_variant": ("benign_edit", "", None),
    "photo": ("original", "", "easy"),
    "lfw": ("original", "", "hard"),
    "mirror_face": ("other", "mirror_face", "easy"),
    "feature_paste": ("splice", "feature_paste", "medium"),
    "copy_move": ("copy_move", "copy_move", "medium"),
    "average_face": ("generated", "average_face", "medium"),
}

LFW_CREDIT = "A face from Labeled Faces in the Wild (news photos of public figures), via scikit-image data.lfw_subset."
LFW_LICENCE = "research data set distributed with scikit-image; used here for teaching only"
MADE_BY_COURSE = "fake made and labelled by the Real or Fake? course"


@dataclass(frozen=True)
class RoundPlan:
    """Which pictures a round shows: names of ``data.portrait`` and ``data.photo`` pictures, LFW indices, seeds.

    ``portrait`` is shown unedited and ``edited`` with the honest edit
    ``variant`` (a key of :data:`VARIANT_NOTES`); ``photo`` is a real photo with
    no face; ``lfw`` an index (0-99) of ``data.lfw_subset()``; ``mirrored`` the
    portrait whose face is mirrored; the eyes of ``eyes_from`` are pasted onto
    ``eyes_onto``; ``splice`` (one of :data:`SPLICE_PHOTOS`) gets a copy-move
    chosen by ``splice_seed``; ``averaged`` are the LFW faces averaged (None: all 100).
    """

    portrait: str
    edited: str
    variant: str
    photo: str
    lfw: int
    mirrored: str
    eyes_from: str
    eyes_onto: str
    splice: str
    splice_seed: int
    averaged: tuple[int, ...] | None = None


@dataclass(frozen=True, eq=False)  # compared by identity: arrays have no single truth value
class RoundItem:
    """One picture of a round, with what the quiz widget and a game pack need.

    ``image``: RGB uint8 (H, W, 3), a fake with its visible badge; ``id``: a
    name for it in a pack ("mirror-hopper"); ``kind``: a key of :data:`KINDS`;
    ``explanation``: the reveal's text in English with ``{name}`` fields filled
    from ``fields`` (see :meth:`explain`); ``credit``: where the picture comes
    from (English); ``licence``: the licence of the original; ``where``: the
    box (x, y, w, h, pixels) a fake changed, or None; ``difficulty``: "easy",
    "medium" or "hard"; ``copied_from``: for a copy-move, the box (x, y, w, h)
    the pasted patch was copied from (the reveal outlines both), else None.
    """

    id: str
    image: np.ndarray
    is_fake: bool
    kind: str
    explanation: str
    credit: str
    licence: str
    difficulty: str
    where: tuple[int, int, int, int] | None = None
    fields: dict[str, str] = field(default_factory=dict)
    copied_from: tuple[int, int, int, int] | None = None

    def __repr__(self) -> str:  # keep the pixels out of the notebook
        return f"RoundItem({self.id}, {'fake' if self.is_fake else 'real'}, {self.difficulty})"

    def explain(self, language: str = "en") -> str:
        """The reveal's explanation in ``language`` ("en" or "es"); ``UnknownName`` for another."""
        return translate(self.explanation, language, **self.fields)

    @property
    def method(self) -> str:
        """How it was made, in a pack's words: "original", "benign_edit", "splice", "copy_move", "generated" or "other"."""
        return KINDS[self.kind][0]

    @property
    def label_method(self) -> str:
        """The method its label names (``label.save_fake(method=...)``), "" for a real picture."""
        return KINDS[self.kind][1]

    def quiz_item(self) -> QuizItem:
        """The item as the quiz widget shows it, explained in English."""
        return QuizItem(self.image, self.is_fake, self.explain("en"), self.kind, self.credit, self.where, self.copied_from)


def credit_text(name: str) -> str:
    """``"<subject>. Source: <source>, <licence>."`` of a bundled portrait or photo."""
    credit = data.credit(name)
    return f"{credit.subject}. Source: {credit.source}, {credit.licence}."


def who(name: str) -> str:
    """The full name of the person in a portrait: "Grace Hopper" or "Eileen Collins"."""
    return {"hopper": "Grace Hopper", "collins": "Eileen Collins"}[name]


def _id(*parts: object) -> str:
    return "-".join(str(part) for part in parts).replace("_", "-")


def real_portrait(name: str) -> RoundItem:
    """The unedited portrait ``name`` ("hopper" or "collins")."""
    return RoundItem(_id("real", name), data.portrait(name), False, "portrait", REAL_PORTRAIT, credit_text(name), data.credit(name).licence, "easy", fields={"who": who(name)})


def real_variant(name: str, variant: str) -> RoundItem:
    """The portrait ``name`` with the honest edit ``variant`` (a key of :data:`VARIANT_NOTES`)."""
    return RoundItem(
        _id("edit", name, variant),
        data.portrait_variant(name, variant),
        False,
        "portrait_variant",
        VARIANT_NOTES[variant],
        credit_text(name) + f" Edited by the course: {variant.replace('_', ' ')}.",
        data.credit(name).licence,
        VARIANT_DIFFICULTY[variant],
        fields={"who": who(name)},
    )


def real_photo(name: str) -> RoundItem:
    """The untouched photo ``name`` (a key of :data:`PHOTO_NOTES`), which has no face."""
    return RoundItem(_id("real", name), data.photo(name), False, "photo", PHOTO_NOTES[name], credit_text(name), data.credit(name).licence, "easy")


def real_lfw(index: int, size: int = 200) -> RoundItem:
    """Face ``index`` (0-99) of ``data.lfw_subset()``, enlarged from 25 x 25 to ``size`` x ``size`` pixels, grey as RGB."""
    small = data.lfw_subset()[index]
    big = cv2.resize(small, (size, size), interpolation=cv2.INTER_CUBIC)
    return RoundItem(_id("real-lfw", index), np.ascontiguousarray(np.stack([big] * 3, axis=-1)), False, "lfw", LFW_FACE, LFW_CREDIT, LFW_LICENCE, "hard")


def fake_mirror(name: str) -> RoundItem:
    """The portrait ``name`` with one half mirrored onto the other (``cheapfakes.mirror_face``)."""
    original = data.portrait(name)
    fake = cheapfakes.mirror_face(original, data.portrait_face(name))
    return RoundItem(
        _id("mirror", name),
        fake,
        True,
        "mirror_face",
        MIRROR,
        f"Made by this course (mirror_face) from a photo of {who(name)}. " + credit_text(name),
        f"{data.credit(name).licence} original; {MADE_BY_COURSE}",
        "easy",
        changed_box(original, fake),
    )


def fake_feature_paste(source: str, target: str) -> RoundItem:
    """The eyes and eyebrows of portrait ``source`` pasted onto portrait ``target`` (``cheapfakes.feature_paste``)."""
    fake = cheapfakes.feature_paste(data.portrait(source), data.portrait(target), source_face=data.portrait_face(source), target_face=data.portrait_face(target))
    return RoundItem(
        _id("eyes", source, "onto", target),
        fake,
        True,
        "feature_paste",
        PASTE,
        f"Made by this course (feature_paste) from photos of {who(source)} and {who(target)}.",
        f"{data.credit(source).licence} originals; {MADE_BY_COURSE}",
        "medium",
        changed_box(data.portrait(target), fake),
        {"source": who(source), "target": who(target)},
    )


def fake_copy_move(name: str, seed: int) -> RoundItem:
    """The photo ``name`` with a patch copied elsewhere in it, the places chosen by ``seed`` (``cheapfakes.copy_move``)."""
    original = data.photo(name)
    fake = cheapfakes.copy_move(original, seed=seed)
    where = changed_box(original, fake)
    return RoundItem(
        _id("copy-move", name, seed),
        fake,
        True,
        "copy_move",
        COPY_MOVE,
        "Made by this course (copy_move) from: " + credit_text(name),
        f"{data.credit(name).licence} original; {MADE_BY_COURSE}",
        "medium",
        where,
        copied_from=copy_source(original, fake, where),
    )


def copy_source(original: np.ndarray, fake: np.ndarray, where: tuple[int, int, int, int] | None) -> tuple[int, int, int, int] | None:
    """Where in ``original`` (RGB uint8) the patch pasted at ``where`` (x, y, w, h) of ``fake`` was copied from: a box (x, y, w, h), or None.

    The middle of the pasted patch (its edge is feathered into the new place) is
    matched against the original by the sum of squared differences
    (``cv2.matchTemplate``), away from the place it was pasted to.
    """
    if where is None:
        return None
    x, y, w, h = where
    mx, my = w // 4, h // 4
    middle = fake[y + my : y + h - my, x + mx : x + w - mx]
    if middle.shape[0] < 4 or middle.shape[1] < 4:
        return None
    cost = cv2.matchTemplate(original, middle, cv2.TM_SQDIFF)
    cost[max(0, y + my - h // 2) : y + my + h // 2, max(0, x + mx - w // 2) : x + mx + w // 2] = np.inf  # not the paste itself
    _, _, (bx, by), _ = cv2.minMaxLoc(cost)
    return int(bx - mx), int(by - my), int(w), int(h)


def fake_average(faces: tuple[int, ...] | None = None) -> RoundItem:
    """The pixel average of the LFW faces with indices ``faces`` (None: all 100 of ``data.lfw_subset()``): a person who does not exist."""
    if faces is None:
        picture, whose, name = cheapfakes.average_face(), "the faces", "all"
    else:
        picture, whose, name = cheapfakes.average_face(data.lfw_subset()[list(faces)]), f"{len(faces)} of the faces", f"of-{len(faces)}"
    return RoundItem(
        _id("average", name),
        picture,
        True,
        "average_face",
        AVERAGE,
        f"Made by this course (average_face) from {whose} of scikit-image data.lfw_subset.",
        f"{LFW_LICENCE}; {MADE_BY_COURSE}",
        "medium",
    )


def round_items(plan: RoundPlan) -> list[RoundItem]:
    """The eight pictures of ``plan``: four reals (portrait, edited portrait, photo, LFW face), then four fakes (mirror, eyes, copy-move, average)."""
    reals = [real_portrait(plan.portrait), real_variant(plan.edited, plan.variant), real_photo(plan.photo), real_lfw(plan.lfw)]
    fakes = [fake_mirror(plan.mirrored), fake_feature_paste(plan.eyes_from, plan.eyes_onto), fake_copy_move(plan.splice, plan.splice_seed), fake_average(plan.averaged)]
    return reals + fakes
