"""The "Spot it" widget: pictures side by side, one button per picture, instant reveal.

The questions themselves (which picture was mirrored, which swap was only
pasted) are lesson content, in :mod:`realorfake.course.spot_it_questions`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np

from ..errors import CourseError
from ..show.plots import png_bytes
from .accessible import Announcer
from .common import GOOD, PROBLEM, message_box, picture_widget, widgets


class SpotIt:
    """A "Spot it" question: pictures side by side, one button per picture, instant reveal.

    ``choices`` maps a button label ("A", "B", ...) to a picture; ``answer`` is the
    right label. ``revealed`` (optional, same labels) are the pictures shown once
    the learner has answered, e.g. with the SYNTHETIC badge or a "REAL PHOTO"
    strip where ``choices`` show a neutral "REAL OR FAKE?" strip: the answer
    stays hidden until the click, even under Run All. Parts: ``choices``,
    ``buttons`` (label -> Button), ``pictures`` (label -> Picture, with alt text), ``feedback``
    (HTML), ``announcer`` (the verdict for screen readers), ``answered`` (the label clicked first, or None), ``widget``.
    Raises ``CourseError`` when ``answer`` or ``revealed`` do not match the choices.
    """

    def __init__(
        self,
        question: str,
        choices: Mapping[str, np.ndarray],
        answer: str,
        explanation: str,
        *,
        revealed: Mapping[str, np.ndarray] | None = None,
        max_side: int = 360,
    ):
        w = widgets()
        if answer not in choices:
            raise CourseError(f"The answer {answer!r} is not one of the choices {list(choices)}.")
        if revealed is not None and set(revealed) != set(choices):
            raise CourseError(f"revealed must have the same labels as the choices {list(choices)}.")
        self.choices = dict(choices)
        self.revealed = dict(revealed) if revealed is not None else None
        self.max_side = max_side
        self.answer = answer
        self.explanation = explanation
        self.answered: str | None = None
        self.buttons = {label: w.Button(description=label, layout=w.Layout(width="120px")) for label in choices}
        self.pictures = {label: picture_widget(max_side, png_bytes(image, max_side=max_side), alt=f"Picture {label}") for label, image in choices.items()}
        pictures = [w.VBox([self.pictures[label], self.buttons[label]]) for label in choices]
        self.feedback = w.HTML()
        self.announcer = Announcer()  # the verdict, read aloud by screen readers
        self.widget = w.VBox([w.HTML(f"<b>Spot it:</b> {html.escape(question)}"), w.HBox(pictures), self.feedback, self.announcer])
        for label, button in self.buttons.items():
            button.on_click(lambda _button, label=label: self.choose(label))

    def choose(self, label: str) -> bool:
        """Record an answer and reveal; returns whether it was right.

        Only the first answer counts: once the answer is revealed, another
        click changes nothing (it once turned "Not quite" into "Yes!").
        """
        if self.answered is not None:
            return self.answered == self.answer
        self.answered = label
        right = label == self.answer
        for button in self.buttons.values():
            button.disabled = True
        for name, button in self.buttons.items():
            button.button_style = "success" if name == self.answer else ("danger" if name == label else "")
        if self.revealed is not None:
            for name, image in self.revealed.items():
                self.pictures[name].value = png_bytes(image, max_side=self.max_side)
        for name, picture in self.pictures.items():
            picture.alt = f"Picture {name}: the answer, {name}." if name == self.answer else f"Picture {name}: not the answer."
        verdict = "Yes!" if right else f"Not quite: it was {self.answer}."
        self.feedback.value = message_box(f"<b>{html.escape(verdict)}</b> {html.escape(self.explanation)}", GOOD if right else PROBLEM)
        self.announcer.text = f"{verdict} {self.explanation}"
        return right

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
