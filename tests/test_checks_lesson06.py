"""Lesson 06's checks: the model answers pass; the usual mistakes are named; the package's own answer is refused."""

from __future__ import annotations

import pytest

from realorfake.course.checks import lesson06 as checks
from realorfake.game import scoring


def brier(votes):
    total = 0.0
    for answer, confidence, truth in votes:
        p = confidence / 100 if answer == "fake" else 1 - confidence / 100
        total += (p - (1 if truth == "fake" else 0)) ** 2
    return total / len(votes)


def banked(share, ana_right, ben_right):
    right = int(ana_right) + int(ben_right)
    return share if right == 2 else share // 2 if right == 1 else 0


def winner(sides):
    return sorted(sides, key=lambda name: sides[name])[0]


def test_the_model_answers_pass():
    assert checks.brier_score(brier).passed
    assert checks.couple_money(banked).passed
    assert checks.who_wins(winner).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda votes: sum(((c if a == "fake" else 100 - c) - 100 * (t == "fake")) ** 2 for a, c, t in votes) / len(votes), "80 % is 0.8"),
        (lambda votes: sum((scoring.p_fake(a, c) - (t == "fake")) ** 2 for a, c, t in votes), "Divide by the number"),
        (lambda votes: sum(abs(scoring.p_fake(a, c) - (t == "fake")) for a, c, t in votes) / len(votes), "Square each difference"),
        (lambda votes: sum((c / 100 - (t == "fake")) ** 2 for a, c, t in votes) / len(votes), "30 % chance of fake"),
        (lambda votes: scoring.brier(votes), "the package's own answer"),
    ],
)
def test_the_usual_brier_mistakes_are_named(answer, words):
    feedback = checks.brier_score(answer)
    assert not feedback.passed and words in " ".join([feedback.message, *feedback.details])


def test_the_usual_money_and_winner_mistakes_are_named():
    whole = checks.couple_money(lambda share, a, b: share if (a or b) else 0)
    assert not whole.passed and "in full only when both" in " ".join(whole.details)
    halves = checks.couple_money(lambda share, a, b: share if a and b else share / 2 if (a or b) else 0)
    assert not halves.passed and "whole cents" in halves.message
    by_brier = checks.who_wins(lambda sides: min(sides, key=lambda n: sides[n][1]))
    assert not by_brier.passed and "Mistakes come first" in " ".join(by_brier.details)
    borrowed = checks.who_wins(lambda sides: scoring.ranking(sides)[0])
    assert not borrowed.passed and "scoring.ranking" in borrowed.message
    assert "not written yet" in checks.who_wins(lambda sides: (_ for _ in ()).throw(NotImplementedError("hint"))).message
