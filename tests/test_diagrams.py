"""The autoencoder diagram: one shared encoder, two decoders, training and swapping, all labelled."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from realorfake.show import diagrams  # noqa: E402


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_autoencoder_diagram_names_the_parts_and_both_stages():
    fig = diagrams.autoencoder_diagram()
    try:
        assert isinstance(fig, Figure)
        texts = _texts(fig)
        joined = " ".join(texts)
        assert "encoder" in joined
        assert texts.count("decoder A") == 1  # only in training
        assert texts.count("decoder B") == 2  # training, and the swap
        assert "Training" in joined and "Swapping" in joined
        assert "shared" in joined
        assert "B's face with\nA's expression" in joined
        assert "GPU" in joined  # the cost of training is part of the message
    finally:
        plt.close(fig)


def test_one_encoder_and_three_decoder_shapes_per_figure():
    fig = diagrams.autoencoder_diagram()
    try:
        trapezoids = [p for p in fig.findobj(Polygon) if len(p.get_xy()) in (4, 5)]
        assert len(trapezoids) == 5  # shared encoder + decoders A and B; encoder + decoder B when swapping
    finally:
        plt.close(fig)


def test_the_diagram_renders_to_png(tmp_path):
    fig = diagrams.autoencoder_diagram()
    try:
        path = tmp_path / "diagram.png"
        fig.savefig(path, dpi=40)
        assert path.read_bytes()[:4] == b"\x89PNG"
    finally:
        plt.close(fig)
