"""Explanatory drawings for lessons, made from matplotlib shapes (no photos, no downloads).

:func:`autoencoder_diagram` draws how the classic deepfake software of 2017-2020
works: ONE encoder shared by both people and TWO decoders, one per person.
Training teaches each decoder to rebuild its own person from the shared code;
swapping sends a face of person A through the encoder and then through
person B's decoder. The faces in it are cartoons, not real people.

:func:`sift_diagram` draws the four SIFT moves of lateral reading as four
cards, each with what the move found in a case (Lesson 07).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch, Polygon, Wedge

from .plots import NOTEBOOK_WIDTH

#: Colours of the two people (Okabe-Ito orange and blue) and of the network parts.
PERSON_COLORS = {"A": "#E69F00", "B": "#56B4E9"}
ENCODER_COLOR = "#CFE8D8"
DECODER_COLORS = {"A": "#FBE3B0", "B": "#CDE6F7"}
INK = "#222222"


def _cartoon(ax, x: float, y: float, person: str, *, expression: str = "neutral", size: float = 3.2) -> None:
    """A simple cartoon face: head in the person's colour; ``expression`` 'neutral' or 'surprised'."""
    color = PERSON_COLORS[person]
    ax.add_patch(Circle((x, y), size, facecolor=color, edgecolor=INK, linewidth=1.2, zorder=3))
    hair = "#5b4636" if person == "A" else "#2f2f2f"
    ax.add_patch(Wedge((x, y), size, 15, 165, width=0.34 * size, facecolor=hair, edgecolor=INK, linewidth=1.0, zorder=4))
    eye_y = y - 0.02 * size
    eye_r = 0.16 * size if expression == "surprised" else 0.11 * size
    for dx in (-0.38 * size, 0.38 * size):
        ax.add_patch(Circle((x + dx, eye_y), eye_r, facecolor=INK, zorder=5))
    if expression == "surprised":  # raised brows and an open mouth: the "expression" that travels
        for dx in (-0.38 * size, 0.38 * size):
            ax.plot([x + dx - 0.18 * size, x + dx + 0.18 * size], [eye_y + 0.3 * size] * 2, color=INK, linewidth=1.3, zorder=5)
        ax.add_patch(Ellipse((x, y - 0.45 * size), 0.42 * size, 0.5 * size, facecolor="#7a2230", edgecolor=INK, linewidth=0.8, zorder=5))
    else:
        ax.plot([x - 0.3 * size, x + 0.3 * size], [y - 0.45 * size] * 2, color=INK, linewidth=1.4, zorder=5)


def _photo_stack(ax, x: float, y: float, person: str, expression: str) -> None:
    """Three overlapping cards with a cartoon face on top: 'many photos of this person'."""
    for k in (2, 1):
        ax.add_patch(FancyBboxPatch((x - 4.2 + 1.1 * k, y - 4.2 + 1.1 * k), 8.4, 8.4, boxstyle="round,pad=0.2", facecolor="white", edgecolor="#888888", linewidth=0.8, zorder=1))
    ax.add_patch(FancyBboxPatch((x - 4.2, y - 4.2), 8.4, 8.4, boxstyle="round,pad=0.2", facecolor="white", edgecolor=INK, linewidth=1.0, zorder=2))
    _cartoon(ax, x, y, person, expression=expression)


def _trapezoid(ax, x: float, y: float, width: float, tall: float, short: float, color: str, text: str, *, narrowing: bool) -> None:
    """An encoder (narrowing to the right) or decoder (widening) drawn as a trapezoid with a label."""
    left, right = (tall, short) if narrowing else (short, tall)
    corners = [(x, y - left / 2), (x + width, y - right / 2), (x + width, y + right / 2), (x, y + left / 2)]
    ax.add_patch(Polygon(corners, closed=True, facecolor=color, edgecolor=INK, linewidth=1.3, zorder=2))
    ax.text(x + width / 2, y, text, ha="center", va="center", fontsize=10, fontweight="bold", color=INK, zorder=6)


def _code(ax, x: float, y: float, person: str) -> None:
    """The small 'code' between encoder and decoder: a column of numbers describing pose and expression."""
    ax.add_patch(FancyBboxPatch((x - 0.9, y - 2.6), 1.8, 5.2, boxstyle="round,pad=0.2", facecolor="white", edgecolor=INK, linewidth=1.0, zorder=2))
    for k in range(4):
        ax.add_patch(Circle((x, y - 1.8 + 1.2 * k), 0.35, facecolor=PERSON_COLORS[person], edgecolor=INK, linewidth=0.5, zorder=3))


def _arrow(ax, start: tuple[float, float], end: tuple[float, float], color: str = INK) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, linewidth=1.4, color=color, zorder=1))


