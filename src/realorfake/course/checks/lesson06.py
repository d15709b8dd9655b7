"""Checks for Lesson 06 (the game): the Brier score, the couple's money, and who wins a tie.

Each check runs the learner's function on small cases with known answers,
names the usual mistakes, and refuses the package's own answer to the exercise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...game import scoring
from .feedback import Feedback, borrowed, call, check, failed, numbers, passed

BRIER_CASES = [
    [("fake", 100, "fake")],
    [("real", 100, "fake")],
    [("fake", 80, "fake"), ("real", 70, "fake"), ("real", 90, "real")],
    [("real", 50, "real"), ("fake", 60, "real"), ("fake", 95, "fake"), ("real", 75, "fake")],
]


@check
def brier_score(brier: Callable[[list], Any]) -> Feedback:
    """Check ``brier(votes)`` on (answer, confidence %, truth) votes against the mean of (p_fake - is_fake)²."""
    if (copied := borrowed(brier, {"brier": "scoring.brier", "brier_score_loss": "sklearn.metrics.brier_score_loss"})) is not None:
        return copied
    for votes in BRIER_CASES:
        value = numbers(call(brier, list(votes), name="brier"), flat=True)
        if value is None or value.size != 1:
            return failed("brier must return one number (0 is perfect, 1 is always certain and wrong).")
        got, expected = float(value[0]), scoring.brier(votes)
        if abs(got - expected) <= 1e-9:
            continue
        p = [scoring.p_fake(a, c) for a, c, _ in votes]
        y = [1.0 if t == "fake" else 0.0 for _, _, t in votes]
        percent = sum((100 * pi - 100 * yi) ** 2 for pi, yi in zip(p, y)) / len(votes)
        if abs(got - percent) <= 1e-6:
            return failed(f"On {votes} you get {got:.1f}; expected {expected:.4f}.", "Turn the confidence into a probability first: 80 % is 0.8.")
        if abs(got - sum((pi - yi) ** 2 for pi, yi in zip(p, y))) <= 1e-9 and len(votes) > 1:
            return failed(f"On {votes} you get {got:.4f}, the sum; expected the mean, {expected:.4f}.", "Divide by the number of votes.")
        if abs(got - sum(abs(pi - yi) for pi, yi in zip(p, y)) / len(votes)) <= 1e-9:
            return failed(f"On {votes} you get {got:.4f}; expected {expected:.4f}.", "Square each difference: the Brier score punishes a confident mistake much more than a hesitant one.")
        naive = sum(((c / 100) - y_) ** 2 for (_, c, _), y_ in zip(votes, y)) / len(votes)
        if abs(got - naive) <= 1e-9:
            return failed(
                f"On {votes} you get {got:.4f}; expected {expected:.4f}.",
                'The confidence is about the answer given: saying "real" with 70 % means a 30 % chance of fake.',
            )
        return failed(
            f"On {votes} you get {got:.4f}; expected {expected:.4f}.", "For each vote: p = its probability of fake; add up (p - 1)² for a fake and p² for a real item; divide by the number of votes."
        )
    return passed(
        "Well done: your Brier score matches on every example.",
        "0 is perfect; 0.25 is what you get by always saying 50 %; a confident mistake costs up to 1. It breaks ties in the game: being sure and right beats guessing.",
    )


@check
def couple_money(banked: Callable[[int, bool, bool], Any]) -> Feedback:
    """Check ``banked(share, ana_right, ben_right)``: the cents a couple banks for one item."""
    for share in (2500000, 2500001):
        for ana in (True, False):
            for ben in (True, False):
                value = numbers(call(banked, share, ana, ben, name="banked"), flat=True)
                if value is None or value.size != 1:
                    return failed("banked must return one number of cents.")
                expected = scoring.couple_share(share, int(ana) + int(ben))
                if float(value[0]) != expected:
                    if ana != ben and float(value[0]) == share:
                        return failed(
                            f"With one partner right you bank {value[0]:.0f} cents, the whole share; expected half, {expected}.",
                            "In the couple round an item is banked in full only when both are right.",
                        )
                    if ana != ben and float(value[0]) == share / 2:
                        return failed(f"With one partner right you bank {value[0]} cents; money is counted in whole cents: {expected}.", "Use whole-number division: share // 2.")
                    return failed(
                        f"share {share}, Ana right {ana}, Ben right {ben}: you bank {value[0]}; expected {expected}.", "Both right: the share; one right: half of it (whole cents); neither: nothing."
                    )
    return passed("Well done: the couple banks in full only when both are right.", "That is the show's rule: a couple wins as a couple.")


TIES = [
    ({"Reds": (3, 0.21), "Blues": (2, 0.30), "Greens": (2, 0.18)}, "Greens"),
    ({"Ana & Ben": (1, 0.12), "Cris & Dani": (1, 0.09)}, "Cris & Dani"),
    ({"A": (4, 0.05), "B": (5, 0.01)}, "A"),
]


@check
def who_wins(winner: Callable[[dict], Any]) -> Feedback:
    """Check ``winner(sides)`` for {name: (mistakes, Brier score)}: fewest mistakes, ties broken by the lower Brier score."""
    if (copied := borrowed(winner, {"ranking": "scoring.ranking"})) is not None:
        return copied
    for sides, expected in TIES:
        got = call(winner, dict(sides), name="winner")
        if got == expected:
            continue
        by_brier = min(sides, key=lambda n: sides[n][1])
        most = max(sides, key=lambda n: (sides[n][0], -sides[n][1]))
        if got == by_brier:
            return failed(f"For {sides} you chose {got!r}, the best Brier score; expected {expected!r}.", "Mistakes come first; the Brier score only breaks a tie.")
        if got == most or got == max(sides, key=lambda n: sides[n][1]):
            return failed(f"For {sides} you chose {got!r}; expected {expected!r}.", "Fewest mistakes wins, and among those the LOWER Brier score (0 is perfect).")
        return failed(f"For {sides} you chose {got!r}; expected {expected!r}.", "Sort by (mistakes, Brier score) and take the first.")
    return passed("Well done: fewest mistakes wins, and a tie goes to the better-calibrated side.", "sorted(sides, key=lambda n: sides[n]) does it: tuples compare item by item.")
