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
from .common import GOOD, PROBLEM, message_box, picture_widget, widgets


class SpotIt:
    """A "Spot it" question: pictures side by side, one button per picture, instant reveal.

    ``choices`` maps a button label ("A", "B", ...) to a picture; ``answer`` is the
    right label. Parts: ``choices``, ``buttons`` (label -> Button), ``feedback`` (HTML),
    ``answered`` (the label clicked first, or None), ``widget``.
    """

    def __init__(self, question: str, choices: Mapping[str, np.ndarray], answer: str, explanation: str, *, max_side: int = 360):
        w = widgets()
        if answer not in choices:
            raise CourseError(f"The answer {answer!r} is not one of the choices {list(choices)}.")
        self.choices = dict(choices)
        self.answer = answer
        self.explanation = explanation
        self.answered: str | None = None
        self.buttons = {label: w.Button(description=label, layout=w.Layout(width="120px")) for label in choices}
        pictures = [w.VBox([picture_widget(max_side, png_bytes(image, max_side=max_side)), self.buttons[label]]) for label, image in choices.items()]
        self.feedback = w.HTML()
        self.widget = w.VBox([w.HTML(f"<b>Spot it:</b> {html.escape(question)}"), w.HBox(pictures), self.feedback])
        for label, button in self.buttons.items():
            button.on_click(lambda _button, label=label: self.choose(label))

    def choose(self, label: str) -> bool:
        """Record an answer and reveal; returns whether it was right."""
        if self.answered is None:
            self.answered = label
        right = label == self.answer
        for name, button in self.buttons.items():
            button.button_style = "success" if name == self.answer else ("danger" if name == label else "")
        verdict = "Yes!" if right else f"Not quite: it was {html.escape(self.answer)}."
        self.feedback.value = message_box(f"<b>{verdict}</b> {html.escape(self.explanation)}", GOOD if right else PROBLEM)
        return right

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
