"""JSONL output: a record as one line, the writers, and the hashes `--resume` skips."""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any

from planparse.dataset.diff_rows import diff_error_row
from planparse.dataset.records import Record, is_error


def jsonl_line(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def plan_line(plan: Any, sha256: str) -> str:
    """``jsonl_line({"source_sha256": sha256, **plan.to_dict()})``, the same text, written by
    orjson from the plan's dataclasses themselves: no dict tree is built first and the
    encoding runs in C (a tenth of a batch worker's time per document).

    orjson writes every value as the standard encoder does except numbers below 1e-4
    (``0.00001`` for ``1e-05``) and numbers that are not finite (``null`` for ``NaN``), and it
    refuses a few values (integers beyond 64 bits): a plan holding any of these is written
    by the standard encoder.
    """
    import orjson

    try:
        data = orjson.dumps({"source_sha256": sha256, **plan.json_fields()})
    except TypeError:  # orjson.JSONEncodeError: a value it cannot write
        data = None
    if data is None or _small_number(data) or not _finite_numbers(plan):
        return jsonl_line({"source_sha256": sha256, **plan.to_dict()})
    return data.decode("utf-8")


def _small_number(data: bytes) -> bool:
    """Whether orjson's text may hold a number below 1e-4 (0.00001, 2.5e-7); text that looks
    the same only costs the slower encoder. (Substring tests first: a regex over the whole
    line costs as much as writing it.)"""
    return b"0.0000" in data or (b"e-" in data and re.search(rb"\de-", data) is not None)


def _finite_numbers(plan: Any) -> bool:
    """Whether every float of the plan is finite: targets read off the text (a long enough
    digit string reads as inf), and the scores."""
    numbers = [i.target.value for i in plan.indicators if i.target is not None]
    numbers += [u.score for t in plan.tasks if t.responsibility for u in t.responsibility.units]
    numbers += [tool.score for t in plan.tasks for tool in t.tools]
    numbers += [tool.score for c in plan.columns for i in c.items for tool in i.tools]
    return all(math.isfinite(n) for n in numbers if isinstance(n, float))


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
        make_parent(path)
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
        make_parent(path)
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


def make_parent(path: str) -> None:
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
