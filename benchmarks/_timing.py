"""What every benchmark script times with: the median of repeated runs (the machine is shared and noisy)."""

from __future__ import annotations

import statistics
import time


def median_ms(function, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``function``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
