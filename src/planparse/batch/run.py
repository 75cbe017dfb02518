"""A local batch: the files to do (less those `--resume` skips) through the pool into a writer.

All state (writer, resume, progress, counts) stays in this, the parent, process; each result
goes to the writer as soon as it arrives, in completion order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from planparse.batch.deadline import DEFAULT_TIMEOUT
from planparse.batch.inputs import file_sha256
from planparse.batch.pool import run_parallel
from planparse.batch.work import parse_chunk
from planparse.dataset.records import BatchStats, Progress, Record, Writer, is_error


def run_batch(
    paths: list[str],
    writer: Writer,
    *,
    jobs: int = 1,
    resume: bool = False,
    chunksize: int | None = None,
    progress: Progress | None = None,
    work: Callable[[list[str]], list[Record]] = parse_chunk,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    timeout: float | None = DEFAULT_TIMEOUT,
) -> BatchStats:
    """Run `work` over `paths` on `jobs` processes and stream every record into `writer`;
    a document that takes longer than `timeout` seconds (None: no limit) becomes an error."""
    stats = BatchStats(total=len(paths))
    notify = progress or (lambda _event, _record: None)

    def todo() -> Iterator[str]:
        for path in paths:
            if resume and _already_done(path, writer):
                stats.skipped += 1
                notify("skipped", None)
                continue
            yield path

    # Up to 8 documents a task: a task's round trip then costs well under a millisecond per
    # document even for 2 KB files (measured: 0.4 ms of parent CPU per document at 8, 0.6 at
    # 1, no gain beyond), while progress still moves every few documents and a stuck worker
    # is noticed within a few time limits (see run_parallel).
    size = chunksize or max(1, min(8, len(paths) // (8 * max(jobs, 1))))
    for result in run_parallel(todo(), work, jobs, size, initializer, initargs, timeout):
        record = writer.add(result)
        stats.errors += is_error(record)
        stats.documents += not is_error(record)
        notify("done", record)
    return stats


def _already_done(path: str, writer: Writer) -> bool:
    try:
        return writer.known(file_sha256(path))
    except OSError:  # parse_one will report it as an error row
        return False
