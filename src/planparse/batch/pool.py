"""A parallel map over local worker processes that a crashing file cannot stop.

Memory stays flat in the number of items: at most a few chunks are in flight, and results
are yielded as they complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

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


def run_parallel(
    items: Iterable[str],
    work: Callable[[list[str]], list[Record]],
    jobs: int,
    chunksize: int = 4,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Record]:
    """`work` over chunks of `items`, results yielded as they complete.

    At most `4 * jobs` chunks are in flight, which bounds memory whatever the number of
    files. If a worker dies, the chunks it may have taken are re-run one file at a time in a
    fresh single-worker pool, so that only the file that kills a worker becomes an error.
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        for chunk in chunked(items, chunksize):
            yield from work(chunk)
        return
    chunks = chunked(items, chunksize)
    while True:
        suspects: list[str] = []
        broken = False
        with ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs) as pool:
            pending: dict[Future[list[Record]], list[str]] = {}
            for chunk in islice(chunks, 4 * jobs):
                pending[pool.submit(work, chunk)] = chunk
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
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
        yield from _one_by_one(suspects, work, initializer, initargs)
        if not broken:
            return


def _one_by_one(
    paths: list[str],
    work: Callable[[list[str]], list[Record]],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> Iterator[Record]:
    if not paths:
        return
    pool = ProcessPoolExecutor(1, initializer=initializer, initargs=initargs)
    try:
        for path in paths:
            try:
                results = pool.submit(work, [path]).result()
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                pool = ProcessPoolExecutor(1, initializer=initializer, initargs=initargs)
                results = [error_record(path, CRASHED)]
            except Exception as exc:
                results = [error_record(path, describe_error(exc))]
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)
