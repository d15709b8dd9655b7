"""How the course rounds the scores it shows: halves up, as a learner rounds by hand.

Python's ``round()`` and the ``%`` format round a half to the even neighbour,
so 5 right of 8 (62.5%) would read "62%" where a learner expects "63%".

Core layer: imports nothing from the package.
"""

from __future__ import annotations

import math


def whole_percent(value: float) -> int:
    """A percentage (0 to 100, float) as a whole number (int), halves rounded up: 62.5 -> 63, 12.5 -> 13.

    Raises ValueError for NaN (a score of nothing has no percentage).
    """
    if math.isnan(value):
        raise ValueError("no percentage of nothing: the score has no votes")
    return math.floor(value + 0.5)


def percent_text(right: int, total: int) -> str:
    """``right`` of ``total`` as "63%" (halves up); raises ValueError when ``total`` is 0."""
    if total <= 0:
        raise ValueError("no percentage of nothing: the score has no votes")
    return f"{whole_percent(100 * right / total)}%"
