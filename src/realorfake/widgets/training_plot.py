"""The live training plot of Lesson 05: loss and validation AUC, redrawn in one picture after each evaluation."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from ..show.detector_pictures import training_curves
from .accessible import Picture
from .common import widgets


class LiveTrainingPlot:
    """A callback for ``detector.training.train(on_evaluate=...)`` that redraws the training curves in place.

    Display it above the training (``display(plot)``, or as a cell's last
    line): ``picture`` is an accessible picture whose alt text gives the
    latest numbers, so a screen reader hears the progress too. ``budget``
    (seconds) fixes the time axis so the curves grow into it. ``redraws``
    counts the updates.
    """

    def __init__(self, budget: float | None = None) -> None:
        """An empty plot; ``budget`` (s) fixes the time axis."""
        w = widgets()
        self.budget = budget
        self.redraws = 0
        self.picture = Picture(layout=w.Layout(width="100%", max_width="840px"), alt="Training curves: they appear after the first evaluation.")
        self.widget = w.VBox([self.picture])

    def __call__(self, history: Sequence[Mapping]) -> None:
        """Redraw the curves for ``history`` (one dict per evaluation)."""
        import matplotlib.pyplot as plt

        fig = training_curves(history, budget=self.budget)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        plt.close(fig)
        if history:
            last = history[-1]
            self.picture.alt = f"Training curves after {last['seconds']:.0f} s: loss {last['loss']:.2f}, AUC on photos it does not train on {last['validation_auc']:.2f}."
        else:
            self.picture.alt = "Training curves: empty until the first evaluation, a few seconds in."
        self.picture.value = buffer.getvalue()
        self.redraws += 1

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


__all__ = ["LiveTrainingPlot"]
