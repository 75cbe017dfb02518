"""A time limit per document in a batch, so that no single file can stall the run.

Two layers. In the process doing the work, a wall-clock timer (SIGALRM) interrupts the
document after the limit: the Python code, and the regex engine, notice it at once, the
document becomes an error record ("timed out after N s") and the worker goes on. Native code
that never returns to Python cannot be interrupted that way, so the pool (planparse.batch.pool)
also watches from the parent: a worker that overruns is killed and replaced, and its document
reported the same way.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from planparse.model import PlanParseError

DEFAULT_TIMEOUT = 120.0  # seconds per document; a typical plan takes 10-50 ms

_limit: float | None = None  # this process's limit, set by `configure`


def timed_out(seconds: float) -> str:
    """The reason an error record gives."""
    return f"timed out after {seconds:g} s"


class DocumentTimeout(PlanParseError):
    def __init__(self, seconds: float) -> None:
        super().__init__("", timed_out(seconds))


def configure(seconds: float | None) -> None:
    """The limit for documents processed in this process; None or 0 for none."""
    global _limit
    _limit = seconds or None


def current() -> float | None:
    return _limit


@contextmanager
def per_document() -> Iterator[None]:
    """Raise DocumentTimeout inside the body once the limit has passed.

    Only where a timer can be set: the main thread of a process on a POSIX system (every
    worker of the local pool). Elsewhere the body runs unlimited, as it would without --timeout.
    """
    seconds = _limit
    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
