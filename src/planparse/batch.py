"""Many plans at once: find the files, parse each in a worker, stream records to a writer.

The per-document work (`parse_one`, `diff_one`) is a pure function of a file's bytes, so it
can run in any process or on any machine (ProcessPoolExecutor here, Dask as an extra); all
state (writers, resume, progress) stays in the parent. A record is either a document (the
`parse --format json` document with `source_sha256` first) or an error record
(`{"error": reason, "path": ..., "source_sha256": ...}`), so a bad file never stops a batch.

Memory stays flat in the number of documents: at most a few chunks are in flight, and each
result goes to the writer as soon as it arrives, in completion order.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Protocol, TypeVar

EXTENSIONS = (".txt", ".docx", ".html", ".htm", ".pdf")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")

Record = dict[str, Any]
T = TypeVar("T")


class BatchInputError(Exception):
    """Nothing to do, or an output that cannot be used: the whole batch stops (exit 2)."""


# --- inputs ---------------------------------------------------------------------------------


def find_inputs(patterns: Iterable[str], extensions: tuple[str, ...] = EXTENSIONS) -> list[str]:
    """Plan files named by paths, directories (searched recursively) and glob patterns.

    A file named explicitly is taken whatever its extension: the user meant it. Hidden
    entries and Word's lock files (~$name.docx) are skipped when walking a directory.
    """
    found: dict[str, str] = {}
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern, recursive=True))
            names = [m for m in matches if os.path.isdir(m) or _wanted(m, extensions)]
        elif os.path.exists(pattern):
            names = [pattern]
        else:
            raise BatchInputError(f"{pattern}: no such file or directory")
        for name in names:
            walked = _walk(name, extensions) if os.path.isdir(name) else [name]
            for path in walked:
                found.setdefault(os.path.realpath(path), path)
    if not found:
        shown = " ".join(patterns) or "(no inputs)"
        raise BatchInputError(f"no plan files ({' '.join(extensions)}) found in {shown}")
    return list(found.values())


def _wanted(name: str, extensions: tuple[str, ...]) -> bool:
    base = os.path.basename(name)
    return not base.startswith((".", "~$")) and base.lower().endswith(extensions)


def _walk(top: str, extensions: tuple[str, ...]) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _wanted(name, extensions):
                yield os.path.join(root, name)


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def output_kind(out: str, fmt: str | None = None) -> str:
    """jsonl, csv or sqlite, from --format or else from how --out is spelled."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    if out.endswith(("/", os.sep)) or os.path.isdir(out) or suffix == "":
        return "csv"
    raise BatchInputError(
        f"--out {out}: cannot tell the format; use .jsonl, .sqlite/.db, a folder ending in / "
        "(CSV tables) or --format"
    )


# --- per-document work (pure functions of the bytes) ----------------------------------------


def error_record(path: str, reason: str, sha256: str | None = None) -> Record:
    return {"error": reason, "path": path, "source_sha256": sha256}


def is_error(record: Record) -> bool:
    return "error" in record


def _with_plan(path: str, then: Callable[[Any, str], Any]) -> Any:
    """`then(plan, sha256)` for the plan in a file, or an error record.

    The file is read once: the hash is that of exactly the bytes parsed.
    """
    from planparse.parse import parse_source
    from planparse.readers import DEFAULT_MAX_BYTES, read_bytes
    from planparse.readers.limits import check_size

    try:
        check_size(path, os.path.getsize(path), DEFAULT_MAX_BYTES)  # before reading it all
        with open(path, "rb") as handle:
            data = handle.read()
    except Exception as exc:
        return error_record(path, describe_error(exc))
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return then(parse_source(read_bytes(data, path)), sha256)
    except Exception as exc:
        return error_record(path, describe_error(exc), sha256)


def describe_error(exc: BaseException) -> str:
    from planparse.model import PlanParseError

    if isinstance(exc, PlanParseError):
        return exc.message
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    # Not the user's fault: say so, so that it gets reported rather than worked around.
    return f"internal error ({type(exc).__name__}: {exc})"


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
    return [encode(parse_one(path), kind) for path in paths]


