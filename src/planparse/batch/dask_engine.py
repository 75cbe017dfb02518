"""`--engine dask`: parse on a Dask cluster into JSONL parts, then merge the parts locally.

The parts are plain JSONL (one record a line, errors included), so merging them into any
writer needs neither Dask nor the cluster.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from planparse.batch.work import parse_one
from planparse.dataset.jsonl import jsonl_line
from planparse.dataset.records import (
    BatchInputError,
    BatchStats,
    Progress,
    Record,
    Writer,
    error_record,
    is_error,
)


def iter_parts(parts_dir: str) -> Iterator[Record]:
    """The records of every part-*.jsonl in a folder (the output of `--engine dask`)."""
    files = sorted(Path(parts_dir).glob("part-*.jsonl"))
    if not files:
        raise BatchInputError(f"{parts_dir}: no part-*.jsonl files to merge")
    for part in files:
        with part.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    yield error_record(f"{part}:{number}", f"unreadable part line: {exc.msg}")


def merge_parts(
    parts_dir: str, writer: Writer, *, resume: bool = False, progress: Progress | None = None
) -> BatchStats:
    stats = BatchStats()
    notify = progress or (lambda _event, _record: None)
    for record in iter_parts(parts_dir):
        stats.total += 1
        sha256 = record.get("source_sha256")
        if resume and not is_error(record) and sha256 and writer.known(sha256):
            stats.skipped += 1
            notify("skipped", None)
            continue
        record = writer.add(record)
        stats.errors += is_error(record)
        stats.documents += not is_error(record)
        notify("done", record)
    return stats


def run_dask(paths: list[str], out_dir: str, scheduler: str, partition_size: int = 64) -> None:
    """`parse_one` over `paths` on an existing Dask cluster, one JSONL part per partition.

    The workers read the files and write the parts themselves, so both must be on storage
    they share, at the same absolute paths (documents name their file by absolute path).

    The parts of an earlier run in `out_dir` (which a merge would take too) are replaced
    only once the new ones are complete: dask must import, the scheduler must answer and
    the run must finish first, so a failed run leaves the previous parts as they were.
    """
    db, client_class = _import_dask()
    with _connect(client_class, scheduler):
        os.makedirs(out_dir, exist_ok=True)
        # Written beside the old parts, under a name `part-*.jsonl` never matches.
        staging = os.path.join(out_dir, f".parts-{uuid.uuid4().hex}")
        os.makedirs(staging)
        try:
            absolute = [os.path.abspath(p) for p in paths]
            bag = db.from_sequence(absolute, partition_size=partition_size)
            bag = bag.map(parse_one).map(jsonl_line)
            bag.to_textfiles(
                os.path.join(staging, "part-*.jsonl"),
                name_function=lambda index: f"{index:05d}",
                encoding="utf-8",
                last_endline=True,
            )
            _swap_parts(staging, out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _import_dask() -> tuple[Any, Any]:
    try:
        import dask.bag as db
        from dask.distributed import Client
    except ImportError:
        raise BatchInputError(
            "--engine dask needs the optional extra: pip install 'planparse[dask]'"
        ) from None
    return db, Client


def _connect(client_class: Any, scheduler: str) -> Any:
    try:
        return client_class(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:  # refused, timed out, bad address
        raise BatchInputError(
            f"--scheduler {scheduler}: cannot reach the Dask scheduler: {exc}"
        ) from None


def _swap_parts(staging: str, out_dir: str) -> None:
    """Remove the previous run's parts from `out_dir`, then move the new ones in."""
    for stale in os.listdir(out_dir):
        if stale.startswith("part-") and stale.endswith(".jsonl"):
            os.remove(os.path.join(out_dir, stale))
    for name in sorted(os.listdir(staging)):
        os.replace(os.path.join(staging, name), os.path.join(out_dir, name))


def part_stats(parts_dir: str) -> BatchStats:
    """Documents and errors in a folder of parts, read cheaply from each line's first key."""
    stats = BatchStats()
    for part in sorted(Path(parts_dir).glob("part-*.jsonl")):
        with part.open("rb") as handle:
            for line in handle:
                if line.strip():
                    stats.total += 1
                    stats.errors += line.startswith(b'{"error"')
    stats.documents = stats.total - stats.errors
    return stats
