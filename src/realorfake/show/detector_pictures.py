"""Lesson 05's pictures: self-blend triples, the colour shortcut, training curves, ROC, confusion matrix, reliability, robustness, heat maps.

Every function returns a matplotlib Figure at most ``NOTEBOOK_WIDTH`` wide
(a notebook shows it when the cell ends). Self-blended fakes are shown with
the SYNTHETIC badge under them, as every fake the course shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import cv2
import numpy as np

from ..label import badge_below
from ..numbers import whole_percent
from .plots import NOTEBOOK_WIDTH

REAL_COLOR, FAKE_COLOR = "#0072B2", "#D55E00"


def self_blend_triples(rows: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]], *, width: float = NOTEBOOK_WIDTH):
    """One row per example: the real face, its altered copy, the blending mask, the self-blended fake (badged) and the boundary.

    ``rows``: (real, altered source, mask, fake) with crops (H, W, 3) uint8 and the mask (H, W) in 0-1.
    """
    import matplotlib.pyplot as plt

    titles = ("real face", "altered copy", "blending mask", "self-blended fake", "blending boundary")
    fig, axes = plt.subplots(len(rows), 5, figsize=(width, width / 5 * 1.12 * len(rows)), squeeze=False)
    for row, (real, source, mask, fake) in zip(axes, rows):
        boundary = 4 * mask * (1 - mask)
        for ax, picture, title in zip(row, (real, source, mask, badge_below(fake), boundary), titles):
            ax.imshow(picture, cmap="gray" if picture.ndim == 2 else None, vmin=0, vmax=1 if picture.ndim == 2 else None)
            ax.set_title(title, fontsize=10)
            ax.axis("off")
    fig.tight_layout()
    return fig


def training_curves(history: Sequence[Mapping], *, width: float = NOTEBOOK_WIDTH, budget: float | None = None):
    """Loss and validation AUC against seconds of training, side by side (``history`` as ``train`` records it).

    The dotted lines are a coin toss's values (loss ln 2 = 0.69 for always answering 50%, AUC 0.5), labelled at
    the right; the best AUC, the model ``train`` keeps, is ringed. ``budget`` (s) fixes the time axis, a little
    longer than the budget, since the last evaluation comes just after it.
    """
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(width, 3.0))
    seconds = [row["seconds"] for row in history]
    aucs = [row["validation_auc"] for row in history]
    left.plot(seconds, [row["loss"] for row in history], color="#444444", marker="o", markersize=3)
    right.plot(seconds, aucs, color=FAKE_COLOR, marker="o", markersize=3)
    if aucs:
        best = int(np.argmax(aucs))
        right.plot(seconds[best], aucs[best], marker="o", markersize=11, markerfacecolor="none", markeredgecolor="#222222", linestyle="none")
        right.annotate("kept", (seconds[best], aucs[best]), textcoords="offset points", xytext=(0, -17), ha="center", fontsize=9)
    for ax, level, label, low, high in ((left, np.log(2), "coin toss (always 50%): 0.69", 0, 0.85), (right, 0.5, "coin toss: 0.5", 0.4, 1.0)):
        ax.axhline(level, color="#999999", linestyle=":", linewidth=1)
        ax.text(0.99, level + 0.01 * (high - low), label, transform=ax.get_yaxis_transform(), ha="right", va="bottom", color="#666666", fontsize=9)
        ax.set_ylim(low, high)
        ax.set_xlabel("seconds of training")
        end = max([budget * 1.08 if budget else 0.0] + [t * 1.03 for t in seconds])
        if end > 0:
            ax.set_xlim(0, end)
        ax.grid(alpha=0.3)
    left.set_title("training loss (lower is better)", fontsize=11)
    right.set_title("AUC on photos it does not train on", fontsize=11)
    fig.tight_layout()
    return fig


def _unit_square(fig, ax, xlabel: str, ylabel: str):
    """Finish a plot of shares against shares: 0-1 on both axes, square, labelled, legend at the lower right."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_aspect("equal")
    ax.legend(loc="lower right", fontsize=9)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def roc_plot(curves: Mapping[str, tuple[np.ndarray, np.ndarray, float]], *, threshold_point: tuple[float, float] | None = None, size: float = 4.4):
    """ROC curves: ``curves`` maps a name to (false-alarm rates, hit rates, AUC); an optional marked (false-alarm, hit) point."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(size, size))
    for (name, (fpr, tpr, area)), color in zip(curves.items(), (FAKE_COLOR, REAL_COLOR, "#009E73", "#CC79A7", "#E69F00")):
        ax.plot(fpr, tpr, color=color, linewidth=2, label=f"{name}: AUC {area:.2f}")
    ax.plot([0, 1], [0, 1], color="#999999", linestyle=":", label="coin toss: AUC 0.50")
    if threshold_point is not None:
        ax.plot(*threshold_point, "o", color="black", markersize=8, label="your threshold")
    return _unit_square(fig, ax, "real faces called fake (false alarms)", "fakes caught")


def confusion_plot(matrix: np.ndarray, threshold: float, *, size: float = 3.6):
    """A 2 x 2 confusion matrix (rows true real/fake, columns called real/fake) with counts in large type."""
    import matplotlib.pyplot as plt

    matrix = np.asarray(matrix)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow([[1, 0], [0, 1]], cmap="Greens", vmin=-1, vmax=2)
    for (row, col), count in np.ndenumerate(matrix):
        ax.text(col, row, str(int(count)), ha="center", va="center", fontsize=22, fontweight="bold")
    ax.set_xticks([0, 1], ["called real", "called fake"])
    ax.set_yticks([0, 1], ["real", "fake"])
    ax.set_title(f"threshold {threshold:.2f}", fontsize=11)
    fig.tight_layout()
    return fig


def reliability_diagram(predicted: np.ndarray, share: np.ndarray, brier: float, *, size: float = 4.2):
    """The reliability (calibration) diagram: share of fakes against the probability given, with the Brier score."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(size, size))
    ax.plot([0, 1], [0, 1], color="#999999", linestyle=":", label="perfectly calibrated")
    ax.plot(predicted, share, "o-", color=FAKE_COLOR, linewidth=2, label=f"detector (Brier {brier:.3f})", clip_on=False, zorder=3)
    return _unit_square(fig, ax, "probability of fake it gave", "share that really were fakes")


