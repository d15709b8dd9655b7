"""Content credentials as pictures: each file beside what a C2PA reader says about it (Lesson 07)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..images import load_image, resize_longest
from ..provenance import Credentials
from .figure_alt import set_alt
from .plots import NOTEBOOK_WIDTH

#: A state's band: the words on it and its colour (darkened Okabe-Ito hues: white text on each has a contrast of at
#: least 5:1, above WCAG's 4.5:1; the words carry the meaning, not the colour alone).
STATE_BANDS = {
    "trusted": ("TRUSTED", "#00785A"),
    "valid": ("SIGNER UNKNOWN", "#8C6500"),
    "invalid": ("BROKEN", "#B34700"),
    "none": ("NO CREDENTIALS", "#6E6E6E"),
}


def credentials_panels(panels: Sequence[tuple[str, str, Credentials]], *, width: float = NOTEBOOK_WIDTH, wrap: int = 26):
    """One column per file: the picture, a band naming what its credentials say, and the reason in a few words.

    ``panels`` are (title, image path, Credentials). The band's words say the
    state (trusted, signer unknown, broken, none); under it come the source type
    when the file says it is synthetic, or the first problem found. Returns the
    matplotlib figure, with alt text listing each file's state.
    """
    import matplotlib.pyplot as plt

    count = len(panels)
    fig, axes = plt.subplots(2, count, figsize=(width, 4.9), gridspec_kw={"height_ratios": [3.0, 1.5]}, squeeze=False)
    summary = []
    for column, (title, path, found) in enumerate(panels):
        picture, words = axes[0][column], axes[1][column]
        picture.imshow(resize_longest(load_image(path, max_side=None), 400, enlarge=False))
        picture.set_title(textwrap.fill(title, wrap), fontsize=10.5)
        picture.axis("off")
        text, colour = STATE_BANDS.get(found.state, STATE_BANDS["invalid"])
        words.axis("off")
        words.text(
            0.5,
            0.95,
            text,
            color="white",
            fontsize=10,
            fontweight="bold",
            ha="center",
            va="top",
            transform=words.transAxes,
            bbox={"boxstyle": "round,pad=0.35", "facecolor": colour, "edgecolor": "none"},
        )
        words.text(0.5, 0.66, textwrap.fill(_detail(found), wrap), fontsize=9, ha="center", va="top", transform=words.transAxes)
        summary.append(f"{title}: credentials {text.lower()}")
    fig.tight_layout()
    return set_alt(fig, "The same fake, four ways. " + "; ".join(summary) + ".")


def _detail(found: Credentials) -> str:
    """A few words under the band: what the file says it is, or what went wrong."""
    if found.state == "none":
        return "Nothing to check: that says nothing about whether it is real."
    if found.state == "invalid":
        return found.failures[0] if found.failures else "Something does not check out."
    said = f"Says: {found.source_type}." if found.source_type else "Says nothing about how it was made."
    if found.state == "valid":
        return f"{said} Intact, but anyone can make a signer like this one."
    return f"{said} Intact, and signed by a signer this computer trusts."
