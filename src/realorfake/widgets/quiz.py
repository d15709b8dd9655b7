"""The real-or-fake quiz widget: one image at a time, a vote, an instant reveal, a score.

``RealOrFakeQuiz(items)`` shows each :class:`QuizItem` with a neutral "REAL OR
FAKE?" strip over its bottom edge (where every fake carries its SYNTHETIC
badge), takes a vote, reveals the answer with an explanation, and at the end
shows the score and, when given a ``save`` function, saves the answers (Lesson
01's warm-up round saves them as the pre-test: see :mod:`realorfake.course.warmup`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from .. import label
from ..errors import CourseError
from ..numbers import percent_text
from ..show.plots import png_bytes
from .accessible import Announcer, FocusableHTML
from .common import GOOD, PROBLEM, message_box, picture_widget

#: Shown above every quiz: the learner is told fakes are present and labelled.
CAPTION = "Some of these images were made by this course; every fake is labelled and revealed after your vote."

#: The color of the outline drawn round the changed part of a fake at the reveal (bright yellow).
OUTLINE_COLOR = (255, 221, 0)
#: The color of the outline round the area a copy-move's patch was copied from (sky blue, told apart from yellow).
SOURCE_COLOR = (86, 180, 233)
#: Said under a copy-move's reveal, so that the two outlines can be told apart.
COPY_MOVE_NOTE = "Yellow: the pasted copy. Blue: the area it was copied from."

#: Largest side, in pixels, of the image shown in the quiz.
DISPLAY_SIDE = 320


@dataclass(frozen=True, eq=False)  # items compare by identity: arrays have no single truth value
class QuizItem:
    """One question: an image, whether it is fake, a one-line explanation, its kind and its credit.

    ``where`` (x, y, w, h in the image's pixels, optional) is the part that was
    changed: the reveal outlines it, so the learner sees where the fake is.
    ``copied_from`` (optional, same form): for a copy-move, the area the patch
    was copied from, outlined too, so the two alike areas are both shown.
    """

    image: np.ndarray
    is_fake: bool
    explanation: str
    kind: str
    credit: str
    where: tuple[int, int, int, int] | None = None
    copied_from: tuple[int, int, int, int] | None = None

    def __repr__(self) -> str:  # keep the pixels out of the notebook
        h, w = self.image.shape[:2]
        return f"QuizItem({self.kind}, {'fake' if self.is_fake else 'real'}, {w}x{h})"


# ------------------------------------------------------------------ the widget


class RealOrFakeQuiz:
    """A real-or-fake round: one image at a time, vote, instant reveal, score, saved answers.

    Display it as the last expression of a cell (or with ``display(quiz)``).
    The parts are attributes so it can be driven from code and tested:
    ``real_button``, ``fake_button``, ``next_button`` (call ``.click()``), ``image``,
    ``feedback`` (the reveal), ``progress_label`` ("3 / 8"), ``summary`` (the final
    score and whether it was saved), ``answers`` (one dict per vote) and ``score``.

    ``save(answers)`` is called with the list of answers after every vote (so a
    kernel restart or a closed tab loses nothing) and returns the file they were
    saved to (``None``: the answers are not saved); ``answers`` are those of an
    unfinished round of the same items, to resume from (anything else starts
    afresh); ``on_finish(quiz)`` is called once after the last answer. Raises
    ``CourseError`` for an empty list of items.
    """

    def __init__(
        self,
        items: list[QuizItem],
        save: Callable[[list[dict]], Path] | None = None,
        on_finish: Callable[[RealOrFakeQuiz], None] | None = None,
        answers: list[dict] | None = None,
    ):
        import ipywidgets as widgets

        self.items = list(items)
        if not self.items:
            raise CourseError("A quiz needs at least one item; try warmup.warmup_items().")
        self.save = save
        self.on_finish = on_finish
        self.answers: list[dict] = self._resumable(answers)
        self.index = len(self.answers)
        self.finished = False
        self.saved_to = None
        self.save_problem: str | None = None
        self._voted = False
        self._shown_at = time.monotonic()

        self.caption = widgets.HTML(f"<i>{html.escape(CAPTION)}</i>")
        self.progress_label = widgets.HTML()
        self.image = picture_widget(DISPLAY_SIDE)
        self.real_button = widgets.Button(description="Real", icon="camera", button_style="success", tooltip="I think this photo is real")
        self.fake_button = widgets.Button(description="Fake", icon="magic", button_style="danger", tooltip="I think this image was faked")
        self.next_button = widgets.Button(description="Next", icon="arrow-right", disabled=True)
        self.feedback = widgets.HTML()
        self.summary = FocusableHTML()  # takes the focus at the end, when the buttons go
        self.announcer = Announcer()  # verdicts, read aloud by screen readers
        self.real_button.on_click(lambda _: self.vote(False))
        self.fake_button.on_click(lambda _: self.vote(True))
        self.next_button.on_click(lambda _: self.next())
        # "Next" stays in the row, disabled until the vote: a button added to the row at that moment
        # could miss the keyboard focus sent to it (its view is made after the message arrives)
        self.buttons = widgets.HBox([self.real_button, self.fake_button, self.next_button])
        self.widget = widgets.VBox([self.caption, self.progress_label, self.image, self.buttons, self.feedback, self.summary, self.announcer])
        self._show_question()
        if self.answers:
            self.feedback.value = f"<i>Welcome back: your first {len(self.answers)} answers were kept. Look closely, then vote.</i>"

    # -- state
    def _resumable(self, answers: list[dict] | None) -> list[dict]:
        """The answers of an unfinished round of these same items, to go on from; [] for anything else."""
        if not answers or len(answers) >= len(self.items):
            return []
        for number, (answer, item) in enumerate(zip(answers, self.items)):
            if not isinstance(answer, dict) or answer.get("question") != number + 1 or answer.get("kind") != item.kind or answer.get("is_fake") != item.is_fake:
                return []  # another round (another seed or version): start afresh
        return [dict(answer) for answer in answers]

    def _save(self) -> None:
        """Save the answers so far (each vote is kept at once: a restart or a closed tab loses nothing)."""
        if self.save is None:
            return
        try:
            self.saved_to = self.save(list(self.answers))
            self.save_problem = None
        except (CourseError, OSError) as error:
            self.save_problem = str(error)

    @property
    def score(self) -> int:
        """How many votes so far were right."""
        return sum(1 for answer in self.answers if answer["correct"])

    @property
    def current(self) -> QuizItem:
        """The item on screen now (the last one once the round is finished)."""
        return self.items[min(self.index, len(self.items) - 1)]

    def shown_image(self) -> np.ndarray:
        """The array on screen now: neutral strip before the vote, the answer strip after it."""
        item = self.current
        if self._voted or self.finished:
            revealed = label.answer_strip(item.image, item.is_fake)
            thick = max(2, round(max(revealed.shape[:2]) / 150))
            for box, color in ((item.where, OUTLINE_COLOR), (item.copied_from, SOURCE_COLOR)):  # what was changed; a copy-move's original
                if box is not None:
                    x, y, w, h = box
                    cv2.rectangle(revealed, (x, y), (x + w - 1, y + h - 1), color, thick)
            return revealed
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
                "of": len(self.items),
            }
        )
        self._voted = True
        self._save()
        voted = "Fake" if says_fake else "Real"
        mark, verdict, color = ("✓", f"Right: you voted {voted}.", GOOD) if correct else ("✗", f"Not this time: you voted {voted}.", PROBLEM)
        explanation = item.explanation + (" " + COPY_MOVE_NOTE if item.copied_from is not None else "")
        self.feedback.value = message_box(
            f'<b>{mark} {verdict}</b> {html.escape(explanation)}<br><span style="font-size:12px;color:#555">{html.escape(item.credit)}</span>',
            color,
        )
        self._render()
        # Last, so that when "Next" appears the reveal is already on screen.
        self.real_button.disabled = self.fake_button.disabled = True
        self.next_button.disabled = False
        self.next_button.description = "Next" if self.index + 1 < len(self.items) else "See my score"
        self.announcer.text = f"{verdict} It is {'a fake' if item.is_fake else 'a real photo'}. {item.explanation}"
        self.next_button.focus()  # the vote's button is now disabled: keyboard focus goes on, not back to the page

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
            self.announcer.text = f"Image {self.index + 1} of {len(self.items)}: real or fake?"
            self.real_button.focus()

    # -- drawing
    def _render(self) -> None:
        self.image.value = png_bytes(self.shown_image(), max_side=DISPLAY_SIDE)
        shown = min(self.index + 1, len(self.items))
        item = self.current
        if self._voted or self.finished:
            answer = "a fake, labelled SYNTHETIC" if item.is_fake else "a real photo"
            where = ", the changed part outlined" if item.is_fake and item.where is not None else ""
            if item.is_fake and item.where is not None and item.copied_from is not None:
                where = ", the pasted copy outlined in yellow and the area it was copied from in blue"
            self.image.alt = f"Image {shown} of {len(self.items)}, revealed: {answer}{where}."
        else:
            self.image.alt = f"Image {shown} of {len(self.items)}: real or fake? Its bottom strip is covered until you vote."
        self.progress_label.value = f"<b>{shown} / {len(self.items)}</b> &nbsp; score so far: {self.score}"

    def _show_question(self) -> None:
        self._voted = False
        self._shown_at = time.monotonic()
        self.real_button.disabled = self.fake_button.disabled = False
        self.next_button.disabled = True
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
            f"<h4 style='margin:4px 0'>You got {self.score} / {total} right ({percent_text(self.score, total)}).</h4>",
            f"Real photos recognised as real: {sum(a['correct'] for a in reals)} / {len(reals)}; fakes caught: {sum(a['correct'] for a in fakes)} / {len(fakes)}.",
        ]
        if self.save is not None:
            self._save()
            if self.save_problem is None:
                lines.append(f"<br><span style='font-size:12px'>Saved on this computer as <code>{html.escape(self.saved_to.name)}</code>; Lesson 06 compares it with your game score.</span>")
            else:
                lines.append(f"<br><span style='font-size:12px;color:{PROBLEM}'>Your answers were not saved: {html.escape(self.save_problem)}</span>")
        self.summary.value = "".join(lines)
        self.announcer.text = f"Round finished: {self.score} of {total} right."
        self.summary.focus()  # the buttons are gone: keyboard focus goes to the score, not back to the page
        if self.on_finish is not None:
            try:
                self.on_finish(self)
            except Exception as error:  # a broken callback must not break the quiz
                self.summary.value += f"<br><span style='font-size:12px;color:{PROBLEM}'>The end-of-quiz step failed: {html.escape(str(error))}</span>"
        self._render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
