"""The timer every benchmark uses (bench/ is on sys.path when `make bench` runs bench/run.py)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_ms(fn: Callable[[], object], repeat: int = 7) -> float:
    """The fastest of ``repeat`` runs, in milliseconds: the least disturbed by other load."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)
