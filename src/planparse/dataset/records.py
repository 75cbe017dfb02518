"""What flows through a batch: records, the writers they go to, and the run's counts.

A record is either a document (the `parse --format json` document with `source_sha256`
first) or an error record (`{"error": reason, "path": ..., "source_sha256": ...}`), so a bad
file never stops a batch. Every other module of the package speaks in these terms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

Record = dict[str, Any]


class BatchInputError(Exception):
    """Nothing to do, or an output that cannot be used: the whole batch stops (exit 2)."""


def error_record(path: str, reason: str, sha256: str | None = None) -> Record:
    return {"error": reason, "path": path, "source_sha256": sha256}


def is_error(record: Record) -> bool:
    return "error" in record


def describe_error(exc: BaseException) -> str:
    from planparse.model import PlanParseError

    if isinstance(exc, PlanParseError):
        return exc.message
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    # Not the user's fault: say so, so that it gets reported rather than worked around.
    return f"internal error ({type(exc).__name__}: {exc})"


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
