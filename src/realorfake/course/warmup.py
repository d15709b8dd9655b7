"""Lesson 01's warm-up round: real photos and cheapfakes, saved as the learner's pre-test.

``warmup_items(seed)`` mixes real photos (the two public-domain portraits, edits
of them, other real photos, a small LFW face) with simple fakes made by
:mod:`realorfake.fakes.cheapfakes`. ``warmup_quiz(seed)`` is the round as a
widget that saves its answers with :mod:`realorfake.course.progress` (Lesson 06
compares this pre-test with the learner's score in the game), and
``saved_score()`` reads them back.
"""

from __future__ import annotations

import cv2
import numpy as np

from .. import data
from ..errors import CourseError
from ..fakes import cheapfakes
from ..forensics.difference import changed_box
from ..widgets.quiz import QuizItem, RealOrFakeQuiz
from . import progress

_VARIANT_NOTES = {
    "darker": "only made darker: changing the brightness does not make a photo fake",
    "brighter": "only made brighter: changing the brightness does not make a photo fake",
    "warm": "only given warmer colours, like a photo filter: a filter is not a fake",
    "low_contrast": "only given lower contrast, like a faded print: still the real person",
    "jpeg_q15": "saved as a low-quality JPEG: the blocky squares come from compression, not from faking",
    "close_crop": "only cropped closer: cropping alone does not change who is in the photo",
}

_PHOTO_NOTES = {
    "rocket": "an untouched photo of a rocket on its launch pad",
    "coffee": "an untouched photo of a cup of coffee",
    "chelsea": "an untouched photo of Chelsea the cat",
    "camera": "an untouched photo of a photographer and his camera",
}


def _credit_text(name: str) -> str:
    credit = data.credit(name)
    return f"{credit.subject}. Source: {credit.source}, {credit.licence}."


def _who(name: str) -> str:
    return {"hopper": "Grace Hopper", "collins": "Eileen Collins"}[name]


def _real_portrait(name: str) -> QuizItem:
    return QuizItem(
        data.portrait(name),
        False,
        f"Real: an official, unedited portrait photo of {_who(name)}.",
        "portrait",
        _credit_text(name),
    )


def _real_variant(name: str, variant: str) -> QuizItem:
    return QuizItem(
        data.portrait_variant(name, variant),
        False,
        f"Real: a photo of {_who(name)}, {_VARIANT_NOTES[variant]}.",
        "portrait_variant",
        _credit_text(name) + f" Edited by the course: {variant.replace('_', ' ')}.",
    )


def _real_photo(name: str) -> QuizItem:
    return QuizItem(
        data.photo(name),
        False,
        f"Real: {_PHOTO_NOTES[name]}. Not every image in a real-or-fake round has a face in it.",
        "photo",
        _credit_text(name),
    )


def _real_lfw(index: int, size: int = 200) -> QuizItem:
    small = data.lfw_subset()[index]
    big = cv2.resize(small, (size, size), interpolation=cv2.INTER_CUBIC)
    return QuizItem(
        np.ascontiguousarray(np.stack([big] * 3, axis=-1)),
        False,
        "Real: a news photo of a real person, only 25 x 25 pixels and enlarged. It is blurry because it is tiny, not because it is fake.",
        "lfw",
        "A face from Labeled Faces in the Wild (news photos of public figures), via scikit-image data.lfw_subset.",
    )


def _fake_mirror(name: str) -> QuizItem:
    original = data.portrait(name)
    fake = cheapfakes.mirror_face(original, data.portrait_face(name))
    return QuizItem(
        fake,
        True,
        "Fake: one half of the photo, face included, is a mirror copy of the other half. Real faces are never perfectly symmetric.",
        "mirror_face",
        f"Made by this course (mirror_face) from a photo of {_who(name)}. " + _credit_text(name),
        changed_box(original, fake),
    )


def _fake_feature_paste(source: str, target: str) -> QuizItem:
    fake = cheapfakes.feature_paste(data.portrait(source), data.portrait(target), source_face=data.portrait_face(source), target_face=data.portrait_face(target))
    return QuizItem(
        fake,
        True,
        f"Fake: the eyes and eyebrows come from {_who(source)}'s photo, pasted onto {_who(target)}'s face. Look for changes in skin, sharpness or light around the eyes.",
        "feature_paste",
        f"Made by this course (feature_paste) from photos of {_who(source)} and {_who(target)}.",
        changed_box(data.portrait(target), fake),
    )


