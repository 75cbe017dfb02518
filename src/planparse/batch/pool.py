"""A parallel map over local worker processes that a crashing file cannot stop.

Memory stays flat in the number of items: at most a few chunks are in flight, and results
are yielded as they complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from planparse.batch import deadline
from planparse.dataset.records import Record, describe_error, error_record

T = TypeVar("T")


def default_jobs() -> int:
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+: honours affinity
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


CRASHED = "the worker process died on this file (out of memory, or a crash in a native library)"
# How long past the time limit the parent waits for a worker to report a document's timeout
# itself before it kills the worker.
GRACE = 0.5


def exit_with_parent() -> None:
    """End this worker process when its parent is gone. A parent stopped by a signal (or
    shutting its pool down without waiting) does not always reach its idle workers, which
    would otherwise wait for work forever as orphans."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _start_worker(
    timeout: float | None, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    exit_with_parent()
    _warm_up()
    deadline.configure(timeout)
    if initializer is not None:
        initializer(*initargs)


# A two-line plan: parsing it imports the parser, compiles the grammar and loads the unit
# schema, so that this one-off cost is not charged to the first document's time limit.
_WARM_UP = "一、总体要求\n（一）加强组织领导。（县发展改革局牵头）"


def _warm_up() -> None:
    from planparse.parse.pipeline import parse_text

    parse_text(_WARM_UP)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's processes (its own shutdown would wait for a stuck one forever); the
    pool then reports itself broken and its pending chunks fail."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def run_parallel(
    items: Iterable[str],
    work: Callable[[list[str]], list[Record]],
    jobs: int,
    chunksize: int = 4,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    timeout: float | None = None,
) -> Iterator[Record]:
    """`work` over chunks of `items`, results yielded as they complete.

    At most `4 * jobs` chunks are in flight, which bounds memory whatever the number of
    files. If a worker dies, the chunks it may have taken are re-run one file at a time in a
    fresh single-worker pool, so that only the file that kills a worker becomes an error.

    With a `timeout` (seconds per document, see planparse.batch.deadline) a document over it
    becomes an error record. A worker stuck where its own timer cannot reach it shows as no
    chunk finishing for longer than a chunk may take: the workers are then killed and the
    unfinished chunks re-run one file at a time, each under the parent's watch.
    """
    if jobs <= 1:
        previous = deadline.current()
        try:
            _start_worker(timeout, initializer, initargs)
            for chunk in chunked(items, chunksize):
                yield from work(chunk)
        finally:
            deadline.configure(previous)
        return
    timeout = timeout or None
    stalled = None if timeout is None else chunksize * (timeout + GRACE) + timeout
    chunks = chunked(items, chunksize)
    while True:
        suspects: list[str] = []
        broken = False
        with ProcessPoolExecutor(
            jobs, initializer=_start_worker, initargs=(timeout, initializer, initargs)
        ) as pool:
            pending: dict[Future[list[Record]], list[str]] = {}
            for chunk in islice(chunks, 4 * jobs):
                pending[pool.submit(work, chunk)] = chunk
            while pending:
                done, _ = wait(pending, timeout=stalled, return_when=FIRST_COMPLETED)
                if not done:  # no chunk finished in the time one may take: a worker is stuck
                    _kill_workers(pool)
                    continue
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        results = future.result()
                    except Exception as exc:
                        broken = broken or isinstance(exc, BrokenProcessPool)
                        suspects.extend(chunk)
                        continue
                    if not broken:
                        for more in islice(chunks, 1):
                            pending[pool.submit(work, more)] = more
                    yield from results
                if broken:  # everything still pending is lost with the pool
                    for chunk in pending.values():
                        suspects.extend(chunk)
                    pending.clear()
        yield from _one_by_one(suspects, work, initializer, initargs, timeout)
        if not broken:
            return


def _one_by_one(
    paths: list[str],
    work: Callable[[list[str]], list[Record]],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    timeout: float | None,
) -> Iterator[Record]:
    if not paths:
        return

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            1, initializer=_start_worker, initargs=(timeout, initializer, initargs)
        )

    pool = new_pool()
    try:
        for path in paths:
            try:
                future = pool.submit(work, [path])
                results = future.result(timeout=None if timeout is None else timeout + GRACE)
            except FutureTimeout:  # the worker did not stop itself: stop it
                _kill_workers(pool)
                pool.shutdown(cancel_futures=True)
                pool = new_pool()
                results = [error_record(path, deadline.timed_out(timeout or 0))]
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                pool = new_pool()
                results = [error_record(path, CRASHED)]
            except Exception as exc:
                results = [error_record(path, describe_error(exc))]
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)
