"""Lesson 07's before/after chart: the learner's share right in each round, a coin-toss line, and what is missing and why.

:func:`before_after_bars` draws rows of (label, right, total, missing), such as
``course.before_after.scores()`` gives, as upright bars in the order given
(before on the left, after on the right). A missing round gets an empty,
dashed outline with the reason written in it, so the picture itself says
what to do. The caption under the chart is honest about small numbers: in a
round of 8 items each item is 12.5 points, and a change of one or two items is
within chance. The figure carries alt text (:mod:`.figure_alt`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..errors import CourseError
from ..numbers import percent_text
from .detector_pictures import REAL_COLOR
from .figure_alt import set_alt
from .plots import NOTEBOOK_WIDTH

#: Grey of the coin-toss line and of what is missing.
MUTED = "#666666"


def _check(rows) -> list[tuple[str, int | None, int | None, str]]:
    """Rows as (label, right, total, missing); ``CourseError`` for rows that are not."""
    checked = []
    for row in rows:
        try:
            label, right, total, missing = tuple(row)[:4]
        except (TypeError, ValueError):
            raise CourseError(f"Each row must be (label, right, total, missing), as course.before_after.scores() gives; got {row!r}.") from None
        if not missing and not (isinstance(right, int) and isinstance(total, int) and 0 <= right <= total and total > 0):
            raise CourseError(f"{label!r}: right and total must be whole numbers with 0 <= right <= total and total > 0, or give the reason it is missing; got {right!r} of {total!r}.")
        checked.append((str(label), right, total, str(missing)))
    if not checked:
        raise CourseError("There is nothing to draw: give at least one row, such as course.before_after.scores().")
    return checked


def caption(rows: Sequence) -> str:
    """The chart's caption: what the bars are, and how many points one item is worth in the smallest round shown."""
    totals = [total for _, _, total, missing in _check(rows) if not missing]
    text = "Bars: share of items you judged right. Dotted line: a coin toss (50%)."
    if totals:
        smallest = min(totals)
        points = 100 / smallest
        text += f" With {smallest} items each item is {points:.3g} points"
        # a change needs two scores: with one bar there is nothing to compare yet
        text += f", so a change of one or two items ({points:.3g}–{2 * points:.3g} points) is within chance." if len(totals) > 1 else "."
    return text


def before_after_bars(rows: Sequence, *, width: float = NOTEBOOK_WIDTH, title: str = "Your share right, before and after the course"):
    """Upright bars, one per row (label, right, total, missing), with the coin-toss line at 50% and a caption; returns the Figure.

    A row with a score shows its bar, "75%" and "6 of 8" above it; a row whose
    ``missing`` is set shows a dashed empty box saying "no bar:" and the
    reason. ``width`` in inches (at most :data:`NOTEBOOK_WIDTH` fits a
    notebook unshrunk). Raises ``CourseError`` for rows it cannot draw.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    checked = _check(rows)
    fig, ax = plt.subplots(figsize=(width, 5.0))
    positions = range(len(checked))
    for x, (_label, right, total, missing) in zip(positions, checked):
        if missing:
            ax.add_patch(Rectangle((x - 0.35, 0), 0.7, 0.96, fill=False, edgecolor=MUTED, linestyle="--", linewidth=1.2))
            reason = textwrap.fill(missing, 20 if len(checked) > 2 else 32, break_on_hyphens=False)
            ax.text(x, 0.92, "no bar:\n" + reason, ha="center", va="top", fontsize=11, style="italic", color="#222222", linespacing=1.3, bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        else:
            share = right / total
            ax.bar(x, share, width=0.7, color=REAL_COLOR)
            ax.text(
                x,
                share + 0.015,
                f"{percent_text(right, total)}\n{right} of {total}",
                ha="center",
                va="bottom",
                fontsize=13,
                fontweight="bold",
                linespacing=1.1,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
    ax.axhline(0.5, color=MUTED, linestyle=":", linewidth=1.5)
    ax.text(len(checked) - 0.5, 0.5, " coin toss", ha="left", va="center", fontsize=11, color=MUTED, clip_on=False)
    ax.set_xticks(list(positions), [textwrap.fill(label, 18, break_on_hyphens=False) for label, *_ in checked], fontsize=12)
    ax.set_xlim(-0.5, len(checked) - 0.5)
    ax.set_ylim(0, 1.18)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"], fontsize=11)
    ax.set_ylabel("share right", fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, fontsize=14)
    words = caption(checked)
    fig.text(0.01, 0.01, textwrap.fill(words, 95), ha="left", va="bottom", fontsize=11, color="#333333")
    fig.tight_layout(rect=(0, 0.12, 0.95, 1))
    described = []
    for label, right, total, missing in checked:
        described.append(f"{label}: no bar, {missing}" if missing else f"{label}: {percent_text(right, total)}, {right} of {total}")
    set_alt(fig, f"Bar chart, {title}. " + "; ".join(described) + ". " + words)
    return fig


__all__ = ["before_after_bars", "caption"]
