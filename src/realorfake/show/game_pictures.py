"""Lesson 06's pictures: an item as the Chair of Truth shows it, its reveal, and the finale's plots.

* :func:`item_frames` and :func:`on_screen` (from :mod:`realorfake.game.pictures`,
  shared with the web app): an item as a player sees it, before and after the reveal;
* :func:`calibration_plot`: how sure each side said it was against how often it
  was right (a well-calibrated player lies on the diagonal);
* :func:`fooled_plot`: the share of right votes per method, worst first ("what fooled us most").

Both plots are drawn by :mod:`realorfake.game.plots` (shared with the web app's
finale); here they become pyplot figures for a notebook, at most ``NOTEBOOK_WIDTH`` wide.
"""

from __future__ import annotations

from ..game.pictures import METHOD_NAMES, OUTLINE, item_frames, on_screen
from ..game.plots import draw_calibration, draw_fooled, fooled_height
from .plots import NOTEBOOK_WIDTH


def calibration_plot(results, *, width: float = NOTEBOOK_WIDTH * 0.6, language: str = "en"):
    """Stated confidence against accuracy, one line per player (the diagonal is perfect calibration); a Figure."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, width * 0.8))
    draw_calibration(ax, results, language)
    fig.tight_layout()
    return fig


def fooled_plot(results, *, width: float = NOTEBOOK_WIDTH * 0.7, language: str = "en"):
    """Share of right votes by method, worst first: what fooled the players most; a Figure."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, fooled_height(results)))
    draw_fooled(ax, results, language)
    fig.tight_layout()
    return fig


__all__ = ["OUTLINE", "METHOD_NAMES", "calibration_plot", "fooled_plot", "item_frames", "on_screen"]
