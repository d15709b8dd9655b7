"""The live training plot of Lesson 05: loss and validation AUC redrawn in one output area after each evaluation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as widgets

from ..show.detector_pictures import training_curves


class LiveTrainingPlot:
    """A callback for ``detector.training.train(on_evaluate=...)`` that redraws the curves in its own output area.

    Display ``plot.output`` above the training cell's progress bar (the cell
    does it when ``plot`` is the last line, or with ``display(plot.output)``).
    ``budget`` (seconds) fixes the time axis so the curves grow into it.
    """

    def __init__(self, budget: float | None = None) -> None:
        """An empty plot; ``budget`` (s) fixes the time axis."""
        self.budget = budget
        self.output = widgets.Output(layout=widgets.Layout(min_height="230px"))
        self.redraws = 0

    def __call__(self, history: Sequence[Mapping]) -> None:
        """Redraw the curves for ``history`` (one dict per evaluation)."""
        import matplotlib.pyplot as plt

        fig = training_curves(history, budget=self.budget)
        with self.output:
            self.output.clear_output(wait=True)
            from IPython.display import display

            display(fig)
        plt.close(fig)
        self.redraws += 1

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.output)


__all__ = ["LiveTrainingPlot"]