LEVEL_NAMES = {"jpeg": "JPEG quality", "face_px": "face width (px)", "blur": "blur (sigma, px)"}


def robustness_plot(curves: Mapping[str, Mapping[str, Sequence[tuple[float, float]]]], *, width: float = NOTEBOOK_WIDTH):
    """One panel per degradation (``"jpeg"``, ``"face_px"``, ``"blur"``): AUC against its level, worse to the right.

    ``curves`` maps a degradation to {test set name: [(level, AUC), ...]}; each set is one line.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(curves), figsize=(width, 3.3), squeeze=False)
    for ax, (kind, sets) in zip(axes[0], curves.items()):
        for (name, points), colour in zip(sets.items(), (FAKE_COLOR, REAL_COLOR, "#009E73")):
            levels, values = zip(*points)
            ax.plot(range(len(levels)), values, "o-", color=colour, linewidth=2, label=name)
        ax.set_xticks(range(len(levels)), [f"{v:g}" for v in levels], fontsize=9)
        ax.axhline(0.5, color="#999999", linestyle=":", linewidth=1)
        ax.set_ylim(0.4, 1.0)
        ax.set_xlabel(LEVEL_NAMES.get(kind, kind))
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("AUC")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=len(labels), fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    return fig


def heat_overlay(image: np.ndarray, heat: np.ndarray, *, alpha: float = 0.45) -> np.ndarray:
    """The RGB image with a heat map (H, W) in 0-1 laid over it in the 'inferno' colours, RGB uint8."""
    import matplotlib

    colours = (matplotlib.colormaps["inferno"](np.clip(heat, 0, 1))[..., :3] * 255).astype(np.float32)
    weight = alpha * np.clip(heat, 0, 1)[..., None] ** 0.5
    return np.clip(image.astype(np.float32) * (1 - weight) + colours * weight + 0.5, 0, 255).astype(np.uint8)


def heat_maps(
    crops: Sequence[np.ndarray],
    heats: Sequence[np.ndarray],
    titles: Sequence[str],
    *,
    fakes: Sequence[bool] | None = None,
    masks: Sequence[np.ndarray | None] | None = None,
    cols: int = 3,
    width: float = NOTEBOOK_WIDTH,
):
    """Crops with their heat maps laid over them, ``cols`` per row; the crops of fakes (``fakes``) get the badge below them.

    ``masks``: for a self-blend, its blend mask (H, W) float in 0-1 at the crop's size, drawn as a dashed
    outline where it reaches a tenth of its peak (around all the blend visibly changed); ``None`` for a face with none.
    """
    import matplotlib.pyplot as plt

    count = len(crops)
    rows = -(-count // cols)
    fakes = list(fakes) if fakes is not None else [False] * count
    masks = list(masks) if masks is not None else [None] * count
    fig, axes = plt.subplots(rows, cols, figsize=(width, width / cols * 1.18 * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, crop, heat, title, fake, mask in zip(axes.flat, crops, heats, titles, fakes, masks):
        heat = cv2.resize(np.asarray(heat, np.float32), crop.shape[1::-1], interpolation=cv2.INTER_LINEAR)
        picture = heat_overlay(crop, heat)
        ax.imshow(badge_below(picture) if fake else picture)
        if mask is not None and np.max(mask) > 0:
            mask = cv2.resize(np.asarray(mask, np.float32), crop.shape[1::-1], interpolation=cv2.INTER_LINEAR)
            ax.contour(mask, levels=[0.1 * float(mask.max())], colors=["#56B4E9"], linestyles="--", linewidths=1.4)
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def colour_shortcut(real: np.ndarray, fake: np.ndarray, real_colour: np.ndarray, fake_colour: np.ndarray, *, gain: float = 8.0, width: float = NOTEBOOK_WIDTH):
    """A grey real face and its self-blend (badged), each beside its colour map: where the three channels differ.

    ``real`` and ``fake`` are crops (H, W, 3) uint8; ``real_colour`` and ``fake_colour`` their
    ``evaluation.colour_map`` (H, W) uint8, shown ``gain`` times brighter so that a tint of a few levels shows.
    """
    import matplotlib.pyplot as plt

    titles = ("real face (grey photo)", f"its colour, x{gain:g}", "self-blended fake", f"its colour, x{gain:g}")
    pictures = (real, np.clip(real_colour.astype(np.float32) * gain, 0, 255), badge_below(fake), np.clip(fake_colour.astype(np.float32) * gain, 0, 255))
    fig, axes = plt.subplots(1, 4, figsize=(width, width / 4 * 1.25))
    for ax, picture, title in zip(axes, pictures, titles):
        ax.imshow(picture, cmap="magma" if picture.ndim == 2 else None, vmin=0, vmax=255 if picture.ndim == 2 else None)
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    fig.tight_layout()
    return fig


def share_right_bars(rows: Sequence[tuple[str, float]], *, width: float = NOTEBOOK_WIDTH, title: str = "", percent: bool = True, xlabel: str = "share of judgements that were right"):
    """Horizontal bars of values 0-1 with a coin-toss line at 0.5: ``rows`` are (name, value).

    ``percent`` writes the values as 73% (shares right); else as 0.73 (AUCs).
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, 0.55 * len(rows) + 1.2))
    names = [name for name, _ in rows][::-1]
    values = [value for _, value in rows][::-1]
    colours = [FAKE_COLOR if "model" in name and "shown" not in name else REAL_COLOR for name in names]
    ax.barh(names, values, color=colours)
    for y, value in enumerate(values):
        ax.text(value + 0.01, y, f"{whole_percent(100 * value)}%" if percent else f"{value:.2f}", va="center", fontsize=11)
    ax.axvline(0.5, color="#999999", linestyle=":")
    ax.set_ylim(-1.1, len(rows) - 0.5)
    ax.text(0.51, -0.85, "coin toss", color="#666666", fontsize=9, va="center")  # below the bars, inside the frame
    ax.set_xlim(0, 1.12)  # room for the label of a bar that reaches 1.00, beyond the scale's end
    ax.set_xticks(np.linspace(0, 1, 6))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(xlabel)
    ax.tick_params(axis="y", labelsize=10)
    if title:
        ax.set_title(title, fontsize=11)
    fig.tight_layout()
    return fig


__all__ = ["colour_shortcut", "confusion_plot", "heat_maps", "heat_overlay", "reliability_diagram", "robustness_plot", "roc_plot", "self_blend_triples", "share_right_bars", "training_curves"]
