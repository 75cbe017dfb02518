"""`planparse batch` and `planparse batch-diff`: thin wrappers over planparse.batch.

Every `planparse` start-up imports this module, so it imports nothing heavy at module level
(no sqlite3, rich.progress, dask or parser): the commands import what they use.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planparse.cli.errors import fail

if TYPE_CHECKING:
    from planparse.batch import BatchStats


class OutFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes. [default: all cores]"),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar or summary; failures as a count.")
]
TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.0,
        metavar="SECONDS",
        help="Time limit per document: one over it becomes an error row "
        "('timed out after N s') and the run goes on. 0: no limit.",
    ),
]
DEFAULT_TIMEOUT = 120.0  # planparse.batch.deadline.DEFAULT_TIMEOUT, without importing it here


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
    app.command("batch-diff")(batch_diff)


def batch(
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="X.jsonl (one document a line), X.sqlite / X.db, or a folder (ending in /) "
            "of CSV tables. With --engine dask: the folder of JSONL parts.",
        ),
    ],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="DIR_OR_GLOB...",
            help="Plan files, folders (searched recursively) or glob patterns.",
        ),
    ] = None,
    fmt: Annotated[
        OutFormat | None, typer.Option("--format", "-f", help="Override the format --out implies.")
    ] = None,
    jobs: JobsOpt = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip files whose content (sha256) is already in --out."),
    ] = False,
    quiet: QuietOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    engine: Annotated[
        Engine, typer.Option(help="local: processes on this machine; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(metavar="ADDRESS", help="Dask scheduler address (with --engine dask)."),
    ] = None,
    merge: Annotated[
        str | None,
        typer.Option(
            metavar="PARTS_DIR",
            help="Combine the part-*.jsonl of this folder into --out instead of parsing.",
        ),
    ] = None,
) -> None:
    """Parse many plans into one dataset: JSONL, a folder of CSV tables, or SQLite.

    A file that cannot be parsed becomes an error row (path, reason) and the batch goes on.
    Exit 0 when every file was parsed, 1 if any failed, 2 on bad arguments or no input.
    """
    from planparse import batch as lib

    started = time.perf_counter()
    parts = engine is Engine.dask and merge is None  # the output is a folder of JSONL parts
    kind = "jsonl"
    try:
        if not parts:
            kind = lib.output_kind(out, fmt.value if fmt else None)
        if merge is not None:
            if inputs:
                raise lib.BatchInputError("--merge takes no input files")
            stats = _merge(lib, merge, out, kind, resume, quiet)
        elif not inputs:
            raise lib.BatchInputError("no inputs: give plan files, folders or glob patterns")
        elif engine is Engine.dask:
            stats = _dask(lib, inputs, out, scheduler, resume)
        else:
            stats = _local(lib, inputs, out, kind, jobs, resume, quiet, timeout)
    except lib.BatchInputError as exc:
        raise fail(str(exc)) from None
    if parts:  # the failures are in the parts
        where = os.path.join(out, "part-*.jsonl")
    else:
        where = lib.errors_sidecar(out) if kind == "jsonl" else out
    _report(stats, out, where, quiet, time.perf_counter() - started)
    raise typer.Exit(1 if stats.errors else 0)


def _local(
    lib: Any,
    inputs: list[str],
    out: str,
    kind: str,
    jobs: int | None,
    resume: bool,
    quiet: bool,
    timeout: float,
) -> BatchStats:
    paths = lib.find_inputs(inputs)  # before opening the output: a typo must not truncate it
    writer = lib.open_writer(kind, out, resume=resume)
    with _closing(writer), _progress(len(paths), quiet, "parsing") as notify:
        return lib.run_batch(
            paths,
            writer,
            jobs=jobs or lib.default_jobs(),
            resume=resume,
            progress=notify,
            work=lib.work_for(kind),
            timeout=timeout or None,
        )


def _merge(lib: Any, parts: str, out: str, kind: str, resume: bool, quiet: bool) -> BatchStats:
    writer = lib.open_writer(kind, out, resume=resume)
    with _closing(writer), _progress(None, quiet, "merging") as notify:
        return lib.merge_parts(parts, writer, resume=resume, progress=notify)


def _dask(lib: Any, inputs: list[str], out: str, scheduler: str | None, resume: bool) -> BatchStats:
    if not scheduler:
        raise lib.BatchInputError("--engine dask needs --scheduler ADDRESS")
    if resume:
        raise lib.BatchInputError("--resume applies to --merge, not to --engine dask")
    paths = lib.find_inputs(inputs)
    # run_dask replaces the parts of an earlier run (a merge would take them too) only
    # after dask imported, the scheduler answered and the new parts are all written.
    lib.run_dask(paths, out, scheduler)
    return lib.part_stats(out)


def batch_diff(
    upper: Annotated[
        str,
        typer.Option("--upper", "-u", metavar="PLAN", help="The reference (e.g. city) plan."),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="summary.csv, summary.jsonl, summary.xlsx or summary.sqlite / .db",
        ),
    ],
    lowers: Annotated[
        list[str],
        typer.Argument(
            metavar="LOWER_DIR_OR_GLOB...",
            help="Lower (e.g. county) plans: files, folders or globs.",
        ),
    ],
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    task_threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Minimum similarity (0-1) for a task pair to count as a match.",
        ),
    ] = None,
    indicator_threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Minimum similarity (0-1) for an indicator pair."),
    ] = None,
) -> None:
    """Diff every lower plan against one upper plan; one summary row per lower plan.

    SQLite output adds an indicator_diffs table (one row per indicator pair), so that e.g.
    "which counties downgraded a 约束性 indicator" is one query. Exit codes as for batch.
    """
    from planparse import batch as lib

    started = time.perf_counter()
    try:
        lib.diff_output_kind(out)
        upper_real = os.path.realpath(upper)
        paths = [p for p in lib.find_inputs(lowers) if os.path.realpath(p) != upper_real]
        if not paths:
            raise lib.BatchInputError("no lower plans besides the upper plan")
        from planparse.compare.diff import DiffOptions

        options = lib.batch_diff_options(
            DiffOptions, task_threshold=task_threshold, indicator_threshold=indicator_threshold
        )
        upper_plan = lib.load_upper(upper)
        writer = lib.open_diff_writer(out)
        with _closing(writer), _progress(len(paths), quiet, "diffing") as notify:
            stats = lib.run_batch(
                paths,
                writer,
                jobs=jobs or lib.default_jobs(),
                progress=notify,
                work=lib.diff_chunk,
                initializer=lib.set_upper,
                initargs=(upper_plan, options),
                timeout=timeout or None,
            )
    except lib.BatchInputError as exc:
        raise fail(str(exc)) from None
    _report(stats, out, out, quiet, time.perf_counter() - started)
    raise typer.Exit(1 if stats.errors else 0)


@contextmanager
def _closing(writer: Any) -> Iterator[None]:
    # Close (and so commit) even on Ctrl-C: what was written is what --resume skips.
    try:
        yield
    finally:
        writer.close()


Notify = Callable[[str, Any], None]


@contextmanager
def _progress(total: int | None, quiet: bool, label: str) -> Iterator[Notify]:
    """A rich progress bar on a terminal; elsewhere only the failures, one line each."""
    if quiet or not sys.stderr.isatty():

        def notify(_event: str, record: Any) -> None:
            if not quiet and record is not None and "error" in record:
                typer.echo(f"planparse: error: {record['path']}: {record['error']}", err=True)

        yield notify
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    failed = 0
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
    ) as bar:
        task = bar.add_task(label, total=total, failed=0)

        def notify(_event: str, record: Any) -> None:
            nonlocal failed
            if record is not None and "error" in record:
                failed += 1
                console.print(
                    f"error: {record['path']}: {record['error']}", markup=False, highlight=False
                )
            bar.update(task, advance=1, failed=failed)

        yield notify


def _report(stats: BatchStats, out: str, errors_at: str, quiet: bool, seconds: float) -> None:
    """One summary line on stderr, wherever it goes (a log needs it as much as a terminal);
    with --quiet only a count of failures."""
    if quiet:
        if stats.errors:
            typer.echo(
                f"planparse: {stats.errors} of {stats.total} files failed (see {errors_at})",
                err=True,
            )
        return
    rate = (stats.documents + stats.errors) / seconds if seconds > 0 else 0.0
    skipped = f", {stats.skipped} skipped (already in {out})" if stats.skipped else ""
    failed = f", {stats.errors} failed (see {errors_at})" if stats.errors else ""
    typer.echo(
        f"planparse: {stats.documents} documents{failed}{skipped} in {seconds:.1f} s "
        f"({rate:.0f} files/s) -> {out}",
        err=True,
    )
