"""Small helpers shared by the lessons' checks."""

from __future__ import annotations

from typing import Any

import numpy as np


def numbers(values: Any, *, flat: bool = False) -> np.ndarray | None:
    """The learner's result as a float array (flattened with ``flat=True``), or None when it is not numeric.

    ``None`` (a function that forgot to ``return``) is not numeric either.
    """
    if values is None:
        return None
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return array.ravel() if flat else array
