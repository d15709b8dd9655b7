"""The warm-up "Real or fake?" round of Lesson 01: quiz items and a small ipywidgets quiz.

``warmup_items(seed)`` mixes real photos (the two public-domain portraits, edits of
them, other real photos, a small LFW face) with simple fakes made by
:mod:`realorfake.cheapfakes`. ``RealOrFakeQuiz(items)`` shows one image at a time
with a neutral "REAL OR FAKE?" strip over its bottom edge (where every fake carries
its "SYNTHETIC" badge), takes a vote, reveals the answer with an explanation, and at
the end shows the score and saves the answers with :mod:`realorfake.progress`
(Lesson 06 compares this pre-test with the learner's score in the game).
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np

from . import cheapfakes, data, label, plots, progress
from .errors import CourseError
from .ui import GOOD, PROBLEM, message_box

#: Shown above every quiz: the learner is told fakes are present and labelled.
CAPTION = "Some of these images were made by this course; every fake is labelled and revealed after your vote."

#: Largest side, in pixels, of the image shown in the quiz.
DISPLAY_SIDE = 320


@dataclass(frozen=True, eq=False)  # items compare by identity: arrays have no single truth value
class QuizItem:
    """One question: an image, whether it is fake, a one-line explanation, its kind and its credit."""

    image: np.ndarray
    is_fake: bool
    explanation: str
    kind: str
    credit: str

    def __repr__(self) -> str:  # keep the pixels out of the notebook
        h, w = self.image.shape[:2]
        return f"QuizItem({self.kind}, {'fake' if self.is_fake else 'real'}, {w}x{h})"


# ------------------------------------------------------------------ the items

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
    return QuizItem(
        cheapfakes.mirror_face(data.portrait(name)),
        True,
        "Fake: one half of the photo, face included, is a mirror copy of the other half. Real faces are never perfectly symmetric.",
        "mirror_face",
        f"Made by this course (mirror_face) from a photo of {_who(name)}. " + _credit_text(name),
    )


def _fake_feature_paste(source: str, target: str) -> QuizItem:
    return QuizItem(
        cheapfakes.feature_paste(data.portrait(source), data.portrait(target)),
        True,
        f"Fake: the eyes and eyebrows come from {_who(source)}'s photo, pasted onto {_who(target)}'s face. Look for changes in skin, sharpness or light around the eyes.",
        "feature_paste",
        f"Made by this course (feature_paste) from photos of {_who(source)} and {_who(target)}.",
    )


def _fake_copy_move(name: str, seed: int) -> QuizItem:
    return QuizItem(
        cheapfakes.copy_move(data.photo(name), seed=seed),
        True,
        "Fake: a patch of this photo was copied and pasted somewhere else in the same photo. Look for two areas that are exactly alike.",
        "copy_move",
        "Made by this course (copy_move) from: " + _credit_text(name),
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
    return f"Your saved {name!r} score: {right} / {len(answers)} right ({round(100 * right / len(answers))}%)."


# ------------------------------------------------------------------ the widget


class RealOrFakeQuiz:
    """A real-or-fake round: one image at a time, vote, instant reveal, score, saved answers.

    Display it as the last expression of a cell (or with ``display(quiz)``).
    The parts are attributes so it can be driven from code and tested:
    ``real_button``, ``fake_button``, ``next_button`` (call ``.click()``), ``image``,
    ``feedback`` (the reveal), ``progress_label`` ("3 / 8"), ``summary`` (the final
    score and whether it was saved), ``answers`` (one dict per vote) and ``score``.

    ``name`` is the file the answers are saved under (``None``: do not save);
    ``on_finish(quiz)`` is called once after the last answer.
    """

    def __init__(
        self,
        items: list[QuizItem],
        name: str | None = "warmup",
        on_finish: Callable[["RealOrFakeQuiz"], None] | None = None,
    ):
        import ipywidgets as widgets

        self.items = list(items)
        if not self.items:
            raise CourseError("A quiz needs at least one item; try quiz.warmup_items().")
        self.name = name
        self.on_finish = on_finish
        self.answers: list[dict] = []
        self.index = 0
        self.finished = False
        self.saved_to = None
        self._voted = False
        self._shown_at = time.monotonic()

        self.caption = widgets.HTML(f"<i>{html.escape(CAPTION)}</i>")
        self.progress_label = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width=f"{DISPLAY_SIDE}px"))
        self.real_button = widgets.Button(description="Real", icon="camera", button_style="success", tooltip="I think this photo is real")
        self.fake_button = widgets.Button(description="Fake", icon="magic", button_style="danger", tooltip="I think this image was faked")
        self.next_button = widgets.Button(description="Next", icon="arrow-right", disabled=True)
        self.feedback = widgets.HTML()
        self.summary = widgets.HTML()
        self.real_button.on_click(lambda _: self.vote(False))
        self.fake_button.on_click(lambda _: self.vote(True))
        self.next_button.on_click(lambda _: self.next())
        self.buttons = widgets.HBox([self.real_button, self.fake_button])
        self.widget = widgets.VBox(
            [self.caption, self.progress_label, self.image, self.buttons, self.feedback, self.summary]
        )
        self._show_question()

    # -- state
    @property
    def score(self) -> int:
        """How many votes so far were right."""
        return sum(1 for answer in self.answers if answer["correct"])

    @property
    def current(self) -> QuizItem:
        return self.items[min(self.index, len(self.items) - 1)]

    def shown_image(self) -> np.ndarray:
        """The array on screen now: neutral strip before the vote, the answer strip after it."""
        item = self.current
        if self._voted or self.finished:
            return label.answer_strip(item.image, item.is_fake)
        return label.question_strip(item.image)

    # -- actions
    def vote(self, says_fake: bool) -> None:
        """Record a vote on the current image and reveal the answer (a second vote is ignored)."""
        if self.finished or self._voted:
            return
        item = self.current
        correct = bool(says_fake) == item.is_fake
        self.answers.append(
            {
                "question": self.index + 1,
                "kind": item.kind,
                "is_fake": item.is_fake,
                "vote": "fake" if says_fake else "real",
                "correct": correct,
                "seconds": round(time.monotonic() - self._shown_at, 1),
            }
        )
        self._voted = True
        voted = "Fake" if says_fake else "Real"
        mark, verdict, colour = (
            ("✓", f"Right: you voted {voted}.", GOOD) if correct else ("✗", f"Not this time: you voted {voted}.", PROBLEM)
        )
        self.feedback.value = message_box(
            f"<b>{mark} {verdict}</b> {html.escape(item.explanation)}"
            f'<br><small style="color:#555">{html.escape(item.credit)}</small>',
            colour,
        )
        self._render()
        # Last, so that when "Next" appears the reveal is already on screen.
        self.real_button.disabled = self.fake_button.disabled = True
        self.next_button.disabled = False
        self.next_button.description = "Next" if self.index + 1 < len(self.items) else "See my score"
        self.buttons.children = (self.real_button, self.fake_button, self.next_button)

    def next(self) -> None:
        """Go to the next image, or finish after the last one (ignored before a vote)."""
        if self.finished:
            return
        if not self._voted:
            self.feedback.value = "<i>Vote first: is this image real or fake?</i>"
            return
        self.index += 1
        if self.index >= len(self.items):
            self._finish()
        else:
            self._show_question()

    # -- drawing
    def _render(self) -> None:
        self.image.value = plots.png_bytes(self.shown_image(), max_side=DISPLAY_SIDE)
        shown = min(self.index + 1, len(self.items))
        self.progress_label.value = f"<b>{shown} / {len(self.items)}</b> &nbsp; score so far: {self.score}"

    def _show_question(self) -> None:
        self._voted = False
        self._shown_at = time.monotonic()
        self.real_button.disabled = self.fake_button.disabled = False
        self.next_button.disabled = True
        self.buttons.children = (self.real_button, self.fake_button)  # "Next" only appears after the vote
        self.feedback.value = "<i>Look closely, then vote.</i>"
        self._render()

    def _finish(self) -> None:
        self.finished = True
        self.index = len(self.items) - 1
        self.buttons.layout.display = "none"
        total = len(self.items)
        fakes = [a for a in self.answers if a["is_fake"]]
        reals = [a for a in self.answers if not a["is_fake"]]
        lines = [
            f"<h4 style='margin:4px 0'>You got {self.score} / {total} right ({round(100 * self.score / total)}%).</h4>",
            f"Real photos recognised as real: {sum(a['correct'] for a in reals)} / {len(reals)}; "
            f"fakes caught: {sum(a['correct'] for a in fakes)} / {len(fakes)}.",
        ]
        if self.name:
            try:
                self.saved_to = progress.save_answers(self.name, self.answers)
                lines.append(f"<br><small>Saved on this computer as <code>{html.escape(self.saved_to.name)}</code>; Lesson 06 compares it with your game score.</small>")
            except (CourseError, OSError) as error:
                lines.append(f"<br><small style='color:{PROBLEM}'>Your answers were not saved: {html.escape(str(error))}</small>")
        self.summary.value = "".join(lines)
        if self.on_finish is not None:
            try:
                self.on_finish(self)
            except Exception as error:  # a broken callback must not break the quiz
                self.summary.value += f"<br><small style='color:{PROBLEM}'>The end-of-quiz step failed: {html.escape(str(error))}</small>"
        self._render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
