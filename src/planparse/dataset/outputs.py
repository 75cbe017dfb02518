"""Choosing the writer: from `--out` (and `--format`) to a JSONL, CSV or SQLite writer."""

from __future__ import annotations

import os
from pathlib import Path

from planparse.dataset.jsonl import DiffJsonlWriter, JsonlWriter, make_parent
from planparse.dataset.records import BatchInputError, Writer

JSONL_SUFFIXES = (".jsonl", ".ndjson")
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


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


def open_writer(kind: str, out: str, *, resume: bool = False) -> Writer:
    """The writer for `planparse batch` output: jsonl, csv (a folder) or sqlite."""
    try:
        if kind == "jsonl":
            return JsonlWriter(out, resume=resume)
        if kind == "sqlite":
            from planparse.dataset.sqlite import SqliteWriter

            make_parent(out)
            return SqliteWriter(out, resume=resume)
        if kind == "csv":
            from planparse.dataset.csv import CsvWriter

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
    if suffix == ".xlsx":
        return "xlsx"
    raise BatchInputError(f"--out {out}: use a .csv, .jsonl, .xlsx or .sqlite/.db file")


def open_diff_writer(out: str) -> Writer:
    """The writer for `planparse batch-diff` output, chosen by the extension of `out`."""
    kind = diff_output_kind(out)
    try:
        if kind == "jsonl":
            return DiffJsonlWriter(out)
        make_parent(out)
        if kind == "sqlite":
            from planparse.dataset.sqlite import DiffSqliteWriter

            return DiffSqliteWriter(out)
        if kind == "xlsx":
            from planparse.dataset.xlsx import DiffXlsxWriter

            return DiffXlsxWriter(out)
        from planparse.dataset.csv import DiffCsvWriter

        return DiffCsvWriter(out)
    except Exception as exc:
        raise BatchInputError(f"{out}: cannot write: {exc}") from None