def _fake_copy_move(name: str, seed: int) -> QuizItem:
    original = data.photo(name)
    fake = cheapfakes.copy_move(original, seed=seed)
    return QuizItem(
        fake,
        True,
        "Fake: a patch of this photo was copied and pasted somewhere else in the same photo. Look for two areas that are exactly alike.",
        "copy_move",
        "Made by this course (copy_move) from: " + _credit_text(name),
        changed_box(original, fake),
    )


def _fake_average() -> QuizItem:
    return QuizItem(
        cheapfakes.average_face(),
        True,
        "Fake: this person does not exist. It is the pixel average of many real faces, which is why the skin looks so smooth and the face so regular.",
        "average_face",
        "Made by this course (average_face) from the faces of scikit-image data.lfw_subset.",
    )


def warmup_items(seed: int = 0) -> list[QuizItem]:
    """Eight quiz items, four real and four fake, chosen and shuffled with ``seed``.

    Reals: an unedited portrait, an edited photo of the other portrait (darker, JPEG, ...),
    another real photo and an enlarged LFW face. Fakes: a mirrored face, pasted eyes,
    a copy-move splice and an average face. The same seed always gives the same round.
    """
    rng = np.random.default_rng(seed)
    first, second = rng.permutation(["hopper", "collins"])
    variant = str(rng.choice(sorted(_VARIANT_NOTES)))
    splice = str(rng.choice(["rocket", "coffee"]))
    photo = str(rng.choice([p for p in sorted(_PHOTO_NOTES) if p != splice]))
    mirrored = str(rng.choice(["hopper", "collins"]))
    source, target = rng.permutation(["hopper", "collins"])
    reals = [
        _real_portrait(str(first)),
        _real_variant(str(second), variant),
        _real_photo(photo),
        _real_lfw(int(rng.integers(0, 100))),
    ]
    fakes = [
        _fake_mirror(mirrored),
        _fake_feature_paste(str(source), str(target)),
        _fake_copy_move(splice, seed),
        _fake_average(),
    ]
    items = reals + fakes
    return [items[i] for i in rng.permutation(len(items))]


def saved_score(name: str = "warmup") -> str:
    """One sentence about a saved round's score, or what to do when there is none yet."""
    try:
        answers = progress.load_answers(name)
    except CourseError as error:
        return f"Your saved answers could not be read. {error}"
    if not answers:
        return f"No saved answers for the {name!r} round yet: finish the round (every image) and run this cell again."
    right = sum(1 for answer in answers if answer.get("correct") is True)
    total = answers[-1].get("of", len(answers)) if isinstance(answers[-1], dict) else len(answers)
    if isinstance(total, int) and len(answers) < total:
        return f"Your {name!r} round is not finished: {len(answers)} of {total} images answered ({right} right). Run the round's cell again to go on."
    return f"Your saved {name!r} score: {right} / {len(answers)} right ({round(100 * right / len(answers))}%)."


def warmup_quiz(seed: int = 0, name: str = "warmup") -> RealOrFakeQuiz:
    """The warm-up round as a widget: :func:`warmup_items` with ``seed``, each answer saved at once as quiz ``name``.

    Running the cell again (after a kernel restart, or when a reopened lesson
    says "model not found") resumes an unfinished round where it stopped. A
    finished round is the learner's pre-test and is never replaced: the round
    shown then is a practice round, saved as ``<name>_again`` (and resumed the
    same way), and the widget says so with the pre-test's score. Lesson 06 reads
    ``name`` back as the pre-test.
    """
    progress.progress_path(name)  # an unusable name is refused now, not after the first vote
    try:
        earlier = progress.load_answers(name)
    except CourseError:
        earlier = None  # a damaged file is left alone (load_answers says so when asked); start afresh
    items = warmup_items(seed)
    finished = bool(earlier) and all(isinstance(a, dict) for a in earlier) and len(earlier) >= len(items)
    saved_as = f"{name}_again" if finished else name
    if finished:
        try:
            resume = progress.load_answers(saved_as)
        except CourseError:
            resume = None
    else:
        resume = earlier
    quiz = RealOrFakeQuiz(items, save=lambda answers: progress.save_answers(saved_as, answers), answers=resume)
    quiz.saved_as = saved_as
    if finished and not quiz.answers:
        right = sum(1 for answer in earlier if answer.get("correct") is True)
        quiz.feedback.value = (
            f"<i>You finished this round before: {right} / {len(earlier)} right. That stays your pre-test. Play again if you like: this practice round is saved separately and never replaces it.</i>"
        )
    return quiz
