"""Figures with alt text: a notebook shows each matplotlib figure as an image a screen reader can name.

JupyterLab draws a figure's PNG output as an ``<img>`` with no alt text, so a
screen reader says only "image". :func:`figure_html` is the figure as an HTML
``<img>`` with the same pixels and an ``alt`` made from what the figure says
about itself: ``set_alt(fig, text)`` when a lesson gives one, else its title
and its panels' titles and axis labels. ``realorfake.setup()`` registers it
with IPython, so every figure of every lesson carries it.
"""

from __future__ import annotations

import base64
import html

#: Longest alt text (characters): a screen reader reads all of it.
MAX_ALT = 400


def set_alt(fig, text: str):
    """Give ``fig`` the alt text ``text`` (what a learner should take from it); returns the figure."""
    fig._realorfake_alt = " ".join(str(text).split())
    return fig


def alt_text(fig) -> str:
    """The figure's alt text: the one set with :func:`set_alt`, else one made from its titles and labels."""
    given = getattr(fig, "_realorfake_alt", "")
    if given:
        return given[:MAX_ALT]
    parts = []
    title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    if title:
        parts.append(title)
    panels = []
    for ax in fig.axes:
        words = [ax.get_title()] + [label for label in (ax.get_xlabel(), ax.get_ylabel()) if label]
        text = " ".join(word for word in words if word).strip()
        if ax.images and not ax.get_xlabel():
            text = f"picture: {text}" if text else "picture"
        elif ax.lines or ax.collections or ax.patches:
            text = f"chart: {text}" if text else "chart"
        if text:
            panels.append(text.replace("\n", " "))
    if panels:
        parts.append(f"{len(panels)} panel{'s' if len(panels) > 1 else ''}: " + "; ".join(panels))
    return (". ".join(parts) or "A figure")[:MAX_ALT]


def figure_html(fig) -> str:
    """The figure as the PNG a notebook would show, in an ``<img>`` with alt text (HTML text)."""
    from IPython.core.pylabtools import print_figure

    png = print_figure(fig, "png", bbox_inches="tight")
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt_text(fig), quote=True)}">'