def encode(record: Record, kind: str) -> Record:
    if is_error(record):
        return record
    head = {"source_sha256": record["source_sha256"], "path": record["meta"]["file"]}
    if kind == "jsonl":
        return {**head, "jsonl": jsonl_line(record)}
    from planparse.render.sqlite_out import document_rows

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
    from planparse.diff import DiffOptions, diff_plans

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


# --- diff summaries -------------------------------------------------------------------------

BINDING = "约束性"

DIFF_COLUMNS = (
    "path",
    "sha256",
    "place",
    "title",
    "upper_path",
    "upper_place",
    "indicators_matched",
    "indicators_same",
    "indicators_lower_stricter",
    "indicators_lower_looser",
    "indicators_incomparable",
    "indicators_only_lower",
    "indicators_only_upper",
    "attribute_changes",
    "attribute_downgrades",
    "columns_matched",
    "columns_only_lower",
    "columns_only_upper",
    "tasks_full",
    "tasks_partial",
    "tasks_only_lower",
    "tasks_only_upper",
    "lead_changed",
    "basis_consistent",
    "summary",
    "error",
)

INDICATOR_DIFF_COLUMNS = (
    "seq",
    "lower_number",
    "lower_name",
    "upper_number",
    "upper_name",
    "relation",
    "attribute_changed",
    "downgraded",
    "lower_attribute",
    "upper_attribute",
    "lower_target",
    "upper_target",
    "score",
)


def diff_record(result: dict[str, Any], path: str, sha256: str, meta: Any) -> Record:
    """Flatten a `DiffResult.to_dict()` into one summary row and its indicator pairs.

    Counts are taken from the pair lists rather than from `summary`, whose keys are the diff
    module's to choose; `summary` is kept whole as JSON beside them.
    """
    indicators = [_indicator_pair(i, pair) for i, pair in enumerate(result.get("indicators") or [])]
    relations = [p["relation"] for p in indicators]
    tasks = [t.get("match") for t in result.get("tasks") or []]
    columns = result.get("columns") or []
    upper = result.get("upper") or {}
    lower = result.get("lower") or {}
    consistent = (result.get("basis") or {}).get("consistent")
    row: Record = {
        "path": path,
        "sha256": sha256,
        "place": lower.get("place") or getattr(meta, "place", None),
        "title": lower.get("title") or getattr(meta, "title", None),
        "upper_path": upper.get("file"),
        "upper_place": upper.get("place"),
        "indicators_matched": sum(1 for p in indicators if p["lower_name"] and p["upper_name"]),
        "indicators_same": relations.count("same"),
        "indicators_lower_stricter": relations.count("lower_stricter"),
        "indicators_lower_looser": relations.count("lower_looser"),
        "indicators_incomparable": relations.count("incomparable"),
        "indicators_only_lower": relations.count("only_lower"),
        "indicators_only_upper": relations.count("only_upper"),
        "attribute_changes": sum(1 for p in indicators if p["attribute_changed"]),
        "attribute_downgrades": sum(p["downgraded"] for p in indicators),
        "columns_matched": sum(1 for c in columns if c.get("lower") and c.get("upper")),
        "columns_only_lower": sum(1 for c in columns if c.get("lower") and not c.get("upper")),
        "columns_only_upper": sum(1 for c in columns if c.get("upper") and not c.get("lower")),
        "tasks_full": tasks.count("full"),
        "tasks_partial": tasks.count("partial"),
        "tasks_only_lower": tasks.count("only_lower"),
        "tasks_only_upper": tasks.count("only_upper"),
        "lead_changed": sum(1 for t in result.get("tasks") or [] if t.get("lead_changed")),
        "basis_consistent": None if consistent is None else int(bool(consistent)),
        "summary": json.dumps(result.get("summary"), ensure_ascii=False),
        "error": None,
    }
    return {"diff": row, "indicators": indicators}


