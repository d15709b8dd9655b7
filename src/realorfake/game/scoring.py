"""The game's arithmetic: the pot's shares, money banked, the Brier score, calibration and the ranking.

Pure functions on plain numbers, so every rule is easy to test and to read:

* the pot (``POT_EUROS``, as in the show: up to €100,000) is spread over the
  items in whole cents, the first items taking the leftover cents;
* a right answer banks its item's share; in couple mode the item is banked in
  full only when both partners are right, half when one is;
* the Brier score (Brier, *Monthly Weather Review* 1950) is the mean of
  (p - y)², where p is the probability the player gave to "fake" (their
  confidence if they said fake, 1 - confidence if they said real) and y is 1 for
  a fake, 0 for a real item: 0 is perfect, 0.25 is always saying 50%, 1 is
  always certain and always wrong;
* the ranking: fewest mistakes first, ties broken by the lower Brier score.

Game layer: imports nothing from the package.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The show's prize, in euros.
POT_EUROS = 100_000
#: Confidence bins (percent) of the calibration table: 50-59, 60-69, 70-79, 80-89, 90-100.
CONFIDENCE_BINS = ((50, 59), (60, 69), (70, 79), (80, 89), (90, 100))


def shares_in_cents(items: int, pot_euros: int = POT_EUROS) -> list[int]:
    """The pot split over ``items`` items, in whole cents, summing exactly to the pot."""
    if items < 1:
        return []
    total = pot_euros * 100
    base, left = divmod(total, items)
    return [base + (1 if k < left else 0) for k in range(items)]


def p_fake(answer: str, confidence: int) -> float:
    """The probability of "fake" a vote stands for: confidence/100 for "fake", 1 - confidence/100 for "real"."""
    return confidence / 100 if answer == "fake" else 1 - confidence / 100


def brier(votes: Sequence[tuple[str, int, str]]) -> float:
    """Brier score of (answer, confidence %, truth) votes: mean of (p_fake - is_fake)²; NaN for no votes."""
    if not votes:
        return float("nan")
    return sum((p_fake(answer, confidence) - (truth == "fake")) ** 2 for answer, confidence, truth in votes) / len(votes)


def calibration(votes: Sequence[tuple[str, int, str]]) -> list[dict]:
    """Per confidence bin: how sure players said they were and how often they were right.

    Returns one dict per bin of ``CONFIDENCE_BINS`` that holds votes:
    ``{"bin": "70-79", "votes": n, "mean_confidence": %, "accuracy": %}``.
    A well-calibrated player's accuracy matches their confidence.
    """
    table = []
    for low, high in CONFIDENCE_BINS:
        chosen = [(answer, confidence, truth) for answer, confidence, truth in votes if low <= confidence <= high]
        if chosen:
            right = sum(answer == truth for answer, _, truth in chosen)
            table.append({"bin": f"{low}-{high}", "votes": len(chosen), "mean_confidence": sum(c for _, c, _ in chosen) / len(chosen), "accuracy": 100 * right / len(chosen)})
    return table


def couple_share(share: int, right: int) -> int:
    """Cents a couple banks for one item: the full ``share`` when both partners are right, half when one is, else 0."""
    return share if right >= 2 else share // 2 if right == 1 else 0


def ranking(sides: dict[str, tuple[int, float]]) -> list[str]:
    """Side names ordered best first by (mistakes, Brier score); a NaN Brier score counts as worst."""

    def key(name: str) -> tuple[int, float, str]:
        mistakes, score = sides[name]
        return mistakes, (score if score == score else 2.0), name

    return sorted(sides, key=key)
