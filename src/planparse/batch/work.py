"""The per-document work of a batch: pure functions of a file's bytes, run in the workers.

`parse_one` and `diff_one` read one file and return one record (a document or an error), so
they can run in any process or on any machine; `*_chunk` map them over the chunks the pool
hands out, and `encode_chunk` also does the writer's per-document encoding in the worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from typing import Any

from planparse.batch.deadline import DocumentTimeout, per_document
from planparse.dataset.diff_rows import diff_record
from planparse.dataset.jsonl import jsonl_line, plan_line
from planparse.dataset.records import (
    BatchInputError,
    Record,
    describe_error,
    error_record,
    is_error,
)


def _with_plan(path: str, then: Callable[[Any, str], Any]) -> Any:
    """`then(plan, sha256)` for the plan in a file, or an error record; within the batch's
    time limit per document (an error record too)."""
    try:
        with per_document():
            return _read_and_parse(path, then)
    except DocumentTimeout as exc:  # had it struck between the parse and the return
        return error_record(path, exc.message)


def _read_and_parse(path: str, then: Callable[[Any, str], Any]) -> Any:
    """The file is read once: the hash is that of exactly the bytes parsed."""
    from planparse.parse.pipeline import parse_source
    from planparse.readers import DEFAULT_MAX_BYTES, read_bytes, regular_file_size
    from planparse.readers.limits import check_size

    try:
        # before reading it all, and before opening a FIFO that would block
        check_size(path, regular_file_size(path), DEFAULT_MAX_BYTES)
        with open(path, "rb") as handle:
            data = handle.read()
    except Exception as exc:
        return error_record(path, describe_error(exc))
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return then(parse_source(read_bytes(data, path)), sha256)
    except Exception as exc:
        return error_record(path, describe_error(exc), sha256)


def parse_one(path: str) -> Record:
    """The `parse --format json` document of one file plus its `source_sha256`, or an error."""
    return _with_plan(path, lambda plan, sha256: {"source_sha256": sha256, **plan_dict(plan)})


def parse_chunk(paths: list[str]) -> list[Record]:
    return [parse_one(path) for path in paths]


def plan_dict(plan: Any) -> Record:
    """The document as `parse --format json` writes it."""
    return plan.to_dict()


def encode_chunk(paths: list[str], kind: str) -> list[Record]:
    """`parse_one` over `paths`, each document already encoded for a `kind` writer.

    The parent is one of the processes sharing the cores, so its per-document work (unpickle,
    serialise, flatten) is moved to the workers: a JSONL document travels as its line, a
    SQLite/CSV document as its table rows (with document id 0, which the writer sets).
    """
    if kind == "jsonl":
        return [_with_plan(path, _jsonl_record) for path in paths]
    return [encode(parse_one(path), kind) for path in paths]


def _jsonl_record(plan: Any, sha256: str) -> Record:
    """`encode(parse_one(path), "jsonl")`, the line written from the plan itself."""
    return {"source_sha256": sha256, "path": plan.meta.file, "jsonl": plan_line(plan, sha256)}


def encode(record: Record, kind: str) -> Record:
    if is_error(record):
        return record
    head = {"source_sha256": record["source_sha256"], "path": record["meta"]["file"]}
    if kind == "jsonl":
        return {**head, "jsonl": jsonl_line(record)}
    from planparse.dataset.sqlite import document_rows

    return {**head, "rows": document_rows(record, 0)}


def work_for(kind: str) -> Callable[[list[str]], list[Record]]:
    return partial(encode_chunk, kind=kind)


_UPPER: Any = None
_DIFF_OPTIONS: Any = None


def set_upper(upper: Any, options: Any = None) -> None:
    """Worker initializer for batch-diff: the upper Plan, parsed once by the parent."""
    global _UPPER, _DIFF_OPTIONS
    _UPPER, _DIFF_OPTIONS = upper, options


def diff_one(path: str) -> Record:
    """One summary row (plus its indicator pairs) for a lower plan against the upper plan."""
    return _with_plan(path, _diff_against_upper)


def _diff_against_upper(plan: Any, sha256: str) -> Record:
    from planparse.compare.diff import DiffOptions, diff_plans

    result = diff_plans(plan, _UPPER, _DIFF_OPTIONS or DiffOptions()).to_dict()
    return diff_record(result, plan.meta.file, sha256, plan.meta)


def batch_diff_options(factory: Callable[..., Any], **given: float | None) -> Any:
    """DiffOptions with the thresholds given and no word-level text diff: the summary does
    not show it, and it would load jieba's dictionary (about 1 s) in every worker."""
    options = factory(**{k: v for k, v in given.items() if v is not None})
    if hasattr(options, "text_diff"):
        options.text_diff = False
    return options


def load_upper(path: str) -> Any:
    """The upper plan of a batch-diff, parsed once; any problem stops the batch."""
    plan = _with_plan(path, lambda plan, _sha256: plan)
    if isinstance(plan, dict):
        raise BatchInputError(f"{path}: {plan['error']}")
    return plan


def diff_chunk(paths: list[str]) -> list[Record]:
    return [diff_one(path) for path in paths]