def diff_error_row(record: Record) -> Record:
    row: Record = dict.fromkeys(DIFF_COLUMNS)
    row.update(path=record["path"], sha256=record.get("source_sha256"), error=record["error"])
    return row


def _indicator_pair(seq: int, pair: dict[str, Any]) -> Record:
    lower, upper = pair.get("lower") or {}, pair.get("upper") or {}
    changed = pair.get("attribute_changed")
    return {
        "seq": seq,
        "lower_number": lower.get("number"),
        "lower_name": lower.get("name"),
        "upper_number": upper.get("number"),
        "upper_name": upper.get("name"),
        "relation": pair.get("relation"),
        "attribute_changed": None if changed is None else int(bool(changed)),
        "downgraded": int(bool(pair.get("downgraded", _downgrade(lower, upper)))),
        "lower_attribute": lower.get("attribute"),
        "upper_attribute": upper.get("attribute"),
        "lower_target": _target_text(lower.get("target")),
        "upper_target": _target_text(upper.get("target")),
        "score": pair.get("score"),
    }


def _target_text(target: Any) -> str | None:
    if isinstance(target, dict):
        return target.get("raw")
    return None if target is None else str(target)


def _downgrade(lower: dict[str, Any], upper: dict[str, Any]) -> bool:
    """A binding (约束性) upper indicator that the lower plan keeps but no longer binds."""
    return bool(lower) and upper.get("attribute") == BINDING and lower.get("attribute") != BINDING


# --- parallel map ---------------------------------------------------------------------------


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


# --- the batch ------------------------------------------------------------------------------


class Writer(Protocol):
    """Where records go: JSONL file, CSV folder or SQLite database."""

    def known(self, sha256: str) -> bool: ...

    def add(self, record: Record) -> Record:
        """Store a record; returns it as stored (an error record if it could not be)."""
        ...

    def close(self) -> None: ...


@dataclass
class BatchStats:
    total: int = 0
    documents: int = 0
    errors: int = 0
    skipped: int = 0


