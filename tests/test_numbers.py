"""Scores are rounded as a learner rounds them: 5 of 8 is 63%, everywhere a score is shown."""

from __future__ import annotations

import math

import pytest

from realorfake.game.i18n import percent
from realorfake.numbers import percent_text, whole_percent


@pytest.mark.parametrize(("value", "expected"), [(62.5, 63), (12.5, 13), (37.5, 38), (87.5, 88), (50.0, 50), (0.0, 0), (100.0, 100), (66.666, 67), (33.333, 33)])
def test_halves_round_up(value, expected):
    assert whole_percent(value) == expected


def test_five_of_eight_is_63_percent_in_every_language():
    assert percent_text(5, 8) == "63%"
    assert percent(100 * 5 / 8) == "63%"
    assert percent(100 * 5 / 8, "es") == "63\xa0%"


def test_a_score_of_nothing_has_no_percentage():
    with pytest.raises(ValueError):
        percent_text(0, 0)
    with pytest.raises(ValueError):
        whole_percent(math.nan)


def test_the_before_after_summary_and_chart_say_63_for_5_of_8():
    import matplotlib

    matplotlib.use("agg")
    from realorfake.course.before_after import Score, summary
    from realorfake.show.figure_alt import alt_text
    from realorfake.show.score_pictures import before_after_bars

    rows = [Score("Lesson 01 warm-up (before)", 5, 8, key="pretest"), Score("Lesson 07 final round (after)", 7, 8, key="posttest")]
    assert "5 of 8 right (63%)" in summary(rows)
    figure = before_after_bars(rows)
    assert "63%" in alt_text(figure) and "88%" in alt_text(figure)
    assert any(text.get_text().startswith("63%") for text in figure.axes[0].texts)


def test_the_share_right_bars_say_63_for_5_of_8():
    import matplotlib

    matplotlib.use("agg")
    from realorfake.show.detector_pictures import share_right_bars

    figure = share_right_bars([("you, Lesson 01 warm-up (pre-test)", 5 / 8)], title="Shares right")
    assert "63%" in [text.get_text() for text in figure.axes[0].texts]