def autoencoder_diagram() -> Figure:
    """The classic deepfake autoencoder: one shared encoder, decoder A and decoder B; training and swapping.

    Returns the matplotlib Figure (in a notebook it shows when the cell ends, like
    ``plots.show``). Nothing is trained: it is a drawing.
    """
    # drawn at the width a notebook shows unshrunk, so that its 9-pt labels are 9 pt on the screen
    fig = plt.figure(figsize=(NOTEBOOK_WIDTH, NOTEBOOK_WIDTH * 84 / 124))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 124)
    ax.set_ylim(0, 84)
    ax.set_aspect("equal")
    ax.axis("off")

    # ---- training: two rows that share the encoder
    ax.add_patch(FancyBboxPatch((1, 32), 122, 50, boxstyle="round,pad=0.4", facecolor="#F7F7F7", edgecolor="#999999", linewidth=1, zorder=0))
    ax.text(3, 79.2, "1. Training: each decoder learns to rebuild its own person", fontsize=12.5, fontweight="bold", va="center")
    ax.text(3, 75.4, "thousands of photos of A and of B  ·  hours to days on a GPU", fontsize=10, color="#555555", va="center")
    rows = {"A": 63.0, "B": 45.0}
    for person, y in rows.items():
        _photo_stack(ax, 9, y, person, "surprised" if person == "A" else "neutral")
        ax.text(10, y - 7.8, f"photos of {person}", ha="center", fontsize=9.5)
        _arrow(ax, (15.5, y), (25, y))
        _arrow(ax, (43, y), (49.5, y))
        _code(ax, 52, y, person)
        _arrow(ax, (54.5, y), (60, y))
        _trapezoid(ax, 60, y, 17, 11, 4, DECODER_COLORS[person], f"decoder {person}", narrowing=False)
        _arrow(ax, (77.5, y), (88, y))
        _cartoon(ax, 93, y, person, expression="surprised" if person == "A" else "neutral")
        ax.text(98, y, f"{person} again\n(rebuilt, and\ncompared with\nthe photo)", fontsize=9, va="center")
    _trapezoid(ax, 25, 54, 18, 29, 20, ENCODER_COLOR, "encoder\n(shared)", narrowing=True)
    ax.text(52, 69.5, "code", ha="center", fontsize=9.5)
    ax.text(62, 34.6, "one encoder learns what every face has: pose, expression, lighting", ha="center", fontsize=9, style="italic")

    # ---- swapping: A's face through B's decoder
    ax.add_patch(FancyBboxPatch((1, 1.5), 122, 27, boxstyle="round,pad=0.4", facecolor="#FFF6F0", edgecolor="#D55E00", linewidth=1.2, zorder=0))
    ax.text(3, 25.6, "2. Swapping: a face of A goes in, decoder B draws it", fontsize=12.5, fontweight="bold", va="center")
    y = 13.5
    _cartoon(ax, 10, y, "A", expression="surprised")
    ax.text(10, y - 6.2, "a new photo of A", ha="center", fontsize=9.5)
    _arrow(ax, (14, y), (25, y))
    _trapezoid(ax, 25, y, 18, 13, 6, ENCODER_COLOR, "encoder", narrowing=True)
    _arrow(ax, (43, y), (49.5, y))
    _code(ax, 52, y, "A")
    _arrow(ax, (54.5, y), (60, y), color="#D55E00")
    _trapezoid(ax, 60, y, 17, 11, 4, DECODER_COLORS["B"], "decoder B", narrowing=False)
    _arrow(ax, (77.5, y), (88, y), color="#D55E00")
    _cartoon(ax, 93, y, "B", expression="surprised")
    ax.text(98, y, "B's face with\nA's expression,\npose and lighting", fontsize=9.5, va="center", fontweight="bold", color="#A04000")
    ax.text(68.5, 4.2, "the swap: decoder B instead of decoder A", ha="center", fontsize=9, style="italic", color="#A04000")
    return fig


#: The SIFT cards' colours (Okabe-Ito), left to right.
SIFT_COLORS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7")


def sift_diagram(moves: list[tuple[str, str, str]], *, title: str = "", width: float = NOTEBOOK_WIDTH, wrap: int = 24) -> Figure:
    """Four cards side by side, one per SIFT move: a big letter, the move's name, and ``text`` wrapped under it.

    ``moves`` are (letter, name, text), in order. Returns the figure; its alt
    text lists the moves and their texts.
    """
    import textwrap

    from .figure_alt import set_alt

    count = len(moves)
    fig, ax = plt.subplots(figsize=(width, 5.0))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 60)
    ax.axis("off")
    step = 100 / count
    for index, (letter, name, text) in enumerate(moves):
        colour = SIFT_COLORS[index % len(SIFT_COLORS)]
        left = index * step + 1
        ax.add_patch(FancyBboxPatch((left, 1), step - 2, 57, boxstyle="round,pad=0.4,rounding_size=2", facecolor="#F7F7F7", edgecolor=colour, linewidth=2))
        ax.add_patch(Circle((left + (step - 2) / 2, 50.5), 4.6, color=colour))
        ax.text(left + (step - 2) / 2, 50.5, letter, ha="center", va="center", fontsize=20, fontweight="bold", color="white")
        heading = textwrap.fill(name, 16)
        ax.text(left + (step - 2) / 2, 43.5, heading, ha="center", va="top", fontsize=11, fontweight="bold", color=INK)
        ax.text(left + 1.2, 43.5 - 3.6 * (heading.count("\n") + 1) - 2.5, textwrap.fill(text, wrap), ha="left", va="top", fontsize=9, color=INK, linespacing=1.25)
    if title:
        ax.set_title(title, fontsize=12)
    fig.tight_layout()
    return set_alt(fig, (title + ". " if title else "") + " ".join(f"{letter}, {name}: {text}" for letter, name, text in moves))


__all__ = ["autoencoder_diagram", "sift_diagram"]
