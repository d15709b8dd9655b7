"""A timeline drawn with matplotlib: events along a line, each with its time and a short text."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..errors import WrongShape
from .plots import NOTEBOOK_WIDTH


def draw_timeline(events: Sequence[tuple[str, str]], *, title: str = "", width: float = NOTEBOOK_WIDTH, wrap: int = 22):
    """Draw ``events`` ((when, what) pairs, in order) left to right on one line; returns the matplotlib figure.

    Texts are wrapped at ``wrap`` characters and alternate above and below the
    line so that neighbours never overlap; ``width`` is the figure's width in
    inches (by default ``NOTEBOOK_WIDTH``, the widest a notebook shows unshrunk). Raises
    ``WrongShape`` for an empty list.
    """
    import matplotlib.pyplot as plt

    if not events:
        raise WrongShape("draw_timeline() needs at least one (when, what) event.")
    fig, ax = plt.subplots(figsize=(width, 3.6))
    count = len(events)
    ax.plot([-0.5, count - 0.5], [0, 0], color="#555", linewidth=2, zorder=1)
    for index, (when, what) in enumerate(events):
        up = index % 2 == 0
        ax.scatter([index], [0], s=90, color="#D55E00" if index == count - 1 else "#0072B2", zorder=2)
        ax.annotate(when, (index, 0), xytext=(0, -16 if up else 12), textcoords="offset points", ha="center", va="top" if up else "bottom", fontsize=11, fontweight="bold")
        ax.annotate(textwrap.fill(what, wrap), (index, 0), xytext=(0, 14 if up else -16), textcoords="offset points", ha="center", va="bottom" if up else "top", fontsize=10.5)
    ax.set_xlim(-0.6, count - 0.4)
    ax.set_ylim(-1, 1)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=12)
    fig.tight_layout()
    from .figure_alt import set_alt

    return set_alt(fig, (f"{title}. " if title else "Timeline. ") + " ".join(f"{when}: {what}" for when, what in events))
