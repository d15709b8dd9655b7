"""The case-study timeline: every event drawn, at a width a notebook shows unshrunk."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from realorfake.course import case_study  # noqa: E402
from realorfake.errors import WrongShape  # noqa: E402
from realorfake.show.plots import NOTEBOOK_WIDTH  # noqa: E402
from realorfake.show.timeline import draw_timeline  # noqa: E402


def test_every_event_is_drawn_with_its_time_at_notebook_width():
    events = [(event.when, event.what) for event in case_study.TIMELINE]
    fig = draw_timeline(events, title="How the clip travelled")
    try:
        texts = [t.get_text().replace("\n", " ") for t in fig.findobj(Text)]
        for when, what in events:
            assert when in texts
            assert what in texts  # wrapped, but whole
        assert fig.get_size_inches()[0] == pytest.approx(NOTEBOOK_WIDTH)  # was 12 in, shown at 70%
    finally:
        plt.close(fig)


def test_an_empty_timeline_is_a_clear_error():
    with pytest.raises(WrongShape, match="at least one"):
        draw_timeline([])