Progress = Callable[[str, Record | None], None]
"""Called once per input: ("skipped", None) or ("done", record)."""


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
) -> BatchStats:
    """Run `work` over `paths` on `jobs` processes and stream every record into `writer`."""
    stats = BatchStats(total=len(paths))
    notify = progress or (lambda _event, _record: None)

    def todo() -> Iterator[str]:
        for path in paths:
            if resume and _already_done(path, writer):
                stats.skipped += 1
                notify("skipped", None)
                continue
            yield path

    size = chunksize or max(1, min(8, len(paths) // (8 * max(jobs, 1))))
    for result in run_parallel(todo(), work, jobs, size, initializer, initargs):
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
    """
    try:
        import dask.bag as db
        from dask.distributed import Client
    except ImportError:
        raise BatchInputError(
            "--engine dask needs the optional extra: pip install 'planparse[dask]'"
        ) from None
    os.makedirs(out_dir, exist_ok=True)
    with Client(scheduler):
        absolute = [os.path.abspath(p) for p in paths]
        bag = db.from_sequence(absolute, partition_size=partition_size)
        bag = bag.map(parse_one).map(jsonl_line)
        bag.to_textfiles(
            os.path.join(out_dir, "part-*.jsonl"),
            name_function=lambda index: f"{index:05d}",
            encoding="utf-8",
            last_endline=True,
        )


def jsonl_line(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


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


# --- JSONL writers and choosing a writer ----------------------------------------------------

_FIRST_SHA = re.compile(rb'^\{"source_sha256":\s*"([0-9a-f]{64})"')


def errors_sidecar(path: str) -> str:
    """out.jsonl -> out.errors.jsonl: JSONL output keeps documents only, one schema a line."""
    root, _ = os.path.splitext(path)
    return root + ".errors.jsonl"


def jsonl_hashes(path: str) -> set[str]:
    """`source_sha256` of every complete document line; a torn last line is cut off."""
    _trim_torn_line(path)
    hashes: set[str] = set()
    with open(path, "rb") as handle:
        for line in handle:
            found = _FIRST_SHA.match(line)
            if found:
                hashes.add(found.group(1).decode())
                continue
            try:
                sha256 = json.loads(line).get("source_sha256") if line.strip() else None
            except (ValueError, AttributeError):
                sha256 = None
            if isinstance(sha256, str):
                hashes.add(sha256)
    return hashes


def _trim_torn_line(path: str) -> None:
    # An interrupted run can leave half a line; appending after it would corrupt the next.
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        keep, position = 0, size
        while position > 0:
            step = min(1 << 16, position)
            position -= step
            handle.seek(position)
            block = handle.read(step)
            if (cut := block.rfind(b"\n")) >= 0:
                keep = position + cut + 1
                break
        handle.truncate(keep)


class JsonlWriter:
    """Documents as JSON lines; errors of the latest run in the `.errors.jsonl` beside it."""

    def __init__(self, path: str, *, resume: bool = False) -> None:
        exists = os.path.exists(path)
        self.hashes = jsonl_hashes(path) if resume and exists else set()
        _make_parent(path)
        self.handle = open(path, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115
        self.errors_path = errors_sidecar(path)
        if os.path.exists(self.errors_path):
            os.remove(self.errors_path)
        self.errors: Any = None

    def known(self, sha256: str) -> bool:
        return sha256 in self.hashes

    def add(self, record: Record) -> Record:
        if is_error(record):
            if self.errors is None:
                self.errors = open(self.errors_path, "w", encoding="utf-8")  # noqa: SIM115
            self.errors.write(jsonl_line(record) + "\n")
        else:
            self.handle.write((record.get("jsonl") or jsonl_line(record)) + "\n")
        return record

    def close(self) -> None:
        self.handle.close()
        if self.errors is not None:
            self.errors.close()


class DiffJsonlWriter:
    """One batch-diff summary row a line, with its indicator pairs under `indicators`."""

    def __init__(self, path: str) -> None:
        _make_parent(path)
        self.handle = open(path, "w", encoding="utf-8")  # noqa: SIM115

    def known(self, sha256: str) -> bool:
        return False

    def add(self, record: Record) -> Record:
        row = (
            diff_error_row(record)
            if is_error(record)
            else {**record["diff"], "indicators": record["indicators"]}
        )
        self.handle.write(jsonl_line(row) + "\n")
        return record

    def close(self) -> None:
        self.handle.close()


def _make_parent(path: str) -> None:
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)


def open_writer(kind: str, out: str, *, resume: bool = False) -> Writer:
    """The writer for `planparse batch` output: jsonl, csv (a folder) or sqlite."""
    try:
        if kind == "jsonl":
            return JsonlWriter(out, resume=resume)
        if kind == "sqlite":
            from planparse.render.sqlite_out import SqliteWriter

            _make_parent(out)
            return SqliteWriter(out, resume=resume)
        if kind == "csv":
            from planparse.render.csv_out import CsvWriter

            return CsvWriter(out, resume=resume)
    except Exception as exc:  # a read-only folder, a file that is not a database, ...
        raise BatchInputError(f"{out}: cannot write: {exc}") from None
    raise BatchInputError(f"unknown output format {kind!r}: use jsonl, csv or sqlite")


def diff_output_kind(out: str) -> str:
    suffix = Path(out).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    raise BatchInputError(f"--out {out}: use a .csv, .jsonl or .sqlite/.db file")


def open_diff_writer(out: str) -> Writer:
    """The writer for `planparse batch-diff` output, chosen by the extension of `out`."""
    kind = diff_output_kind(out)
    try:
        if kind == "jsonl":
            return DiffJsonlWriter(out)
        _make_parent(out)
        if kind == "sqlite":
            from planparse.render.sqlite_out import DiffSqliteWriter

            return DiffSqliteWriter(out)
        from planparse.render.csv_out import DiffCsvWriter

        return DiffCsvWriter(out)
    except Exception as exc:
        raise BatchInputError(f"{out}: cannot write: {exc}") from None
