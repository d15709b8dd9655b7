"""Lesson 01's warm-up round: real photos and cheapfakes, saved as the learner's pre-test.

``warmup_items(seed)`` mixes real photos (the two public-domain portraits, edits
of them, other real photos, a small LFW face) with simple fakes made by
:mod:`realorfake.fakes.cheapfakes`; :mod:`.round_items` makes the pictures and
``warmup_plan(seed)`` says which it shows. ``warmup_quiz(seed)`` is the round as a
widget that saves its answers with :mod:`realorfake.course.progress` (Lesson 06
compares this pre-test with the learner's score in the game), and
``saved_score()`` reads them back.
"""

from __future__ import annotations

import numpy as np

from ..errors import CourseError
from ..numbers import percent_text
from ..widgets.quiz import QuizItem, RealOrFakeQuiz
from . import progress
from .round_items import PHOTO_NOTES, PORTRAITS, SPLICE_PHOTOS, VARIANT_NOTES, RoundPlan, round_items


def _plan(rng: np.random.Generator, seed: int) -> RoundPlan:
    """The warm-up's choices, drawn from ``rng`` in a fixed order (the order :func:`warmup_items` has always used)."""
    first, second = rng.permutation(list(PORTRAITS))
    variant = str(rng.choice(sorted(VARIANT_NOTES)))
    splice = str(rng.choice(list(SPLICE_PHOTOS)))
    photo = str(rng.choice([p for p in sorted(PHOTO_NOTES) if p != splice]))
    mirrored = str(rng.choice(list(PORTRAITS)))
    source, target = rng.permutation(list(PORTRAITS))
    lfw = int(rng.integers(0, 100))
    return RoundPlan(str(first), str(second), variant, photo, lfw, mirrored, str(source), str(target), splice, seed)


def warmup_plan(seed: int = 0) -> RoundPlan:
    """Which pictures :func:`warmup_items` shows for ``seed`` (Lesson 07's post-test shows others of the same kinds)."""
    return _plan(np.random.default_rng(seed), seed)


def warmup_items(seed: int = 0) -> list[QuizItem]:
    """Eight quiz items, four real and four fake, chosen and shuffled with ``seed``.

    Reals: an unedited portrait, an edited photo of the other portrait (darker, JPEG, ...),
    another real photo and an enlarged LFW face. Fakes: a mirrored face, pasted eyes,
    a copy-move splice and an average face (:mod:`.round_items` makes them).
    The same seed always gives the same round.
    """
    rng = np.random.default_rng(seed)
    items = [item.quiz_item() for item in round_items(_plan(rng, seed))]
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
    return f"Your saved {name!r} score: {right} / {len(answers)} right ({percent_text(right, len(answers))})."


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
