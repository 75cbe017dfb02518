"""Many plans at once: find the files, parse each in a worker, stream records to a writer.

The per-document work (`parse_one`, `diff_one`) is a pure function of a file's bytes, so it
can run in any process or on any machine (ProcessPoolExecutor here, Dask as an extra); all
state (writers, resume, progress) stays in the parent. A record is either a document (the
`parse --format json` document with `source_sha256` first) or an error record
(`{"error": reason, "path": ..., "source_sha256": ...}`), so a bad file never stops a batch.

Memory stays flat in the number of documents: at most a few chunks are in flight, and each
result goes to the writer as soon as it arrives, in completion order.

The modules, each with one job:

- `records`: the record, error records, the `Writer` protocol and `BatchStats`;
- `inputs`: the plan files named by paths, folders and globs, and their content hash;
- `work`: the per-document work run in the workers (`parse_one`, `diff_one`, `encode`);
- `diff_rows`: a diff flattened into a batch-diff summary row and its indicator pairs;
- `pool`: the local process pool, which a crashing file cannot stop;
- `deadline`: the time limit per document (`--timeout`);
- `run`: a local batch, with `--resume` and progress, into a writer;
- `dask_engine`: `--engine dask` and merging its JSONL parts;
- `jsonl`: JSONL lines and writers, and the hashes `--resume` reads back;
- `outputs`: choosing the writer from `--out` and `--format`.

Everything that other modules use is importable from `planparse.batch` itself.
"""

from planparse.batch.dask_engine import iter_parts, merge_parts, part_stats, run_dask
from planparse.batch.deadline import DEFAULT_TIMEOUT, DocumentTimeout, timed_out
from planparse.batch.inputs import CONVERT_EXTENSIONS, EXTENSIONS, file_sha256, find_inputs
from planparse.batch.pool import CRASHED, chunked, default_jobs, run_parallel
from planparse.batch.run import run_batch
from planparse.batch.work import (
    batch_diff_options,
    diff_chunk,
    diff_one,
    encode,
    encode_chunk,
    load_upper,
    parse_chunk,
    parse_one,
    plan_dict,
    set_upper,
    work_for,
)
from planparse.dataset.diff_rows import (
    DIFF_COLUMNS,
    INDICATOR_DIFF_COLUMNS,
    diff_error_row,
    diff_record,
)
from planparse.dataset.jsonl import (
    DiffJsonlWriter,
    JsonlWriter,
    errors_sidecar,
    jsonl_hashes,
    jsonl_line,
)
from planparse.dataset.outputs import (
    JSONL_SUFFIXES,
    SQLITE_SUFFIXES,
    diff_output_kind,
    open_diff_writer,
    open_writer,
    output_kind,
)
from planparse.dataset.records import (
    BatchInputError,
    BatchStats,
    Progress,
    Record,
    Writer,
    describe_error,
    error_record,
    is_error,
)

__all__ = [
    "CONVERT_EXTENSIONS",
    "CRASHED",
    "DEFAULT_TIMEOUT",
    "DIFF_COLUMNS",
    "EXTENSIONS",
    "INDICATOR_DIFF_COLUMNS",
    "JSONL_SUFFIXES",
    "SQLITE_SUFFIXES",
    "BatchInputError",
    "BatchStats",
    "DiffJsonlWriter",
    "DocumentTimeout",
    "JsonlWriter",
    "Progress",
    "Record",
    "Writer",
    "batch_diff_options",
    "chunked",
    "default_jobs",
    "describe_error",
    "diff_chunk",
    "diff_error_row",
    "diff_one",
    "diff_output_kind",
    "diff_record",
    "encode",
    "encode_chunk",
    "error_record",
    "errors_sidecar",
    "file_sha256",
    "find_inputs",
    "is_error",
    "iter_parts",
    "jsonl_hashes",
    "jsonl_line",
    "load_upper",
    "merge_parts",
    "open_diff_writer",
    "open_writer",
    "output_kind",
    "parse_chunk",
    "parse_one",
    "part_stats",
    "plan_dict",
    "run_batch",
    "run_dask",
    "run_parallel",
    "set_upper",
    "timed_out",
    "work_for",
]
