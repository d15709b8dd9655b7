"""The finale's two plots, drawn once for the notebook and the web app: calibration, and "what fooled us most".

* :func:`draw_calibration`: how sure each player said they were against how
  often they were right (a well-calibrated player lies on the diagonal);
* :func:`draw_fooled`: the share of right votes per method, worst first;
* :func:`finale_svg`: either plot as SVG bytes for ``make play``'s finale, drawn
  on a :class:`matplotlib.figure.Figure` (no pyplot: safe in the server's threads);
* :func:`calibration_alt` and :func:`fooled_alt`: what each plot shows, in words, for its ``alt`` text.

``show.game_pictures`` wraps the ``draw_*`` functions in pyplot figures for the
notebook. Words are in the catalogue (``locale/es.po``).

Game layer: imports the game's own modules and matplotlib (never ``show``).
"""

from __future__ import annotations

import io

from . import scoring
from .i18n import percent, translate
from .pictures import METHOD_NAMES
from .scoring import CONFIDENCE_BINS

#: Colours of the fooled bars: below a coin toss (orange) and above (blue), the course's colour-blind-safe pair.
BELOW, ABOVE = "#D55E00", "#0072B2"
#: The plots the app serves, by name.
PLOTS = ("calibration", "fooled")
#: Players drawn as lines of their own with a legend; with more, the calibration plot draws the whole class as one line.
MOST_LINES = 8


def draw_calibration(ax, results, language: str = "en") -> None:
    """Stated confidence against accuracy, one line per player, on the Axes ``ax`` (the diagonal is perfect calibration)."""
    t = lambda text: translate(text, language)  # noqa: E731
    ax.plot([50, 100], [50, 100], color="#999", linestyle="--", label=t("perfectly calibrated"))
    crowd = len(results.players) > MOST_LINES  # a class: each player a thin grey line, and the class as one line
    for player in results.players:
        table = player.calibration
        if table:
            style = {"color": "#bbb", "linewidth": 0.8} if crowd else {"marker": "o", "label": player.name}
            ax.plot([row["mean_confidence"] for row in table], [row["accuracy"] for row in table], **style)
    if crowd:
        table = scoring.calibration([(row["answer"], row["confidence"], row["truth"]) for row in results.rows])
        ax.plot([row["mean_confidence"] for row in table], [row["accuracy"] for row in table], marker="o", color="#0072B2", linewidth=2.5, label=t("the whole class"))
    ax.set_xlim(48, 102)
    ax.set_ylim(-2, 102)
    ax.set_xticks([low for low, _ in CONFIDENCE_BINS] + [100])
    ax.set_xlabel(t("how sure you said you were (%)"), fontsize=11)
    ax.set_ylabel(t("how often you were right (%)"), fontsize=11)
    ax.set_title(t("Were you as right as you were sure?"), fontsize=12)
    ax.legend(fontsize=9, loc="lower right")
    ax.grid(alpha=0.3)


def fooled_methods(results) -> list[str]:
    """The methods of ``results.by_method``, the one with the fewest right votes first."""
    return sorted(results.by_method, key=lambda m: (results.by_method[m], m))


def fooled_height(results) -> float:
    """The fooled plot's height (inches): room for one bar per method."""
    return 0.45 * max(3, len(results.by_method)) + 1


def draw_fooled(ax, results, language: str = "en") -> None:
    """Share of right votes by method, worst first, on the Axes ``ax``: what fooled the players most."""
    t = lambda text: translate(text, language)  # noqa: E731
    methods = fooled_methods(results)
    values = [results.by_method[m] for m in methods]
    bars = ax.barh([t(METHOD_NAMES.get(m, m)) for m in methods], values, color=[BELOW if v < 50 else ABOVE for v in values])
    for bar, value in zip(bars, values):
        inside = value > 78  # a long bar carries its number inside, so "100 %" never runs past the chart's edge
        x = value - 2 if inside else value + 2
        ax.text(x, bar.get_y() + bar.get_height() / 2, percent(value, language), va="center", ha="right" if inside else "left", fontsize=10, color="white" if inside else "black")
    ax.invert_yaxis()  # worst first, at the top, under the title "What fooled us most"
    ax.axvline(50, color="#999", linestyle="--")
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("votes that were right (%) · dashed line: a coin toss").replace(" · ", "\n"), fontsize=10)  # two lines: it fits a phone
    ax.set_title(t("What fooled us most"), fontsize=12)


def finale_svg(results, name: str, language: str = "en", *, width: float = 4.2) -> bytes:
    """Plot ``name`` ("calibration" or "fooled") of ``results`` as SVG bytes, ``width`` inches wide (it scales on any screen).

    Text stays text (``svg.fonttype: none``): the file is a few kilobytes and a
    browser draws the words in its own font. ``KeyError`` for another name.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    draw = {"calibration": draw_calibration, "fooled": draw_fooled}[name]
    height = width * 0.8 if name == "calibration" else fooled_height(results)
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "realorfake", "font.family": "sans-serif"}):
        figure = Figure(figsize=(width, height))
        draw(figure.add_subplot(), results, language)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def calibration_alt(results, language: str = "en") -> str:
    """The calibration plot in words: each player's mean stated confidence and accuracy (the first eight players)."""
    players = []
    for player in results.players[:8]:
        votes = sum(row["votes"] for row in player.calibration)
        if votes:  # over the votes given, as the plot (a missed vote has no confidence to plot)
            sure = sum(row["mean_confidence"] * row["votes"] for row in player.calibration) / votes
            right = sum(row["accuracy"] * row["votes"] for row in player.calibration) / votes
            players.append(translate("{name}: {sure} sure, right {right}", language, name=player.name, sure=percent(sure, language), right=percent(right, language)))
    return translate("Calibration plot: how sure each player said they were against how often they were right.", language) + (" " + "; ".join(players) + "." if players else "")


def fooled_alt(results, language: str = "en") -> str:
    """The fooled chart in words: right votes per method, worst first."""
    methods = [f"{translate(METHOD_NAMES.get(m, m), language)} {percent(results.by_method[m], language)}" for m in fooled_methods(results)]
    return translate("Bar chart, what fooled us most: the share of right votes per method, worst first.", language) + (" " + "; ".join(methods) + "." if methods else "")
